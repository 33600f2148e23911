"""Tables laid out byte for byte as docker's tabwriter(10, 1, 3, ' ', 0) does.

docker/cli writes tables through its fork of text/tabwriter
(cli/command/formatter/tabwriter), which measures cells with
go-runewidth: an East Asian wide character is two columns.
"""

from __future__ import annotations

import pytest

from docker_cli.output.lists import CONTAINER_HEADER, IMAGE_HEADER
from docker_cli.output.table import render_table


def test_empty_ps_is_exactly_dockers_header() -> None:
    """With no rows, the ps header is the line docker prints."""
    expected = (
        "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n"
    )

    assert render_table(CONTAINER_HEADER, []) == expected


def test_empty_images_is_exactly_dockers_header() -> None:
    """With no rows, the images header is the line docker prints."""
    expected = "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n"

    assert render_table(IMAGE_HEADER, []) == expected


def test_ps_row_widens_columns_to_the_longest_cell_plus_three() -> None:
    """Each column is its widest cell plus 3 spaces, but never under 10."""
    row = [
        "4c01db0b339c",
        "nginx",
        '"/docker-entrypoint.…"',
        "2 minutes ago",
        "Up 2 minutes",
        "80/tcp",
        "web",
    ]
    expected = (
        "CONTAINER ID   IMAGE     COMMAND                  CREATED         "
        "STATUS         PORTS     NAMES\n"
        '4c01db0b339c   nginx     "/docker-entrypoint.…"   2 minutes ago   '
        "Up 2 minutes   80/tcp    web\n"
    )

    assert render_table(CONTAINER_HEADER, [row]) == expected


@pytest.mark.parametrize(
    ("header", "rows", "expected"),
    [
        (["A", "B"], [["x", ""]], "A         B\nx         \n"),
        (
            ["A", "B", "C"],
            [["x", "", "z"]],
            "A         B         C\nx                   z\n",
        ),
        (
            ["A", "B", "C"],
            [["", "", ""]],
            "A         B         C\n                    \n",
        ),
    ],
)
def test_empty_cells_are_padded_and_last_cell_is_not(
    header: list[str], rows: list[list[str]], expected: str
) -> None:
    """An empty cell is padded to its column; the last column never is."""
    assert render_table(header, rows) == expected


def test_a_wide_cell_widens_its_column_on_every_line() -> None:
    """One long cell moves the next column on the header and every row."""
    rows = [["short", "1"], ["a-much-longer-repository-name", "2"]]
    # The long name is 29 characters, so the column is 32 wide.
    lines = [
        "REPOSITORY" + " " * 22 + "TAG",
        "short" + " " * 27 + "1",
        "a-much-longer-repository-name" + " " * 3 + "2",
    ]

    assert render_table(["REPOSITORY", "TAG"], rows) == "\n".join(lines) + "\n"


def test_long_last_column_does_not_move_anything() -> None:
    """The last column is not aligned, so its width changes no other line."""
    rows = [["x", "a very long last cell indeed"]]

    assert render_table(["A", "B"], rows) == (
        "A         B\nx         a very long last cell indeed\n"
    )


def test_single_column_table_is_not_padded() -> None:
    """With one column every cell is the last one and stays as it is."""
    assert render_table(["IMAGE ID"], [["abc"], ["d"]]) == "IMAGE ID\nabc\nd\n"


def test_wide_characters_count_two_columns() -> None:
    """A CJK cell is measured in display columns, as docker's tabwriter does."""
    rows = [["日本語日本語", "Up"]]
    expected = "NAME" + " " * 11 + "STATUS\n" + "日本語日本語" + " " * 3 + "Up\n"

    assert render_table(["NAME", "STATUS"], rows) == expected
