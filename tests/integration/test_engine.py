"""The test engine that the fixtures start answers, and so does its registry."""

from __future__ import annotations

import json
import urllib.request
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Engine, Runner


def test_engine_answers_the_go_cli(docker: Runner) -> None:
    """The reference Go CLI reaches the engine: ``docker version`` exits 0."""
    result = docker("version", "--format", "{{.Server.Version}}")

    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.strip()


def test_registry_holds_busybox(engine: Engine) -> None:
    """The loopback registry lists ``latest`` among the busybox tags."""
    url = f"http://{engine.registry}/v2/busybox/tags/list"
    # No proxy: the registry is on loopback.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=10) as response:
        tags = json.load(response)["tags"]

    assert "latest" in tags


def test_test_image_runs(docker: Runner, pulled_image: str, name: str) -> None:
    """A container of the pulled busybox image runs and prints its output."""
    result = docker(
        "run", "--name", name, "--network", "none", pulled_image, "echo", "hi"
    )

    assert (result.returncode, result.stdout) == (0, b"hi\n")
