"""What live plans cost: server CPU per polling tick of open, idle plan tabs.

Each open plan page holds a small fragment that reruns every ``PLAYBOOK_LIVE_SECONDS``
(2.5 s): a heartbeat now and then, one indexed query for the plan's version and who else
is there, and a full page rerun only when a teammate saved. A browser drives those reruns
(Streamlit sends ``auto_rerun`` with the fragment's id and interval; the browser sends
``rerun_script`` for that fragment on a timer). This client does the same over Streamlit's
websocket protocol, so the load generator costs the server almost nothing.

For each number of tabs (each on its own plan's wizard page, or ``--shared`` tabs per
plan), the server's CPU time (``/proc/<pid>/stat``, all threads) over a window of idle
polling is divided by the fragment runs it served. The same tabs with polling off
(``PLAYBOOK_LIVE_SECONDS=0``) give the idle baseline (websocket keep-alive only).
``--writes R`` adds a teammate saving R times a second into random plans: each such save
makes that plan's tabs rerun in full.

Run: .venv/bin/python bench/live_poll.py [--tabs 50 200] [--seconds 20] [--writes 0]
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
from procstat import cpu_seconds, free_port  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

FRAGMENT_DONE = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY")


class Tab:
    """One open browser tab: draws a page, then runs the fragments' timers as a browser
    does (cleared on every full run, started by each ``auto_rerun``)."""

    def __init__(self, ws, plan_id: str, page: str = "wizard"):
        self.ws = ws
        self.query = f"plan={plan_id}&lang=zh"
        self.page = page
        self.timers: dict[str, asyncio.Task] = {}
        self.sent: dict[str, float] = {}
        self.tick_latency: list[float] = []
        self.full_runs = 0
        self.drawn = asyncio.Event()

    def _message(self, fragment: str = "") -> bytes:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        if fragment:
            state.fragment_id = fragment
        return message.SerializeToString()

    async def open(self) -> None:
        await self.ws.send(self._message())

    async def _timer(self, fragment: str, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            self.sent[fragment] = time.perf_counter()
            await self.ws.send(self._message(fragment))

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
                if kind == "new_session" and not forward.metadata.run.fragment_ids:
                    self._stop_timers()  # a full run: the page registers its fragments again
                elif kind == "auto_rerun":
                    fragment = forward.auto_rerun.fragment_id
                    if fragment not in self.timers:
                        self.timers[fragment] = asyncio.create_task(
                            self._timer(fragment, forward.auto_rerun.interval)
                        )
                elif kind == "script_finished":
                    if forward.script_finished == FRAGMENT_DONE:
                        started = self.sent.pop(next(iter(self.sent), ""), None)
                        if started is not None:
                            self.tick_latency.append(time.perf_counter() - started)
                    else:
                        self.full_runs += 1
                        self.drawn.set()
        finally:
            self._stop_timers()


def start_server(data_dir: str, live: float) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PLAYBOOK_DATA_DIR": data_dir, "PLAYBOOK_LIVE_SECONDS": f"{live:g}"}
    server = subprocess.Popen(
        [sys.executable, "app.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    return server, f"ws://127.0.0.1:{port}/_stcore/stream"


async def measure(url: str, plans: list[str], pid: int, seconds: float, writes: float, store):
    """Open every tab, let polling settle, then measure a window of ``seconds``."""
    sockets = [
        await websockets.connect(url, subprotocols=["streamlit"], max_size=None) for _ in plans
    ]
    tabs = [Tab(ws, plan) for ws, plan in zip(sockets, plans, strict=True)]
    readers = [asyncio.create_task(tab.read()) for tab in tabs]
    for tab in tabs:
        await tab.open()
    await asyncio.wait_for(asyncio.gather(*(tab.drawn.wait() for tab in tabs)), timeout=600)
    await asyncio.sleep(5)  # every tab's timer running, first heartbeats written
    for tab in tabs:
        tab.tick_latency.clear()
        tab.full_runs = 0
    stop = time.monotonic() + seconds
    saved = 0

    async def teammate() -> None:
        nonlocal saved
        while writes and time.monotonic() < stop:
            await asyncio.sleep(1 / writes)
            plan = random.choice(plans)
            await asyncio.to_thread(
                store.update, plan, {"notes": f"队友第 {saved} 次修改"}, source="edit:teammate"
            )
            saved += 1

    cpu0, wall0 = cpu_seconds(pid), time.monotonic()
    await asyncio.gather(asyncio.sleep(seconds), teammate())
    cpu = cpu_seconds(pid) - cpu0
    wall = time.monotonic() - wall0
    ticks = [x for tab in tabs for x in tab.tick_latency]
    full = sum(tab.full_runs for tab in tabs)
    for ws in sockets:
        await ws.close()
    for reader in readers:
        reader.cancel()
    return cpu, wall, sorted(ticks), full, saved


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tabs", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--interval", type=float, default=2.5, help="PLAYBOOK_LIVE_SECONDS")
    parser.add_argument("--writes", type=float, default=0, help="teammate saves per second")
    parser.add_argument("--no-baseline", action="store_true", help="skip the polling-off run")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="playbook-live-")
    os.environ["PLAYBOOK_DATA_DIR"] = data_dir
    from playbook.plan import PlanMeta
    from playbook.storage import Store

    store = Store()
    plans = [
        store.create(PlanMeta(team=f"团队 {i}", community="跑者之家", industry="other")).plan.id
        for i in range(max(args.tabs))
    ]
    load = os.getloadavg()[0]
    print(
        f"Live polling every {args.interval:g} s, idle tabs on the wizard, {args.seconds:g} s "
        f"window, teammate saves {args.writes:g}/s; load average before: {load:.1f}"
    )
    head = ("ticks", "ticks/s", "CPU ms/tick", "CPU %core", "tick p50", "tick p95", "full runs")
    print(f"  {'mode':>9} {'tabs':>5} " + " ".join(f"{h:>11}" for h in head))
    modes = [("polling", args.interval)] + ([] if args.no_baseline else [("off", 0.0)])
    for label, live in modes:
        server, url = start_server(data_dir, live)
        try:
            for n in args.tabs:
                cpu, wall, ticks, full, _ = asyncio.run(
                    measure(url, plans[:n], server.pid, args.seconds, args.writes, store)
                )
                rate = len(ticks) / wall
                per_tick = cpu / len(ticks) * 1000 if ticks else float("nan")
                p50 = statistics.median(ticks) * 1000 if ticks else float("nan")
                p95 = ticks[int(0.95 * (len(ticks) - 1))] * 1000 if ticks else float("nan")
                print(
                    f"  {label:>9} {n:>5} {len(ticks):>11} {rate:>11.1f} {per_tick:>11.2f} "
                    f"{cpu / wall * 100:>11.1f} {p50:>11.1f} {p95:>11.1f} {full:>11}"
                )
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
