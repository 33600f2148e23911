"""The --format template engine against Go's text/template and docker's docs.

Expected outputs are what Go's text/template and fmt print for the same
template and data (pkg.go.dev/text/template, pkg.go.dev/fmt), and the
examples of docs.docker.com/engine/cli/formatting/.
"""

from __future__ import annotations

import contextlib
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docker_cli.output.template import TemplateError, compile_template

CONTAINER: dict[str, Any] = {
    "Id": "4c01db0b339c7e2f8b3a",
    "Name": "/Web_App",
    "Args": ["-g", "daemon off;"],
    "Names": ["web", "frontend"],
    "Image": "nginx:1.25",
    "State": "running",
    "Config": {
        "Image": "nginx:1.25",
        "Labels": {"com.example": "yes", "a.first": "1"},
        "Env": None,
    },
    "NetworkSettings": {
        "Networks": {
            "front": {"IPAddress": "172.18.0.2"},
            "back": {"IPAddress": "172.19.0.2"},
        }
    },
    "Mounts": [{"Type": "bind", "Source": "/a<b>&c"}],
    "Size": 1000000.0,
    "Ratio": 0.5,
    "Count": 3,
}


def render(text: str, data: Any = CONTAINER, **options: Any) -> str:
    """Compile and run a template in one go."""
    return compile_template(text, **options).execute(data)


# docker's documented functions.

DOCS_EXAMPLES = [
    ('{{join .Args " , "}}', "-g , daemon off;"),
    ('{{join .Names ","}}', "web,frontend"),
    ("{{json .Mounts}}", '[{"Type":"bind","Source":"/a<b>&c"}]'),
    ("{{lower .Name}}", "/web_app"),
    ('{{split .Image ":"}}', "[nginx 1.25]"),
    ('{{split (join .Names "/") "/"}}', "[web frontend]"),
    ("{{title .Name}}", "/Web_App"),
    ("{{upper .Name}}", "/WEB_APP"),
    ("{{truncate .Id 12}}", "4c01db0b339c"),
    ("{{pad .State 2 3}}|", "  running   |"),
    ("{{println .Name}}", "/Web_App\n"),
    ("{{.Config.Image}}", "nginx:1.25"),
    (
        "{{range .NetworkSettings.Networks}}{{println .IPAddress}}{{end}}",
        "172.19.0.2\n172.18.0.2\n",
    ),
    ('{{index .Config.Labels "com.example"}}', "yes"),
    ('{{if eq .State "running"}}up{{else}}down{{end}}', "up"),
    (
        "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
        "a.first=1;com.example=yes;",
    ),
    ("{{with .Missing}}x{{else}}y{{end}}", "y"),
    ("{{len .Names}}", "2"),
    ('{{.Name | upper | printf "%q"}}', '"/WEB_APP"'),
]


@pytest.mark.parametrize(("text", "expected"), DOCS_EXAMPLES)
def test_docker_documented_examples(text: str, expected: str) -> None:
    """The examples of docker's formatting docs print what docker prints."""
    assert render(text) == expected


def test_json_is_compact_in_key_order_without_trailing_newline() -> None:
    """{{json .}} keeps the daemon's key order and adds no newline."""
    data = {"b": 1, "a": [True, None, 1.5, "x"], "c": {}}

    assert render("{{json .}}", data) == '{"b":1,"a":[true,null,1.5,"x"],"c":{}}'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<&>", '"<&>"'),
        ("tab\tnew\nline", '"tab\\tnew\\nline"'),
        ("\x01\u2028", '"\\u0001\\u2028"'),
        ('q"b\\', '"q\\"b\\\\"'),
        ("é", '"é"'),
        (1.0, "1"),
        (1e21, "1e+21"),
        (1e-7, "1e-7"),
        (123456789.0, "123456789"),
        (-0.0, "-0"),
        (None, "null"),
    ],
)
def test_json_writes_strings_and_numbers_as_go_does(value: Any, expected: str) -> None:
    """json: Go's escapes and float spelling; < > & stay as docker leaves them."""
    assert render("{{json .}}", value) == expected


