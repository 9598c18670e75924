"""Load test: N concurrent sessions on one server, speaking Streamlit's own websocket
protocol (BackMsg rerun_script -> ForwardMsg script_finished), so the load generator costs
the server's two cores almost nothing.

Each session opens its own plan in the wizard, then for a bounded time alternates: typing
an answer (a widget change that saves to the database), switching to the home page (plan
canvas) and back. Reported: p50/p95/max latency of those interactions, and the server's
peak memory (RSS), for each N. Only loopback is contacted.

Run: .venv/bin/python bench/load.py [--sessions 10 30 50] [--seconds 20] [--every 2] [--live 2.5]
Each tab also runs the live plan's polling as a browser does (``--live 0``: no polling).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from procstat import free_port, peak_rss  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

SUMMARY_KEY = "ans.target.summary"
FRAGMENT_DONE = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY")
EARLY = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
RUN_TIMEOUT = 60.0


class Client:
    """One browser tab. Like a browser, it runs the page's fragment timers (the live
    plan's polling, see bench/live_poll.py) between its own actions."""

    def __init__(self, ws, plan_id: str):
        self.ws = ws
        self.query = f"plan={plan_id}&lang=zh"
        self.widget_id: str | None = None
        self.typed = 0
        self.page = "wizard"
        self.timers: dict[str, asyncio.Task] = {}
        self.finished: asyncio.Queue[float] = asyncio.Queue()
        self.ticks = 0

    def _message(self, page: str, widgets: list | None = None, fragment: str = "") -> bytes:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_name = page
        if widgets:
            state.widget_states.widgets.extend(widgets)
        if fragment:
            state.fragment_id = fragment
        return message.SerializeToString()

    async def _timer(self, fragment: str, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            await self.ws.send(self._message(self.page, fragment=fragment))

    def _stop_timers(self) -> None:
        for task in self.timers.values():
            task.cancel()
        self.timers.clear()

    async def read(self) -> None:
        try:
            async for raw in self.ws:
                forward = ForwardMsg()
                forward.ParseFromString(raw)
                kind = forward.WhichOneof("type")
                if kind == "delta" and self.widget_id is None:
                    element = forward.delta.new_element
                    if (
                        element.WhichOneof("type") == "text_input"
                        and SUMMARY_KEY in element.text_input.id
                    ):
                        self.widget_id = element.text_input.id
                elif kind == "new_session" and not forward.metadata.run.fragment_ids:
                    self._stop_timers()  # a full run registers its fragments again
                elif kind == "auto_rerun" and forward.auto_rerun.fragment_id not in self.timers:
                    fragment = forward.auto_rerun.fragment_id
                    self.timers[fragment] = asyncio.create_task(
                        self._timer(fragment, forward.auto_rerun.interval)
                    )
                elif kind == "script_finished":
                    if forward.script_finished == FRAGMENT_DONE:
                        self.ticks += 1
                    elif forward.script_finished != EARLY:
                        self.finished.put_nowait(time.perf_counter())
        finally:
            self._stop_timers()

    async def rerun(self, page: str, widgets: list | None = None) -> float:
        while not self.finished.empty():
            self.finished.get_nowait()
        self.page = page
        start = time.perf_counter()
        await self.ws.send(self._message(page, widgets))
        # a run that never finishes counts as an error rather than stalling the test
        return await asyncio.wait_for(self.finished.get(), RUN_TIMEOUT) - start

    async def type_answer(self) -> float:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        self.typed += 1
        widget = WidgetState(id=self.widget_id, string_value=f"已提车车主 第 {self.typed} 稿")
        return await self.rerun("wizard", [widget])


async def session(url: str, plan_id: str, until: float, every: float, out: list[float]) -> int:
    """One tab acting until ``until``; returns the live-plan polling runs it made."""
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as ws:
        client = Client(ws, plan_id)
        reader = asyncio.create_task(client.read())
        try:
            await client.rerun("wizard")
            step = 0
            while time.monotonic() < until:
                await asyncio.sleep(every * random.uniform(0.5, 1.5))
                step += 1
                if step % 3 == 1 and client.widget_id:
                    out.append(await client.type_answer())
                elif step % 3 == 2:
                    out.append(await client.rerun("home"))
                else:
                    out.append(await client.rerun("wizard"))
        finally:
            reader.cancel()
        return client.ticks


async def run_level(url: str, plans: list[str], seconds: float, every: float, pid: int):
    latencies: list[float] = []
    until = time.monotonic() + seconds
    peak, *results = await asyncio.gather(
        peak_rss(pid, until + 2),
        *(session(url, p, until, every, latencies) for p in plans),
        return_exceptions=True,
    )
    errors = [r for r in results if isinstance(r, BaseException)]
    ticks = sum(r for r in results if isinstance(r, int))
    return latencies, peak, errors, ticks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30, 50])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--every", type=float, default=2.0, help="seconds between actions")
    parser.add_argument(
        "--live", type=float, default=2.5, help="PLAYBOOK_LIVE_SECONDS (0: pages do not poll)"
    )
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="playbook-load-")
    os.environ["PLAYBOOK_DATA_DIR"] = data_dir
    from playbook.plan import PlanMeta
    from playbook.storage import Store

    store = Store()
    plans = [
        store.create(PlanMeta(team=f"团队 {i}", community="跑者之家", industry="other")).plan.id
        for i in range(max(args.sessions))
    ]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "app.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT,
        env={
            **os.environ,
            "PLAYBOOK_DATA_DIR": data_dir,
            "PLAYBOOK_LIVE_SECONDS": f"{args.live:g}",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        every, seconds = f"{args.every:g}", f"{args.seconds:g}"
        print(
            f"Load: each session acts every ~{every} s for {seconds} s (type / home / wizard); "
            f"live polling every {args.live:g} s (0: off); load average {os.getloadavg()[0]:.1f}"
        )
        columns = ("actions", "p50 ms", "p95 ms", "max ms", "RSS MB")
        print(f"  {'N':>4} " + " ".join(f"{c:>8}" for c in columns) + " errors  polls")
        for n in args.sessions:
            latencies, peak, errors, ticks = asyncio.run(
                run_level(url, plans[:n], args.seconds, args.every, server.pid)
            )
            ms = sorted(x * 1000 for x in latencies)
            p95 = ms[int(0.95 * (len(ms) - 1))] if ms else float("nan")
            print(
                f"  {n:>4} {len(ms):>8} {statistics.median(ms):8.1f} {p95:8.1f} "
                f"{ms[-1]:8.1f} {peak:8.0f} {len(errors):>6} {ticks:>6}"
            )
        saved = sum(
            str(store.get(p).plan.answer("target", "summary") or "").startswith("已提车车主")
            for p in plans
        )
        print(f"  plans whose typed answer reached the database: {saved} of {len(plans)}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
