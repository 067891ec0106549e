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


def reset() -> None:
    TOTALS.clear()


@contextmanager
def timed(name: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        TOTALS[name] = TOTALS.get(name, 0.0) + time.perf_counter() - started


def write() -> None:
    target = os.environ.get("SITE_TIMINGS")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"pid": os.getpid(), "seconds": TOTALS}) + "\n")
