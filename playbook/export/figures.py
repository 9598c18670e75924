"""Fonts of the exports, and Vega-Lite specs rendered to PNG for the documents."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

SUBSET_FONT = Path(__file__).resolve().parent / "fonts" / "NotoSansSC-Common.ttf"


@cache
def font_file() -> Path:
    """Noto Sans SC (SIL Open Font License), shipped by a PyPI package."""
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.__file__).parent / "NotoSansSC-Regular.otf"


@cache
def _converter():
    import vl_convert

    vl_convert.register_font_directory(str(font_file().parent))
    return vl_convert


@cache
def subset_characters() -> frozenset[int]:
    """Code points the embedded subset font covers (see fonts/make_subset.py)."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(SUBSET_FONT), lazy=True).getBestCmap())


@lru_cache(maxsize=64)
def _render(spec_json: str, scale: float) -> bytes:
    return _converter().vegalite_to_png(json.loads(spec_json), scale=scale)


def render_png(spec: dict, scale: float = 1.5) -> bytes:
    """The chart as PNG; the same chart is rendered once per process."""
    return _render(json.dumps(spec, sort_keys=True, ensure_ascii=False), scale)
