"""Server CPU per rerun of every page, next to a one-line page, over Streamlit's websocket.

Two servers run side by side with the production settings (``.streamlit/config.toml``): the
site, and a one-line page (``st.write("hello")``). A client speaks Streamlit's own protocol
(BackMsg ``rerun_script`` -> ForwardMsg ``script_finished``) and, round after round, reruns
the one-line page and each page of a fully filled plan (``tests/maximal.py``, the ROI
example with every lever on) a few times in turn, so machine load hits every page alike.
Each server's CPU time (``/proc/<pid>/stat``, user + system, all threads) divided by the
number of reruns is the figure; the ratio to the one-line page is what counts.

Interactions on the heavy pages (tick a checklist item, edit a roadmap cell, change an ROI
input, change the group-size target) are sent as the browser sends them: the widget's new
value, and the id of the fragment the widget sits in when it sits in one, so a fragment
reruns alone. Each interaction saves to the database, as it does for a user.

Run: .venv/bin/python bench/page_cpu.py [--rounds 8] [--per-round 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from procstat import cpu_seconds, free_port, rss_mb  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from pages.shared.registry import PAGES  # noqa: E402

BARE = 'import streamlit as st\nst.write("hello")\n'
URLS = [url for entries in PAGES.values() for *_, url in entries]


def start_server(script: str, data_dir: str, launcher: bool = True) -> tuple[subprocess.Popen, int]:
    """A server of ``script``: started as the site is (``pages/shared/launch.py``, what
    ``python app.py`` does), or with ``launcher=False`` as ``streamlit run`` starts it."""
    port = free_port()
    if not launcher:
        command = [sys.executable, "-m", "streamlit", "run", script]
    elif script == "app.py":
        command = [sys.executable, "app.py"]
    else:
        start = (
            "import sys; from pages.shared import launch; "
            "sys.exit(launch.main(sys.argv[1], sys.argv[2:]))"
        )
        command = [sys.executable, "-c", start, script]
    server = subprocess.Popen(
        [*command, "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT,  # both read the production .streamlit/config.toml
        env={**os.environ, "PLAYBOOK_DATA_DIR": data_dir},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return server, port
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{script} did not start")


def filled_plan(kind: str = "maximal", n: int = 0) -> str:
    """Store a plan and return its id. ``maximal``: every text field at its limit and 20
    tasks (``tests/maximal.py``), what a busy team's plan looks like at its heaviest;
    ``typical``: the car-brand example filled in, the suggested tasks, a few ticks. Both
    with the ROI example (every lever on) and a group-size plan."""
    from calculators import roi
    from playbook.content import content
    from playbook.examples import template_plan
    from playbook.plan import PlanMeta, apply_changes
    from playbook.storage import Store
    from tests.maximal import maximal_plan

    if kind == "maximal":
        plan = maximal_plan("zh", tasks=20)
    else:
        meta = PlanMeta(team=f"第 {n + 1} 组", community="蓝色车主俱乐部", industry="automotive")
        plan = template_plan(meta, "automotive", "zh", content())
        ticks = {f"sections.checklist.{i.id}.done": True for i in content().items[:5]}
        plan = apply_changes(plan, {**ticks, "sections.group_size.target_members": 800})
    plan = apply_changes(plan, {"sections.roi": roi.EXAMPLE, "sections.roi.other_on": True})
    Store().insert(plan)
    return plan.id


class Session:
    """One browser tab: a websocket that reruns pages and remembers its widgets' ids."""

    def __init__(self, ws, query: str):
        self.ws = ws
        self.query = query
        self.widgets: dict[str, tuple[str, str]] = {}  # widget id -> (widget id, fragment id)
        self.page = ""

    async def rerun(self, page: str, widget: WidgetState | None = None, fragment: str = "") -> int:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_name = page
        if widget is not None:
            state.widget_states.widgets.append(widget)
        if fragment:
            state.fragment_id = fragment
        await self.ws.send(message.SerializeToString())
        self.page = page
        # The run this request started: the first to start with the fragments asked for, or
        # a run of the whole page (which Streamlit may run instead). A page's own timers (a
        # live page's look for teammates' edits) start runs of their own meanwhile; their
        # elements are noted too.
        wanted = [fragment] if fragment else []
        own = None
        count = 0
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await self.ws.recv())
            kind = forward.WhichOneof("type")
            run = forward.metadata.run
            if kind == "new_session" and own is None and list(run.fragment_ids) in (wanted, []):
                own = run.script_run_id
            elif kind == "delta":
                count += 1
                self._note_widget(forward)
            elif kind == "script_finished" and run.script_run_id == own:
                return count

    def _note_widget(self, forward: ForwardMsg) -> None:
        if forward.delta.WhichOneof("type") == "add_block":  # a panel that keeps its state
            block = forward.delta.add_block
            element = block if block.WhichOneof("type") == "expandable" else None
            which = "expandable"
        else:
            element = forward.delta.new_element
            which = element.WhichOneof("type")
        if element is None or which is None:
            return
        widget_id = getattr(getattr(element, which), "id", "")
        if widget_id:
            self.widgets.pop(widget_id, None)  # keep the newest last
            self.widgets[widget_id] = (widget_id, forward.delta.fragment_id)

    def widget(self, key: str, suffix: str = "") -> tuple[str, str]:
        """The newest widget whose key is ``key`` (or starts with it, for keys ending in
        ".", and ends with ``suffix``)."""
        for widget_id, fragment in reversed(self.widgets.values()):
            user_key = widget_id.rsplit("-", 1)[-1]
            if user_key == key or (
                key.endswith(".") and user_key.startswith(key) and user_key.endswith(suffix)
            ):
                return widget_id, fragment
        raise KeyError(f"{key} not on {self.page}")


