"""A fake Docker daemon speaking the 2013 Remote API v1.2 dialect, for unit tests."""

# The wire format follows the Remote API v1.2 document (shared/seed):
# unversioned paths, plain-text errors as Go's http.Error wrote them, short
# ids where the document shows them, raw (unmultiplexed) hijacked attach
# streams and JSON-lines progress streams. Containers run a tiny fake program
# instead of a process (see run_program and PROGRAMS); stop ends a blocked
# program with STOP_EXIT_CODE (0), kill with KILL_EXIT_CODE (137), and an
# unknown command exits 127. Standard library only.

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import posixpath
import re
import shlex
import shutil
import socket
import socketserver
import sys
import tarfile
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import Message
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

BASE_ID = "27cf784147099545ceb3f9aa251042d476206d66db2a4be2d31387d2a7c0ef74"
BUSYBOX_ID = "b750fe79269d2ec9a3c593ef05b4332b1d1a02a62b4accb2c21d589ff2f5f2dc"
VERSION = {"Version": "0.2.2", "GitCommit": "5a2a5cc+CHANGES", "GoVersion": "go1.0.3"}

STOP_EXIT_CODE = 0
KILL_EXIT_CODE = 137
NOT_FOUND_EXIT_CODE = 127

RAW_STREAM = "application/vnd.docker.raw-stream"
JSON = "application/json"
TEXT_ERROR = "text/plain; charset=utf-8"
MALFORMED_JSON = b'{"Id": '
FAULTS = ("malformed-json", "drop", "slow", "500")
REMOVE_RUNNING = "Impossible to remove a running container, please stop it first"

# The spec's timestamps carry a +02:00 offset; keep one so clients parse offsets.
TZ = timezone(timedelta(hours=2))
GO_ZERO_TIME = "0001-01-01T00:00:00Z"
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 section 1.3

# Field order and zero values of a v1.2 container config, as the spec shows it.
CONFIG_FIELDS: dict[str, tuple[type, Any]] = {
    "Hostname": (str, ""),
    "User": (str, ""),
    "Memory": (int, 0),
    "MemorySwap": (int, 0),
    "AttachStdin": (bool, False),
    "AttachStdout": (bool, False),
    "AttachStderr": (bool, False),
    "PortSpecs": (list, None),
    "Tty": (bool, False),
    "OpenStdin": (bool, False),
    "StdinOnce": (bool, False),
    "Env": (list, None),
    "Cmd": (list, None),
    "Dns": (list, None),
    "Image": (str, ""),
    "Volumes": (dict, None),
    "VolumesFrom": (str, ""),
}

SEARCH_INDEX = {
    "busybox": "The smallest useful Linux userland",
    "ubuntu": "Ubuntu base image",
    "centos": "CentOS base image",
    "cespare/sshd": "",
    "johnfuller/sshd": "",
    "dhrp/mongodb-sshd": "",
}


class HttpError(Exception):
    """An error answered as Go's http.Error did: a status and a text line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Killed(Exception):
    """The fake program was stopped or killed while it was blocked."""


class _ExitScript(Exception):
    """``exit N`` inside a fake ``sh`` script."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


# --------------------------------------------------------------------------
# State


@dataclass
class Image:
    """One image (layer) in the fake graph."""

    id: str
    parent: str | None
    created: float
    size: int = 0
    container: str = ""
    container_config: dict[str, Any] | None = None
    config: dict[str, Any] | None = None
    comment: str = ""
    author: str = ""
    files: dict[str, bytes | None] = field(default_factory=dict)

    @property
    def short_id(self) -> str:
        return self.id[:12]


@dataclass
class Pipe:
    """A container's stdin: chunks written by attach clients, then EOF."""

    chunks: deque[bytes] = field(default_factory=deque)
    closed: bool = False


@dataclass
class Container:
    """One fake container; ``output`` keeps every write as (stream, bytes)."""

    id: str
    seq: int
    created: float
    config: dict[str, Any]
    image_id: str
    argv: list[str]
    running: bool = False
    pid: int = 0
    exit_code: int = 0
    started_at: float | None = None
    finished_at: float | None = None
    output: list[tuple[str, bytes]] = field(default_factory=list)
    stdin: Pipe = field(default_factory=Pipe)
    stdin_received: bytearray = field(default_factory=bytearray)
    added: dict[str, bytes] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    ports: dict[str, str] = field(default_factory=dict)
    ip: str = ""
    run_count: int = 0
    finished_count: int = 0
    stop_code: int | None = None
    removed_volumes: bool = False

    @property
    def short_id(self) -> str:
        return self.id[:12]

    def stream_bytes(self, stream: str) -> bytes:
        """All bytes the container wrote to ``stream`` ("stdout"/"stderr")."""
        return b"".join(data for name, data in self.output if name == stream)

    @property
    def stdout(self) -> bytes:
        return self.stream_bytes("stdout")

    @property
    def stderr(self) -> bytes:
        return self.stream_bytes("stderr")


@dataclass
class RecordedRequest:
    """What a client sent; ``headers`` is a case-insensitive Message."""

    method: str
    path: str
    query: dict[str, str]
    headers: Message
    body: bytes
    target: str
    conn_id: int


@dataclass
class DaemonState:
    """Everything the fake daemon knows; guard changes with ``lock``."""

    images: dict[str, Image] = field(default_factory=dict)
    repositories: dict[str, dict[str, str]] = field(default_factory=dict)
    containers: dict[str, Container] = field(default_factory=dict)
    registry: dict[str, str] = field(default_factory=lambda: dict(SEARCH_INDEX))
    remote_dockerfiles: dict[str, str] = field(default_factory=dict)
    pulls: list[dict[str, Any]] = field(default_factory=list)
    imports: list[dict[str, Any]] = field(default_factory=list)
    pushes: list[dict[str, Any]] = field(default_factory=list)
    inserts: list[dict[str, Any]] = field(default_factory=list)
    builds: list[dict[str, Any]] = field(default_factory=list)
    logins: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.RLock = field(default_factory=threading.RLock)
    changed: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self.changed = threading.Condition(self.lock)

    def tags_of(self, image_id: str) -> list[str]:
        """The sorted "repo:tag" references that point at ``image_id``."""
        return sorted(
            f"{repo}:{tag}"
            for repo, tags in self.repositories.items()
            for tag, target in tags.items()
            if target == image_id
        )


# --------------------------------------------------------------------------
# Small pure helpers


def go_json(value: Any) -> bytes:
    """Encode like Go's json.Marshal: compact, UTF-8, HTML characters escaped."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.encode()


def format_time(timestamp: float | None) -> str:
    """An RFC 3339 time with microseconds and the spec's +02:00 offset."""
    if timestamp is None:
        return GO_ZERO_TIME
    moment = datetime.fromtimestamp(timestamp, TZ)
    return moment.isoformat(timespec="microseconds")


def human_duration(seconds: float) -> str:
    """The 2013 daemon's wording for "Up ..." durations."""
    secs = int(seconds)
    minutes, hours = secs // 60, secs // 3600
    if secs < 1:
        return "Less than a second"
    if secs < 60:
        return f"{secs} seconds"
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    return f"{hours // 24} days"


def split_reference(reference: str) -> tuple[str, str]:
    """Split "repo:tag" (the repo may hold a registry host:port) into parts."""
    repo, sep, tag = reference.rpartition(":")
    if not sep or "/" in tag:
        return reference, ""
    return repo, tag


def parse_bool(name: str, value: str | None) -> bool:
    """The spec's boolean parameter: 1/True/true or 0/False/false."""
    if value is None or value in ("", "0") or value.lower() == "false":
        return False
    if value == "1" or value.lower() == "true":
        return True
    raise HttpError(400, f"Bad parameter: {name}={value}")


def normalize_config(raw: Any) -> dict[str, Any]:
    """A v1.2 container config in spec order; Go dropped unknown keys."""
    if not isinstance(raw, dict):
        got = type(raw).__name__
        raise HttpError(500, f"json: cannot unmarshal {got} into docker.Config")
    config = {key: default for key, (_, default) in CONFIG_FIELDS.items()}
    for key, (kind, _default) in CONFIG_FIELDS.items():
        value = raw.get(key)
        if value is not None:
            _check_type(key, kind, value)
            config[key] = value
    return config


GO_KINDS = {str: "string", int: "number", float: "number", bool: "bool"}
GO_KINDS.update({list: "array", dict: "object"})


