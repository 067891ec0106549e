"""The build engine: MkDocs 1.6.1 in `make test`, ProperDocs (the maintained drop-in fork of
MkDocs 1.x) in `make properdocs`, never both by accident."""

import subprocess
import sys
from importlib import metadata

import pytest
import sitebuild
from conftest import ROOT


def test_the_engine_is_the_one_asked_for():
    result = subprocess.run(
        [sys.executable, "-m", sitebuild.ENGINE, "--version"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"-m {sitebuild.ENGINE}, version" in result.stdout


def test_no_second_engine_is_installed_beside_the_first():
    if sitebuild.ENGINE == "mkdocs":
        # mike 2.2 runs `properdocs` instead of `mkdocs` as soon as the properdocs distribution
        # is installed (one transitive dependency is enough): the deploy would change engine.
        with pytest.raises(metadata.PackageNotFoundError):
            metadata.version("properdocs")
    else:
        # the fallback must work where MkDocs 1.6.1 no longer installs
        with pytest.raises(metadata.PackageNotFoundError):
            metadata.version("mkdocs")
