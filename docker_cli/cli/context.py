"""What every command shares: the daemon address, options, the client."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from docker_cli.api.client import Client, TLSConfig


@dataclass
class TLSOptions:
    """The --tls* flags as given; resolve() adds docker's defaults."""

    tls: bool = False
    verify: bool = False
    ca_cert: str | None = None
    cert: str | None = None
    key: str | None = None

    def resolve(self, config_dir: str) -> TLSConfig | None:
        """TLS is on with --tls, --tlsverify or DOCKER_TLS_VERIFY; files not
        named come from DOCKER_CERT_PATH (else the config folder) when
        they exist there."""
        verify = self.verify or bool(os.environ.get("DOCKER_TLS_VERIFY"))
        if not (self.tls or verify or os.environ.get("DOCKER_TLS")):
            return None
        from docker_cli.api.client import TLSConfig

        folder = os.environ.get("DOCKER_CERT_PATH") or config_dir

        def default(given: str | None, name: str) -> str | None:
            path = given or os.path.join(folder, name)
            return path if given or os.path.exists(path) else None

        return TLSConfig(
            verify=verify,
            ca_cert=default(self.ca_cert, "ca.pem"),
            client_cert=default(self.cert, "cert.pem"),
            client_key=default(self.key, "key.pem"),
        )


@dataclass
class Env:
    """Global options, resolved once per process; the client is made lazily
    so that commands which never talk to the daemon never build one."""

    host: str | None = None
    api_version: str | None = None
    config_dir: str = ""
    debug: bool = False
    tls: TLSOptions = field(default_factory=TLSOptions)
    _client: Client | None = field(default=None, repr=False)

    @classmethod
    def from_options(
        cls,
        host: str | None,
        config: str | None,
        debug: bool,
        tls: TLSOptions | None = None,
    ) -> Env:
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
            tls=tls or TLSOptions(),
        )

    @property
    def client(self) -> Client:
        if self._client is None:
            from docker_cli.api.client import Client

            tls = self.tls.resolve(self.config_dir)
            self._client = Client.from_host(self.host, self.api_version, tls)
        return self._client


def get_env() -> Env:
    """The Env of the running command."""
    env = click.get_current_context().find_object(Env)
    if env is None:
        env = Env.from_options(None, None, False)
    return env
