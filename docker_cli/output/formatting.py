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
    return text.lstrip().startswith(TABLE)


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
    if text.strip() == "json":
        return "".join(to_json(item) + "\n" for item in items)
    table = is_table(text)
    body = _prepare(text[text.index(TABLE) + len(TABLE) :] if table else text)
    try:
        template = compile_template(body, missing_key=missing_key)
    except TemplateError as error:
        raise FormatError(f"{messages[0]}: {error}") from None
    rows = [_run(template, item, messages[1]) for item in items]
    if not table:
        return "".join(row + "\n" for row in rows)
    head = _run(template, header, messages[1]) if header is not None else ""
    return tabulate([head, *rows] if head.strip() else rows)


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
    # Go's encoding/json escapes these, and --format json shows it.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def tabulate(lines: Iterable[str]) -> str:
    """Align tab-separated cells like Go's text/tabwriter as docker sets it
    up (minimum width 10, padding 3); the last cell of a line is not padded."""
    from docker_cli.output.humanize import display_width
    from docker_cli.output.table import MIN_WIDTH, PADDING

    rows = [line.split("\t") for line in "\n".join(lines).split("\n")]
    widths: dict[int, int] = {}
    for cells in rows:
        for index, cell in enumerate(cells[:-1]):
            width = max(MIN_WIDTH, display_width(cell) + PADDING)
            widths[index] = max(widths.get(index, 0), width)
    out = []
    for cells in rows:
        padded = [
            cell + " " * (widths[index] - display_width(cell))
            for index, cell in enumerate(cells[:-1])
        ]
        out.append("".join(padded) + cells[-1])
    return "".join(line + "\n" for line in out)


class Header:
    """Stands in for an item when a table's header row is drawn: each field
    gives its column name, and ``.Label "x"`` gives ``x``."""

    def __init__(self, names: dict[str, str]) -> None:
        self._names = names

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in ("Label",):
            return _label_header
        if name not in self._names:
            raise AttributeError(name)
        return self._names[name]


def _label_header(name: str) -> str:
    return name


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
