"""Build NotoSansSC-Common.ttf, the font the PDF export embeds.

Noto Sans SC (SIL Open Font License 1.1, see OFL.txt) ships as a CFF-outline OpenType
font in the PyPI package pylopdf-fonts-zh-cn. Subsetting CFF outlines into a PDF takes
over a second per document, so this script converts the outlines to TrueType and keeps
the characters of GB 2312, Latin, punctuation and every character of the playbook's own
content. Characters outside it fall back to the full font at export time.

Run: .venv/bin/python playbook/export/fonts/make_subset.py   (about a minute)
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont, newTable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from playbook.export.figures import font_file  # noqa: E402


def characters() -> set[int]:
    chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180)) | set(range(0x2000, 0x2070))
    chars |= (
        set(range(0x3000, 0x3040))
        | set(range(0xFF00, 0xFFF0))
        | {0x2190, 0x2192, 0x2264, 0x2265, 0x2248, 0x00D7, 0x00F7}
    )
    for code in range(0x80, 0x10000):
        try:
            chr(code).encode("gb2312")
        except UnicodeEncodeError:
            continue
        chars.add(code)
    for path in (ROOT / "playbook" / "content").glob("*.toml"):
        chars |= {ord(c) for c in path.read_text("utf-8") if ord(c) >= 0x20}
    return chars


def to_truetype(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    # named glyphs (post format 2): without names fontTools derives them from the cmap
    # each time the PDF writer opens the font, a tenth of a second per document
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    font.sfntVersion = "\x00\x01\x00\x00"
    font["head"].glyphDataFormat = 0


def main() -> None:
    font = TTFont(str(font_file()))
    options = Options()
    # the PDF writer sets text without shaping: layout and vertical tables only cost time
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=characters())
    subsetter.subset(font)
    to_truetype(font)
    out = HERE / "NotoSansSC-Common.ttf"
    font.save(str(out))
    print(f"{out.name}: {len(font.getGlyphOrder())} glyphs, {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
