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
