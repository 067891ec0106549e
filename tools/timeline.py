"""The event timeline of the build: every mkdocs event handled by a hook of mkdocs.yml or by
one of its plugins, with its priority (`@event_priority`, the `mkdocs_priority` attribute;
0 when none is set), in the order mkdocs runs them.

hooks/README.md holds the same table with one line of why per row; tests/test_timeline.py
compares the two. Print the rows as they are now (the "why" column taken from the README
where a row already has one):

    python tools/timeline.py
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "hooks" / "README.md"

# The order of the events in one build (mkdocs 1.6, mkdocs/commands/build.py); the page
# events run for every page, the template events for 404.html and sitemap.xml.
EVENTS = (
    "on_startup",
    "on_config",
    "on_pre_build",
    "on_files",
    "on_nav",
    "on_pre_page",
    "on_page_read_source",
    "on_page_markdown",
    "on_page_content",
    "on_env",
    "on_pre_template",
    "on_template_context",
    "on_post_template",
    "on_page_context",
    "on_post_page",
    "on_post_build",
    "on_build_error",
    "on_serve",
    "on_shutdown",
)
ROW = re.compile(r"^\|\s*`(on_[a-z_]+)`\s*\|\s*(-?\d+)\s*\|\s*(.+?)\s*\|\s*(.*?)\s*\|\s*$")


@dataclass(frozen=True)
class Row:
    event: str
    priority: int
    who: str  # "hooks/page_assembly.py" or "plugin i18n"
    why: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.event, self.who

    def markdown(self) -> str:
        return f"| `{self.event}` | {self.priority} | {self.who} | {self.why or 'WHY: one line'} |"


def actual_rows(config_file: Path = ROOT / "mkdocs.yml") -> list[Row]:
    """Every event of every hook and plugin of the configuration, with its priority."""
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(config_file))
    rows = []
    for name, plugin in config.plugins.items():
        is_hook = name.endswith(".py")
        who = f"hooks/{Path(name).name}" if is_hook else f"plugin {name}"
        for event in EVENTS:
            handler = getattr(plugin, event, None)
            if handler is None or (
                not is_hook and getattr(type(plugin), event, None) is getattr(BasePlugin, event, None)
            ):
                continue
            rows.append(Row(event, int(getattr(handler, "mkdocs_priority", 0)), who))
    return ordered(rows)


def ordered(rows: list[Row]) -> list[Row]:
    """In the order mkdocs runs them: by event, then priority (high first)."""
    return sorted(rows, key=lambda r: (EVENTS.index(r.event), -r.priority))


def documented_rows(readme: Path = README) -> list[Row]:
    """The rows of the timeline table in hooks/README.md."""
    rows = []
    for line in readme.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows.append(Row(match.group(1), int(match.group(2)), match.group(3), match.group(4)))
    return rows


def differences(actual: list[Row], documented: list[Row]) -> list[str]:
    """What to change in hooks/README.md, one instruction per row."""
    found = {r.key: r for r in documented}
    wanted = {r.key: r for r in actual}
    problems = []
    for row in actual:
        have = found.get(row.key)
        if have is None:
            problems.append(f"add the row  {row.markdown()}")
        elif have.priority != row.priority:
            problems.append(
                f"change the priority of `{row.event}` {row.who} from {have.priority} to {row.priority} "
                f"(and check its why): {Row(row.event, row.priority, row.who, have.why).markdown()}"
            )
        elif not have.why.strip():
            problems.append(f"write the why of {have.markdown()}")
    for row in documented:
        if row.key not in wanted:
            problems.append(f"remove the row  {row.markdown()}  (no such event handler any more)")
    return problems


def main() -> int:
    sys.path.insert(0, str(ROOT / "hooks"))
    documented = {r.key: r for r in documented_rows()} if README.exists() else {}
    for row in actual_rows():
        why = documented.get(row.key, row).why
        print(Row(row.event, row.priority, row.who, why).markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