def test_json_of_nan_is_an_error() -> None:
    """json: NaN has no JSON form, so it fails like Go's encoder."""
    with pytest.raises(TemplateError, match="unsupported value: NaN"):
        render("{{json .}}", math.nan)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{{title "hello wORLD o\'neil foo_bar"}}', "Hello WORLD O'Neil Foo_bar"),
        ('{{upper "straße"}} {{lower "ÀB"}}', "STRAßE àb"),
        ('{{truncate "héllo" 2}}|{{truncate "ab" 5}}', "hé|ab"),
        ('{{pad "" 2 2}}|', "|"),
        ('{{split "a,,b" ","}} {{split "hé" ""}}', "[a  b] [h é]"),
        ('{{join .Empty ","}}|', "|"),
    ],
)
def test_docker_function_details(text: str, expected: str) -> None:
    """docker's string functions handle words, runes and empty values."""
    assert render(text, {"Empty": None}) == expected


# Go's language.

LANGUAGE = [
    ("plain text", "plain text"),
    ("a  {{- .x -}}  b", "a1b"),
    ("a {{- /* comment */ -}} b", "ab"),
    ("{{/* only a comment */}}", ""),
    ("{{-3}} {{- 3}}", "-33"),
    ("{{.x}}{{$.x}}{{range .l}}{{$.x}}{{end}}", "11111"),
    ("{{$x := .x}}{{$x}}{{$x = 2}}{{$x}}", "12"),
    ("{{if 0}}a{{else if .x}}b{{else}}c{{end}}", "b"),
    ("{{with $v := .x}}{{$v}}{{.}}{{end}}", "11"),
    ("{{with .nope}}a{{else with .x}}b{{.}}{{end}}", "b1"),
    ("{{range $i, $e := .l}}{{$i}}:{{$e}} {{end}}", "0:a 1:b 2:c "),
    ("{{range $e := .l}}{{$e}}{{end}}", "abc"),
    ("{{range .l}}{{if eq . `b`}}{{break}}{{end}}{{.}}{{end}}", "a"),
    ("{{range .l}}{{if eq . `b`}}{{continue}}{{end}}{{.}}{{end}}", "ac"),
    ("{{range .none}}x{{else}}empty{{end}}", "empty"),
    ("{{range .m}}{{.}}{{end}}", "123"),
    ("{{range 3}}{{.}}{{end}}", "012"),
    ("{{$n := 0}}{{range .l}}{{$n = .}}{{end}}{{$n}}", "c"),
    ("{{(index .l 1)}} {{(.m).b}}", "b 2"),
    ('{{define "t"}}[{{.}}]{{end}}{{template "t" .x}}', "[1]"),
    ('{{block "b" .l}}{{len .}}{{end}}', "3"),
    ('{{template "t"}}{{define "t"}}{{.}}{{end}}', "<no value>"),
    ("{{and 1 0 2}} {{and 1 2}} {{or 0 `` `x`}} {{or 0 ``}}", "0 2 x "),
    ("{{not 0}} {{not .l}} {{not .nope}}", "true false true"),
    ("{{and .nope .nope.deeper}}", "<no value>"),
    ("{{len `héllo`}} {{len .m}} {{len .l}}", "6 3 3"),
    ('{{index .m "b"}} {{index .l 2}} {{index `abc` 1}}', "2 c 98"),
    ('{{index .nested "k" 1}}', "y"),
    ("{{slice .l 1}} {{slice .l 1 2}} {{slice `hello` 1 3}}", "[b c] [b] el"),
    (
        "{{eq .x 1}} {{eq `a` `b` `a`}} {{ne 1 2}} {{eq .nope `a`}}",
        "true true true false",
    ),
    ("{{lt 1 2}} {{le 2 2}} {{gt `b` `a`}} {{ge 1 2}}", "true true true false"),
    ('{{print 1 2 "a" 3 nil}}', "1 2a3 <nil>"),
    ('{{println 1 "a"}}', "1 a\n"),
    ("{{html \"<a href='x'>&</a>\"}}", "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"),
    ('{{js "it\'s <b>\\"=\\n"}}', "it\\'s \\u003Cb\\u003E\\\"\\u003D\\u000A"),
    ('{{urlquery "a b&c=d/é"}}', "a+b%26c%3Dd%2F%C3%A9"),
    ("{{call .f 2 3}}", "5"),
    ('{{"\\x41\\u00e9\\101\\t|"}}{{`raw\\n`}}', "AéA\t|raw\\n"),
    (
        "{{12.0}} {{1e3}} {{0x1F}} {{017}} {{0b11}} {{1_000}} {{'a'}}",
        "12 1000 31 15 3 1000 97",
    ),
    ("{{.l | len | printf `%03d`}}", "003"),
    ('{{.x | printf "%d-%s" "a"}}', "%!d(string=a)-%!s(int=1)"),
]


