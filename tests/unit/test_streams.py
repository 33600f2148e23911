"""Deciding whether container output is framed, and splitting it if so."""

from __future__ import annotations

import pytest

from docker_cli.api.streams import (
    MULTIPLEXED_TYPE,
    RAW_TYPE,
    STDERR,
    STDOUT,
    demultiplex,
    is_multiplexed,
)
from docker_cli.transport.frames import encode_frame


@pytest.mark.parametrize(
    ("tty", "legacy", "content_type", "expected"),
    [
        (False, False, "", True),
        (True, False, "", False),
        (False, True, "", False),
        (True, True, "", False),
        (False, False, RAW_TYPE, True),
        (True, False, RAW_TYPE, False),
        (True, False, MULTIPLEXED_TYPE, True),
        (False, True, MULTIPLEXED_TYPE, True),
        (False, False, MULTIPLEXED_TYPE + "; charset=utf-8", True),
    ],
)
def test_is_multiplexed(
    tty: bool, legacy: bool, content_type: str, expected: bool
) -> None:
    """Framed unless there is a TTY or an old daemon, or the reply says framed."""
    assert is_multiplexed(tty, legacy, content_type) is expected


def test_raw_stream_is_all_stdout() -> None:
    """Unframed output is passed through as stdout, chunk by chunk."""
    chunks = [b"\x01\x00\x00\x00", b"hello\n"]

    assert list(demultiplex(chunks, multiplexed=False)) == [
        (STDOUT, b"\x01\x00\x00\x00"),
        (STDOUT, b"hello\n"),
    ]


def test_multiplexed_stream_is_split_by_stream() -> None:
    """Framed output, cut across chunks, comes out tagged stdout or stderr."""
    data = encode_frame(STDOUT, b"out\n") + encode_frame(STDERR, b"err\n")
    chunks = [data[:3], data[3:10], data[10:]]

    assert list(demultiplex(chunks, multiplexed=True)) == [
        (STDOUT, b"ou"),
        (STDOUT, b"t\n"),
        (STDERR, b"err\n"),
    ]
