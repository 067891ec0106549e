"""Time spent in named parts of the build, for `make bench` (tools/bench.py).

The hooks wrap their work in `timed(name)`; with SITE_TIMINGS=<file> set, `write()`
appends one JSON line per build process ({"pid": ..., "seconds": {name: s}}) at the end
of the build. Without it nothing is written; the timers cost a few microseconds.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager

TOTALS: dict[str, float] = {}
_RUNNING: list[list] = []  # [name, since] of the timers open now, innermost last


def reset() -> None:
    TOTALS.clear()
    _RUNNING.clear()


def _add(name: str, seconds: float) -> None:
    TOTALS[name] = TOTALS.get(name, 0.0) + seconds


@contextmanager
def timed(name: str):
    """Count the time inside the block to `name`; a timer opened inside another one
    pauses it, so no second is counted twice."""
    now = time.perf_counter()
    if _RUNNING:
        _add(_RUNNING[-1][0], now - _RUNNING[-1][1])
    _RUNNING.append([name, now])
    try:
        yield
    finally:
        end = time.perf_counter()
        _add(name, end - _RUNNING.pop()[1])
        if _RUNNING:
            _RUNNING[-1][1] = end


def write() -> None:
    target = os.environ.get("SITE_TIMINGS")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"pid": os.getpid(), "seconds": TOTALS}) + "\n")
