"""The build context of ``docker build``: a directory streamed as a tar.

The stream is made while it is sent, one chunk at a time, so a context of any
size costs about two chunks of memory. Entries follow docs.docker.com "Build
context": .dockerignore excludes paths, symbolic links travel as links and
are never followed, and ownership is root's.
"""

from __future__ import annotations

import os
import secrets
import stat
import tarfile
from collections.abc import Iterable, Iterator
from typing import Final, NamedTuple

from docker_cli.cli.dockerignore import (
    DOCKERIGNORE,
    IgnoreMatcher,
    PatternError,
    escape,
    read_dockerignore,
)
from docker_cli.cli.errors import CommandFailed

CHUNK_SIZE: Final = 64 * 1024
DEFAULT_DOCKERFILE: Final = "Dockerfile"

# A tar archive is a sequence of 512-byte blocks and ends with two zero ones.
_BLOCK: Final = 512
_END_OF_ARCHIVE: Final = bytes(2 * _BLOCK)

_TAR_TYPES: Final = {
    stat.S_IFDIR: tarfile.DIRTYPE,
    stat.S_IFLNK: tarfile.SYMTYPE,
    stat.S_IFIFO: tarfile.FIFOTYPE,
    stat.S_IFCHR: tarfile.CHRTYPE,
    stat.S_IFBLK: tarfile.BLKTYPE,
}

# O_NOFOLLOW: a file swapped for a link after the walk saw it is refused, not
# followed out of the context. O_NONBLOCK: one swapped for a FIFO cannot hang.
_OPEN_FLAGS: Final = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class ContextError(CommandFailed):
    """The build context cannot be sent, worded as docker words it."""


class Dockerfile(NamedTuple):
    """Where the Dockerfile of a build is, and the name the builder reads."""

    name: str  # the ``dockerfile`` query parameter: its path in the tar
    path: str  # the file on disk, symbolic links resolved
    outside: bool  # outside the context, so it travels as an extra entry

    @property
    def extra(self) -> tuple[str, str] | None:
        """The ``extra_dockerfile`` argument of context_tar."""
        return (self.name, self.path) if self.outside else None


class _Entry(NamedTuple):
    name: str  # relative to the context root, "/"-separated
    path: str
    stat: os.stat_result


class _Level(NamedTuple):
    path: str
    prefix: str
    names: Iterator[str]


def locate_dockerfile(
    context_dir: str, dockerfile_path: str | None = None
) -> Dockerfile:
    """Find the Dockerfile for a build of context_dir.

    Without ``-f`` it is the context's ``Dockerfile``; a given path is
    relative to the current directory, as docker's docs say. One outside the
    context gets the name ``.dockerfile.<20 hex digits>``, as docker gives
    it, and must be sent with ``context_tar(..., extra_dockerfile=...)``.
    Raises ContextError when the context or the Dockerfile is missing.
    """
    root = _context_root(context_dir)
    given = _dockerfile_path(root, dockerfile_path)
    try:
        path = os.path.realpath(given, strict=True)
    except OSError as error:
        raise ContextError(
            "unable to prepare context: unable to evaluate symlinks in "
            f"Dockerfile path: {_os_message('lstat', given, error)}"
        ) from None

    name = os.path.relpath(path, root)
    if name == os.pardir or name.startswith(os.pardir + os.sep):
        return Dockerfile(f".dockerfile.{secrets.token_hex(10)}", path, True)
    return Dockerfile(name.replace(os.sep, "/"), path, False)


def dockerfile_in_context(context_dir: str, dockerfile_path: str | None = None) -> str:
    """The ``dockerfile`` query parameter for this build: the Dockerfile's
    path inside the context, or a fresh random name for one outside it (use
    locate_dockerfile to also learn which file to add under that name)."""
    return locate_dockerfile(context_dir, dockerfile_path).name


