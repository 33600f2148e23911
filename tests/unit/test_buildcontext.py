"""The build context as a streamed tar: entries, .dockerignore, the Dockerfile,
errors, and the stream staying lazy and small."""

from __future__ import annotations

import io
import os
import re
import socket
import tarfile
import tracemalloc
from collections.abc import Iterable
from pathlib import Path

import pytest

from docker_cli.cli.buildcontext import (
    CHUNK_SIZE,
    ContextError,
    context_tar,
    dockerfile_in_context,
    locate_dockerfile,
)

MiB = 1024 * 1024


def make_tree(root: Path, files: Iterable[str]) -> None:
    """Create each name: a directory when it ends in "/", else a file holding
    its own name."""
    for name in files:
        path = root / name
        if name.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(name)


def read_tar(chunks: Iterable[bytes]) -> tarfile.TarFile:
    return tarfile.open(fileobj=io.BytesIO(b"".join(chunks)), mode="r:")


def names(context: Path, dockerfile: str = "Dockerfile") -> list[str]:
    return read_tar(context_tar(str(context), dockerfile)).getnames()


def test_every_entry_is_sent_without_dockerignore(tmp_path: Path) -> None:
    """Without .dockerignore every directory and file goes, relative to the
    context root."""
    make_tree(tmp_path, ["Dockerfile", "src/main.c", "src/lib/util.c", "empty/"])
    assert names(tmp_path) == [
        "Dockerfile",
        "empty",
        "src",
        "src/lib",
        "src/lib/util.c",
        "src/main.c",
    ]


def test_order_is_parents_first_and_names_in_byte_order(tmp_path: Path) -> None:
    """Entries come as Go's filepath.Walk visits them: each directory, then
    its names sorted by bytes."""
    make_tree(tmp_path, ["b", "a/z", "a.txt", "A", "_x"])
    assert names(tmp_path) == ["A", "_x", "a", "a/z", "a.txt", "b"]


def test_stream_is_deterministic(tmp_path: Path) -> None:
    """The same context gives the same bytes every time."""
    make_tree(tmp_path, [f"d{i}/f{j}" for i in range(5) for j in range(5)])
    first = b"".join(context_tar(str(tmp_path)))
    assert b"".join(context_tar(str(tmp_path))) == first


def test_contents_round_trip(tmp_path: Path) -> None:
    """File data arrives intact, across block and chunk boundaries."""
    sizes = {"empty": 0, "one": 1, "block": 512, "odd": 513, "big": CHUNK_SIZE + 7}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(os.urandom(size))

    archive = read_tar(context_tar(str(tmp_path), chunk_size=1000))
    for name in sizes:
        data = archive.extractfile(name)
        assert data is not None
        assert data.read() == (tmp_path / name).read_bytes()


def test_chunks_have_the_chunk_size(tmp_path: Path) -> None:
    """Every chunk but the last is exactly chunk_size bytes."""
    (tmp_path / "data").write_bytes(bytes(10_000))
    chunks = list(context_tar(str(tmp_path), chunk_size=1000))
    assert {len(chunk) for chunk in chunks[:-1]} == {1000}
    assert 0 < len(chunks[-1]) <= 1000


def test_archive_ends_with_two_zero_blocks(tmp_path: Path) -> None:
    """The stream is a whole tar: 512-byte blocks, closed by two zero
    blocks."""
    make_tree(tmp_path, ["a", "b/c"])
    data = b"".join(context_tar(str(tmp_path)))
    assert len(data) % 512 == 0
    assert data.endswith(bytes(1024))


TREE = ["app.py", "app.log", "docs/guide.md", "docs/keep.md", "logs/old.log"]
DOCS = ["docs", "docs/guide.md", "docs/keep.md"]
LOGS = ["logs", "logs/old.log"]


