"""Writing streams to files without ever leaving a partial file behind."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from docker_cli.cli.errors import CommandFailed


def write_stream(chunks: Iterable[bytes], path: str | None) -> None:
    """Copy chunks to stdout, or to path through a temporary file that only
    takes the final name once everything arrived."""
    if path is None:
        out = sys.stdout.buffer
        for chunk in chunks:
            out.write(chunk)
        out.flush()
        return

    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".dkr-", dir=directory)
    try:
        with os.fdopen(handle, "wb") as file:
            for chunk in chunks:
                file.write(chunk)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def read_chunks(path: str, size: int = 64 * 1024) -> Iterator[bytes]:
    """The bytes of a file, or of stdin for ``-``, a chunk at a time. The file
    is opened at once, so a missing one is reported before any request."""
    if path == "-":
        return _chunks(sys.stdin.buffer, size)
    try:
        file = open(path, "rb")  # noqa: SIM115 - closed by _chunks
    except OSError as error:
        raise CommandFailed(
            f"open {path}: {(error.strerror or str(error)).lower()}"
        ) from None
    return _chunks(file, size)


def _chunks(file: BinaryIO, size: int) -> Iterator[bytes]:
    with file:
        yield from iter(lambda: file.read(size), b"")
