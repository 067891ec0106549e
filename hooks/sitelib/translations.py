"""Translation status of every page pair: missing, pending and stale (from git dates)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from .checks import Scan


@dataclass(frozen=True)
class Stale:
    path: str  # inside the language folders
    older: str  # language of the older page
    newer: str  # language of the newer page
    older_date: dt.datetime
    newer_date: dt.datetime


@dataclass(frozen=True)
class Missing:
    path: str
    present: str  # language that has the page
    absent: str  # language that lacks it
    pending: bool  # marked 'translation: pending'


def status(scan: Scan, languages: list[str], git_date) -> tuple[list[Missing], list[Stale]]:
    """`git_date(lang, path)` gives the last commit time of docs/<lang>/<path> (or None)."""
    missing, stale = [], []
    for index, lang in enumerate(languages):
        for path, info in sorted(scan.pages[lang].items()):
            for other in languages:
                if other == lang:
                    continue
                if path not in scan.pages[other]:
                    missing.append(Missing(path, lang, other, info.pending))
                elif other in languages[index + 1 :]:
                    mine, theirs = git_date(lang, path), git_date(other, path)
                    if mine and theirs and mine != theirs:
                        older, newer = (lang, other) if mine < theirs else (other, lang)
                        stale.append(Stale(path, older, newer, min(mine, theirs), max(mine, theirs)))
    return missing, stale


def page_url(path: str, lang: str, default_language: str, use_directory_urls: bool) -> str:
    """Site-root-relative URL of a page, as mkdocs and the i18n plugin write it."""
    stem, _ = os.path.splitext(path)
    prefix = "" if lang == default_language else f"{lang}/"
    if use_directory_urls:
        if stem == "index" or stem.endswith("/index"):
            url = stem[: -len("index")]
        else:
            url = stem + "/"
    else:
        url = stem + ".html"
    return prefix + url