@pytest.mark.parametrize(
    ("dockerignore", "expected"),
    [
        ("# docs\n", ["app.log", "app.py", *DOCS, *LOGS]),
        ("*.log\n", ["app.py", *DOCS, *LOGS]),
        ("**/*.log\n", ["app.py", *DOCS, "logs"]),
        (
            "docs/**\n!docs/keep.md\n",
            ["app.log", "app.py", "docs", "docs/keep.md", *LOGS],
        ),
        ("docs\n!docs/keep.md\n", ["app.log", "app.py", "docs/keep.md", *LOGS]),
        ("/docs\n", ["app.log", "app.py", *LOGS]),
        ("logs/\n", ["app.log", "app.py", *DOCS]),
        ("?ocs\n", ["app.log", "app.py", *LOGS]),
        ("app.???\n", ["app.py", *DOCS, *LOGS]),
        ("[a-c]*\n", [*DOCS, *LOGS]),
        ("[^a]*\n", ["app.log", "app.py"]),
        ("*\n!docs/*.md\n", ["docs/guide.md", "docs/keep.md"]),
    ],
)
def test_dockerignore_excludes(
    tmp_path: Path, dockerignore: str, expected: list[str]
) -> None:
    """.dockerignore rules take entries out of the stream."""
    make_tree(tmp_path, TREE)
    (tmp_path / ".dockerignore").write_text(dockerignore)
    assert names(tmp_path) == [".dockerignore", *expected]


def test_escaped_wildcard_excludes_only_the_literal_name(tmp_path: Path) -> None:
    """An escaped * matches a file named with a star, nothing else."""
    make_tree(tmp_path, ["*.txt", "a.txt"])
    (tmp_path / ".dockerignore").write_text("\\*.txt\n")
    assert names(tmp_path) == [".dockerignore", "a.txt"]


@pytest.mark.parametrize(
    "dockerignore", ["*\n", "**\n", "Dockerfile\n.dockerignore\n", ".*\nD*\n"]
)
def test_dockerfile_and_dockerignore_are_always_sent(
    tmp_path: Path, dockerignore: str
) -> None:
    """The builder needs the Dockerfile and .dockerignore, so they go even
    when .dockerignore excludes them."""
    make_tree(tmp_path, ["Dockerfile", "app.py"])
    (tmp_path / ".dockerignore").write_text(dockerignore)
    assert {".dockerignore", "Dockerfile"} <= set(names(tmp_path))


def test_dockerfile_in_an_excluded_directory_is_sent(tmp_path: Path) -> None:
    """A Dockerfile inside an excluded directory is still sent, alone."""
    make_tree(tmp_path, ["build/Dockerfile", "build/secret", "app.py"])
    (tmp_path / ".dockerignore").write_text("build\n")
    sent = names(tmp_path, dockerfile="build/Dockerfile")
    assert sent == [".dockerignore", "app.py", "build/Dockerfile"]


def test_a_dockerfile_name_with_wildcards_keeps_only_itself(tmp_path: Path) -> None:
    """The Dockerfile's name is kept literally, not as a pattern."""
    make_tree(tmp_path, ["Docker[file]", "Dockerf"])
    (tmp_path / ".dockerignore").write_text("*\n")
    assert names(tmp_path, dockerfile="Docker[file]") == [
        ".dockerignore",
        "Docker[file]",
    ]


