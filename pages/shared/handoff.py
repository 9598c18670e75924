"""How a script run's messages reach the server's event loop, batched (used by ``launch``).

Streamlit 1.67 hands every event of a script run (each element drawn is one) from the
script's thread to the event loop with ``call_soon_threadsafe``: a write to the loop's
wake-up socket per element, which wakes the loop, which takes the interpreter lock from
the script to queue that one message (and writes to the wake-up socket again, from the
loop's own thread, to say a message is queued). A page of 60 elements made about 120
wake-ups, and under 200 sessions those writes were 14 % of the server's samples.

Here the events of a session wait in a queue of their own. The first one after a quiet
moment wakes the loop at once; the loop then takes whatever has arrived every
``WINDOW`` seconds while events keep coming, and stops looking when a look finds none.
Every event other than a message (a run starting or ending, a fragment done, a shutdown)
wakes the loop at once, so a run's end reaches the browser no later than before. Events
are handled in the order they were sent, each exactly once, by Streamlit's own handler.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import deque
from typing import Any

WINDOW = 0.004  # Streamlit itself flushes the queued messages at most every 5 ms

_LOG = logging.getLogger(__name__)


class _Queue:
    """A session's events not yet handled on the event loop."""

    __slots__ = ("armed", "events", "lock", "timer")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.events: deque[tuple[Any, Any, dict[str, Any]]] = deque()
        self.armed = False  # the loop will look again without being woken
        self.timer: asyncio.TimerHandle | None = None  # touched on the loop's thread only


_MADE = threading.Lock()


def _queue(session: Any) -> _Queue:
    queue = session.__dict__.get("_handoff")
    if queue is None:
        with _MADE:
            queue = session.__dict__.setdefault("_handoff", _Queue())
    return queue


def on_event(session: Any, sender: Any, event: Any, **kwargs: Any) -> None:
    """``AppSession._on_scriptrunner_event``: queue the event; wake the loop when it is
    not already going to look, or when the event is not a message."""
    from streamlit.runtime.scriptrunner import ScriptRunnerEvent

    queue = _queue(session)
    with queue.lock:
        queue.events.append((sender, event, kwargs))
        wake = not queue.armed or event is not ScriptRunnerEvent.ENQUEUE_FORWARD_MSG
        queue.armed = True
    if wake:
        session._call_soon_on_event_loop(lambda: drain(session))


def drain(session: Any) -> None:
    """Handle the queued events in order (on the event loop); look again in ``WINDOW``
    seconds if there were any."""
    queue = _queue(session)
    if queue.timer is not None:
        queue.timer.cancel()
        queue.timer = None
    with queue.lock:
        events = list(queue.events)
        queue.events.clear()
        if not events:
            queue.armed = False
            return
    try:
        for sender, event, kwargs in events:
            try:
                session._handle_scriptrunner_event_on_event_loop(sender, event, **kwargs)
            except Exception:  # as asyncio would for a callback of its own: log, go on
                _LOG.exception("Error handling %s", event)
    finally:
        queue.timer = session._event_loop.call_later(WINDOW, drain, session)


def message_queued(runtime: Any) -> None:
    """``Runtime._enqueued_some_message``: mark messages to send; through the wake-up
    socket only when called from another thread than the loop's."""
    objects = runtime._get_async_objs()
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is objects.eventloop:
        objects.need_send_data.set()
    else:
        objects.eventloop.call_soon_threadsafe(objects.need_send_data.set)


def install() -> None:
    """Route Streamlit's script events and queued-message notices through this module."""
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.runtime import Runtime

    def _on_scriptrunner_event(self: AppSession, sender: Any, event: Any, **kwargs: Any) -> None:
        on_event(self, sender, event, **kwargs)

    AppSession._on_scriptrunner_event = _on_scriptrunner_event  # type: ignore[method-assign,assignment]
    Runtime._enqueued_some_message = message_queued  # type: ignore[method-assign,assignment]
