"""A data editor's identity from a digest of its data (a correction to Streamlit 1.67).

A data editor whose rows can be added or deleted counts its data as part of its identity:
Streamlit hashes ``str(arrow_bytes)``, the printed form of every byte (four characters for
most of them), on every run. For the 400 kB of a roadmap whose notes are at their longest
that is 3.8 ms; a 128-bit BLAKE2 digest of the bytes takes 0.4 ms. Here the editor's data
is named by that digest before it is hashed with the rest of its arguments, so its
identity still changes when, and only when, its data does.
"""

from __future__ import annotations

import hashlib
from typing import Any


def digest(data: bytes) -> str:
    return "blake2b-128:" + hashlib.blake2b(data, digest_size=16).hexdigest()


def install() -> None:
    """Name a data editor's data by its digest in its identity (once per process)."""
    from streamlit.elements.widgets import data_editor

    original: Any = data_editor.compute_and_register_element_id
    if getattr(original, "digests_data", False):
        return

    def compute_and_register_element_id(element_type: str, **kwargs: Any) -> str:
        data = kwargs.get("data")
        if isinstance(data, bytes):
            kwargs["data"] = digest(data)
        return str(original(element_type, **kwargs))

    compute_and_register_element_id.digests_data = True  # type: ignore[attr-defined]
    compute_and_register_element_id.__wrapped__ = original  # type: ignore[attr-defined]
    data_editor.compute_and_register_element_id = compute_and_register_element_id
