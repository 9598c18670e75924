"""Wall time of one rerun as a client sees it: rerun request sent -> ``script_finished``.

Starts the site twice with the production settings, as ``python app.py`` (the launcher) and
as ``python -m streamlit run app.py``, and reruns a few pages of a typical plan over the
websocket, one at a time on an idle server. The difference is what the launcher's
``TCP_NODELAY`` correction saves on every rerun (``pages/shared/launch.py``).

Run: .venv/bin/python bench/latency.py [--reruns 40]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import websockets  # noqa: E402
from page_cpu import Session, filled_plan, page_name, start_server  # noqa: E402

PAGES = ["home", "wizard", "teams", "review"]


async def measure(port: int, plan_id: str, reruns: int) -> dict[str, list[float]]:
    ws = await websockets.connect(
        f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None
    )
    session = Session(ws, f"plan={plan_id}&lang=zh")
    times: dict[str, list[float]] = {}
    for url in PAGES:
        for _ in range(3):  # warm
            await session.rerun(page_name(url))
        times[url] = []
        for _ in range(reruns):
            start = time.perf_counter()
            await session.rerun(page_name(url))
            times[url].append((time.perf_counter() - start) * 1000)
    await ws.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reruns", type=int, default=40)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="playbook-latency-")
    os.environ["PLAYBOOK_DATA_DIR"] = data_dir
    plan_id = filled_plan("typical")
    results = {}
    servers = {"python app.py": True, "streamlit run app.py": False}
    for label, launcher in servers.items():
        server, port = start_server("app.py", data_dir, launcher)
        try:
            results[label] = asyncio.run(measure(port, plan_id, args.reruns))
        finally:
            server.terminate()
            server.wait()
    print(f"Wall time per rerun, typical plan, median / p95 of {args.reruns} (ms)")
    print(f"  {'page':10} " + "".join(f"{label:>26}" for label in results))
    for url in PAGES:
        cells = []
        for times in results.values():
            ordered = sorted(times[url])
            p95 = ordered[int(0.95 * (len(ordered) - 1))]
            cells.append(f"{statistics.median(ordered):>15.1f} / {p95:>6.1f}")
        print(f"  {url:10} " + "".join(f"{cell:>26}" for cell in cells))


if __name__ == "__main__":
    main()
