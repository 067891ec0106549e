"""The GitHub workflows, checked offline: GitHub's workflow schema, zizmor (no finding
at medium or higher), permissions, pinned actions, and the commands they run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def load(name: str) -> dict:
    return yaml.load((ROOT / ".github" / "workflows" / name).read_text(), Loader=yaml.BaseLoader)


def test_workflows_match_githubs_schema():
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.dependabot",
            str(ROOT / ".github" / "dependabot.yml"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_at_medium_or_higher():
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--min-severity", "medium", str(ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version():
    for workflow in WORKFLOWS:
        for line in workflow.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d", line), (workflow.name, line)


def test_read_only_by_default_write_only_where_deploying():
    for workflow in WORKFLOWS:
        data = load(workflow.name)
        assert data["permissions"] == {"contents": "read"}, workflow.name
        for name, job in data["jobs"].items():
            writes = job.get("permissions", {})
            if workflow.name != "deploy.yml":
                assert not writes, (workflow.name, name)
    deploy = load("deploy.yml")
    # one group per ref: a pending tag deploy is never replaced by a newer push to main
    assert deploy["concurrency"]["group"] == "deploy-${{ github.ref }}"
    assert deploy["concurrency"]["cancel-in-progress"] == "false"


def test_ci_runs_the_readme_test_command_and_uploads_a_preview():
    ci = (ROOT / ".github" / "workflows" / "ci.yml").read_text()
    assert ".ci/run" in ci and "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()
    assert "upload-artifact" in ci and "site-preview-" in ci
    assert "hashFiles('requirements.txt', 'requirements-test.txt', 'constraints.txt')" in ci
    on = load("ci.yml")["on"]
    assert "pull_request" in on and "pull_request_target" not in on


def test_deploy_uses_the_tested_make_target():
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert "make deploy VERSION=dev PUSH=1" in deploy
    assert 'make deploy VERSION="${TAG#v}" ALIAS=latest PUSH=1' in deploy
    steps = deploy[deploy.index("steps:") :]
    assert steps.index("run: make pdf") < steps.index("run: make deploy")
    assert "make offline" in deploy


def test_external_link_check_never_runs_on_pull_requests():
    on = load("links.yml")["on"]
    assert set(on) <= {"schedule", "workflow_dispatch"}
