"""A workshop room on the pages: slides, QR codes and the shared timer's face."""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from functools import partial

import streamlit as st

from pages.shared import session
from playbook import qr
from playbook.cases import cases
from playbook.errors import PlaybookError
from playbook.room import Face, Timer, slide_fit
from playbook.storage import RoomStore
from playbook.workshop import Slide, Workshop, build_deck

TEAM_POLL_SECONDS = 5  # how often a team's plan page asks whether a timer runs


@st.cache_resource(show_spinner=False)
def rooms() -> RoomStore:
    return RoomStore(session.shared_store())


def join_url(code: str) -> str:
    """The link a team scans or follows to join: the home page with the code filled in."""
    return session.site_url("", {"join": code, "lang": session.lang()})


def screen_url(token: str) -> str:
    return session.site_url("screen", {"screen": token, "lang": session.lang()})


def qr_code(link: str, width: int) -> None:
    """A scannable QR code of ``link``, ``width`` pixels wide (or the column's width)."""
    st.html(
        f'<div class="pb-qr" style="width:{width}px;max-width:100%;line-height:0">'
        f"{qr_img(link)}</div>"
    )


def qr_img(link: str) -> str:
    """An ``<img>`` of the QR code of ``link``, as wide as its box."""
    alt = html.escape(session.tr("room.qr_alt"), quote=True)
    return f'<img src="{qr.svg_data_uri(link)}" alt="{alt}" style="width:100%;height:auto">'


def deck(workshop: Workshop) -> list[Slide | None]:
    """The room's slides: the join slide (``None``) first, then the agenda's deck."""
    return [None, *build_deck(workshop, session.playbook_content(), cases(), session.lang())]


def _items(values: list[str]) -> str:
    return "".join(f"<li>{html.escape(v)}</li>" for v in values)


def slide_html(slide: Slide | None, workshop: Workshop) -> str:
    """A slide as HTML (the page's own CSS sizes it): title, points, questions, snippet;
    the join slide shows the code, its QR code and the link."""
    if slide is None:
        link = join_url(workshop.code)
        return (
            "<div class='slide join'><div class='join-text'>"
            f"<h1>{html.escape(session.tr('room.join_title'))}</h1>"
            f"<p class='how'>{html.escape(session.tr('room.join_how'))}</p>"
            f"<p class='code'>{html.escape(workshop.code)}</p>"
            f"<p class='link'>{html.escape(link)}</p></div>"
            f"<div class='join-qr'>{qr_img(link)}</div></div>"
        )
    fit = slide_fit(slide.title, slide.points, slide.questions, slide.snippet)
    parts = [
        f"<div class='slide' style='--fit:{fit}'><h1>{html.escape(slide.title)}</h1>"
        f"<ul>{_items(slide.points)}</ul>"
    ]
    if slide.questions:
        parts.append(
            f"<div class='q'>{html.escape(session.tr('ws.discuss'))}"
            f"<ul>{_items(slide.questions)}</ul></div>"
        )
    if slide.snippet:
        parts.append(f"<div class='snippet'>{html.escape(slide.snippet)}</div>")
    parts.append("</div>")
    return "".join(parts)


def slide_title(slide: Slide | None) -> str:
    return session.tr("room.join_title") if slide is None else slide.title


# A countdown the browser runs by itself between the page's polls: a registered integer
# property animated in one-second steps, shown through CSS counters (no script). The "<"
# of the property's syntax is escaped: the page's HTML sanitiser drops a style holding "<".
_COUNTDOWN_CSS = """
<style>
@property --pb-left { syntax: '\\3C integer>'; inherits: true; initial-value: 0; }
@property --pb-min { syntax: '\\3C integer>'; inherits: true; initial-value: 0; }
.pb-count { --pb-min: calc((var(--pb-left) - 30) / 60);
  counter-reset: pbm var(--pb-min) pbs calc(var(--pb-left) - var(--pb-min) * 60);
  font-variant-numeric: tabular-nums; }
.pb-count::after {
  content: counter(pbm, decimal-leading-zero) ":" counter(pbs, decimal-leading-zero); }
</style>
"""


def countdown_html(timer: Timer, now: float, css_class: str = "") -> str:
    """The timer's face as HTML: ticking by itself while it runs, still otherwise."""
    face = timer.face(now)
    if not face.running:
        return f"<span class='{css_class}'>{face.display}</span>"
    left = face.seconds_left
    offset = left - timer.remaining(now)  # the part of the current second already gone
    # the element before its styles: a sanitiser drops a fragment's leading <style>
    return (
        f"<span class='pb-count {css_class}' role='timer' aria-label='{face.display}' "
        f"style='--pb-left:{left};animation:pb-count-{left} {left}s steps({left}, end) "
        f"-{offset:.3f}s forwards'></span>"
        + _COUNTDOWN_CSS
        + f"<style>@keyframes pb-count-{left} {{ from {{ --pb-left: {left}; }}"
        f" to {{ --pb-left: 0; }} }}</style>"
    )


TIMER_ACTIONS = (
    ("start", ":material/play_arrow:"),
    ("pause", ":material/pause:"),
    ("reset", ":material/restart_alt:"),
)


def timer_buttons(
    act: Callable[[str], None], key: str, face: Face | None = None, primary_start: bool = False
) -> None:
    """Start, pause and reset in a row; ``act`` gets the action. Given the timer's ``face``,
    the buttons that would do nothing now are disabled."""
    idle = {
        "start": face is not None and (face.running or face.finished),
        "pause": face is not None and not face.running,
        "reset": False,
    }
    for column, (action, icon) in zip(st.columns(3), TIMER_ACTIONS, strict=True):
        column.button(
            session.tr(f"ws.{action}"),
            icon=icon,
            on_click=act,
            args=(action,),
            width="stretch",
            type="primary" if primary_start and action == "start" else "secondary",
            disabled=idle[action],
            key=f"{key}.{action}",
        )


def _team_clock(workshop_id: str) -> None:
    try:
        timer = rooms().timer(workshop_id)
    except PlaybookError:
        return
    now = time.time()
    if timer is None:
        return
    paused_midway = timer.ends_at is None and 0 < timer.left < timer.seconds
    if not (timer.shown_to_teams(now) or paused_midway):
        return
    face = timer.face(now)
    state = "ws.times_up" if face.finished else "ws.running" if face.running else "ws.paused"
    colour = "#c62828" if face.finished else "#0b3d91" if face.running else "#57606a"
    st.html(
        f"<div class='pb-team-timer' style='display:flex;gap:1rem;align-items:baseline;"
        f"border:2px solid {colour};border-radius:.6rem;padding:.35rem 1rem;color:{colour}'>"
        f"<span style='font-weight:600'>{html.escape(session.tr('room.team_timer'))}</span>"
        f"<span style='font-size:2rem;font-weight:700'>{countdown_html(timer, now)}</span>"
        f"<span>{html.escape(session.tr(state))}</span></div>"
    )


def team_clock(plan_id: str) -> Callable[[], None] | None:
    """On a team's plan page: what draws the workshop's exercise timer while it runs (or
    is paused midway, or ended a minute ago), to be run every few seconds (one
    primary-key lookup); None for a plan outside any workshop, which costs nothing."""
    known = st.session_state.setdefault("_team_workshop", {})
    if plan_id not in known:
        try:
            known[plan_id] = rooms().workshop_of(plan_id)
        except PlaybookError:
            return None
    workshop_id = known[plan_id]
    return None if workshop_id is None else partial(_team_clock, workshop_id)
