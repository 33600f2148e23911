"""Container filters evaluated client-side, for daemons that lack them."""

from __future__ import annotations

import re

from docker_cli.api.models import ContainerSummary
from docker_cli.api.references import split_tag


def match_container(container: ContainerSummary, filters: dict[str, list[str]]) -> bool:
    """True when the container passes every filter, as the daemon's own
    ``filters`` parameter decides: the values of one key are alternatives,
    except labels, which must all be present."""
    for key, values in filters.items():
        combine = all if key == "label" else any
        if not combine(_matches(container, key, value) for value in values):
            return False
    return True


def _matches(container: ContainerSummary, key: str, value: str) -> bool:
    if key == "status":
        return container.state == value
    if key == "id":
        return container.id.startswith(value)
    if key == "name":
        return any(re.search(value, name) for name in container.names)
    if key == "ancestor":
        return container.image == value or split_tag(container.image)[0] == value
    if key == "label":
        name, equals, wanted = value.partition("=")
        if name not in container.labels:
            return False
        return not equals or container.labels[name] == wanted
    return False