def test_symlink_out_of_the_context_is_sent_as_a_link(tmp_path: Path) -> None:
    """A link pointing outside travels as a link with its target text; the
    outside file's content is never read."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    context = tmp_path / "context"
    context.mkdir()
    (context / "link").symlink_to(secret)

    data = b"".join(context_tar(str(context)))
    link = read_tar([data]).getmember("link")
    assert link.issym()
    assert link.linkname == str(secret)
    assert link.size == 0
    assert b"TOP-SECRET-CONTENT" not in data


def test_symlinked_directory_is_not_followed(tmp_path: Path) -> None:
    """A link to a directory is one link entry; nothing below it is sent."""
    make_tree(tmp_path, ["real/inside.txt"])
    (tmp_path / "alias").symlink_to("real")
    archive = read_tar(context_tar(str(tmp_path)))
    assert archive.getnames() == ["alias", "real", "real/inside.txt"]
    assert archive.getmember("alias").linkname == "real"


def test_dangling_symlink_is_sent(tmp_path: Path) -> None:
    """A link whose target does not exist is sent as it is."""
    (tmp_path / "dangling").symlink_to("nowhere")
    assert read_tar(context_tar(str(tmp_path))).getmember("dangling").issym()


def test_modes_and_mtimes_are_kept(tmp_path: Path) -> None:
    """Permission bits, setuid included, and modification times survive."""
    make_tree(tmp_path, ["run.sh", "key", "private/"])
    modes = {"run.sh": 0o4755, "key": 0o600, "private": 0o700}
    for name, mode in modes.items():
        os.chmod(tmp_path / name, mode)
        os.utime(tmp_path / name, (1_000_000_000, 1_234_567_890))

    archive = read_tar(context_tar(str(tmp_path)))
    for name, mode in modes.items():
        member = archive.getmember(name)
        assert (member.mode, member.mtime) == (mode, 1_234_567_890)


def test_ownership_is_root(tmp_path: Path) -> None:
    """docker sends every entry as owned by root, with no owner names."""
    make_tree(tmp_path, ["mine"])
    if os.geteuid() == 0:
        os.chown(tmp_path / "mine", 1234, 5678)
    member = read_tar(context_tar(str(tmp_path))).getmember("mine")
    assert (member.uid, member.gid, member.uname, member.gname) == (0, 0, "", "")


def test_hard_link_is_sent_once(tmp_path: Path) -> None:
    """A second name for the same file is a hard link entry, without data."""
    (tmp_path / "a").write_text("shared")
    os.link(tmp_path / "a", tmp_path / "b")
    archive = read_tar(context_tar(str(tmp_path)))
    second = archive.getmember("b")
    assert second.islnk()
    assert (second.linkname, second.size) == ("a", 0)


def test_hard_link_to_an_excluded_file_carries_the_data(tmp_path: Path) -> None:
    """When the first name is excluded, the second is an ordinary file."""
    (tmp_path / "a").write_text("shared")
    os.link(tmp_path / "a", tmp_path / "b")
    (tmp_path / ".dockerignore").write_text("a\n")
    archive = read_tar(context_tar(str(tmp_path)))
    assert archive.getnames() == [".dockerignore", "b"]
    assert read_member(archive, "b") == b"shared"


def test_socket_is_left_out(tmp_path: Path) -> None:
    """A socket has no tar form, so it is not sent."""
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock"))
        make_tree(tmp_path, ["file"])
        assert names(tmp_path) == ["file"]


def test_fifo_is_sent_without_being_opened(tmp_path: Path) -> None:
    """A named pipe is an entry of its own; opening it would hang."""
    os.mkfifo(tmp_path / "pipe")
    assert read_tar(context_tar(str(tmp_path))).getmember("pipe").isfifo()


def test_long_and_non_ascii_names(tmp_path: Path) -> None:
    """Names longer than a tar header holds, or not ASCII, arrive whole."""
    long_name = "/".join(["d" * 60] * 4) + "/file"
    make_tree(tmp_path, [long_name, "héllo wörld.txt"])
    sent = names(tmp_path)
    assert long_name in sent
    assert "héllo wörld.txt" in sent


def test_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A name in no encoding travels as its bytes."""
    os.close(os.open(os.fsencode(tmp_path) + b"/caf\xe9", os.O_CREAT | os.O_WRONLY))
    data = b"".join(context_tar(str(tmp_path)))
    assert b"caf\xe9" in data
    assert read_tar([data]).getnames() == [os.fsdecode(b"caf\xe9")]


def test_chunk_size_must_be_positive(tmp_path: Path) -> None:
    """A chunk size of zero would never finish a chunk."""
    with pytest.raises(ValueError, match="chunk_size"):
        context_tar(str(tmp_path), chunk_size=0)


