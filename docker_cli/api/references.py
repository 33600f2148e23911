"""Split image references (registry/repository:tag@digest) into parts."""

from __future__ import annotations


def split_tag(reference: str) -> tuple[str, str | None]:
    """``127.0.0.1:5000/busybox:1`` -> (``127.0.0.1:5000/busybox``, ``1``).

    A colon belongs to the tag only after the last slash, so a registry
    port is never taken for a tag. A digest stays on the repository side.
    """
    if "@" in reference:
        return reference, None
    name, slash, last = reference.rpartition("/")
    if ":" in last:
        last, tag = last.split(":", 1)
        return name + slash + last, tag
    return reference, None


# The key docker uses for Docker Hub in config.json and the login request.
INDEX_SERVER = "https://index.docker.io/v1/"


def registry_of(reference: str) -> str:
    """The registry an image reference points to, as config.json names it:
    ``127.0.0.1:5000/busybox`` -> ``127.0.0.1:5000``; an unqualified name
    (``busybox``, ``library/busybox``) lives on Docker Hub."""
    first, slash, _ = reference.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        return first
    return INDEX_SERVER
