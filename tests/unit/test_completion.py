"""The completion and man page generators, the checked-in files they wrote,
and the ``__complete`` helper, without an engine (the fake daemon at most)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docker_cli.api.models import ContainerSummary, ImageSummary
from docker_cli.cli import completion, manpages
from docker_cli.cli.main import COMMANDS
from tests.fakedaemon import FakeDaemon
from tests.unit.conftest import Runner

ROOT = Path(__file__).resolve().parents[2]
GENERATED = {**completion.generated_files(), **manpages.generated_files()}
SPECS = {spec.name: spec for spec in completion.command_specs()}
# The management groups (container ls, image rm...) are other names for the
# same commands, hidden from completions and man pages.
MANAGEMENT = {"container", "image", "system"}
VISIBLE = sorted(
    name for name in COMMANDS if not name.startswith("_") and name not in MANAGEMENT
)
RUN_FLAGS = [name for flag in SPECS["run"].flags for name in flag.names]


# -- the checked-in files --------------------------------------------------


@pytest.mark.parametrize("path", sorted(GENERATED))
def test_checked_in_file_is_current(path: str) -> None:
    """Each file under completions/ and man/ is what the generators write
    now; a new flag or help text without scripts/generate-docs fails here."""
    file = ROOT / path
    assert file.exists(), f"{path} is missing: run scripts/generate-docs"
    assert file.read_text() == GENERATED[path], f"{path} is stale: run " + (
        "scripts/generate-docs"
    )


def test_no_generated_file_is_left_over() -> None:
    """No page or script remains for a command that is gone."""
    present = {
        str(path.relative_to(ROOT))
        for folder, pattern in (("completions", "*"), ("man", "*"))
        for path in (ROOT / folder).glob(pattern)
    }
    assert present - GENERATED.keys() == set()


def test_generate_docs_check_passes() -> None:
    """scripts/generate-docs --check agrees that nothing is out of date."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate-docs"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_generation_is_deterministic() -> None:
    """A second run writes the same text: no dates, no set ordering."""
    assert {**completion.generated_files(), **manpages.generated_files()} == (GENERATED)


# -- what the scripts are made from ----------------------------------------


def test_every_visible_command_has_a_spec() -> None:
    """Every sub-command but the hidden __complete is described."""
    assert sorted(SPECS) == ["", *VISIBLE]


@pytest.mark.parametrize(
    ("command", "kinds"),
    [
        ("rm", ["containers"]),
        ("start", ["containers"]),
        ("logs", ["containers"]),
        ("stop", ["running"]),
        ("attach", ["running"]),
        ("kill", ["running"]),
        ("restart", ["running"]),
        ("exec", ["running", "none"]),
        ("rmi", ["images"]),
        ("run", ["images", "none"]),
        ("create", ["images", "none"]),
        ("history", ["images"]),
        ("tag", ["images", "images"]),
        ("push", ["images"]),
        ("save", ["images"]),
        ("commit", ["containers", "images"]),
        ("inspect", ["objects"]),
        ("import", ["files", "images"]),
        ("completion", ["words:bash zsh fish"]),
        ("version", []),
    ],
)
def test_argument_kinds(command: str, kinds: list[str]) -> None:
    """Each argument is completed from what its metavar names."""
    assert [argument.kind for argument in SPECS[command].arguments] == kinds


@pytest.mark.parametrize(
    ("command", "repeats", "interspersed"),
    [("rm", True, True), ("run", True, False), ("exec", True, False)],
)
def test_argument_shape(command: str, repeats: bool, interspersed: bool) -> None:
    """Repeating last arguments, and commands whose flags end at the first
    argument (run IMAGE -it is the container's -it)."""
    spec = SPECS[command]
    assert (spec.repeats, spec.interspersed) == (repeats, interspersed)


@pytest.mark.parametrize(
    ("flag", "takes_value", "value"),
    [
        ("--name", True, "none"),
        ("--attach", True, "words:stdin stdout stderr"),
        ("--detach", False, "none"),
        ("--sig-proxy", False, "none"),
    ],
)
def test_run_flags(flag: str, takes_value: bool, value: str) -> None:
    """Flags with a value, flags without, and --sig-proxy[=false]."""
    (found,) = [f for f in SPECS["run"].flags if flag in f.names]
    assert (found.takes_value, found.value) == (takes_value, value)


