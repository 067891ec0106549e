"""Time spent in named parts of the build, for `make bench` (tools/bench.py).

The hooks wrap their work in `timed(name)`; with SITE_TIMINGS=<file> set, `write()`
appends one JSON line per call ({"pid": ..., "seconds": {name: s}, "cpu": {name: s}}):
wall-clock and CPU seconds of this process. CPU time is what a loaded machine blurs
least: other processes slow the wall clock, not the work done. Without SITE_TIMINGS
nothing is written; the timers cost a few microseconds.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager

TOTALS: dict[str, float] = {}  # wall seconds
CPU: dict[str, float] = {}  # CPU seconds of this process
_RUNNING: list[list] = []  # [name, wall since, cpu since] of the timers open now, innermost last


def reset() -> None:
    TOTALS.clear()
    CPU.clear()
    _RUNNING.clear()


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _add(entry: list, wall: float, cpu: float) -> None:
    name = entry[0]
    TOTALS[name] = TOTALS.get(name, 0.0) + wall - entry[1]
    CPU[name] = CPU.get(name, 0.0) + cpu - entry[2]


@contextmanager
def timed(name: str):
    """Count the time inside the block to `name`; a timer opened inside another one
    pauses it, so no second is counted twice."""
    wall, cpu = _now()
    if _RUNNING:
        _add(_RUNNING[-1], wall, cpu)
    _RUNNING.append([name, wall, cpu])
    try:
        yield
    finally:
        wall, cpu = _now()
        _add(_RUNNING.pop(), wall, cpu)
        if _RUNNING:
            _RUNNING[-1][1:] = [wall, cpu]


def write() -> None:
    target = os.environ.get("SITE_TIMINGS")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"pid": os.getpid(), "seconds": TOTALS, "cpu": CPU}) + "\n")
