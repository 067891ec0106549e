"""Charts: ```chart blocks drawn at build time as accessible inline SVG.

Events:
- on_page_markdown: every fenced block opened with ```chart names a data file in
  data/charts/ and a kind (bar or line), optionally the columns to draw:

      ```chart
      data: procurement-volume.yml
      kind: bar
      x: label
      y: value
      ```

  It becomes a <figure> with the SVG (title and description in the page's
  language, numbers in its format), the sources and the same numbers as a table
  (sitelib.charts). A missing file, an unknown kind, a column that does not exist,
  a value that is not a number or has no source stops the build, naming the page,
  the block's line and the problem.
"""

from __future__ import annotations

import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sitelib import buildstate, charts

BLOCK = re.compile(r"^```chart[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "```chart" not in markdown:
        return markdown
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    folder = os.path.join(os.path.dirname(state.model.path), "charts")
    source = os.path.relpath(page.file.abs_src_path, os.path.dirname(state.docs_dir))
    counter = iter(range(1, 1000))
    raw = page.file.content_string  # line numbers are counted in the file itself
    lines = iter([raw[: m.start()].count("\n") + 1 for m in BLOCK.finditer(raw)])

    def draw(match: re.Match) -> str:
        line = next(lines, 0)
        try:
            block = charts.parse_block(match.group(1), line)
            data = charts.load_data(folder, block.data)
            charts.check(block, data, block.data, state.languages)
            chart_id = f"chart-{os.path.splitext(block.data)[0]}-{next(counter)}"
            return charts.render(block, data, lang, state.model.data, chart_id)
        except charts.ChartError as error:
            raise PluginError(f"{source}: the chart block at line {line}: {error}.") from None

    return BLOCK.sub(draw, markdown)
