"""Go's fmt and encoding/json output for template values.

A template prints values as Go's fmt.Print does (pkg.go.dev/fmt): nil is
<nil>, a list is [a b], a map is map[k:v] in key order, and a float64 takes
the shortest form that reads back the same, switching to an exponent from
1e+06 up or below 1e-04. printf follows fmt's verbs, flags and its %!
error notation. Python's repr already gives the shortest round-trip digits
that Go's strconv computes, so only the layout is done here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

_SIMPLE_ESCAPES = {7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r"}
_JSON_ESCAPES: dict[int, str] = {c: f"\\u{c:04x}" for c in range(0x20)}
_JSON_ESCAPES.update({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"})
_JSON_ESCAPES.update({0x22: '\\"', 0x5C: "\\\\", 0x2028: "\\u2028", 0x2029: "\\u2029"})
_INTEGER_BASES = {"d": "d", "v": "d", "b": "b", "o": "o", "O": "o", "x": "x", "X": "X"}
_TOO_LARGE = 1_000_000  # fmt refuses widths and precisions beyond this


class Spec:
    """The flags, width and precision of one printf verb."""

    __slots__ = ("plus", "minus", "sharp", "space", "zero", "width", "prec")

    def __init__(self) -> None:
        self.plus = self.minus = self.sharp = self.space = self.zero = False
        self.width: int | None = None
        self.prec: int | None = None


_PLAIN = Spec()


# Type names and quoting.


def go_type(value: Any) -> str:
    """The Go type a value stands for, as %T and error messages name it."""
    if value is None:
        return "<nil>"
    names = {bool: "bool", int: "int", float: "float64", str: "string"}
    name = names.get(type(value))
    if name is not None:
        return name
    if isinstance(value, (list, tuple)):
        return "[]interface {}"
    if isinstance(value, Mapping):
        return "map[string]interface {}"
    if isinstance(value, bytes):
        return "[]uint8"
    # An object may say which Go type it stands for (docker's contexts).
    return str(getattr(type(value), "go_type_name", type(value).__name__))


def quote(text: str, ascii_only: bool = False, mark: str = '"') -> str:
    """text as a Go quoted string literal, like strconv.Quote."""
    plain = text.isprintable() and mark not in text and "\\" not in text
    if plain and (text.isascii() or not ascii_only):
        return mark + text + mark
    return mark + "".join(_escape(c, mark, ascii_only) for c in text) + mark


def _escape(char: str, mark: str, ascii_only: bool) -> str:
    """One character inside a quoted literal."""
    code = ord(char)
    if char in (mark, "\\"):
        return "\\" + char
    if char.isprintable() and (code < 0x80 or not ascii_only):
        return char
    if code in _SIMPLE_ESCAPES:
        return "\\" + _SIMPLE_ESCAPES[code]
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:
        # A byte that was not UTF-8, smuggled in by surrogateescape.
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code < 0xE000:
        code = 0xFFFD
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def quote_rune(code: int, ascii_only: bool = False) -> str:
    """A code point as a Go character literal, like strconv.QuoteRune."""
    return quote(_rune(code), ascii_only, mark="'")


def _rune(code: int) -> str:
    """The character for a code point, U+FFFD when there is none."""
    if 0 <= code <= 0x10FFFF and not 0xD800 <= code < 0xE000:
        return chr(code)
    return "\ufffd"


def can_backquote(text: str) -> bool:
    """Whether text can be written as a `raw` literal, like strconv's."""
    for char in text:
        if char in "`\x7f\ufeff" or (char < " " and char != "\t"):
            return False
        if 0xD800 <= ord(char) < 0xE000:
            return False
    return True


# Floats.


def _digits(value: float) -> tuple[str, int]:
    """Shortest digits of a positive finite float, and its decimal point."""
    if value == 0:
        return "0", 1
    mantissa, _, exponent = repr(value).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    point = len(whole) - (len(whole + fraction) - len(digits))
    return digits.rstrip("0") or "0", point + int(exponent or 0)


def _layout_e(digits: str, point: int) -> str:
    """d.ddde±XX, the exponent at least two digits as in Go."""
    exponent = point - 1
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{mantissa}e{exponent:+03d}"


def _layout_f(digits: str, point: int) -> str:
    """ddd.ddd with no exponent."""
    if point <= 0:
        return "0." + "0" * -point + digits
    if point >= len(digits):
        return digits + "0" * (point - len(digits))
    return digits[:point] + "." + digits[point:]


