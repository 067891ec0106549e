"""Unit tests of the search glue (query building, stemming, phrases) under Node,
with the same lunr core and lunr-languages files as the browser; no browser."""

import re
import subprocess
import sys

from conftest import ROOT

# Named one by one: `node --test <folder>` is read differently by Node 20 and Node 21+.
FILES = ["search-worker.test.js"]


def test_search_worker_glue_under_node():
    folder = ROOT / "tests" / "js"
    assert sorted(p.name for p in folder.glob("*.test.js")) == sorted(FILES), "list every *.test.js in FILES"
    result = subprocess.run(
        ["node", "--test", "--test-reporter=tap", *(str(folder / f) for f in FILES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable},
    )
    output = result.stdout[-4000:] + result.stderr[-2000:]
    assert result.returncode == 0, output
    passed = re.search(r"^# pass (\d+)$", result.stdout, re.M)
    assert passed and int(passed.group(1)) > 0, output
