"""The dkr commands against a daemon that speaks only the 2013 v1.2 dialect."""

from __future__ import annotations

import io
import tarfile

from tests.fakedaemon import FakeDaemon
from tests.unit.conftest import Runner


def paths_requested(fake: FakeDaemon) -> list[str]:
    return [request.path for request in fake.requests]


def test_negotiation_falls_back_to_unversioned_paths(dkr: Runner, fake: FakeDaemon):
    """With no API version reported, every request goes to an unversioned path."""
    result = dkr("ps", "-a")

    assert result.returncode == 0
    assert result.stdout.decode().startswith("CONTAINER ID   IMAGE     COMMAND")
    paths = paths_requested(fake)
    assert "/version" in paths
    assert not any(path.startswith("/v1.") for path in paths)


def test_run_prints_output_and_exits_with_container_status(dkr: Runner):
    """run: create, start, attach with logs, wait; the status is the container's."""
    hello = dkr("run", "busybox", "echo", "hello")
    failing = dkr("run", "busybox", "sh", "-c", "exit 3")

    assert (hello.returncode, hello.stdout) == (0, b"hello\n")
    assert failing.returncode == 3


def test_run_keeps_stdout_and_stderr_apart(dkr: Runner):
    """Output the container wrote to stderr reaches dkr's stderr only."""
    result = dkr("run", "--rm", "busybox", "stderr", "oops")

    assert result.stdout == b""
    assert result.stderr == b"oops\n"


def test_run_passes_binary_output_through(dkr: Runner):
    """Every byte value comes through the raw stream unchanged."""
    data = bytes(range(256))
    result = dkr("run", "--rm", "busybox", "printf-bytes", data.hex())

    assert result.stdout == data


def test_run_with_piped_stdin(dkr: Runner):
    """run -i copies stdin to the container and ends at end of input."""
    result = dkr("run", "-i", "--rm", "busybox", "cat", input=b"abc\x00def")

    assert (result.returncode, result.stdout) == (0, b"abc\x00def")


def test_run_rm_removes_the_container(dkr: Runner, fake: FakeDaemon):
    """--rm on an old daemon is done by dkr itself once the container exits."""
    dkr("run", "--rm", "busybox", "true")

    assert fake.state.containers == {}


def test_run_pulls_a_missing_image(dkr: Runner, fake: FakeDaemon):
    """A 404 on create pulls the image and creates the container again."""
    result = dkr("run", "--rm", "ubuntu", "echo", "pulled")

    assert result.returncode == 0
    assert result.stdout == b"pulled\n"
    assert b"Unable to find image 'ubuntu:latest' locally" in result.stderr
    creates = [p for p in paths_requested(fake) if p == "/containers/create"]
    assert len(creates) == 2


def test_run_of_an_image_that_cannot_be_pulled(dkr: Runner):
    """A pull that fails in the stream ends run with status 125."""
    result = dkr("run", "--rm", "missing-image", "true")

    assert result.returncode == 125
    assert result.stderr.startswith(b"Unable to find image 'missing-image:latest'")
    assert b"dkr: " in result.stderr


def test_run_detached_prints_the_id(dkr: Runner, fake: FakeDaemon):
    """run -d starts the container and prints its id."""
    result = dkr("run", "-d", "busybox", "sleep", "100")

    container_id = result.stdout.decode().strip()
    assert container_id in fake.state.containers
    assert fake.state.containers[container_id].running


def test_run_warns_about_flags_the_old_api_lacks(dkr: Runner):
    """--name has no meaning before API 1.6: dkr says it was ignored."""
    result = dkr("run", "--rm", "--name", "web", "busybox", "true")

    assert result.returncode == 0
    assert b"no --name; it was ignored" in result.stderr


def test_ps_lists_containers_with_old_status(dkr: Runner):
    """ps shows the 2013 "Exit N" status text as the daemon gives it."""
    dkr("run", "busybox", "sh", "-c", "exit 2")
    result = dkr("ps", "-a")

    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2
    assert '"sh -c exit 2"' in lines[1]
    assert "Exit 2" in lines[1]


def test_ps_filters_client_side(dkr: Runner):
    """Filters the old API lacks are applied by dkr."""
    dkr("run", "busybox", "true")
    running = dkr("run", "-d", "busybox", "sleep", "100").stdout.decode().strip()

    result = dkr("ps", "-aq", "--filter", "status=running")

    assert result.stdout.decode().split() == [running[:12]]


def test_images_folds_repository_entries(dkr: Runner, fake: FakeDaemon):
    """images/json lists a tag per entry; dkr shows one row per tag."""
    dkr("tag", "busybox", "mybox:v1")
    result = dkr("images")

    rows = [line.split()[:3] for line in result.stdout.decode().splitlines()[1:]]
    assert ["busybox", "latest", "b750fe79269d"] in rows
    assert ["mybox", "v1", "b750fe79269d"] in rows


def test_logs_come_from_attach(dkr: Runner, fake: FakeDaemon):
    """Old daemons have no /logs: dkr reads attach?logs=1&stream=0."""
    container_id = dkr("run", "-d", "busybox", "echo", "logged").stdout.strip()
    dkr("wait", container_id.decode())

    result = dkr("logs", container_id.decode())

    assert result.stdout == b"logged\n"
    attaches = [r for r in fake.requests if r.path.endswith("/attach")]
    assert attaches[-1].query.get("logs") in ("1", "true", "True")


def test_inspect_prints_the_daemon_json(dkr: Runner):
    """inspect wraps the daemon's own JSON in an array, indented."""
    result = dkr("inspect", "busybox")

    assert result.returncode == 0
    assert result.stdout.startswith(b'[\n    {\n        "id": "b750fe79269d')


def test_export_writes_a_tar(dkr: Runner, tmp_path):
    """export -o writes the container's filesystem as a tar file."""
    container_id = dkr("run", "-d", "busybox", "true").stdout.decode().strip()
    target = tmp_path / "out.tar"

    result = dkr("export", "-o", str(target), container_id)

    assert result.returncode == 0
    with tarfile.open(target) as archive:
        assert archive.getnames()


def test_import_from_stdin(dkr: Runner, fake: FakeDaemon):
    """import - streams stdin to the daemon and prints the new image id."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo("hello.txt")
        archive.addfile(info, io.BytesIO(b""))

    result = dkr("import", "-", "imported:v1", input=buffer.getvalue())

    assert result.returncode == 0
    assert "imported" in fake.state.repositories


def test_version_reports_the_old_dialect(dkr: Runner):
    """version says the daemon speaks the unversioned 2013 API."""
    result = dkr("version")

    text = result.stdout.decode()
    assert "API version:       unversioned (Remote API v1.2)" in text
    assert "  Version:          0.2.2" in text


def test_missing_container_error(dkr: Runner):
    """A plain-text 404 from the old daemon becomes docker's message, status 1."""
    result = dkr("rm", "nope")

    assert result.returncode == 1
    assert result.stderr == b"Error response from daemon: No such container: nope\n"
