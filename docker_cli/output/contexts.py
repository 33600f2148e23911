"""What a ``--format`` template sees for each row of ps, images, history
and search: the fields docker's formatter offers, under the same names."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from docker_cli.api.models import ContainerSummary, HistoryEntry, ImageSummary
from docker_cli.output.formatting import marshal
from docker_cli.output.humanize import ellipsis, human_size, short_id, time_ago
from docker_cli.output.quote import go_quote

CONTAINER_HEADERS = {
    "ID": "CONTAINER ID",
    "Names": "NAMES",
    "Image": "IMAGE",
    "Command": "COMMAND",
    "CreatedAt": "CREATED AT",
    "RunningFor": "CREATED",
    "Ports": "PORTS",
    "State": "STATE",
    "Status": "STATUS",
    "Size": "SIZE",
    "Labels": "LABELS",
    "Mounts": "MOUNTS",
    "LocalVolumes": "LOCAL VOLUMES",
    "Networks": "NETWORKS",
    "Platform": "PLATFORM",
}
IMAGE_HEADERS = {
    "Repository": "REPOSITORY",
    "Tag": "TAG",
    "ID": "IMAGE ID",
    "Digest": "DIGEST",
    "CreatedSince": "CREATED",
    "CreatedAt": "CREATED AT",
    "Size": "SIZE",
    "Containers": "CONTAINERS",
    "VirtualSize": "VIRTUAL SIZE",
    "SharedSize": "SHARED SIZE",
    "UniqueSize": "UNIQUE SIZE",
}
HISTORY_HEADERS = {
    "ID": "IMAGE",
    "CreatedSince": "CREATED",
    "CreatedAt": "CREATED AT",
    "CreatedBy": "CREATED BY",
    "Size": "SIZE",
    "Comment": "COMMENT",
}
SEARCH_HEADERS = {
    "Name": "NAME",
    "Description": "DESCRIPTION",
    "StarCount": "STARS",
    "IsOfficial": "OFFICIAL",
    "IsAutomated": "AUTOMATED",
}


def go_time(timestamp: float) -> str:
    """Go's time.Time String() for a local time: 2026-12-04 17:30:46 +0000 UTC."""
    local = datetime.fromtimestamp(timestamp, UTC).astimezone()
    return local.strftime("%Y-%m-%d %H:%M:%S %z ") + (local.tzname() or "")


class _Context:
    """What every row context shares: its JSON forms."""

    def marshal_json(self) -> dict[str, Any]:
        return marshal(self)

    def marshal_json_text(self) -> str:
        from docker_cli.output.formatting import to_json

        return to_json(self)


class ContainerContext(_Context):
    """One container as docker's ``ps --format`` templates see it."""

    go_type_name = "*formatter.ContainerContext"

    def __init__(self, container: ContainerSummary, trunc: bool) -> None:
        self._c = container
        self._trunc = trunc

    @property
    def ID(self) -> str:  # noqa: N802 - docker's field names
        return short_id(self._c.id) if self._trunc else self._c.id

    @property
    def Names(self) -> str:  # noqa: N802
        from docker_cli.output.lists import names_column

        return names_column(self._c.names, self._trunc)

    @property
    def Image(self) -> str:  # noqa: N802
        from docker_cli.output.lists import image_column

        return image_column(self._c.image, self._trunc)

    @property
    def Command(self) -> str:  # noqa: N802
        command = self._c.command
        return go_quote(ellipsis(command, 20) if self._trunc else command)

    @property
    def CreatedAt(self) -> str:  # noqa: N802
        return go_time(self._c.created)

    @property
    def RunningFor(self) -> str:  # noqa: N802
        return time_ago(self._c.created)

    @property
    def Ports(self) -> str:  # noqa: N802
        return self._c.ports

    @property
    def State(self) -> str:  # noqa: N802
        return self._c.state

    @property
    def Status(self) -> str:  # noqa: N802
        return self._c.status

    @property
    def Size(self) -> str:  # noqa: N802
        from docker_cli.output.lists import size_column

        return size_column(self._c)

    @property
    def Labels(self) -> str:  # noqa: N802
        return ",".join(f"{k}={v}" for k, v in sorted(self._c.labels.items()))

    def Label(self, name: str) -> str:  # noqa: N802
        return self._c.labels.get(name, "")

    @property
    def Mounts(self) -> str:  # noqa: N802
        mounts = self._c.raw.get("Mounts") or []
        names = [str(m.get("Name") or m.get("Source") or "") for m in mounts]
        return ",".join(ellipsis(n, 15) if self._trunc else n for n in names)

    @property
    def LocalVolumes(self) -> str:  # noqa: N802
        mounts = self._c.raw.get("Mounts") or []
        return str(sum(1 for m in mounts if m.get("Driver") == "local"))

    @property
    def Networks(self) -> str:  # noqa: N802
        settings = self._c.raw.get("NetworkSettings") or {}
        return ",".join(sorted(settings.get("Networks") or {}))

    @property
    def Platform(self) -> Any:  # noqa: N802
        return None