def shortest_float(value: float) -> str:
    """A finite positive float as Go's %v: %e from 1e+06 up or below 1e-04."""
    digits, point = _digits(value)
    if point - 1 < -4 or point - 1 >= 6:
        return _layout_e(digits, point)
    return _layout_f(digits, point)


def _float_body(value: float, verb: str, spec: Spec) -> str:
    """A finite positive float under one of the float verbs."""
    prec = spec.prec
    if verb in "gG" and prec is None and spec.sharp:
        prec = 6
    if verb in "gG" and prec is None:
        body = shortest_float(value)
        return body.upper() if verb == "G" else body
    if verb in "xX":
        return _hex_float(value, verb)
    if verb == "b":
        mantissa, exponent = math.frexp(value)
        return f"{int(mantissa * 2**53)}p{exponent - 53:+d}"
    code = "f" if verb == "F" else verb
    alternate = "#" if spec.sharp else ""
    return format(value, f"{alternate}.{6 if prec is None else prec}{code}")


def _hex_float(value: float, verb: str) -> str:
    """%x of a float: 0x1.8p+01, the exponent at least two digits."""
    mantissa, _, exponent = value.hex()[2:].partition("p")
    mantissa = mantissa.rstrip("0").rstrip(".")
    number = int(exponent)
    text = f"0x{mantissa}p{number:+03d}"
    return text.upper() if verb == "X" else text


def _fmt_float(value: float, verb: str, spec: Spec) -> str:
    """A float under %v %e %E %f %F %g %G %x %X %b, sign and padding included."""
    if verb == "v":
        verb = "g"
    elif verb not in "eEfFgGxXb":
        return _bad_verb(value, verb, spec)
    if math.isnan(value):
        sign = "+" if spec.plus else " " if spec.space else ""
        return _pad(sign + "NaN", spec, zero=False)
    negative = math.copysign(1.0, value) < 0
    if math.isinf(value):
        sign = "-" if negative else " " if spec.space and not spec.plus else "+"
        return _pad(sign + "Inf", spec, zero=False)
    body = _float_body(abs(value), verb, spec)
    sign = "-" if negative else "+" if spec.plus else " " if spec.space else ""
    return _pad_number(sign, body, spec)


# Integers, strings and the rest.


def _pad(text: str, spec: Spec, zero: bool = True) -> str:
    """text padded to the width, on the right with the - flag."""
    if spec.width is None or len(text) >= spec.width:
        return text
    fill = spec.width - len(text)
    if spec.minus:
        return text + " " * fill
    return ("0" if spec.zero and zero else " ") * fill + text


def _pad_number(sign: str, digits: str, spec: Spec) -> str:
    """A number padded to the width; zero padding goes after the sign."""
    width = spec.width
    if spec.zero and not spec.minus and width and width > len(sign + digits):
        return sign + "0" * (width - len(sign + digits)) + digits
    return _pad(sign + digits, spec, zero=False)


def _fmt_integer(value: int, verb: str, spec: Spec) -> str:
    """An int under %v %d %b %o %O %x %X %c %q %U."""
    if verb == "c":
        return _pad(_rune(value), spec, zero=False)
    if verb == "q":
        return _pad(quote_rune(value, spec.plus), spec, zero=False)
    if verb == "U":
        return _fmt_unicode(value, spec)
    if verb not in _INTEGER_BASES:
        return _bad_verb(value, verb, spec)
    digits = format(abs(value), _INTEGER_BASES[verb])
    if spec.prec is not None:
        if spec.prec == 0 and value == 0:
            return _pad("", spec, zero=False)
        digits = digits.rjust(spec.prec, "0")
    sign = "-" if value < 0 else "+" if spec.plus else " " if spec.space else ""
    if spec.prec is None and spec.zero and not spec.minus and spec.width:
        # Go zero-fills to the width first, then adds any 0x prefix.
        digits = digits.rjust(spec.width - len(sign), "0")
    return _pad(sign + _integer_prefix(digits, verb, spec) + digits, spec, False)


def _integer_prefix(digits: str, verb: str, spec: Spec) -> str:
    """0b, 0, 0x or 0X for the # flag; 0o always for %O."""
    if verb == "O":
        return "0o"
    if not spec.sharp:
        return ""
    prefixes = {"b": "0b", "x": "0x", "X": "0X"}
    if verb == "o":
        return "" if digits.startswith("0") else "0"
    return prefixes.get(verb, "")


def _fmt_unicode(value: int, spec: Spec) -> str:
    """%U: U+0041, and with # the character itself: U+0041 'A'."""
    code = value & 0xFFFFFFFFFFFFFFFF
    width = max(4, spec.prec or 0)
    text = "U+" + format(code, "X").rjust(width, "0")
    if spec.sharp and code <= 0x10FFFF and _rune(code).isprintable():
        text += " '" + chr(code) + "'"
    return _pad(text, spec, zero=False)


