"""``--format`` in dkr and in the Go docker CLI, run on the same engine state.

Each case runs the Go CLI, then dkr, with one format string: dkr passes when
its exit status, stdout and stderr (dkr where docker says docker) match.
"3 seconds ago" may turn into "4 seconds ago" between the runs, so on a
mismatch the Go CLI runs again and dkr also passes if it matches that run;
if durations ticked on every attempt, the outputs are compared with the
durations (and the padding a changed width moves) masked. Ids are never
masked: both CLIs read the same objects.
"""

from __future__ import annotations

import re
import secrets
import shlex
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.integration.test_side_by_side import ATTEMPTS, DURATION, _as_dkr

if TYPE_CHECKING:
    from _pytest.mark import ParameterSet

    from tests.integration.conftest import Engine, Result, Runner

# Padding in a table, which moves when a masked duration changes width.
PADDING = re.compile(" {2,}")
# In a command, the word that stands for the format string under test.
FORMAT = "FORMAT"

PS = "ps -a --filter label={label} --format FORMAT"
PS_NONE = "ps -a --filter label={label}-none --format FORMAT"
# A container whose labels need escaping in JSON: kept out of the main rows.
PS_ODD = "ps -a --filter label={odd_label} --format FORMAT"
IMAGES = "images {busybox} --format FORMAT"
TAGGED_IMAGES = "images {repository} --format FORMAT"
IMAGES_NONE = "images {repository}-none --format FORMAT"
HISTORY = "history {busybox} --format FORMAT"
INSPECT = "inspect -f FORMAT {up}"
INSPECT_IMAGE = "inspect -f FORMAT {tagged}"
VERSION = "version -f FORMAT"
INFO = "info -f FORMAT"

PS_FORMATS = [
    "{{.ID}}",
    "{{.Names}}",
    "{{.Image}}",
    "{{.Command}}",
    "{{.Status}}",
    "{{.State}}",
    "{{.Labels}}",
    '{{.Label "a"}}',
    "{{.Ports}}",
    "{{.Networks}}",
    "{{.Mounts}}",
    "{{.Size}}",
    "{{.CreatedAt}}",
    "{{json .}}",
    "json",
    "table",
    r"table {{.ID}}\t{{.Names}}",
    r'table {{.Names}}\t{{.Status}}\t{{.Label "a"}}',
    # docker's header for a label is the last dotted part of its name.
    r'table {{.Names}}\t{{.Label "dkr.test"}}',
    # Cells measured in display columns: a CJK character takes two.
    r'table {{.Label "wide"}}\t{{.Names}}',
    r"table {{.Names}}\t{{.LocalVolumes}}\t{{.Mounts}}",
    # A line without a tab ends tabwriter's column block.
    r"table {{.Names}}\t{{.State}}\n{{.ID}}",
    # Only a format that starts with "table" is a table, only "json" is json.
    " table {{.Names}}",
    " table",
    "table ",
    " json",
    "json ",
    r"{{.Names}}\t{{.State}}",
    r"{{.ID}}\n",
    r'{{.Names}}{{"\n"}}',
    "{{upper .Names}}",
    "{{title .State}}",
    '{{split .Image ":"}}',
    '{{join (split .Image "/") "+"}}',
    "{{truncate .Names 3}}",
    "{{pad .Names 2 3}}|",
    '{{printf "%-12s|" .Names}}',
    '{{if eq .State "running"}}up{{else}}down{{end}}',
    "{{len .Names}}",
    "{{println .Names}}",
    "{{.Nope}}",
    "{{foo}}",
    "{{.Names",
    "{{json}}",
]
IMAGES_FORMATS = [
    "{{.Repository}}:{{.Tag}}",
    "{{.ID}}",
    "{{.Size}}",
    "{{.VirtualSize}}",
    "{{.CreatedAt}}",
    "{{.Digest}}",
    "{{json .}}",
    "json",
    "table",
    r"table {{.Repository}}\t{{.Tag}}\t{{.Size}}",
    "{{.Nope}}",
    "{{foo}}",
]
HISTORY_FORMATS = [
    "{{.ID}} {{.CreatedBy}} {{.Size}} {{.Comment}}",
    "json",
    r"table {{.ID}}\t{{.Size}}",
    "{{.Nope}}",
]
INSPECT_FORMATS = [
    "{{.Name}}",
    "{{.State.Running}}",
    "{{.Config.Image}}",
    "{{json .Config.Labels}}",
    '{{index .Config.Labels "a"}}',
    "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
    "{{range .Mounts}}{{.Destination}}{{end}}",
    "{{len .Args}}",
    "{{.Foo}}",
    "{{.Name",
    "{{foo}}",
    # inspect takes the format as it is: no \t or \n escapes, no table.
    r"{{.Name}}\t{{.Id}}\n",
    r'{{"\n"}}',
    "table {{.Name}}",
    "json",
    # docker runs the template over its Go structs, not the JSON reply.
    "{{.State}}",
    "{{.Config.Env}}",
    "{{.SizeRw}}",
]
INSPECT_IMAGE_FORMATS = [
    "{{.Id}}",
    "{{.Config.Cmd}}",
    "{{json .RootFS}}",
]
# Only the server's part: the client's version fields describe dkr itself.
VERSION_FORMATS = [
    "{{.Server.Version}}",
    "{{.Server.APIVersion}}",
    # docker's field is APIVersion; ApiVersion is only its JSON name.
    "{{.Server.ApiVersion}}",
    "{{.Server.MinAPIVersion}}",
    "{{.Server.Os}}/{{.Server.Arch}}",
    "{{.Server.Experimental}}",
    "{{range .Server.Components}}{{.Name}} {{.Version}};{{end}}",
    "{{json .Server}}",
    # The API version both sides settled on, not a version of the client.
    "{{.Client.APIVersion}}",
    "{{.Nope}}",
]
INFO_FORMATS = [
    "{{.ServerVersion}}",
    "{{.Driver}}",
    "{{json .Plugins}}",
    "{{.NCPU}}",
    "{{.OSType}}/{{.Architecture}}",
    "{{json .RegistryConfig}}",
    "{{.Plugins}}",
    "{{.Warnings}}",
    "{{.Nope}}",
]


