"""Document -> a standalone HTML file (via Markdown, markdown-it-py with raw HTML off),
styled for screen and for "print to PDF"."""

from __future__ import annotations

import base64
import html
from dataclasses import replace

from markdown_it import MarkdownIt

from playbook.export.document import Block, Document, Figure, Paragraph
from playbook.export.figures import with_images
from playbook.export.markdown_writer import to_markdown

_CSS = """
:root { color-scheme: light; }
body { font-family: "Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei",
  "Source Han Sans SC", system-ui, sans-serif; line-height: 1.6; color: #1f2328;
  max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.9rem; border-bottom: 3px solid #1F6FEB; padding-bottom: .3rem; }
h2 { font-size: 1.45rem; margin-top: 2.2rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.15rem; margin-top: 1.6rem; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; font-size: .92rem; }
th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
th { background: #f3f6fa; }
img { max-width: 100%; height: auto; }
figure { margin: 1rem 0; } figcaption { color: #57606a; font-size: .9rem; }
em { color: #57606a; }
@media (max-width: 640px) {
  body { padding: 0 .75rem; margin: 1rem auto; }
  table { display: block; overflow-x: auto; font-size: .85rem; }
  th, td { min-width: 6.5em; }
}
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h1, h2, h3 { break-after: avoid; break-inside: avoid; }
  tr, img, figure, li { break-inside: avoid; }
  thead { display: table-header-group; }
  p, li { orphans: 2; widows: 2; }
}
"""

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def _figure(figure: Figure) -> str:
    data = base64.b64encode(figure.png).decode("ascii")
    caption = html.escape(figure.caption)
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{caption}" '
        f'width="{figure.width_px}"><figcaption>{caption}</figcaption></figure>'
    )


def to_html(document: Document) -> str:
    # Figures bypass Markdown (parsing their base64 text is slow): each becomes a marker
    # paragraph that is swapped for an <img> built here, after rendering.
    document = with_images(document)
    figures: list[Figure] = []
    sections = []
    for section in document.sections:
        blocks: list[Block] = []
        for block in section.blocks:
            if isinstance(block, Figure):
                blocks.append(Paragraph(f"FIGURE{len(figures)}MARK"))
                figures.append(block)
            else:
                blocks.append(block)
        sections.append(replace(section, blocks=blocks))
    body = _MD.render(to_markdown(replace(document, sections=sections)))
    for index, figure in enumerate(figures):
        body = body.replace(f"<p>FIGURE{index}MARK</p>", _figure(figure), 1)
    lang = "zh-CN" if document.lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(document.title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
