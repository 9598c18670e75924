"""What the benchmarks read about a server process from /proc, and a free port to start
one on (Linux)."""

from __future__ import annotations

import asyncio
import os
import socket
import time

TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its threads, dead ones included."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def peak_rss(pid: int, until: float, every: float = 0.5) -> float:
    """The process's highest RSS in MB, sampled every ``every`` seconds until ``until``
    (``time.monotonic()``)."""
    peak = rss_mb(pid)
    while time.monotonic() < until:
        await asyncio.sleep(every)
        peak = max(peak, rss_mb(pid))
    return peak