@pytest.mark.parametrize(("text", "expected"), LANGUAGE)
def test_go_template_language(text: str, expected: str) -> None:
    """Actions, control structures, variables and builtins behave as in Go."""
    data = {
        "x": 1,
        "l": ["a", "b", "c"],
        "m": {"c": 3, "a": 1, "b": 2},
        "nested": {"k": ["x", "y"]},
        "f": lambda a, b: a + b,
    }

    assert render(text, data) == expected


# Printing values as fmt does.

PRINTED = [
    (None, "<nil>"),
    (True, "true"),
    (42, "42"),
    (0.5, "0.5"),
    (3.0, "3"),
    (1e6, "1e+06"),
    (123456.0, "123456"),
    (1234567.0, "1.234567e+06"),
    (0.0001, "0.0001"),
    (0.00001, "1e-05"),
    (-0.0, "-0"),
    (math.inf, "+Inf"),
    (math.nan, "NaN"),
    (["a", 1, None, [True]], "[a 1 <nil> [true]]"),
    ({"b": [], "a": {}, "c": None}, "map[a:map[] b:[] c:<nil>]"),
    ((1, 2), "[1 2]"),
    ("", ""),
]


@pytest.mark.parametrize(("value", "expected"), PRINTED)
def test_values_print_as_go_fmt_prints_them(value: Any, expected: str) -> None:
    """{{.}} prints like Go's %v: <nil>, map[k:v] in key order, 1e+06."""
    assert render("{{.}}", value) == expected


def test_missing_map_key_prints_no_value() -> None:
    """A key a map lacks is Go's invalid value: <no value>, and so are its fields."""
    assert render("{{.Nope}} {{.Nope.Deeper}}", {}) == "<no value> <no value>"


def test_missing_key_error_option() -> None:
    """With missing_key="error" a missing key fails as missingkey=error does."""
    with pytest.raises(TemplateError) as caught:
        render("{{.Foo}}", {}, missing_key="error")

    expected = 'template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"'
    assert str(caught.value) == expected


