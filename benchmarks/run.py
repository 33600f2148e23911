#!/usr/bin/env python3
"""Benchmark dkr against the Go docker CLI and docker-py, run by hand.

Start-up-bound commands are timed with hyperfine; large streams (run, logs,
export, import) with wall time and the client's peak RSS. Everything the run
creates (containers, images, files, the venv) is removed at the end. See
benchmarks/README.rst for the targets.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HOST = "unix:///tmp/dkr-engine/docker.sock"
REGISTRY = "127.0.0.1:5000"
IMAGE = f"{REGISTRY}/busybox:latest"
MB = 1_000_000
Tools = dict[str, list[str]]  # a tool's name and the command that runs it
TIME = "/usr/bin/time"  # GNU time (Debian package "time"), for peak RSS

# Start-up targets: dkr within 1.25x of bare `import requests, click`, and
# quicker than docker-py making the same API call.
FLOOR_RATIO = 1.25
# Stream targets: peak RSS under this, whatever the size; "flat" means the
# big size costs at most FLAT_MB more than the small one.
RSS_LIMIT_MB = 60.0
FLAT_MB = 5.0

COPY_IGNORE = shutil.ignore_patterns(
    ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache",
    "benchmarks", "tests",
)  # fmt: skip


# -- the engine, spoken to directly (setup and cleanup only) ---------------


class UnixConnection(http.client.HTTPConnection):
    """An HTTP connection over the engine's unix socket."""

    def __init__(self, path: str, timeout: float = 600) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


class Engine:
    """The few Engine API calls the benchmark needs to set up and clean up."""

    def __init__(self, socket_path: str) -> None:
        self.socket_path = socket_path

    def call(self, method: str, path: str, body: Any = None) -> Any:
        connection = UnixConnection(self.socket_path)
        payload = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if payload else {}
        try:
            connection.request(method, path, payload, headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        if response.status >= 400:
            raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
        is_json = "json" in response.getheader("Content-Type", "")
        return json.loads(data) if is_json and data.strip() else None

    def create(self, name: str, command: list[str], labels: dict[str, str]) -> str:
        config = {
            "Image": IMAGE,
            "Cmd": command,
            "Labels": labels,
            "HostConfig": {"NetworkMode": "none"},
        }
        query = urlencode({"name": name})
        return str(self.call("POST", f"/containers/create?{query}", config)["Id"])

    def run_to_end(self, name: str, command: list[str], labels: dict[str, str]) -> str:
        container_id = self.create(name, command, labels)
        self.call("POST", f"/containers/{container_id}/start")
        status = self.call("POST", f"/containers/{container_id}/wait")
        if status.get("StatusCode") != 0:
            raise RuntimeError(f"setup container {name} failed: {status}")
        return container_id

    def containers_labelled(self, label: str) -> list[str]:
        filters = json.dumps({"label": [label]})
        query = urlencode({"all": "1", "filters": filters})
        return [c["Id"] for c in self.call("GET", f"/containers/json?{query}")]

    def remove_container(self, ref: str) -> None:
        self.call("DELETE", f"/containers/{ref}?force=1&v=1")

    def image_exists(self, ref: str) -> bool:
        try:
            self.call("GET", f"/images/{quote(ref, safe='/:')}/json")
        except RuntimeError:
            return False
        return True

    def remove_image(self, ref: str) -> None:
        if self.image_exists(ref):
            self.call("DELETE", f"/images/{quote(ref, safe='/:')}?force=1")

    def pull(self, ref: str) -> None:
        repository, _, tag = ref.rpartition(":")
        query = urlencode({"fromImage": repository, "tag": tag})
        self.call("POST", f"/images/create?{query}")


# -- the run's own resources -----------------------------------------------


@dataclass
class Bench:
    """One benchmark run: its id, scratch directory, tools and environment."""

    args: argparse.Namespace
    engine: Engine
    host: str
    workspace: Path
    run_id: str = field(default_factory=lambda: secrets.token_hex(3))
    python: str = ""
    dkr: str = ""
    dkr_editable: str = ""
    images: set[str] = field(default_factory=set)
    counter: int = 0

    @property
    def labels(self) -> dict[str, str]:
        return {"dkr.bench": "1", "dkr.bench.run": self.run_id}

    def name(self, what: str) -> str:
        self.counter += 1
        return f"dkrbench-{self.run_id}-{what}-{self.counter}"

    def label_flags(self) -> list[str]:
        return [f for k, v in self.labels.items() for f in ("--label", f"{k}={v}")]

    def env(self) -> dict[str, str]:
        """A clean user environment: no PYTHON* settings (this machine sets
        PYTHONUNBUFFERED and PYTHONDONTWRITEBYTECODE), no docker contexts,
        an empty client config shared by both CLIs."""
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTHON", "DOCKER_"))
        }
        env["DOCKER_HOST"] = self.host
        env["DOCKER_CONFIG"] = str(self.workspace / "config")
        return env

    def cleanup(self) -> None:
        """Remove every container and image of this run, then the scratch
        directory; a step that fails is reported and the next one tried."""
        label = f"dkr.bench.run={self.run_id}"
        steps = [
            (f"containers labelled {label}", self._remove_containers),
            (f"images {REGISTRY}/dkrbench-{self.run_id}-*", self._remove_images),
        ]
        for what, step in steps:
            try:
                note(f"removed {step()} {what}")
            except Exception as error:
                note(f"could not remove {what}: {error}")
        shutil.rmtree(self.workspace, ignore_errors=True)
        note(f"removed {self.workspace}")

    def _remove_containers(self) -> int:
        ids = self.engine.containers_labelled(f"dkr.bench.run={self.run_id}")
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(self.engine.remove_container, ids))
        return len(ids)

    def _remove_images(self) -> int:
        for reference in sorted(self.images):
            self.engine.remove_image(reference)
        return len(self.images)


