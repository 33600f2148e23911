"""Container endpoints: list, create, inspect, lifecycle, attach, logs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from docker_cli.api.client import Client, quote_name
from docker_cli.api.errors import DockerError
from docker_cli.api.models import ContainerSummary
from docker_cli.api.streams import demultiplex, is_multiplexed
from docker_cli.transport.frames import STDERR, STDOUT, Chunk
from docker_cli.transport.hijack import HijackedStream
from docker_cli.transport.websocket import WebSocket, handshake_headers

Filters = dict[str, list[str]]


def list_containers(
    client: Client,
    all: bool = False,
    limit: int | None = None,
    size: bool = False,
    filters: Filters | None = None,
) -> list[ContainerSummary]:
    params: dict[str, Any] = {"all": all, "size": size}
    if limit is not None and limit > 0:
        params["limit"] = limit
    if filters and not client.legacy:
        params["filters"] = json.dumps(filters)
    entries = client.get_json("/containers/json", params)
    containers = [_summary(entry) for entry in entries]
    if filters and client.legacy:
        # The 2013 API has no filters; apply them here from what it returns.
        from docker_cli.api.filters import match_container

        containers = [c for c in containers if match_container(c, filters)]
    return containers


def _summary(entry: dict[str, Any]) -> ContainerSummary:
    status = entry.get("Status") or ""
    return ContainerSummary(
        id=entry.get("Id", ""),
        names=[name.lstrip("/") for name in entry.get("Names") or []],
        image=entry.get("Image", ""),
        command=entry.get("Command", ""),
        created=int(entry.get("Created") or 0),
        status=status,
        state=entry.get("State") or _state_from_status(status),
        ports=_format_ports(entry.get("Ports")),
        labels=entry.get("Labels") or {},
        size_rw=entry.get("SizeRw"),
        size_root_fs=entry.get("SizeRootFs"),
        raw=entry,
    )


def _state_from_status(status: str) -> str:
    """Old daemons give only "Up 2 minutes" or "Exit 0"; derive the state."""
    if status.startswith("Up"):
        return "paused" if "Paused" in status else "running"
    if status.startswith("Exit"):
        return "exited"
    return "created" if not status else status.split()[0].lower()


def _format_ports(ports: Any) -> str:
    # TODO: docker folds consecutive ports into ranges (80-81/tcp); dkr
    # lists them one by one.
    if not ports:
        return ""
    if isinstance(ports, str):
        return ports
    shown = []
    for port in ports:
        private = f"{port.get('PrivatePort')}/{port.get('Type', 'tcp')}"
        if port.get("PublicPort"):
            host = port.get("IP") or "0.0.0.0"
            host = f"[{host}]" if ":" in host else host
            shown.append(f"{host}:{port['PublicPort']}->{private}")
        else:
            shown.append(private)
    return ", ".join(dict.fromkeys(shown))


def create_container(
    client: Client, config: dict[str, Any], name: str | None = None
) -> tuple[str, list[str]]:
    """Create a container; return its id and the daemon's warnings."""
    params = {"name": name} if name else None
    if client.legacy:
        config = _legacy_config(config)
    reply = client.post_json("/containers/create", params, config) or {}
    container_id = str(reply.get("Id", ""))
    if client.legacy and len(container_id) < 64:
        # The 2013 daemon answers with a short id; inspect knows the full one.
        container_id = str(inspect_container(client, container_id)["Id"])
    return container_id, reply.get("Warnings") or []


def _legacy_config(config: dict[str, Any]) -> dict[str, Any]:
    """The 2013 daemon knows no HostConfig, Entrypoint or Labels."""
    legacy = {k: v for k, v in config.items() if k not in ("HostConfig",)}
    return legacy


def inspect_container(client: Client, ref: str) -> dict[str, Any]:
    result: dict[str, Any] = client.get_json(f"/containers/{quote_name(ref)}/json")
    return result


def start_container(client: Client, ref: str) -> None:
    client.request("POST", f"/containers/{quote_name(ref)}/start")


def stop_container(
    client: Client, ref: str, timeout: int | None = None, signal: str | None = None
) -> None:
    """Stop with SIGTERM (or ``signal``, API 1.42+), SIGKILL after timeout."""
    params = {"t": timeout, "signal": signal}
    client.request("POST", f"/containers/{quote_name(ref)}/stop", params)


def restart_container(
    client: Client, ref: str, timeout: int | None = None, signal: str | None = None
) -> None:
    params = {"t": timeout, "signal": signal}
    client.request("POST", f"/containers/{quote_name(ref)}/restart", params)


def kill_container(client: Client, ref: str, signal: str | None = None) -> None:
    client.request("POST", f"/containers/{quote_name(ref)}/kill", {"signal": signal})


def remove_container(
    client: Client, ref: str, force: bool = False, volumes: bool = False
) -> None:
    params = {"force": force or None, "v": volumes or None}
    client.request("DELETE", f"/containers/{quote_name(ref)}", params)


