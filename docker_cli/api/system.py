"""System endpoints: version and info."""

from __future__ import annotations

from typing import Any

from docker_cli.api.client import Client


def server_version(client: Client) -> dict[str, Any]:
    result: dict[str, Any] = client.get_json("/version")
    return result


def system_info(client: Client) -> dict[str, Any]:
    result: dict[str, Any] = client.get_json("/info")
    return result