def note(message: str) -> None:
    print(f"-- {message}", file=sys.stderr, flush=True)


def check_output(argv: list[str], env: dict[str, str] | None = None) -> str:
    """argv's stdout; its stderr in the error when it fails."""
    result = subprocess.run(argv, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(
            f"{shlex.join(argv)} exited {result.returncode}:\n{result.stderr}"
        )
    return result.stdout


def build_venvs(bench: Bench) -> None:
    """Install a snapshot of the working tree, non-editable, into a venv;
    with --editable, also editable into a second one, for comparison (an
    editable install adds an import hook that a user never pays for)."""
    source = bench.workspace / "src"
    shutil.copytree(ROOT, source, ignore=COPY_IGNORE)
    bench.python = install(bench, source, "venv", editable=False)
    bench.dkr = str(Path(bench.python).parent / "dkr")
    if bench.args.editable:
        python = install(bench, source, "venv-editable", editable=True)
        bench.dkr_editable = str(Path(python).parent / "dkr")


def install(bench: Bench, source: Path, name: str, editable: bool) -> str:
    """Make a venv seeing the system's packages, install dkr from source
    into it, check that it imports from there; return its python."""
    venv = bench.workspace / name
    check_output([bench.args.python, "-m", "venv", "--system-site-packages", str(venv)])
    python = str(venv / "bin/python")
    pip = [python, "-m", "pip", "install", "-q", "--no-deps"]
    pip += ["-e", str(source)] if editable else [str(source)]
    check_output(pip, env=bench.env())

    where = check_output(
        [python, "-c", "import docker_cli; print(docker_cli.__file__)"],
        env=bench.env(),
    ).strip()
    expected = source if editable else venv
    if not where.startswith(str(expected)):
        raise RuntimeError(f"{venv} imports docker_cli from {where}")
    note(f"dkr installed ({'editable' if editable else 'non-editable'}) in {venv}")
    return python


# -- start-up-bound commands ------------------------------------------------


def create_containers(bench: Bench, count: int) -> str:
    """Create count containers in parallel; return the first one's name."""
    names = [f"dkrbench-{bench.run_id}-ps-{n}" for n in range(count)]
    started = time.monotonic()

    def create(name: str) -> str:
        return bench.engine.create(name, ["true"], bench.labels)

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(create, names))
    note(f"created {count} containers in {time.monotonic() - started:.1f} s")
    return names[0]