def _check_type(key: str, kind: type, value: Any) -> None:
    ok = type(value) is kind if kind in (bool, int) else isinstance(value, kind)
    if ok and kind is list:
        ok = all(isinstance(item, str) for item in value)
    if not ok:
        got = GO_KINDS.get(type(value), "value")
        message = f"json: cannot unmarshal {got} into Go value of type {key}"
        raise HttpError(500, message)


def normalize_path(path: str) -> str:
    """A filesystem path as stored here: relative, no trailing slash."""
    return posixpath.normpath("/" + path).lstrip("/")


def parents_of(path: str) -> list[str]:
    """The directories above ``path``, outermost first."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def make_tar(files: dict[str, bytes | None], mtime: float) -> bytes:
    """A tar archive of ``files`` (None marks a directory)."""
    everything = dict(files)
    for path in list(files):
        for parent in parents_of(path):
            everything.setdefault(parent, None)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for path in sorted(everything):
            _add_tar_member(archive, path, everything[path], mtime)
    return buffer.getvalue()


def _add_tar_member(
    archive: tarfile.TarFile, path: str, content: bytes | None, mtime: float
) -> None:
    info = tarfile.TarInfo(path)
    info.mtime = int(mtime)
    if content is None:
        info.type, info.mode = tarfile.DIRTYPE, 0o755
        archive.addfile(info)
        return
    info.size, info.mode = len(content), 0o644
    archive.addfile(info, io.BytesIO(content))


def read_tar(data: bytes) -> dict[str, bytes | None]:
    """The files of a tar archive; raises tarfile.TarError when it is not one."""
    files: dict[str, bytes | None] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        for member in archive.getmembers():
            path = normalize_path(member.name)
            if not path:
                continue
            if member.isdir():
                files[path] = None
                continue
            extracted = archive.extractfile(member) if member.isfile() else None
            files[path] = extracted.read() if extracted else b""
    return files


def ws_frame(opcode: int, payload: bytes) -> bytes:
    """One unmasked, final server frame (RFC 6455 section 5.2)."""
    size = len(payload)
    if size < 126:
        header = bytes([0x80 | opcode, size])
    elif size < 1 << 16:
        header = bytes([0x80 | opcode, 126]) + size.to_bytes(2, "big")
    else:
        header = bytes([0x80 | opcode, 127]) + size.to_bytes(8, "big")
    return header + payload


def read_ws_frame(stream: io.BufferedIOBase) -> tuple[int, bytes] | None:
    """Read one (possibly masked) frame; None at end of stream."""
    head = stream.read(2)
    if len(head) < 2:
        return None
    opcode, size = head[0] & 0x0F, head[1] & 0x7F
    if size == 126:
        size = int.from_bytes(stream.read(2), "big")
    elif size == 127:
        size = int.from_bytes(stream.read(8), "big")
    mask = stream.read(4) if head[1] & 0x80 else b""
    payload = stream.read(size)
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return opcode, payload


def ws_accept(key: str) -> str:
    """The Sec-WebSocket-Accept value for a client key (RFC 6455 4.2.2)."""
    digest = hashlib.sha1((key + WS_GUID).encode()).digest()
    return base64.b64encode(digest).decode()


# --------------------------------------------------------------------------
# The fake programs


class Proc:
    """What a fake program can do; the base class is a build-time RUN."""

    hostname = "buildhost"

    def __init__(self) -> None:
        self.output: list[tuple[str, bytes]] = []
        self.files: dict[str, bytes | None] = {}
        self.base: dict[str, bytes | None] = {}

    def out(self, data: bytes) -> None:
        self.output.append(("stdout", data))

    def err(self, data: bytes) -> None:
        self.output.append(("stderr", data))

    def read(self) -> bytes | None:
        """The next stdin chunk, or None at EOF (a build has no stdin)."""
        return None

    def block(self) -> None:
        """Wait to be stopped; a build step does not wait."""

    def read_file(self, path: str) -> bytes | None:
        path = normalize_path(path)
        return self.files.get(path, self.base.get(path))

    def touch(self, path: str) -> None:
        self.files.setdefault(normalize_path(path), b"")

    def remove(self, path: str) -> bool:
        self.files.pop(normalize_path(path), None)
        return True


def run_program(argv: list[str], proc: Proc) -> int:
    """Interpret ``argv`` as one of the fake commands; return its exit code."""
    if not argv:
        proc.err(b"No command specified\n")
        return NOT_FOUND_EXIT_CODE
    program = PROGRAMS.get(argv[0].rsplit("/", 1)[-1])
    if program is None:
        message = f'exec: "{argv[0]}": executable file not found\n'
        proc.err(message.encode())
        return NOT_FOUND_EXIT_CODE
    return program(argv[1:], proc)


def _echo(args: list[str], proc: Proc) -> int:
    newline = not args or args[0] != "-n"
    text = " ".join(args if newline else args[1:])
    proc.out((text + ("\n" if newline else "")).encode())
    return 0


def _sh(args: list[str], proc: Proc) -> int:
    if args[:1] == ["-c"]:
        try:
            return run_script(args[1] if len(args) > 1 else "", proc)
        except _ExitScript as done:
            return done.code
    return _interactive_sh(proc)


def _interactive_sh(proc: Proc) -> int:
    pending, status = b"", 0
    try:
        while (chunk := proc.read()) is not None:
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                status = run_script(line.decode(errors="replace"), proc)
        if pending.strip():
            status = run_script(pending.decode(errors="replace"), proc)
    except _ExitScript as done:
        return done.code
    return status


def run_script(script: str, proc: Proc) -> int:
    """Run ``a; b && c || d`` made of fake commands; ``exit N`` ends it."""
    try:
        lexer = shlex.shlex(script, posix=True, punctuation_chars=";&|")
        tokens = list(lexer)
    except ValueError as error:
        proc.err(f"sh: syntax error: {error}\n".encode())
        return 2
    status, command, skip = 0, [], False
    for token in [*tokens, ";"]:
        if token not in (";", "&&", "||"):
            command.append(token)
            continue
        if command and not skip:
            status = _run_command(command, status, proc)
        skip = (token == "&&") == (status != 0) if token != ";" else False
        command = []
    return status


def _run_command(command: list[str], status: int, proc: Proc) -> int:
    if command[0] != "exit":
        return run_program(command, proc)
    if len(command) == 1:
        raise _ExitScript(status)
    try:
        raise _ExitScript(int(command[1]) & 0xFF)
    except ValueError:
        proc.err(f"sh: exit: Illegal number: {command[1]}\n".encode())
        raise _ExitScript(2) from None


def _cat(args: list[str], proc: Proc) -> int:
    status = 0
    for path in args:
        content = proc.read_file(path)
        if content is None:
            proc.err(f"cat: can't open '{path}': No such file\n".encode())
            status = 1
        else:
            proc.out(content)
    if not args:
        while (chunk := proc.read()) is not None:
            proc.out(chunk)
    return status


def _sleep(args: list[str], proc: Proc) -> int:
    proc.block()
    return 0


def _printf_bytes(args: list[str], proc: Proc) -> int:
    try:
        proc.out(bytes.fromhex("".join(args)))
    except ValueError:
        proc.err(b"printf-bytes: invalid hex\n")
        return 1
    return 0


def _stderr(args: list[str], proc: Proc) -> int:
    proc.err((" ".join(args) + "\n").encode())
    return 0


def _touch(args: list[str], proc: Proc) -> int:
    for path in args:
        proc.touch(path)
    return 0


def _rm(args: list[str], proc: Proc) -> int:
    status = 0
    for path in args:
        if not proc.remove(path):
            proc.err(f"rm: can't remove '{path}': No such file\n".encode())
            status = 1
    return status


def _constant(code: int) -> Callable[[list[str], Proc], int]:
    return lambda args, proc: code


def _printer(text: Callable[[Proc], str]) -> Callable[[list[str], Proc], int]:
    def program(args: list[str], proc: Proc) -> int:
        proc.out(text(proc).encode())
        return 0

    return program


PROGRAMS: dict[str, Callable[[list[str], Proc], int]] = {
    "echo": _echo,
    "sh": _sh,
    "bash": _sh,
    "cat": _cat,
    "sleep": _sleep,
    "printf-bytes": _printf_bytes,
    "stderr": _stderr,
    "true": _constant(0),
    "false": _constant(1),
    "date": _printer(lambda proc: "Tue May  7 12:51:42 UTC 2013\n"),
    "hostname": _printer(lambda proc: proc.hostname + "\n"),
    "touch": _touch,
    "rm": _rm,
}


class ContainerProc(Proc):
    """The fake program's view of a running container."""

    def __init__(self, daemon: FakeDaemon, container: Container) -> None:
        super().__init__()
        self.daemon = daemon
        self.container = container
        self.stdin = container.stdin
        config = container.config
        self.stdin_open = bool(config["OpenStdin"] or config["AttachStdin"])
        self.hostname = config["Hostname"]
        self.settled = threading.Event()

    def out(self, data: bytes) -> None:
        self.daemon.emit(self.container, "stdout", data)

    def err(self, data: bytes) -> None:
        self.daemon.emit(self.container, "stderr", data)

    def _check_killed(self) -> None:
        if self.container.stop_code is not None or self.daemon.closed:
            raise _Killed

    def read(self) -> bytes | None:
        with self.daemon.state.changed:
            while True:
                self._check_killed()
                if not self.stdin_open:
                    return None
                if self.stdin.chunks:
                    return self.stdin.chunks.popleft()
                if self.stdin.closed:
                    return None
                self.settled.set()
                self.daemon.state.changed.wait(1.0)

    def block(self) -> None:
        with self.daemon.state.changed:
            while True:
                self._check_killed()
                self.settled.set()
                self.daemon.state.changed.wait(1.0)

    def read_file(self, path: str) -> bytes | None:
        path = normalize_path(path)
        if path in self.container.deleted:
            return None
        if path in self.container.added:
            return self.container.added[path]
        return self.daemon.image_files(self.container.image_id).get(path)

    def touch(self, path: str) -> None:
        path = normalize_path(path)
        with self.daemon.state.lock:
            self.container.deleted.discard(path)
            self.container.added.setdefault(path, b"")

    def remove(self, path: str) -> bool:
        path = normalize_path(path)
        with self.daemon.state.lock:
            if self.read_file(path) is None:
                return False
            self.container.added.pop(path, None)
            self.container.deleted.add(path)
            return True


