"""Charts as Vega-Lite specs, authored with Altair.

The same specs are drawn in the browser (pages cache them, since building and validating
an Altair chart costs ~15 ms) and rendered to PNG for the exported documents. ``width`` is
"container" on a page and a number of pixels in a document. The Altair-built specs are
cached per distinct input (all arguments are strings or numbers); callers treat them as
read-only. The charts rebuilt on every change of an input (the roadmap's timeline, the ROI
waterfall, Dunbar's layers) are written as plain Vega-Lite (``base.layered``).

One module per page that draws them: ``group_size``, ``roi``, ``roadmap``; what they share
is in ``base``.
"""

from __future__ import annotations

from playbook.charts.base import ACCENT, FONT, Width, altair_spec
from playbook.charts.group_size import group_size_spec, group_size_specs
from playbook.charts.roadmap import STATUS_COLOURS, roadmap_spec
from playbook.charts.roi import ROI_CHARTS, roi_spec, roi_specs

__all__ = [
    "ACCENT",
    "FONT",
    "ROI_CHARTS",
    "STATUS_COLOURS",
    "Width",
    "altair_spec",
    "group_size_spec",
    "group_size_specs",
    "roadmap_spec",
    "roi_spec",
    "roi_specs",
]