def startup_commands(bench: Bench, inspect_target: str) -> dict[str, list[str]]:
    return {
        "version": ["version"],
        "ps -a": ["ps", "-a"],
        "images": ["images"],
        "inspect": ["inspect", inspect_target],
    }


# docker-py's low-level client makes exactly the API call the CLI makes
# (the high-level containers.list() inspects every container as well).
DOCKER_PY_CALLS = {
    "version": "version()",
    "ps -a": "containers(all=True)",
    "images": "images()",
    "inspect": "inspect_container({target!r})",
}


def startup_tools(
    bench: Bench, command: str, argv: list[str], target: str
) -> dict[str, list[str]]:
    call = DOCKER_PY_CALLS[command].format(target=target)
    docker_py = f"import docker; docker.APIClient(base_url={bench.host!r}).{call}"
    tools = {
        "floor": [bench.python, "-c", "import requests, click"],
        "dkr": [bench.dkr, *argv],
        "docker-py": [bench.python, "-c", docker_py],
        "go": [bench.args.docker, *argv],
    }
    if bench.dkr_editable:
        tools["dkr-editable"] = [bench.dkr_editable, *argv]
    if command == "version":
        tools["python"] = [bench.python, "-c", "pass"]
    return tools


def sanity_check(bench: Bench, tools: dict[str, list[str]]) -> dict[str, int]:
    """Run each tool once; fail loudly on an error; count output lines."""
    lines = {}
    for name, argv in tools.items():
        output = check_output(argv, env=bench.env())
        lines[name] = len(output.splitlines())
    return lines


@dataclass
class Timing:
    """One tool's wall times over every round, and its CPU time per round."""

    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def stddev_ms(self) -> float:
        return statistics.stdev(self.times) * 1000 if len(self.times) > 1 else 0.0

    @property
    def cpu_ms(self) -> float:
        """Mean user + system time: steadier than wall time on a busy host."""
        return statistics.mean(self.cpu) * 1000


def hyperfine(bench: Bench, tools: dict[str, list[str]], tag: str) -> dict[str, Any]:
    """One hyperfine -N run over the tools; its results by tool name."""
    export = bench.workspace / f"hyperfine-{tag}.json"
    argv = ["hyperfine", "-N", "--style", "none", "--export-json", str(export)]
    argv += ["--warmup", str(bench.args.warmup), "--runs", str(bench.args.runs)]
    for name, command in tools.items():
        argv += ["--command-name", name, shlex.join(command)]
    check_output(argv, env=bench.env())
    results = json.loads(export.read_text())["results"]
    return {result["command"]: result for result in results}


def time_rounds(
    bench: Bench, tools: dict[str, list[str]], tag: str
) -> dict[str, Timing]:
    """Several short hyperfine runs, each starting with a different tool, so
    that load from the engine's other users falls on every tool alike."""
    timings = {name: Timing() for name in tools}
    names = list(tools)
    for number in range(bench.args.rounds):
        shift = number % len(names)
        order = names[shift:] + names[:shift]
        results = hyperfine(bench, {n: tools[n] for n in order}, f"{tag}-{number}")
        for name, result in results.items():
            timings[name].times += result["times"]
            timings[name].cpu.append(result["user"] + result["system"])
    return timings


def bench_startup(bench: Bench) -> dict[str, Any]:
    target = create_containers(bench, bench.args.containers)
    present = len(bench.engine.call("GET", "/containers/json?all=1"))
    note(f"{present} containers on the engine (others' included)")
    results: dict[str, Any] = {"containers": present, "commands": {}}
    for command, argv in startup_commands(bench, target).items():
        tools = startup_tools(bench, command, argv, target)
        lines = sanity_check(bench, tools)
        note(f"{command}: output lines {lines}; timing with hyperfine")
        timings = time_rounds(bench, tools, re.sub(r"\W", "", command))
        results["commands"][command] = {"lines": lines, "timings": timings}
    return results


# -- streams ----------------------------------------------------------------


