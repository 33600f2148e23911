"""Tests of the v1.2 fake daemon itself, over its unix socket."""

from __future__ import annotations

import http.client
import io
import json
import os
import socket
import tarfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
import urllib3

from tests.fakedaemon import (
    BASE_ID,
    BUSYBOX_ID,
    KILL_EXIT_CODE,
    FakeDaemon,
    read_ws_frame,
    ws_accept,
)

# -- clients ---------------------------------------------------------------


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over a unix socket."""

    def __init__(self, socket_path: str, timeout: float = 5.0) -> None:
        super().__init__("localhost", timeout=timeout)
        self.socket_path = socket_path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self.socket_path)
        self.sock = sock


class _UnixUrllib3Connection(urllib3.connection.HTTPConnection):
    def __init__(self, *args: Any, socket_path: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.socket_path = socket_path

    def _new_conn(self) -> socket.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if isinstance(self.timeout, int | float):
            sock.settimeout(self.timeout)
        sock.connect(self.socket_path)
        return sock


class _UnixPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _UnixUrllib3Connection


class UnixAdapter(requests.adapters.HTTPAdapter):
    """A requests adapter sending every request to one unix socket."""

    def __init__(self, socket_path: str) -> None:
        super().__init__()
        self.pool = _UnixPool("localhost", socket_path=socket_path)

    def get_connection_with_tls_context(self, *args: Any, **kwargs: Any) -> Any:
        return self.pool

    def close(self) -> None:
        self.pool.close()
        super().close()


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def call(
    daemon: FakeDaemon,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    connection = UnixHTTPConnection(daemon.socket_path)
    try:
        if isinstance(body, dict | list):
            body = json.dumps(body)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def raw_exchange(
    daemon: FakeDaemon, head: str, stdin: bytes = b"", half_close: bool = False
) -> bytes:
    """Send a request head (and raw bytes), read everything until EOF."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(daemon.socket_path)
        sock.sendall(head.encode() + stdin)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
        return received


def attach_head(container_id: str, query: str, extra: str = "") -> str:
    return (
        f"POST /containers/{container_id}/attach?{query} HTTP/1.1\r\n"
        f"Host: docker\r\nContent-Length: 0\r\n{extra}\r\n"
    )


def create(daemon: FakeDaemon, cmd: list[str], **config: Any) -> str:
    reply = call(
        daemon, "POST", "/containers/create", {"Image": "busybox", **config, "Cmd": cmd}
    )
    assert reply.status == 201
    return str(reply.json()["Id"])


def run(daemon: FakeDaemon, cmd: list[str], **config: Any) -> str:
    container_id = create(daemon, cmd, **config)
    assert call(daemon, "POST", f"/containers/{container_id}/start").status == 200
    return container_id


def tar_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


RAW_OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n"


@pytest.fixture
def daemon() -> Iterator[FakeDaemon]:
    with FakeDaemon() as fake:
        yield fake


# -- version and dialect detection -----------------------------------------


def test_version_has_no_api_version(daemon: FakeDaemon) -> None:
    """GET /version answers the 2013 fields and nothing else."""
    reply = call(daemon, "GET", "/version")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json() == {
        "Version": "0.2.2",
        "GitCommit": "5a2a5cc+CHANGES",
        "GoVersion": "go1.0.3",
    }


@pytest.mark.parametrize(
    "method,path",
    [
        ("GET", "/_ping"),
        ("GET", "/v1.41/version"),
        ("GET", "/v1.2/version"),
        ("GET", "/containers/abc/logs"),
        ("GET", "/images/other"),
        ("GET", "/auth"),
    ],
)
def test_paths_outside_the_spec_are_text_404(
    daemon: FakeDaemon, method: str, path: str
) -> None:
    """Anything the v1.2 document lacks is a plain-text 404."""
    reply = call(daemon, method, path)
    assert reply.status == 404
    assert reply.headers["Content-Type"].startswith("text/plain")
    assert reply.body == b"404 page not found\n"


def test_missing_container_is_a_text_404(daemon: FakeDaemon) -> None:
    """Errors are Go http.Error text lines, not JSON."""
    reply = call(daemon, "GET", "/containers/abc/json")
    assert (reply.status, reply.body) == (404, b"No such container: abc\n")


