"""Image commands against the real engine and registry."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Result, Runner

IMAGES_HEADINGS = ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]
IMAGE_ID_LINE = re.compile(rb"sha256:[0-9a-f]{64}\n")


def _ok(result: Result) -> str:
    """The command's stdout; fails with its stderr unless it exited 0."""
    assert result.returncode == 0, result.stderr.decode()
    stdout: bytes = result.stdout
    return stdout.decode()


def _image_id(docker: Runner, image: str) -> str:
    return _ok(docker("image", "inspect", "-f", "{{.Id}}", image)).strip()


def _rows(text: str) -> list[list[str]]:
    """A docker table's lines, split into cells at runs of 2+ spaces."""
    return [re.split(r"  +", line) for line in text.splitlines()]


@pytest.fixture
def image_id(docker: Runner, pulled_image: str) -> str:
    """The full ``sha256:...`` id of the test image."""
    return _image_id(docker, pulled_image)


@pytest.mark.parametrize("argument", ["{repo}", "{repo}:latest"])
def test_images_lists_the_named_repository(
    dkr: Runner, pulled_image: str, image_id: str, argument: str
) -> None:
    """``images REPOSITORY[:TAG]`` shows only that image, with docker's columns."""
    repo = pulled_image.removesuffix(":latest")

    result = dkr("images", argument.format(repo=repo))

    assert (result.returncode, result.stderr) == (0, b"")
    header, row = _rows(result.stdout.decode())
    assert header == IMAGES_HEADINGS
    assert row[:3] == [repo, "latest", image_id[7:19]]
    assert row[3].endswith(" ago")
    assert re.fullmatch(r"\d+(\.\d+)?[kM]?B", row[4])


def test_images_of_a_missing_tag_prints_only_the_header(
    dkr: Runner, pulled_image: str
) -> None:
    """``images REPO:nosuchtag`` prints the bare header, and succeeds."""
    result = dkr("images", pulled_image.replace(":latest", ":nosuchtag"))

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        b"REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n",
        b"",
    )


@pytest.mark.parametrize(
    ("flags", "width"),
    [(["-q"], 12), (["-q", "--no-trunc"], 71), (["-a", "-q", "--no-trunc"], 71)],
    ids=["quiet", "no-trunc", "all"],
)
def test_images_quiet_prints_ids(
    dkr: Runner, pulled_image: str, image_id: str, flags: list[str], width: int
) -> None:
    """``images -q`` prints short ids; with ``--no-trunc`` the full sha256 ids."""
    result = dkr("images", *flags, pulled_image)

    expected = image_id if width == 71 else image_id[7:19]
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{expected}\n".encode(),
        b"",
    )


def test_images_quiet_prints_an_id_once_per_name(
    dkr: Runner, docker: Runner, pulled_image: str, image_id: str, repository: str
) -> None:
    """``images -q`` prints one line per tag, so one image with two tags twice."""
    for tag in ("a", "b"):
        _ok(docker("tag", pulled_image, f"{repository}:{tag}"))

    result = dkr("images", "-q", repository)

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{image_id[7:19]}\n{image_id[7:19]}\n".encode(),
        b"",
    )


def test_images_all_quiet_includes_the_test_image(dkr: Runner, image_id: str) -> None:
    """``images -a -q --no-trunc`` without a name lists every id, the test's too."""
    result = dkr("images", "-a", "-q", "--no-trunc")

    assert (result.returncode, result.stderr) == (0, b"")
    assert image_id in result.stdout.decode().split()
    assert all(IMAGE_ID_LINE.fullmatch(line + b"\n") for line in result.stdout.split())


def _digest(docker: Runner, image: str) -> str:
    template = "{{index .RepoDigests 0}}"
    return _ok(docker("image", "inspect", "-f", template, image)).split("@")[1].strip()


def test_pull_of_a_present_image_reports_it_is_up_to_date(
    dkr: Runner, docker: Runner, pulled_image: str
) -> None:
    """``pull`` with stdout not a terminal prints docker's plain status lines."""
    repo = pulled_image.removesuffix(":latest")

    result = dkr("pull", repo)

    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode() == (
        "Using default tag: latest\n"
        "latest: Pulling from busybox\n"
        f"Digest: {_digest(docker, pulled_image)}\n"
        f"Status: Image is up to date for {pulled_image}\n"
        f"{pulled_image}\n"
    )


