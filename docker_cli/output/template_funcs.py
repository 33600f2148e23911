"""The functions a --format template can call: Go's builtins and docker's.

Go's builtins are documented in pkg.go.dev/text/template ("Functions");
docker adds json, join, split, lower, upper, title, pad and truncate
(docs.docker.com/engine/cli/formatting/). Each function takes Python values
and raises FuncError, which the executor reports as Go does: "error calling
index: index out of range: 5".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docker_cli.output.template_fmt import (
    encode_json,
    go_type,
    sprint,
    sprintf,
    sprintln,
)

Func = Callable[..., Any]


class FuncError(Exception):
    """A function's own failure, reported as "error calling NAME: ..."."""


class ArgError(Exception):
    """An argument of the wrong type, reported without "error calling"."""


class _Missing:
    """Go's invalid value: what a missing map key evaluates to."""

    def __repr__(self) -> str:
        return "<no value>"


MISSING: Any = _Missing()


def truth(value: Any) -> bool:
    """Go's truth: false, 0, nil, and empty strings, lists and maps are false."""
    if value is None or value is MISSING:
        return False
    if isinstance(value, (bool, int, float, complex)):
        return bool(value)
    if isinstance(value, (str, bytes, list, tuple, Mapping)):
        return len(value) > 0
    return True


# Argument types for docker's functions, which Go declares with types.


def _string(value: Any) -> str:
    """A string argument."""
    if isinstance(value, str):
        return value
    if value is None:
        raise ArgError("invalid value; expected string")
    raise ArgError("wrong type for value; expected string; got " + go_type(value))


def _integer(value: Any) -> int:
    """An int argument; bool is not one, in Go."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is None:
        raise ArgError("invalid value; expected int")
    raise ArgError("wrong type for value; expected int; got " + go_type(value))


def _strings(value: Any) -> list[str]:
    """A []string argument; nil is an empty one."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ArgError("wrong type for value; expected []string; got " + go_type(value))


def _map_runes(text: str, convert: Callable[[str], str]) -> str:
    """Apply a case mapping rune by rune, keeping runes it would expand.

    Go maps each rune to one rune ("ß" stays "ß" in upper case), where
    Python's str.upper expands some to several characters.
    """
    if text.isascii():
        return convert(text)
    out = []
    for char in text:
        mapped = convert(char)
        out.append(mapped if len(mapped) == 1 else char)
    return "".join(out)


def _is_separator(char: str) -> bool:
    """Whether a rune separates words, as Go's strings.Title decides."""
    if char.isascii():
        return not (char.isalnum() or char == "_")
    if char.isalpha() or char.isdecimal():
        return False
    return char.isspace()


# docker's functions.


def docker_json(value: Any) -> str:
    """json: compact JSON; docker turns off Go's escaping of < > & (moby #32145)."""
    return encode_json(value)


def docker_join(elems: Any, sep: Any) -> str:
    """join: the strings of a list with sep between them."""
    return _string(sep).join(_strings(elems))


def docker_split(text: Any, sep: Any) -> list[str]:
    """split: a string cut at each sep; an empty sep gives each character."""
    source, separator = _string(text), _string(sep)
    return list(source) if separator == "" else source.split(separator)


def docker_lower(text: Any) -> str:
    """lower: the string in lower case."""
    return _map_runes(_string(text), str.lower)


def docker_upper(text: Any) -> str:
    """upper: the string in upper case."""
    return _map_runes(_string(text), str.upper)


def docker_title(text: Any) -> str:
    """title: the first letter of each word in title case, the rest kept."""
    out = []
    previous = " "
    for char in _string(text):
        out.append(_map_runes(char, str.title) if _is_separator(previous) else char)
        previous = char
    return "".join(out)


def docker_truncate(text: Any, length: Any) -> str:
    """truncate: the first length characters of the string."""
    source, count = _string(text), _integer(length)
    if count < 0:
        raise FuncError(f"slice bounds out of range [:{count}]")
    return source[:count]


def docker_pad(text: Any, before: Any, after: Any) -> str:
    """pad: spaces before and after a string; an empty string stays empty."""
    source, prefix, suffix = _string(text), _integer(before), _integer(after)
    if prefix < 0 or suffix < 0:
        raise FuncError("strings: negative Repeat count")
    return " " * prefix + source + " " * suffix if source else source


# Go's builtins.


def go_and(first: Any, *rest: Any) -> Any:
    """and: the first false argument, or the last one."""
    for value in (first, *rest):
        if not truth(value):
            return value
    return value