def test_stream_starts_before_a_large_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first chunk comes after reading one chunk of a large file, not
    all of it."""
    make_tree(tmp_path, ["Dockerfile"])
    with open(tmp_path / "large.bin", "wb") as file:
        file.truncate(64 * MiB)
    chunks = context_tar(str(tmp_path))

    read_bytes = []
    real_read = os.read

    def counting_read(fd: int, size: int) -> bytes:
        data = real_read(fd, size)
        read_bytes.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    assert len(next(chunks)) == CHUNK_SIZE
    assert sum(read_bytes) <= 2 * CHUNK_SIZE


def test_memory_stays_flat_for_a_large_context(tmp_path: Path) -> None:
    """A 200 MB file streams through a few chunks of memory."""
    with open(tmp_path / "sparse.bin", "wb") as file:
        file.truncate(200 * MiB)

    tracemalloc.start()
    try:
        total = sum(len(chunk) for chunk in context_tar(str(tmp_path)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert total == 512 + 200 * MiB + 1024
    assert peak < 2 * MiB


def test_file_shrinking_while_sent_is_an_error(tmp_path: Path) -> None:
    """A file cut short after its header went out cannot make a valid tar."""
    (tmp_path / "data").write_bytes(bytes(4 * CHUNK_SIZE))
    chunks = context_tar(str(tmp_path))
    next(chunks)
    os.truncate(tmp_path / "data", 0)
    with pytest.raises(ContextError, match="changed while it was being sent"):
        list(chunks)


def test_unreadable_file_fails_before_sending(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that cannot be opened fails the build before any byte goes,
    in docker's words."""
    make_tree(tmp_path, ["Dockerfile", "locked"])
    locked = str(tmp_path / "locked")
    deny_open(monkeypatch, locked)

    with pytest.raises(ContextError) as caught:
        context_tar(str(tmp_path))
    expected = f"error checking context: 'no permission to read from '{locked}''."
    assert str(caught.value) == expected


def test_file_unreadable_once_streaming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that becomes unreadable after the check fails as Go says it."""
    make_tree(tmp_path, ["locked"])
    chunks = context_tar(str(tmp_path))
    deny_open(monkeypatch, str(tmp_path / "locked"))

    with pytest.raises(ContextError) as caught:
        list(chunks)
    assert str(caught.value) == f"open {tmp_path / 'locked'}: permission denied"


def test_unlistable_directory_cannot_be_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory that cannot be read fails with docker's can't stat."""
    make_tree(tmp_path, ["closed/file"])
    closed = str(tmp_path / "closed")
    deny_listdir(monkeypatch, closed)

    with pytest.raises(ContextError) as caught:
        context_tar(str(tmp_path))
    assert str(caught.value) == f"error checking context: 'can't stat '{closed}''."