def test_pull_downloads_an_image_from_the_registry(
    dkr: Runner, docker: Runner, pushed_image: str
) -> None:
    """``pull`` of an image only the registry has fetches it and says so."""
    repository_path = pushed_image.split("/", 1)[1].removesuffix(":v1")

    result = dkr("pull", pushed_image)

    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode() == (
        f"v1: Pulling from {repository_path}\n"
        f"Digest: {_digest(docker, pushed_image)}\n"
        f"Status: Downloaded newer image for {pushed_image}\n"
        f"{pushed_image}\n"
    )


def test_pull_quiet_prints_only_the_reference(
    dkr: Runner, docker: Runner, pushed_image: str
) -> None:
    """``pull -q`` prints nothing but the pulled reference."""
    result = dkr("pull", "-q", pushed_image)

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{pushed_image}\n".encode(),
        b"",
    )
    assert docker("image", "inspect", pushed_image).returncode == 0


def test_pull_of_a_missing_tag_fails(dkr: Runner, pulled_image: str) -> None:
    """``pull`` of a tag the registry lacks exits 1 with the daemon's message."""
    missing = pulled_image.replace(":latest", ":nosuchtag")

    result = dkr("pull", missing)

    assert (result.returncode, result.stderr.decode()) == (
        1,
        f"Error response from daemon: manifest for {missing} not found: "
        "manifest unknown: manifest unknown\n",
    )


def test_tag_then_rmi_untags(
    dkr: Runner, docker: Runner, pulled_image: str, image_id: str, repository: str
) -> None:
    """``tag`` adds a name silently; ``rmi`` of it prints ``Untagged: NAME``."""
    target = f"{repository}:t1"

    tagged = dkr("tag", pulled_image, target)

    assert (tagged.returncode, tagged.stdout, tagged.stderr) == (0, b"", b"")
    assert _image_id(docker, target) == image_id

    removed = dkr("rmi", target)

    assert (removed.returncode, removed.stdout, removed.stderr) == (
        0,
        f"Untagged: {target}\n".encode(),
        b"",
    )
    assert docker("image", "inspect", target).returncode == 1
    assert _image_id(docker, pulled_image) == image_id


@pytest.fixture
def committed(docker: Runner, pulled_image: str, name: str, repository: str) -> str:
    """An image of its own (committed from a container), tagged REPOSITORY:v1."""
    docker("run", "--name", f"{name}-base", pulled_image, "true")
    reference = f"{repository}:v1"
    _ok(docker("commit", f"{name}-base", reference))
    return reference


def test_rmi_of_an_image_in_use_needs_force(
    dkr: Runner, docker: Runner, committed: str, name: str
) -> None:
    """``rmi`` of an image a container uses fails (1); ``rmi -f`` removes it."""
    container = _ok(docker("create", "--name", name, committed, "true")).strip()
    image_id = _image_id(docker, committed)

    refused = dkr("rmi", committed)

    assert (refused.returncode, refused.stdout, refused.stderr.decode()) == (
        1,
        b"",
        "Error response from daemon: conflict: unable to remove repository "
        f'reference "{committed}" (must force) - container {container[:12]} '
        f"is using its referenced image {image_id[7:19]}\n",
    )

    forced = dkr("rmi", "-f", committed)

    assert (forced.returncode, forced.stdout, forced.stderr) == (
        0,
        f"Untagged: {committed}\nDeleted: {image_id}\n".encode(),
        b"",
    )


def test_rmi_deletes_an_image_with_no_other_name(
    dkr: Runner, docker: Runner, committed: str, name: str
) -> None:
    """``rmi`` of an image's last name untags it and deletes the image."""
    _ok(docker("rm", f"{name}-base"))
    image_id = _image_id(docker, committed)

    result = dkr("rmi", committed)

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"Untagged: {committed}\nDeleted: {image_id}\n".encode(),
        b"",
    )