def wait_container(client: Client, ref: str, condition: str | None = None) -> int:
    """Block until the container stops; return its exit code."""
    return begin_wait(client, ref, condition)()


def begin_wait(
    client: Client, ref: str, condition: str | None = None
) -> Callable[[], int]:
    """Send the wait request now; the returned function blocks until the
    container stops and returns its exit code.

    Since API 1.30 the daemon answers the headers as soon as the wait is
    registered and the body at the exit, so once this returns, an exit
    cannot be missed however soon it comes (Engine API, ContainerWait).
    """
    params = {"condition": condition} if condition and not client.legacy else None
    path = f"/containers/{quote_name(ref)}/wait"
    response = client.request("POST", path, params, stream=True)

    def status() -> int:
        reply = client.decode_json(response) or {}
        message = (reply.get("Error") or {}).get("Message")
        if message:
            raise DockerError(message)
        return int(reply.get("StatusCode", -1))

    return status


def container_changes(client: Client, ref: str) -> list[dict[str, Any]]:
    changes = client.get_json(f"/containers/{quote_name(ref)}/changes")
    return list(changes or [])


def export_container(client: Client, ref: str) -> Iterator[bytes]:
    response = client.request(
        "GET", f"/containers/{quote_name(ref)}/export", stream=True
    )
    return client.iter_bytes(response)


def attach_container(
    client: Client,
    ref: str,
    stdin: bool = False,
    stdout: bool = True,
    stderr: bool = True,
    logs: bool = False,
    detach_keys: str | None = None,
) -> HijackedStream:
    """Attach to the container's streams. The daemon watches stdin for
    ``detach_keys`` (its default is Ctrl-P Ctrl-Q) and ends the stream there."""
    params = {
        "stream": True,
        "stdin": stdin,
        "stdout": stdout,
        "stderr": stderr,
        "logs": logs,
        "detachKeys": None if client.legacy else detach_keys,
    }
    return client.hijack(f"/containers/{quote_name(ref)}/attach", params)


def container_logs(
    client: Client,
    ref: str,
    tty: bool,
    follow: bool = False,
    tail: str | None = None,
    timestamps: bool = False,
    since: str | None = None,
    until: str | None = None,
) -> Iterator[Chunk]:
    """The container's output so far (and to come, with ``follow``)."""
    if client.legacy:
        return _legacy_logs(client, ref)
    params = {
        "stdout": True,
        "stderr": True,
        "follow": follow,
        "tail": tail,
        "timestamps": timestamps,
        "since": since,
        "until": until,
    }
    response = client.request(
        "GET", f"/containers/{quote_name(ref)}/logs", params, stream=True
    )
    content_type = response.headers.get("Content-Type", "")
    multiplexed = is_multiplexed(tty, legacy=False, content_type=content_type)
    return demultiplex(client.iter_bytes(response), multiplexed)


def _legacy_logs(client: Client, ref: str) -> Iterator[Chunk]:
    """The 2013 daemon serves logs only through attach with logs=1&stream=0,
    as one raw stream; asking for stdout and stderr separately keeps them
    apart (at the cost of their relative order)."""
    for number, name in ((STDOUT, "stdout"), (STDERR, "stderr")):
        params = {"logs": True, "stream": False, name: True}
        stream = client.hijack(f"/containers/{quote_name(ref)}/attach", params)
        try:
            while chunk := stream.read():
                yield number, chunk
        finally:
            stream.close()


def commit_container(
    client: Client,
    ref: str,
    repo: str | None,
    tag: str | None,
    message: str | None,
    author: str | None,
    changes: list[str],
    pause: bool = True,
) -> str:
    params: dict[str, Any] = {
        "container": ref,
        "repo": repo,
        "tag": tag,
        "comment" if not client.legacy else "m": message,
        "author": author,
        "pause": None if client.legacy else pause,
    }
    if changes and not client.legacy:
        params["changes"] = changes
    reply = client.post_json("/commit", params, {}) or {}
    return str(reply.get("Id", ""))


def resize_container(client: Client, ref: str, rows: int, columns: int) -> None:
    """Set the size of the container's TTY."""
    params = {"h": rows, "w": columns}
    client.request("POST", f"/containers/{quote_name(ref)}/resize", params)


def attach_websocket(
    client: Client,
    ref: str,
    stdin: bool = False,
    stdout: bool = True,
    stderr: bool = True,
    logs: bool = False,
) -> WebSocket:
    """Attach through the ``attach/ws`` endpoint: each message carries
    container output (raw, never framed); messages sent go to stdin."""
    params = {
        "stream": True,
        "stdin": stdin,
        "stdout": stdout,
        "stderr": stderr,
        "logs": logs,
    }
    headers, accept = handshake_headers()
    path = f"/containers/{quote_name(ref)}/attach/ws"
    stream = client.hijack(path, params, method="GET", headers=headers)
    return WebSocket(stream, accept)