@dataclass
class Measurement:
    """One run of a client: wall time, its own CPU time and peak RSS."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    nbytes: int | None = None


def measure(
    argv: list[str], env: dict[str, str], workspace: Path, count: bool = False
) -> Measurement:
    """Run argv with stdout to /dev/null (or counted, through a pipe); return
    its wall time and peak RSS.

    The RSS comes from GNU time, not from our own wait4(): a child forked
    from this process inherits our peak RSS (some 30 MB) as its own.
    """
    stderr_path = workspace / "stderr.txt"
    rss_path = workspace / "maxrss.txt"
    timed = [TIME, "-f", "%M %U %S", "-o", str(rss_path), *argv]
    with open(stderr_path, "wb") as stderr, open(os.devnull, "wb") as devnull:
        started = time.perf_counter()
        process = subprocess.Popen(
            timed, stdout=subprocess.PIPE if count else devnull, stderr=stderr, env=env
        )
        nbytes = drain(process.stdout) if count else None
        status = process.wait()
        elapsed = time.perf_counter() - started
    if status != 0:
        message = stderr_path.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{shlex.join(argv)} exited {status}:\n{message}")
    # The last line: time puts "Command exited..." lines before it.
    peak_kb, user, system = rss_path.read_text().splitlines()[-1].split()
    return Measurement(
        elapsed, float(user) + float(system), int(peak_kb) / 1024, nbytes
    )


def drain(stream: Any) -> int:
    total = 0
    while chunk := stream.read1(1 << 20):
        total += len(chunk)
    stream.close()
    return total


@dataclass
class StreamCase:
    """One stream to time: how to make argv for a tool, and its setup."""

    name: str
    argv: Callable[[str, int], list[str]]
    expected: Callable[[int], int | None]
    after_each: Callable[[], None] = lambda: None


# Output of 1 KB lines. The daemon also hands every line of a container's
# output to its log driver, and json-file stores each as a JSON entry: with
# `yes | head` (2-byte lines) that, not the client, is the limit (~1 MB/s
# for dkr and go alike on the test engine).
LINES = "yes " + "x" * 1023 + " | head -c {n}"
ZEROS = "head -c {n} /dev/zero"


def run_case(bench: Bench, kind: str, script: str) -> Callable[[int], StreamCase]:
    def make(size: int) -> StreamCase:
        script_for_size = script.format(n=size)

        def argv(tool: str, _: int) -> list[str]:
            flags = ["--rm", "--network", "none", *bench.label_flags()]
            flags += ["--name", bench.name("run")]
            return [tool, "run", *flags, IMAGE, "sh", "-c", script_for_size]

        return StreamCase(kind, argv, lambda n: n)

    return make


def logs_case(bench: Bench) -> Callable[[int], StreamCase]:
    """Logs of 1 KB lines (see LINES)."""

    def make(size: int) -> StreamCase:
        script = LINES.format(n=size)
        container = bench.name("logs")
        bench.engine.run_to_end(container, ["sh", "-c", script], bench.labels)

        def argv(tool: str, _: int) -> list[str]:
            return [tool, "logs", container]

        return StreamCase("logs", argv, lambda n: n)

    return make


def export_case(bench: Bench) -> Callable[[int], StreamCase]:
    def make(size: int) -> StreamCase:
        script = f"head -c {size} /dev/urandom > /blob"
        container = bench.name("export")
        bench.engine.run_to_end(container, ["sh", "-c", script], bench.labels)

        def argv(tool: str, _: int) -> list[str]:
            return [tool, "export", container]

        # A tar of the whole filesystem: dkr must match go byte for byte.
        return StreamCase("export", argv, lambda n: None)

    return make


def import_case(bench: Bench) -> Callable[[int], StreamCase]:
    repository = f"{REGISTRY}/dkrbench-{bench.run_id}-import"

    def make(size: int) -> StreamCase:
        tar_path = make_tar(bench.workspace, size)
        made: list[str] = []

        def argv(tool: str, attempt: int) -> list[str]:
            reference = f"{repository}:{Path(tool).name}-{size}-{attempt}"
            bench.images.add(reference)
            made.append(reference)
            return [tool, "import", str(tar_path), reference]

        def after_each() -> None:
            while made:
                reference = made.pop()
                if not bench.engine.image_exists(reference):
                    raise RuntimeError(f"import made no image {reference}")
                bench.engine.remove_image(reference)

        return StreamCase("import", argv, lambda n: None, after_each)

    return make


def build_case(bench: Bench) -> Callable[[int], StreamCase]:
    """A build whose context holds one file of random bytes: the context is
    tarred and sent as a stream, so dkr's memory must not grow with it."""
    repository = f"{REGISTRY}/dkrbench-{bench.run_id}-build"

    def make(size: int) -> StreamCase:
        context = bench.workspace / f"context-{size}"
        context.mkdir(exist_ok=True)
        write_random(context / "blob", size)
        (context / "Dockerfile").write_text(f"FROM {IMAGE}\nCOPY blob /blob\n")
        made: list[str] = []

        def argv(tool: str, attempt: int) -> list[str]:
            reference = f"{repository}:{Path(tool).name}-{size}-{attempt}"
            bench.images.add(reference)
            made.append(reference)
            # The Go CLI's own builder is BuildKit; both use the Engine API's.
            flags = ["-q", "--rm", "-t", reference, str(context)]
            return ["env", "DOCKER_BUILDKIT=0", tool, "build", *flags]

        def after_each() -> None:
            while made:
                reference = made.pop()
                if bench.engine.image_exists(reference):
                    bench.engine.remove_image(reference)

        return StreamCase("build", argv, lambda n: None, after_each)

    return make


