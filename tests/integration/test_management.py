"""docker's long command forms (container ls, image rm, ...) in dkr."""

from __future__ import annotations

import pytest
from conftest import Runner


@pytest.mark.parametrize(
    ("long_form", "short_form"),
    [
        (
            ["container", "ls", "-a", "--format", "{{.ID}}"],
            ["ps", "-a", "--format", "{{.ID}}"],
        ),
        (["image", "ls", "--format", "{{.ID}}"], ["images", "--format", "{{.ID}}"]),
        (["container", "rm", "nope"], ["rm", "nope"]),
        (["image", "rm", "-f", "nope"], ["rmi", "-f", "nope"]),
    ],
)
def test_long_form_is_the_short_one(
    dkr: Runner, long_form: list[str], short_form: list[str]
) -> None:
    """Each long form prints what its short form prints, with its status."""
    long_result, short_result = dkr(*long_form), dkr(*short_form)

    assert long_result.returncode == short_result.returncode
    assert (long_result.stdout, long_result.stderr) == (
        short_result.stdout,
        short_result.stderr,
    )


def test_container_ls_lists_like_ps(dkr: Runner, name: str, pulled_image: str) -> None:
    """container ls shows the same rows as ps."""
    dkr("create", "--name", name, pulled_image, "true")
    # No CREATED column: its "N seconds ago" may tick between the two runs.
    flags = ["-a", "--filter", f"name={name}", "--format", "{{.ID}} {{.Names}}"]

    long_result, short_result = dkr("container", "ls", *flags), dkr("ps", *flags)

    assert long_result.returncode == 0
    assert long_result.stdout == short_result.stdout
    assert name.encode() in long_result.stdout


def test_usage_names_the_long_form(dkr: Runner, docker: Runner) -> None:
    """A bad flag's usage line names the command as typed, like docker's."""
    ours = dkr("container", "ls", "--bogus")
    theirs = docker("container", "ls", "--bogus")

    assert ours.returncode == theirs.returncode == 125
    assert ours.stderr == theirs.stderr.replace(b"docker", b"dkr")


def test_unknown_sub_command(dkr: Runner) -> None:
    """An unknown sub-command of a group is reported with status 1."""
    result = dkr("container", "frobnicate")

    assert result.returncode == 1
    assert result.stderr.startswith(b"dkr: unknown command: dkr container frobnicate")