def _fmt_string(text: str, verb: str, spec: Spec, sharp_v: bool) -> str:
    """A string under %v %s %q %x %X."""
    if verb == "v" and sharp_v:
        return _pad(quote(text), spec)
    if verb in "vs":
        return _pad(text if spec.prec is None else text[: spec.prec], spec)
    if verb in "xX":
        return _fmt_hex_bytes(text.encode("utf-8", "surrogateescape"), verb, spec)
    if verb == "q":
        text = text if spec.prec is None else text[: spec.prec]
        if spec.sharp and can_backquote(text):
            return _pad("`" + text + "`", spec)
        return _pad(quote(text, spec.plus), spec)
    return _bad_verb(text, verb, spec)


def _fmt_hex_bytes(data: bytes, verb: str, spec: Spec) -> str:
    """%x of a string: two hex digits a byte; space and # flags as in Go."""
    if spec.prec is not None:
        data = data[: spec.prec]
    pairs = [format(byte, "02" + verb) for byte in data]
    prefix = "0X" if verb == "X" else "0x"
    if spec.space:
        text = " ".join(prefix + p if spec.sharp else p for p in pairs)
    else:
        text = (prefix if spec.sharp and pairs else "") + "".join(pairs)
    return _pad(text, spec)


def _bad_verb(value: Any, verb: str, spec: Spec) -> str:
    """fmt's note for a verb that does not suit the value: %!d(string=hi)."""
    if value is None:
        return "%!" + verb + "(<nil>)"
    if isinstance(value, (str, bool, int, float, list, tuple, Mapping)):
        shown = format_arg(value, "v", spec, sharp_v=False)
    else:
        shown = _pad(_text_of(value), spec)
    return "%!" + verb + "(" + go_type(value) + "=" + shown + ")"


def sorted_keys(mapping: Mapping[Any, Any]) -> list[Any]:
    """Map keys in Go's print order; mixed types are grouped by type."""
    try:
        return sorted(mapping)
    except TypeError:
        return sorted(mapping, key=lambda key: (go_type(key), str(key)))


def format_arg(value: Any, verb: str, spec: Spec, sharp_v: bool, depth: int = 0) -> str:
    """One value under one verb, as fmt's printArg and printValue do."""
    if value is None:
        if depth and sharp_v:
            return "interface {}(nil)"
        if depth or verb in "vT":
            return _pad("<nil>", spec)
        return _bad_verb(value, verb, spec)
    if verb == "T":
        return _pad(go_type(value), spec)
    kind = type(value)
    if kind is str:
        return _fmt_string(value, verb, spec, sharp_v)
    if kind is bool:
        if verb not in "tv":
            return _bad_verb(value, verb, spec)
        return _pad("true" if value else "false", spec)
    if kind is int:
        return _fmt_integer(value, verb, spec)
    if kind is float:
        return _fmt_float(value, verb, spec)
    return _format_other(value, verb, spec, sharp_v, depth)


def _format_other(value: Any, verb: str, spec: Spec, sharp_v: bool, depth: int) -> str:
    """Lists, maps and objects: containers apply the verb to each element."""
    if isinstance(value, (list, tuple)):
        items = [format_arg(v, verb, spec, sharp_v, depth + 1) for v in value]
        if sharp_v:
            return "[]interface {}{" + ", ".join(items) + "}"
        return "[" + " ".join(items) + "]"
    if isinstance(value, Mapping):
        pairs = [
            format_arg(k, verb, spec, sharp_v, depth + 1)
            + ":"
            + format_arg(value[k], verb, spec, sharp_v, depth + 1)
            for k in sorted_keys(value)
        ]
        if sharp_v:
            return "map[string]interface {}{" + ", ".join(pairs) + "}"
        return "map[" + " ".join(pairs) + "]"
    if isinstance(value, bool | int | float | str):
        # Subclasses such as IntEnum print as their base type.
        base = next(t for t in (bool, int, float, str) if isinstance(value, t))
        return format_arg(base(value), verb, spec, sharp_v, depth)
    if verb in "vsqxX":
        return _fmt_string(_text_of(value), verb, spec, sharp_v)
    return _bad_verb(value, verb, spec)


def _text_of(value: Any) -> str:
    """str() of an object; a failing __str__ is noted as fmt notes a panic."""
    try:
        return str(value)
    except Exception as err:
        return f"%!v(PANIC=String method: {err})"


