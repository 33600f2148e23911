"""Splitting an image reference into repository and tag."""

from __future__ import annotations

import pytest

from docker_cli.api.references import split_tag

DIGEST = "sha256:" + "ab" * 32


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("busybox", ("busybox", None)),
        ("busybox:1.36", ("busybox", "1.36")),
        ("library/busybox:latest", ("library/busybox", "latest")),
        ("127.0.0.1:5000/busybox", ("127.0.0.1:5000/busybox", None)),
        ("127.0.0.1:5000/busybox:1", ("127.0.0.1:5000/busybox", "1")),
        ("localhost:5000/a/b/c:v2", ("localhost:5000/a/b/c", "v2")),
        ("[::1]:5000/busybox", ("[::1]:5000/busybox", None)),
        ("[::1]:5000/busybox:1", ("[::1]:5000/busybox", "1")),
        ("localhost:5000", ("localhost", "5000")),
        (f"busybox@{DIGEST}", (f"busybox@{DIGEST}", None)),
        (
            f"127.0.0.1:5000/busybox@{DIGEST}",
            (f"127.0.0.1:5000/busybox@{DIGEST}", None),
        ),
        (f"busybox:1.36@{DIGEST}", (f"busybox:1.36@{DIGEST}", None)),
    ],
)
def test_split_tag(reference: str, expected: tuple[str, str | None]) -> None:
    """Only a colon after the last slash starts a tag; digests are left whole."""
    assert split_tag(reference) == expected
