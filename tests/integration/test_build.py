"""build against the real engine, compared with the Go CLI's legacy builder."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Engine, Result, Runner

LEGACY = {"DOCKER_BUILDKIT": "0"}
SHORT_ID = re.compile(r"\b[0-9a-f]{12}\b")
IMAGE_ID_LINE = re.compile(rb"sha256:[0-9a-f]{64}\n")
EXIT_3 = "The command '/bin/sh -c exit 3' returned a non-zero code: 3\n"

# Each rule of .dockerignore, and the files it keeps or drops.
DOCKERIGNORE = """\
# a comment, and a comment-looking line that names a file
#notes
*.log
**/*.tmp
docs/**
!docs/keep.md
/rootonly
"""
CONTEXT_FILES = [
    "#notes",
    "keep.txt",
    "app.log",
    "sub/deep/nested.log",
    "top.tmp",
    "sub/deep/nested.tmp",
    "docs/readme.md",
    "docs/keep.md",
    "rootonly",
    "sub/rootonly",
]
ARRIVED = """\
/ctx
/ctx/#notes
/ctx/.dockerignore
/ctx/Dockerfile
/ctx/docs
/ctx/docs/keep.md
/ctx/empty
/ctx/keep.txt
/ctx/link
/ctx/sub
/ctx/sub/deep
/ctx/sub/deep/nested.log
/ctx/sub/rootonly
"""


def _ok(result: Result) -> str:
    assert result.returncode == 0, result.stderr.decode()
    stdout: bytes = result.stdout
    return stdout.decode()


def _masked(text: bytes, tag: str = "") -> str:
    """Build output with ids replaced by ``ID``, and ``tag`` by ``TAG``."""
    masked = SHORT_ID.sub("ID", text.decode())
    return masked.replace(tag, "TAG") if tag else masked


@pytest.fixture
def context(tmp_path: Path) -> Path:
    """A context exercising each .dockerignore rule, with a symbolic link
    to a file outside it; its Dockerfile lists what arrived."""
    outside = tmp_path / "outside.txt"
    outside.write_text("outside secret\n")
    directory = tmp_path / "context"
    for relative in CONTEXT_FILES:
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{relative}\n")
    (directory / "empty").mkdir()
    (directory / "link").symlink_to(outside)
    (directory / ".dockerignore").write_text(DOCKERIGNORE)
    (directory / "Dockerfile").write_text(
        "FROM 127.0.0.1:5000/busybox\nCOPY . /ctx/\nRUN find /ctx | sort\n"
    )
    return directory


@pytest.fixture
def builds(go_docker: Runner) -> Iterator[list[Result]]:
    """A list a test fills with build results; the containers those builds
    left ("Running in ID") are removed afterwards."""
    results: list[Result] = []
    yield results

    output = b"".join(result.stdout for result in results).decode()
    if ids := re.findall(r"Running in ([0-9a-f]{12})", output):
        go_docker("rm", "-f", *ids)


def _dockerfile(tmp_path: Path, text: str) -> Path:
    directory = tmp_path / "build"
    directory.mkdir(exist_ok=True)
    (directory / "Dockerfile").write_text(f"FROM 127.0.0.1:5000/busybox\n{text}")
    return directory


def test_build_sends_the_context_dockerignore_applied(
    dkr: Runner, pulled_image: str, repository: str, name: str, context: Path
) -> None:
    """Files .dockerignore excludes stay out; a link outside stays a link."""
    tag = f"{repository}:v1"

    built = dkr("build", "-t", tag, str(context))

    assert built.returncode == 0, built.stderr.decode()
    listing = dkr("run", "--rm", "--name", name, tag, "find", "/ctx")
    assert sorted(_ok(listing).splitlines()) == ARRIVED.splitlines()
    probe = "find /ctx -type l; readlink /ctx/link"
    links = _ok(dkr("run", "--rm", "--name", f"{name}-l", tag, "sh", "-c", probe))
    assert links == f"/ctx/link\n{context.parent / 'outside.txt'}\n"


def test_build_output_matches_docker(
    dkr: Runner,
    docker: Runner,
    pulled_image: str,
    repository: str,
    context: Path,
    builds: list[Result],
) -> None:
    """build --no-cache streams the same steps as the Go CLI's legacy builder."""
    mine = dkr("build", "--no-cache", "-t", f"{repository}:dkr", str(context))
    theirs = docker(
        "build", "--no-cache", "-t", f"{repository}:go", str(context), environ=LEGACY
    )
    builds += [mine, theirs]

    assert (mine.returncode, mine.stderr) == (0, b"")
    assert theirs.returncode == 0, theirs.stderr.decode()
    assert _masked(mine.stdout, ":dkr") == _masked(theirs.stdout, ":go")
    assert "Step 1/3 : FROM 127.0.0.1:5000/busybox\n" in mine.stdout.decode()
    assert ARRIVED in mine.stdout.decode()


def test_build_streams_steps_while_running(
    engine: Engine, pulled_image: str, repository: str, tmp_path: Path
) -> None:
    """build prints each step as it starts, not when the build ends."""
    directory = _dockerfile(tmp_path, "RUN sleep 4\n")
    beside = Path(sys.executable).with_name("dkr")
    command = str(beside) if beside.exists() else shutil.which("dkr") or "dkr"
    config = {"DOCKER_CONFIG": str(tmp_path)}
    args = [command, "build", "-t", f"{repository}:slow", str(directory)]
    running = False

    with subprocess.Popen(
        args, stdout=subprocess.PIPE, env={**engine.env, **config}
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(b"Step 2/2 : RUN sleep 4"):
                running = process.poll() is None
                break
        rest = process.stdout.read()

    assert running
    assert process.returncode == 0
    assert b"Successfully tagged" in rest


def test_build_with_a_dockerfile_elsewhere(
    dkr: Runner, pulled_image: str, repository: str, name: str, tmp_path: Path
) -> None:
    """build -f FILE takes the Dockerfile from outside the context."""
    context = tmp_path / "context"
    context.mkdir()
    (context / "message.txt").write_text("from the context\n")
    dockerfile = tmp_path / "elsewhere" / "Build.dockerfile"
    dockerfile.parent.mkdir()
    dockerfile.write_text(
        "FROM 127.0.0.1:5000/busybox\nCOPY message.txt /\nCMD cat /message.txt\n"
    )
    tag = f"{repository}:v1"

    built = dkr("build", "-f", str(dockerfile), "-t", tag, str(context))

    assert built.returncode == 0, built.stderr.decode()
    output = _ok(dkr("run", "--rm", "--name", name, tag))
    assert output == "from the context\n"


@pytest.mark.parametrize(
    ("flags", "expected"),
    [([], "unset\n"), (["--build-arg", "GREETING=hello there"], "hello there\n")],
    ids=["default", "build-arg"],
)
def test_build_arg(
    dkr: Runner,
    pulled_image: str,
    repository: str,
    name: str,
    tmp_path: Path,
    flags: list[str],
    expected: str,
) -> None:
    """--build-arg NAME=VALUE sets an ARG; without it the default holds."""
    directory = _dockerfile(
        tmp_path, 'ARG GREETING=unset\nRUN echo "$GREETING" > /greeting\n'
    )
    tag = f"{repository}:v1"

    built = dkr("build", *flags, "-t", tag, str(directory))

    assert built.returncode == 0, built.stderr.decode()
    assert _ok(dkr("run", "--rm", "--name", name, tag, "cat", "/greeting")) == expected


def test_build_label(
    dkr: Runner, pulled_image: str, repository: str, label: str, tmp_path: Path
) -> None:
    """--label KEY=VALUE (repeatable) ends up in the image's labels."""
    directory = _dockerfile(tmp_path, "CMD true\n")
    tag = f"{repository}:v1"

    built = dkr(
        "build", "--label", label, "--label", "purpose=test", "-t", tag, str(directory)
    )

    assert built.returncode == 0, built.stderr.decode()
    labels = _ok(dkr("inspect", "-f", "{{json .Config.Labels}}", tag))
    key, value = label.split("=")
    assert json.loads(labels) == {key: value, "purpose": "test"}


def test_build_no_cache(
    dkr: Runner,
    pulled_image: str,
    repository: str,
    dkr_test_id: str,
    tmp_path: Path,
) -> None:
    """A rebuild uses the cache; with --no-cache it runs every step again."""
    directory = _dockerfile(tmp_path, f"RUN echo {dkr_test_id} > /token\n")

    first = dkr("build", "-t", f"{repository}:first", str(directory))
    cached = dkr("build", "-t", f"{repository}:cached", str(directory))
    fresh = dkr("build", "--no-cache", "-t", f"{repository}:fresh", str(directory))

    assert " ---> Using cache\n" not in _ok(first)
    assert " ---> Using cache\n" in _ok(cached)
    assert " ---> Using cache\n" not in _ok(fresh)
    ids = [
        _ok(dkr("inspect", "-f", "{{.Id}}", f"{repository}:{tag}"))
        for tag in ("first", "cached", "fresh")
    ]
    assert ids[0] == ids[1] != ids[2]


def test_build_quiet_prints_only_the_id(
    dkr: Runner, pulled_image: str, repository: str, tmp_path: Path
) -> None:
    """build -q prints the image id, sha256:..., and nothing else."""
    directory = _dockerfile(tmp_path, "CMD true\n")
    tag = f"{repository}:v1"

    result = dkr("build", "-q", "-t", tag, str(directory))

    assert (result.returncode, result.stderr) == (0, b"")
    assert IMAGE_ID_LINE.fullmatch(result.stdout)
    image_id = _ok(dkr("inspect", "-f", "{{.Id}}", tag))
    assert result.stdout.decode() == image_id


def test_build_failing_step_exits_with_its_code(
    dkr: Runner,
    docker: Runner,
    pulled_image: str,
    tmp_path: Path,
    builds: list[Result],
) -> None:
    """A RUN that exits 3 makes build exit 3 with docker's error on stderr."""
    directory = _dockerfile(tmp_path, "RUN exit 3\n")

    mine = dkr("build", "--force-rm", str(directory))
    theirs = docker("build", "--force-rm", str(directory), environ=LEGACY)
    builds += [mine, theirs]

    assert (mine.returncode, mine.stderr.decode()) == (3, EXIT_3)
    assert theirs.returncode == 3
    assert theirs.stderr.decode().endswith(EXIT_3)
    assert _masked(mine.stdout) == _masked(theirs.stdout)


def test_build_from_stdin(
    dkr: Runner,
    docker: Runner,
    pulled_image: str,
    repository: str,
    name: str,
) -> None:
    """build - reads the Dockerfile from stdin, with docker's output."""
    dockerfile = 'FROM 127.0.0.1:5000/busybox\nCMD ["echo", "from stdin"]\n'

    mine = dkr("build", "--no-cache", "-t", f"{repository}:dkr", "-", input=dockerfile)
    theirs = docker(
        "build",
        "--no-cache",
        "-t",
        f"{repository}:go",
        "-",
        input=dockerfile,
        environ=LEGACY,
    )

    assert (mine.returncode, mine.stderr) == (0, b"")
    assert _ok(dkr("run", "--rm", "--name", name, f"{repository}:dkr")) == (
        "from stdin\n"
    )
    assert theirs.returncode == 0, theirs.stderr.decode()
    assert _masked(mine.stdout, ":dkr") == _masked(theirs.stdout, ":go")
