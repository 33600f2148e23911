"""The values the API layer hands to commands, the same for every dialect."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ContainerSummary:
    """One row of the container list."""

    id: str
    names: list[str]
    image: str
    command: str
    created: int
    status: str
    state: str
    ports: str
    labels: dict[str, str] = field(default_factory=dict)
    size_rw: int | None = None
    size_root_fs: int | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class ImageSummary:
    """One image of the image list, with all the references it carries."""

    id: str
    repo_tags: list[str]
    repo_digests: list[str]
    created: int
    size: int
    parent_id: str = ""
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class HistoryEntry:
    """One layer of an image's history."""

    id: str
    created: int
    created_by: str
    size: int
    comment: str
    tags: list[str] = field(default_factory=list)
