"""Unit tests of the search glue (query building, stemming, phrases) under Node,
with the same lunr core and lunr-languages files as the browser; no browser."""

import subprocess
import sys

from conftest import ROOT


def test_search_worker_glue_under_node():
    result = subprocess.run(["node", "--test", str(ROOT / "tests" / "js")], cwd=ROOT,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable})
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout
