"""``--format``: docker's table, json and Go-template output for any list.

A format is ``table`` plus a template (a header row, then aligned rows),
``json`` (one JSON object per line), or a bare template run once per item.
As docker does, a literal ``\\t`` or ``\\n`` in the format stands for a tab
or newline, and the header of a table is the template run over the
column names.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from docker_cli.output.template import TemplateError, compile_template

TABLE = "table"


class FormatError(ValueError):
    """A template that does not parse or does not run, in docker's words."""


def is_table(text: str) -> bool:
    """docker's test, to the letter: the format begins with "table"."""
    return text.startswith(TABLE)


def render(
    text: str,
    items: Sequence[Any],
    header: Any = None,
    missing_key: str = "default",
    messages: tuple[str, str] = (
        "failed to parse template",
        "failed to execute template",
    ),
) -> str:
    """Run the format over the items; the result ends with a newline per row.
    ``header`` is the object a table's header row is drawn from."""
    if text == "json":
        return "".join(to_json(item) + "\n" for item in items)
    table = is_table(text)
    body = _prepare(text[len(TABLE) :] if table else text)
    try:
        template = compile_template(body, missing_key=missing_key)
    except TemplateError as error:
        raise FormatError(f"{messages[0]}: {error}") from None
    rows = [_run(template, item, messages[1]) for item in items]
    if not table:
        return "".join(row + "\n" for row in rows)
    head = _run(template, header, messages[1]) if header is not None else ""
    return tabulate([head, *rows] if header is not None else rows)


def _prepare(text: str) -> str:
    return text.strip(" ").replace("\\t", "\t").replace("\\n", "\n")


def _run(template: Any, item: Any, message: str) -> str:
    try:
        return str(template.execute(item))
    except TemplateError as error:
        raise FormatError(f"{message}: {error}") from None


def to_json(item: Any) -> str:
    """One compact JSON line; objects give their own fields, sorted by name
    as Go sorts the keys of a map."""
    value = item.marshal_json() if hasattr(item, "marshal_json") else item
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return _go_escapes(text)


# What Go's encoding/json escapes beyond JSON's rules (HTML-sensitive
# characters and the two Unicode line separators); docker's outputs show it.
_GO_ESCAPES = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def _go_escapes(text: str) -> str:
    return text.translate(_GO_ESCAPES)


def tabulate(lines: Iterable[str]) -> str:
    """Align tab-separated cells like Go's text/tabwriter as docker sets it
    up (minimum width 10, padding 3). As there, a column's width is set per
    block of consecutive lines that have that column; a line with fewer
    cells ends the block, and the last cell of a line is not padded."""
    rows = [line.split("\t") for line in "\n".join(lines).split("\n")]
    widths = [[0] * (len(cells) - 1) for cells in rows]
    column = 0
    while any(len(cells) - 1 > column for cells in rows):
        _size_column(rows, widths, column)
        column += 1
    out = []
    for cells, sizes in zip(rows, widths, strict=True):
        padded = [_pad(cell, size) for cell, size in zip(cells, sizes, strict=False)]
        out.append("".join(padded) + cells[-1])
    return "".join(line + "\n" for line in out)


def _size_column(rows: list[list[str]], widths: list[list[int]], column: int) -> None:
    from docker_cli.output.humanize import display_width
    from docker_cli.output.table import MIN_WIDTH, PADDING

    block: list[int] = []
    for index, cells in enumerate([*rows, []]):
        if len(cells) - 1 > column:
            block.append(index)
            continue
        if block:
            width = max(display_width(rows[i][column]) for i in block) + PADDING
            for i in block:
                widths[i][column] = max(MIN_WIDTH, width)
        block = []


def _pad(cell: str, width: int) -> str:
    from docker_cli.output.humanize import display_width

    return cell + " " * (width - display_width(cell))


class Header:
    """Stands in for an item when a table's header row is drawn: each field
    gives its column name, and ``.Label "x"`` gives ``x``."""

    go_type_name = "Header"

    def __init__(self, names: dict[str, str], go_type_name: str = "Header") -> None:
        self._names = names
        self.go_type_name = go_type_name

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in ("Label",):
            return _label_header
        if name not in self._names:
            raise AttributeError(name)
        return self._names[name]


def _label_header(name: str) -> str:
    """docker heads a label's column with the last part of its name, with
    dashes and underscores as spaces: com.example.some-label -> some label."""
    return name.rsplit(".", 1)[-1].replace("-", " ").replace("_", " ")


def field_names(item: Any) -> list[str]:
    """The public fields of a context, for its JSON form."""
    return sorted(
        name
        for name in dir(type(item))
        if name[:1].isupper() and not callable(getattr(type(item), name, None))
    )


def marshal(
    item: Any, extra: Callable[[dict[str, Any]], None] | None = None
) -> dict[str, Any]:
    fields = {name: getattr(item, name) for name in field_names(item)}
    if extra:
        extra(fields)
    return dict(sorted(fields.items()))


INSPECT_FAILURE = "template parsing error"


def parse_inspect_template(text: str) -> Any:
    """inspect's template: taken as typed (no table, no \\t escapes), and a
    missing key is an error, as docker's inspect sets it up."""
    try:
        return compile_template(text, missing_key="error")
    except TemplateError as error:
        raise FormatError(f"{INSPECT_FAILURE}: {error}") from None


def inspect_render(template: Any, objects: Sequence[Any]) -> str:
    return "".join(_run(template, item, INSPECT_FAILURE) + "\n" for item in objects)
