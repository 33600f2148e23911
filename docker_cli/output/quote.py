"""Go's strconv.Quote, which docker uses for the COMMAND column."""

from __future__ import annotations

_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}


def go_quote(text: str) -> str:
    """Double-quote text, escaping as Go does: printable characters stay,
    others become \\xNN, \\uNNNN or \\UNNNNNNNN."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'  # the common case, nothing to escape
    return '"' + "".join(_escape(char) for char in text) + '"'


# Graphic characters that Unicode 15.0 added (emoji, CJK Extension H):
# Go 1.21+ prints them, while Python 3.11's tables (Unicode 14) do not know
# them. TODO: drop this once dkr needs Python 3.12, whose tables are newer.
_UNICODE_15_GRAPHIC = (
    (0x1F6DC, 0x1F6DC),
    (0x1FA75, 0x1FA77),
    (0x1FA87, 0x1FA88),
    (0x1FAAD, 0x1FAAF),
    (0x1FABB, 0x1FABD),
    (0x1FABF, 0x1FABF),
    (0x1FACE, 0x1FACF),
    (0x1FADA, 0x1FADB),
    (0x1FAE8, 0x1FAE8),
    (0x1FAF7, 0x1FAF8),
    (0x31350, 0x323AF),
)


def _is_print(char: str) -> bool:
    if char.isprintable():
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _UNICODE_15_GRAPHIC)


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if _is_print(char):
        return char
    code = ord(char)
    if code < 0x80:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