def test_requests_are_recorded(daemon: FakeDaemon) -> None:
    """Every request's method, path, query, headers and body are kept."""
    call(daemon, "GET", "/containers/json?all=1", headers={"X-Test": "yes"})
    recorded = daemon.requests[-1]
    assert (recorded.method, recorded.path) == ("GET", "/containers/json")
    assert recorded.query == {"all": "1"}
    assert recorded.headers["x-test"] == "yes"
    assert daemon.request_lines() == ["GET /containers/json"]


# -- containers ------------------------------------------------------------


def test_echo_runs_and_raw_attach_returns_its_output(daemon: FakeDaemon) -> None:
    """create, start, attach logs+stream on a raw socket, then wait."""
    container_id = run(daemon, ["echo", "hello"])
    head = attach_head(container_id, "logs=1&stream=1&stdout=1&stderr=1")
    assert raw_exchange(daemon, head) == RAW_OK + b"hello\n"
    reply = call(daemon, "POST", f"/containers/{container_id}/wait")
    assert reply.json() == {"StatusCode": 0}


def test_attach_before_start_streams_until_exit(daemon: FakeDaemon) -> None:
    """A streaming attach made before start gets the output, then EOF."""
    container_id = create(daemon, ["echo", "early"])
    received: list[bytes] = []
    head = attach_head(container_id, "stream=1&stdout=1")
    attacher = threading.Thread(
        target=lambda: received.append(raw_exchange(daemon, head))
    )
    attacher.start()
    while not any(r.path.endswith("/attach") for r in daemon.requests):
        time.sleep(0.005)
    call(daemon, "POST", f"/containers/{container_id}/start")
    attacher.join(5)
    assert received == [RAW_OK + b"early\n"]


def test_attach_with_upgrade_headers_still_answers_200(daemon: FakeDaemon) -> None:
    """Upgrade: tcp is accepted, and the v1.2 answer stays a plain 200."""
    container_id = run(daemon, ["stderr", "oops"])
    extra = "Connection: Upgrade\r\nUpgrade: tcp\r\n"
    head = attach_head(container_id, "logs=1&stream=0&stderr=1", extra)
    assert raw_exchange(daemon, head) == RAW_OK + b"oops\n"


def test_attach_selects_streams_and_keeps_bytes_raw(daemon: FakeDaemon) -> None:
    """Output is not framed; stdout=1 alone leaves stderr out."""
    script = "printf-bytes 00ff01; stderr warn; echo done"
    container_id = run(daemon, ["sh", "-c", script])
    both = attach_head(container_id, "logs=1&stdout=1&stderr=1")
    assert raw_exchange(daemon, both) == RAW_OK + b"\x00\xff\x01warn\ndone\n"
    stdout = attach_head(container_id, "logs=1&stdout=1")
    assert raw_exchange(daemon, stdout) == RAW_OK + b"\x00\xff\x01done\n"


def test_cat_copies_stdin_until_half_close(daemon: FakeDaemon) -> None:
    """stdin bytes reach cat; shutting down the write side is EOF."""
    container_id = run(daemon, ["cat"], OpenStdin=True)
    head = attach_head(container_id, "stream=1&stdin=1&stdout=1")
    output = raw_exchange(daemon, head, b"line one\nline two\n", half_close=True)
    assert output == RAW_OK + b"line one\nline two\n"
    assert call(daemon, "POST", f"/containers/{container_id}/wait").json() == {
        "StatusCode": 0
    }


@pytest.mark.parametrize(
    "cmd,code,stderr",
    [
        (["sh", "-c", "exit 3"], 3, b""),
        (["true"], 0, b""),
        (["false"], 1, b""),
        (["/bin/sh", "-c", "false || exit 7"], 7, b""),
        (["nosuch", "arg"], 127, b'exec: "nosuch": executable file not found\n'),
    ],
)
def test_exit_codes_of_fake_programs(
    daemon: FakeDaemon, cmd: list[str], code: int, stderr: bytes
) -> None:
    """Exit codes come from the fake program and show as "Exit N"."""
    container_id = run(daemon, cmd)
    assert call(daemon, "POST", f"/containers/{container_id}/wait").json() == {
        "StatusCode": code
    }
    assert daemon.container(container_id).stderr == stderr
    listed = call(daemon, "GET", "/containers/json?all=1").json()
    assert listed[0]["Status"] == f"Exit {code}"


def test_sleep_is_up_until_stopped_or_killed(daemon: FakeDaemon) -> None:
    """sleep stays up; stop ends it with 0 and kill with 137."""
    now = [1000.0]
    daemon.clock = lambda: now[0]
    first = run(daemon, ["sleep", "60"])
    second = run(daemon, ["sleep"], PortSpecs=["80"])
    now[0] += 2
    listed = call(daemon, "GET", "/containers/json").json()
    assert [c["Status"] for c in listed] == ["Up 2 seconds"] * 2
    assert listed[0]["Ports"] == "49153->80"
    assert call(daemon, "POST", f"/containers/{first}/stop?t=1").status == 204
    assert call(daemon, "POST", f"/containers/{second}/kill").status == 204
    codes = [daemon.container(i).exit_code for i in (first, second)]
    assert codes == [0, KILL_EXIT_CODE]
    assert call(daemon, "GET", "/containers/json").json() == []


def test_container_list_entries_and_filters(daemon: FakeDaemon) -> None:
    """Short ids, "Ports" as a string, and the all/limit/since/before rules."""
    ids = [run(daemon, ["echo", str(n)]) for n in range(4)]
    listed = call(daemon, "GET", "/containers/json?all=1").json()
    assert [c["Id"] for c in listed] == ids[::-1]
    assert set(listed[0]) == {
        "Id", "Image", "Command", "Created", "Status", "Ports", "SizeRw", "SizeRootFs"
    }  # fmt: skip
    assert (listed[0]["Image"], listed[0]["Command"]) == ("busybox:latest", "echo 3")
    assert listed[0]["Ports"] == ""
    assert call(daemon, "GET", "/containers/json").json() == []

    def ids_for(query: str) -> list[str]:
        return [
            c["Id"] for c in call(daemon, "GET", f"/containers/json?{query}").json()
        ]

    assert ids_for("limit=2") == [ids[3], ids[2]]
    assert ids_for(f"since={ids[1]}") == [ids[3], ids[2]]
    assert ids_for(f"before={ids[2]}") == [ids[1], ids[0]]
    assert call(daemon, "GET", "/containers/json?all=maybe").status == 400


def test_inspect_changes_and_export(daemon: FakeDaemon) -> None:
    """Inspect shows full ids; touch shows in changes and in the export tar."""
    container_id = run(daemon, ["touch", "/tmp/new"])
    details = call(daemon, "GET", f"/containers/{container_id}/json").json()
    assert len(details["Id"]) == 64 and details["Id"].startswith(container_id)
    assert details["Image"] == BUSYBOX_ID
    assert details["State"]["ExitCode"] == 0 and details["Path"] == "touch"
    changes = call(daemon, "GET", f"/containers/{container_id}/changes").json()
    assert changes == [{"Path": "/tmp", "Kind": 0}, {"Path": "/tmp/new", "Kind": 1}]
    reply = call(daemon, "GET", f"/containers/{container_id}/export")
    assert reply.headers["Content-Type"] == "application/octet-stream"
    with tarfile.open(fileobj=io.BytesIO(reply.body)) as archive:
        assert {"tmp/new", "etc/passwd", "etc/issue"} <= set(archive.getnames())


def test_remove_running_container_is_409(daemon: FakeDaemon) -> None:
    """A running container cannot be removed; a stopped one can."""
    container_id = run(daemon, ["sleep"])
    reply = call(daemon, "DELETE", f"/containers/{container_id}?v=1")
    assert reply.status == 409
    assert reply.body.startswith(b"Impossible to remove a running container")
    call(daemon, "POST", f"/containers/{container_id}/kill")
    assert call(daemon, "DELETE", f"/containers/{container_id}?v=1").status == 204
    assert container_id not in [c[:12] for c in daemon.state.containers]


def test_create_with_missing_image_is_404(daemon: FakeDaemon) -> None:
    """Creating from an unknown image answers 404 text for the pull-retry."""
    body = {"Image": "nothere", "Cmd": ["true"]}
    reply = call(daemon, "POST", "/containers/create", body)
    assert (reply.status, reply.body) == (404, b"No such image: nothere\n")


