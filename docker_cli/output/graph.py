"""The image graph: Graphviz DOT as the 2013 daemon drew it, and a tree."""

from __future__ import annotations

from collections.abc import Sequence

from docker_cli.api.models import ImageSummary
from docker_cli.output.humanize import human_size, short_id


def image_dot(images: Sequence[ImageSummary]) -> str:
    """Edges from parent to child, an invisible ``base`` above the roots,
    and a box per tagged image, in the layout of Remote API v1.2's
    ``GET /images/viz``."""
    known = {image.id for image in images}
    lines = ["digraph docker {"]
    for image in images:
        node = short_id(image.id)
        if image.parent_id and image.parent_id in known:
            lines.append(f'"{short_id(image.parent_id)}" -> "{node}"')
        else:
            lines.append(f'base -> "{node}" [style=invis]')
    for image in images:
        if image.repo_tags:
            node = short_id(image.id)
            names = "\\n".join(image.repo_tags)
            lines.append(
                f'"{node}" [label="{node}\\n{names}",shape=box,'
                'fillcolor="paleturquoise",style="filled,rounded"];'
            )
    lines += ["base [style=invisible]", "}"]
    return "\n".join(lines) + "\n"


def image_tree(images: Sequence[ImageSummary]) -> str:
    """The images as an indented tree of parent chains, roots first."""
    children: dict[str, list[ImageSummary]] = {}
    known = {image.id for image in images}
    for image in sorted(images, key=lambda each: each.created):
        parent = image.parent_id if image.parent_id in known else ""
        children.setdefault(parent, []).append(image)
    lines: list[str] = []
    _walk(children, "", "", lines)
    return "".join(line + "\n" for line in lines)


def _walk(
    children: dict[str, list[ImageSummary]],
    parent: str,
    indent: str,
    lines: list[str],
) -> None:
    branch = children.get(parent, [])
    for index, image in enumerate(branch):
        last = index == len(branch) - 1
        text = f"{indent}{'└─' if last else '├─'}{short_id(image.id)}"
        text += f" Virtual Size: {human_size(image.size)}"
        if image.repo_tags:
            text += " Tags: " + ", ".join(image.repo_tags)
        lines.append(text)
        _walk(children, image.id, indent + ("  " if last else "│ "), lines)
