"""Last commit time of every file under a folder, from one `git log` call."""

from __future__ import annotations

import datetime as dt
import os
import subprocess


def last_commits(folder: str) -> dict[str, dt.datetime]:
    """{absolute path: time of the last commit that touched it}; {} outside git."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True, check=True
        ).stdout.strip()
        log = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, dt.datetime] = {}
    stamp = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            stamp = dt.datetime.fromtimestamp(int(line[1:]), tz=dt.UTC)
        elif line and stamp is not None:
            dates.setdefault(os.path.normpath(os.path.join(top, line)), stamp)
    return dates
