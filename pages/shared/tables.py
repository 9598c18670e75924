"""Tables for ``st.dataframe`` and chart datasets as Arrow, built column by column.

Streamlit sends a table to the browser as Arrow: a pandas frame is made and converted on
every call (≈ 0.5–1 ms for a page's small table), an Arrow table is sent as it is. The
tables here are the pages' text-and-number tables; a column without one Arrow type (or
an empty one, whose type Arrow cannot tell) goes through pandas as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pyarrow as pa


def python_strings() -> None:
    """Text columns of pandas frames hold Python strings, for the whole process (the server,
    the tests, the benchmarks). pandas 3 keeps them in Arrow, so each cell read calls into
    Arrow, and the first few dozen Arrow calls of a thread cost ≈ 20 µs each; every rerun
    runs in a new thread (the roadmap's editor read its cells that way)."""
    pd.set_option("mode.string_storage", "python")


def arrow(columns: Mapping[str, Sequence[Any]]) -> pa.Table | None:
    """``columns`` as an Arrow table, or None when a column has no single Arrow type."""
    try:
        table = pa.table({name: list(values) for name, values in columns.items()})
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        return None
    if any(pa.types.is_null(column.type) for column in table.columns):
        return None
    return table


def table(columns: Mapping[str, Sequence[Any]]) -> pa.Table | pd.DataFrame:
    """What ``st.dataframe`` shows for these columns, in the order given."""
    built = arrow(columns)
    return built if built is not None else pd.DataFrame(dict(columns))


def from_rows(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> pa.Table | pd.DataFrame:
    """A table of ``rows`` under ``headers`` (one value a header in each row)."""
    return table({header: [row[i] for row in rows] for i, header in enumerate(headers)})
