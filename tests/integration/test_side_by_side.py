"""dkr and the Go docker CLI, run on the same engine state, say the same thing.

Each case runs the Go CLI, then dkr: dkr passes when its exit status, stdout
and stderr match byte for byte. Others may use the engine meanwhile
(containers come and go, "3 seconds ago" turns into "4 seconds ago"), so on
a mismatch the Go CLI runs again, and dkr also passes if it matches that.
If the two Go runs differ, dkr passes when, with durations and info's
container counts masked, it shows every row that both show, in their order,
and no row that neither shows; if not, the case is tried again.

Ids are not masked: both CLIs read the same objects, so a differing id is a
bug, not noise.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Engine, Result, Runner

ATTEMPTS = 4
# go-units HumanDuration, which docker uses in the CREATED and STATUS columns.
DURATION = re.compile(
    r"Less than a second"
    r"|About an? (?:minute|hour)"
    r"|\d+ (?:second|minute|hour|day|week|month|year)s?"
)
# The counts in ``info`` that move whenever anyone creates a container.
COUNT = re.compile(r"^( +(?:Containers|Running|Paused|Stopped|Images): )\d+$")
# A table's column headings: words joined by single spaces ("CONTAINER ID").
HEADING = re.compile(r"\S+(?: \S+)*")
TABLE_HEADER = re.compile(r"[A-Z][A-Z ]*[A-Z]")

# A command template; {name} fields come from the scene.
CASES = [
    "images --digests {image}",
    "ps",
    "ps -a",
    "ps -a --no-trunc",
    "ps -aq",
    "ps -a -s",
    "ps -a --filter status=exited",
    "ps -a -f name={prefix}-",
    "ps -a --filter label={label}",
    "ps -a -f name={zero} -f name={three}",
    "ps -a --filter status=created --filter label={label}",
    "ps -a --filter exited=3 --filter label={label}",
    "ps -a -s --no-trunc --filter label={label}",
    "ps -n 2 --filter label={label}",
    "ps -l --filter label={label}",
    "images",
    "images -a",
    "images -q",
    "images --no-trunc",
    "images -q --no-trunc",
    "images {repository}",
    "images {image}",
    "history {image}",
    "history --no-trunc {image}",
    "history -q {image}",
    "inspect {zero} {image}",
    "inspect --type image {image}",
    "inspect -s {three}",
    "inspect nope",
    "inspect {zero} nope",
    "diff {zero}",
    "logs {zero}",
    "logs -t {zero}",
    "logs --tail 1 {zero}",
    "wait {zero} {three}",
    "rm nope",
    "rmi nope",
    "rm -f nope",
    "rmi -f nope",
    "start nope",
    "stop nope",
    "kill nope",
    "wait nope",
    "logs nope",
    "diff nope",
    "export nope",
    "history nope",
    "commit nope",
    "tag nope {repository}-nope:v1",
    "pull {repository}:nosuchtag",
    "inspect --type container {image}",
    "ps --filter bogus=1",
    "ps -n x",
    "ps --bogus",
    "--bogus ps",
    "rm",
    "logs a b",
    "tag",
    "info",
    "version",
]


@pytest.fixture(scope="module")
def scene(engine: Engine, go_docker: Runner) -> Iterator[dict[str, str]]:
    """Labelled containers: exited 0 (with output and a new file), exited 3,
    only created, and running ``sleep 300``; removed after the module."""
    token = secrets.token_hex(4)
    prefix, label = f"dkrtest-{token}", f"dkr.test={token}"
    containers = {
        "zero": (["run"], ["sh", "-c", "echo out; echo err >&2; touch /newfile"]),
        "three": (["run"], ["sh", "-c", "exit 3"]),
        "created": (["create"], ["true"]),
        "up": (["run", "-d"], ["sleep", "300"]),
    }
    try:
        for role, (verb, command) in containers.items():
            name = f"{prefix}-{role}"
            go_docker(*verb, "--name", name, "-l", label, engine.image, *command)
        yield {
            "prefix": prefix,
            "label": label,
            "image": engine.image,
            "repository": engine.image.removesuffix(":latest"),
            **{role: f"{prefix}-{role}" for role in containers},
        }
    finally:
        listed = go_docker("ps", "-aq", "--filter", f"label={label}")
        go_docker("rm", "-f", *listed.stdout.decode().split())


def _as_dkr(stderr: bytes) -> str:
    """docker's stderr as dkr words it: its own name where docker says docker."""
    return re.sub(r"\bdocker\b", "dkr", stderr.decode())


