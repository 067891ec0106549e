"""Pass a linter's output through unchanged; in GitHub Actions, also annotate it.

    pymarkdown ... scan --recurse docs | python tools/annotate.py --title "Markdown lint"

Every line is printed as it comes. When GITHUB_ACTIONS=true, each `file:line[:column]:
message` line also becomes a workflow command (`::warning` by default; `make check` passes
`--level error`, since a lint finding fails it) and all of them a job-summary section
(sitelib.annotations). The exit status is 0; the linter's own status is kept by the
shell's pipefail.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "hooks"))

from sitelib import annotations  # noqa: E402

LINE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+)(?::\d+)?: (?P<message>.+)$")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--title", default="Lint")
    parser.add_argument("--level", choices=("error", "warning", "notice"), default="warning")
    parser.add_argument("--hint", default="See the rule's documentation (its name is in the message).")
    args = parser.parse_args(argv)
    active = annotations.active()
    root = annotations.workspace() if active else ""
    findings = []
    for line in sys.stdin:
        sys.stdout.write(line)
        match = LINE.match(line.rstrip("\n")) if active else None
        if match:
            findings.append(
                annotations.Finding(
                    args.level,
                    annotations.repo_path(match["file"], os.getcwd(), root),
                    int(match["line"]),
                    args.title,
                    match["message"],
                    args.hint,
                )
            )
    sys.stdout.flush()
    if findings:
        annotations.emit(findings)
        annotations.append_summary(annotations.summary(args.title, findings, f"{len(findings)} finding(s)."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
