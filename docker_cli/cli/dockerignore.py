"""The .dockerignore file: reading its patterns and matching context paths.

The rules are those of docs.docker.com ".dockerignore files": Go's
filepath.Match per path segment, plus ``**`` for any number of directories,
``!`` for exceptions, and the last matching line deciding.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Final, NamedTuple

DOCKERIGNORE: Final = ".dockerignore"

# A path segment that is exactly "**" matches any number of segments.
_GLOBSTAR: Final = "**"


class PatternError(ValueError):
    """A .dockerignore line that docker would refuse."""


_Segment = re.Pattern[str] | str


class _Pattern(NamedTuple):
    segments: tuple[_Segment, ...]
    exception: bool


def read_dockerignore(context_dir: str) -> list[str]:
    """The patterns of the context's .dockerignore, cleaned; [] without one.

    Raises OSError when the file exists but cannot be read, and PatternError
    for a bare ``!``.
    """
    path = os.path.join(context_dir, DOCKERIGNORE)
    try:
        with open(path, "rb") as file:
            content = file.read()
    except FileNotFoundError:
        return []

    patterns = []
    for line in content.removeprefix(b"\xef\xbb\xbf").split(b"\n"):
        pattern = _pattern_from_line(os.fsdecode(line.rstrip(b"\r")))
        if pattern is not None:
            patterns.append(pattern)
    return patterns


def escape(path: str) -> str:
    """A pattern matching exactly this path: wildcards and ! taken literally."""
    return re.sub(r"([!*?\[\\])", r"\\\1", path)


class IgnoreMatcher:
    """Decides which context paths the .dockerignore patterns exclude."""

    def __init__(self, patterns: Iterable[str]) -> None:
        """Compile the patterns; raises PatternError for a malformed one."""
        compiled = (_compile(pattern) for pattern in patterns)
        self._patterns = [pattern for pattern in compiled if pattern.segments]
        self._exceptions = [p for p in self._patterns if p.exception]

    def matches(self, path: str) -> bool:
        """Whether the context-relative path is excluded from the context."""
        segments = _split(path)
        if not segments:
            return False

        # The last pattern matching the path, or one of its parents, decides.
        for pattern in reversed(self._patterns):
            if _matches_or_parent(pattern.segments, segments):
                return not pattern.exception
        return False

    def can_skip(self, directory: str) -> bool:
        """Whether a walker may leave this directory out without looking
        inside: it is excluded and no exception could re-include anything
        below it."""
        if not self.matches(directory):
            return False
        segments = _split(directory)
        return not any(
            _may_match_below(pattern.segments, segments) for pattern in self._exceptions
        )


def _pattern_from_line(line: str) -> str | None:
    # The docs make only a "#" in column 1 a comment, so it is checked before
    # the whitespace is trimmed.
    if line.startswith("#"):
        return None
    line = line.strip()
    if not line:
        return None

    exception, body = _split_exception(line)
    cleaned = _clean(body)
    if cleaned == ".":
        return None
    return f"!{cleaned}" if exception else cleaned


def _split_exception(pattern: str) -> tuple[bool, str]:
    if not pattern.startswith("!"):
        return False, pattern
    if pattern == "!":
        raise PatternError('illegal exclusion pattern: "!"')
    return True, pattern[1:]


def _clean(path: str) -> str:
    """Go's filepath.Clean, then the leading "/" dropped: the context root is
    the root of every pattern."""
    kept: list[str] = []
    for segment in path.split("/"):
        if segment == ".." and kept and kept[-1] != "..":
            kept.pop()
        elif segment == ".." and path.startswith("/"):
            continue
        elif segment not in ("", "."):
            kept.append(segment)
    return "/".join(kept) or "."


def _split(path: str) -> list[str]:
    cleaned = _clean(path)
    return [] if cleaned in (".", "..") else cleaned.split("/")


def _compile(pattern: str) -> _Pattern:
    exception, body = _split_exception(pattern)
    cleaned = _clean(body)
    if cleaned == ".":
        return _Pattern((), exception)

    # Go's Match takes "\/" for "/", so an escaped slash still separates.
    segments = cleaned.replace("\\/", "/").split("/")
    compiled = tuple(_compile_segment(segment) for segment in segments)
    return _Pattern(compiled, exception)


def _compile_segment(segment: str) -> _Segment:
    if segment == _GLOBSTAR:
        return _GLOBSTAR
    parts = []
    index = 0
    while index < len(segment):
        part, index = _glob_term(segment, index)
        parts.append(part)
    return re.compile("".join(parts), re.DOTALL)


def _glob_term(segment: str, index: int) -> tuple[str, int]:
    """One term of Go's filepath.Match syntax as a regex, and where the next
    term starts. A "**" inside a segment is two "*" there."""
    char = segment[index]
    if char == "*":
        while segment.startswith("*", index):
            index += 1
        return ".*", index
    if char == "?":
        return ".", index + 1
    if char == "[":
        return _glob_class(segment, index + 1)
    literal, index = _class_char(segment, index, in_class=False)
    return re.escape(literal), index


def _glob_class(segment: str, index: int) -> tuple[str, int]:
    negated = segment.startswith("^", index)
    index += negated
    ranges: list[str] = []
    while not (ranges and segment.startswith("]", index)):
        low, index = _class_char(segment, index, in_class=True)
        high = low
        if segment.startswith("-", index):
            high, index = _class_char(segment, index + 1, in_class=True)
        # Go's Match lets a backwards range match nothing, but docker turns
        # patterns into regular expressions, which refuse one.
        if low > high:
            raise PatternError("syntax error in pattern")
        ranges.append(f"{re.escape(low)}-{re.escape(high)}")
    return f"[{'^' if negated else ''}{''.join(ranges)}]", index + 1


def _class_char(segment: str, index: int, in_class: bool) -> tuple[str, int]:
    """The character at index, following a backslash escape."""
    if index >= len(segment):
        raise PatternError("syntax error in pattern")
    char = segment[index]
    if in_class and char in "-]":
        raise PatternError("syntax error in pattern")
    if char != "\\":
        return char, index + 1
    if index + 1 >= len(segment):
        raise PatternError("syntax error in pattern")
    return segment[index + 1], index + 2


def _advance(pattern: tuple[_Segment, ...], states: set[int], name: str) -> set[int]:
    """The pattern positions reachable after matching one more path segment.

    A position is the index of the next pattern segment to match; a "**"
    stays in place to take more segments or moves on.
    """
    reached = set()
    for state in states:
        segment = pattern[state]
        if segment == _GLOBSTAR:
            reached |= {state, state + 1}
        elif isinstance(segment, re.Pattern) and segment.fullmatch(name):
            reached.add(state + 1)
    return _skip_globstars(pattern, reached)


def _skip_globstars(pattern: tuple[_Segment, ...], states: set[int]) -> set[int]:
    # A "**" followed by more segments may match no directory at all; a
    # trailing one needs at least one segment, so "docs/**" is what is
    # inside docs, not docs itself.
    closed = set(states)
    for state in states:
        while state < len(pattern) - 1 and pattern[state] == _GLOBSTAR:
            state += 1
            closed.add(state)
    return closed


def _matches_or_parent(pattern: tuple[_Segment, ...], path: list[str]) -> bool:
    """Whether the pattern matches the path or one of its parent directories:
    excluding a directory excludes everything below it."""
    states = _skip_globstars(pattern, {0})
    for name in path:
        states = _advance(pattern, states, name)
        if len(pattern) in states:
            return True
        if not states:
            return False
    return False


def _may_match_below(pattern: tuple[_Segment, ...], directory: list[str]) -> bool:
    """Whether the pattern could match something inside the directory."""
    states = _skip_globstars(pattern, {0})
    for name in directory:
        states = _advance(pattern, states, name)
        if len(pattern) in states:
            return True
    return bool(states)
