"""Client-side container filters, for daemons without the filters parameter.

Expected values follow the daemon: values of one key are OR-ed, except
``label``, whose values must all match (filters.Args.MatchKVList).
"""

from __future__ import annotations

import pytest

from docker_cli.api.filters import match_container
from docker_cli.api.models import ContainerSummary

HEX = "3f57d9401f8d42b6bd2d01a0c4bfa4cb8d6bdc9a1e2d1a0f0bd9e1c0f0a1b2c3"
WEB = ContainerSummary(
    id=HEX,
    names=["web", "proxy/web"],
    image="127.0.0.1:5000/nginx:latest",
    command="nginx",
    created=0,
    status="Up 2 hours",
    state="running",
    ports="",
    labels={"tier": "front", "team": "core", "empty": ""},
)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, True),
        ({"status": ["running"]}, True),
        ({"status": ["exited"]}, False),
        ({"status": ["exited", "running"]}, True),
        ({"id": ["3f57d9"]}, True),
        ({"id": [HEX]}, True),
        ({"id": ["ffff"]}, False),
        ({"name": ["web"]}, True),
        ({"name": ["^web$"]}, True),
        ({"name": ["^proxy"]}, True),
        ({"name": ["db", "we"]}, True),
        ({"name": ["db"]}, False),
        ({"ancestor": ["127.0.0.1:5000/nginx:latest"]}, True),
        ({"ancestor": ["127.0.0.1:5000/nginx"]}, True),
        ({"ancestor": ["nginx"]}, False),
        ({"label": ["tier"]}, True),
        ({"label": ["tier=front"]}, True),
        ({"label": ["tier=back"]}, False),
        ({"label": ["missing"]}, False),
        ({"label": ["empty="]}, True),
        ({"label": ["tier="]}, False),
        ({"label": ["tier=front", "team=core"]}, True),
        ({"label": ["tier=front", "team=other"]}, False),
        ({"status": ["running"], "name": ["web"]}, True),
        ({"status": ["running"], "name": ["db"]}, False),
        ({"volume": ["data"]}, False),
    ],
    ids=str,
)
def test_match_container(filters: dict[str, list[str]], expected: bool) -> None:
    """Every key must match; a key matches as the daemon's filter would."""
    assert match_container(WEB, filters) is expected


def test_ancestor_without_tag_matches_a_plain_image() -> None:
    """ancestor=busybox matches a container of busybox:latest."""
    entry = ContainerSummary(
        id=HEX,
        names=["a"],
        image="busybox:latest",
        command="sh",
        created=0,
        status="",
        state="exited",
        ports="",
    )

    assert match_container(entry, {"ancestor": ["busybox"]})