def context_tar(
    context_dir: str,
    dockerfile: str = DEFAULT_DOCKERFILE,
    *,
    extra_dockerfile: tuple[str, str] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[bytes]:
    """The context directory as a tar stream, in chunks of chunk_size.

    dockerfile is the Dockerfile's path inside the context: it and
    .dockerignore are sent even when .dockerignore excludes them, since the
    builder reads them. extra_dockerfile, a (name, path) pair, adds a
    Dockerfile from outside the context under that name and lists the name
    in the sent .dockerignore, so COPY never copies it.

    Like docker, this reads .dockerignore and checks that every file to
    send can be read before it returns, raising ContextError; the returned
    iterator reads the files as it is consumed, and raises ContextError for
    a file that changes or disappears meanwhile.
    """
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, not {chunk_size}")
    root = _context_root(context_dir)
    matcher = _matcher(root, dockerfile)
    _check_readable(root, matcher)
    pieces = _tar_pieces(root, matcher, extra_dockerfile, chunk_size)
    return _rechunk(pieces, chunk_size)


def _context_root(context_dir: str) -> str:
    try:
        root = os.path.realpath(context_dir, strict=True)
    except OSError:
        raise ContextError(
            f'unable to prepare context: path "{context_dir}" not found'
        ) from None
    if not os.path.isdir(root):
        raise ContextError(
            f"unable to prepare context: context must be a directory: {root}"
        )
    return root


def _dockerfile_path(root: str, given: str | None) -> str:
    if given == "-":
        # TODO: docker reads a Dockerfile from stdin here; dkr does not yet.
        raise ContextError("dkr cannot read the Dockerfile from stdin (-f -) yet")
    if given:
        return os.path.abspath(given)

    # docker settles for a lowercase "dockerfile" when "Dockerfile" is missing.
    default = os.path.join(root, DEFAULT_DOCKERFILE)
    lowercase = os.path.join(root, DEFAULT_DOCKERFILE.lower())
    if not os.path.lexists(default) and os.path.lexists(lowercase):
        return lowercase
    return default


def _matcher(root: str, dockerfile: str) -> IgnoreMatcher:
    """The .dockerignore rules, with the two files docker always sends kept."""
    try:
        patterns = read_dockerignore(root)
        if not patterns:
            return IgnoreMatcher([])
        kept = [f"!{escape(name)}" for name in (DOCKERIGNORE, dockerfile)]
        return IgnoreMatcher([*patterns, *kept])
    except PatternError as error:
        raise ContextError(f"error checking context: '{error}'.") from None
    except OSError as error:
        path = os.path.join(root, DOCKERIGNORE)
        raise ContextError(_os_message("open", path, error)) from None


def _check_readable(root: str, matcher: IgnoreMatcher) -> None:
    """Fail before anything is sent when a file to send cannot be opened."""
    for entry in _walk(root, matcher):
        if not stat.S_ISREG(entry.stat.st_mode):
            continue
        try:
            os.close(os.open(entry.path, _OPEN_FLAGS))
        except PermissionError:
            reason = f"no permission to read from '{entry.path}'"
            raise ContextError(f"error checking context: '{reason}'.") from None
        except OSError as error:
            raise ContextError(_os_message("open", entry.path, error)) from None


def _walk(root: str, matcher: IgnoreMatcher) -> Iterator[_Entry]:
    """The entries to send, each directory before its contents and names in
    byte order, as Go's filepath.Walk visits them.

    An excluded directory is looked into only when an exception could bring
    back something inside it.
    """
    levels = [_Level(root, "", _names(root))]
    while levels:
        level = levels[-1]
        name = next(level.names, None)
        if name is None:
            levels.pop()
            continue

        entry = _lstat(level, name)
        if not matcher.matches(entry.name):
            yield entry
        if stat.S_ISDIR(entry.stat.st_mode) and not matcher.can_skip(entry.name):
            levels.append(_Level(entry.path, f"{entry.name}/", _names(entry.path)))


def _names(directory: str) -> Iterator[str]:
    try:
        names = os.listdir(directory)
    except OSError as error:
        raise _stat_error(directory, error) from None
    return iter(sorted(names, key=os.fsencode))


def _lstat(level: _Level, name: str) -> _Entry:
    path = os.path.join(level.path, name)
    try:
        return _Entry(level.prefix + name, path, os.lstat(path))
    except OSError as error:
        raise _stat_error(path, error) from None


def _tar_pieces(
    root: str,
    matcher: IgnoreMatcher,
    extra_dockerfile: tuple[str, str] | None,
    chunk_size: int,
) -> Iterator[bytes]:
    """Headers, file data and padding, in the order of the archive."""
    links: dict[tuple[int, int], str] = {}
    for entry in _walk(root, matcher):
        # With an extra Dockerfile, .dockerignore is sent rewritten at the end.
        if extra_dockerfile and entry.name == DOCKERIGNORE:
            continue
        yield from _entry_pieces(entry, links, chunk_size)

    if extra_dockerfile:
        yield from _extra_dockerfile_pieces(root, *extra_dockerfile, chunk_size)
    yield _END_OF_ARCHIVE


def _entry_pieces(
    entry: _Entry, links: dict[tuple[int, int], str], chunk_size: int
) -> Iterator[bytes]:
    mode = entry.stat.st_mode
    if stat.S_ISREG(mode):
        yield from _regular_pieces(entry, links, chunk_size)
    elif stat.S_ISLNK(mode):
        yield _header(entry.name, entry.stat, tarfile.SYMTYPE, _readlink(entry))
    elif stat.S_IFMT(mode) in _TAR_TYPES:
        yield _header(entry.name, entry.stat, _TAR_TYPES[stat.S_IFMT(mode)])
    # A socket has no tar form; docker leaves it out too.


def _regular_pieces(
    entry: _Entry, links: dict[tuple[int, int], str], chunk_size: int
) -> Iterator[bytes]:
    """A regular file, or a hard link to one already in the archive."""
    inode = (entry.stat.st_dev, entry.stat.st_ino)
    if inode in links:
        yield _header(entry.name, entry.stat, tarfile.LNKTYPE, links[inode])
        return
    if entry.stat.st_nlink > 1:
        links[inode] = entry.name
    yield from _file_pieces(entry.name, entry.path, chunk_size)


def _file_pieces(name: str, path: str, chunk_size: int) -> Iterator[bytes]:
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise ContextError(_os_message("open", path, error)) from None

    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise _changed(path)
        yield _header(name, opened, tarfile.REGTYPE, size=opened.st_size)
        yield from _file_data(fd, path, opened.st_size, chunk_size)
    finally:
        os.close(fd)


def _file_data(fd: int, path: str, size: int, chunk_size: int) -> Iterator[bytes]:
    """Exactly size bytes of the file, then the padding to a whole block."""
    remaining = size
    while remaining:
        try:
            data = os.read(fd, min(chunk_size, remaining))
        except OSError as error:
            raise ContextError(_os_message("read", path, error)) from None
        if not data:
            raise _changed(path)
        remaining -= len(data)
        yield data

    if size % _BLOCK:
        yield bytes(_BLOCK - size % _BLOCK)


def _extra_dockerfile_pieces(
    root: str, name: str, path: str, chunk_size: int
) -> Iterator[bytes]:
    """The outside Dockerfile, and .dockerignore naming it, as docker sends
    them."""
    yield from _file_pieces(name, path, chunk_size)

    dockerignore = os.path.join(root, DOCKERIGNORE)
    try:
        with open(dockerignore, "rb") as file:
            content, status = file.read(), os.fstat(file.fileno())
    except FileNotFoundError:
        # A context without one gets one, dated and moded like the Dockerfile.
        content, status = b"", os.stat(path)
    except OSError as error:
        raise ContextError(_os_message("open", dockerignore, error)) from None

    content += b"\n" + os.fsencode(name) + b"\n"
    yield _header(DOCKERIGNORE, status, tarfile.REGTYPE, size=len(content))
    yield content + bytes(-len(content) % _BLOCK)


def _header(
    name: str,
    status: os.stat_result,
    kind: bytes,
    linkname: str = "",
    size: int = 0,
) -> bytes:
    """The tar header of one entry; PAX records carry long or non-ASCII
    names."""
    info = tarfile.TarInfo(name)
    info.type = kind
    info.size = size
    info.linkname = linkname
    info.mode = stat.S_IMODE(status.st_mode)
    info.mtime = int(status.st_mtime)

    # docker sends every file as root's, whoever owns it here.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    if kind in (tarfile.CHRTYPE, tarfile.BLKTYPE):
        info.devmajor = os.major(status.st_rdev)
        info.devminor = os.minor(status.st_rdev)
    return info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")


def _readlink(entry: _Entry) -> str:
    try:
        return os.readlink(entry.path)
    except OSError as error:
        raise _stat_error(entry.path, error) from None


def _rechunk(pieces: Iterable[bytes], size: int) -> Iterator[bytes]:
    """The pieces joined and cut again into chunks of size bytes (the last
    one shorter); at most one chunk and one piece wait in memory."""
    pending = bytearray()
    for piece in pieces:
        pending += piece
        while len(pending) >= size:
            yield bytes(pending[:size])
            del pending[:size]
    if pending:
        yield bytes(pending)


def _stat_error(path: str, error: OSError) -> ContextError:
    if isinstance(error, FileNotFoundError):
        reason = f"file ('{path}') not found or excluded by .dockerignore"
    else:
        reason = f"can't stat '{path}'"
    return ContextError(f"error checking context: '{reason}'.")


def _changed(path: str) -> ContextError:
    return ContextError(
        f"error checking context: '{path}' changed while it was being sent"
    )


def _os_message(operation: str, path: str, error: OSError) -> str:
    """An OS error worded as Go words it, e.g. "open /x: permission denied"."""
    reason = error.strerror or str(error)
    return f"{operation} {path}: {reason.lower()}"
