"""The default tables of ``ps``, ``images`` and ``history``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docker_cli.api.models import ContainerSummary, HistoryEntry, ImageSummary
from docker_cli.output.humanize import ellipsis, human_size, short_id, time_ago
from docker_cli.output.quote import go_quote

Rows = list[list[str]]
CONTAINER_HEADER = [
    "CONTAINER ID",
    "IMAGE",
    "COMMAND",
    "CREATED",
    "STATUS",
    "PORTS",
    "NAMES",
]
IMAGE_HEADER = ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]
HISTORY_HEADER = ["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"]


def container_rows(
    containers: Sequence[ContainerSummary], trunc: bool, size: bool
) -> tuple[list[str], Rows]:
    header = CONTAINER_HEADER + (["SIZE"] if size else [])
    rows = []
    for container in containers:
        row = [
            short_id(container.id) if trunc else container.id,
            image_column(container.image, trunc),
            command_column(container.command, trunc),
            time_ago(container.created),
            container.status,
            container.ports,
            names_column(container.names, trunc),
        ]
        if size:
            row.append(size_column(container))
        rows.append(row)
    return header, rows


def image_column(image: str, trunc: bool) -> str:
    if not image:
        return "<no image>"
    if not trunc:
        return image
    if image.startswith("sha256:"):
        return short_id(image)
    if "@" in image:
        return image.split("@", 1)[0]
    return image


def command_column(command: str, trunc: bool) -> str:
    return go_quote(ellipsis(command, 20) if trunc else command)


def names_column(names: list[str], trunc: bool) -> str:
    if trunc:
        # Links show up as extra names with a slash; docker hides them.
        plain = [name for name in names if "/" not in name]
        return plain[0] if plain else ""
    return ",".join(names)


def size_column(container: ContainerSummary) -> str:
    writable = human_size(container.size_rw or 0)
    if container.size_root_fs:
        return f"{writable} (virtual {human_size(container.size_root_fs)})"
    return writable


def image_rows(
    images: Sequence[ImageSummary], trunc: bool, digests: bool = False
) -> tuple[list[str], Rows]:
    rows = []
    for image in images:
        image_id = short_id(image.id) if trunc else image.id
        details = [image_id, time_ago(image.created), human_size(image.size)]
        for repository, tag in repository_tags(image):
            digest = [digest_of(image, repository)] if digests else []
            rows.append([repository, tag, *digest, *details])
    header = (
        IMAGE_HEADER[:2] + ["DIGEST"] + IMAGE_HEADER[2:] if digests else IMAGE_HEADER
    )
    return header, rows


def digest_of(image: ImageSummary, repository: str) -> str:
    """The image's digest in that repository, as docker's DIGEST column."""
    for entry in image.repo_digests:
        name, _, digest = entry.partition("@")
        if name == repository:
            return digest
    return "<none>"


def repository_tags(image: ImageSummary) -> list[tuple[str, str]]:
    """One (repository, tag) pair per row docker shows for the image."""
    pairs = []
    for repo_tag in image.repo_tags:
        repository, _, tag = repo_tag.rpartition(":")
        pairs.append((repository, tag))
    tagged = {repository for repository, _ in pairs}
    for digest in image.repo_digests:
        repository = digest.split("@", 1)[0]
        if repository not in tagged:
            pairs.append((repository, "<none>"))
    return pairs or [("<none>", "<none>")]


def history_rows(
    entries: Sequence[HistoryEntry], trunc: bool, human: bool
) -> tuple[list[str], Rows]:
    rows = []
    for entry in entries:
        layer = entry.id or "<missing>"
        created_by = entry.created_by.replace("\t", " ")
        rows.append(
            [
                short_id(layer) if trunc and layer != "<missing>" else layer,
                history_time(entry.created, human),
                ellipsis(created_by, 45) if trunc else created_by,
                human_size(entry.size) if human else str(entry.size),
                entry.comment,
            ]
        )
    return HISTORY_HEADER, rows


# docker shows no creation time for layers dated before 2000, which is how
# reproducible builds mark them (formatter_history.go in docker/cli).
_EPOCH_2000 = 946684800


def history_time(timestamp: int, human: bool) -> str:
    if human:
        return time_ago(timestamp) if timestamp > _EPOCH_2000 else ""
    from datetime import datetime

    text = datetime.fromtimestamp(timestamp).astimezone().isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


SEARCH_HEADER = ["NAME", "DESCRIPTION", "STARS", "OFFICIAL"]


def search_rows(
    results: Sequence[dict[str, Any]], trunc: bool
) -> tuple[list[str], Rows]:
    rows = []
    for result in results:
        description = str(result.get("description") or "").replace("\n", " ")
        rows.append(
            [
                str(result.get("name", "")),
                ellipsis(description, 45) if trunc else description,
                str(result.get("star_count", 0)),
                "[OK]" if result.get("is_official") else "",
            ]
        )
    return SEARCH_HEADER, rows