def test_websocket_attach_echoes_stdin(daemon: FakeDaemon) -> None:
    """attach/ws does the RFC 6455 handshake and carries stdin and stdout."""
    container_id = run(daemon, ["cat"], OpenStdin=True)
    key = "dGhlIHNhbXBsZSBub25jZQ=="
    head = (
        f"GET /containers/{container_id}/attach/ws?stream=1&stdin=1&stdout=1"
        " HTTP/1.1\r\nHost: docker\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n"
    )
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(daemon.socket_path)
        sock.sendall(head.encode())
        stream = sock.makefile("rb")
        status_line = stream.readline()
        headers = iter(stream.readline, b"\r\n")
        accept = f"Sec-WebSocket-Accept: {ws_accept(key)}\r\n".encode()
        assert status_line.startswith(b"HTTP/1.1 101") and accept in list(headers)
        sock.sendall(masked_frame(0x2, b"ping me"))
        assert read_ws_frame(stream) == (0x1, b"ping me")
        sock.sendall(masked_frame(0x8, b"\x03\xe8"))
        assert read_ws_frame(stream) == (0x8, b"\x03\xe8")
    reply = call(daemon, "POST", f"/containers/{container_id}/wait")
    assert reply.json() == {"StatusCode": 0}


def masked_frame(opcode: int, payload: bytes) -> bytes:
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + masked


# -- images ----------------------------------------------------------------


def test_images_json_shape(daemon: FakeDaemon) -> None:
    """Entries carry Repository/Tag and a short Id; all=1 adds <none> layers."""
    assert call(daemon, "GET", "/images/json").json() == [
        {
            "Repository": "busybox",
            "Tag": "latest",
            "Id": BUSYBOX_ID[:12],
            "Created": 1364102658,
            "Size": 24653,
            "VirtualSize": 24653 + 2433303,
        }
    ]
    everything = call(daemon, "GET", "/images/json?all=1").json()
    assert [(i["Repository"], i["Id"]) for i in everything] == [
        ("busybox", BUSYBOX_ID[:12]),
        ("<none>", BASE_ID[:12]),
    ]


def test_images_viz_is_a_text_digraph(daemon: FakeDaemon) -> None:
    """GET /images/viz answers the Graphviz text of the spec."""
    reply = call(daemon, "GET", "/images/viz")
    assert reply.headers["Content-Type"] == "text/plain"
    base, busybox = BASE_ID[:12], BUSYBOX_ID[:12]
    assert reply.body.decode().splitlines() == [
        "digraph docker {",
        f'base -> "{base}" [style=invis]',
        f'"{base}" -> "{busybox}"',
        f'"{busybox}" [label="{busybox}\\nbusybox",shape=box,'
        'fillcolor="paleturquoise",style="filled,rounded"];',
        "base [style=invisible]",
        "}",
    ]


def test_image_inspect_and_history(daemon: FakeDaemon) -> None:
    """Inspect uses lowercase keys; history lists the layers, tags on top."""
    details = call(daemon, "GET", "/images/busybox:latest/json").json()
    assert list(details) == [
        "id", "parent", "created", "container_config", "config", "Size"
    ]  # fmt: skip
    assert (details["id"], details["parent"]) == (BUSYBOX_ID, BASE_ID)
    assert details["created"].endswith("+02:00")
    history = call(daemon, "GET", f"/images/{BUSYBOX_ID[:6]}/history").json()
    assert [h["Id"] for h in history] == [BUSYBOX_ID[:12], BASE_ID[:12]]
    assert history[0]["Tag"] == ["busybox:latest"] and "Tag" not in history[1]
    assert (
        call(daemon, "GET", "/images/nothere/json").body == b"No such image: nothere\n"
    )


def test_pull_streams_json_lines_and_adds_the_image(daemon: FakeDaemon) -> None:
    """fromImage pulls: JSON status lines, then the image is listed."""
    reply = call(daemon, "POST", "/images/create?fromImage=ubuntu&tag=precise")
    assert reply.headers["Transfer-Encoding"] == "chunked"
    lines = [json.loads(line) for line in reply.body.splitlines()]
    assert lines == [
        {"status": "Pulling..."},
        {"status": "Pulling", "progress": "1/? (n/a)"},
    ]
    assert daemon.find_image("ubuntu:precise") is not None


