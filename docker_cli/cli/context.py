"""What every command shares: the daemon address, options, the client."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from docker_cli.api.client import Client


@dataclass
class Env:
    """Global options, resolved once per process; the client is made lazily
    so that commands which never talk to the daemon never build one."""

    host: str | None = None
    api_version: str | None = None
    config_dir: str = ""
    debug: bool = False
    _client: Client | None = field(default=None, repr=False)

    @classmethod
    def from_options(cls, host: str | None, config: str | None, debug: bool) -> Env:
        config_dir = (
            config
            or os.environ.get("DOCKER_CONFIG")
            or os.path.join(os.path.expanduser("~"), ".docker")
        )
        return cls(
            host=host or os.environ.get("DOCKER_HOST") or None,
            api_version=os.environ.get("DOCKER_API_VERSION") or None,
            config_dir=config_dir,
            debug=debug,
        )

    @property
    def client(self) -> Client:
        if self._client is None:
            from docker_cli.api.client import Client

            self._client = Client.from_host(self.host, self.api_version)
        return self._client


def get_env() -> Env:
    """The Env of the running command."""
    env = click.get_current_context().find_object(Env)
    if env is None:
        env = Env.from_options(None, None, False)
    return env
