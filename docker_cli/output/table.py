"""Tables laid out the way the docker CLI lays them out.

docker writes its tables through Go's text/tabwriter with a minimum cell
width of 10 and a padding of 3; every column but the last is padded, so
the same rows give the same bytes here.
"""

from __future__ import annotations

from collections.abc import Sequence

from docker_cli.output.humanize import display_width

MIN_WIDTH = 10
PADDING = 3


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The header and rows as text, one line per row, ending in a newline."""
    lines = [list(header), *(list(row) for row in rows)]
    widths = [
        max(MIN_WIDTH, max(display_width(line[i]) for line in lines) + PADDING)
        for i in range(len(header) - 1)
    ]
    text = []
    for line in lines:
        cells = [
            cell + " " * (width - display_width(cell))
            for cell, width in zip(line, widths, strict=False)
        ]
        text.append("".join(cells) + line[-1])
    return "\n".join(text) + "\n"
