"""Benchmark (`make bench`): prints figures, asserts nothing.

In one run, on the same seeded synthetic corpus (tools/corpus.py) at N = 100 and
N = 500 pages per language:

- build: ours (full configuration: content model, catalogue, charts, search split,
  awesome-pages, tags), serial (one mkdocs process, `--serial`) and parallel
  (`make build`), against stock Material (search + i18n, navigation.prune, the same
  Markdown extensions) built serially; wall seconds, CPU seconds, peak memory of the
  whole process tree, output size, and the ratios. The wall time of one build varies
  by 10 % or more between runs on a shared 2-core machine, so each build runs several
  times, the three taking turns, and the median run is shown. With `--against REF`,
  the parallel build of another commit (a git worktree of REF) takes its turn too, on
  the same pages: a change's effect on the build time, measured in one run (REF must
  accept today's corpus: a commit with another content model stops the run with its
  build's messages);
- search: bytes of the index one reader downloads (one language) against the stock
  combined index, raw and gzip; time from the last keystroke to drawn results in
  Chromium (median of 20 queries, N = 500); recall@10 of tests/search/queries.yml on
  the real site;
- charts: render time and SVG bytes per chart;
- live preview (make serve): seconds from saving a Markdown page to the served page
  showing it, median of several saves, on the real site and at N = 500;
- open data: the extra build time of the catalogue's JSON, CSV and Atom files and of the
  Open Graph and JSON-LD in every head at N = 500, measured inside one real serial build
  (the time spent in hooks/open_data.py and hooks/structured_data.py, against the
  build's wall and CPU time), and the files' sizes.

    python tools/bench.py [--sizes 100 500] [--repeats 3] [--skip-search] [--against REF]
                          [--skip-serve | --serve-only | --open-data-only]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "search"))
sys.path.insert(0, str(ROOT / "hooks"))

import corpus  # noqa: E402
import previewrun  # noqa: E402
import sitebuild  # noqa: E402

STOCK_CONFIG = """
site_name: Stock
site_url: http://127.0.0.1:8000/
docs_dir: docs
theme:
  name: material
  language: fi
  font: false
  features: [navigation.prune, navigation.sections, navigation.indexes, navigation.footer]
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {locale: fi, default: true, name: Suomi, build: true}
        - {locale: sv, name: Svenska, build: true}
markdown_extensions: [abbr, admonition, attr_list, def_list, footnotes, md_in_html, tables,
  {toc: {permalink: true}}, pymdownx.details, pymdownx.highlight, pymdownx.superfences,
  {pymdownx.tabbed: {alternate_style: true}}]
"""


# --- measuring --------------------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack += [int(c) for c in handle.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def measure(command: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Wall and CPU seconds, peak memory of the process tree, and the output."""
    before = os.times()
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**sitebuild.ENV, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    after = os.times()
    if process.returncode:
        raise SystemExit(f"failed: {' '.join(command)}\n{output[-3000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    merge = re.search(r"merge: ([\d.]+) s", output)
    return {"wall": wall, "cpu": cpu, "peak_mb": peak[0] / 1e6, "merge": float(merge.group(1)) if merge else None}


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


# --- the build benchmark ------------------------------------------------------------

BUILDS = ("stock", "ours serial", "ours parallel")


def median_run(runs: list[dict]) -> dict:
    """The run with the median wall time, plus the spread of all runs."""
    ordered = sorted(runs, key=lambda r: r["wall"])
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["walls"] = [r["wall"] for r in runs]
    return chosen


def checkout(ref: str, target: Path) -> Path:
    """The repository at `ref` in a worktree of its own (removed with `git worktree remove`)."""
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(target), ref], cwd=ROOT, check=True)
    return target


def project_at(source: Path, target: Path, docs: Path) -> Path:
    """A project of `docs` configured by the checkout `source` (its hooks, theme, data, tools)."""
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); import sitebuild; "
        "sitebuild.make_project(Path(sys.argv[2]), Path(sys.argv[3]))"
    )
    subprocess.run([sys.executable, "-c", script, str(source / "tests"), str(target), str(docs)], check=True)
    return target


def bench_builds(sizes: list[int], work: Path, repeats: int = 3, against: str | None = None) -> dict:
    """Each build `repeats` times, the builds taking turns (so a slow spell of the machine
    hits all of them), and the median run of each. With `against` (a git ref), that
    commit's parallel build of the same pages takes its turn too: whether a change made
    the build slower is then answered in one run, not against a figure from another day."""
    source = checkout(against, work / "against") if against else None
    try:
        return _bench_builds(sizes, work, repeats, source, [*BUILDS, f"at {against}"] if against else list(BUILDS))
    finally:
        if source:
            subprocess.run(["git", "worktree", "remove", "--force", str(source)], cwd=ROOT, check=True)