def test_global_flags() -> None:
    """dkr's own flags: -H takes a value, --log-level one of its levels."""
    valued = SPECS[""].valued()
    assert {"-H", "--host", "--config", "-l", "--log-level"} <= set(valued)
    assert "--debug" not in valued


# -- the scripts -------------------------------------------------------------


@pytest.mark.parametrize("shell", completion.SHELLS)
def test_script_names_every_command(shell: str) -> None:
    """Every visible sub-command is in each script; __complete is not."""
    text = completion.script(shell)
    for name in VISIBLE:
        assert name in text
    assert "_dkr_cmd___complete" not in text and "'__complete:" not in text


def test_bash_script_lists_run_flags() -> None:
    """The bash spec of run carries every one of its flags."""
    text = completion.script("bash")
    block = text.split("\n    run)\n")[1].split(";;")[0]
    assert block.split("\n")[0].strip() == f"flags='{' '.join(RUN_FLAGS)}'"


def test_zsh_script_lists_run_flags() -> None:
    """The zsh function of run has a spec for every one of its flags."""
    text = completion.script("zsh")
    block = text.split("_dkr_cmd_run() {")[1].split("\n}\n")[0]
    for name in RUN_FLAGS:
        assert f"{name}[" in block or f"{name}=[" in block or f"{name}+[" in block


def test_fish_script_lists_run_flags() -> None:
    """The fish script completes every long flag of run."""
    text = completion.script("fish")
    lines = [line for line in text.splitlines() if "__dkr_flags_of run'" in line]
    long_flags = {name for name in RUN_FLAGS if name.startswith("--")}
    assert {f"--{line.split(' -l ')[1].split()[0]}" for line in lines} == long_flags


@pytest.mark.parametrize(("shell", "checker"), [("bash", "bash"), ("zsh", "zsh")])
def test_script_syntax(shell: str, checker: str, tmp_path: Path) -> None:
    """The shell itself reads the script without a syntax error."""
    if shutil.which(checker) is None:
        pytest.skip(f"{checker} is not installed")
    path = tmp_path / completion.SCRIPT_FILES[shell]
    path.write_text(completion.script(shell))
    result = subprocess.run([checker, "-n", str(path)], capture_output=True)
    assert (result.returncode, result.stderr) == (0, b"")


@pytest.mark.parametrize("shell", completion.SHELLS)
def test_completion_command_prints_the_script(dkr: Runner, shell: str) -> None:
    """dkr completion SHELL prints the checked-in script."""
    result = dkr("completion", shell)
    assert result.returncode == 0
    assert (
        result.stdout.decode()
        == GENERATED[f"completions/{completion.SCRIPT_FILES[shell]}"]
    )


def test_completion_command_rejects_other_shells(dkr: Runner) -> None:
    """An unknown shell is a usage error."""
    result = dkr("completion", "tcsh")
    assert result.returncode == 125
    assert result.stdout == b""


def test_help_hides_complete(dkr: Runner) -> None:
    """dkr --help lists completion but not the hidden __complete."""
    text = dkr("--help").stdout.decode()
    assert "  completion " in text and "__complete" not in text


# -- the candidates ----------------------------------------------------------


def container(full_id: str, names: list[str]) -> ContainerSummary:
    return ContainerSummary(full_id, names, "busybox", "sh", 0, "", "running", "")


CONTAINERS = [
    container("0a1b2c3d4e5f" + "0" * 52, ["web", "db/web-link"]),
    container("ffee00112233" + "1" * 52, ["cache"]),
]
IMAGES = [
    ImageSummary(
        "sha256:abc123456789" + "2" * 52, ["busybox:latest", "busybox:1"], [], 0, 0
    ),
    ImageSummary("sha256:0ddba11def01" + "3" * 52, [], [], 0, 0),
]


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", ["cache", "web"]),
        ("w", ["web"]),
        ("0a", ["0a1b2c3d4e5f"]),
        ("ca", ["cache"]),
        ("f", ["ffee00112233"]),
        ("0a1b2c3d4e5f0", ["0a1b2c3d4e5f" + "0" * 52]),
        ("x", []),
    ],
)
def test_container_candidates(prefix: str, expected: list[str]) -> None:
    """Names (not link aliases) that extend the prefix; short ids only
    for a hex prefix, the full id once it is longer than 12 digits."""
    assert completion.container_candidates(CONTAINERS, prefix) == expected


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", ["busybox:1", "busybox:latest"]),
        ("busybox:l", ["busybox:latest"]),
        ("0d", ["0ddba11def01"]),
        ("ab", ["abc123456789"]),
    ],
)
def test_image_candidates(prefix: str, expected: list[str]) -> None:
    """REPOSITORY:TAG references, and ids without sha256: for a hex prefix."""
    assert completion.image_candidates(IMAGES, prefix) == expected


