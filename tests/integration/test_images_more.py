"""save, load, images --viz/--tree, search and insert against the real engine."""

from __future__ import annotations

import functools
import io
import json
import re
import shutil
import sys
import tarfile
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pexpect
import pytest

if TYPE_CHECKING:
    from conftest import Engine, Result, Runner

MISSING = "127.0.0.1:5000/dkrtest-nosuchimage:none"
IMAGE_ID_LINE = re.compile(rb"sha256:[0-9a-f]{64}\n")
GO_DOCKER = "/usr/local/bin/docker"
# The Go CLI 28's wording; older releases wrote "Cowardly ... redirect."
REFUSED = b"cowardly refusing to save to a terminal. Use the -o flag or redirect\r\n"


def _ok(result: Result) -> str:
    assert result.returncode == 0, result.stderr.decode()
    stdout: bytes = result.stdout
    return stdout.decode()


def _manifest(archive: tarfile.TarFile) -> list[dict[str, Any]]:
    member = archive.extractfile("manifest.json")
    assert member is not None
    manifest: list[dict[str, Any]] = json.load(member)
    return manifest


def _dkr_command() -> str:
    """The dkr script the ``dkr`` fixture runs, for a pty of our own."""
    beside = Path(sys.executable).with_name("dkr")
    return str(beside) if beside.exists() else shutil.which("dkr") or "dkr"


@pytest.fixture
def image(go_docker: Runner, pulled_image: str, repository: str) -> str:
    """``REPOSITORY:v1``, this test's own tag of the test image."""
    reference = f"{repository}:v1"
    _ok(go_docker("tag", pulled_image, reference))
    return reference


@pytest.fixture
def short_id(go_docker: Runner, pulled_image: str) -> str:
    """The test image's 12-digit id."""
    full = _ok(go_docker("image", "inspect", "-f", "{{.Id}}", pulled_image))
    return full.strip().removeprefix("sha256:")[:12]


def test_save_writes_a_tar_with_a_manifest(
    dkr: Runner, image: str, tmp_path: Path
) -> None:
    """save -o FILE writes an image tar whose manifest names the tag."""
    target = tmp_path / "image.tar"

    result = dkr("save", "-o", str(target), image)

    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    with tarfile.open(target) as archive:
        [entry] = _manifest(archive)
    assert entry["RepoTags"] == [image]
    assert entry["Layers"]


def test_save_of_a_missing_image_leaves_no_file(
    dkr: Runner, docker: Runner, tmp_path: Path
) -> None:
    """save -o of a missing image fails as docker does, and writes nothing."""
    mine = tmp_path / "mine.tar"
    theirs = tmp_path / "theirs.tar"

    failed = dkr("save", "-o", str(mine), MISSING)
    reference = docker("save", "-o", str(theirs), MISSING)

    assert (failed.returncode, failed.stdout) == (1, b"")
    assert failed.stderr == reference.stderr
    assert failed.stderr.startswith(b"Error response from daemon: ")
    assert not mine.exists()
    assert not theirs.exists()


def test_save_to_a_pipe(dkr: Runner, image: str) -> None:
    """save with stdout piped writes the tar to stdout."""
    result = dkr("save", image)

    assert (result.returncode, result.stderr) == (0, b"")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        [entry] = _manifest(archive)
    assert entry["RepoTags"] == [image]


def test_save_to_a_terminal_is_refused(
    engine: Engine, docker: Runner, image: str
) -> None:
    """save to a terminal refuses, with docker's message and exit status."""
    outcomes = []
    for command in (_dkr_command(), GO_DOCKER):
        child = pexpect.spawn(command, ["save", image], env=engine.env, timeout=20)
        output = child.read()
        child.close()
        outcomes.append((child.exitstatus, output))

    mine, theirs = outcomes
    assert theirs == (1, REFUSED)
    assert mine == theirs


@pytest.fixture
def saved(go_docker: Runner, image: str, tmp_path: Path) -> Path:
    """The test's tag saved to a file, and then removed from the engine."""
    target = tmp_path / "saved.tar"
    _ok(go_docker("save", "-o", str(target), image))
    _ok(go_docker("rmi", image))
    return target


@pytest.mark.parametrize("how", ["-i", "stdin", "-q"])
def test_load_restores_the_image(
    dkr: Runner, go_docker: Runner, image: str, saved: Path, how: str
) -> None:
    """load -i FILE, load < FILE and load -q print ``Loaded image: TAG``."""
    if how == "-i":
        result = dkr("load", "-i", str(saved))
    else:
        flags = ["-q"] if how == "-q" else []
        result = dkr("load", *flags, input=saved.read_bytes())

    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == f"Loaded image: {image}\n".encode()
    assert go_docker("image", "inspect", image).returncode == 0


def test_images_viz_prints_a_dot_graph(
    dkr: Runner, pulled_image: str, short_id: str
) -> None:
    """images --viz prints Graphviz DOT with a box for the tagged image."""
    result = dkr("images", "--viz")

    assert (result.returncode, result.stderr) == (0, b"")
    text = result.stdout.decode()
    assert text.startswith("digraph docker {\n")
    assert text.endswith("}\n")
    node = re.search(rf'^"{short_id}" \[label="([^"]*)",shape=box[^\n]*$', text, re.M)
    assert node, text
    assert pulled_image in node.group(1).split("\\n")


def test_images_tree_shows_the_tags(
    dkr: Runner, pulled_image: str, short_id: str
) -> None:
    """images --tree has a line for the image with its size and tags."""
    result = dkr("images", "--tree")

    assert (result.returncode, result.stderr) == (0, b"")
    pattern = rf"^[│ ]*[└├]─{short_id} Virtual Size: \S+ Tags: (.+)$"
    line = re.search(pattern, result.stdout.decode(), re.M)
    assert line, result.stdout.decode()
    assert pulled_image in line.group(1).split(", ")


def test_search_on_a_private_registry_fails(
    dkr: Runner, docker: Runner, pulled_image: str
) -> None:
    """search REGISTRY/TERM on a registry without search: docker's error."""
    term = pulled_image.removesuffix(":latest")

    mine = dkr("search", term)
    theirs = docker("search", term)

    expected = b"Error response from daemon: Unexpected status code 404\n"
    assert (theirs.returncode, theirs.stderr) == (1, expected)
    assert (mine.returncode, mine.stdout, mine.stderr) == (1, b"", expected)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """The URL of a small file served on loopback by a thread."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "file").write_text("inserted over http\n")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/file"
    finally:
        server.shutdown()
        server.server_close()


def test_insert_adds_a_file_from_a_url(
    dkr: Runner, pulled_image: str, served: str, name: str, image_ids: list[str]
) -> None:
    """insert IMAGE URL PATH prints a new image that holds the file."""
    result = dkr("insert", pulled_image, served, "/inserted")

    assert result.returncode == 0, result.stderr.decode()
    assert IMAGE_ID_LINE.fullmatch(result.stdout)
    image_id = result.stdout.decode().strip()
    image_ids.append(image_id)
    output = dkr("run", "--rm", "--name", name, image_id, "cat", "/inserted")
    assert _ok(output) == "inserted over http\n"
