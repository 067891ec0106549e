"""Build the site with one process per language, then merge: `make build`.

mkdocs-static-i18n builds the languages one after the other in one process, so a
bilingual build keeps one core busy. Here every language is built by its own
`mkdocs build --strict` (SITE_ONLY_LANGUAGE=<lang>, see hooks/one_language.py), each
into its own folder, at the same time; the merge takes the default language's
tree and every other language's <lang>/ folder, after checking that the files
all builds share (theme assets, sitemap, robots.txt) are byte-identical. The
result is byte-for-byte what the serial build (`--serial`) writes.

The merged site replaces the target folder in one rename: a failed build never
leaves a partial site where a deploy could pick it up.

    python tools/build.py [--site site] [--serial]
    python tools/build.py --part sv --out parts/sv        # one language (CI matrix job)
    python tools/build.py --merge parts/fi parts/sv --site site   # the merge job

In GitHub Actions (GITHUB_ACTIONS=true) a failed build also prints a workflow command per
problem found in the build's log (the content problems' `file:line: message`, the chart
errors, mkdocs' own warnings with the line of the link they name) and appends them to the
job summary (sitelib.annotations); elsewhere the output is what it has always been.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from sitelib import annotations, siteconfig  # noqa: E402

SHARED = ("assets", "sitemap.xml", "sitemap.xml.gz", "robots.txt")


class BuildFailed(Exception):
    def __init__(self, message: str, log: str = ""):
        super().__init__(message)
        self.log = log or message  # what the failed mkdocs process(es) printed


def mkdocs_command(config: Path, site: Path) -> list[str]:
    """The build command. SITE_ENGINE=properdocs (`make properdocs`) builds with ProperDocs,
    the maintained drop-in fork of MkDocs 1.x (see MAINTAINING.md)."""
    engine = os.environ.get("SITE_ENGINE", "mkdocs")
    return [sys.executable, "-m", engine, "build", "--strict", "-f", str(config), "-d", str(site)]


def environment(lang: str | None = None) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("SITE_ONLY_LANGUAGE", None)
    if lang:
        env["SITE_ONLY_LANGUAGE"] = lang
    return env


def build_parts(config: Path, languages: list[str], work: Path) -> dict[str, Path]:
    """Build every language in its own process, all at once; raise with the first failure's log."""
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    running = {}
    for lang in languages:
        out = work / lang
        log = open(work / f"{lang}.log", "w+", encoding="utf-8")
        process = subprocess.Popen(
            mkdocs_command(config, out), cwd=config.parent, env=environment(lang), stdout=log, stderr=subprocess.STDOUT
        )
        running[lang] = (process, log, out)
    failed, waiting = [], dict(running)
    while waiting:  # each language's own time, in the order they finish
        for lang, (process, _, _) in list(waiting.items()):
            if process.poll() is not None:
                del waiting[lang]
                print(
                    f"{lang}: {'built' if process.returncode == 0 else 'FAILED'} in "
                    f"{time.perf_counter() - started:.1f} s"
                )
                if process.returncode != 0:
                    failed.append(lang)
        time.sleep(0.02)
    if failed:
        report = []
        for lang in failed:
            log = running[lang][1]
            log.seek(0)
            report.append(f"--- the '{lang}' build failed ---\n{log.read()}")
        raise BuildFailed("\n".join(report))
    for _process, log, _out in running.values():
        log.close()
    return {lang: out for lang, (_, _, out) in running.items()}


def _same_tree(a: Path, b: Path) -> list[str]:
    """Relative paths that differ between two trees (missing on either side included)."""
    if a.is_file() or b.is_file():
        return [] if a.is_file() and b.is_file() and filecmp.cmp(a, b, shallow=False) else [a.name]
    compared = filecmp.dircmp(a, b)
    diffs = [*compared.left_only, *compared.right_only]
    diffs += [f for f in compared.common_files if not filecmp.cmp(a / f, b / f, shallow=False)]
    for sub in compared.common_dirs:
        diffs += [f"{sub}/{d}" for d in _same_tree(a / sub, b / sub)]
    return diffs