def test_excluded_directory_is_never_looked_into(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An excluded directory without exceptions is not even listed, so an
    unreadable one does not fail the build (docker/for-linux#380)."""
    make_tree(tmp_path, ["db/file", "app.py"])
    (tmp_path / ".dockerignore").write_text("db\n")
    deny_listdir(monkeypatch, str(tmp_path / "db"))
    assert names(tmp_path) == [".dockerignore", "app.py"]


def test_malformed_dockerignore_is_an_error(tmp_path: Path) -> None:
    """A bad pattern stops the build with docker's message."""
    (tmp_path / ".dockerignore").write_text("[\n")
    with pytest.raises(ContextError) as caught:
        context_tar(str(tmp_path))
    assert str(caught.value) == "error checking context: 'syntax error in pattern'."


def test_missing_context(tmp_path: Path) -> None:
    """A context directory that does not exist is named in the error."""
    missing = str(tmp_path / "nope")
    with pytest.raises(ContextError) as caught:
        context_tar(missing)
    assert str(caught.value) == f'unable to prepare context: path "{missing}" not found'


def test_context_must_be_a_directory(tmp_path: Path) -> None:
    """A file is no build context."""
    make_tree(tmp_path, ["file"])
    with pytest.raises(ContextError, match="context must be a directory: "):
        context_tar(str(tmp_path / "file"))


def test_default_dockerfile(tmp_path: Path) -> None:
    """Without -f the Dockerfile is the context's own."""
    make_tree(tmp_path, ["Dockerfile"])
    found = locate_dockerfile(str(tmp_path))
    assert found == (
        "Dockerfile",
        str((tmp_path / "Dockerfile").resolve()),
        False,
    )
    assert found.extra is None


def test_lowercase_dockerfile_is_found(tmp_path: Path) -> None:
    """docker settles for "dockerfile" when there is no "Dockerfile"."""
    make_tree(tmp_path, ["dockerfile"])
    assert dockerfile_in_context(str(tmp_path)) == "dockerfile"


def test_given_dockerfile_is_relative_to_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """-f names a file from where dkr runs, not from the context."""
    make_tree(tmp_path, ["ctx/dockerfiles/debug"])
    monkeypatch.chdir(tmp_path / "ctx" / "dockerfiles")
    assert dockerfile_in_context("..", "debug") == "dockerfiles/debug"
    assert dockerfile_in_context(str(tmp_path / "ctx"), "debug") == "dockerfiles/debug"


def test_symlinked_dockerfile_names_its_target(tmp_path: Path) -> None:
    """A Dockerfile that is a link is found where the link points."""
    make_tree(tmp_path, ["build/Dockerfile.real"])
    (tmp_path / "Dockerfile").symlink_to("build/Dockerfile.real")
    assert dockerfile_in_context(str(tmp_path)) == "build/Dockerfile.real"


def test_missing_dockerfile(tmp_path: Path) -> None:
    """A missing Dockerfile fails with docker's message."""
    with pytest.raises(ContextError) as caught:
        locate_dockerfile(str(tmp_path))
    assert str(caught.value) == (
        "unable to prepare context: unable to evaluate symlinks in Dockerfile "
        f"path: lstat {tmp_path.resolve() / 'Dockerfile'}: no such file or directory"
    )


def test_dockerfile_from_stdin_is_refused(tmp_path: Path) -> None:
    """-f - is not supported yet, and says so."""
    with pytest.raises(ContextError, match="stdin"):
        locate_dockerfile(str(tmp_path), "-")


def test_outside_dockerfile_gets_a_random_name(tmp_path: Path) -> None:
    """A Dockerfile outside the context is named .dockerfile.<20 hex>."""
    make_tree(tmp_path, ["ctx/app.py", "Dockerfile.outside"])
    found = locate_dockerfile(
        str(tmp_path / "ctx"), str(tmp_path / "Dockerfile.outside")
    )
    assert re.fullmatch(r"\.dockerfile\.[0-9a-f]{20}", found.name)
    assert found.outside
    assert found.extra == (found.name, str((tmp_path / "Dockerfile.outside").resolve()))


@pytest.mark.parametrize("dockerignore", [None, "*.log"])
def test_outside_dockerfile_is_added_and_ignored(
    tmp_path: Path, dockerignore: str | None
) -> None:
    """The outside Dockerfile travels under its random name, which the sent
    .dockerignore lists so COPY leaves it out."""
    make_tree(tmp_path, ["ctx/app.py", "Dockerfile.outside"])
    context = tmp_path / "ctx"
    if dockerignore is not None:
        (context / ".dockerignore").write_text(dockerignore)
    found = locate_dockerfile(str(context), str(tmp_path / "Dockerfile.outside"))

    chunks = context_tar(str(context), found.name, extra_dockerfile=found.extra)
    archive = read_tar(chunks)
    assert archive.getnames() == ["app.py", found.name, ".dockerignore"]
    assert read_member(archive, found.name) == b"Dockerfile.outside"
    expected = f"{dockerignore or ''}\n{found.name}\n".encode()
    assert read_member(archive, ".dockerignore") == expected


def read_member(archive: tarfile.TarFile, name: str) -> bytes:
    file = archive.extractfile(name)
    assert file is not None
    return file.read()


def deny_open(monkeypatch: pytest.MonkeyPatch, denied: str) -> None:
    """Make os.open fail for one path as it would for another user's file
    (the tests may run as root, who can open anything)."""
    real_open = os.open

    def open_unless_denied(path: str, flags: int, *args: int, **kwargs: int) -> int:
        if os.fspath(path) == denied:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_unless_denied)


def deny_listdir(monkeypatch: pytest.MonkeyPatch, denied: str) -> None:
    real_listdir = os.listdir

    def listdir_unless_denied(path: str) -> list[str]:
        if os.fspath(path) == denied:
            raise PermissionError(13, "Permission denied", path)
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", listdir_unless_denied)
