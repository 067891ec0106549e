"""hooks/README.md's timeline table against the hooks and plugins as they are: every event
handler of a hook of mkdocs.yml (and of its plugins) with its priority (`@event_priority`,
the `mkdocs_priority` attribute). A failure says which row to add, change or remove."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import timeline


def test_every_handler_and_priority_is_in_the_timeline_table():
    problems = timeline.differences(timeline.actual_rows(), timeline.documented_rows())
    assert not problems, "hooks/README.md, the timeline table:\n  " + "\n  ".join(problems)


def test_the_table_is_in_the_order_mkdocs_runs_the_handlers():
    documented = [(r.event, r.priority) for r in timeline.documented_rows()]
    assert documented == [(r.event, r.priority) for r in timeline.ordered(timeline.documented_rows())]


def test_a_changed_priority_or_a_new_handler_is_reported_with_the_row_to_write():
    rows = timeline.documented_rows()
    changed = [
        timeline.Row(r.event, 5 if r.who == "hooks/page_assembly.py" else r.priority, r.who, r.why) for r in rows
    ]
    added = [*rows, timeline.Row("on_page_content", 0, "hooks/new_hook.py")]
    assert timeline.differences(changed, rows) == [
        "change the priority of `on_page_context` hooks/page_assembly.py from -50 to 5 (and check its why): "
        "| `on_page_context` | 5 | hooks/page_assembly.py | "
        + next(r.why for r in rows if r.who == "hooks/page_assembly.py")
        + " |"
    ]
    assert timeline.differences(added, rows) == [
        "add the row  | `on_page_content` | 0 | hooks/new_hook.py | WHY: one line |"
    ]
    assert timeline.differences(rows, added) == [
        "remove the row  | `on_page_content` | 0 | hooks/new_hook.py | WHY: one line |  (no such event handler any more)"
    ]
    assert timeline.differences(rows, [timeline.Row(r.event, r.priority, r.who, "") for r in rows])[0].startswith(
        "write the why of"
    )


def test_every_hook_of_mkdocs_yml_has_a_docstring_naming_its_events():
    import ast

    for row in timeline.actual_rows():
        if not row.who.startswith("hooks/"):
            continue
        doc = ast.get_docstring(ast.parse((ROOT / row.who).read_text(encoding="utf-8"))) or ""
        assert row.event in doc, f"{row.who}: its docstring does not name {row.event}"