def merge(parts: dict[str, Path], default: str, target: Path, move: bool = False) -> None:
    """Default language's tree + every other language's own folder -> target.

    With `move`, the parts are used up: their folders are renamed into place instead
    of copied (the parallel build's own parts, on the same file system)."""
    base = parts[default]
    others = [lang for lang in parts if lang != default]
    for lang in others:
        for name in SHARED:
            if (base / name).exists() or (parts[lang] / name).exists():
                diffs = _same_tree(base / name, parts[lang] / name)
                if diffs:
                    raise BuildFailed(
                        f"the '{default}' and '{lang}' builds disagree on shared files: {name}: {', '.join(diffs[:5])}"
                    )
    if move:
        for lang in others:
            if (base / lang).exists():  # nothing is there normally; a stray folder must not block
                shutil.rmtree(base / lang)
        base.rename(target)
        for lang in others:
            (parts[lang] / lang).rename(target / lang)
        return
    shutil.copytree(base, target, ignore=lambda d, names: [n for n in names if Path(d) == base and n in others])
    for lang in others:
        shutil.copytree(parts[lang] / lang, target / lang)


def run_mkdocs(config: Path, site: Path, lang: str | None = None) -> tuple[int, str]:
    """One mkdocs build, its output on the terminal; in GitHub Actions the output is also
    kept (stdout and stderr together) for the annotations. (return code, kept output)"""
    command, env = mkdocs_command(config, site), environment(lang)
    if not annotations.active():
        return subprocess.run(command, cwd=config.parent, env=env).returncode, ""
    kept = []
    with subprocess.Popen(
        command,
        cwd=config.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as process:
        for line in process.stdout:
            sys.stdout.write(line)
            kept.append(line)
    sys.stdout.flush()
    return process.returncode, "".join(kept)


def report_to_github(error: BuildFailed, config: Path, settings: siteconfig.SiteConfig) -> None:
    """A failed build's problems as workflow commands and in the job summary (CI only)."""
    base = str(config.parent)
    root = annotations.workspace(cwd=base)
    findings = annotations.parse_log(error.log, base, settings.docs_dir, root)
    if not findings:
        first = next((line for line in str(error).splitlines() if line.strip()), "the build failed")
        findings = [
            annotations.Finding(
                "error", None, None, "Build", f"the build failed: {first.strip()}", "See this step's log."
            )
        ]
    annotations.emit(findings)
    annotations.append_summary(
        annotations.summary(
            "Build",
            findings,
            f"BUILD FAILED: {len(findings)} problem(s).",
            "Run `make check` (seconds) or `make build` locally to see the same messages.",
        )
    )


def replace_site(new: Path, site: Path) -> None:
    """Put `new` at `site` with renames only (never a half-written site)."""
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        shutil.rmtree(old)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--serial", action="store_true", help="one mkdocs process for all languages")
    parser.add_argument("--part", metavar="LANG", help="build one language only (into --out)")
    parser.add_argument("--out", type=Path, help="folder of a --part build")
    parser.add_argument(
        "--merge", nargs="+", type=Path, metavar="PART", help="merge part folders (named by language) into --site"
    )
    args = parser.parse_args(argv)
    config = args.config.resolve()
    settings = siteconfig.read(str(config))
    site = args.site.resolve()
    work = site.with_name(f".{site.name}.building")
    if work.exists():
        shutil.rmtree(work)
    started = time.perf_counter()
    try:
        if args.part:
            out = (args.out or ROOT / "parts" / args.part).resolve()
            returncode, log = run_mkdocs(config, out, args.part)
            if returncode and annotations.active():
                report_to_github(BuildFailed(f"the '{args.part}' build failed", log), config, settings)
            return returncode
        if args.merge:
            parts = {path.name: path.resolve() for path in args.merge}
            merge_started = time.perf_counter()
            merge(parts, settings.default_language, work / "site")
            print(f"merge: {time.perf_counter() - merge_started:.2f} s")
        elif args.serial:
            returncode, log = run_mkdocs(config, work / "site")
            if returncode:
                raise BuildFailed("the serial build failed (see above)", log)
        else:
            parts = build_parts(config, settings.languages, work / "parts")
            merge_started = time.perf_counter()
            merge(parts, settings.default_language, work / "site", move=True)
            print(f"merge: {time.perf_counter() - merge_started:.2f} s")
        replace_site(work / "site", site)
    except BuildFailed as error:
        print(f"BUILD FAILED: {error}", file=sys.stderr)
        if annotations.active():
            report_to_github(error, config, settings)
        return 1
    finally:
        if work.exists():
            shutil.rmtree(work)
    print(f"built {site} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