def test_pull_of_a_missing_name_streams_an_error(daemon: FakeDaemon) -> None:
    """A name holding the missing marker fails inside a 200 stream."""
    reply = call(daemon, "POST", "/images/create?fromImage=missing/thing")
    assert reply.status == 200
    assert "error" in json.loads(reply.body.splitlines()[-1])
    assert daemon.find_image("missing/thing") is None


def test_chunked_import_with_requests(daemon: FakeDaemon) -> None:
    """fromSrc=- reads a chunked tar body and tags the new image."""
    archive = tar_of({"hello.txt": b"hi\n"})
    chunks = (archive[i : i + 1000] for i in range(0, len(archive), 1000))
    with requests.Session() as session:
        session.mount("http+unix://", UnixAdapter(daemon.socket_path))
        url = "http+unix://docker/images/create?fromSrc=-&repo=imported&tag=v1"
        reply = session.post(url, data=chunks, timeout=5)
    assert daemon.requests[-1].headers["Transfer-Encoding"] == "chunked"
    image_id = reply.json()["status"]
    image = daemon.image("imported:v1")
    assert image.short_id == image_id and image.files == {"hello.txt": b"hi\n"}


def test_insert_creates_a_child_image(daemon: FakeDaemon) -> None:
    """insert streams status lines and reports a new image id."""
    reply = call(daemon, "POST", "/images/busybox/insert?path=/usr&url=http://x/f")
    new_id = json.loads(reply.body.splitlines()[-1])["status"]
    assert daemon.image(new_id).parent == BUSYBOX_ID
    assert daemon.state.inserts[0]["url"] == "http://x/f"


def test_tag_conflicts_unless_forced(daemon: FakeDaemon) -> None:
    """Tagging answers 201, or 409 when the tag is taken and not forced."""
    path = "/images/busybox/tag?repo=mine&tag=v1"
    assert call(daemon, "POST", path).status == 201
    daemon.add_image("other", "latest")
    other = "/images/other/tag?repo=mine&tag=v1"
    assert call(daemon, "POST", other).status == 409
    assert call(daemon, "POST", other + "&force=1").status == 201
    assert daemon.image("mine:v1") == daemon.image("other")


def test_delete_image_untags_and_deletes_layers(daemon: FakeDaemon) -> None:
    """Removing the last tag deletes the image and its unused parent."""
    call(daemon, "POST", "/images/busybox/tag?repo=copy")
    assert call(daemon, "DELETE", "/images/copy").json() == [
        {"Untagged": BUSYBOX_ID[:12]}
    ]
    assert call(daemon, "DELETE", "/images/busybox").json() == [
        {"Untagged": BUSYBOX_ID[:12]},
        {"Deleted": BUSYBOX_ID[:12]},
        {"Deleted": BASE_ID[:12]},
    ]
    assert daemon.state.images == {}


def test_delete_image_in_use_is_409(daemon: FakeDaemon) -> None:
    """An image a container uses cannot be deleted."""
    create(daemon, ["true"])
    reply = call(daemon, "DELETE", "/images/busybox")
    assert reply.status == 409 and b"in use by container" in reply.body


def test_push_and_search(daemon: FakeDaemon) -> None:
    """push streams JSON and records the auth; search filters by term."""
    auth = {"username": "hannibal", "password": "xxxx", "email": ""}
    reply = call(daemon, "POST", "/images/busybox/push", auth)
    assert json.loads(reply.body.splitlines()[0]) == {"status": "Pushing..."}
    assert daemon.state.pushes[0]["auth"] == auth
    found = call(daemon, "GET", "/images/search?term=sshd").json()
    assert [f["Name"] for f in found] == [
        "cespare/sshd", "johnfuller/sshd", "dhrp/mongodb-sshd"
    ]  # fmt: skip
    assert found[0] == {"Name": "cespare/sshd", "Description": ""}


# -- misc ------------------------------------------------------------------


