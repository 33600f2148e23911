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


def inspect_raw(
    client: Client, name: str, kind: str | None = None, size: bool = False
) -> str:
    """The daemon's JSON text for a container or image, trying containers
    first unless ``kind`` says which; raises NotFound when it is neither."""
    from docker_cli.api.client import quote_name
    from docker_cli.api.errors import NotFound

    paths = {
        "container": (f"/containers/{quote_name(name)}/json", {"size": size}),
        "image": (f"/images/{quote_name(name)}/json", None),
    }
    if kind:
        path, params = paths[kind]
        return client.request("GET", path, params).text
    for path, params in paths.values():
        try:
            return client.request("GET", path, params).text
        except NotFound:
            continue
    raise NotFound(404, f"No such object: {name}")


def check_login(
    client: Client, username: str, password: str, server: str
) -> dict[str, Any]:
    """Ask the daemon to log in to the registry; returns its reply, which
    may carry an identity token to store instead of the password."""
    body = {"username": username, "password": password, "serveraddress": server}
    reply = client.post_json("/auth", None, body)
    return reply if isinstance(reply, dict) else {}
