"""Image endpoints: list, pull, import, tag, remove, history, inspect."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from docker_cli.api.client import Client, quote_name
from docker_cli.api.models import HistoryEntry, ImageSummary
from docker_cli.api.references import split_tag


def list_images(
    client: Client,
    all: bool = False,
    reference: str | None = None,
    filters: dict[str, list[str]] | None = None,
) -> list[ImageSummary]:
    params: dict[str, Any] = {"all": all}
    wanted = dict(filters or {})
    if reference:
        wanted.setdefault("reference", []).append(reference)
    if wanted and not client.legacy:
        params["filters"] = json.dumps(wanted)
    entries = client.get_json("/images/json", params) or []
    if client.legacy:
        images = _group_legacy(entries)
        if reference:
            images = [i for i in images if _legacy_match(i, reference)]
        return images
    return [_summary(entry) for entry in entries]


def _summary(entry: dict[str, Any]) -> ImageSummary:
    return ImageSummary(
        id=entry.get("Id", ""),
        repo_tags=[t for t in entry.get("RepoTags") or [] if t != "<none>:<none>"],
        repo_digests=[
            d for d in entry.get("RepoDigests") or [] if d != "<none>@<none>"
        ],
        created=int(entry.get("Created") or 0),
        size=int(entry.get("Size") or 0),
        parent_id=entry.get("ParentId") or "",
        raw=entry,
    )


def _group_legacy(entries: list[dict[str, Any]]) -> list[ImageSummary]:
    """The 2013 daemon lists one entry per repository and tag; fold them
    into one value per image, as current daemons do."""
    images: dict[str, ImageSummary] = {}
    for entry in entries:
        image_id = entry.get("Id", "")
        image = images.get(image_id)
        if image is None:
            size = entry.get("VirtualSize") or entry.get("Size") or 0
            image = ImageSummary(
                image_id, [], [], int(entry.get("Created") or 0), int(size), raw=entry
            )
            images[image_id] = image
        repository, tag = entry.get("Repository"), entry.get("Tag")
        if repository and repository != "<none>":
            image.repo_tags.append(f"{repository}:{tag or 'latest'}")
    return list(images.values())


def _legacy_match(image: ImageSummary, reference: str) -> bool:
    repository, tag = split_tag(reference)
    for repo_tag in image.repo_tags:
        have_repository, have_tag = split_tag(repo_tag)
        if have_repository == repository and (tag is None or tag == have_tag):
            return True
    return False


def inspect_image(client: Client, ref: str) -> dict[str, Any]:
    result: dict[str, Any] = client.get_json(f"/images/{quote_name(ref)}/json")
    return result


def image_history(client: Client, ref: str) -> list[HistoryEntry]:
    entries = client.get_json(f"/images/{quote_name(ref)}/history") or []
    return [
        HistoryEntry(
            id=entry.get("Id", ""),
            created=int(entry.get("Created") or 0),
            created_by=entry.get("CreatedBy") or "",
            size=int(entry.get("Size") or 0),
            comment=entry.get("Comment") or "",
            tags=entry.get("Tags") or entry.get("Tag") or [],
        )
        for entry in entries
    ]


def pull_image(
    client: Client, reference: str, auth: str | None = None, all_tags: bool = False
) -> Iterator[dict[str, Any]]:
    """Start a pull; yield the daemon's progress messages as they come.
    With ``all_tags``, every tag of the repository is pulled."""
    repository, tag = split_tag(reference)
    if "@" in repository:
        params = {"fromImage": reference}
    elif all_tags:
        params = {"fromImage": repository}
    else:
        params = {"fromImage": repository, "tag": tag or "latest"}
    headers = {"X-Registry-Auth": auth} if auth else {}
    response = client.request(
        "POST", "/images/create", params, stream=True, headers=headers
    )
    return client.stream_json(response)


def push_image(
    client: Client, reference: str, auth: str, all_tags: bool = False
) -> Iterator[dict[str, Any]]:
    """Start a push; yield the daemon's progress messages as they come."""
    repository, tag = split_tag(reference)
    params = {"tag": None if all_tags or client.legacy else tag or "latest"}
    headers = {"X-Registry-Auth": auth}
    path = f"/images/{quote_name(repository)}/push"
    # The 2013 daemon reads the credentials from the body, not the header.
    body = _decode_auth(auth) if client.legacy else None
    response = client.request(
        "POST", path, params, stream=True, headers=headers, json=body
    )
    return client.stream_json(response)