# --------------------------------------------------------------------------
# HTTP


ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    (method, re.compile(pattern), name)
    for method, pattern, name in [
        ("GET", r"/version", "version"),
        ("GET", r"/info", "info"),
        ("GET", r"/containers/json", "containers_list"),
        ("GET", r"/containers/(?P<ref>[^/]+)/json", "container_inspect"),
        ("GET", r"/containers/(?P<ref>[^/]+)/changes", "container_changes"),
        ("GET", r"/containers/(?P<ref>[^/]+)/export", "container_export"),
        ("GET", r"/containers/(?P<ref>[^/]+)/attach/ws", "container_attach_ws"),
        ("POST", r"/containers/create", "container_create"),
        ("POST", r"/containers/(?P<ref>[^/]+)/start", "container_start"),
        ("POST", r"/containers/(?P<ref>[^/]+)/stop", "container_stop"),
        ("POST", r"/containers/(?P<ref>[^/]+)/restart", "container_restart"),
        ("POST", r"/containers/(?P<ref>[^/]+)/kill", "container_kill"),
        ("POST", r"/containers/(?P<ref>[^/]+)/attach", "container_attach"),
        ("POST", r"/containers/(?P<ref>[^/]+)/wait", "container_wait"),
        ("DELETE", r"/containers/(?P<ref>[^/]+)", "container_delete"),
        ("GET", r"/images/json", "images_list"),
        ("GET", r"/images/viz", "images_viz"),
        ("GET", r"/images/search", "images_search"),
        ("GET", r"/images/(?P<name>.+)/json", "image_inspect"),
        ("GET", r"/images/(?P<name>.+)/history", "image_history"),
        ("POST", r"/images/create", "image_create"),
        ("POST", r"/images/(?P<name>.+)/insert", "image_insert"),
        ("POST", r"/images/(?P<name>.+)/push", "image_push"),
        ("POST", r"/images/(?P<name>.+)/tag", "image_tag"),
        ("DELETE", r"/images/(?P<name>.+)", "image_delete"),
        ("POST", r"/build", "build"),
        ("POST", r"/auth", "auth"),
        ("POST", r"/commit", "commit"),
    ]
]
HIJACKING_ROUTES = {"container_attach", "container_attach_ws"}


def match_route(method: str, path: str) -> tuple[str, dict[str, str]] | None:
    """The handler name and unquoted path parameters for a request."""
    for route_method, pattern, name in ROUTES:
        found = pattern.fullmatch(path)
        if found and route_method == method:
            return name, {k: unquote(v) for k, v in found.groupdict().items()}
    return None