def interactions() -> dict[str, Callable[[Session, int], tuple[WidgetState, str]]]:
    """What a user does on each heavy page, as the widget value the browser sends."""

    def tick(session: Session, n: int) -> tuple[WidgetState, str]:
        # an item of an open group (on a first visit the first group with an item to focus
        # on now is open); with every group closed, the user opens the first one
        try:
            widget_id, fragment = session.widget("ck.", suffix=".done")
        except KeyError:
            widget_id, fragment = session.widget("ck.group.")
            return WidgetState(id=widget_id, bool_value=True), fragment
        return WidgetState(id=widget_id, bool_value=n % 2 == 0), fragment

    def cell(session: Session, n: int) -> tuple[WidgetState, str]:
        widget_id, fragment = session.widget("roadmap.")
        edit = {
            "edited_rows": {"0": {"owner": f"运营组 {n}"}},
            "added_rows": [],
            "deleted_rows": [],
        }
        return WidgetState(id=widget_id, string_value=json.dumps(edit)), fragment

    def roi_input(session: Session, n: int) -> tuple[WidgetState, str]:
        widget_id, fragment = session.widget("sec.roi.starting_members")
        # a value not entered before: what is cached per input is worked out afresh
        return WidgetState(id=widget_id, int_value=500 + n), fragment

    def target(session: Session, n: int) -> tuple[WidgetState, str]:
        widget_id, fragment = session.widget("sec.group_size.target_members")
        return WidgetState(id=widget_id, int_value=1000 + n), fragment

    return {
        "checklist": tick,
        "roadmap": cell,
        "roi": roi_input,
        "group-size": target,
    }


def page_name(url: str) -> str:
    return "" if url == "home" else url


async def measure(app_port: int, bare_port: int, app_pid: int, bare_pid: int, plan_id: str, args):
    query = f"plan={plan_id}&lang=zh"
    urls = [url for url in URLS if not args.pages or url in args.pages]
    acts = {url: act for url, act in interactions().items() if url in urls}
    names = ["one-line page", *urls, *(f"{url}: interaction" for url in acts)]
    cpu = dict.fromkeys(names, 0.0)
    runs = dict.fromkeys(names, 0)
    fragment_seen: dict[str, bool] = {}

    async def connect(port: int):
        return await websockets.connect(
            f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None
        )

    bare_ws = await connect(bare_port)
    bare = Session(bare_ws, "")
    await bare.rerun("")
    tabs = {}
    for url in urls:
        session = Session(await connect(app_port), query)
        await session.rerun(page_name(url))
        await session.rerun(page_name(url))  # warm: caches, imports, first-run work
        if url in acts:  # and the interaction once (a checklist with every group closed
            await session.rerun(page_name(url), *acts[url](session, 0))  # opens one)
            await session.rerun(page_name(url))
        tabs[url] = session
    step = 0
    for _ in range(args.rounds):
        before = cpu_seconds(bare_pid)
        for _ in range(4 * args.per_round):  # 2-3 ms each: more runs for the clock's 10 ms tick
            await bare.rerun("")
        cpu["one-line page"] += cpu_seconds(bare_pid) - before
        runs["one-line page"] += 4 * args.per_round
        for url, session in tabs.items():
            before = cpu_seconds(app_pid)
            for _ in range(args.per_round):
                await session.rerun(page_name(url))
            cpu[url] += cpu_seconds(app_pid) - before
            runs[url] += args.per_round
        for url, act in acts.items():
            session = tabs[url]
            before = cpu_seconds(app_pid)
            for _ in range(args.per_round):
                step += 1
                widget, fragment = act(session, step)
                fragment_seen[url] = bool(fragment)
                await session.rerun(page_name(url), widget, fragment)
            name = f"{url}: interaction"
            cpu[name] += cpu_seconds(app_pid) - before
            runs[name] += args.per_round
    for ws in (bare_ws, *(s.ws for s in tabs.values())):
        await ws.close()
    return {n: cpu[n] / runs[n] for n in names}, fragment_seen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--per-round", type=int, default=5)
    parser.add_argument("--pages", nargs="*", help="URL paths of the pages to measure (all)")
    parser.add_argument("--plan", choices=["maximal", "typical"], default="maximal")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="playbook-cpu-")
    os.environ["PLAYBOOK_DATA_DIR"] = data_dir
    plan_id = filled_plan(args.plan)
    bare_script = Path(data_dir) / "one_line.py"
    bare_script.write_text(BARE)
    app, app_port = start_server("app.py", data_dir)
    bare, bare_port = start_server(str(bare_script), data_dir)
    try:
        with open("/proc/loadavg") as load:
            before = load.read().split()[0]
        figures, fragments = asyncio.run(
            measure(app_port, bare_port, app.pid, bare.pid, plan_id, args)
        )
        with open("/proc/loadavg") as load:
            after = load.read().split()[0]
        base = figures["one-line page"]
        print(
            f"Server CPU per rerun, {args.plan} plan, "
            f"{args.rounds} rounds x {args.per_round} reruns "
            f"(load average {before} -> {after}; RSS {rss_mb(app.pid):.0f} MB)"
        )
        print(f"  {'page':28} {'CPU ms':>8} {'x one-line':>10}")
        for name, seconds in figures.items():
            note = ""
            if name.endswith(": interaction"):
                url = name.split(":")[0]
                note = "  (fragment)" if fragments.get(url) else "  (full page)"
            print(f"  {name:28} {seconds * 1000:8.2f} {seconds / base:9.1f}x{note}")
    finally:
        for server in (app, bare):
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
