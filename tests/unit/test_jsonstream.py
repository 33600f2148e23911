"""Decoding a stream of JSON values (pull progress, events) as bytes arrive."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from docker_cli.transport.jsonstream import MalformedStream, iter_json

PULL_STREAM = (
    b'{"status":"Pulling from library/busybox","id":"latest"}\r\n'
    b'{"status":"Downloading","progressDetail":{"current":1,"total":9},'
    b'"id":"a1b2"}\n'
    b'["array", {"nested": [1, 2.5, null, true]}]\n'
    b'"a string with } and ] inside"\n'
)
PULL_VALUES = [
    {"status": "Pulling from library/busybox", "id": "latest"},
    {
        "status": "Downloading",
        "progressDetail": {"current": 1, "total": 9},
        "id": "a1b2",
    },
    ["array", {"nested": [1, 2.5, None, True]}],
    "a string with } and ] inside",
]


def decode(chunks: Iterable[bytes]) -> list[Any]:
    return list(iter_json(chunks))


def test_newline_separated_values() -> None:
    """Values on their own lines, as current daemons send them, come out in order."""
    assert decode([b'{"a":1}\n{"b":2}\n']) == [{"a": 1}, {"b": 2}]


def test_concatenated_values_without_separators() -> None:
    """Values simply following each other, as the 2013 daemon sends them."""
    assert decode([b'{"a":1}{"b":2}["c"]']) == [{"a": 1}, {"b": 2}, ["c"]]


@pytest.mark.parametrize(
    "chunks",
    [[], [b""], [b"\n"], [b" \r\n\t", b"\n\n"]],
)
def test_empty_or_blank_stream_gives_no_values(chunks: list[bytes]) -> None:
    """A stream of nothing but whitespace is a valid, empty stream."""
    assert decode(chunks) == []


def test_value_is_yielded_as_soon_as_it_is_complete() -> None:
    """The first value comes out before the next chunk is even read."""

    def chunks() -> Iterable[bytes]:
        yield b'{"a":1}\n{"b"'
        raise AssertionError("read past the first complete value")

    values = iter_json(chunks())

    assert next(values) == {"a": 1}


@pytest.mark.parametrize("cut", range(len(PULL_STREAM) + 1))
def test_values_split_across_two_chunks_at_every_position(cut: int) -> None:
    """A chunk boundary anywhere in the stream changes nothing in the values."""
    assert decode([PULL_STREAM[:cut], PULL_STREAM[cut:]]) == PULL_VALUES


def test_stream_fed_one_byte_at_a_time() -> None:
    """Single-byte chunks decode to the same values."""
    pieces = [PULL_STREAM[i : i + 1] for i in range(len(PULL_STREAM))]

    assert decode(pieces) == PULL_VALUES


def test_multibyte_character_split_across_chunks() -> None:
    """A UTF-8 character cut between chunks is decoded whole, at every cut."""
    data = '{"status":"Téléchargement 日本 🐳"}\n'.encode()

    for cut in range(len(data) + 1):
        values = decode([data[:cut], data[cut:]])
        assert values == [{"status": "Téléchargement 日本 🐳"}], cut


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    """Bytes that are not UTF-8 become U+FFFD instead of ending the stream."""
    assert decode([b'{"status":"\xff"}\n']) == [{"status": "\ufffd"}]


@pytest.mark.parametrize("cut", range(1, 6))
def test_top_level_number_split_across_chunks(cut: int) -> None:
    """A number cut by a chunk boundary is one number, not two values."""
    data = b"12345\n"

    assert decode([data[:cut], data[cut:]]) == [12345]


@pytest.mark.parametrize(
    ("chunks", "good"),
    [
        ([b'{"a":1}\n{"b":'], [{"a": 1}]),
        ([b'{"a":1}\n', b"garbage\n"], [{"a": 1}]),
        ([b'{"a":1} ]'], [{"a": 1}]),
        ([b'{"a":"unterminated'], []),
    ],
)
def test_trailing_garbage_raises_malformed_stream(
    chunks: list[bytes], good: list[Any]
) -> None:
    """Values before the bad data still come out; then MalformedStream."""
    values: list[Any] = []

    with pytest.raises(MalformedStream, match="unexpected data at end of stream"):
        for value in iter_json(chunks):
            values.append(value)

    assert values == good


def test_malformed_stream_is_a_value_error() -> None:
    """Callers that catch ValueError also catch a malformed stream."""
    assert issubclass(MalformedStream, ValueError)