PRINTF = [
    ('"%s|%v|%q"', '"hi" "hi" "hi"', 'hi|hi|"hi"'),
    ('"%5s|%-5s|%.2s|%5.1s|"', '"ab" "ab" "abc" "abc"', "   ab|ab   |ab|    a|"),
    (
        '"%d|%5d|%-5d|%05d|%+d|% d"',
        "42 42 42 -42 42 42",
        "42|   42|42   |-0042|+42| 42",
    ),
    ('"%x|%X|%#x|%o|%#o|%O|%b"', "255 255 255 8 8 8 5", "ff|FF|0xff|10|010|0o10|101"),
    ('"%.3d|%.0d|%#08x"', "7 0 255", "007||0x000000ff"),
    ('"%c|%U|%#U|%q"', "65 65 233 97", "A|U+0041|U+00E9 'é'|'a'"),
    (
        '"%f|%.2f|%5.1f|%e|%E"',
        "1.5 3.14159 2.25 1234.5678 0.5",
        "1.500000|3.14|  2.2|1.234568e+03|5.000000E-01",
    ),
    ('"%g|%g|%.3g|%G"', "1e6 0.0001 3.14159 1e-7", "1e+06|0.0001|3.14|1E-07"),
    (
        '"%08.3f|%+.1e|% .2f|%-8.2f|"',
        "-3.5 12345.0 1.0 2.0",
        "-003.500|+1.2e+04| 1.00|2.00    |",
    ),
    ('"%t|%v|%5t|"', "true false true", "true|false| true|"),
    ('"%x|% x|%X"', '"hi" "hi" "é"', "6869|68 69|C3A9"),
    ('"%q|%+q|%#q"', '"é\\n" "é" "a`b"', '"é\\n"|"\\u00e9"|"a`b"'),
    ('"%T %T %T %T %T"', "1 1.5 `a` nil true", "int float64 string <nil> bool"),
    ('"%v|%d|%s"', ".l .l .l", "[1 2]|[1 2]|[%!s(int=1) %!s(int=2)]"),
    ('"%v"', ".m", "map[a:1]"),
    ('"%#v"', ".m", 'map[string]interface {}{"a":1}'),
    ('"%d %d"', "1", "1 %!d(MISSING)"),
    ('"%d"', "1 2", "1%!(EXTRA int=2)"),
    ('"%z|%d|%s"', '1 "x" nil', "%!z(int=1)|%!d(string=x)|%!s(<nil>)"),
    ('"%[2]d %[1]d|%[3]d"', "1 2", "2 1|%!d(BADINDEX)"),
    ('"%*d|%-*d|%.*f"', "4 1 4 2 2 3.14159", "   1|2   |3.14"),
    ('"100%%|%5%|%"', "", "100%|%|%!(NOVERB)"),
]


@pytest.mark.parametrize(("form", "args", "expected"), PRINTF)
def test_printf_follows_go_fmt(form: str, args: str, expected: str) -> None:
    """printf: verbs, flags, width, precision and fmt's %! notes."""
    text = "{{printf " + form + (" " + args if args else "") + "}}"
    data = {"l": [1, 2], "m": {"a": 1}}

    assert render(text, data) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("{{lt 1 1.5}}", "true"), ("{{eq 2 2.0}}", "true")]
)
def test_ints_and_floats_compare_by_value(text: str, expected: str) -> None:
    """Unlike Go, int and float compare: Python's JSON has ints where Go's has
    float64s, so a strict rule would reject comparisons that work in docker."""
    assert render(text, {}) == expected


# Errors.

PARSE_ERRORS = [
    ("{{foo}}", 'template: :1: function "foo" not defined'),
    ('{{"a"}x}}', 'template: :1: unexpected "}" in operand'),
    ("{{ } }}", 'template: :1: unexpected "}" in command'),
    ("{{.Name", "template: :1: unclosed action"),
    ("a\n{{.Name\n.X", "template: :3: unclosed action started at :2"),
    ("{{if}}", "template: :1: missing value for if"),
    ("{{if .X}}", "template: :1: unexpected EOF"),
    ("{{end}}", "template: :1: unexpected {{end}}"),
    ("{{else}}", "template: :1: unexpected {{else}}"),
    ("{{break}}", "template: :1: {{break}} outside {{range}}"),
    ("{{$x}}", 'template: :1: undefined variable "$x"'),
    ("{{with $x := 1}}{{end}}{{$x}}", 'template: :1: undefined variable "$x"'),
    ('{{"a".B}}', 'template: :1: unexpected . after term "\\"a\\""'),
    ("{{.A | 1}}", "template: :1: non executable command in pipeline stage 2"),
    ("{{(1}}", "template: :1: unclosed left paren"),
    ("{{1)}}", "template: :1: unexpected right paren"),
    ("{{/* x }}", "template: :1: unclosed comment"),
    ("{{/* x */ }}", "template: :1: comment ends before closing delimiter"),
    ('{{"\\q"}}', "template: :1: invalid syntax"),
    ('{{"abc', "template: :1: unterminated quoted string"),
    ("{{1a}}", 'template: :1: bad number syntax: "1a"'),
    ("{{1__0}}", 'template: :1: illegal number syntax: "1__0"'),
    ("{{'ab'}}", "template: :1: malformed character constant: 'ab'"),
    ("{{.A\x07}}", "template: :1: bad character U+0007"),
    ("{{#}}", 'template: :1: unexpected "#" in command'),
    (
        "{{range $a, $b, $c := .}}{{end}}",
        "template: :1: too many declarations in range",
    ),
    ("{{$a, $b := 1}}", "template: :1: too many declarations in command"),
    ("{{range .}}{{else if 1}}{{end}}", "template: :1: unexpected <if> in input"),
    (
        '{{define "a"}}A{{end}}{{define "a"}}B{{end}}',
        'template: :1: template: multiple definition of template "a"',
    ),
    (
        "x\n\n{{if 1}}{{else}}{{else}}{{end}}",
        "template: :3: expected end; found {{else}}",
    ),
]


