"""Durations, sizes and ids as the docker CLI prints them."""

from __future__ import annotations

import time

_DECIMAL_UNITS = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]


def short_id(full_id: str) -> str:
    """The 12-character id docker shows, without any ``sha256:`` prefix."""
    return full_id.split(":", 1)[-1][:12]


def human_size(size: float, precision: int = 3) -> str:
    """Decimal units with ``precision`` significant digits: ``4.26MB``."""
    unit = 0
    while size >= 1000 and unit < len(_DECIMAL_UNITS) - 1:
        size /= 1000
        unit += 1
    return f"{size:.{precision}g}{_DECIMAL_UNITS[unit]}"


def human_duration(seconds: float) -> str:
    """``About a minute``, ``5 hours``, ``3 weeks``: the docker wording."""
    if seconds < 1:
        return "Less than a second"
    if seconds < 2:
        return "1 second"
    if seconds < 60:
        return f"{int(seconds)} seconds"
    minutes = int(seconds / 60)
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    return _human_hours(int(seconds / 3600 + 0.5), seconds)


def _human_hours(hours: int, seconds: float) -> str:
    # hours is rounded to the nearest hour, as Go's Duration.Round does.
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    if hours < 24 * 7 * 2:
        return f"{hours // 24} days"
    if hours < 24 * 30 * 2:
        return f"{hours // 24 // 7} weeks"
    if hours < 24 * 365 * 2:
        return f"{hours // 24 // 30} months"
    return f"{int(seconds / 3600) // 24 // 365} years"


def time_ago(timestamp: float, now: float | None = None) -> str:
    """``2 minutes ago`` for a unix timestamp."""
    elapsed = (time.time() if now is None else now) - timestamp
    return human_duration(max(elapsed, 0)) + " ago"


def display_width(text: str) -> int:
    """Terminal columns text takes: East Asian wide characters take two,
    combining marks none, as docker measures with go-runewidth."""
    if text.isascii():
        return len(text)
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    import unicodedata

    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def ellipsis(text: str, width: int) -> str:
    """Cut text to ``width`` columns, ending in ``…`` when cut."""
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += _char_width(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


_BINARY_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]


def bytes_size(size: float) -> str:
    """Binary units with four significant digits: ``23.54GiB``."""
    unit = 0
    while size >= 1024 and unit < len(_BINARY_UNITS) - 1:
        size /= 1024
        unit += 1
    return f"{size:.4g}{_BINARY_UNITS[unit]}"
