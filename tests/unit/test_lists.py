"""The ps, images and history rows, compared with docker/cli's formatters.

Expected values follow cli/command/formatter (container.go, image.go) and
cli/command/image/formatter_history.go of docker 28.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from docker_cli.api.models import ContainerSummary, HistoryEntry, ImageSummary
from docker_cli.output.lists import (
    CONTAINER_HEADER,
    HISTORY_HEADER,
    IMAGE_HEADER,
    container_rows,
    history_rows,
    image_rows,
)

NOW = 1_700_000_000  # 2023-11-14T22:13:20Z
HOUR = 3600
DAY = 24 * HOUR
HEX = "3f57d9401f8d42b6bd2d01a0c4bfa4cb8d6bdc9a1e2d1a0f0bd9e1c0f0a1b2c3"
HEX2 = "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
ENTRYPOINT = "/docker-entrypoint.sh nginx -g 'daemon off;'"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make "now" NOW for every relative time in these tests."""
    monkeypatch.setattr(time, "time", lambda: float(NOW))


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the local time zone for one test, restoring it afterwards."""

    def set_zone(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def container(**fields: Any) -> ContainerSummary:
    """A container summary with plausible defaults for what is not given."""
    values: dict[str, Any] = {
        "id": HEX,
        "names": ["web"],
        "image": "nginx",
        "command": ENTRYPOINT,
        "created": NOW - 2 * HOUR,
        "status": "Up 2 hours",
        "state": "running",
        "ports": "80/tcp",
    }
    return ContainerSummary(**{**values, **fields})


def image(**fields: Any) -> ImageSummary:
    """An image summary with plausible defaults for what is not given."""
    values: dict[str, Any] = {
        "id": "sha256:" + HEX,
        "repo_tags": ["busybox:latest"],
        "repo_digests": ["busybox@sha256:" + HEX2],
        "created": NOW - 3 * DAY,
        "size": 4_261_337,
    }
    return ImageSummary(**{**values, **fields})


def history(**fields: Any) -> HistoryEntry:
    """A history entry with plausible defaults for what is not given."""
    values: dict[str, Any] = {
        "id": "sha256:" + HEX,
        "created": NOW - 5 * DAY,
        "created_by": '/bin/sh -c #(nop)  CMD ["sh"]',
        "size": 0,
        "comment": "",
    }
    return HistoryEntry(**{**values, **fields})


def one_row(rows: list[list[str]]) -> list[str]:
    assert len(rows) == 1
    return rows[0]


def test_container_row_truncated() -> None:
    """The default ps row: short id, cut command, relative time, one name."""
    header, rows = container_rows([container()], trunc=True, size=False)

    assert header == CONTAINER_HEADER
    assert rows == [
        [
            HEX[:12],
            "nginx",
            '"/docker-entrypoint.…"',
            "2 hours ago",
            "Up 2 hours",
            "80/tcp",
            "web",
        ]
    ]


def test_container_row_no_trunc() -> None:
    """--no-trunc: full id, whole command, every name."""
    entry = container(names=["web", "proxy/web"])

    _, rows = container_rows([entry], trunc=False, size=False)

    assert rows == [
        [
            HEX,
            "nginx",
            f'"{ENTRYPOINT}"',
            "2 hours ago",
            "Up 2 hours",
            "80/tcp",
            "web,proxy/web",
        ]
    ]


@pytest.mark.parametrize(
    ("command", "trunc", "expected"),
    [
        ("sleep 1000", True, '"sleep 1000"'),
        ("", True, '""'),
        ("a" * 20, True, '"' + "a" * 20 + '"'),
        ("a" * 21, True, '"' + "a" * 19 + '…"'),
        (ENTRYPOINT, True, '"/docker-entrypoint.…"'),
        (ENTRYPOINT, False, f'"{ENTRYPOINT}"'),
        ('sh -c "echo hi"', True, r'"sh -c \"echo hi\""'),
        ('echo "a very long quoted"', True, r'"echo \"a very long q…"'),
        ("printf 'a\tb\n'", True, "\"printf 'a\\tb\\n'\""),
        ("日本語" * 4, True, '"日本語日本語日本語…"'),
    ],
)
def test_command_column(command: str, trunc: bool, expected: str) -> None:
    """COMMAND is cut to 20 columns first, then Go-quoted."""
    _, rows = container_rows([container(command=command)], trunc, size=False)

    assert one_row(rows)[2] == expected


@pytest.mark.parametrize(
    ("names", "trunc", "expected"),
    [
        (["web"], True, "web"),
        (["web", "proxy/web"], True, "web"),
        (["proxy/web", "web"], True, "web"),
        (["proxy/web"], True, ""),
        ([], True, ""),
        (["proxy/web", "web"], False, "proxy/web,web"),
    ],
)
def test_names_column(names: list[str], trunc: bool, expected: str) -> None:
    """NAMES hides link names (with a slash) unless --no-trunc."""
    _, rows = container_rows([container(names=names)], trunc, size=False)

    assert one_row(rows)[6] == expected


@pytest.mark.parametrize(
    ("name", "trunc", "expected"),
    [
        ("busybox", True, "busybox"),
        ("busybox:1.36", True, "busybox:1.36"),
        ("127.0.0.1:5000/busybox:1", True, "127.0.0.1:5000/busybox:1"),
        ("sha256:" + HEX, True, HEX[:12]),
        ("sha256:" + HEX, False, "sha256:" + HEX),
        ("busybox@sha256:" + HEX2, True, "busybox"),
        ("busybox:1.36@sha256:" + HEX2, True, "busybox:1.36"),
        ("busybox@sha256:" + HEX2, False, "busybox@sha256:" + HEX2),
        ("", True, "<no image>"),
        ("", False, "<no image>"),
    ],
)
def test_image_column(name: str, trunc: bool, expected: str) -> None:
    """IMAGE shortens image ids and drops digests unless --no-trunc."""
    _, rows = container_rows([container(image=name)], trunc, size=False)

    assert one_row(rows)[1] == expected


@pytest.mark.parametrize(
    ("size_rw", "size_root_fs", "expected"),
    [
        (0, 1_978_000, "0B (virtual 1.98MB)"),
        (12, 4_261_337, "12B (virtual 4.26MB)"),
        (1000, 0, "1kB"),
        (None, None, "0B"),
    ],
)
def test_size_column(
    size_rw: int | None, size_root_fs: int | None, expected: str
) -> None:
    """--size adds SIZE: the writable layer, then the virtual size if known."""
    entry = container(size_rw=size_rw, size_root_fs=size_root_fs)

    header, rows = container_rows([entry], trunc=True, size=True)

    assert header == [*CONTAINER_HEADER, "SIZE"]
    assert one_row(rows)[7] == expected


def test_container_rows_keep_the_order_given() -> None:
    """One row per container, in the order the daemon listed them."""
    entries = [container(names=["b"]), container(names=["a"])]

    _, rows = container_rows(entries, trunc=True, size=False)

    assert [row[6] for row in rows] == ["b", "a"]


def test_image_row_per_tag() -> None:
    """A tagged image gives one row per tag; its digest adds no row."""
    entry = image(repo_tags=["busybox:latest", "busybox:1.36"])

    header, rows = image_rows([entry], trunc=True)

    assert header == IMAGE_HEADER
    assert rows == [
        ["busybox", "latest", HEX[:12], "3 days ago", "4.26MB"],
        ["busybox", "1.36", HEX[:12], "3 days ago", "4.26MB"],
    ]


def test_image_no_trunc_shows_the_full_id() -> None:
    """--no-trunc shows the id with its sha256: prefix."""
    _, rows = image_rows([image()], trunc=False)

    assert one_row(rows)[2] == "sha256:" + HEX


@pytest.mark.parametrize(
    ("repo_tags", "repo_digests", "expected"),
    [
        ([], [], [("<none>", "<none>")]),
        ([], ["busybox@sha256:" + HEX2], [("busybox", "<none>")]),
        (["127.0.0.1:5000/busybox:1"], [], [("127.0.0.1:5000/busybox", "1")]),
        (
            ["busybox:latest"],
            ["busybox@sha256:" + HEX2, "example.com/bb@sha256:" + HEX2],
            [("busybox", "latest"), ("example.com/bb", "<none>")],
        ),
    ],
)
def test_image_repository_and_tag(
    repo_tags: list[str], repo_digests: list[str], expected: list[tuple[str, str]]
) -> None:
    """Untagged images are <none>; a digest-only repository has tag <none>."""
    entry = image(repo_tags=repo_tags, repo_digests=repo_digests)

    _, rows = image_rows([entry], trunc=True)

    assert [(row[0], row[1]) for row in rows] == expected


def test_history_rows_human() -> None:
    """Default history: short ids, <missing> layers, relative times, sizes."""
    entries = [
        history(),
        history(
            id="<missing>",
            created_by="/bin/sh -c #(nop) ADD file:1a2b3c4d5e6f7a8b9c0d in / ",
            size=4_261_337,
        ),
        history(id="", size=1000, comment="imported"),
    ]

    header, rows = history_rows(entries, trunc=True, human=True)

    assert header == HISTORY_HEADER
    assert rows == [
        [HEX[:12], "5 days ago", '/bin/sh -c #(nop)  CMD ["sh"]', "0B", ""],
        [
            "<missing>",
            "5 days ago",
            "/bin/sh -c #(nop) ADD file:1a2b3c4d5e6f7a8b9…",
            "4.26MB",
            "",
        ],
        ["<missing>", "5 days ago", '/bin/sh -c #(nop)  CMD ["sh"]', "1kB", "imported"],
    ]


def test_history_rows_no_trunc() -> None:
    """--no-trunc keeps the full layer id and the whole CREATED BY."""
    created_by = "/bin/sh -c #(nop) ADD file:1a2b3c4d5e6f7a8b9c0d in / "

    _, rows = history_rows([history(created_by=created_by)], trunc=False, human=True)

    assert one_row(rows)[0] == "sha256:" + HEX
    assert one_row(rows)[2] == created_by


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("EST+05", "2023-11-14T17:13:20-05:00"),
        ("UTC", "2023-11-14T22:13:20Z"),
    ],
)
def test_history_not_human_uses_rfc3339_local_time(
    local_zone: Callable[[str], None], zone: str, expected: str
) -> None:
    """--human=false: Go's RFC 3339 in local time ("Z" for UTC), bytes as a number."""
    local_zone(zone)

    _, rows = history_rows([history(created=NOW, size=4_261_337)], True, False)

    assert one_row(rows)[1] == expected
    assert one_row(rows)[3] == "4261337"


@pytest.mark.parametrize(
    ("created", "expected"),
    [
        (0, ""),
        (946_684_800, ""),
        (946_684_801, "23 years ago"),
    ],
)
def test_history_hides_creation_times_before_2000(created: int, expected: str) -> None:
    """Reproducible-build times (2000-01-01 or before) show an empty CREATED."""
    _, rows = history_rows([history(created=created)], trunc=True, human=True)

    assert one_row(rows)[1] == expected


def test_history_created_by_tabs_become_spaces() -> None:
    """Tabs in CREATED BY are replaced by spaces, as docker does."""
    entry = history(created_by="RUN\tapk add\tcurl")

    _, rows = history_rows([entry], trunc=False, human=True)

    assert one_row(rows)[2] == "RUN apk add curl"