GO_TYPES = (
    "docker runs these templates over its own Go types (struct printing, "
    "empty slices, field names such as APIVersion); dkr runs them over the "
    "daemon's JSON"
)
# Known differences, kept as strict expected failures so that each one is
# seen, and noticed when it is fixed: (command, format) -> why.
KNOWN_GAPS = {
    (PS, '{{.Names}}{{"\\n"}}'): "docker words this parse error differently",
    (PS_NONE, "{{.Nope}}"): "docker checks a template even with no rows",
    (PS_NONE, r"table {{.ID}}\t{{.Nope}}"): "docker reports the row type",
    (IMAGES_NONE, r"table {{.ID}}\t{{.Nope}}"): "docker heads tables from a map",
    (INSPECT, "{{.State}}"): GO_TYPES,
    (INSPECT, "{{.Config.Env}}"): GO_TYPES,
    (INSPECT, "{{.SizeRw}}"): GO_TYPES,
    (VERSION, "{{.Server.APIVersion}}"): GO_TYPES,
    (VERSION, "{{.Server.ApiVersion}}"): GO_TYPES,
    (VERSION, "{{.Server.Experimental}}"): GO_TYPES,
    (VERSION, "{{json .Server}}"): GO_TYPES,
    (VERSION, "{{.Client.APIVersion}}"): GO_TYPES,
    (VERSION, "{{.Nope}}"): GO_TYPES,
    (INFO, "{{json .RegistryConfig}}"): GO_TYPES,
    (INFO, "{{.Plugins}}"): GO_TYPES,
    (INFO, "{{.Warnings}}"): GO_TYPES,
    (INFO, "{{.Nope}}"): GO_TYPES,
}


def _cases(command: str, formats: list[str]) -> list[ParameterSet]:
    """One case per format string, each named by its command line."""
    return [
        pytest.param(
            command,
            text,
            id=command.replace(FORMAT, f"'{text}'"),
            marks=_known_gap(command, text),
        )
        for text in formats
    ]


def _known_gap(command: str, text: str) -> list[pytest.MarkDecorator]:
    reason = KNOWN_GAPS.get((command, text))
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


