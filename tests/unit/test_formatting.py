"""--format rendering (docker_cli/output/formatting.py) against docker's.

Expected outputs are what docker/cli prints: its formatter.Context
(cli/command/formatter/formatter.go) parses "table", "json" and bare
templates, draws a table's header from the same template, and writes
tables through its fork of text/tabwriter (minimum width 10, padding 3,
cells measured with go-runewidth).
"""

from __future__ import annotations

from typing import Any

import pytest

from docker_cli.output.contexts import CONTAINER_HEADERS
from docker_cli.output.formatting import (
    FormatError,
    Header,
    is_table,
    render,
    tabulate,
    to_json,
)

WEB = {"ID": "4c01db0b339c", "Names": "web", "State": "running"}
DB = {"ID": "9f3e2a1b7c6d", "Names": "database-primary", "State": "exited"}
HEADER = Header(CONTAINER_HEADERS)


class Marshaled:
    """An item that gives its own JSON, as docker's contexts do."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.fields = fields

    def marshal_json(self) -> dict[str, Any]:
        return self.fields


def test_table_header_is_the_template_run_over_column_names() -> None:
    """Each field in a table template gives its column name in the header."""
    text = render(r"table {{.ID}}\t{{.Names}}", [WEB], HEADER)

    assert text == "CONTAINER ID   NAMES\n4c01db0b339c   web\n"


def test_table_header_keeps_the_template_text_between_fields() -> None:
    """Literal text in a table template is in the header row too."""
    text = render("table {{.Names}}: {{.State}}", [WEB], HEADER)

    assert text == "NAMES: STATE\nweb: running\n"


def test_table_without_items_is_its_header() -> None:
    """A table of no items is its header row alone."""
    assert render(r"table {{.ID}}\t{{.Names}}", [], HEADER) == "CONTAINER ID   NAMES\n"


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("a", "a"),
        ("tier", "tier"),
        ("dkr.test", "test"),
        ("com.example.some-label_x", "some label x"),
        ("Ab.C-d", "C d"),
    ],
)
def test_label_heading_is_the_last_part_of_its_name(name: str, heading: str) -> None:
    """A label's heading is its name after the last dot, - and _ as spaces."""
    assert render(f'table {{{{.Label "{name}"}}}}', [], HEADER) == heading + "\n"


@pytest.mark.parametrize(
    ("text", "table"),
    [
        ("table", True),
        ("table {{.ID}}", True),
        ("table{{.ID}}", True),
        (" table {{.ID}}", False),
        ("{{.ID}} table", False),
        ("json", False),
    ],
)
def test_only_a_format_starting_with_table_is_a_table(text: str, table: bool) -> None:
    """docker's Format.IsTable is strings.HasPrefix(format, "table")."""
    assert is_table(text) is table


def test_a_format_with_space_around_json_is_a_template() -> None:
    """Only the exact word json means JSON lines; " json" prints the word."""
    assert render(" json", [WEB]) == "json\n"
    assert render("json ", [WEB]) == "json\n"


def test_tabulate_pads_to_the_widest_cell_plus_three() -> None:
    """Every cell but the last is padded to its column's width, at least 10."""
    lines = ["NAMES\tSTATE\tID", "database-primary\texited\t9f3e", "web\tup\t4c01"]
    expected = [
        "NAMES".ljust(19) + "STATE".ljust(10) + "ID",
        "database-primary".ljust(19) + "exited".ljust(10) + "9f3e",
        "web".ljust(19) + "up".ljust(10) + "4c01",
    ]

    assert tabulate(lines) == "".join(line + "\n" for line in expected)


def test_tabulate_ends_a_column_at_a_line_without_that_cell() -> None:
    """A column block is a run of adjacent lines with a tab-ended cell in it,
    so a short line between two lines splits their column in two."""
    lines = ["a\tbbbbbbbbbbbbbbbb\tc", "aa\tb", "a\ty\tz"]
    expected = [
        "a".ljust(10) + "b" * 16 + "   c",
        "aa".ljust(10) + "b",
        "a".ljust(10) + "y".ljust(10) + "z",
    ]

    assert tabulate(lines) == "".join(line + "\n" for line in expected)


def test_table_rows_split_by_newline_align_in_separate_blocks() -> None:
    """With \\n in a table template, docker aligns each row's first line on
    its own: the untabbed lines between them end each column block."""
    text = render(r"table {{.Names}}\t{{.State}}\n{{.ID}}", [DB, WEB], HEADER)
    expected = [
        "NAMES".ljust(10) + "STATE",
        "CONTAINER ID",
        "database-primary".ljust(19) + "exited",
        "9f3e2a1b7c6d",
        "web".ljust(10) + "running",
        "4c01db0b339c",
    ]

    assert text == "".join(line + "\n" for line in expected)