def format_value(value: Any) -> str:
    """A value as {{.}} prints it: fmt.Print of one operand."""
    kind = type(value)
    if kind is str:
        return str(value)
    if kind is int:
        return str(value)
    return format_arg(value, "v", _PLAIN, sharp_v=False)


# Print, Println and Printf.


def sprint(args: Sequence[Any]) -> str:
    """fmt.Sprint: a space between operands when neither is a string."""
    out: list[str] = []
    previous_string = True
    for arg in args:
        is_string = isinstance(arg, str)
        if out and not is_string and not previous_string:
            out.append(" ")
        out.append(format_value(arg))
        previous_string = is_string
    return "".join(out)


def sprintln(args: Sequence[Any]) -> str:
    """fmt.Sprintln: operands separated by spaces, then a newline."""
    return " ".join(format_value(arg) for arg in args) + "\n"


def sprintf(form: str, args: Sequence[Any]) -> str:
    """fmt.Sprintf, including its %!verb(...) notes for mistakes."""
    return _Printf(form, args).run()


class _Printf:
    """The state of one Sprintf call: position in the format and the args."""

    def __init__(self, form: str, args: Sequence[Any]) -> None:
        self.form = form
        self.args = args
        self.pos = 0
        self.arg_num = 0
        self.reordered = False
        self.good_arg_num = True
        self.out: list[str] = []

    def run(self) -> str:
        """Copy the format, replacing each verb with its argument."""
        form, end = self.form, len(self.form)
        while self.pos < end:
            percent = form.find("%", self.pos)
            if percent < 0:
                self.out.append(form[self.pos :])
                break
            self.out.append(form[self.pos : percent])
            self.pos = percent + 1
            if not self.verb():
                break
        self.extra()
        return "".join(self.out)

    def verb(self) -> bool:
        """Read one directive after a %; False when the format ran out."""
        self.good_arg_num = True
        spec = self.flags()
        after_index = self.arg_index()
        after_index = self.width(spec, after_index)
        after_index = self.precision(spec, after_index)
        if not after_index:
            self.arg_index()
        if self.pos >= len(self.form):
            self.out.append("%!(NOVERB)")
            return False
        verb = self.form[self.pos]
        self.pos += 1
        self.out.append(self.directive(verb, spec))
        return True

    def directive(self, verb: str, spec: Spec) -> str:
        """The text for one verb, consuming its argument."""
        if verb == "%":
            return "%"
        if not self.good_arg_num:
            return "%!" + verb + "(BADINDEX)"
        if self.arg_num >= len(self.args):
            return "%!" + verb + "(MISSING)"
        arg = self.args[self.arg_num]
        self.arg_num += 1
        sharp_v = verb == "v" and spec.sharp
        if verb == "v":
            # %#v is Go syntax and %+v names struct fields; neither is a flag.
            spec.sharp = spec.plus = False
        return format_arg(arg, verb, spec, sharp_v)

    def flags(self) -> Spec:
        """The flags # 0 + - and space."""
        spec = Spec()
        while self.pos < len(self.form) and self.form[self.pos] in "#0+- ":
            flag = self.form[self.pos]
            self.pos += 1
            if flag == "#":
                spec.sharp = True
            elif flag == "0":
                spec.zero = not spec.minus
            elif flag == "+":
                spec.plus = True
            elif flag == "-":
                spec.minus, spec.zero = True, False
            else:
                spec.space = True
        return spec

    def number(self) -> int | None:
        """Decimal digits at pos; None when there are none or too many."""
        start = self.pos
        value = 0
        while self.pos < len(self.form) and "0" <= self.form[self.pos] <= "9":
            if value > _TOO_LARGE:
                self.pos = len(self.form)
                return None
            value = value * 10 + int(self.form[self.pos])
            self.pos += 1
        return value if self.pos > start else None

    def arg_index(self) -> bool:
        """An explicit argument index [n]; True if one was read."""
        if not self.form.startswith("[", self.pos):
            return False
        self.reordered = True
        close = self.form.find("]", self.pos + 1)
        if close < 0 or len(self.form) - self.pos < 3:
            self.pos += 1
            self.good_arg_num = False
            return False
        self.pos += 1
        index = self.number()
        ok = index is not None and self.pos == close
        self.pos = close + 1
        if ok and index is not None and 0 < index <= len(self.args):
            self.arg_num = index - 1
            return True
        self.good_arg_num = False
        return ok

    def star(self) -> int | None:
        """A width or precision taken from the next argument by *."""
        if self.arg_num >= len(self.args):
            return None
        arg = self.args[self.arg_num]
        self.arg_num += 1
        if type(arg) is not int or abs(arg) > _TOO_LARGE:
            return None
        return arg

    def width(self, spec: Spec, after_index: bool) -> bool:
        """The width, as digits or *; returns the updated after-index state."""
        if self.form.startswith("*", self.pos):
            self.pos += 1
            spec.width = self.star()
            if spec.width is None:
                self.out.append("%!(BADWIDTH)")
            elif spec.width < 0:
                spec.width, spec.minus, spec.zero = -spec.width, True, False
            return False
        spec.width = self.number()
        if after_index and spec.width is not None:
            self.good_arg_num = False
        return after_index

    def precision(self, spec: Spec, after_index: bool) -> bool:
        """The precision after a dot, as digits or *."""
        if not (self.pos + 1 < len(self.form) and self.form[self.pos] == "."):
            return after_index
        self.pos += 1
        if after_index:
            self.good_arg_num = False
        after_index = self.arg_index()
        if self.form.startswith("*", self.pos):
            self.pos += 1
            spec.prec = self.star()
            if spec.prec is not None and spec.prec < 0:
                spec.prec = None
            if spec.prec is None:
                self.out.append("%!(BADPREC)")
            return False
        spec.prec = self.number() or 0
        return after_index

    def extra(self) -> None:
        """Arguments no verb used: %!(EXTRA type=value, ...)."""
        if self.reordered or self.arg_num >= len(self.args):
            return
        shown = [
            "<nil>" if a is None else go_type(a) + "=" + format_value(a)
            for a in self.args[self.arg_num :]
        ]
        self.out.append("%!(EXTRA " + ", ".join(shown) + ")")


