"""Durations, sizes and ids, checked against go-units and docker's formatter.

Expected values are what github.com/docker/go-units (HumanDuration,
HumanSizeWithPrecision, BytesSize) and docker/cli's formatter.Ellipsis and
TruncateID return for the same input.
"""

from __future__ import annotations

import time

import pytest

from docker_cli.output.humanize import (
    bytes_size,
    ellipsis,
    human_duration,
    human_size,
    short_id,
    time_ago,
)

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
NOW = 1_700_000_000
HEX = "3f57d9401f8d42b6bd2d01a0c4bfa4cb8d6bdc9a1e2d1a0f0bd9e1c0f0a1b2c3"


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (-5, "Less than a second"),
        (0, "Less than a second"),
        (0.5, "Less than a second"),
        (0.999, "Less than a second"),
        (1, "1 second"),
        (1.9, "1 second"),
        (2, "2 seconds"),
        (47, "47 seconds"),
        (59, "59 seconds"),
        (59.9, "59 seconds"),
        (60, "About a minute"),
        (119, "About a minute"),
        (120, "2 minutes"),
        (35 * MINUTE + 40, "35 minutes"),
        (3599, "59 minutes"),
        (3600, "About an hour"),
        (HOUR + 29 * MINUTE, "About an hour"),
        (5399, "About an hour"),
        (5400, "2 hours"),
        (HOUR + 59 * MINUTE, "2 hours"),
        (3 * HOUR + 29 * MINUTE, "3 hours"),
        (3 * HOUR + 31 * MINUTE, "4 hours"),
        (24 * HOUR, "24 hours"),
        (47 * HOUR, "47 hours"),
        (47 * HOUR + 29 * MINUTE, "47 hours"),
        (47 * HOUR + 30 * MINUTE, "2 days"),
        (48 * HOUR, "2 days"),
        (7 * DAY, "7 days"),
        (13 * DAY, "13 days"),
        (13 * DAY + 23 * HOUR, "13 days"),
        (14 * DAY, "2 weeks"),
        (30 * DAY, "4 weeks"),
        (44 * DAY, "6 weeks"),
        (59 * DAY, "8 weeks"),
        (60 * DAY, "2 months"),
        (13 * 30 * DAY, "13 months"),
        (729 * DAY, "24 months"),
        # Go rounds the hours to pick the unit but truncates them to count
        # years, so just under 730 days it says "1 years".
        (729 * DAY + 23 * HOUR + 30 * MINUTE, "1 years"),
        (730 * DAY, "2 years"),
        (3 * 365 * DAY + 60 * DAY, "3 years"),
    ],
)
def test_human_duration_matches_go_units(seconds: float, expected: str) -> None:
    """human_duration gives go-units HumanDuration's words at each boundary."""
    assert human_duration(seconds) == expected


@pytest.mark.parametrize(
    ("timestamp", "expected"),
    [
        (NOW, "Less than a second ago"),
        (NOW - 300, "5 minutes ago"),
        (NOW - 2 * DAY, "2 days ago"),
        (NOW + 3600, "Less than a second ago"),
    ],
)
def test_time_ago_with_fixed_now(timestamp: float, expected: str) -> None:
    """time_ago is the duration from the timestamp to now, plus " ago"."""
    assert time_ago(timestamp, now=NOW) == expected


def test_time_ago_defaults_to_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without now, time_ago measures from the current time."""
    monkeypatch.setattr(time, "time", lambda: float(NOW))

    assert time_ago(NOW - 3 * HOUR) == "3 hours ago"


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "0B"),
        (1, "1B"),
        (999, "999B"),
        (1000, "1kB"),
        (1125, "1.12kB"),
        (1500, "1.5kB"),
        (999_499, "999kB"),
        (999_500, "1e+03kB"),
        (1_978_000, "1.98MB"),
        (4_261_337, "4.26MB"),
        (123_456_789, "123MB"),
        (7_200_000_000, "7.2GB"),
        (10**27, "1e+03YB"),
    ],
)
def test_human_size_matches_go_units_precision_3(size: int, expected: str) -> None:
    """human_size is go-units HumanSizeWithPrecision(size, 3), %g quirks included."""
    assert human_size(size) == expected


def test_human_size_other_precision() -> None:
    """The precision argument is the number of significant digits."""
    assert human_size(4_261_337, precision=4) == "4.261MB"


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "0B"),
        (1023, "1023B"),
        (1024, "1KiB"),
        (1536, "1.5KiB"),
        (16 * 2**20, "16MiB"),
        (int(23.54 * 2**30), "23.54GiB"),
        (2**40, "1TiB"),
    ],
)
def test_bytes_size_matches_go_units(size: int, expected: str) -> None:
    """bytes_size is go-units BytesSize: binary units, four significant digits."""
    assert bytes_size(size) == expected


@pytest.mark.parametrize(
    ("full_id", "expected"),
    [
        ("sha256:" + HEX, HEX[:12]),
        (HEX, HEX[:12]),
        ("3f57d9401f8d", "3f57d9401f8d"),
        ("abc", "abc"),
        ("<missing>", "<missing>"),
        ("", ""),
    ],
)
def test_short_id(full_id: str, expected: str) -> None:
    """short_id drops the algorithm prefix and keeps 12 characters at most."""
    assert short_id(full_id) == expected


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("hello", 20, "hello"),
        ("a" * 20, 20, "a" * 20),
        ("a" * 21, 20, "a" * 19 + "…"),
        ("/docker-entrypoint.sh nginx", 20, "/docker-entrypoint.…"),
        ("é" * 25, 20, "é" * 19 + "…"),
        # East Asian wide characters take two columns: docker's Ellipsis
        # counts display width, not characters.
        ("日本語" * 4, 20, "日本語日本語日本語…"),
        ("ab" + "日本" * 10, 20, "ab日本日本日本日本…"),
    ],
)
def test_ellipsis_matches_docker_formatter(
    text: str, width: int, expected: str
) -> None:
    """ellipsis cuts like docker's formatter.Ellipsis, ending in "…"."""
    assert ellipsis(text, width) == expected