class ImageContext(_Context):
    """One row of ``images`` (an image under one of its names)."""

    go_type_name = "*formatter.imageContext"

    def __init__(
        self,
        image: ImageSummary,
        repository: str,
        tag: str,
        trunc: bool,
        digests: bool = False,
    ) -> None:
        self._i, self._repository, self._tag = image, repository, tag
        self._trunc, self._digests = trunc, digests

    @property
    def Repository(self) -> str:  # noqa: N802
        return self._repository

    @property
    def Tag(self) -> str:  # noqa: N802
        return self._tag

    @property
    def ID(self) -> str:  # noqa: N802
        return short_id(self._i.id) if self._trunc else self._i.id

    @property
    def Digest(self) -> str:  # noqa: N802
        # docker fills it in with --digests, or when a template asks for it.
        from docker_cli.output.lists import digest_of

        return digest_of(self._i, self._repository) if self._digests else "<none>"

    @property
    def CreatedSince(self) -> str:  # noqa: N802
        return time_ago(self._i.created)

    @property
    def CreatedAt(self) -> str:  # noqa: N802
        return go_time(self._i.created)

    @property
    def Size(self) -> str:  # noqa: N802
        return human_size(self._i.size)

    @property
    def VirtualSize(self) -> str:  # noqa: N802
        return human_size(self._i.size, 4)

    @property
    def Containers(self) -> str:  # noqa: N802
        count = self._i.raw.get("Containers", -1)
        return "N/A" if count is None or count < 0 else str(count)

    @property
    def SharedSize(self) -> str:  # noqa: N802
        size = self._i.raw.get("SharedSize", -1)
        return "N/A" if size is None or size < 0 else human_size(size)

    @property
    def UniqueSize(self) -> str:  # noqa: N802
        shared = self._i.raw.get("SharedSize", -1)
        if shared is None or shared < 0:
            return "N/A"
        return human_size(self._i.size - shared)


class HistoryContext(_Context):
    """One layer of ``history``."""

    go_type_name = "*image.historyContext"

    def __init__(self, entry: HistoryEntry, trunc: bool, human: bool) -> None:
        self._e, self._trunc, self._human = entry, trunc, human

    @property
    def ID(self) -> str:  # noqa: N802
        layer = self._e.id or "<missing>"
        return short_id(layer) if self._trunc and layer != "<missing>" else layer

    @property
    def CreatedSince(self) -> str:  # noqa: N802
        from docker_cli.output.lists import history_time

        return history_time(self._e.created, True)

    @property
    def CreatedAt(self) -> str:  # noqa: N802
        when = datetime.fromtimestamp(self._e.created, UTC).astimezone()
        text = when.isoformat()
        return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text

    @property
    def CreatedBy(self) -> str:  # noqa: N802
        text = self._e.created_by.replace("\t", " ")
        return ellipsis(text, 45) if self._trunc else text

    @property
    def Size(self) -> str:  # noqa: N802
        return human_size(self._e.size) if self._human else str(self._e.size)

    @property
    def Comment(self) -> str:  # noqa: N802
        return self._e.comment


class SearchContext(_Context):
    """One result of ``search``."""

    go_type_name = "*formatter.searchContext"

    def __init__(self, result: dict[str, Any], trunc: bool) -> None:
        self._r, self._trunc = result, trunc

    @property
    def Name(self) -> str:  # noqa: N802
        return str(self._r.get("name", ""))

    @property
    def Description(self) -> str:  # noqa: N802
        text = str(self._r.get("description") or "").replace("\n", " ")
        return ellipsis(text, 45) if self._trunc else text

    @property
    def StarCount(self) -> str:  # noqa: N802
        return str(self._r.get("star_count", 0))

    @property
    def IsOfficial(self) -> str:  # noqa: N802
        return "[OK]" if self._r.get("is_official") else ""

    @property
    def IsAutomated(self) -> str:  # noqa: N802
        return "[OK]" if self._r.get("is_automated") else ""
