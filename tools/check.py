"""Fast content checks without a build: `make check`.

Reads every page of every language once and reports ALL problems (front matter
against the schemas, missing translations, heading anchors, relative links and
anchors, .pages files, unofficial area names without their marker, titles of
originals in another language), then lists notices that do not fail: pages whose
review date has passed and addresses on a CMS backend host. Exit status 1 when there is a problem.

    python tools/check.py [--config mkdocs.yml]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "hooks"))

from sitelib import checks, model as model_lib, siteconfig  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=os.path.join(ROOT, "mkdocs.yml"))
    parser.add_argument("--no-links", action="store_true", help="skip the link and anchor checks")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    site = siteconfig.read(args.config)
    model = model_lib.load(site.model_path, today=siteconfig.today())
    result = checks.scan(site.docs_dir, site.languages, model, today=siteconfig.today(),
                         check_links=not args.no_links, display_root=os.path.dirname(args.config))
    pages = sum(len(p) for p in result.pages.values())
    for problem in result.problems:
        print(f"ERROR   {problem}")
    for notice in result.notices:
        print(f"NOTICE  {notice}")
    elapsed = time.perf_counter() - started
    status = "FAILED" if result.problems else "OK"
    print(f"{status}: {pages} pages in {len(site.languages)} languages checked in {elapsed:.2f} s; "
          f"{len(result.problems)} problem(s), {len(result.notices)} notice(s) (overdue reviews, "
          "addresses on a CMS backend host).")
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
