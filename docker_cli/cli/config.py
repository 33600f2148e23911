"""The client configuration file, config.json in the docker config folder."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from docker_cli.cli.context import get_env


def config_path() -> str:
    return os.path.join(get_env().config_dir, "config.json")


def load_config() -> dict[str, Any]:
    """config.json as a dict; empty when there is none. A file that is not
    valid JSON is an error the user must fix, not something to ignore."""
    from docker_cli.cli.errors import CommandFailed

    path = config_path()
    try:
        with open(path, encoding="utf-8") as file:
            config = json.load(file)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise CommandFailed(f"loading config file {path}: {error}") from None
    return config if isinstance(config, dict) else {}


@dataclass(frozen=True)
class DetachKeys:
    """The detach sequence as the user wrote it (for the daemon) and as the
    bytes the terminal sends (for dkr's own watch on stdin)."""

    spec: str
    sequence: bytes


def detach_keys(flag: str | None) -> DetachKeys:
    """The detach sequence: the flag, else config.json's detachKeys, else
    Ctrl-P Ctrl-Q."""
    from docker_cli.cli.errors import CommandFailed
    from docker_cli.cli.terminal import (
        DEFAULT_DETACH_KEYS,
        DetachKeysError,
        parse_detach_keys,
    )

    spec = str(flag or load_config().get("detachKeys") or DEFAULT_DETACH_KEYS)
    try:
        return DetachKeys(spec, parse_detach_keys(spec))
    except DetachKeysError as error:
        raise CommandFailed(str(error)) from None
