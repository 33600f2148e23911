"""The completion scripts in real bash and zsh processes (fish where it is
installed), against the test engine: sub-commands, flags, live container
names and image references, and silence when the engine is down.

Each shell runs interactively on a pty (pexpect) with the script loaded;
TAB is pressed for real, and a wrapper records what the completion offered
into a file, so that the test reads candidates rather than screen output.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from docker_cli.cli.main import COMMANDS
from tests.integration.conftest import Engine, Runner

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parents[2]
COMPLETIONS = ROOT / "completions"
DKR_DIR = Path(sys.executable).parent
VISIBLE = sorted(name for name in COMMANDS if not name.startswith("_"))
TIMEOUT = 30.0
# How long a completion may take with the engine down; it makes no request,
# so this is Python's start-up with a wide margin for a loaded CI machine.
DOWN_LIMIT = 5.0

BASH_SETUP = r"""
PS1='$ '
bind 'set bell-style none'
source {script}
complete -p dkr
_dkr_capture() {{
    _dkr "$@"
    printf '%s\n' "${{COMPREPLY[@]}}" >{capture}.tmp
    mv {capture}.tmp {capture}
}}
complete -F _dkr_capture dkr
"""

ZSH_SETUP = r"""
PS1='%% '
bindkey -e
fpath=({completions} $fpath)
autoload -Uz compinit && compinit -u -D
compadd() {{
  if (( ${{@[(I)-(O|A|D)]}} )); then builtin compadd "$@"; return; fi
  local -a found
  builtin compadd -O found "$@"
  (( ${{#found}} )) && print -rl -- $found >>{capture}.tmp
  builtin compadd "$@"
}}
_dkr_capture() {{ : >>{capture}.tmp; zle complete-word; mv {capture}.tmp {capture} }}
zle -N _dkr_capture
bindkey '^I' _dkr_capture
"""


class Shell:
    """An interactive shell with dkr's completion loaded; ``offered`` types
    a line, presses TAB and returns what the completion offered."""

    def __init__(self, kind: str, env: dict[str, str], workdir: Path) -> None:
        self.capture = workdir / "offered"
        options = ["--norc", "--noprofile", "-i"] if kind == "bash" else ["-f", "-i"]
        self.process = pexpect.spawn(
            kind,
            options,
            env=env,
            cwd=str(workdir),
            encoding="utf-8",
            timeout=TIMEOUT,
            dimensions=(50, 250),
        )
        self._syncs = 0
        setup = BASH_SETUP if kind == "bash" else ZSH_SETUP
        text = setup.format(
            script=COMPLETIONS / "dkr.bash",
            completions=COMPLETIONS,
            capture=self.capture,
        )
        for line in text.strip().splitlines():
            self.process.sendline(line)
        self.sync()

    def sync(self) -> str:
        """Wait until the shell has run everything sent so far; return its
        output since the last sync."""
        self._syncs += 1
        # The shell prints the sum, which the echoed command line does not hold.
        self.process.sendline(f"echo $(( {self._syncs} + 1000 ))synced")
        self.process.expect_exact(f"{self._syncs + 1000}synced")
        return str(self.process.before)

    def offered(self, line: str) -> tuple[list[str], float]:
        """The candidates for ``line`` + TAB, and how long they took."""
        candidates, elapsed = self._complete(line)
        self.process.send("\x15")  # ^U: clear the line for the next one
        return candidates, elapsed

    def completed_line(self, line: str) -> str:
        """The line as the completion left it, run through echo."""
        self._complete(line)
        self.process.send("\x01echo ")  # ^A: to the start, then "echo "
        self.process.sendline("")
        return self.sync()

    def _complete(self, line: str) -> tuple[list[str], float]:
        self.capture.unlink(missing_ok=True)
        self.sync()
        self.process.send(line + "\t")
        started = time.monotonic()
        while not self.capture.exists():
            if time.monotonic() - started > TIMEOUT:
                raise AssertionError(f"no completion for {line!r}")
            time.sleep(0.01)
        elapsed = time.monotonic() - started
        candidates = self.capture.read_text().splitlines()
        return [c for c in candidates if c], elapsed

    def close(self) -> None:
        self.process.close(force=True)


def _shell_env(engine: Engine, **changes: str) -> dict[str, str]:
    env = {**engine.env, "TERM": "dumb", "INPUTRC": "/dev/null", **changes}
    env["PATH"] = f"{DKR_DIR}{os.pathsep}{env.get('PATH', '')}"
    env.pop("HISTFILE", None)
    return env


@pytest.fixture(params=["bash", "zsh"])
def shell_kind(request: pytest.FixtureRequest) -> str:
    kind = str(request.param)
    if shutil.which(kind) is None:
        pytest.skip(f"{kind} is not installed (Debian package {kind})")
    return kind


@pytest.fixture
def shell(engine: Engine, shell_kind: str, tmp_path: Path) -> Iterator[Shell]:
    """The shell of the test, talking to the test engine."""
    started = Shell(shell_kind, _shell_env(engine), tmp_path)
    yield started
    started.close()


@pytest.fixture
def containers(dkr: Runner, name: str, label: str, pulled_image: str) -> list[str]:
    """A running container and a created one: their names, in that order."""
    running, created = f"{name}-up", f"{name}-created"
    labelled = ["--label", label]
    up = dkr("run", "-d", "--name", running, *labelled, pulled_image, "sleep", "300")
    new = dkr("create", "--name", created, *labelled, pulled_image, "true")
    assert (up.returncode, new.returncode) == (0, 0), up.stderr + new.stderr
    return [running, created]


def test_bash_script_registers_dkr(engine: Engine, tmp_path: Path) -> None:
    """Sourcing the bash script registers _dkr for the dkr command."""
    result = subprocess.run(
        ["bash", "--norc", "-c", f"source {COMPLETIONS / 'dkr.bash'}; complete -p dkr"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.stdout == "complete -F _dkr dkr\n"


def test_subcommands(shell: Shell) -> None:
    """dkr st<TAB> offers the sub-commands that start with st."""
    offered, _ = shell.offered("dkr st")
    assert sorted(offered) == [name for name in VISIBLE if name.startswith("st")]
    assert {"start", "stop"} <= set(offered)


def test_run_flags(shell: Shell) -> None:
    """dkr run --<TAB> offers run's long flags and nothing else."""
    from docker_cli.cli.completion import command_specs

    (run,) = [spec for spec in command_specs() if spec.name == "run"]
    long_flags = {name for name in run.all_flags() if name.startswith("--")}
    offered, _ = shell.offered("dkr run --")
    assert set(offered) == long_flags


def test_rm_offers_every_container(shell: Shell, containers: list[str]) -> None:
    """dkr rm <TAB> offers running and stopped containers by name."""
    running, created = containers
    offered, _ = shell.offered(f"dkr rm {running.removesuffix('-up')}")
    assert sorted(offered) == sorted([running, created])


def test_stop_offers_running_containers(shell: Shell, containers: list[str]) -> None:
    """dkr stop <TAB> offers the running container only."""
    running, _ = containers
    offered, _ = shell.offered(f"dkr stop {running.removesuffix('-up')}")
    assert offered == [running]


def test_global_host_flag_is_passed_on(
    shell: Shell, engine: Engine, containers: list[str]
) -> None:
    """dkr -H HOST rm <TAB> asks the daemon that -H names."""
    running, created = containers
    line = f"dkr -H '{engine.host}' rm {running.removesuffix('-up')}"
    offered, _ = shell.offered(line)
    assert sorted(offered) == sorted([running, created])


def test_rmi_offers_image_reference(shell: Shell, pulled_image: str) -> None:
    """dkr rmi <TAB> offers the busybox reference, colons and all: the line
    ends up holding the whole reference."""
    line = shell.completed_line(f"dkr rmi {pulled_image[:-3]}")
    assert re.search(rf"\ndkr rmi {re.escape(pulled_image)} ?\r\n", line), line


def test_rmi_offers_images(shell: Shell, pulled_image: str) -> None:
    """dkr rmi 127.0.0.1:5000/<TAB> lists the image among the candidates."""
    offered, _ = shell.offered("dkr rmi 127.0.0.1:5000/")
    # bash holds what comes after the last colon; zsh the whole reference.
    assert any(pulled_image.endswith(candidate) for candidate in offered), offered


def test_engine_down_is_quiet_and_quick(
    engine: Engine, shell_kind: str, tmp_path: Path
) -> None:
    """With no daemon at DOCKER_HOST, dkr rm <TAB> offers nothing, prints
    no error into the terminal, and returns quickly."""
    missing = f"unix://{tmp_path}/missing.sock"
    down = Shell(shell_kind, _shell_env(engine, DOCKER_HOST=missing), tmp_path)
    try:
        offered, elapsed = down.offered("dkr rm ")
        screen = down.sync()
    finally:
        down.close()
    assert offered == []
    assert elapsed < DOWN_LIMIT
    assert "Cannot connect" not in screen and "rror" not in screen, screen


def test_bash_completion_loads_the_script_on_demand(
    engine: Engine, tmp_path: Path
) -> None:
    """Installed as completions/dkr.bash, bash-completion finds the script
    the first time dkr is completed (the name setup.cfg installs it as)."""
    loader = Path("/usr/share/bash-completion/bash_completion")
    if not loader.exists():
        pytest.skip("bash-completion is not installed (Debian package)")
    user_dir = tmp_path / "bash-completion"
    (user_dir / "completions").mkdir(parents=True)
    shutil.copy(COMPLETIONS / "dkr.bash", user_dir / "completions" / "dkr.bash")
    env = _shell_env(engine, BASH_COMPLETION_USER_DIR=str(user_dir), PS1="$ ")
    process = pexpect.spawn(
        "bash",
        ["--norc", "--noprofile", "-i"],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    try:
        process.sendline(f"source {loader}; echo $(( 1 + 1000 ))loaded")
        process.expect_exact("1001loaded")
        process.send("dkr versi\t")
        process.send("\x01echo ")
        process.sendline("")
        process.expect(r"\ndkr version\r\n")
    finally:
        process.close(force=True)


# -- __complete itself -------------------------------------------------------


def test_complete_lists_containers(dkr: Runner, containers: list[str]) -> None:
    """__complete containers lists both; --running only the running one."""
    running, created = containers
    everything = dkr("__complete", "containers").stdout.decode().split()
    only_running = dkr("__complete", "containers", "--running").stdout.decode()
    assert {running, created} <= set(everything)
    assert running in only_running.split() and created not in only_running.split()


def test_complete_offers_ids_for_hex_prefix(
    dkr: Runner, go_docker: Runner, containers: list[str]
) -> None:
    """A hex prefix also brings the short ids that start with it."""
    short_id = go_docker("inspect", "-f", "{{.Id}}", containers[0]).stdout[:12]
    prefix = short_id.decode()[:4]
    offered = dkr("__complete", "containers", prefix).stdout.decode().split()
    assert short_id.decode() in offered
    assert all(candidate.startswith(prefix) for candidate in offered)


def test_complete_lists_images(dkr: Runner, pulled_image: str) -> None:
    """__complete images lists the busybox reference."""
    offered = dkr("__complete", "images", "127.0.0.1:5000/").stdout.decode()
    assert pulled_image in offered.split()


@pytest.mark.parametrize("kind", ["containers", "images"])
def test_complete_without_engine(dkr: Runner, kind: str, tmp_path: Path) -> None:
    """With the daemon unreachable: no output at all, status 0, quickly."""
    missing = f"unix://{tmp_path}/missing.sock"
    started = time.monotonic()
    result = dkr("__complete", kind, environ={"DOCKER_HOST": missing})
    elapsed = time.monotonic() - started
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    assert elapsed < DOWN_LIMIT


# -- fish, where it is installed ---------------------------------------------


def _fish_complete(engine: Engine, line: str) -> list[str]:
    script = COMPLETIONS / "dkr.fish"
    command = f"source {script}; complete -C {_fish_quote(line)}"
    result = subprocess.run(
        ["fish", "--no-config", "-c", command],
        capture_output=True,
        text=True,
        env=_shell_env(engine),
        timeout=TIMEOUT,
    )
    assert result.stderr == ""
    return [entry.split("\t")[0] for entry in result.stdout.splitlines()]


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish(engine: Engine, containers: list[str], pulled_image: str) -> None:
    """fish offers sub-commands, run's flags and live names."""
    running, created = containers
    stem = running.removesuffix("-up")
    assert {"start", "stop"} <= set(_fish_complete(engine, "dkr st"))
    assert "--detach" in _fish_complete(engine, "dkr run --")
    assert sorted(_fish_complete(engine, f"dkr rm {stem}")) == sorted(containers)
    assert _fish_complete(engine, f"dkr stop {stem}") == [running]
    assert pulled_image in _fish_complete(engine, "dkr rmi 127.0.0.1:5000/")
