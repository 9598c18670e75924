"""A script run's events reach the event loop batched, in order, each once (``handoff``)."""

from __future__ import annotations

import asyncio
import threading

from streamlit.runtime.scriptrunner import ScriptRunnerEvent

from pages.shared import handoff

MESSAGE = ScriptRunnerEvent.ENQUEUE_FORWARD_MSG
DONE = ScriptRunnerEvent.SCRIPT_STOPPED_WITH_SUCCESS


class FakeSession:
    """The three things ``handoff`` uses of Streamlit's ``AppSession``."""

    def __init__(self, loop: asyncio.AbstractEventLoop, fail_on: int | None = None):
        self._event_loop = loop
        self.handled: list[tuple[ScriptRunnerEvent, int]] = []
        self.wakes = 0
        self.fail_on = fail_on
        self.finished = asyncio.Event()

    def _call_soon_on_event_loop(self, callback) -> None:
        self.wakes += 1
        self._event_loop.call_soon_threadsafe(callback)

    def _handle_scriptrunner_event_on_event_loop(self, sender, event, forward_msg=None) -> None:
        assert threading.current_thread() is threading.main_thread()
        if forward_msg == self.fail_on:
            raise RuntimeError("a handler failed")
        self.handled.append((event, forward_msg))
        if event is DONE:
            self.finished.set()


def _run_from_a_script_thread(events, fail_on: int | None = None) -> FakeSession:
    """Send ``events`` from a thread of their own, as a script run does; the session once
    the loop has handled them all and gone quiet."""

    async def main() -> FakeSession:
        session = FakeSession(asyncio.get_running_loop(), fail_on)

        def script() -> None:
            for event, n in events:
                handoff.on_event(session, "runner", event=event, forward_msg=n)

        thread = threading.Thread(target=script)
        thread.start()
        await asyncio.wait_for(session.finished.wait(), 10)
        thread.join()
        await asyncio.sleep(3 * handoff.WINDOW)  # the last look finds nothing and stops
        return session

    return asyncio.run(main())


def test_a_runs_messages_arrive_in_order_each_once_with_few_wake_ups():
    events = [(MESSAGE, n) for n in range(2_000)] + [(DONE, 2_000)]
    session = _run_from_a_script_thread(events)
    assert session.handled == events
    # Streamlit's own hand-off woke the loop once per event: 2,001 times
    assert session.wakes < 200
    assert handoff._queue(session).armed is False  # quiet again: the next event wakes


def test_an_event_that_is_not_a_message_wakes_the_loop_even_while_it_will_look_again():
    loop = asyncio.new_event_loop()
    session = FakeSession(loop)
    handoff.on_event(session, "runner", event=MESSAGE, forward_msg=1)
    assert session.wakes == 1
    handoff.on_event(session, "runner", event=MESSAGE, forward_msg=2)
    assert session.wakes == 1  # the loop is already coming
    handoff.on_event(session, "runner", event=DONE, forward_msg=3)
    assert session.wakes == 2
    loop.run_until_complete(asyncio.sleep(3 * handoff.WINDOW))
    loop.close()
    assert [n for _, n in session.handled] == [1, 2, 3]


def test_a_failing_handler_loses_no_later_event():
    events = [(MESSAGE, n) for n in range(10)] + [(DONE, 10)]
    session = _run_from_a_script_thread(events, fail_on=5)
    assert session.handled == [e for e in events if e[1] != 5]


def test_queued_messages_are_flagged_without_the_wake_up_socket_from_the_loops_thread():
    class Objects:
        def __init__(self, loop):
            self.eventloop = loop
            self.need_send_data = asyncio.Event()

    class Runtime:
        def __init__(self, objects):
            self.objects = objects

        def _get_async_objs(self):
            return self.objects

    async def main() -> tuple[bool, bool]:
        loop = asyncio.get_running_loop()
        objects = Objects(loop)
        writes = []
        original = loop.call_soon_threadsafe

        def counted(callback, *args, **kwargs):
            if callback == objects.need_send_data.set:
                writes.append(callback)
            return original(callback, *args, **kwargs)

        loop.call_soon_threadsafe = counted  # type: ignore[method-assign,assignment]
        handoff.message_queued(Runtime(objects))
        on_loop = objects.need_send_data.is_set() and not writes
        objects.need_send_data.clear()
        await asyncio.to_thread(handoff.message_queued, Runtime(objects))
        from_thread = len(writes) == 1
        await asyncio.wait_for(objects.need_send_data.wait(), 5)
        return on_loop, from_thread

    assert asyncio.run(main()) == (True, True)


def test_install_routes_streamlits_session_events_and_notices_through_the_hand_off():
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.runtime import Runtime

    before = AppSession._on_scriptrunner_event, Runtime._enqueued_some_message
    try:
        handoff.install()
        assert Runtime._enqueued_some_message is handoff.message_queued
        assert AppSession._on_scriptrunner_event.__module__ == handoff.__name__
    finally:
        AppSession._on_scriptrunner_event = before[0]  # type: ignore[method-assign]
        Runtime._enqueued_some_message = before[1]  # type: ignore[method-assign]


def _messages_after_a_failed_back_message(tmp_path) -> list[str]:
    """What Streamlit's own session queues for the browser when handling a message from
    it fails (it sends run events, then the exception, and relies on their order)."""
    from unittest.mock import MagicMock

    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.script_data import ScriptData
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    script = tmp_path / "page.py"
    script.write_text("import streamlit as st\n")

    async def main() -> list[str]:
        session = AppSession(ScriptData(str(script), False), MagicMock(), ScriptCache(), None, {})
        try:
            session.handle_backmsg_exception(RuntimeError("a failing message"))
            await asyncio.sleep(5 * handoff.WINDOW)
            return [str(m.WhichOneof("type")) for m in session.flush_browser_queue()]
        finally:
            session.shutdown()

    return asyncio.run(main())


def test_a_real_session_queues_the_same_messages_in_the_same_order(tmp_path, monkeypatch):
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.runtime import Runtime

    own = _messages_after_a_failed_back_message(tmp_path)
    monkeypatch.setattr(AppSession, "_on_scriptrunner_event", AppSession._on_scriptrunner_event)
    monkeypatch.setattr(Runtime, "_enqueued_some_message", Runtime._enqueued_some_message)
    handoff.install()
    assert _messages_after_a_failed_back_message(tmp_path) == own
    assert own[-1] == "delta"  # the exception comes after the run's events
