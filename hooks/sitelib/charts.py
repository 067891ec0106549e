"""Charts drawn at build time: a data file in data/charts/ -> an accessible inline SVG.

matplotlib draws the chart (bar or line) as SVG with its text kept as text, in the
site's font; then the SVG gets role="img", a <title> and <desc> in the page's
language, colours from CSS custom properties (so dark mode and print restyle it),
and no fixed size. Under it: the sources and the same numbers as a table.

Data file (YAML), one per chart:

    title: {fi: ..., sv: ...}
    description: {fi: ..., sv: ...}      # what the chart shows, for <desc>
    columns:                             # every column a block may name
      label: {fi: Arvio, sv: Uppskattning}
      value: {fi: Miljardia euroa, sv: Miljarder euro, unit: eur-bn}
    rows:
      - label: {fi: ..., sv: ...}        # text cells are given per language
        value: 47
        year: 2018
        source: {title: ..., url: https://...}
"""

from __future__ import annotations

import html
import io
import os
import re
from dataclasses import dataclass

import yaml

KINDS = ("bar", "line")
PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7"]  # Okabe-Ito: colour-blind safe
INK, GRID = "#1b2a3a", "#c9d1db"
CSS_VARS = {
    **{c: f"var(--chart-{i + 1}, {c})" for i, c in enumerate(PALETTE)},
    INK: f"var(--chart-ink, {INK})",
    GRID: f"var(--chart-grid, {GRID})",
}


class ChartError(Exception):
    """A problem in a chart block or its data file (the message says what)."""


@dataclass
class Block:
    data: str
    kind: str
    x: str
    y: list[str]
    line: int


def parse_block(text: str, line: int) -> Block:
    try:
        spec = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ChartError(f"the chart block is not valid YAML ({exc})") from None
    if not isinstance(spec, dict) or "data" not in spec:
        raise ChartError("the chart block must name its data file: 'data: <file>.yml'")
    kind = spec.get("kind", "bar")
    if kind not in KINDS:
        raise ChartError(f"unknown chart kind '{kind}'; use one of: {', '.join(KINDS)}")
    unknown = set(spec) - {"data", "kind", "x", "y"}
    if unknown:
        raise ChartError(f"unknown option(s) {', '.join(sorted(unknown))}; use data, kind, x, y")
    y = spec.get("y", "value")
    return Block(str(spec["data"]), kind, str(spec.get("x", "label")), y if isinstance(y, list) else [y], line)


def load_data(folder: str, name: str) -> dict:
    path = os.path.join(folder, name)
    if not os.path.isfile(path):
        raise ChartError(f"the data file data/charts/{name} does not exist")
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    for key in ("title", "description", "columns", "rows"):
        if key not in (data or {}):
            raise ChartError(f"data/charts/{name} has no '{key}'")
    return data


def check(block: Block, data: dict, name: str, languages: list[str]) -> None:
    columns = data["columns"]
    for column in [block.x, *block.y]:
        if column not in columns:
            raise ChartError(
                f"the column '{column}' does not exist in data/charts/{name} (columns: {', '.join(columns)})"
            )
    for number, row in enumerate(data["rows"], start=1):
        source = row.get("source") or {}
        if not source.get("title") or not str(source.get("url", "")).startswith(("http://", "https://")):
            raise ChartError(f"row {number} of data/charts/{name} has no source (title and http(s) url)")
        if not isinstance(row.get("year"), int):
            raise ChartError(f"row {number} of data/charts/{name} has no year")
        for column in block.y:
            value = row.get(column)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ChartError(
                    f"row {number} of data/charts/{name}: the value {value!r} of '{column}' is not a number"
                )
        for lang in languages:
            cell(row.get(block.x), lang)


def cell(value, lang: str) -> str:
    if isinstance(value, dict):
        if lang not in value:
            raise ChartError(f"the text {value!r} has no '{lang}' version")
        return str(value[lang])
    return str(value)


def number(value: float, unit: str | None, lang: str, model_data: dict) -> str:
    text = f"{value:g}" if float(value) != int(value) else str(int(value))
    text = text.replace(".", model_data["decimal_separator"][lang])
    formats = model_data["units"]
    return formats[unit][lang].format(value=text) if unit in formats else text


_FONT_READY: list[bool] = []


def _use_site_font(matplotlib) -> None:
    """Lay text out with the site's own font (Source Sans 3, shipped as WOFF2 in
    docs/assets/fonts), so the widths matplotlib computes are the ones browsers draw."""
    if _FONT_READY:
        return
    import tempfile

    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    fonts = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "assets", "fonts", "source-sans-3")
    folder = tempfile.mkdtemp(prefix="site-fonts-")
    for name, style in (("source-sans-3-latin-400-normal", "Regular"), ("source-sans-3-latin-700-normal", "Bold")):
        font = TTFont(os.path.join(fonts, f"{name}.woff2"))
        font.flavor = None
        table = font["name"]  # the subset files call the family "... ExtraLight"
        for record in list(table.names):
            if record.nameID in (16, 17):
                table.removeNames(nameID=record.nameID)
        table.setName("Source Sans 3", 1, 3, 1, 0x409)
        table.setName(style, 2, 3, 1, 0x409)
        table.setName(f"Source Sans 3 {style}", 4, 3, 1, 0x409)
        target = os.path.join(folder, f"{name}.ttf")
        font.save(target)
        font_manager.fontManager.addfont(target)
    _FONT_READY.append(True)