@pytest.mark.parametrize(("text", "message"), PARSE_ERRORS)
def test_parse_errors_are_worded_as_go_words_them(text: str, message: str) -> None:
    """Bad templates fail at compile time with Go's message."""
    with pytest.raises(TemplateError) as caught:
        compile_template(text)

    assert str(caught.value) == message


EXEC_ERRORS = [
    (
        "{{index .l 5}}",
        'template: :1:2: executing "" at <index .l 5>: '
        "error calling index: index out of range: 5",
    ),
    (
        "{{len 3}}",
        'template: :1:2: executing "" at <len 3>: error calling len: len of type int',
    ),
    (
        "x\n  {{.s.Foo}}",
        'template: :2:6: executing "" at <.s.Foo>: '
        "can't evaluate field Foo in type string",
    ),
    (
        "{{lower 3}}",
        'template: :1:2: executing "" at <lower 3>: '
        "wrong type for value; expected string; got int",
    ),
    (
        "{{not 1 2}}",
        'template: :1:2: executing "" at <not>: '
        "wrong number of args for not: want 1 got 2",
    ),
    (
        "{{eq `a` 1}}",
        'template: :1:2: executing "" at <eq `a` 1>: '
        "error calling eq: incompatible types for comparison",
    ),
    (
        "{{.s 1}}",
        'template: :1:2: executing "" at <.s>: s is not a method but has arguments',
    ),
    (
        '{{"a" "b"}}',
        'template: :1:2: executing "" at <"a">: '
        'can\'t give argument to non-function "a"',
    ),
    ("{{nil}}", 'template: :1:2: executing "" at <nil>: nil is not a command'),
    (
        "{{.n.X}}",
        'template: :1:4: executing "" at <.n.X>: nil pointer evaluating interface {}.X',
    ),
    (
        '{{template "x"}}',
        'template: :1:11: executing "" at <{{template "x"}}>: template "x" not defined',
    ),
    (
        "{{range .s}}{{end}}",
        'template: :1:8: executing "" at <{{range .s}}{{end}}>: '
        "range can't iterate over str",
    ),
    (
        "{{99999999999999999999}}",
        'template: :1:2: executing "" at <99999999999999999999>: '
        "99999999999999999999 overflows int",
    ),
    ("{{json .f}}", None),
]


@pytest.mark.parametrize(("text", "message"), EXEC_ERRORS)
def test_execution_errors_are_worded_as_go_words_them(
    text: str, message: str | None
) -> None:
    """Failures while running say where, in which template, and at what."""
    template = compile_template(text)
    data = {"l": [1], "s": "str", "n": None, "f": math.inf}

    with pytest.raises(TemplateError) as caught:
        template.execute(data)

    if message is not None:
        assert str(caught.value) == message


def test_runaway_template_recursion_is_an_error() -> None:
    """A template that calls itself forever stops with an error, not a crash."""
    text = '{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}'

    with pytest.raises(TemplateError, match="exceeded maximum template depth"):
        render(text, {})


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    """Thousands of nested parentheses give a TemplateError."""
    with pytest.raises(TemplateError):
        compile_template("{{" + "(" * 5000 + "1" + ")" * 5000 + "}}")


def test_template_error_is_a_value_error() -> None:
    """Callers may catch ValueError for any template failure."""
    assert issubclass(TemplateError, ValueError)