def test_rmi_missing_image_fails(dkr: Runner) -> None:
    """``rmi nope`` exits 1 with the daemon's "No such image" message."""
    result = dkr("rmi", "nope")

    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        b"",
        b"Error response from daemon: No such image: nope:latest\n",
    )


def test_rmi_force_of_a_missing_image_succeeds(dkr: Runner) -> None:
    """``rmi -f nope`` reports the missing image but exits 0, as docker."""
    result = dkr("rmi", "-f", "nope")

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        b"",
        b"Error response from daemon: No such image: nope:latest\n",
    )


@pytest.mark.parametrize("flags", [[], ["--no-trunc"]], ids=["short", "no-trunc"])
def test_history_lists_the_image_layers(
    dkr: Runner, pulled_image: str, image_id: str, flags: list[str]
) -> None:
    """``history`` shows the imported test image as one row, newest first."""
    result = dkr("history", *flags, pulled_image)

    assert (result.returncode, result.stderr) == (0, b"")
    header, *rows = result.stdout.decode().splitlines()
    assert re.split(r"  +", header) == [
        "IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"
    ]  # fmt: skip
    assert len(rows) == 1
    shown_id = image_id if flags else image_id[7:19]
    assert rows[0].startswith(f"{shown_id}   ")
    assert rows[0].endswith("Imported from -")


def test_inspect_a_container_and_an_image_at_once(
    dkr: Runner, docker: Runner, pulled_image: str, image_id: str, name: str
) -> None:
    """``inspect CONTAINER IMAGE`` prints one JSON array of both objects."""
    container = _ok(docker("create", "--name", name, pulled_image, "true")).strip()

    result = dkr("inspect", name, pulled_image)

    assert (result.returncode, result.stderr) == (0, b"")
    objects = json.loads(result.stdout)
    assert [item["Id"] for item in objects] == [container, image_id]


def test_inspect_missing_object_fails(dkr: Runner) -> None:
    """``inspect nope`` prints ``[]``, docker's "No such object", and exits 1."""
    result = dkr("inspect", "nope")

    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        b"[]\n",
        b"Error: No such object: nope\n",
    )


@pytest.fixture
def rootfs_tar(docker: Runner, pulled_image: str, name: str, tmp_path: Path) -> Path:
    """A tar of a busybox container's filesystem, made by the Go CLI."""
    tar = tmp_path / "rootfs.tar"
    _ok(docker("create", "--name", f"{name}-export", pulled_image, "true"))
    _ok(docker("export", "-o", str(tar), f"{name}-export"))
    return tar


def test_import_file_makes_a_runnable_image(
    dkr: Runner, rootfs_tar: Path, image_ids: list[str], name: str
) -> None:
    """``import FILE`` prints the new image's id; the image runs commands."""
    result = dkr("import", str(rootfs_tar))

    assert (result.returncode, result.stderr) == (0, b"")
    assert IMAGE_ID_LINE.fullmatch(result.stdout)
    image_ids.append(result.stdout.decode().strip())
    ran = dkr("run", "--rm", "--name", name, image_ids[0], "echo", "imported")
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, b"imported\n", b"")


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_import_with_a_name_tags_the_image(
    dkr: Runner,
    docker: Runner,
    rootfs_tar: Path,
    repository: str,
    source: str,
    name: str,
) -> None:
    """``import FILE|- REPO:TAG`` names the image it makes; it runs."""
    reference = f"{repository}:imported"
    if source == "stdin":
        result = dkr("import", "-", reference, input=rootfs_tar.read_bytes())
    else:
        result = dkr("import", str(rootfs_tar), reference)

    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode() == f"{_image_id(docker, reference)}\n"
    ran = dkr("run", "--rm", "--name", name, reference, "echo", "imported")
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, b"imported\n", b"")


def test_import_change_sets_the_default_command(
    dkr: Runner, rootfs_tar: Path, repository: str, name: str
) -> None:
    """``import -c 'CMD [...]'`` gives the image a command to run by default."""
    reference = f"{repository}:cmd"
    change = 'CMD ["echo", "from-cmd"]'

    result = dkr("import", "-c", change, str(rootfs_tar), reference)

    assert (result.returncode, result.stderr) == (0, b"")
    ran = dkr("run", "--rm", "--name", name, reference)
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, b"from-cmd\n", b"")