CASES = [
    *_cases(PS, PS_FORMATS),
    *_cases(PS_NONE, ["table {{.Names}}", "{{.Names}}", "{{.Nope}}"]),
    *_cases(PS_NONE, [r"table {{.ID}}\t{{.Nope}}"]),
    # Go's MarshalJSON escapes <, > and &; Go always escapes U+2028.
    *_cases(PS_ODD, ["json", "{{json .}}", "{{json .Labels}}"]),
    *_cases(IMAGES, IMAGES_FORMATS),
    *_cases(TAGGED_IMAGES, ["{{.Repository}}:{{.Tag}}", "table"]),
    *_cases(IMAGES_NONE, ["table", r"table {{.ID}}\t{{.Nope}}"]),
    *_cases(HISTORY, HISTORY_FORMATS),
    *_cases(INSPECT, INSPECT_FORMATS),
    *_cases("inspect -f FORMAT {three}", ["{{.State.ExitCode}}"]),
    # Go's json function does not escape <, > and &, but does U+2028.
    *_cases("inspect -f FORMAT {odd}", ["{{json .Config.Labels}}"]),
    *_cases("inspect -f FORMAT {three} {zero} nope", ["{{.Name}}"]),
    *_cases("inspect --type container -f FORMAT {three}", ["{{.State.Status}}"]),
    *_cases("inspect --type image -f FORMAT {three}", ["{{.Id}}"]),
    *_cases(INSPECT_IMAGE, INSPECT_IMAGE_FORMATS),
    *_cases(VERSION, VERSION_FORMATS),
    *_cases(INFO, INFO_FORMATS),
]


@pytest.fixture(scope="module")
def scene(engine: Engine, go_docker: Runner) -> Iterator[dict[str, str]]:
    """Labelled containers (running with a volume, exited 0, 2 and 3, only
    created), one more under a label of its own whose values need escaping
    in JSON, and a tag of the test image; all removed after the module."""
    token = f"fmt-{secrets.token_hex(4)}"
    prefix, label = f"dkrtest-{token}", f"dkr.test={token}"
    odd_label, tagged = f"{label}-odd", f"{engine.registry}/{prefix}:v1"
    containers = {
        "up": "run -d -v /data -l a=b -l tier=front {image} sleep 300",
        "zero": "run -l a=b {image} true",
        "two": "run {image} sh -c 'exit 2'",
        "three": "run -l tier=front {image} sh -c 'exit 3'",
        "new": "create -l wide=日本語 {image} true",
    }
    odd = ["create", "-l", odd_label, "-l", "html=<b>&c", "-l", "sep=a\u2028b"]
    try:
        _set_up(go_docker, ["image", "inspect", engine.image], ["pull", engine.image])
        _set_up(go_docker, ["tag", engine.image, tagged])
        for role, command in containers.items():
            verb, *args = shlex.split(command.format(image=engine.image))
            go_docker(verb, "--name", f"{prefix}-{role}", "-l", label, *args)
        _set_up(go_docker, [*odd, "--name", f"{prefix}-odd", engine.image])
        listed = go_docker("ps", "-aq", "--filter", f"name=^/{prefix}-")
        assert len(listed.stdout.split()) == len(containers) + 1, listed.stderr
        yield {
            "label": label,
            "odd_label": odd_label,
            "busybox": engine.image.removesuffix(":latest"),
            "repository": tagged.removesuffix(":v1"),
            "tagged": tagged,
            **{role: f"{prefix}-{role}" for role in [*containers, "odd"]},
        }
    finally:
        listed = go_docker("ps", "-aq", "--filter", f"name=^/{prefix}-")
        go_docker("rm", "-f", "-v", *listed.stdout.decode().split())
        go_docker("rmi", tagged)


def _set_up(go_docker: Runner, *attempts: list[str]) -> None:
    """Run the commands in turn until one succeeds; fail if none does."""
    for args in attempts:
        done = go_docker(*args)
        if done.returncode == 0:
            return
    raise AssertionError(done.stderr.decode())


View = tuple[int, str, str]


def _view(result: Result, own: bool) -> View:
    """Exit status, stdout, and stderr in dkr's words."""
    stderr = result.stderr.decode() if own else _as_dkr(result.stderr)
    return result.returncode, result.stdout.decode(), stderr


def _masked(view: View) -> View:
    """The view with durations masked, and padding runs made equal."""
    code, stdout, stderr = view
    return code, PADDING.sub("  ", DURATION.sub("<duration>", stdout)), stderr


@pytest.mark.parametrize(("command", "text"), CASES)
def test_format_prints_what_docker_prints(
    docker: Runner, dkr: Runner, scene: dict[str, str], command: str, text: str
) -> None:
    """Same exit status, stdout and stderr (dkr for docker) as docker's."""
    words = command.split()
    args = [text if word == FORMAT else word.format(**scene) for word in words]

    for _ in range(ATTEMPTS):
        before = _view(docker(*args), own=False)
        actual = _view(dkr(*args), own=True)
        if actual == before:
            return
        after = _view(docker(*args), own=False)
        if actual == after:
            return
        if after == before:
            break  # time stood still, and dkr differs

    if after == before:
        assert actual == after
    elif _masked(actual) != _masked(before):
        # A duration ticked on every attempt: compare what does not tick.
        assert _masked(actual) == _masked(after)