class _Server(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, path: str, fake: FakeDaemon) -> None:
        self.fake = fake
        super().__init__(path, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError | ValueError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    # -- plumbing ----------------------------------------------------------

    def setup(self) -> None:
        super().setup()
        self.fake = self.server.fake
        self.conn_id = self.fake.register_connection(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.fake.unregister_connection(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the unix socket has no client address to log."""

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_OPTIONS(self) -> None:
        self._serve()

    def _serve(self) -> None:
        self.responded = False
        self.malformed = False
        try:
            self._dispatch()
        except HttpError as error:
            self._answer_error(error.status, error.message)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as error:  # a bug in the fake: say so to the client
            self._answer_error(500, f"fake daemon bug: {error!r}")
            raise

    def _answer_error(self, status: int, message: str) -> None:
        if self.responded:
            self.close_connection = True
        else:
            self.send_text(status, message)

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        self.query = dict(parse_qsl(parts.query, keep_blank_values=True))
        route = match_route(self.command, parts.path)
        hijacks = route is not None and route[0] in HIJACKING_ROUTES
        self.body = b"" if hijacks else self._read_body()
        self.fake.record(self, parts.path)
        if self._inject_fault(parts.path):
            return
        if route is None:
            self.send_text(404, "404 page not found")
            return
        name, params = route
        getattr(self, "route_" + name)(**params)

    def _inject_fault(self, path: str) -> bool:
        fault = self.fake.fault_for(path)
        if fault == "slow":
            time.sleep(self.fake.slow_seconds)
        elif fault == "drop":
            self.close_connection = True
            return True
        elif fault == "500":
            self.send_text(500, "Internal server error: boom")
            return True
        self.malformed = fault == "malformed-json"
        return False

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        try:
            return self.rfile.read(int(length))
        except ValueError:
            self.close_connection = True
            raise HttpError(400, "Bad Content-Length") from None

    def _read_chunked(self) -> bytes:
        body = bytearray()
        while True:
            line = self.rfile.readline(65537)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                self.close_connection = True
                raise HttpError(400, "Bad chunked encoding") from None
            if size == 0:
                break
            body += self.rfile.read(size)
            self.rfile.readline(3)
        while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
            pass  # trailer fields
        return bytes(body)

    # -- answers -----------------------------------------------------------

    def _begin(self, status: int, headers: Iterable[tuple[str, str]]) -> None:
        self.send_response_only(status)
        self.send_header("Date", self.date_time_string())
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.responded = True

    def send_body(self, status: int, body: bytes, content_type: str | None) -> None:
        headers = [("Content-Type", content_type)] if content_type else []
        if status != 204:
            headers.append(("Content-Length", str(len(body))))
        self._begin(status, headers)
        if body and status != 204 and self.command != "HEAD":
            self.wfile.write(body)

    def send_text(self, status: int, message: str) -> None:
        """Go's http.Error: the message and a newline, as text/plain."""
        self.send_body(status, (message + "\n").encode(), TEXT_ERROR)

    def send_json(self, status: int, value: Any, content_type: str = JSON) -> None:
        body = MALFORMED_JSON if self.malformed else go_json(value)
        self.send_body(status, body, content_type)

    def send_empty(self, status: int) -> None:
        self.send_body(status, b"", None)

    def begin_chunked(self, content_type: str) -> None:
        headers = [("Content-Type", content_type), ("Transfer-Encoding", "chunked")]
        self._begin(200, headers)

    def write_chunk(self, data: bytes) -> None:
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def end_chunked(self) -> None:
        self.wfile.write(b"0\r\n\r\n")

    def send_json_stream(self, messages: Iterable[dict[str, Any]]) -> None:
        """A 200 chunked stream of JSON messages, one per line."""
        self.begin_chunked(JSON)
        for message in messages:
            if self.malformed:
                self.write_chunk(b'{"status": ')
                break
            self.write_chunk(go_json(message) + self.fake.json_separator)
        self.end_chunked()

    def hijack(self, content_type: str) -> None:
        """Answer as the 2013 hijacking handlers did, then own the socket."""
        head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n"
        self.wfile.write(head.encode())
        self.responded = True
        self.close_connection = True

    def end_hijack(self, reader: threading.Thread | None) -> None:
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_WR)
        if reader is not None:
            reader.join(timeout=2.0)

    # -- parameters --------------------------------------------------------

    def flag(self, name: str) -> bool:
        return parse_bool(name, self.query.get(name))

    def number(self, name: str, default: int) -> int:
        value = self.query.get(name, "")
        try:
            return int(value) if value else default
        except ValueError:
            raise HttpError(400, f"Bad parameter: {name}={value}") from None

    def json_body(self) -> Any:
        if not self.body.strip():
            raise HttpError(500, "EOF")
        try:
            return json.loads(self.body)
        except ValueError as error:
            raise HttpError(500, f"invalid JSON: {error}") from None

    def container(self, ref: str) -> Container:
        return self.fake.container(ref)

    def image(self, name: str) -> Image:
        return self.fake.image(name)

    # -- misc --------------------------------------------------------------

    def route_version(self) -> None:
        self.send_json(200, VERSION)

    def route_info(self) -> None:
        state = self.fake.state
        with state.lock:
            info = {
                "Containers": len(state.containers),
                "Images": len(state.images),
                "Debug": False,
                "NFd": 11,
                "NGoroutines": 21,
                "MemoryLimit": True,
                "SwapLimit": False,
            }
        self.send_json(200, info)

    def route_auth(self) -> None:
        credentials = self.json_body()
        if not isinstance(credentials, dict):
            raise HttpError(500, "json: cannot unmarshal into auth.AuthConfig")
        self.fake.state.logins.append(dict(credentials))
        user = credentials.get("username")
        if (user, credentials.get("password")) != self.fake.credentials:
            raise HttpError(401, "Wrong login/password, please try again")
        self.send_json(200, {"Status": "Login Succeeded"})

    def route_commit(self) -> None:
        container = self.container(self.query.get("container", ""))
        overrides: dict[str, Any] = {}
        if self.body.strip():
            raw = self.json_body()
            valid = normalize_config(raw)
            overrides = {key: valid[key] for key in raw if key in CONFIG_FIELDS}
        image = self.fake.commit(container, overrides, self.query)
        # The spec really labels this JSON answer as a raw stream.
        self.send_json(201, {"Id": image.short_id}, RAW_STREAM)

    def route_build(self) -> None:
        dockerfile, context = self._build_input()
        tag = self.query.get("t", "")
        self.hijack("text/plain")
        for line in self.fake.build(dockerfile, context, tag):
            self.wfile.write(line.encode())

    def _build_input(self) -> tuple[str, dict[str, bytes | None]]:
        remote = self.query.get("remote")
        if remote and not self.body:
            text = self.fake.state.remote_dockerfiles.get(remote)
            if text is None:
                raise HttpError(500, f"Error trying to use git: {remote}")
            return text, {}
        try:
            context = read_tar(self.body)
        except tarfile.TarError:
            return self._plain_dockerfile(), {}
        dockerfile = context.get("Dockerfile")
        if not dockerfile:
            raise HttpError(500, "Can't build a directory with no Dockerfile")
        return dockerfile.decode(errors="replace"), context

    def _plain_dockerfile(self) -> str:
        text = self.body.decode(errors="replace")
        if not text.strip():
            raise HttpError(500, "Can't build a directory with no Dockerfile")
        return text

    # -- containers --------------------------------------------------------

    def route_containers_list(self) -> None:
        show_all = self.flag("all")
        limit = self.number("limit", -1)
        since = self._optional_container("since")
        before = self._optional_container("before")
        listed = self.fake.list_containers(show_all, limit, since, before)
        self.send_json(200, [self.fake.container_summary(c) for c in listed])

    def _optional_container(self, name: str) -> str | None:
        ref = self.query.get(name)
        if not ref:
            return None
        try:
            return self.container(ref).id
        except HttpError:
            raise HttpError(400, f"No such container: {ref}") from None

    def route_container_create(self) -> None:
        container = self.fake.create(normalize_config(self.json_body()))
        self.send_json(201, {"Id": container.short_id, "Warnings": []})

    def route_container_inspect(self, ref: str) -> None:
        self.send_json(200, self.fake.container_details(self.container(ref)))

    def route_container_changes(self, ref: str) -> None:
        self.send_json(200, self.fake.changes(self.container(ref)))

    def route_container_export(self, ref: str) -> None:
        container = self.container(ref)
        archive = make_tar(self.fake.container_files(container), container.created)
        self.begin_chunked("application/octet-stream")
        for start in range(0, len(archive), 4096):
            self.write_chunk(archive[start : start + 4096])
        self.end_chunked()

    def route_container_start(self, ref: str) -> None:
        self.fake.start_container(ref)
        self.send_body(200, b"", None)

    def route_container_stop(self, ref: str) -> None:
        self.number("t", 10)
        self.fake.stop_container(self.container(ref), STOP_EXIT_CODE)
        self.send_empty(204)

    def route_container_restart(self, ref: str) -> None:
        self.number("t", 10)
        container = self.container(ref)
        self.fake.stop_container(container, STOP_EXIT_CODE)
        self.fake.start_container(container.id)
        self.send_empty(204)

    def route_container_kill(self, ref: str) -> None:
        self.fake.stop_container(self.container(ref), KILL_EXIT_CODE)
        self.send_empty(204)

    def route_container_wait(self, ref: str) -> None:
        code = self.fake.wait_container(self.container(ref))
        self.send_json(200, {"StatusCode": code})

    def route_container_delete(self, ref: str) -> None:
        container = self.container(ref)
        self.fake.remove_container(container, self.flag("v"))
        self.send_empty(204)

    def _attach_params(self) -> tuple[set[str], bool, bool, bool]:
        streams = {name for name in ("stdout", "stderr") if self.flag(name)}
        return streams, self.flag("logs"), self.flag("stream"), self.flag("stdin")

    def route_container_attach(self, ref: str) -> None:
        container = self.container(ref)
        streams, logs, stream, stdin = self._attach_params()
        pipe = container.stdin
        self.hijack(RAW_STREAM)
        output = self.fake.follow(container, streams, logs, stream)
        reader = None
        if stdin and stream and not self.fake.has_exited(container):
            reader = self._spawn(self._pump_raw_stdin, container, pipe)
        try:
            for data in output:
                self.wfile.write(data)
        finally:
            self.end_hijack(reader)

    def _spawn(self, target: Callable[..., None], *args: Any) -> threading.Thread:
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        return thread

    def _pump_raw_stdin(self, container: Container, pipe: Pipe) -> None:
        try:
            while data := self.rfile.read1(65536):
                self.fake.feed_stdin(container, pipe, data)
        except (OSError, ValueError):
            pass
        finally:
            self.fake.close_stdin(pipe)

    def route_container_attach_ws(self, ref: str) -> None:
        container = self.container(ref)
        streams, logs, stream, stdin = self._attach_params()
        key = self.headers.get("Sec-WebSocket-Key")
        if not key or "websocket" not in self.headers.get("Upgrade", "").lower():
            raise HttpError(400, "Bad Request")
        self._ws_handshake(key)
        feed = stdin and stream and not self.fake.has_exited(container)
        session = _WebSocketSession(self, container, feed)
        cancelled = session.cancelled
        output = self.fake.follow(container, streams, logs, stream, cancelled)
        reader = self._spawn(session.pump_frames)
        try:
            for data in output:
                session.send(self.fake.ws_opcode, data)
            session.send_close()
        finally:
            self.end_hijack(reader)

    def _ws_handshake(self, key: str) -> None:
        head = (
            "HTTP/1.1 101 Switching Protocols\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {ws_accept(key)}\r\n\r\n"
        )
        self.wfile.write(head.encode())
        self.responded = True
        self.close_connection = True

    # -- images ------------------------------------------------------------

    def route_images_list(self) -> None:
        self.send_json(200, self.fake.image_summaries(self.flag("all")))

    def route_images_viz(self) -> None:
        self.send_body(200, self.fake.viz().encode(), "text/plain")

    def route_images_search(self) -> None:
        term = self.query.get("term", "").lower()
        found = [
            {"Name": name, "Description": description}
            for name, description in self.fake.state.registry.items()
            if term in name.lower()
        ]
        self.send_json(200, found)

    def route_image_inspect(self, name: str) -> None:
        self.send_json(200, self.fake.image_details(self.image(name)))

    def route_image_history(self, name: str) -> None:
        self.send_json(200, self.fake.history(self.image(name)))

    def route_image_create(self) -> None:
        source = self.query.get("fromSrc")
        if self.query.get("fromImage"):
            self.send_json_stream(self.fake.pull(self.query))
        elif source == "-":
            self.send_json_stream(self.fake.import_tar(self.body, self.query))
        elif source:
            self.send_json_stream(self.fake.import_url(source, self.query))
        else:
            raise HttpError(500, "Either fromImage or fromSrc is required")

    def route_image_insert(self, name: str) -> None:
        image = self.image(name)
        url, path = self.query.get("url", ""), self.query.get("path", "")
        self.send_json_stream(self.fake.insert(image, url, path))

    def route_image_push(self, name: str) -> None:
        if name not in self.fake.state.repositories:
            self.image(name)
        auth = self._optional_json()
        self.send_json_stream(self.fake.push(name, auth, self.query))

    def _optional_json(self) -> Any:
        try:
            return json.loads(self.body) if self.body.strip() else None
        except ValueError:
            return None

    def route_image_tag(self, name: str) -> None:
        image = self.image(name)
        repo = self.query.get("repo", "")
        if not repo:
            raise HttpError(400, "Bad parameter: repo is required")
        tag = self.query.get("tag") or "latest"
        self.fake.tag(image, repo, tag, self.flag("force"))
        self.send_empty(201)

    def route_image_delete(self, name: str) -> None:
        self.send_json(200, self.fake.delete_image(name))


class _WebSocketSession:
    """Frame I/O for one /attach/ws connection, shared by two threads."""

    def __init__(self, handler: _Handler, container: Container, feed: bool) -> None:
        self.handler = handler
        self.container = container
        self.pipe = container.stdin
        self.feed = feed
        self.write_lock = threading.Lock()
        self.cancelled = threading.Event()
        self.close_sent = False

    def send(self, opcode: int, payload: bytes) -> None:
        with self.write_lock:
            if not self.close_sent:
                self.handler.wfile.write(ws_frame(opcode, payload))
                self.close_sent = opcode == 0x8

    def send_close(self) -> None:
        self.send(0x8, (1000).to_bytes(2, "big"))

    def pump_frames(self) -> None:
        fake = self.handler.fake
        try:
            while (frame := read_ws_frame(self.handler.rfile)) is not None:
                if not self._on_frame(*frame):
                    break
        except (OSError, ValueError):
            pass
        finally:
            if self.feed:
                fake.close_stdin(self.pipe)
            fake.notify()

    def _on_frame(self, opcode: int, payload: bytes) -> bool:
        if opcode in (0x0, 0x1, 0x2) and self.feed:
            self.handler.fake.feed_stdin(self.container, self.pipe, payload)
        elif opcode == 0x9:
            self.send(0xA, payload)
        elif opcode == 0x8:
            self.cancelled.set()
            self.send_close()
            return False
        return True


# --------------------------------------------------------------------------
# The daemon


class FakeDaemon:
    """A v1.2 Docker daemon on a temporary unix socket, served by a thread.

    ``fault`` makes matching requests misbehave: "malformed-json" (JSON
    answers become ``{"Id": ``), "drop" (close without answering), "slow"
    (wait ``slow_seconds`` first) or "500" (answer 500 "Internal server
    error: boom"); ``fault_match`` is a regex searched in the path that
    limits which requests the fault hits (None: all).
    """

    def __init__(
        self,
        *,
        username: str = "hannibal",
        password: str = "xxxx",
        missing_marker: str = "missing",
        slow_seconds: float = 2.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.credentials = (username, password)
        self.missing_marker = missing_marker
        self.slow_seconds = slow_seconds
        self.clock = clock
        self.fault: str | None = None
        self.fault_match: str | None = None
        self.ws_opcode = 0x1  # the 2013 Go websocket package sent text frames
        self.json_separator = b"\n"
        self.requests: list[RecordedRequest] = []
        self.state = DaemonState()
        self.closed = False
        self._counter = 0
        self._id_counter = 0
        self._seq = 0
        self._next_port = 49153
        self._connections: dict[socket.socket, int] = {}
        self._dir = tempfile.mkdtemp(prefix="dkrfake-", dir=self._socket_parent())
        self.socket_path = f"{self._dir}/docker.sock"
        self.url = "unix://" + self.socket_path
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._seed()

    @staticmethod
    def _socket_parent() -> str | None:
        default = tempfile.gettempdir()
        return None if len(default) < 60 else "/tmp"

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> FakeDaemon:
        """Listen on ``socket_path`` and serve in a background thread."""
        self._server = _Server(self.socket_path, self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fake-docker-daemon",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, end blocked programs and remove the socket."""
        self.closed = True
        self.notify()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        for connection in list(self._connections):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> FakeDaemon:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def register_connection(self, connection: socket.socket) -> int:
        with self.state.lock:
            self._counter += 1
            self._connections[connection] = self._counter
            return self._counter

    def unregister_connection(self, connection: socket.socket) -> None:
        with self.state.lock:
            self._connections.pop(connection, None)

    # -- requests and faults -----------------------------------------------

    def record(self, handler: _Handler, path: str) -> None:
        request = RecordedRequest(
            method=handler.command,
            path=path,
            query=dict(handler.query),
            headers=handler.headers,
            body=handler.body,
            target=handler.path,
            conn_id=handler.conn_id,
        )
        with self.state.lock:
            self.requests.append(request)

    def request_lines(self) -> list[str]:
        """Every request so far as "METHOD /path" (no query string)."""
        with self.state.lock:
            return [f"{r.method} {r.path}" for r in self.requests]

    def fault_for(self, path: str) -> str | None:
        if self.fault is None:
            return None
        if self.fault not in FAULTS:
            raise ValueError(f"unknown fault {self.fault!r}; use one of {FAULTS}")
        if self.fault_match and not re.search(self.fault_match, path):
            return None
        return self.fault

    # -- ids and lookups ---------------------------------------------------

    def new_id(self, kind: str) -> str:
        """A deterministic 64-hex id whose 12-char prefix is unused."""
        with self.state.lock:
            taken = {i[:12] for i in [*self.state.images, *self.state.containers]}
            while True:
                self._id_counter += 1
                seed = f"{kind}-{self._id_counter}".encode()
                new = hashlib.sha256(seed).hexdigest()
                if new[:12] not in taken:
                    return new

    def container(self, ref: str) -> Container:
        """A container by full id or unique id prefix, else HttpError 404."""
        with self.state.lock:
            containers = self.state.containers
            if ref in containers:
                return containers[ref]
            found = [c for i, c in containers.items() if ref and i.startswith(ref)]
            if len(found) == 1:
                return found[0]
        raise HttpError(404, f"No such container: {ref}")

    def find_image(self, name: str) -> Image | None:
        """An image by repo, repo:tag, full id or unique id prefix."""
        with self.state.lock:
            repo, tag = split_reference(name)
            target = self.state.repositories.get(repo, {}).get(tag or "latest")
            if target:
                return self.state.images[target]
            if name in self.state.images:
                return self.state.images[name]
            if not re.fullmatch(r"[0-9a-f]+", name):
                return None
            found = [i for i in self.state.images.values() if i.id.startswith(name)]
            return found[0] if len(found) == 1 else None

    def image(self, name: str) -> Image:
        """Like ``find_image`` but raises HttpError 404 "No such image"."""
        found = self.find_image(name)
        if found is None:
            raise HttpError(404, f"No such image: {name}")
        return found

    def image_name(self, image_id: str) -> str:
        tags = self.state.tags_of(image_id)
        return tags[0] if tags else image_id[:12]

    def image_chain(self, image: Image) -> list[Image]:
        """The image and its ancestors, newest first."""
        chain = [image]
        while chain[-1].parent in self.state.images:
            chain.append(self.state.images[str(chain[-1].parent)])
        return chain

    def image_files(self, image_id: str) -> dict[str, bytes | None]:
        files: dict[str, bytes | None] = {}
        with self.state.lock:
            for layer in reversed(self.image_chain(self.state.images[image_id])):
                files.update(layer.files)
        return files

    # -- seeding and helpers for tests -------------------------------------

    def _seed(self) -> None:
        base_files: dict[str, bytes | None] = {
            "bin": None,
            "bin/busybox": b"fake busybox binary\n",
            "bin/sh": b"fake busybox binary\n",
            "etc": None,
            "etc/passwd": b"root:x:0:0:root:/root:/bin/sh\n",
            "etc/group": b"root:x:0:\n",
            "tmp": None,
        }
        self.add_image(
            None,
            image_id=BASE_ID,
            parent=None,
            created=1364068391,
            size=2433303,
            created_by=["/bin/sh", "-c", "#(nop) ADD rootfs.tar in /"],
            files=base_files,
        )
        self.add_image(
            "busybox",
            image_id=BUSYBOX_ID,
            parent=BASE_ID,
            created=1364102658,
            size=24653,
            created_by=["/bin/sh", "-c", '#(nop) CMD ["sh"]'],
            config_cmd=["sh"],
            files={"etc/issue": b"Welcome to the fake busybox\n"},
        )

    def add_image(
        self,
        repo: str | None,
        tag: str = "latest",
        *,
        image_id: str | None = None,
        parent: str | None = BASE_ID,
        created: float | None = None,
        size: int = 0,
        created_by: list[str] | None = None,
        config_cmd: list[str] | None = None,
        files: dict[str, bytes | None] | None = None,
    ) -> str:
        """Add an image (tagged repo:tag when ``repo``); return its full id."""
        new = Image(
            id=image_id or self.new_id("image"),
            parent=parent,
            created=self.clock() if created is None else created,
            size=size,
            container_config=normalize_config({"Cmd": created_by}),
            config=normalize_config({"Cmd": config_cmd}) if config_cmd else None,
            files=dict(files or {}),
        )
        with self.state.lock:
            self.state.images[new.id] = new
            if repo:
                self.state.repositories.setdefault(repo, {})[tag] = new.id
        return new.id

    def create_container(
        self, image: str = "busybox", cmd: list[str] | None = None, **config: Any
    ) -> str:
        """Create a container as POST /containers/create would; return its id."""
        raw = {"Image": image, "Cmd": cmd, **config}
        return self.create(normalize_config(raw)).id

    # -- containers --------------------------------------------------------

    def create(self, config: dict[str, Any]) -> Container:
        image = self.image(config["Image"])
        argv = config["Cmd"] or (image.config or {}).get("Cmd") or []
        if not argv:
            raise HttpError(500, "No command specified")
        new_id = self.new_id("container")
        config["Hostname"] = config["Hostname"] or new_id[:12]
        with self.state.lock:
            self._seq += 1
            container = Container(
                id=new_id,
                seq=self._seq,
                created=self.clock(),
                config=config,
                image_id=image.id,
                argv=list(argv),
            )
            self.state.containers[new_id] = container
        return container

    def list_containers(
        self, show_all: bool, limit: int, since: str | None, before: str | None
    ) -> list[Container]:
        """Newest first, with the 2013 daemon's since/before/limit rules."""
        with self.state.lock:
            newest = sorted(self.state.containers.values(), key=lambda c: -c.seq)
        include_stopped = show_all or limit > 0 or bool(since or before)
        listed: list[Container] = []
        passed_before = before is None
        for container in newest:
            if not passed_before:
                passed_before = container.id == before
                continue
            if container.id == since or 0 < limit <= len(listed):
                break
            if container.running or include_stopped:
                listed.append(container)
        return listed

    def container_status(self, container: Container) -> str:
        if container.running and container.started_at is not None:
            return "Up " + human_duration(self.clock() - container.started_at)
        return f"Exit {container.exit_code}"

    def container_summary(self, container: Container) -> dict[str, Any]:
        ports = ", ".join(f"{h}->{c}" for c, h in sorted(container.ports.items()))
        return {
            "Id": container.short_id,
            "Image": self.image_name(container.image_id),
            "Command": " ".join(container.argv),
            "Created": int(container.created),
            "Status": self.container_status(container),
            "Ports": ports,
            "SizeRw": 12288 if container.run_count else 0,
            "SizeRootFs": 0,
        }

    def container_details(self, container: Container) -> dict[str, Any]:
        return {
            "Id": container.id,
            "Created": format_time(container.created),
            "Path": container.argv[0],
            "Args": container.argv[1:],
            "Config": container.config,
            "State": {
                "Running": container.running,
                "Pid": container.pid,
                "ExitCode": container.exit_code,
                "StartedAt": format_time(container.started_at),
                "Ghost": False,
            },
            "Image": container.image_id,
            "NetworkSettings": self._network(container),
            "SysInitPath": "/usr/bin/docker",
            "ResolvConfPath": "/etc/resolv.conf",
            "Volumes": {},
        }

    def _network(self, container: Container) -> dict[str, Any]:
        up = container.running
        return {
            "IpAddress": container.ip,
            "IpPrefixLen": 16 if up else 0,
            "Gateway": "172.17.42.1" if up else "",
            "Bridge": "docker0" if up else "",
            "PortMapping": dict(container.ports) if up else None,
        }

    def changes(self, container: Container) -> list[dict[str, Any]]:
        """Kind 0 = modified, 1 = added, 2 = deleted, as the 2013 daemon."""
        base = self.image_files(container.image_id)
        kinds: dict[str, int] = {}
        for path in sorted(container.added):
            for parent in parents_of(path):
                kinds.setdefault(parent, 0 if parent in base else 1)
            kinds[path] = 0 if path in base else 1
        for path in sorted(container.deleted):
            for parent in parents_of(path):
                kinds.setdefault(parent, 0)
            kinds[path] = 2
        return [{"Path": "/" + path, "Kind": kinds[path]} for path in sorted(kinds)]

    def container_files(self, container: Container) -> dict[str, bytes | None]:
        files = self.image_files(container.image_id)
        files.update(container.added)
        for path in container.deleted:
            files.pop(path, None)
        return files

    def start_container(self, ref: str) -> None:
        """Run the container's fake program until it ends or blocks."""
        container = self.container(ref)
        with self.state.changed:
            if container.running:
                message = f"The container {container.id} is already running."
                raise HttpError(500, message)
            self._mark_running(container)
            proc = ContainerProc(self, container)
        runner = threading.Thread(target=self._run, args=(container, proc))
        runner.daemon = True
        runner.start()
        proc.settled.wait(5.0)

    def _mark_running(self, container: Container) -> None:
        container.running = True
        container.stop_code = None
        container.run_count += 1
        container.pid = 1000 + self._counter
        container.started_at = self.clock()
        container.ip = f"172.17.0.{2 + len(self.state.containers) % 250}"
        container.ports = {}
        for spec in container.config["PortSpecs"] or []:
            host, _, port = spec.rpartition(":")
            if not host:
                host, self._next_port = str(self._next_port), self._next_port + 1
            container.ports[port] = host
        self._counter += 1

    def _run(self, container: Container, proc: ContainerProc) -> None:
        try:
            code = run_program(container.argv, proc)
        except _Killed:
            stopped = container.stop_code
            code = KILL_EXIT_CODE if stopped is None else stopped
        except Exception as error:  # a bug in the fake: show it as output
            proc.err(f"fake daemon bug: {error!r}\n".encode())
            code = 1
        with self.state.changed:
            container.running = False
            container.exit_code = code
            container.pid = 0
            container.finished_at = self.clock()
            container.finished_count += 1
            container.stdin = Pipe()
            container.ports, container.ip = {}, ""
            self.state.changed.notify_all()
        proc.settled.set()

    def stop_container(self, container: Container, code: int) -> None:
        """End a running container's program with exit code ``code``."""
        with self.state.changed:
            if not container.running:
                return
            container.stop_code = code
            self.state.changed.notify_all()
            while container.running and not self.closed:
                self.state.changed.wait(1.0)

    def wait_container(self, container: Container) -> int:
        with self.state.changed:
            while container.running and not self.closed:
                self.state.changed.wait(1.0)
            return container.exit_code

    def remove_container(self, container: Container, volumes: bool) -> None:
        with self.state.lock:
            if container.running:
                raise HttpError(409, REMOVE_RUNNING)
            container.removed_volumes = volumes
            del self.state.containers[container.id]

    def emit(self, container: Container, stream: str, data: bytes) -> None:
        with self.state.changed:
            container.output.append((stream, data))
            self.state.changed.notify_all()

    def feed_stdin(self, container: Container, pipe: Pipe, data: bytes) -> None:
        with self.state.changed:
            container.stdin_received += data
            if not pipe.closed:
                pipe.chunks.append(data)
            self.state.changed.notify_all()

    def close_stdin(self, pipe: Pipe) -> None:
        with self.state.changed:
            pipe.closed = True
            self.state.changed.notify_all()

    @staticmethod
    def has_exited(container: Container) -> bool:
        """Ran at least once and is not running now."""
        return container.run_count > 0 and not container.running

    def notify(self) -> None:
        with self.state.changed:
            self.state.changed.notify_all()

    def follow(
        self,
        container: Container,
        streams: set[str],
        logs: bool,
        stream: bool,
        cancelled: threading.Event | None = None,
    ) -> Iterator[bytes]:
        """Attach output: recorded logs, then live output until the run ends.

        Where to start is fixed now, not at the first ``next()``, so stdin
        fed right after this call cannot produce output the attach misses.
        """
        with self.state.changed:
            index = 0 if logs else len(container.output)
            if container.running:
                target = container.run_count
            else:
                target = 1 if container.run_count == 0 else container.finished_count
            end = len(container.output)
        if not stream:
            return self._select(container.output[index:end], streams)
        return self._live(container, streams, index, target, cancelled)

    def _live(
        self,
        container: Container,
        streams: set[str],
        index: int,
        target: int,
        cancelled: threading.Event | None,
    ) -> Iterator[bytes]:
        changed = self.state.changed
        while True:
            with changed:
                while not self._follow_done(container, index, target, cancelled):
                    changed.wait(1.0)
                batch = container.output[index:]
                index += len(batch)
                finished = self._run_ended(container, target)
            yield from self._select(batch, streams)
            if finished or self.closed or (cancelled and cancelled.is_set()):
                return

    def _follow_done(
        self,
        container: Container,
        index: int,
        target: int,
        cancelled: threading.Event | None,
    ) -> bool:
        ended = self._run_ended(container, target)
        stop = self.closed or (cancelled is not None and cancelled.is_set())
        return index < len(container.output) or ended or stop

    @staticmethod
    def _run_ended(container: Container, target: int) -> bool:
        return container.finished_count >= target and not container.running

    @staticmethod
    def _select(entries: list[tuple[str, bytes]], streams: set[str]) -> Iterator[bytes]:
        return (data for name, data in entries if name in streams)

    # -- images ------------------------------------------------------------

    def image_summaries(self, show_all: bool) -> list[dict[str, Any]]:
        with self.state.lock:
            entries = [
                self._image_entry(repo, tag, self.state.images[image_id])
                for repo, tags in self.state.repositories.items()
                for tag, image_id in tags.items()
            ]
            if show_all:
                entries += [
                    self._image_entry("<none>", "<none>", image)
                    for image in self.state.images.values()
                    if not self.state.tags_of(image.id)
                ]
        entries.sort(key=lambda e: (-e["Created"], e["Repository"], e["Tag"]))
        return entries

    def _image_entry(self, repo: str, tag: str, image: Image) -> dict[str, Any]:
        return {
            "Repository": repo,
            "Tag": tag,
            "Id": image.short_id,
            "Created": int(image.created),
            "Size": image.size,
            "VirtualSize": sum(layer.size for layer in self.image_chain(image)),
        }

    def viz(self) -> str:
        """The Graphviz text of GET /images/viz, edges sorted by child id."""
        lines = ["digraph docker {"]
        with self.state.lock:
            images = sorted(self.state.images.values(), key=lambda i: i.id)
            for image in images:
                if image.parent:
                    lines.append(f'"{image.parent[:12]}" -> "{image.short_id}"')
                else:
                    lines.append(f'base -> "{image.short_id}" [style=invis]')
            for image in images:
                tags = self.state.tags_of(image.id)
                if repos := sorted({split_reference(t)[0] for t in tags}):
                    lines.append(self._viz_label(image, repos))
        lines += ["base [style=invisible]", "}"]
        return "\n".join(lines) + "\n"

    @staticmethod
    def _viz_label(image: Image, repos: list[str]) -> str:
        label = "\\n".join([image.short_id, *repos])
        style = 'shape=box,fillcolor="paleturquoise",style="filled,rounded"'
        return f'"{image.short_id}" [label="{label}",{style}];'

    def image_details(self, image: Image) -> dict[str, Any]:
        """Image inspect: lowercase keys as the 2013 daemon wrote them."""
        details: dict[str, Any] = {"id": image.id}
        if image.parent:
            details["parent"] = image.parent
        if image.comment:
            details["comment"] = image.comment
        details["created"] = format_time(image.created)
        if image.container:
            details["container"] = image.container
        details["container_config"] = image.container_config
        if image.author:
            details["author"] = image.author
        if image.config:
            details["config"] = image.config
        details["Size"] = image.size
        return details

    def history(self, image: Image) -> list[dict[str, Any]]:
        entries = []
        with self.state.lock:
            for layer in self.image_chain(image):
                entry: dict[str, Any] = {"Id": layer.short_id}
                if tags := self.state.tags_of(layer.id):
                    entry["Tag"] = tags
                entry["Created"] = int(layer.created)
                cmd = (layer.container_config or {}).get("Cmd") or []
                entry["CreatedBy"] = " ".join(cmd)
                entries.append(entry)
        return entries

    def pull(self, query: dict[str, str]) -> list[dict[str, Any]]:
        """Pull fromImage (and tag); a name with ``missing_marker`` fails."""
        repo, tag = split_reference(query["fromImage"])
        tag = query.get("tag") or tag or "latest"
        self.state.pulls.append({"repo": repo, "tag": tag, **query})
        messages: list[dict[str, Any]] = [{"status": "Pulling..."}]
        if self.missing_marker and self.missing_marker in repo:
            error = f"Server error: 404 trying to fetch remote history for {repo}"
            return [*messages, {"error": error}]
        if not self.state.repositories.get(repo, {}).get(tag):
            seed = f"pulled {repo}:{tag}".encode()
            image_id = hashlib.sha256(seed).hexdigest()
            self.add_image(repo, tag, image_id=image_id, size=1024, created=1367854155)
        messages.append({"status": "Pulling", "progress": "1/? (n/a)"})
        return messages

    def import_tar(self, body: bytes, query: dict[str, str]) -> list[dict[str, Any]]:
        """Import fromSrc=- : the request body is the root filesystem tar."""
        try:
            files = read_tar(body)
        except tarfile.TarError as error:
            return [{"error": f"Invalid tar stream: {error}"}]
        image_id = self._import(files, query, len(body))
        self.state.imports.append({"source": "-", "image": image_id, **query})
        return [{"status": image_id[:12]}]

    def import_url(self, url: str, query: dict[str, str]) -> list[dict[str, Any]]:
        """Import fromSrc=URL without fetching it (the URL is recorded)."""
        image_id = self._import({}, query, 0)
        self.state.imports.append({"source": url, "image": image_id, **query})
        return [
            {"status": f"Downloading from {url}"},
            {"status": "Importing", "progress": "1/? (n/a)"},
            {"status": image_id[:12]},
        ]

    def _import(
        self, files: dict[str, bytes | None], query: dict[str, str], size: int
    ) -> str:
        repo = query.get("repo") or None
        tag = query.get("tag") or "latest"
        return self.add_image(
            repo, tag, parent=None, size=size, files=files, created_by=[]
        )

    def insert(self, image: Image, url: str, path: str) -> list[dict[str, Any]]:
        """Insert ``url`` at ``path``: a new untagged child image."""
        messages: list[dict[str, Any]] = [{"status": "Inserting..."}]
        if self.missing_marker and self.missing_marker in url:
            return [*messages, {"error": f"Get {url}: 404 Not Found"}]
        name = normalize_path(path + "/" + url.rstrip("/").rsplit("/", 1)[-1])
        cmd = ["/bin/sh", "-c", f"#(nop) ADD {url} in {path}"]
        new_id = self.add_image(
            None, parent=image.id, created_by=cmd, files={name: b""}, size=0
        )
        new = self.state.images[new_id]
        new.config = image.config
        self.state.inserts.append(
            {"image": image.id, "url": url, "path": path, "new_id": new_id}
        )
        progress = {"status": "Inserting", "progress": "1/? (n/a)"}
        return [*messages, progress, {"status": new_id[:12]}]

    def push(self, name: str, auth: Any, query: dict[str, str]) -> list[dict[str, Any]]:
        """Pretend to push; a name with ``missing_marker`` fails."""
        record = {"name": name, "auth": auth, "registry": query.get("registry")}
        self.state.pushes.append(record)
        messages: list[dict[str, Any]] = [{"status": "Pushing..."}]
        if self.missing_marker and self.missing_marker in name:
            return [*messages, {"error": f"Invalid repository name: {name}"}]
        return [*messages, {"status": "Pushing", "progress": "1/? (n/a)"}]

    def tag(self, image: Image, repo: str, tag: str, force: bool) -> None:
        with self.state.lock:
            tags = self.state.repositories.setdefault(repo, {})
            current = tags.get(tag)
            if current and current != image.id and not force:
                raise HttpError(
                    409,
                    f"Conflict: Tag {tag} is already set to image {current[:12]}, "
                    "if you want to replace it, please use -f option",
                )
            tags[tag] = image.id

    def delete_image(self, name: str) -> list[dict[str, str]]:
        """Untag ``name``; delete the image and free parents once unused."""
        with self.state.lock:
            image = self.image(name)
            repo, tag = split_reference(name)
            by_tag = self.state.repositories.get(repo, {}).get(tag or "latest")
            refs = (
                [f"{repo}:{tag or 'latest'}"]
                if by_tag
                else self.state.tags_of(image.id)
            )
            left = set(self.state.tags_of(image.id)) - set(refs)
            if not by_tag and self._children(image):
                raise HttpError(409, f"Conflict, {image.short_id} has children images")
            deleting = not left and not self._children(image)
            if deleting and (user := self._user_of(image)):
                raise HttpError(
                    409,
                    f"Conflict, cannot delete image {image.short_id} because it"
                    f" is in use by container {user.short_id}",
                )
            for ref in refs:
                self._untag(ref)
            result = [{"Untagged": image.short_id} for _ in refs]
            if deleting:
                result += self._delete_layers(image)
            return result

    def _children(self, image: Image) -> list[Image]:
        return [i for i in self.state.images.values() if i.parent == image.id]

    def _user_of(self, image: Image) -> Container | None:
        for container in self.state.containers.values():
            if container.image_id == image.id:
                return container
        return None

    def _untag(self, ref: str) -> None:
        repo, tag = split_reference(ref)
        tags = self.state.repositories[repo]
        del tags[tag]
        if not tags:
            del self.state.repositories[repo]

    def _delete_layers(self, image: Image) -> list[dict[str, str]]:
        deleted: list[dict[str, str]] = []
        layer: Image | None = image
        while layer is not None:
            if (
                self.state.tags_of(layer.id)
                or self._children(layer)
                or self._user_of(layer)
            ):
                break
            del self.state.images[layer.id]
            deleted.append({"Deleted": layer.short_id})
            layer = self.state.images.get(layer.parent or "")
        return deleted

    def commit(
        self, container: Container, overrides: dict[str, Any], query: dict[str, str]
    ) -> Image:
        """A new image from the container's changes (POST /commit)."""
        parent = self.state.images[container.image_id]
        config = dict(parent.config or normalize_config({}))
        config.update(overrides)
        new_id = self.add_image(
            query.get("repo") or None,
            query.get("tag") or "latest",
            parent=parent.id,
            size=sum(len(content) for content in container.added.values()),
            files=dict(container.added),
        )
        image = self.state.images[new_id]
        image.container = container.id
        image.container_config = dict(container.config)
        image.config = config
        image.comment = query.get("m", "")
        image.author = query.get("author", "")
        return image

    # -- build -------------------------------------------------------------

    def build(
        self, dockerfile: str, context: dict[str, bytes | None], tag: str
    ) -> Iterator[str]:
        """Run a Dockerfile, yielding the 2013 daemon's raw text output."""
        record: dict[str, Any] = {"dockerfile": dockerfile, "tag": tag, "image": None}
        record["context"] = sorted(context)
        self.state.builds.append(record)
        image: Image | None = None
        steps = parse_dockerfile(dockerfile)
        for number, (instruction, args) in enumerate(steps, 1):
            yield f"Step {number} : {instruction} {args}\n"
            if instruction != "FROM" and image is None:
                yield "Error: Please provide a source image with `from` prior to run\n"
                return
            try:
                image = yield from self._build_step(image, instruction, args, context)
            except HttpError as error:
                yield f"Error: {error.message}\n"
                return
        if image is None:
            yield "Error: An error occurred during the build\n"
            return
        if tag:
            repo, version = split_reference(tag)
            self.tag(image, repo, version or "latest", force=True)
        record["image"] = image.id
        yield f"Successfully built {image.short_id}\n"

    def _build_step(
        self,
        image: Image | None,
        instruction: str,
        args: str,
        context: dict[str, bytes | None],
    ) -> Generator[str, None, Image]:
        """Yield one step's output lines; return the step's image."""
        if instruction == "FROM":
            image = self._build_from(args)
            yield f" ---> {image.short_id}\n"
            return image
        assert image is not None
        config = dict(image.config or normalize_config({}))
        author, files = image.author, {}
        cmd = ["/bin/sh", "-c", f"#(nop) {instruction} {args}"]
        if instruction == "RUN":
            cmd = ["/bin/sh", "-c", args]
            files = yield from self._build_run(image, cmd)
        elif instruction == "MAINTAINER":
            author = args
        elif not apply_instruction(config, instruction, args, context, files):
            yield f"# Skipping unknown instruction {instruction}\n"
            return image
        new_id = self.add_image(None, parent=image.id, created_by=cmd, files=files)
        new = self.state.images[new_id]
        new.config, new.author = config, author
        yield f" ---> {new.short_id}\n"
        return new

    def _build_from(self, name: str) -> Image:
        found = self.find_image(name)
        if found is not None:
            return found
        messages = self.pull({"fromImage": name})
        if "error" in messages[-1]:
            raise HttpError(404, f"No such image: {name}")
        return self.image(name)

    def _build_run(
        self, image: Image, cmd: list[str]
    ) -> Generator[str, None, dict[str, bytes | None]]:
        yield f" ---> Running in {self.new_id('build')[:12]}\n"
        proc = Proc()
        proc.base = self.image_files(image.id)
        code = run_program(cmd, proc)
        yield b"".join(data for _, data in proc.output).decode(errors="replace")
        if code != 0:
            command = " ".join(cmd)
            message = f"The command [{command}] returned a non-zero code: {code}"
            raise HttpError(500, message)
        return proc.files


def apply_instruction(
    config: dict[str, Any],
    instruction: str,
    args: str,
    context: dict[str, bytes | None],
    files: dict[str, bytes | None],
) -> bool:
    """Apply a metadata Dockerfile instruction; False when it is unknown."""
    if instruction == "CMD":
        config["Cmd"] = parse_exec_form(args)
    elif instruction == "ENV":
        key, _, value = args.partition(" ")
        config["Env"] = [*(config["Env"] or []), f"{key}={value.strip()}"]
    elif instruction == "EXPOSE":
        config["PortSpecs"] = [*(config["PortSpecs"] or []), *args.split()]
    elif instruction == "ADD":
        source, _, dest = args.partition(" ")
        if normalize_path(source) not in context:
            raise HttpError(500, f"{source}: no such file or directory")
        files[normalize_path(dest.strip())] = context[normalize_path(source)]
    else:
        return False
    return True


def parse_dockerfile(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs; comments and blank lines dropped."""
    steps: list[tuple[str, str]] = []
    joined = re.sub(r"\\\r?\n", " ", text)
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, args = line.partition(" ")
            steps.append((instruction.upper(), args.strip()))
    return steps


def parse_exec_form(args: str) -> list[str]:
    """A JSON array of strings, else ["/bin/sh", "-c", args]."""
    try:
        value = json.loads(args)
    except ValueError:
        value = None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return ["/bin/sh", "-c", args]
