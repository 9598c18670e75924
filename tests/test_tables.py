"""Page tables go to ``st.dataframe`` as Arrow, and show the same cells as through pandas."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from streamlit import dataframe_util

from pages.shared import tables


def _shown(data) -> pd.DataFrame:
    """What the browser gets, read back as a frame."""
    return dataframe_util.convert_arrow_bytes_to_pandas_df(
        dataframe_util.convert_anything_to_arrow_bytes(data)
    )


def test_text_and_number_columns_are_an_arrow_table_with_the_same_cells():
    columns = {"杠杆": ["购买提升", "留存提升"], "金额": ["453,900", "150,000"], "月": [1, 2]}
    built = tables.table(columns)
    assert isinstance(built, pa.Table)
    assert _shown(built).to_dict("list") == _shown(pd.DataFrame(columns)).to_dict("list")
    assert list(_shown(built).columns) == ["杠杆", "金额", "月"]


def test_rows_under_headers():
    built = tables.from_rows(["a", "b"], [("x", "1"), ("y", "2")])
    assert _shown(built).to_dict("list") == {"a": ["x", "y"], "b": ["1", "2"]}


def test_a_mixed_or_empty_column_goes_through_pandas():
    assert isinstance(tables.table({"a": [1, "x"]}), pd.DataFrame)
    empty = tables.table({"a": [], "b": []})
    assert isinstance(empty, pd.DataFrame) and list(empty.columns) == ["a", "b"]
    assert tables.arrow({"a": [None, None]}) is None
    assert isinstance(tables.table({"a": [2**70, 1]}), pd.DataFrame)  # beyond 64-bit integers