# Objects standing in for docker's Go formatter contexts.


class ContainerContext:
    """Like docker's containerContext: fields are methods called by name."""

    def __init__(self) -> None:
        self.Image = "nginx"
        self._hidden = "secret"

    def ID(self) -> str:
        return "4c01db0b339c"

    def Label(self, name: str) -> str:
        return "label:" + name

    @property
    def Size(self) -> str:
        return "1.2MB"

    def Broken(self) -> str:
        raise RuntimeError("daemon went away")


class Labels:
    """A mapping-like object that only has __getitem__."""

    def __getitem__(self, key: str) -> str:
        if key == "tier":
            return "web"
        raise KeyError(key)


OBJECT_CASES = [
    ("{{.ID}}", "4c01db0b339c"),
    ("{{.Image}}", "nginx"),
    ("{{.Size}}", "1.2MB"),
    ('{{.Label "tier"}}', "label:tier"),
    ('{{"tier" | .Label}}', "label:tier"),
    ("{{.ID | upper}}", "4C01DB0B339C"),
]


@pytest.mark.parametrize(("text", "expected"), OBJECT_CASES)
def test_objects_expose_attributes_properties_and_methods(
    text: str, expected: str
) -> None:
    """.Name on an object is an attribute, a property or a method call."""
    assert render(text, ContainerContext()) == expected


def test_getitem_objects_are_looked_up_like_maps() -> None:
    """An object with only __getitem__ answers fields as a map would."""
    assert render("{{.tier}} {{.nope}}", Labels()) == "web <no value>"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{.Nope}}", "can't evaluate field Nope in type ContainerContext"),
        ("{{._hidden}}", "can't evaluate field _hidden in type ContainerContext"),
        ("{{.Broken}}", "error calling Broken: daemon went away"),
        ("{{.Image 1}}", "Image has arguments but cannot be invoked as function"),
    ],
)
def test_object_field_errors(text: str, message: str) -> None:
    """Unknown, private and failing fields of an object are TemplateErrors."""
    with pytest.raises(TemplateError, match=message):
        render(text, ContainerContext())


class PsRow:
    """A formatter context that says how json should write it."""

    def ID(self) -> str:
        return "4c01db0b339c"

    def marshal_json(self) -> dict[str, str]:
        return {"ID": self.ID(), "Names": "web"}


def test_json_uses_marshal_json_like_gos_json_marshaler() -> None:
    """{{json .}} of an object writes what its marshal_json returns."""
    assert render("{{json .}}", PsRow()) == '{"ID":"4c01db0b339c","Names":"web"}'


def test_json_of_a_plain_object_is_an_error() -> None:
    """An object json cannot see into fails instead of printing its repr."""
    with pytest.raises(TemplateError, match="json: unsupported type: Labels"):
        render("{{json .}}", Labels())


def test_custom_functions_add_to_and_replace_the_builtins() -> None:
    """funcs adds functions and may replace one, as Go's Funcs does."""
    funcs = {"double": lambda n: n * 2, "upper": lambda s: "U(" + s + ")"}

    assert render("{{double 21}} {{upper `a`}}", {}, funcs=funcs) == "42 U(a)"


def test_custom_function_errors_are_wrapped() -> None:
    """An exception from a caller's function becomes "error calling NAME"."""

    def broken() -> str:
        raise OSError("nope")

    with pytest.raises(TemplateError, match="error calling broken: nope"):
        render("{{broken}}", {}, funcs={"broken": broken})


@pytest.mark.parametrize(
    ("funcs", "options"),
    [({"bad-name": len}, {}), ({"f": "not callable"}, {}), ({}, {"missing_key": "x"})],
)
def test_bad_compile_arguments_are_template_errors(
    funcs: dict[str, Any], options: dict[str, Any]
) -> None:
    """A bad function name, a non-callable or an unknown option is refused."""
    with pytest.raises(TemplateError):
        compile_template("x", funcs=funcs, **options)


