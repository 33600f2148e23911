"""Writing streams to files without ever leaving a partial file behind."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from docker_cli.cli.errors import CommandFailed


def _new_file_mode(path: str) -> int:
    """The mode the file would have had if written in place: its own when
    it exists, else 0666 less the umask (mkstemp makes 0600)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check_output_path(path: str, failure: str) -> None:
    """Refuse what docker refuses to write over: links, devices, pipes and
    folders (replacing them would lose what the user had), and a path whose
    folder is missing. ``failure`` opens the message: "failed to save image"."""
    import stat

    directory = os.path.dirname(os.path.abspath(path))
    try:
        os.stat(directory)
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise CommandFailed(
            f"{failure}: invalid output path: stat {directory}: {reason}"
        ) from None
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    kinds = {
        stat.S_ISLNK: "a symbolic link directly",
        stat.S_ISDIR: "a directory",
        stat.S_ISCHR: "a character device file",
        stat.S_ISBLK: "a block device file",
        stat.S_ISFIFO: "a named pipe (FIFO)",
        stat.S_ISSOCK: "a socket",
    }
    for test, kind in kinds.items():
        if test(mode):
            raise CommandFailed(f"{failure}: cannot write to {kind}")


def write_stream(chunks: Iterable[bytes], path: str | None) -> None:
    """Copy chunks to stdout, or to path through a temporary file that only
    takes the final name once everything arrived (check the path first with
    check_output_path)."""
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
        os.chmod(temporary, _new_file_mode(path))
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