# JSON.


def json_string(text: str) -> str:
    """A JSON string as Go's encoding/json writes it, without HTML escaping."""
    escaped = text.translate(_JSON_ESCAPES)
    if not escaped.isascii():
        escaped = "".join("\ufffd" if 0xD800 <= ord(c) < 0xE000 else c for c in escaped)
    return '"' + escaped + '"'


def json_float(value: float) -> str:
    """A float as encoding/json writes it: no exponent from 1e-6 to 1e21."""
    if math.isnan(value) or math.isinf(value):
        shown = "NaN" if math.isnan(value) else "+Inf" if value > 0 else "-Inf"
        raise ValueError("json: unsupported value: " + shown)
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    magnitude = abs(value)
    digits, point = _digits(magnitude)
    if magnitude != 0 and (magnitude < 1e-6 or magnitude >= 1e21):
        text = _layout_e(digits, point)
        if text[-4:-1] == "e-0":
            text = text[:-2] + text[-1]
        return sign + text
    return sign + _layout_f(digits, point)


def encode_json(value: Any, depth: int = 0) -> str:
    """Compact JSON for a value; dicts keep their order (see json_object)."""
    if depth > 1000:
        raise ValueError("json: unsupported value: encountered a cycle")
    kind = type(value)
    if value is None:
        return "null"
    if kind is str:
        return json_string(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        return json_float(value)
    return _encode_other(value, depth)


def _encode_other(value: Any, depth: int) -> str:
    """Containers, subclasses of the basic types, and objects."""
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(encode_json(v, depth + 1) for v in value) + "]"
    if isinstance(value, Mapping):
        return _json_object(value.items(), depth)
    for base in (bool, int, float, str):
        if isinstance(value, base):
            return encode_json(base(value), depth)
    # Like a Go json.Marshaler returning its own bytes: used as it is.
    raw: Callable[[], str] | None = getattr(value, "marshal_json_text", None)
    if callable(raw):
        return raw()
    marshal: Callable[[], Any] | None = getattr(value, "marshal_json", None)
    if callable(marshal):
        return encode_json(marshal(), depth + 1)
    fields = getattr(type(value), "__dataclass_fields__", None)
    if isinstance(fields, dict):
        names = [name for name in fields if not name.startswith("_")]
        return _json_object(((n, getattr(value, n)) for n in names), depth)
    raise ValueError("json: unsupported type: " + go_type(value))


def _json_object(items: Any, depth: int) -> str:
    """A JSON object in the order given.

    Keys are not sorted: a dict decoded from the daemon's JSON already has
    Go's order (struct fields in declaration order, map keys sorted), and
    re-sorting would scramble the structs.
    """
    members = []
    for key, item in items:
        if type(key) is int:
            key = str(key)
        if not isinstance(key, str):
            raise ValueError(f"json: unsupported type: map[{go_type(key)}]")
        members.append(json_string(key) + ":" + encode_json(item, depth + 1))
    return "{" + ",".join(members) + "}"
