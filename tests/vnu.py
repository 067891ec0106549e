"""The W3C Nu HTML checker (vnu.jar from npm's vnu-jar, pinned in tools/vnu/package.json),
run with the machine's Java on many files in one JVM (it is slow to start)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


# A run is a few seconds: the JVM's quick compiler only and its simplest collector take
# 4 CPU seconds for the site's 132 pages instead of 10 (its optimising compiler's threads
# never pay back in so short a run); that compiler's deeper stack frames need the bigger
# stack. Language detection only ever gives warnings, which are not collected.
JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"]


def java(path: str | None = None) -> str:
    """The java command, or the test fails saying how to install it."""
    found = shutil.which("java", path=path)
    if not found:
        pytest.fail(
            "Java is needed for the W3C Nu HTML checker: apt-get install default-jre-headless "
            "(Debian's package; CI's .ci/run installs it)",
            pytrace=False,
        )
    return found


def jar() -> Path:
    if not JAR.is_file():
        pytest.fail(f"{JAR.relative_to(ROOT)} is missing: cd tools/vnu && npm ci --ignore-scripts", pytrace=False)
    return JAR


def check(files: list[Path]) -> list[dict]:
    """The checker's errors for the files (warnings left out): [{file, line, message, extract}]."""
    command = [
        java(),
        *JVM,
        "-jar",
        str(jar()),
        "--errors-only",
        "--no-langdetect",
        "--format",
        "json",
        *map(str, files),
    ]
    result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=600)
    if result.returncode not in (0, 1) or not result.stderr.strip().startswith("{"):
        pytest.fail(f"vnu.jar did not run: {result.stderr[-2000:]}", pytrace=False)
    errors = []
    for message in json.loads(result.stderr)["messages"]:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            errors.append(
                {
                    "file": message.get("url", "").removeprefix("file:"),
                    "line": message.get("lastLine"),
                    "message": message.get("message", ""),
                    "extract": (message.get("extract") or "").strip(),
                }
            )
    return errors


def report(errors: list[dict], root: Path) -> str:
    lines = [
        f"{Path(e['file']).relative_to(root) if e['file'].startswith(str(root)) else e['file']}:{e['line']}: "
        f"{e['message']}  [{e['extract'][:80]}]"
        for e in errors[:40]
    ]
    more = f"\n  ... and {len(errors) - 40} more" if len(errors) > 40 else ""
    return f"{len(errors)} HTML error(s) (W3C Nu checker):\n  " + "\n  ".join(lines) + more
