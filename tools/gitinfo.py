"""Version and date of the checkout, for the offline zip and the PDFs."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def version_from_git() -> str:
    """The tag of HEAD (v1.2), else its short commit."""
    try:
        return git("describe", "--tags", "--exact-match", "HEAD")
    except subprocess.CalledProcessError:
        return git("rev-parse", "--short", "HEAD")


def commit_epoch() -> int:
    """Time of the HEAD commit (SOURCE_DATE_EPOCH of reproducible builds)."""
    return int(git("log", "-1", "--format=%ct", "HEAD"))