def _bench_builds(sizes: list[int], work: Path, repeats: int, source: Path | None, builds: list[str]) -> dict:
    results = {}
    for pages in sizes:
        corpus_dir = work / f"corpus-{pages}"
        docs = corpus.generate(corpus_dir, pages)
        ours = sitebuild.make_project(work / f"ours-{pages}", docs)
        before = project_at(source, work / f"against-{pages}", docs) if source else None
        stock = work / f"stock-{pages}"
        shutil.copytree(docs, stock / "docs")
        (stock / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
        commands = {
            "stock": ([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(stock / "site")], stock),
            "ours serial": (
                [
                    sys.executable,
                    str(ROOT / "tools" / "build.py"),
                    "--serial",
                    "--config",
                    str(ours / "mkdocs.yml"),
                    "--site",
                    str(ours / "serial"),
                ],
                ours,
            ),
            "ours parallel": (
                [
                    sys.executable,
                    str(ROOT / "tools" / "build.py"),
                    "--config",
                    str(ours / "mkdocs.yml"),
                    "--site",
                    str(ours / "site"),
                ],
                ours,
            ),
        }
        sites = {"stock": stock / "site", "ours serial": ours / "serial", "ours parallel": ours / "site"}
        if before:
            command = [sys.executable, str(source / "tools" / "build.py"), "--config", str(before / "mkdocs.yml")]
            commands[builds[-1]] = ([*command, "--site", str(before / "site")], before)
            sites[builds[-1]] = before / "site"
        runs = {name: [] for name in builds}
        for _ in range(repeats):
            for name in builds:
                runs[name].append(measure(*commands[name]))
        row = {name: median_run(runs[name]) for name in builds}
        row["builds"], row["repeats"] = builds, repeats
        # the ratio within each turn (the same spell of the machine for both builds)
        row["turn ratios"] = {
            name: [r["wall"] / s["wall"] for r, s in zip(runs[name], runs["stock"])] for name in builds
        }
        for name, site in sites.items():
            size, count = folder_size(site)
            row[name].update(bytes=size, files=count)
        stock_index = stock / "site" / "search" / "search_index.json"
        row["index"] = {"stock combined": (stock_index.stat().st_size, gz(stock_index))}
        for lang, folder in (("fi", ours / "site" / "search"), ("sv", ours / "site" / "sv" / "search")):
            # what a reader who searches downloads: the settings every page loads,
            # plus the documents the first query loads
            parts = [folder / "search_index.json", folder / "search_data.js"]
            row["index"][f"ours {lang}"] = (sum(p.stat().st_size for p in parts), sum(gz(p) for p in parts))
            row["index"][f"ours {lang} page load"] = (parts[0].stat().st_size, gz(parts[0]))
        row["merge copy"] = time_copy_merge(ours / "site", work / f"merge-{pages}")
        row["site"] = ours / "site"
        row["pages"] = pages
        results[pages] = row
    return results


def time_copy_merge(site: Path, work: Path) -> float:
    """Seconds of the merge job of the CI matrix, on parts cut from a built site."""
    sys.path.insert(0, str(ROOT / "tools"))
    import build

    languages = ["fi", "sv"]
    parts = {}
    for lang in languages:
        part = work / lang
        if lang == languages[0]:
            shutil.copytree(
                site, part, ignore=lambda d, names: [n for n in names if Path(d) == site and n in languages]
            )
        else:
            shutil.copytree(site / lang, part / lang)
            for name in build.SHARED:
                source = site / name
                if source.is_dir():
                    shutil.copytree(source, part / name)
                elif source.exists():
                    shutil.copy2(source, part / name)
        parts[lang] = part
    started = time.perf_counter()
    build.merge(parts, languages[0], work / "merged")
    return time.perf_counter() - started


def print_builds(results: dict) -> None:
    repeats = next(iter(results.values()))["repeats"]
    print("\n== Build: ours against stock Material (same pages; stock = search + i18n, prune on)")
    print(f"   median of {repeats} runs per build, the builds taking turns; all walls in brackets")
    print(
        f"{'N/lang':>6} {'build':<14} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'out MB':>7} {'files':>6} "
        f"{'wall/stock':>10}  runs"
    )
    for pages, row in results.items():
        for name in row["builds"]:
            r = row[name]
            ratio = r["wall"] / row["stock"]["wall"]
            walls = " ".join(f"{w:.1f}" for w in r["walls"])
            print(
                f"{pages:>6} {name:<14} {r['wall']:>7.2f} {r['cpu']:>7.2f} {r['peak_mb']:>8.0f} "
                f"{r['bytes'] / 1e6:>7.1f} {r['files']:>6} {ratio:>10.2f}  [{walls}]"
            )
        turns = "; ".join(
            f"{name} "
            + " ".join(f"{x:.2f}" for x in row["turn ratios"][name])
            + f" (median {statistics.median(row['turn ratios'][name]):.2f})"
            for name in row["builds"][1:]
        )
        print(f"{'':>6} wall/stock turn by turn: {turns}")
        print(
            f"{'':>6} merge step alone: {row['ours parallel']['merge']:.2f} s by renaming (make build); "
            f"{row['merge copy']:.2f} s by copying (the CI matrix's merge job, tools/build.py --merge)"
        )
    if len(results) >= 2:
        small, large = min(results), max(results)
        per_small = results[small]["ours parallel"]["bytes"] / (2 * small)
        per_large = results[large]["ours parallel"]["bytes"] / (2 * large)
        print(
            f"output bytes per page: {per_small / 1e3:.0f} KB at N={small}, {per_large / 1e3:.0f} KB at N={large} "
            f"(ratio {per_large / per_small:.2f}, target <= 1.2)"
        )
    print("\n== Search index a reader downloads (one language) against the stock combined index")
    for pages, row in results.items():
        stock_raw, stock_gz = row["index"]["stock combined"]
        for lang in ("fi", "sv"):
            raw, packed = row["index"][f"ours {lang}"]
            load_raw, load_gz = row["index"][f"ours {lang} page load"]
            print(
                f"N={pages:<4} {lang}: {raw / 1e6:6.2f} MB ({packed / 1e3:6.0f} KB gzip) vs stock "
                f"{stock_raw / 1e6:6.2f} MB ({stock_gz / 1e3:6.0f} KB gzip): ratio {raw / stock_raw:.2f} raw, "
                f"{packed / stock_gz:.2f} gzip; on page load only {load_raw} B (stock: all of it)"
            )


# --- search in the browser --------------------------------------------------------


def bench_search(site: Path, real_site: Path) -> None:
    import runner
    import yaml
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    queries = yaml.safe_load((ROOT / "tests" / "search" / "queries.yml").read_text(encoding="utf-8"))
    print("\n== Search in Chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_port}/"
        started = time.perf_counter()
        runner.open_search(page, base, timeout=120000)
        ready = time.perf_counter() - started
        words = [w for w in corpus.vocabulary("fi") if len(w) > 6][:400:20]
        runner.search(page, "hankinta")  # warm-up: the first query waits for the index
        times = []
        for word in words:
            times.append(runner.search(page, word)["ms"])
        server.shutdown()
        print(
            f"synthetic corpus: index ready {ready:.1f} s after opening search; last keystroke to results: "
            f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms over {len(times)} queries (target <= 100)"
        )
        server = serve(real_site)
        base = f"http://127.0.0.1:{server.server_port}/"
        for lang, items in queries.items():
            root = base if lang == "fi" else f"{base}{lang}/"
            runner.open_search(page, root)
            hits = 0
            for item in items:
                found = runner.result_pages(runner.search(page, item["query"])["links"], root)[:10]
                hits += all(p in found for p in item["pages"])
            print(f"recall@10 on the real site, {lang}: {hits}/{len(items)} = {hits / len(items):.0%} (target >= 90 %)")
        server.shutdown()
        browser.close()


# --- live preview (make serve) -------------------------------------------------------

SERVE_EDITS = 7


def edit_to_served(preview, page: Path, url: str, edits: int, tag: str) -> tuple[list[float], list[float]]:
    """Seconds from saving a Markdown page to the served page showing the saved text, for
    `edits` saves in a row (each waits for the previous one to be served and built), and
    the CPU seconds of each build (what the wall time would be on an idle machine)."""
    times, cpu = [], []
    for number in range(edits):
        mark = len(preview.lines)
        sentence = f"Mittauslause {tag} {number} {time.time_ns()}."
        started = time.perf_counter()
        with open(page, "a", encoding="utf-8") as handle:
            handle.write(f"\n{sentence}\n")
        preview.wait_for(url, lambda status, body, sentence=sentence: sentence in body, interval=0.02)
        times.append(time.perf_counter() - started)
        line = preview.wait_for_line(r"^\S+ fi: .*: (built|FAILED)", since=mark)
        if "FAILED" in line:
            raise SystemExit(f"the preview failed to build:\n{preview.output()}")
        cpu.append(float(re.search(r"CPU ([\d.]+) s", line).group(1)))
    return times, cpu


def bench_serve(work: Path, pages: int = 500, edits: int = SERVE_EDITS) -> dict:
    """Edit-to-served seconds of the live preview (tools/serve.py, Finnish edited first):
    the real site (a copy) and the synthetic corpus at N = `pages`."""
    results = {}
    real = previewrun.copy_project(work / "serve-real")
    docs = corpus.generate(work / f"serve-corpus-{pages}", pages)
    synthetic = sitebuild.make_project(work / f"serve-{pages}", docs)
    cases = [
        ("real site", real, real / "docs" / "fi" / "contact.md", "contact/"),
        (
            f"N={pages}",
            synthetic,
            synthetic / "docs" / "fi" / "outputs" / "innovation" / "innovation-000.md",
            "outputs/innovation/innovation-000/",
        ),
    ]
    for name, project, page, url in cases:
        started = time.perf_counter()
        preview = previewrun.Preview(project, startup=900, deadline=300, extra=["--verbose"])
        try:
            preview.wait_for_line(r" fi: start: built in", 900)
            preview.wait_for_line(r" sv: start: built in", 900)
            startup = time.perf_counter() - started
            load = os.getloadavg()[0]
            times, cpu = edit_to_served(preview, page, url, edits, name)
        finally:
            preview.stop()
        results[name] = {"times": times, "cpu": cpu, "startup": startup, "load": (load + os.getloadavg()[0]) / 2}
    return results


class MkdocsServe(previewrun.Preview):
    """`mkdocs serve` (what `make serve` ran before tools/serve.py), for --serve-baseline."""

    def __init__(self, project: Path, options: list[str]):  # noqa: PLW0231 (not a tools/serve.py to start)
        import queue
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self.deadline = 300
        self.lines: list[str] = []
        self.new_lines: queue.Queue = queue.Queue()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
            cwd=project,
            env=sitebuild.ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for_line("Serving on", 900)


def bench_serve_baseline(work: Path, edits: int = 3) -> dict:
    """Edit-to-served seconds of plain `mkdocs serve` and `mkdocs serve --dirty` on the real site.
    --dirty needs --no-strict: in strict mode its own warning about dirty builds aborts it."""
    results = {}
    variants = {"mkdocs serve --strict": ["--strict"], "mkdocs serve --dirty --no-strict": ["--dirty", "--no-strict"]}
    for number, (name, options) in enumerate(variants.items()):
        project = previewrun.copy_project(work / f"baseline-{number}")
        server = MkdocsServe(project, options)
        try:
            times = []
            for number in range(edits):
                sentence = f"Mittauslause {number} {time.time_ns()}."
                mark = len(server.lines)
                started = time.perf_counter()
                with open(project / "docs" / "fi" / "contact.md", "a", encoding="utf-8") as handle:
                    handle.write(f"\n{sentence}\n")
                server.wait_for("contact/", lambda status, body, sentence=sentence: sentence in body, interval=0.02)
                times.append(time.perf_counter() - started)
                server.wait_for_line("Reloading browsers", since=mark)  # the other language is written too
        finally:
            server.stop()
        results[name] = {"times": times, "startup": 0.0}
    return results


def print_serve(results: dict) -> None:
    print("\n== Live preview (make serve): seconds from saving a Markdown page to the page served with it")
    print(
        f"   {SERVE_EDITS} saves in a row, each appending a sentence to one Finnish page; target: median <= 1 s "
        "on the real site, <= 3 s at N = 500"
    )
    print("   (wall seconds vary with the machine's load, shown; the build's CPU seconds are what an idle")
    print("   machine would take for the build itself)")
    for name, row in results.items():
        times = row["times"]
        print(
            f"{name:>10}: median {statistics.median(times):.2f} s, min {min(times):.2f}, max {max(times):.2f} "
            f"[{' '.join(f'{t:.2f}' for t in times)}]; build CPU median {statistics.median(row['cpu']):.2f} s; "
            f"load average {row['load']:.1f}; first build of both languages {row['startup']:.1f} s"
        )


# --- charts -------------------------------------------------------------------------


def bench_charts() -> None:
    import yaml
    from sitelib import charts

    model = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    print("\n== Charts (matplotlib, drawn at build time)")
    started = time.perf_counter()
    import matplotlib  # noqa: F401  (import cost counted once)

    print(f"matplotlib import: {time.perf_counter() - started:.2f} s (once per build process)")
    for path in sorted((ROOT / "data" / "charts").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("bar", "line"):
            block = charts.Block(path.name, kind, "label", ["value"], 1)
            started = time.perf_counter()
            html = charts.render(block, data, "fi", model, "bench")
            elapsed = time.perf_counter() - started
            svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
            print(
                f"{path.name:40} {kind:5} {elapsed * 1000:6.0f} ms  SVG {len(svg) / 1000:5.1f} KB "
                f"({len(gzip.compress(svg.encode())) / 1000:4.1f} KB gzip)"
            )


# --- open data ----------------------------------------------------------------------


def bench_open_data(work: Path, pages: int = 500) -> None:
    """Seconds the build spends making the open-data files and the head's structured data
    (sitelib.stopwatch: SITE_TIMINGS names a file each build process appends its totals
    to), against the wall and CPU time of the same build: no second build to compare
    with, so the machine's load does not blur a difference of a few per cent."""
    project = work / f"ours-{pages}"
    if not project.exists():
        project = sitebuild.make_project(project, corpus.generate(work / f"corpus-{pages}", pages))
    timings = work / f"open-data-timings-{pages}.jsonl"
    timings.unlink(missing_ok=True)
    site = work / f"open-data-site-{pages}"
    run = measure(
        [
            sys.executable,
            str(ROOT / "tools" / "build.py"),
            "--serial",
            "--config",
            str(project / "mkdocs.yml"),
            "--site",
            str(site),
        ],
        project,
        env={"SITE_TIMINGS": str(timings)},
    )
    last: dict[int, dict] = {}
    for line in timings.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        last[entry["pid"]] = entry  # each pass writes its totals so far; the last holds all
    names = ("open data", "structured data")
    wall = {name: sum(e["seconds"].get(name, 0.0) for e in last.values()) for name in names}
    cpu = {name: sum(e["cpu"].get(name, 0.0) for e in last.values()) for name in names}
    print(
        f"\n== Open data at N = {pages} pages per language (one serial build of both languages, time inside the hooks)"
    )
    print(
        f"catalogue JSON + CSV + Atom + schema: {wall['open data']:.3f} s wall, {cpu['open data']:.3f} s CPU; "
        f"Open Graph + JSON-LD in every head: {wall['structured data']:.3f} s wall, "
        f"{cpu['structured data']:.3f} s CPU"
    )
    print(
        f"share of the build: {100 * sum(wall.values()) / run['wall']:.2f} % of its {run['wall']:.1f} s wall, "
        f"{100 * sum(cpu.values()) / run['cpu']:.2f} % of its {run['cpu']:.1f} s CPU (target < 3 %; the CPU "
        "share is the one other processes on the machine do not blur)"
    )
    for lang, prefix in (("fi", ""), ("sv", "sv/")):
        sizes = ", ".join(
            f"{name} {(site / prefix / name).stat().st_size / 1e3:.0f} KB"
            for name in ("outputs/catalogue.json", "outputs/catalogue.csv", "feed.xml")
        )
        print(f"{lang}: {sizes}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--repeats", type=int, default=3, help="runs of each build (the median is shown)")
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--skip-serve", action="store_true", help="no live-preview measurement")
    parser.add_argument("--serve-only", action="store_true", help="only the live-preview measurement")
    parser.add_argument(
        "--serve-baseline", action="store_true", help="also time plain `mkdocs serve` and `--dirty` on the real site"
    )
    parser.add_argument("--open-data-only", action="store_true", help="only the open-data measurement (N = 500)")
    parser.add_argument(
        "--against", metavar="REF", help="also build with the code of this git ref (e.g. main, v1.0), in the same turns"
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        if args.open_data_only:
            bench_open_data(work, 500)
            return 0
        if not args.skip_serve:
            print_serve(bench_serve(work, max(args.sizes)))
        if args.serve_baseline:
            print("\n== Before tools/serve.py: mkdocs serve on the real site (both languages in one process)")
            for name, row in bench_serve_baseline(work).items():
                times = row["times"]
                print(f"{name:>32}: median {statistics.median(times):.2f} s [{' '.join(f'{t:.2f}' for t in times)}]")
        if args.serve_only:
            return 0
        results = bench_builds(args.sizes, work, args.repeats, args.against)
        print_builds(results)
        bench_charts()
        bench_open_data(work, 500)
        if not args.skip_search:
            real = work / "real-site"
            subprocess.run(
                [sys.executable, str(ROOT / "tools" / "build.py"), "--site", str(real)],
                check=True,
                cwd=ROOT,
                env=sitebuild.ENV,
                capture_output=True,
            )
            bench_search(results[max(results)]["site"], real)
    return 0


if __name__ == "__main__":
    sys.exit(main())
