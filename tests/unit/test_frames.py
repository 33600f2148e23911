"""The 8-byte stream-frame decoder, fed bytes the way a socket hands them over."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docker_cli.transport.frames import (
    STDERR,
    STDIN,
    STDOUT,
    SYSTEMERR,
    Chunk,
    FrameDecoder,
    encode_frame,
)


def decode_in_pieces(data: bytes, cuts: list[int]) -> list[Chunk]:
    """Feed data to one decoder, cut at the given offsets."""
    decoder = FrameDecoder()
    chunks: list[Chunk] = []
    start = 0
    for end in [*sorted(cuts), len(data)]:
        chunks += decoder.feed(data[start:end])
        start = end
    assert not decoder.in_frame
    return chunks


def per_stream(chunks: list[Chunk]) -> dict[int, bytes]:
    """Join the payloads of each stream."""
    joined: dict[int, bytes] = {}
    for stream, payload in chunks:
        joined[stream] = joined.get(stream, b"") + payload
    return joined


def merged(chunks: list[Chunk]) -> list[Chunk]:
    """Join neighbouring pieces of the same stream and drop empty ones."""
    out: list[Chunk] = []
    for stream, payload in chunks:
        if not payload:
            continue
        if out and out[-1][0] == stream:
            out[-1] = (stream, out[-1][1] + payload)
        else:
            out.append((stream, payload))
    return out


@pytest.mark.parametrize(
    ("stream", "payload", "expected"),
    [
        (STDOUT, b"ab", b"\x01\x00\x00\x00\x00\x00\x00\x02ab"),
        (STDERR, b"", b"\x02\x00\x00\x00\x00\x00\x00\x00"),
        (STDIN, b"x", b"\x00\x00\x00\x00\x00\x00\x00\x01x"),
        (SYSTEMERR, b"e" * 256, b"\x03\x00\x00\x00\x00\x00\x01\x00" + b"e" * 256),
    ],
)
def test_encode_frame_writes_type_three_zeros_and_big_endian_length(
    stream: int, payload: bytes, expected: bytes
) -> None:
    """encode_frame writes the type byte, three zeros, the length, the payload."""
    assert encode_frame(stream, payload) == expected


def test_one_frame_gives_its_payload() -> None:
    """One whole frame in one read gives one (stream, payload) chunk."""
    decoder = FrameDecoder()

    assert decoder.feed(encode_frame(STDOUT, b"hello\n")) == [(STDOUT, b"hello\n")]
    assert not decoder.in_frame


def test_many_frames_in_one_read_come_out_in_order() -> None:
    """Several frames in one read give one chunk each, in their order."""
    data = (
        encode_frame(STDOUT, b"out 1\n")
        + encode_frame(STDERR, b"err 1\n")
        + encode_frame(STDOUT, b"out 2\n")
    )

    assert FrameDecoder().feed(data) == [
        (STDOUT, b"out 1\n"),
        (STDERR, b"err 1\n"),
        (STDOUT, b"out 2\n"),
    ]


@pytest.mark.parametrize("stream", [STDIN, STDOUT, STDERR, SYSTEMERR])
def test_stream_type_is_passed_through(stream: int) -> None:
    """The type byte of the header is the stream of the chunk, whatever it is."""
    assert FrameDecoder().feed(encode_frame(stream, b"x")) == [(stream, b"x")]


@pytest.mark.parametrize("cut", range(9))
def test_header_split_at_any_byte_is_stitched_together(cut: int) -> None:
    """A header cut anywhere waits for its rest and gives nothing before."""
    data = encode_frame(STDERR, b"hello")
    decoder = FrameDecoder()

    first = decoder.feed(data[:cut])
    assert first == []
    assert decoder.in_frame == (cut > 0)
    assert decoder.feed(data[cut:]) == [(STDERR, b"hello")]
    assert not decoder.in_frame


@pytest.mark.parametrize("cut", range(9, 14))
def test_payload_split_across_reads_is_handed_out_as_it_arrives(cut: int) -> None:
    """A payload cut in two gives the first part at once, then the rest."""
    data = encode_frame(STDOUT, b"hello")
    decoder = FrameDecoder()

    assert decoder.feed(data[:cut]) == [(STDOUT, data[8:cut])]
    assert decoder.feed(data[cut:]) == ([(STDOUT, data[cut:])] if cut < 13 else [])


def test_split_between_two_frames_at_every_position() -> None:
    """Two frames cut at any single byte decode to the same two payloads."""
    data = encode_frame(STDOUT, b"abc") + encode_frame(STDERR, b"de")

    for cut in range(len(data) + 1):
        chunks = decode_in_pieces(data, [cut])
        assert merged(chunks) == [(STDOUT, b"abc"), (STDERR, b"de")], cut


def test_zero_length_frame_gives_nothing_and_ends_the_frame() -> None:
    """An empty frame yields no chunk and leaves the decoder between frames."""
    decoder = FrameDecoder()

    assert decoder.feed(encode_frame(STDOUT, b"")) == []
    assert not decoder.in_frame


def test_zero_length_frames_between_frames_are_skipped() -> None:
    """Empty frames among others do not disturb the frames around them."""
    data = (
        encode_frame(STDOUT, b"a")
        + encode_frame(STDERR, b"")
        + encode_frame(STDERR, b"")
        + encode_frame(STDOUT, b"b")
    )

    assert FrameDecoder().feed(data) == [(STDOUT, b"a"), (STDOUT, b"b")]


def test_large_frame_is_handed_out_before_it_is_complete() -> None:
    """A 1 MiB frame gives out each piece as it arrives, never waiting for all."""
    payload = bytes(range(256)) * 4096
    data = encode_frame(STDOUT, payload)
    decoder = FrameDecoder()

    first = decoder.feed(data[: 8 + 1000])
    assert first == [(STDOUT, payload[:1000])]
    assert decoder.in_frame

    pieces = [data[start : start + 65536] for start in range(1008, len(data), 65536)]
    rest = [decoder.feed(piece) for piece in pieces]
    assert all(len(chunks) == 1 for chunks in rest)
    assert b"".join(chunk[0][1] for chunk in rest) == payload[1000:]
    assert not decoder.in_frame


def test_feeding_nothing_gives_nothing() -> None:
    """An empty read yields no chunk and changes no state."""
    decoder = FrameDecoder()

    assert decoder.feed(b"") == []
    assert not decoder.in_frame


frames_strategy = st.lists(
    st.tuples(st.sampled_from([STDOUT, STDERR, SYSTEMERR]), st.binary(max_size=64)),
    max_size=12,
)


@given(frames=frames_strategy, data=st.data())
def test_any_frames_cut_anywhere_decode_to_the_same_stream_bytes(
    frames: list[Chunk], data: st.DataObject
) -> None:
    """Encoded frames cut into arbitrary reads decode to the same bytes per stream."""
    encoded = b"".join(encode_frame(stream, payload) for stream, payload in frames)
    cuts = data.draw(st.lists(st.integers(0, len(encoded)), max_size=10))

    chunks = decode_in_pieces(encoded, cuts)

    expected = {s: p for s, p in per_stream(frames).items() if p}
    assert {s: p for s, p in per_stream(chunks).items() if p} == expected
    assert merged(chunks) == merged(frames)
