"""QR codes for links a room scans (a workshop's join link, a plan's links).

Made with segno, a pure-Python encoder. The SVG has no fixed size (a view box only), so it
fills whatever box a page or slide gives it and stays sharp on a projector; the PNG is for
documents and decks. Both keep a quiet zone of four modules and a white background, so a
phone (WeChat's scanner included) reads them on a dark theme too.
"""

from __future__ import annotations

import base64
import functools
import io

import segno

QUIET_ZONE = 4  # modules of white around the code, as the standard asks
DARK, LIGHT = "#000000", "#ffffff"


def _code(data: str) -> segno.QRCode:
    # level M, raised when the version has room: a projector's glare and a phone held at a
    # distance lose some modules
    return segno.make_qr(data, error="m", boost_error=True)


def svg(data: str) -> str:
    """The QR code of ``data`` as an SVG element that scales to its container."""
    out = io.BytesIO()
    _code(data).save(
        out,
        kind="svg",
        border=QUIET_ZONE,
        dark=DARK,
        light=LIGHT,
        xmldecl=False,
        svgns=True,
        omitsize=True,
        svgclass="qr",
        title=data,
    )
    return out.getvalue().decode("utf-8")


@functools.lru_cache(maxsize=512)
def svg_data_uri(data: str) -> str:
    """The SVG as a ``data:`` address, for an ``<img>`` (pages that sanitise inline SVG).

    Kept per link: a page that shows a plan's links draws their codes on every run, and
    encoding one costs more than drawing the rest of the page."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(data).encode("utf-8")).decode()


def png(data: str, scale: int = 12) -> bytes:
    """The QR code of ``data`` as a PNG, ``scale`` pixels to a module."""
    out = io.BytesIO()
    _code(data).save(out, kind="png", border=QUIET_ZONE, dark=DARK, light=LIGHT, scale=scale)
    return out.getvalue()
