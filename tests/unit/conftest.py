"""Fixtures for tests that need no engine: the fake 2013 daemon, and a way to
run the dkr command against it in a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest

from tests.fakedaemon import FakeDaemon

Result = subprocess.CompletedProcess[bytes]
Runner = Callable[..., Result]


@pytest.fixture
def fake() -> Iterator[FakeDaemon]:
    """A fresh fake v1.2 daemon, listening until the test ends."""
    daemon = FakeDaemon().start()
    try:
        yield daemon
    finally:
        daemon.stop()


@pytest.fixture
def dkr(fake: FakeDaemon, tmp_path: os.PathLike[str]) -> Runner:
    """Run ``dkr ARGS...`` in its own process against the fake daemon."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
    env["DOCKER_HOST"] = fake.url
    env["DOCKER_CONFIG"] = str(tmp_path)

    def run(
        *args: str,
        input: bytes | None = None,
        timeout: float = 30,
        extra_env: dict[str, str] | None = None,
    ) -> Result:
        result = subprocess.run(
            [sys.executable, "-m", "docker_cli", *args],
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            env={**env, **(extra_env or {})},
            timeout=timeout,
        )
        assert b"Traceback" not in result.stderr, result.stderr.decode()
        return result

    return run