def _decode_auth(header: str) -> dict[str, Any]:
    import base64

    padded = header + "=" * (-len(header) % 4)
    decoded = json.loads(base64.urlsafe_b64decode(padded) or b"{}")
    return decoded if isinstance(decoded, dict) else {}


def import_image(
    client: Client,
    source: str | Iterable[bytes],
    repository: str | None = None,
    tag: str | None = None,
    message: str | None = None,
    changes: list[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Import a tarball from a URL, or streamed from ``source`` chunks."""
    from_url = isinstance(source, str)
    params: dict[str, Any] = {
        "fromSrc": source if from_url else "-",
        "repo": repository,
        "tag": tag,
        "message": message,
        "changes": changes or None,
    }
    body = None if from_url else source
    headers = {"Content-Type": "application/x-tar"}
    response = client.request(
        "POST", "/images/create", params, stream=True, data=body, headers=headers
    )
    return client.stream_json(response)


def tag_image(client: Client, image: str, target: str) -> None:
    repository, tag = split_tag(target)
    params = {"repo": repository, "tag": tag or "latest"}
    client.request("POST", f"/images/{quote_name(image)}/tag", params)


def remove_image(
    client: Client, ref: str, force: bool = False, prune: bool = True
) -> list[dict[str, str]]:
    params = {"force": force or None, "noprune": (not prune) or None}
    response = client.request("DELETE", f"/images/{quote_name(ref)}", params)
    if not response.content.strip():
        return []
    result: list[dict[str, str]] = response.json()
    return result


def save_images(client: Client, references: list[str]) -> Iterator[bytes]:
    """A tar stream holding the images, their tags and layers."""
    path, params = "/images/get", {"names": references}
    response = client.request("GET", path, params, stream=True)
    return client.iter_bytes(response)


def load_images(
    client: Client, archive: Iterable[bytes], quiet: bool = False
) -> Iterator[dict[str, Any]]:
    """Send an image archive made by save; yield the daemon's messages."""
    headers = {"Content-Type": "application/x-tar"}
    response = client.request(
        "POST",
        "/images/load",
        {"quiet": quiet},
        stream=True,
        data=archive,
        headers=headers,
    )
    if "json" not in response.headers.get("Content-Type", ""):
        return iter([{"stream": response.text}])
    return client.stream_json(response)


def search_images(
    client: Client,
    term: str,
    limit: int | None = None,
    filters: dict[str, list[str]] | None = None,
    auth: str | None = None,
) -> list[dict[str, Any]]:
    params: dict[str, Any] = {"term": term, "limit": limit}
    if filters:
        params["filters"] = json.dumps(filters)
    headers = {"X-Registry-Auth": auth} if auth else {}
    response = client.request("GET", "/images/search", params, headers=headers)
    results = client.decode_json(response) or []
    # The 2013 daemon capitalised the keys (Name, Description).
    return [{key.lower(): value for key, value in each.items()} for each in results]


def image_graph(client: Client) -> str:
    """The 2013 daemon draws the image graph itself, in Graphviz DOT."""
    return client.request("GET", "/images/viz").text


def insert_file(
    client: Client, image: str, url: str, path: str
) -> Iterator[dict[str, Any]]:
    """The 2013 daemon's insert: a new image with the file at url added."""
    params = {"url": url, "path": path}
    response = client.request(
        "POST", f"/images/{quote_name(image)}/insert", params, stream=True
    )
    return client.stream_json(response)


def build_image(
    client: Client,
    context: Iterable[bytes] | bytes | None,
    params: dict[str, Any],
    auth_configs: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Send a build context (a tar stream) to the builder; yield its
    messages. With no context, ``params`` must name a ``remote`` one."""
    headers = {"Content-Type": "application/x-tar"}
    if auth_configs:
        headers["X-Registry-Config"] = auth_configs
    response = client.request(
        "POST", "/build", params, stream=True, data=context, headers=headers
    )
    if client.legacy:
        return _legacy_build_messages(client.iter_bytes(response))
    return client.stream_json(response)


def _legacy_build_messages(chunks: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """The 2013 builder streams plain text, and reports a failure as a last
    line starting with "Error"; turn both into the messages of today."""
    pending = b""
    for chunk in chunks:
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            yield _legacy_build_line(line.decode("utf-8", "replace") + "\n")
    if pending:
        yield _legacy_build_line(pending.decode("utf-8", "replace"))


def _legacy_build_line(text: str) -> dict[str, Any]:
    if not text.startswith("Error"):
        return {"stream": text}
    message = text.strip()
    code = message.rsplit("non-zero code: ", 1)[-1]
    detail = {"message": message, "code": int(code) if code.isdigit() else 1}
    return {"error": message, "errorDetail": detail}