def test_a_compiled_template_runs_many_times() -> None:
    """Compile once, execute per row: state does not leak between runs."""
    template = compile_template("{{$n := .}}{{range .}}{{.}}{{end}}")

    assert [template.execute(row) for row in (["a"], [], ["b", "c"])] == [
        "a",
        "",
        "bc",
    ]


# Properties.

TEMPLATE_WORDS = st.sampled_from(
    ["{{", "}}", "{{-", "-}}", " ", ".", "$", "$x", ":=", "=", "|", "(", ")"]
    + ['"', "`", "'", "\\", "/*", "*/", "\n", ",", "%", "é", "\x00", "\ud800"]
    + ["if", "else", "end", "range", "with", "define", "template", "block"]
    + ["break", "continue", "nil", "true", "1", "-1", "1.5", "0x1F", "1e3"]
    + ['"%d %v %q %x %5.2f %[1]*d"', ".A", ".A.B", "index", "printf", "json"]
    + ["len", "slice", "eq", "lt", "and", "or", "not", "join", "split", "pad"]
)
TEMPLATE_TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(TEMPLATE_WORDS, max_size=16).map("".join),
)

JSON_DATA = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["A", "B", "Name", "Names", "x", ""]) | st.text(max_size=4),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)

FIXED_TEMPLATES = [
    "{{.}}",
    "{{json .}}",
    "{{.A}}{{.A.B}}{{.Name}}",
    "{{range $k, $v := .}}{{$k}}={{$v}};{{else}}none{{end}}",
    "{{range .}}{{.}}{{break}}{{end}}",
    "{{if .}}t{{else}}f{{end}}{{with .A}}{{.}}{{end}}",
    "{{len .}} {{index . 0}} {{index . `A`}} {{slice . 1}}",
    '{{printf "%v %d %s %q %x %X %5.2f %e %g %t %c %U %T" . . . . . . . . . . . . .}}',
    '{{join . ","}} {{split . ","}} {{lower .}} {{title .}} {{truncate . 2}}',
    "{{pad . 1 1}} {{html .}} {{js .}} {{urlquery .}} {{print . .}}",
    "{{eq . 1}} {{ne . `a`}} {{lt . 2}} {{le . 1.5}} {{and . 1}} {{or . 0}}",
    "{{not .}} {{println .Names}} {{call .}}",
]


@settings(max_examples=200, deadline=None)
@given(TEMPLATE_TEXT)
def test_any_text_compiles_or_raises_template_error(text: str) -> None:
    """Whatever the text, compiling gives a Template or a TemplateError."""
    try:
        template = compile_template(text)
    except TemplateError:
        return
    with contextlib.suppress(TemplateError):
        assert isinstance(template.execute({"A": {"B": [1]}}), str)


COMPILED = [compile_template(text) for text in FIXED_TEMPLATES]


@settings(max_examples=150, deadline=None)
@given(JSON_DATA)
def test_any_data_executes_or_raises_template_error(data: Any) -> None:
    """Whatever the data, each fixed template gives a str or a TemplateError."""
    for template in COMPILED:
        with contextlib.suppress(TemplateError):
            assert isinstance(template.execute(data), str)


@settings(max_examples=100, deadline=None)
@given(JSON_DATA)
def test_json_reads_back_as_the_same_data(data: Any) -> None:
    """{{json .}} is JSON that decodes to the data it was given."""
    try:
        text = render("{{json .}}", data)
    except TemplateError as err:
        assert "unsupported value" in str(err)
        return

    assert _numbers_as_floats(json.loads(text)) == _numbers_as_floats(data)


def _numbers_as_floats(value: Any) -> Any:
    """Go writes 5.2e+16 as 52000000000000000, which JSON reads as an int."""
    if isinstance(value, list):
        return [_numbers_as_floats(v) for v in value]
    if isinstance(value, dict):
        return {k: _numbers_as_floats(v) for k, v in value.items()}
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


@given(st.text().filter(lambda text: "{{" not in text))
def test_text_without_actions_is_copied_unchanged(text: str) -> None:
    """Text with no {{ is its own output."""
    assert render(text, None) == text
