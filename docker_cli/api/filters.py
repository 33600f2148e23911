"""Container filters evaluated client-side, for daemons that lack them."""

from __future__ import annotations

import re

from docker_cli.api.models import ContainerSummary


def match_container(container: ContainerSummary, filters: dict[str, list[str]]) -> bool:
    """True when the container passes every filter (values of one key OR-ed),
    as the daemon's own ``filters`` parameter does."""
    return all(
        any(_matches(container, key, value) for value in values)
        for key, values in filters.items()
    )


def _matches(container: ContainerSummary, key: str, value: str) -> bool:
    if key == "status":
        return container.state == value
    if key == "id":
        return container.id.startswith(value)
    if key == "name":
        return any(re.search(value, name) for name in container.names)
    if key == "ancestor":
        image = container.image
        return image == value or image.split(":")[0] == value
    if key == "label":
        name, _, wanted = value.partition("=")
        if name not in container.labels:
            return False
        return not wanted or container.labels[name] == wanted
    return False
