"""Registry credentials in docker's config.json, or in a credential helper
(``docker-credential-NAME``) when config.json names one."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Any

from docker_cli.cli.config import config_path, load_config
from docker_cli.cli.errors import CommandFailed

# What a helper answers for a server it holds nothing for.
_NOT_FOUND = "credentials not found"
# A helper stores an identity token (not a password) under this user name.
_TOKEN_USER = "<token>"


@dataclass
class Credentials:
    """A user name and a password, or an identity token from the registry."""

    username: str = ""
    password: str = ""
    identity_token: str = ""

    def registry_auth(self, server: str) -> str:
        """The X-Registry-Auth header value: URL-safe base64 of the JSON the
        engine expects (Engine API, "Authentication")."""
        if self.identity_token:
            fields: dict[str, str] = {"identitytoken": self.identity_token}
        else:
            fields = {"username": self.username, "password": self.password}
        fields["serveraddress"] = server
        return encode_auth(fields)


def encode_auth(fields: dict[str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(fields).encode()).decode()


def anonymous_auth() -> str:
    """The header for no credentials; push insists on having one."""
    return encode_auth({})


def get_credentials(server: str) -> Credentials | None:
    config = load_config()
    helper = _helper_for(config, server)
    if helper:
        return _helper_get(helper, server)
    entry = (config.get("auths") or {}).get(server) or {}
    return _from_entry(entry)


def store_credentials(server: str, credentials: Credentials) -> bool:
    """Save credentials; return True when they went into config.json as
    plain text (not into a helper), which docker warns about."""
    config = load_config()
    helper = _helper_for(config, server)
    if helper:
        _helper_store(helper, server, credentials)
        # docker notes the server in config.json, without the secret.
        config.setdefault("auths", {})[server] = {}
        save_config(config)
        return False
    config.setdefault("auths", {})[server] = _to_entry(credentials)
    save_config(config)
    return True


def erase_credentials(server: str) -> None:
    config = load_config()
    helper = _helper_for(config, server)
    if helper:
        _run_helper(helper, "erase", server)
    (config.get("auths") or {}).pop(server, None)
    save_config(config)


def save_config(config: dict[str, Any]) -> None:
    """Write config.json whole or not at all, readable by its owner only;
    a config.json that is a link (dotfile managers) is written through."""
    path = os.path.realpath(config_path())
    directory = os.path.dirname(path)
    os.makedirs(directory, mode=0o700, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".config.json.", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(config, file, indent="\t")
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _from_entry(entry: dict[str, Any]) -> Credentials | None:
    if entry.get("identitytoken"):
        return Credentials(identity_token=entry["identitytoken"])
    encoded = entry.get("auth")
    if not encoded:
        return None
    try:
        username, _, password = base64.b64decode(encoded).decode().partition(":")
    except ValueError:
        raise CommandFailed("invalid auth entry in config.json") from None
    return Credentials(username, password)


def _to_entry(credentials: Credentials) -> dict[str, str]:
    pair = f"{credentials.username}:{credentials.password}"
    entry = {"auth": base64.b64encode(pair.encode()).decode()}
    if credentials.identity_token:
        entry = {"identitytoken": credentials.identity_token}
    return entry


def _helper_for(config: dict[str, Any], server: str) -> str | None:
    helpers = config.get("credHelpers") or {}
    return helpers.get(server) or config.get("credsStore") or None


def _helper_get(helper: str, server: str) -> Credentials | None:
    reply = _run_helper(helper, "get", server)
    if reply is None:
        return None
    try:
        fields = json.loads(reply)
    except ValueError:
        raise CommandFailed(f"docker-credential-{helper}: unreadable reply") from None
    if fields.get("Username") == _TOKEN_USER:
        return Credentials(identity_token=fields.get("Secret", ""))
    return Credentials(fields.get("Username", ""), fields.get("Secret", ""))


def _helper_store(helper: str, server: str, credentials: Credentials) -> None:
    username = _TOKEN_USER if credentials.identity_token else credentials.username
    secret = credentials.identity_token or credentials.password
    payload = {"ServerURL": server, "Username": username, "Secret": secret}
    _run_helper(helper, "store", json.dumps(payload))


def _run_helper(helper: str, action: str, payload: str) -> str | None:
    """Run ``docker-credential-HELPER ACTION`` with payload on stdin. The
    helper's output may carry the secret, so it is never shown on error."""
    program = f"docker-credential-{helper}"
    try:
        result = subprocess.run(
            [program, action], input=payload, capture_output=True, text=True
        )
    except OSError:
        raise CommandFailed(
            f'error getting credentials - err: exec: "{program}": '
            "executable file not found in $PATH"
        ) from None
    if result.returncode != 0:
        if _NOT_FOUND in result.stdout + result.stderr:
            return None
        raise CommandFailed(f"{program} {action} failed (status {result.returncode})")
    return result.stdout
