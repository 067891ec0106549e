"""The offline mirror: `make offline` -> dist/<name>-offline-<version>.zip.

Builds both languages with Material's offline plugin (OFFLINE=true: links end in
.html, search loads its per-language index as a script and runs in the vendored
iframe-worker shim), with the handbook PDFs when `make pdf` has made them and the
catalogue as open data (JSON and CSV of every language, as hooks/open_data.py writes
them: with the hosted site's addresses), and packs the result reproducibly: the same
commit always gives the same bytes (SOURCE_DATE_EPOCH from the commit, sorted entries,
fixed times and modes).

    python tools/offline.py [--out dist] [--version v1.2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import build  # noqa: E402
from gitinfo import commit_epoch, version_from_git  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from sitelib import model as model_lib  # noqa: E402
from sitelib import siteconfig

NAME = "vaikuttavat-hankinnat"


def write_zip(folder: Path, target: Path, prefix: str, epoch: int) -> None:
    """A zip whose bytes depend only on the files: sorted, fixed time and mode."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_suffix(".tmp")
    with zipfile.ZipFile(temp, "w") as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    temp.replace(target)


def open_data_files(config: Path) -> list[str]:
    """Site-relative paths of the catalogue's JSON and CSV in every language."""
    settings = siteconfig.read(str(config))
    spec = model_lib.load(settings.model_path).data.get("open_data")
    if not spec:
        return []
    return [
        (path if lang == settings.default_language else f"{lang}/{path}")
        for lang in settings.languages
        for path in (spec["files"]["json"], spec["files"]["csv"])
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", default=None, help="default: the git tag of HEAD or its short commit")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    version = args.version or version_from_git()
    os.environ["OFFLINE"] = "true"
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(commit_epoch()))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        if build.main(["--config", str(args.config), "--site", str(site)]) != 0:
            return 1
        missing = [path for path in open_data_files(args.config) if not (site / path).is_file()]
        if missing:
            print(f"the offline build has no {', '.join(missing)}: check hooks/open_data.py", file=sys.stderr)
            return 1
        name = f"{NAME}-offline-{version}"
        target = args.out / f"{name}.zip"
        write_zip(site, target, name, int(os.environ["SOURCE_DATE_EPOCH"]))
    size = target.stat().st_size
    print(
        f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
        f"{size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s; open data inside: "
        f"{', '.join(open_data_files(args.config))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
