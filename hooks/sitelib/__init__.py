"""Pure helpers shared by the hooks, `make check` and the tests.

Nothing in this package knows about mkdocs events: the hooks in `hooks/*.py`
call these functions, and so do `tools/check.py` and `tests/`, without a build.
"""
