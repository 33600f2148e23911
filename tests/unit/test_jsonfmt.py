"""indent_json against Go's json.Indent(dst, src, "", "    ")."""

from __future__ import annotations

import pytest

from docker_cli.output.jsonfmt import indent_json

NESTED = '{"Id":"abc","Config":{"Cmd":["sh","-c"],"Env":null},"Mounts":[]}'
NESTED_INDENTED = """\
{
    "Id": "abc",
    "Config": {
        "Cmd": [
            "sh",
            "-c"
        ],
        "Env": null
    },
    "Mounts": []
}"""


def test_nested_objects_and_arrays() -> None:
    """Each member and element goes on its own line, four spaces a level."""
    assert indent_json(NESTED) == NESTED_INDENTED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[]", "[]"),
        ("{}", "{}"),
        ("[ ]", "[]"),
        ("{\n}", "{}"),
        ("[[]]", "[\n    []\n]"),
        ('{"a":{},"b":[]}', '{\n    "a": {},\n    "b": []\n}'),
        ("[{}]", "[\n    {}\n]"),
    ],
)
def test_empty_containers_stay_compact(text: str, expected: str) -> None:
    """Empty [] and {} are written as such, never split over lines."""
    assert indent_json(text) == expected


@pytest.mark.parametrize(
    "string",
    [
        r'"a,b:c"',
        r'"[not] {an} array"',
        r'"say \"hi\""',
        r'"C:\\dir\\"',
        r'"\\\"[,]\\"',
        r'"\u003chtml\u003e \u0026"',
        r'"tab\there\nnewline"',
        '"two  spaces"',
        '"é 日本 🐳"',
    ],
)
def test_strings_are_copied_verbatim(string: str) -> None:
    """Punctuation, spaces and escapes inside strings are not touched."""
    assert indent_json(f'{{"k":{string}}}') == f'{{\n    "k": {string}\n}}'


@pytest.mark.parametrize(
    "number", ["0", "-0.5", "1e+06", "1E-7", "12345678901234567890", "3.0"]
)
def test_numbers_are_copied_verbatim(number: str) -> None:
    """Numbers keep the daemon's spelling; nothing is decoded and re-encoded."""
    assert indent_json(f"[{number},true,false,null]") == (
        f"[\n    {number},\n    true,\n    false,\n    null\n]"
    )


def test_whitespace_between_tokens_is_dropped() -> None:
    """Spaces, tabs and newlines outside strings do not survive."""
    text = '{\t"a" :  [ 1 ,\r\n 2 ] }'

    assert indent_json(text) == '{\n    "a": [\n        1,\n        2\n    ]\n}'


@pytest.mark.parametrize(
    "text",
    [
        NESTED_INDENTED,
        NESTED_INDENTED.replace("    ", "  "),
        NESTED_INDENTED.replace("    ", "\t"),
    ],
)
def test_indented_input_is_reindented_identically(text: str) -> None:
    """Input indented in any way comes out as the compact input would."""
    assert indent_json(text) == NESTED_INDENTED


def test_leading_whitespace_is_dropped() -> None:
    """Whitespace before the value is not copied, as in json.Indent."""
    assert indent_json('\n  {"a":1}') == '{\n    "a": 1\n}'


def test_trailing_whitespace_is_preserved() -> None:
    """json.Indent copies whitespace after the value to the output unchanged."""
    assert indent_json('{"a":1}\n') == '{\n    "a": 1\n}\n'


def test_other_indent() -> None:
    """The indent argument is repeated once per level."""
    assert indent_json('{"a":[1]}', indent="\t") == '{\n\t"a": [\n\t\t1\n\t]\n}'


def test_inspect_output_of_two_objects() -> None:
    """An array of two objects, as inspect prints it, is indented at two levels."""
    text = '[{"Id":"a","Args":[]},{"Id":"b","Args":["x"]}]'
    expected = """\
[
    {
        "Id": "a",
        "Args": []
    },
    {
        "Id": "b",
        "Args": [
            "x"
        ]
    }
]"""

    assert indent_json(text) == expected
