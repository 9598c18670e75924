"""Fonts of the exports, and Vega-Lite specs rendered to PNG for the documents."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path

from playbook.export.document import Block, Document, Figure, Timeline

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


def with_images(document: Document) -> Document:
    """The document with each Timeline as a chart image, for the writers that cannot
    draw one (DOCX, HTML, Markdown)."""

    def image(block: Block) -> Block:
        if isinstance(block, Timeline):
            spec = block.spec()
            return Figure(render_png(spec), block.caption, int(spec.get("width", 640)))
        return block

    sections = [replace(s, blocks=[image(b) for b in s.blocks]) for s in document.sections]
    return replace(document, sections=sections)