def render_svg(block: Block, data: dict, lang: str, model_data: dict, chart_id: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter

    _use_site_font(matplotlib)

    columns = data["columns"]
    rows = data["rows"]
    labels = [cell(r[block.x], lang) for r in rows]
    unit = columns[block.y[0]].get("unit")
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": chart_id,
            "font.family": "Source Sans 3",
            "font.size": 11,
            "text.color": INK,
            "axes.edgecolor": INK,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
        }
    )
    figure, axes = plt.subplots(figsize=(7.2, 3.8))
    positions = range(len(rows))
    width = 0.8 / len(block.y)
    for i, column in enumerate(block.y):
        values = [r[column] for r in rows]
        name = cell(columns[column], lang)
        if block.kind == "bar":
            offset = [p + (i - (len(block.y) - 1) / 2) * width for p in positions]
            bars = axes.bar(offset, values, width=width * 0.9, color=PALETTE[i % 4], label=name)
            axes.bar_label(bars, labels=[number(v, unit, lang, model_data) for v in values], padding=2)
        else:
            axes.plot(list(positions), values, color=PALETTE[i % 4], marker="o", linewidth=2.2, label=name)
            for p, v in zip(positions, values):
                axes.annotate(
                    number(v, unit, lang, model_data), (p, v), textcoords="offset points", xytext=(0, 7), ha="center"
                )
    axes.set_xticks(list(positions), labels)
    axes.set_ylabel(cell(columns[block.y[0]], lang))
    axes.set_xlabel(cell(columns[block.x], lang))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, None, lang, model_data)))
    axes.grid(axis="y", color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    top = max(r[c] for r in rows for c in block.y)
    axes.set_ylim(0, top * 1.18)
    if len(block.y) > 1:
        axes.legend(frameon=False)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", transparent=True, metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return _accessible(buffer.getvalue(), cell(data["title"], lang), cell(data["description"], lang), chart_id)


def _accessible(svg: str, title: str, desc: str, chart_id: str) -> str:
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    # matplotlib's <style>*{...}</style> would apply to the whole HTML page
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    referenced = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'xlink:href="#([^"]+)"', svg))
    svg = re.sub(r'\sid="([^"]+)"', lambda m: m.group(0) if m.group(1) in referenced else "", svg)
    for old in referenced:
        svg = svg.replace(f'id="{old}"', f'id="{chart_id}-{old}"').replace(f"#{old}", f"#{chart_id}-{old}")
    for color, var in CSS_VARS.items():
        svg = re.sub(rf"(fill|stroke): ?{color}", rf"\1: {var}", svg, flags=re.I)
    svg = re.sub(
        r'<svg[^>]*?(viewBox="[^"]+")[^>]*>',
        lambda m: (
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'{m.group(1)} role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
            f'<title id="{chart_id}-title">{html.escape(title)}</title>'
            f'<desc id="{chart_id}-desc">{html.escape(desc)}</desc>'
        ),
        svg,
        count=1,
    )
    return "\n".join(line for line in svg.splitlines() if line.strip())


def render(block: Block, data: dict, lang: str, model_data: dict, chart_id: str) -> str:
    """The whole figure: title and sources, SVG and the data table (complete without JavaScript)."""
    labels = model_data["labels"][lang]
    columns = data["columns"]
    esc = html.escape
    svg = render_svg(block, data, lang, model_data, chart_id)
    sources, seen = [], set()
    for row in data["rows"]:
        key = row["source"]["url"]
        if key not in seen:
            seen.add(key)
            sources.append(f'<a href="{esc(key)}">{esc(row["source"]["title"])}</a>')
    headings = [
        cell(columns[block.x], lang),
        *(cell(columns[c], lang) for c in block.y),
        labels["year"],
        labels["chart_source"],
    ]
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headings)
    body = []
    for row in data["rows"]:
        values = "".join(f"<td>{esc(number(row[c], columns[c].get('unit'), lang, model_data))}</td>" for c in block.y)
        body.append(
            f'<tr><th scope="row">{esc(cell(row[block.x], lang))}</th>{values}<td>{row["year"]}</td>'
            f'<td><a href="{esc(row["source"]["url"])}">{esc(row["source"]["title"])}</a></td></tr>'
        )
    table = (
        f'<details class="chart-data"><summary>{esc(labels["chart_table"])}</summary>'
        f"<table><caption>{esc(cell(data['title'], lang))}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></details>"
    )
    caption = (
        f"<figcaption><strong>{esc(cell(data['title'], lang))}</strong><br>"
        f"{esc(labels['chart_sources'])}: {', '.join(sources)}</figcaption>"
    )
    # the caption first: a figcaption must be the first or the last child, and the table's
    # <details> after the caption would not be valid HTML
    return f'<figure class="chart" id="{chart_id}">\n{caption}\n{svg}\n{table}\n</figure>'