def test_complete_images_from_daemon(dkr: Runner) -> None:
    """__complete images asks the daemon (the 2013 fake here)."""
    result = dkr("__complete", "images")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        b"busybox:latest\n",
        b"",
    )


def test_complete_containers_from_daemon(dkr: Runner, fake: FakeDaemon) -> None:
    """The 2013 API has no names: a hex prefix offers the short ids, and
    --running leaves out a container that is not running."""
    container_id = fake.create_container(cmd=["true"])
    prefix = container_id[:3]
    everything = dkr("__complete", "containers", prefix)
    running = dkr("__complete", "containers", "--running", prefix)
    assert everything.stdout.decode() == container_id[:12] + "\n"
    assert (running.returncode, running.stdout) == (0, b"")


def test_complete_is_silent_without_daemon(dkr: Runner, tmp_path: Path) -> None:
    """With nothing at the daemon address, __complete prints nothing, not
    even an error, and exits 0."""
    missing = f"unix://{tmp_path}/missing.sock"
    for kind in ("containers", "images"):
        result = dkr("__complete", kind, extra_env={"DOCKER_HOST": missing})
        assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


# -- man pages ---------------------------------------------------------------


def test_every_command_has_a_page() -> None:
    """dkr(1) and one dkr-COMMAND(1) for each visible command."""
    pages = {path for path in GENERATED if path.startswith("man/")}
    assert pages == {"man/dkr.1", *(f"man/dkr-{name}.1" for name in VISIBLE)}


def test_main_page_lists_commands_and_global_flags() -> None:
    """dkr(1) names every command page and every global flag."""
    text = GENERATED["man/dkr.1"]
    for name in VISIBLE:
        assert f".BR dkr\\-{name} (1)" in text
    for flag in SPECS[""].all_flags():
        if flag not in ("-h", "--help"):  # the pages, like --help, omit it
            assert manpages.escape(flag) in text


def test_run_page_has_usage_and_every_flag() -> None:
    """dkr-run(1) has docker's usage line and every flag with its help."""
    text = GENERATED["man/dkr-run.1"]
    assert "\\fBdkr run\\fR [OPTIONS] IMAGE [COMMAND] [ARG...]" in text
    for flag in SPECS["run"].flags:
        if "--help" in flag.names:
            continue  # the pages, like docker's --help, leave it out
        longs = [name for name in flag.names if name.startswith("--")]
        assert manpages.escape(longs[0]) in text
        assert manpages.escape(flag.help.rstrip(".")) in text


@pytest.mark.parametrize(
    ("text", "roff"),
    [
        ("--rm", "\\-\\-rm"),
        (".hidden", "\\&.hidden"),
        ("'quoted", "\\&'quoted"),
        ("a\\b", "a\\eb"),
        ("mid.dle", "mid.dle"),
    ],
)
def test_escape(text: str, roff: str) -> None:
    """Hyphens, backslashes and request-like line starts print literally."""
    assert manpages.escape(text) == roff


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
@pytest.mark.parametrize("path", sorted(p for p in GENERATED if p.startswith("man/")))
def test_page_renders_without_warnings(path: str) -> None:
    """groff renders each page with every warning on and none given."""
    result = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-z"],
        input=GENERATED[path].encode(),
        capture_output=True,
        timeout=30,
    )
    assert (result.returncode, result.stderr.decode()) == (0, "")


@pytest.mark.skipif(shutil.which("man") is None, reason="man is not installed")
def test_man_shows_run_page() -> None:
    """man -l shows the page with its name, synopsis and options."""
    result = subprocess.run(
        ["man", "-l", str(ROOT / "man" / "dkr-run.1")],
        capture_output=True,
        text=True,
        env={
            "MANPAGER": "cat",
            "PAGER": "cat",
            "MANWIDTH": "80",
            "PATH": "/usr/bin:/bin",
        },
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "dkr-run - Create and run a new container from an image" in result.stdout
    assert "dkr run [OPTIONS] IMAGE [COMMAND] [ARG...]" in result.stdout
    assert "--detach-keys string" in result.stdout