def go_or(first: Any, *rest: Any) -> Any:
    """or: the first true argument, or the last one."""
    for value in (first, *rest):
        if truth(value):
            return value
    return value


def go_not(value: Any) -> bool:
    """not: the negation of the argument's truth."""
    return not truth(value)


def go_len(item: Any) -> int:
    """len: bytes of a string, elements of a list or map."""
    if item is None:
        raise FuncError("len of nil pointer")
    if isinstance(item, str):
        return len(item) if item.isascii() else len(_utf8(item))
    if isinstance(item, (bytes, list, tuple, Mapping)):
        return len(item)
    raise FuncError("len of type " + go_type(item))


def _utf8(text: str) -> bytes:
    """A string's bytes as Go holds them."""
    return text.encode("utf-8", "surrogateescape")


def _index_arg(index: Any, cap: int) -> int:
    """An index into a list or string; Go allows up to cap here."""
    if index is None:
        raise FuncError("cannot index slice/array with nil")
    if not isinstance(index, int) or isinstance(index, bool):
        raise FuncError("cannot index slice/array with type " + go_type(index))
    if index < 0 or index > cap:
        raise FuncError(f"index out of range: {index}")
    return index


def _index_one(item: Any, index: Any) -> Any:
    """item[index] for index's builtin."""
    if isinstance(item, (str, bytes, list, tuple)):
        data = _utf8(item) if isinstance(item, str) else item
        position = _index_arg(index, len(data))
        if position == len(data):
            raise FuncError(f"index out of range: {position}")
        return data[position]
    if isinstance(item, Mapping) or hasattr(type(item), "__getitem__"):
        try:
            return item[index]
        except KeyError:
            return MISSING
        except (TypeError, IndexError) as err:
            raise FuncError(f"value has type {go_type(index)}: {err}") from None
    raise FuncError("can't index item of type " + go_type(item))


def go_index(item: Any, *indexes: Any) -> Any:
    """index: item[i][j]...; a missing map key gives no value."""
    for index in indexes:
        if item is None or item is MISSING:
            raise FuncError("index of untyped nil")
        item = _index_one(item, index)
    return item


def go_slice(item: Any, *indexes: Any) -> Any:
    """slice: item[i:j], or item[i:j:k] of a list; strings by bytes."""
    if item is None:
        raise FuncError("slice of untyped nil")
    if len(indexes) > 3:
        raise FuncError(f"too many slice indexes: {len(indexes)}")
    if isinstance(item, str):
        if len(indexes) == 3:
            raise FuncError("cannot 3-index slice a string")
        data: Any = item if item.isascii() else _utf8(item)
    elif isinstance(item, (list, tuple)):
        data = item
    else:
        raise FuncError("can't slice item of type " + go_type(item))
    bounds = [0, len(data), len(data)]
    for position, index in enumerate(indexes):
        bounds[position] = _index_arg(index, len(data))
    if bounds[0] > bounds[1]:
        raise FuncError(f"invalid slice index: {bounds[0]} > {bounds[1]}")
    if len(indexes) == 3 and bounds[1] > bounds[2]:
        raise FuncError(f"invalid slice index: {bounds[1]} > {bounds[2]}")
    result = data[bounds[0] : bounds[1]]
    return result.decode("utf-8", "replace") if isinstance(result, bytes) else result


def _kind(value: Any) -> str:
    """The basic kind eq and lt compare by."""
    if value is None or value is MISSING:
        return "nil"
    for kind, name in ((bool, "bool"), (int, "int"), (float, "float"), (str, "string")):
        if isinstance(value, kind):
            return name
    return "complex" if isinstance(value, complex) else "other"


_NUMBERS = ("int", "float")


def _equal(left: Any, right: Any) -> bool:
    """One comparison for eq."""
    left_kind, right_kind = _kind(left), _kind(right)
    if left_kind != right_kind:
        # Python data has ints where Go's decoded JSON has float64s, so
        # numbers compare by value rather than failing as Go would.
        if left_kind in _NUMBERS and right_kind in _NUMBERS:
            return bool(left == right)
        if "nil" in (left_kind, right_kind):
            return False
        raise FuncError("incompatible types for comparison")
    if left_kind != "other":
        return bool(left == right)
    for value in (left, right):
        if isinstance(value, (list, tuple, Mapping)):
            shown = sprint([value])
            raise FuncError(f"non-comparable type {shown}: {go_type(value)}")
    return bool(left == right)


def go_eq(first: Any, *others: Any) -> bool:
    """eq: whether the first argument equals any of the others."""
    if not others:
        raise FuncError("missing argument for comparison")
    return any(_equal(first, other) for other in others)


