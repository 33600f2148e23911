"""Exec endpoints: run another process in a running container."""

from __future__ import annotations

from typing import Any

from docker_cli.api.client import Client, quote_name
from docker_cli.transport.hijack import HijackedStream


def create_exec(client: Client, container: str, config: dict[str, Any]) -> str:
    """Set up the process; return the exec id."""
    path = f"/containers/{quote_name(container)}/exec"
    reply = client.post_json(path, None, config) or {}
    return str(reply.get("Id", ""))


def start_exec_detached(client: Client, exec_id: str, tty: bool) -> None:
    body = {"Detach": True, "Tty": tty}
    client.request("POST", f"/exec/{exec_id}/start", json=body)


def start_exec_attached(client: Client, exec_id: str, tty: bool) -> HijackedStream:
    """Start the process with its streams on a hijacked connection."""
    return client.hijack(f"/exec/{exec_id}/start", None, {"Detach": False, "Tty": tty})


def inspect_exec(client: Client, exec_id: str) -> dict[str, Any]:
    result: dict[str, Any] = client.get_json(f"/exec/{exec_id}/json")
    return result


def resize_exec(client: Client, exec_id: str, rows: int, columns: int) -> None:
    client.request("POST", f"/exec/{exec_id}/resize", {"h": rows, "w": columns})