def _comparable(args: list[str], stdout: bytes) -> str:
    """The part of stdout that both CLIs must print alike."""
    text = stdout.decode()
    if args[0] == "version":
        # On purpose: the Client section describes dkr itself (its version,
        # Python version, no Git commit or build date), so only the Server
        # section must agree.
        _, heading, server = text.partition("\nServer:")
        return heading + server
    if args[0] == "info":
        # On purpose: the Client section's Version line is dkr's own version.
        client, _, server = text.partition("\nServer:")
        client = re.sub(r"(?m)^( Version: +).*$", r"\1<client>", client)
        return f"{client}\nServer:{server}"
    return text


def _rows(text: str) -> list[tuple[str, ...]]:
    """``text`` with durations (and info's counts) masked, as rows: a table's
    rows of cells (cut where its header's columns start, so that a width
    changed by a masked cell does not count), or else its lines."""
    lines = text.splitlines()
    if not lines or not TABLE_HEADER.fullmatch(lines[0]):
        lines = [COUNT.sub(r"\1<count>", line) for line in lines]
        return [(DURATION.sub("<duration>", line),) for line in lines]

    starts = [m.start() for m in HEADING.finditer(lines[0])]
    bounds = list(zip(starts, [*starts[1:], None], strict=True))
    return [
        tuple(DURATION.sub("<duration>", line[a:b].strip()) for a, b in bounds)
        for line in lines
    ]


View = tuple[int, str, str]


def _view(args: list[str], result: Result, own: bool) -> View:
    """Exit status, comparable stdout, and stderr (in dkr's words)."""
    stderr = result.stderr.decode() if own else _as_dkr(result.stderr)
    return (result.returncode, _comparable(args, result.stdout), stderr)


def _assert_between(actual: View, before: View, after: View) -> None:
    """dkr's output fits an engine that changed between two Go runs: every
    row both Go runs show, dkr shows in the same order, and it shows no row
    that neither of them shows."""
    assert (actual[0], actual[2]) == (after[0], after[2])
    old, new, ours = _rows(before[1]), _rows(after[1]), _rows(actual[1])
    stable = [row for row in old if row in new]
    mine = [row for row in ours if row in stable]
    if stable == [row for row in new if row in old]:
        assert mine == stable
    else:
        # The two Go runs order these rows differently (the daemon lists
        # images created in the same second in no fixed order): only the
        # rows themselves can be compared.
        assert sorted(mine) == sorted(stable)
    assert [row for row in ours if row not in old and row not in new] == []


def _fits_between(actual: View, before: View, after: View) -> bool:
    try:
        _assert_between(actual, before, after)
    except AssertionError:
        return False
    return True


@pytest.mark.parametrize("template", CASES)
def test_dkr_prints_what_docker_prints(
    docker: Runner, dkr: Runner, scene: dict[str, str], template: str
) -> None:
    """Same exit status, same stderr (dkr for docker), same stdout as docker."""
    args = [word.format(**scene) for word in template.split()]

    for _ in range(ATTEMPTS):
        before = _view(args, docker(*args), False)
        actual = _view(args, dkr(*args), True)
        if actual == before:
            return
        after = _view(args, docker(*args), False)
        if actual == after:
            return
        if after == before:
            break  # the engine kept still, and dkr differs
        if _fits_between(actual, before, after):
            return

    if after == before:
        assert actual == after
    else:
        # The engine never kept still: compare what stayed put.
        _assert_between(actual, before, after)