def go_ne(left: Any, right: Any) -> bool:
    """ne: not eq."""
    return not _equal(left, right)


def go_lt(left: Any, right: Any) -> bool:
    """lt: strings and numbers only."""
    left_kind, right_kind = _kind(left), _kind(right)
    ordered = ("int", "float", "string")
    if left_kind not in ordered or right_kind not in ordered:
        raise FuncError("invalid type for comparison")
    if left_kind != right_kind and not (
        left_kind in _NUMBERS and right_kind in _NUMBERS
    ):
        raise FuncError("incompatible types for comparison")
    return bool(left < right)


def go_le(left: Any, right: Any) -> bool:
    """le: lt or eq."""
    return go_lt(left, right) or _equal(left, right)


def go_gt(left: Any, right: Any) -> bool:
    """gt: not le."""
    return not go_le(left, right)


def go_ge(left: Any, right: Any) -> bool:
    """ge: not lt."""
    return not go_lt(left, right)


def go_print(*args: Any) -> str:
    """print: fmt.Sprint."""
    return sprint(args)


def go_printf(form: Any, *args: Any) -> str:
    """printf: fmt.Sprintf."""
    return sprintf(_string(form), args)


def go_println(*args: Any) -> str:
    """println: fmt.Sprintln."""
    return sprintln(args)


def _text_of(args: tuple[Any, ...]) -> str:
    """The one string argument, or all arguments printed as by print."""
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return sprint(args)


_HTML = {"&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;", '"': "&#34;"}
_HTML_TABLE = str.maketrans({**_HTML, "\0": "\ufffd"})
_JS = {"\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E"}
_JS_TABLE = str.maketrans({**_JS, "&": "\\u0026", "=": "\\u003D"})
_URL_SAFE = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~"
)


def go_html(*args: Any) -> str:
    """html: the text with HTML's special characters escaped."""
    return _text_of(args).translate(_HTML_TABLE)


def go_js(*args: Any) -> str:
    """js: the text escaped for a JavaScript string."""
    out = []
    for char in _text_of(args).translate(_JS_TABLE):
        code = ord(char)
        if code < 0x20 or (code >= 0x80 and not char.isprintable()):
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return "".join(out)


def go_urlquery(*args: Any) -> str:
    """urlquery: the text escaped for a URL query, spaces as "+"."""
    out = []
    for char in _text_of(args):
        if char in _URL_SAFE:
            out.append(char)
        elif char == " ":
            out.append("+")
        else:
            out.append("".join(f"%{byte:02X}" for byte in _utf8(char)))
    return "".join(out)


def go_call(function: Any, *args: Any) -> Any:
    """call: the result of calling a function value with the arguments."""
    if function is None:
        raise FuncError("call of nil")
    if not callable(function):
        raise FuncError("non-function of type " + go_type(function))
    return function(*args)


BUILTINS: dict[str, Func] = {
    "and": go_and,
    "call": go_call,
    "eq": go_eq,
    "ge": go_ge,
    "gt": go_gt,
    "html": go_html,
    "index": go_index,
    "js": go_js,
    "le": go_le,
    "len": go_len,
    "lt": go_lt,
    "ne": go_ne,
    "not": go_not,
    "or": go_or,
    "print": go_print,
    "printf": go_printf,
    "println": go_println,
    "slice": go_slice,
    "urlquery": go_urlquery,
    "json": docker_json,
    "join": docker_join,
    "split": docker_split,
    "lower": docker_lower,
    "upper": docker_upper,
    "title": docker_title,
    "truncate": docker_truncate,
    "pad": docker_pad,
}

# How many arguments each function takes: (at least, at most or None).
ARITY: dict[Func, tuple[int, int | None]] = {
    go_and: (1, None),
    go_call: (1, None),
    go_eq: (1, None),
    go_ge: (2, 2),
    go_gt: (2, 2),
    go_html: (0, None),
    go_index: (1, None),
    go_js: (0, None),
    go_le: (2, 2),
    go_len: (1, 1),
    go_lt: (2, 2),
    go_ne: (2, 2),
    go_not: (1, 1),
    go_or: (1, None),
    go_print: (0, None),
    go_printf: (1, None),
    go_println: (0, None),
    go_slice: (1, None),
    go_urlquery: (0, None),
    docker_json: (1, 1),
    docker_join: (2, 2),
    docker_split: (2, 2),
    docker_lower: (1, 1),
    docker_upper: (1, 1),
    docker_title: (1, 1),
    docker_truncate: (2, 2),
    docker_pad: (3, 3),
}
