"""go_quote against Go's strconv.Quote, which docker uses for the COMMAND column.

Go keeps a character when unicode.IsPrint says so: letters, marks, numbers,
punctuation, symbols and the ASCII space, by the Unicode 15.0 tables of
Go 1.21 and later (docker 28.2 is built with Go 1.24).
"""

from __future__ import annotations

import pytest

from docker_cli.output.quote import go_quote


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", '""'),
        ("sleep 1000", '"sleep 1000"'),
        ('sh -c "echo hi"', r'"sh -c \"echo hi\""'),
        ("C:\\dir\\", r'"C:\\dir\\"'),
        ("a\nb\tc", r'"a\nb\tc"'),
        ("\a\b\f\r\v", r'"\a\b\f\r\v"'),
        ("\x00", r'"\x00"'),
        ("\x01", r'"\x01"'),
        ("\x1b[0m", r'"\x1b[0m"'),
        ("\x7f", r'"\x7f"'),
        ("'single'", "\"'single'\""),
    ],
)
def test_ascii_escapes_match_strconv_quote(text: str, expected: str) -> None:
    """Quotes, backslashes and control characters are escaped as Go does."""
    assert go_quote(text) == expected


@pytest.mark.parametrize(
    "text",
    ["é", "日本", "naïve café", "🐳", "e\u0301", "\ufffd", "Ωmega ≤ 5 €"],
)
def test_printable_unicode_is_kept(text: str) -> None:
    """Printable non-ASCII characters, marks included, stay as they are."""
    assert go_quote(text) == f'"{text}"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u0085", r'"\u0085"'),
        ("\u00a0", r'"\u00a0"'),
        ("\u00ad", r'"\u00ad"'),
        ("\u200b", r'"\u200b"'),
        ("\u2028", r'"\u2028"'),
        ("\u3000", r'"\u3000"'),
        ("\ufeff", r'"\ufeff"'),
        ("\ue000", r'"\ue000"'),
        ("\u0378", r'"\u0378"'),
        ("\U000e0001", r'"\U000e0001"'),
        ("\U0010ffff", r'"\U0010ffff"'),
    ],
)
def test_non_printable_unicode_is_escaped(text: str, expected: str) -> None:
    """Non-printable characters become \\u or \\U escapes in lower-case hex."""
    assert go_quote(text) == expected


def test_unicode_15_character_is_printable_as_in_go() -> None:
    """U+1FAE8 (Unicode 15.0) is printable for Go 1.24, so docker keeps it."""
    assert go_quote("\U0001fae8") == '"\U0001fae8"'