def write_random(path: Path, size: int) -> None:
    with open(path, "wb") as file:
        for start in range(0, size, MB):
            file.write(os.urandom(min(MB, size - start)))


def make_tar(workspace: Path, size: int) -> Path:
    """A tar holding one file of size random bytes (so nothing compresses)."""
    blob = workspace / "blob"
    with open(blob, "wb") as file:
        for start in range(0, size, MB):
            file.write(os.urandom(min(MB, size - start)))
    tar_path = workspace / f"import-{size}.tar"
    with tarfile.open(tar_path, "w") as tar:
        tar.add(blob, arcname="blob")
    blob.unlink()
    return tar_path


def bench_streams(bench: Bench) -> list[dict[str, Any]]:
    big = bench.args.stream_mb * MB
    sizes = [max(big // 4, MB), big]
    cases = {
        "run zeros": run_case(bench, "run zeros", ZEROS),
        "run lines": run_case(bench, "run lines", LINES),
        "logs": logs_case(bench),
        "export": export_case(bench),
        "import": import_case(bench),
        "build": build_case(bench),
    }
    results = []
    for name, make in cases.items():
        for size in sizes:
            note(f"{name}, {size // MB} MB")
            results.append(time_stream(bench, make(size), size))
    return results


def time_stream(bench: Bench, case: StreamCase, size: int) -> dict[str, Any]:
    """One checked run of each tool (its output counted), then the timed
    runs, alternating the tools so that load from elsewhere hits both."""
    tools = {"dkr": bench.dkr, "go": bench.args.docker}
    env = bench.env()
    counted: dict[str, int | None] = {}
    for name, tool in tools.items():
        check = measure(case.argv(tool, 0), env, bench.workspace, count=True)
        case.after_each()
        counted[name] = check.nbytes
    verify_counts(case, size, counted)

    runs: dict[str, list[Measurement]] = {name: [] for name in tools}
    for attempt in range(1, bench.args.stream_runs + 1):
        for name, tool in tools.items():
            runs[name].append(measure(case.argv(tool, attempt), env, bench.workspace))
            case.after_each()
    return {"case": case.name, "size": size, "bytes": counted, "runs": runs}


def verify_counts(case: StreamCase, size: int, counted: dict[str, int | None]) -> None:
    expected = case.expected(size)
    if expected is not None and counted["go"] != expected:
        raise RuntimeError(f"{case.name}: go wrote {counted['go']}, not {expected}")
    if counted["dkr"] != counted["go"]:
        raise RuntimeError(
            f"{case.name}: dkr wrote {counted['dkr']} bytes, go {counted['go']}"
        )


# -- import-time breakdown --------------------------------------------------


IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def import_breakdown(bench: Bench, argv: list[str], repeats: int) -> dict[str, float]:
    """Median self time (ms) of the imports of one command, summed by
    top-level package, over repeats runs of ``python -X importtime``."""
    samples: dict[str, list[float]] = {}
    for _ in range(repeats):
        command = [bench.python, "-X", "importtime", *argv]
        env = bench.env()
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        totals: dict[str, float] = {}
        for match in IMPORT_LINE.finditer(result.stderr):
            package = match.group(4).split(".")[0]
            totals[package] = totals.get(package, 0) + int(match.group(1)) / 1000
        for package, ms in totals.items():
            samples.setdefault(package, []).append(ms)
    return {p: statistics.median(v) for p, v in samples.items()}


def bench_imports(bench: Bench) -> dict[str, dict[str, float]]:
    repeats = 3 if bench.args.quick else 7
    return {
        "dkr ps -a": import_breakdown(bench, [bench.dkr, "ps", "-a"], repeats),
        "floor": import_breakdown(bench, ["-c", "import requests, click"], repeats),
    }


# -- report -----------------------------------------------------------------


def startup_table(startup: dict[str, Any], runs: int) -> Iterator[str]:
    yield (
        f"Start-up-bound commands, {startup['containers']} containers present: "
        f"median wall time (ms) of {runs} runs (hyperfine -N)"
    )
    yield from startup_rows(startup, lambda t: t.median_ms, "{:.0f}")
    yield ""
    yield "The same, as CPU time (user + system, ms): steadier on a busy host"
    yield from startup_rows(startup, lambda t: t.cpu_ms, "{:.0f}")
    python = startup["commands"]["version"]["timings"].get("python")
    if python:
        yield (
            f"(bare interpreter, python -c pass: {python.median_ms:.0f} ms wall, "
            f"{python.cpu_ms:.0f} ms CPU; 'editable': an editable install of "
            "the same snapshot, timed with --editable, for comparison)"
        )
    yield (
        f"target: dkr <= {FLOOR_RATIO}x floor (python -c 'import requests, click')"
        " and < docker-py"
    )


def startup_rows(
    startup: dict[str, Any], value: Callable[[Timing], float], fmt: str
) -> Iterator[str]:
    header = ["command", "floor", "dkr", "docker-py", "go", "dkr/floor"]
    header += ["dkr/docker-py", "dkr/go", "editable", "target"]
    rows = [header]
    for command, data in startup["commands"].items():
        t: dict[str, Timing] = data["timings"]
        dkr, floor, dpy, go = (value(t[k]) for k in ("dkr", "floor", "docker-py", "go"))
        meets = dkr <= FLOOR_RATIO * floor and dkr < dpy
        editable = fmt.format(value(t["dkr-editable"])) if "dkr-editable" in t else "-"
        rows.append(
            [
                command,
                fmt.format(floor),
                fmt.format(dkr),
                fmt.format(dpy),
                f"{go:.1f}",
                f"{dkr / floor:.2f}x",
                f"{dkr / dpy:.2f}x",
                f"{dkr / go:.1f}x",
                editable,
                "meets" if meets else "MISS",
            ]
        )
    yield from format_rows(rows)


@dataclass
class Summary:
    """A tool's runs at one size: median wall and CPU time, highest RSS."""

    wall: float
    cpu: float
    rss: float

    @classmethod
    def of(cls, runs: list[Measurement]) -> Summary:
        return cls(
            statistics.median(m.seconds for m in runs),
            statistics.median(m.cpu_seconds for m in runs),
            max(m.peak_rss_mb for m in runs),
        )


def stream_rows(streams: list[dict[str, Any]]) -> Iterator[list[str]]:
    small = {r["case"]: r for r in streams if r["size"] == streams[0]["size"]}
    for result in streams:
        size_mb = result["size"] / MB
        dkr, go = (Summary.of(result["runs"][k]) for k in ("dkr", "go"))
        growth = dkr.rss - Summary.of(small[result["case"]]["runs"]["dkr"]).rss
        meets = dkr.wall <= go.wall and dkr.rss < RSS_LIMIT_MB and growth <= FLAT_MB
        yield [
            result["case"],
            f"{size_mb:.0f}",
            f"{dkr.wall:.2f}",
            f"{go.wall:.2f}",
            f"{dkr.wall / go.wall:.2f}x",
            f"{size_mb / dkr.wall:.0f}",
            f"{size_mb / go.wall:.0f}",
            f"{dkr.cpu:.2f}",
            f"{go.cpu:.2f}",
            f"{dkr.rss:.1f}",
            f"{go.rss:.1f}",
            "meets" if meets else "MISS",
        ]


def streams_table(streams: list[dict[str, Any]], runs: int) -> Iterator[str]:
    yield (
        f"Streams: median wall time of {runs} runs, the client's own CPU time "
        "(user + system) and its highest peak RSS"
    )
    header = ["case", "MB", "dkr s", "go s", "dkr/go", "dkr MB/s", "go MB/s"]
    header += ["dkr CPU s", "go CPU s", "dkr RSS MB", "go RSS MB", "target"]
    yield from format_rows([header, *stream_rows(streams)])
    yield from marginal_rates(streams)
    yield (
        f"target: dkr time <= go; dkr peak RSS < {RSS_LIMIT_MB:.0f} MB and within "
        f"{FLAT_MB:.0f} MB of its value at the small size (flat)"
    )


def marginal_rates(streams: list[dict[str, Any]]) -> Iterator[str]:
    """Throughput with the fixed costs (start-up, container lifecycle) taken
    out: extra bytes over extra seconds between the two sizes."""
    by_case: dict[str, list[dict[str, Any]]] = {}
    for result in streams:
        by_case.setdefault(result["case"], []).append(result)
    parts = []
    for case, (small, big) in by_case.items():
        extra_mb = (big["size"] - small["size"]) / MB
        rates = []
        for tool in ("dkr", "go"):
            seconds = Summary.of(big["runs"][tool]).wall
            seconds -= Summary.of(small["runs"][tool]).wall
            rates.append(f"{extra_mb / seconds:.0f}" if seconds > 0 else "inf")
        parts.append(f"{case} {rates[0]}/{rates[1]}")
    yield "marginal MB/s between the two sizes (dkr/go): " + ", ".join(parts)


def imports_table(imports: dict[str, dict[str, float]]) -> Iterator[str]:
    yield "Import self time by top-level package (ms, median of -X importtime runs)"
    dkr, floor = imports["dkr ps -a"], imports["floor"]
    ranked = sorted(dkr, key=lambda p: dkr[p] - floor.get(p, 0), reverse=True)
    rows = [["package", "dkr ps -a", "floor", "extra"]]
    for package in ranked[:12]:
        own, base = dkr[package], floor.get(package, 0.0)
        rows.append([package, f"{own:.1f}", f"{base:.1f}", f"{own - base:+.1f}"])
    total, base_total = sum(dkr.values()), sum(floor.values())
    rows.append(["total", f"{total:.1f}", f"{base_total:.1f}", ""])
    yield from format_rows(rows)


def format_rows(rows: list[list[str]]) -> Iterator[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        pairs = zip(row, widths, strict=True)
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(pairs)]
        yield "  ".join(cells)


def report(bench: Bench, results: dict[str, Any]) -> None:
    print()
    print(
        f"dkr {results['dkr_version']} from {ROOT}, installed non-editable in a "
        f"throw-away venv; Go CLI {results['go_version']}; docker-py "
        f"{results['docker_py_version']}; engine {bench.host}"
    )
    print(
        f"load average (1 min) on this {os.cpu_count()}-CPU machine: "
        + ", ".join(f"{k} {v:.1f}" for k, v in results["load"].items())
        + "; above the CPU count, wall times are inflated by other work"
    )
    sections: list[Iterator[str]] = []
    if "startup" in results:
        runs = bench.args.rounds * bench.args.runs
        sections.append(startup_table(results["startup"], runs))
    if "streams" in results:
        sections.append(streams_table(results["streams"], bench.args.stream_runs))
    if "imports" in results:
        sections.append(imports_table(results["imports"]))
    for lines in sections:
        print()
        for line in lines:
            print(line)


# -- main -------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--containers", type=int, help="for ps -a (default 1000)")
    parser.add_argument("--stream-mb", type=int, help="big stream size (default 200)")
    parser.add_argument("--quick", action="store_true", help="a smaller, faster run")
    parser.add_argument("--only", choices=["startup", "streams"], help="one part")
    parser.add_argument("--json", metavar="FILE", help="also save raw results")
    parser.add_argument("--docker", default=shutil.which("docker") or "docker")
    parser.add_argument("--python", default=os.path.realpath(sys.executable))
    parser.add_argument(
        "--editable",
        action="store_true",
        help="also time an editable install of the same snapshot",
    )
    args = parser.parse_args(argv)
    if args.json:
        args.json = os.path.abspath(args.json)  # we chdir to a scratch directory
    quick = args.quick
    args.containers = args.containers or (200 if quick else 1000)
    args.stream_mb = args.stream_mb or (40 if quick else 200)
    # hyperfine rounds x runs per round (plus warm-up runs in each round)
    args.rounds, args.runs, args.warmup = (2, 3, 1) if quick else (5, 6, 2)
    args.stream_runs = 1 if quick else 3
    return args


def engine_socket(host: str) -> str:
    """The socket path of DOCKER_HOST, refusing anything but a private
    unix socket: the machine's own /var/run/docker.sock is never touched."""
    if not host.startswith("unix://"):
        raise SystemExit(f"dkr benchmark: only unix:// hosts, not {host}")
    path = host.removeprefix("unix://")
    if os.path.realpath(path) == os.path.realpath("/var/run/docker.sock"):
        raise SystemExit("dkr benchmark: refusing the machine's own docker socket")
    return path


def preflight(bench: Bench) -> dict[str, Any]:
    for tool in ("hyperfine", bench.args.docker, TIME):
        if not shutil.which(tool):
            raise SystemExit(f"dkr benchmark: {tool} is not installed")
    try:
        bench.engine.call("GET", "/_ping")
    except OSError as error:
        raise SystemExit(
            f"dkr benchmark: no engine at {bench.host} ({error}); start the "
            'test engine with: eval "$(scripts/engine up)"'
        ) from None
    if not bench.engine.image_exists(IMAGE):
        bench.engine.pull(IMAGE)
    (bench.workspace / "config").mkdir()
    go = check_output([bench.args.docker, "version", "-f", "{{.Client.Version}}"],
                      env=bench.env())  # fmt: skip
    return {"go_version": go.strip()}


def tool_versions(bench: Bench) -> dict[str, str]:
    dkr = check_output([bench.dkr, "--version"], env=bench.env())
    docker_py = check_output(
        [bench.python, "-c", "import docker; print(docker.__version__)"],
        env=bench.env(),
    )
    return {"dkr_version": dkr.split()[-1], "docker_py_version": docker_py.strip()}


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    host = os.environ.get("DOCKER_HOST") or DEFAULT_HOST
    engine = Engine(engine_socket(host))
    workspace = Path(tempfile.mkdtemp(prefix="dkrbench-", dir="/tmp"))
    bench = Bench(args, engine, host, workspace)
    # `python -c` puts the working directory first on sys.path: run every
    # tool from the scratch directory, never from a checkout.
    os.chdir(workspace)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))
    try:
        results = preflight(bench)
        build_venvs(bench)
        results.update(tool_versions(bench))
        results["load"] = {"at start": os.getloadavg()[0]}
        if args.only in (None, "startup"):
            results["startup"] = bench_startup(bench)
            results["imports"] = bench_imports(bench)
            results["load"]["after start-up"] = os.getloadavg()[0]
        if args.only in (None, "streams"):
            results["streams"] = bench_streams(bench)
            results["load"]["after streams"] = os.getloadavg()[0]
        report(bench, results)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2, default=vars))
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        bench.cleanup()


if __name__ == "__main__":
    main()
