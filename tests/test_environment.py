"""The suite does not depend on the caller's environment: a maintainer with SITE_URL
exported (as MAINTAINING.md tells them to), or CI with GitHub's variables, gets the same
results. A real pytest session is started with those variables set."""

import os
import subprocess
import sys

import sitebuild
from conftest import ROOT


def test_a_session_started_with_site_variables_does_not_see_them():
    env = {**os.environ, **{name: "leaked" for name in sitebuild.ISOLATED}}
    env["SITE_URL"] = "https://example.invalid/exported/"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "env_probe.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout
