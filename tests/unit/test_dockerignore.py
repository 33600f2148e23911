""".dockerignore patterns: reading the file and matching context paths.

The examples follow docs.docker.com ".dockerignore files" and the syntax of
Go's filepath.Match, which that page names as the matching rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docker_cli.cli.dockerignore import (
    IgnoreMatcher,
    PatternError,
    escape,
    read_dockerignore,
)


def write_dockerignore(context: Path, content: str | bytes) -> None:
    data = content.encode() if isinstance(content, str) else content
    (context / ".dockerignore").write_bytes(data)


def test_no_dockerignore_means_no_patterns(tmp_path: Path) -> None:
    """A context without .dockerignore excludes nothing."""
    assert read_dockerignore(str(tmp_path)) == []


def test_comments_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    """Lines starting with # and lines that are blank after trimming are not
    patterns."""
    write_dockerignore(tmp_path, "# comment\n\n   \n*.log\n\t\n#*.md\n")
    assert read_dockerignore(str(tmp_path)) == ["*.log"]


def test_only_a_hash_in_column_one_starts_a_comment(tmp_path: Path) -> None:
    """The docs make a comment of a line with # in column 1 only."""
    write_dockerignore(tmp_path, "  #notes\n")
    assert read_dockerignore(str(tmp_path)) == ["#notes"]


def test_byte_order_mark_and_crlf_are_dropped(tmp_path: Path) -> None:
    """A UTF-8 byte order mark and Windows line ends are not part of a
    pattern."""
    write_dockerignore(tmp_path, b"\xef\xbb\xbf*.log\r\ntmp\r\n")
    assert read_dockerignore(str(tmp_path)) == ["*.log", "tmp"]


@pytest.mark.parametrize(
    ("line", "pattern"),
    [
        ("  *.log  ", "*.log"),
        ("/foo/bar", "foo/bar"),
        ("//foo", "foo"),
        ("./foo", "foo"),
        ("foo/", "foo"),
        ("foo//bar", "foo/bar"),
        ("foo/./bar", "foo/bar"),
        ("a/../b", "b"),
        ("/../a", "a"),
        ("../a", "../a"),
        ("!/docs/keep.md", "!docs/keep.md"),
        ("!docs/", "!docs"),
        ("\\*.txt", "\\*.txt"),
    ],
)
def test_patterns_are_cleaned(tmp_path: Path, line: str, pattern: str) -> None:
    """Patterns are trimmed, cleaned like Go's filepath.Clean and lose a
    leading slash; an exception keeps its !."""
    write_dockerignore(tmp_path, f"{line}\n")
    assert read_dockerignore(str(tmp_path)) == [pattern]


@pytest.mark.parametrize("line", ["/", ".", "./", "!/"])
def test_patterns_naming_the_root_are_dropped(tmp_path: Path, line: str) -> None:
    """A pattern that cleans to the context root itself names no entry."""
    write_dockerignore(tmp_path, f"{line}\n")
    assert read_dockerignore(str(tmp_path)) == []


def test_bare_exclamation_mark_is_refused(tmp_path: Path) -> None:
    """A lone ! is an exception to nothing, which docker refuses."""
    write_dockerignore(tmp_path, "*.log\n!\n")
    with pytest.raises(PatternError, match='illegal exclusion pattern: "!"'):
        read_dockerignore(str(tmp_path))


@pytest.mark.parametrize(
    ("patterns", "path", "excluded"),
    [
        # The example file of the docs.
        (["*/temp*"], "somedir/temporary.txt", True),
        (["*/temp*"], "somedir/temp", True),
        (["*/temp*"], "temp", False),
        (["*/temp*"], "a/b/temp", False),
        (["*/*/temp*"], "somedir/subdir/temporary.txt", True),
        (["*/*/temp*"], "somedir/temporary.txt", False),
        (["temp?"], "tempa", True),
        (["temp?"], "tempb", True),
        (["temp?"], "temp", False),
        (["temp?"], "tempab", False),
        (["temp?"], "dir/tempa", False),
        (["**/*.go"], "main.go", True),
        (["**/*.go"], "cmd/tool/main.go", True),
        (["**/*.go"], "main.golang", False),
        # Exceptions, and the last matching line deciding.
        (["*.md", "!README.md"], "README.md", False),
        (["*.md", "!README.md"], "CHANGES.md", True),
        (["*.md", "!README.md"], "docs/guide.md", False),
        (["*.md", "!README*.md", "README-secret.md"], "README-secret.md", True),
        (["*.md", "!README*.md", "README-secret.md"], "README-public.md", False),
        (["*.md", "README-secret.md", "!README*.md"], "README-secret.md", False),
        (["*", "!src"], "src", False),
        (["*", "!src"], "src/main.c", False),
        (["*", "!src"], "Makefile", True),
        (["!a.txt", "a.txt"], "a.txt", True),
        # Patterns from the brief.
        (["*.log"], "build.log", True),
        (["*.log"], "logs/build.log", False),
        (["**/*.tmp"], "a.tmp", True),
        (["**/*.tmp"], "a/b/c.tmp", True),
        (["**/*.tmp"], "a/b/c.tmpl", False),
        (["docs/**"], "docs", False),
        (["docs/**"], "docs/a.md", True),
        (["docs/**"], "docs/a/b.md", True),
        (["docs/**", "!docs/keep.md"], "docs/keep.md", False),
        (["docs/**", "!docs/keep.md"], "docs/other.md", True),
        (["docs", "!docs/keep.md"], "docs/keep.md", False),
        (["docs", "!docs/keep.md"], "docs/sub/keep.md", True),
        (["docs", "!docs/sub"], "docs/sub/deep/file", False),
        (["/foo/bar"], "foo/bar", True),
        (["/foo/bar"], "x/foo/bar", False),
        (["dir/"], "dir", True),
        (["dir/"], "dir/file", True),
        (["dir/"], "dirt", False),
        (["node_modules"], "node_modules/pkg/index.js", True),
        (["a/**/b"], "a/b", True),
        (["a/**/b"], "a/x/b", True),
        (["a/**/b"], "a/x/y/b", True),
        (["a/**/b"], "b", False),
        (["**"], "any/path/at/all", True),
        (["a**"], "abc", True),
        (["a**"], "b/abc", False),
        # Go's filepath.Match terms.
        (["*.txt"], "a/b.txt", False),
        (["*"], ".hidden", True),
        (["?.txt"], "é.txt", True),
        (["?.txt"], "ab.txt", False),
        (["[a-c].txt"], "b.txt", True),
        (["[a-c].txt"], "d.txt", False),
        (["[a-cx].txt"], "x.txt", True),
        (["[^a].txt"], "b.txt", True),
        (["[^a].txt"], "a.txt", False),
        (["[!a].txt"], "!.txt", True),
        (["[!a].txt"], "b.txt", False),
        (["[\\]].txt"], "].txt", True),
        (["[\\-].txt"], "-.txt", True),
        (["\\*.txt"], "*.txt", True),
        (["\\*.txt"], "a.txt", False),
        (["\\?"], "?", True),
        (["\\?"], "a", False),
        (["\\[a]"], "[a]", True),
        (["a\\/b"], "a/b", True),
        (["]"], "]", True),
    ],
)
def test_pattern_matrix(patterns: list[str], path: str, excluded: bool) -> None:
    """Each pattern excludes what docker's rules say it excludes."""
    assert IgnoreMatcher(patterns).matches(path) is excluded


@pytest.mark.parametrize("path", ["/docs/a.md", "./docs/a.md", "docs//a.md"])
def test_paths_are_cleaned_before_matching(path: str) -> None:
    """A path names the same entry however it is spelled."""
    assert IgnoreMatcher(["docs/*.md"]).matches(path)


@pytest.mark.parametrize("path", ["", ".", "/"])
def test_the_root_itself_is_never_excluded(path: str) -> None:
    """The context root is not an entry, so nothing excludes it."""
    assert not IgnoreMatcher(["**", "*"]).matches(path)


@pytest.mark.parametrize(
    "pattern",
    ["[", "[a", "[]", "[]a]", "[^]", "[-a]", "[a-]", "[z-a]", "a\\", "[a\\"],
)
def test_malformed_patterns_are_refused(pattern: str) -> None:
    """A pattern Go's filepath.Match calls malformed is refused at once."""
    with pytest.raises(PatternError, match="syntax error in pattern"):
        IgnoreMatcher([pattern])


@pytest.mark.parametrize(
    ("patterns", "directory", "skip"),
    [
        (["docs"], "docs", True),
        (["docs"], "src", False),
        (["docs/**"], "docs", False),
        (["docs", "!docs/keep.md"], "docs", False),
        (["docs", "!docs/sub/keep.md"], "docs/sub", False),
        (["docs", "!docs/sub/keep.md"], "docs/other", True),
        (["docs", "!other"], "docs", True),
        (["docs", "!**/keep"], "docs", False),
        (["docs", "!d*/keep"], "docs", False),
        (["docs", "!docs"], "docs", False),
        (["*", "!src/*.c"], "src", False),
        (["*", "!src/*.c"], "lib", True),
        (["*", "!*/*.c"], "lib", False),
    ],
)
def test_can_skip(patterns: list[str], directory: str, skip: bool) -> None:
    """A walker may leave out an excluded directory only when no exception
    could bring back something inside it."""
    assert IgnoreMatcher(patterns).can_skip(directory) is skip


@pytest.mark.parametrize("name", ["we[ir]d*?.txt", "back\\slash", "!bang"])
def test_escape_matches_only_the_literal_name(name: str) -> None:
    """An escaped name matches itself, its wildcards taken literally."""
    matcher = IgnoreMatcher([escape(name)])
    assert matcher.matches(name)
    assert not matcher.matches("weird.txt")


def test_an_escaped_exception_keeps_one_file(tmp_path: Path) -> None:
    """An exception built with escape re-includes just that file."""
    matcher = IgnoreMatcher(["*", f"!{escape('Docker[file]')}"])
    assert not matcher.matches("Docker[file]")
    assert matcher.matches("Dockerf")