def test_tabulate_pads_a_cell_before_a_trailing_tab() -> None:
    """A trailing tab ends a cell: it is padded, and nothing follows it."""
    expected = "CONTAINER ID".ljust(15) + "NAMES".ljust(10) + "\n"

    assert tabulate(["CONTAINER ID\tNAMES\t"]) == expected


def test_tabulate_measures_wide_characters_as_two_columns() -> None:
    """go-runewidth counts a CJK character as two columns."""
    assert tabulate(["日本語\tweb"]) == "日本語" + " " * 4 + "web\n"


def test_tab_and_newline_escapes_in_a_template() -> None:
    """A literal \\t or \\n in the format is a tab or a newline."""
    assert render(r"{{.Names}}\t{{.State}}", [WEB]) == "web\trunning\n"
    assert render(r"{{.Names}}\n", [WEB]) == "web\n\n"


def test_escapes_are_replaced_before_the_template_is_parsed() -> None:
    """\\n inside a quoted string becomes a real newline, which Go's lexer
    rejects, as docker does."""
    with pytest.raises(FormatError) as error:
        render(r'{{.Names}}{{"\n"}}', [WEB])

    assert str(error.value).endswith("template: :1: unterminated quoted string")


def test_json_lines_escape_html_characters_as_go_does() -> None:
    """Go's json.Marshal writes <, > and & as \\u003c, \\u003e and \\u0026."""
    assert to_json({"a": "<b>&c"}) == '{"a":"\\u003cb\\u003e\\u0026c"}'
    assert render("json", [Marshaled({"a": "<b>"})]) == '{"a":"\\u003cb\\u003e"}\n'


def test_json_lines_escape_line_and_paragraph_separators() -> None:
    """Go's encoding/json always escapes U+2028 and U+2029."""
    assert to_json({"a": "x\u2028y\u2029"}) == '{"a":"x\\u2028y\\u2029"}'


def test_json_lines_keep_other_unicode_as_it_is() -> None:
    """Go writes non-ASCII text as UTF-8, not as \\u escapes."""
    assert to_json({"a": "日本語 é"}) == '{"a":"日本語 é"}'


def test_json_function_of_a_context_escapes_html_characters() -> None:
    """{{json .}} of a docker context goes through its MarshalJSON, which
    uses json.Marshal and so escapes <, > and &."""
    from docker_cli.api.models import ContainerSummary
    from docker_cli.output.contexts import ContainerContext

    summary = ContainerSummary(
        "0" * 64, ["web"], "img", "sh", 0, "Up", "running", "", {"html": "<b>&c"}
    )
    text = render("{{json .}}", [ContainerContext(summary, trunc=True)])

    assert '"Labels":"html=\\u003cb\\u003e\\u0026c"' in text


def test_json_function_of_a_string_does_not_escape_html_characters() -> None:
    """docker's json function turns off HTML escaping (SetEscapeHTML(false))."""
    assert render("{{json .Labels}}", [{"Labels": "<b>&c"}]) == '"<b>&c"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{.Names", "failed to parse template: template: :1: unclosed action"),
        (
            "{{foo}}",
            'failed to parse template: template: :1: function "foo" not defined',
        ),
        (
            "{{json}}",
            'failed to execute template: template: :1:2: executing "" at <json>: '
            "wrong number of args for json: want 1 got 0",
        ),
    ],
)
def test_format_errors_are_worded_as_docker_words_them(text: str, message: str) -> None:
    """A bad template is a FormatError with docker's prefix and Go's text."""
    with pytest.raises(FormatError) as error:
        render(text, [WEB])

    assert str(error.value) == message


def test_format_error_messages_take_the_callers_prefixes() -> None:
    """The caller words the prefix: inspect says "template parsing error"."""
    messages = ("template parsing error", "template parsing error")

    with pytest.raises(FormatError) as error:
        render("{{.Names", [WEB], messages=messages)

    assert str(error.value) == "template parsing error: template: :1: unclosed action"


def test_a_template_that_does_not_parse_fails_without_items() -> None:
    """The template is parsed before any item is formatted."""
    with pytest.raises(FormatError, match="unclosed action"):
        render("{{.Names", [])


def test_missing_key_error_option_makes_a_missing_key_an_error() -> None:
    """missing_key="error" is Go's missingkey=error, as docker inspect uses."""
    with pytest.raises(FormatError) as error:
        render("{{.Nope}}", [WEB], missing_key="error")

    expected = (
        'failed to execute template: template: :1:2: executing "" at <.Nope>: '
        'map has no entry for key "Nope"'
    )
    assert str(error.value) == expected


def test_format_error_is_a_value_error() -> None:
    """Callers that catch ValueError also catch a bad format."""
    assert issubclass(FormatError, ValueError)