def test_build_writes_raw_text_and_tags(daemon: FakeDaemon) -> None:
    """build reads a tar, streams raw text steps and tags the result."""
    dockerfile = b'FROM busybox\nRUN echo hi\nCMD ["echo", "built"]\n'
    reply = call(daemon, "POST", "/build?t=made:v1", tar_of({"Dockerfile": dockerfile}))
    assert reply.headers["Content-Type"] == "text/plain"
    lines = reply.body.decode().splitlines()
    assert lines[:2] == ["Step 1 : FROM busybox", f" ---> {BUSYBOX_ID[:12]}"]
    assert lines[2:5] == ["Step 2 : RUN echo hi", lines[3], "hi"]
    assert lines[3].startswith(" ---> Running in ")
    image = daemon.image("made:v1")
    assert lines[-1] == f"Successfully built {image.short_id}"
    container_id = run(daemon, [], Image="made:v1")
    assert daemon.container(container_id).stdout == b"built\n"


@pytest.mark.parametrize(
    "password,status", [("xxxx", 200), ("wrong", 401)], ids=["good", "bad"]
)
def test_auth(daemon: FakeDaemon, password: str, status: int) -> None:
    """POST /auth accepts the configured user and refuses others with 401."""
    body = {"username": "hannibal", "password": password, "email": "h@a.team"}
    reply = call(daemon, "POST", "/auth", body)
    assert reply.status == status
    if status == 200:
        assert reply.json() == {"Status": "Login Succeeded"}


def test_info_and_commit(daemon: FakeDaemon) -> None:
    """info counts things; commit answers 201 {"Id"} and tags the image."""
    container_id = run(daemon, ["touch", "/world"])
    path = f"/commit?container={container_id}&repo=mine&tag=v2&m=msg&author=me"
    reply = call(daemon, "POST", path, {"Cmd": ["cat", "/world"]})
    assert reply.status == 201
    assert reply.headers["Content-Type"] == "application/vnd.docker.raw-stream"
    image = daemon.image("mine:v2")
    assert reply.json() == {"Id": image.short_id}
    assert (image.comment, image.author, image.files) == ("msg", "me", {"world": b""})
    info = call(daemon, "GET", "/info").json()
    assert (info["Containers"], info["Images"]) == (1, 3)


# -- connections and faults ------------------------------------------------


def test_keep_alive_connection_is_reused(daemon: FakeDaemon) -> None:
    """requests reuses one connection for consecutive calls."""
    with requests.Session() as session:
        session.mount("http+unix://", UnixAdapter(daemon.socket_path))
        for _ in range(3):
            session.get("http+unix://docker/version", timeout=5).raise_for_status()
        body = {"Image": "busybox", "Cmd": ["true"]}
        session.post("http+unix://docker/containers/create", json=body, timeout=5)
        assert session.get("http+unix://docker/_ping", timeout=5).status_code == 404
    assert len({r.conn_id for r in daemon.requests}) == 1


def test_fault_malformed_json(daemon: FakeDaemon) -> None:
    """malformed-json breaks JSON bodies but keeps text ones."""
    daemon.fault = "malformed-json"
    reply = call(daemon, "GET", "/version")
    assert (reply.status, reply.body) == (200, b'{"Id": ')
    assert call(daemon, "GET", "/images/viz").body.startswith(b"digraph")


def test_fault_drop(daemon: FakeDaemon) -> None:
    """drop closes the connection without any answer."""
    daemon.fault = "drop"
    with pytest.raises(http.client.RemoteDisconnected):
        call(daemon, "GET", "/version")


def test_fault_slow(daemon: FakeDaemon) -> None:
    """slow waits slow_seconds before a normal answer."""
    daemon.fault, daemon.slow_seconds = "slow", 0.2
    started = time.monotonic()
    assert call(daemon, "GET", "/version").status == 200
    assert time.monotonic() - started >= 0.2


def test_fault_500_only_where_it_matches(daemon: FakeDaemon) -> None:
    """500 answers the boom text, limited by fault_match."""
    daemon.fault, daemon.fault_match = "500", r"^/info$"
    reply = call(daemon, "GET", "/info")
    assert (reply.status, reply.body) == (500, b"Internal server error: boom\n")
    assert call(daemon, "GET", "/version").status == 200
