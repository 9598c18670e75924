"""Load on the site's pages: N sessions, each on its own fully filled plan (or a team's members
sharing one: ``--teams``), each visiting every registered page in turn with ~T s of think
time, and on the heavy pages also doing what a user does there (tick an item, edit a task
cell, change an ROI input, change the group size). Reported: p50/p95/max of those reruns
(and of the interactions alone), errors, and the server's peak RSS.

Same protocol as ``page_cpu.py`` (Streamlit's websocket, no browser).
Run: .venv/bin/python bench/load_pages.py [--sessions 200] [--seconds 60] [--every 5]
     [--ramp 30] [--teams 40] [--pages roi ...] [--plan typical|maximal]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import websockets  # noqa: E402
from page_cpu import (  # noqa: E402
    URLS,
    Session,
    filled_plan,
    interactions,
    page_name,
    start_server,
)
from procstat import cpu_seconds, peak_rss  # noqa: E402


def filled_plans(count: int, kind: str) -> list[str]:
    return [filled_plan(kind, n) for n in range(count)]


async def session(
    url: str,
    plan_id: str,
    until: float,
    every: float,
    out: list,
    errors: list,
    delay: float = 0,
    pages: list[str] | None = None,
):
    acts = interactions()
    await asyncio.sleep(delay)  # arrives this long after the first session
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as ws:
            tab = Session(ws, f"plan={plan_id}&lang=zh")
            order = list(pages or URLS)
            random.shuffle(order)
            step = 0
            while time.monotonic() < until:
                await asyncio.sleep(every * random.uniform(0.5, 1.5))
                page = order[step % len(order)]
                step += 1
                start = time.perf_counter()
                await tab.rerun(page_name(page))
                out.append((time.monotonic(), time.perf_counter() - start, False))
                if page in acts and time.monotonic() < until:
                    await asyncio.sleep(every * random.uniform(0.5, 1.5))
                    widget, fragment = acts[page](tab, step)
                    start = time.perf_counter()
                    await tab.rerun(page_name(page), widget, fragment)
                    out.append((time.monotonic(), time.perf_counter() - start, True))
    except Exception as exc:  # counted and reported, the run goes on
        errors.append(exc)


async def run(
    url: str,
    plans: list[str],
    seconds: float,
    every: float,
    pid: int,
    ramp: float = 0,
    pages: list[str] | None = None,
):
    latencies: list[tuple[float, float, bool]] = []  # (when, seconds, interaction)
    errors: list[BaseException] = []
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as ws:
        warm = Session(ws, f"plan={plans[0]}&lang=zh")
        for page in URLS:  # the process's first run of each page pays its imports
            await warm.rerun(page_name(page))
    cpu_before = cpu_seconds(pid)
    until = time.monotonic() + seconds
    peak, *_ = await asyncio.gather(
        peak_rss(pid, until + 2),
        *(
            session(url, p, until, every, latencies, errors, ramp * n / len(plans), pages)
            for n, p in enumerate(plans)
        ),
    )
    return latencies, peak, errors, cpu_seconds(pid) - cpu_before


def _quantile(ordered: list[float], q: float) -> float:
    return ordered[int(q * (len(ordered) - 1))] if ordered else float("nan")


def _median(ordered: list[float]) -> float:
    return ordered[len(ordered) // 2] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--every", type=float, default=5.0, help="think time between actions")
    parser.add_argument("--plan", choices=["maximal", "typical"], default="maximal")
    parser.add_argument(
        "--ramp",
        type=float,
        default=0,
        help="seconds over which the sessions arrive (0: all connect at once)",
    )
    parser.add_argument(
        "--teams",
        type=int,
        help="sessions share this many plans, a team's members on one plan (a workshop of "
        "40 teams of five: --teams 40); default: a plan for each session",
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        choices=URLS,
        help="only these pages (a room where everyone is on the ROI estimator, say); "
        "the heavy ones are also used there",
    )
    args = parser.parse_args()
    if args.teams is not None and not 1 <= args.teams <= args.sessions:
        parser.error("--teams: from 1 to the number of sessions")
    data_dir = tempfile.mkdtemp(prefix="playbook-load-")
    os.environ["PLAYBOOK_DATA_DIR"] = data_dir
    teams = filled_plans(args.teams or args.sessions, args.plan)
    plans = [teams[n % len(teams)] for n in range(args.sessions)]
    server, port = start_server(os.environ.get("LOAD_SCRIPT", "app.py"), data_dir)
    try:
        with open("/proc/loadavg") as load:
            before = load.read().split()[0]
        latencies, peak, errors, server_cpu = asyncio.run(
            run(
                f"ws://127.0.0.1:{port}/_stcore/stream",
                plans,
                args.seconds,
                args.every,
                server.pid,
                args.ramp,
                args.pages,
            )
        )
        with open("/proc/loadavg") as load:
            after = load.read().split()[0]
        ms = sorted(x * 1000 for _, x, _ in latencies)
        p50, p95 = _median(ms), _quantile(ms, 0.95)
        acted = sorted(x * 1000 for _, x, interaction in latencies if interaction)
        print(
            f"{args.sessions} sessions on {len(teams)} plans, "
            f"{' and '.join(args.pages) if args.pages else 'every page'} "
            f"of a {args.plan} plan, ~{args.every:g} s think "
            f"time, {args.seconds:g} s, arriving over {args.ramp:g} s "
            f"(load average {before} -> {after})"
        )
        print(
            f"  reruns {len(ms)}  p50 {p50:.1f} ms  p95 {p95:.1f} ms  max {ms[-1]:.1f} ms  "
            f"errors {len(errors)}  peak RSS {peak:.0f} MB"
        )
        if acted:
            print(
                f"  of which interactions {len(acted)}  p50 {_median(acted):.1f} ms  "
                f"p95 {_quantile(acted, 0.95):.1f} ms  max {acted[-1]:.1f} ms"
            )
        print(
            f"  server CPU {server_cpu:.1f} s ({1000 * server_cpu / max(len(ms), 1):.1f} ms "
            f"per rerun, {100 * server_cpu / args.seconds:.0f} % of a core)"
        )
        if latencies:
            first = min(at for at, *_ in latencies)
            windows: dict[int, list[float]] = {}
            for at, x, _ in latencies:
                windows.setdefault(int((at - first) // 10), []).append(x * 1000)
            print(
                "  p95 by 10 s: "
                + "  ".join(
                    f"{sorted(w)[int(0.95 * (len(w) - 1))]:.0f}" for _, w in sorted(windows.items())
                )
            )
        for exc in errors[:3]:
            print(f"  error: {exc!r}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
