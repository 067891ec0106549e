"""Run only by tests/test_environment.py (the name keeps pytest from collecting it):
inside a test session, none of the variables the suite isolates is visible."""

import os

import sitebuild


def test_isolated_variables_are_not_inherited():
    leaked = [name for name in sitebuild.ISOLATED if name in os.environ or name in sitebuild.ENV]
    assert leaked == []
