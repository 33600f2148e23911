"""Indent JSON text without decoding it, as Go's json.Indent does.

docker inspect prints the daemon's own JSON re-indented, so key order,
number spelling and escapes such as \\u003c come out exactly as the daemon
wrote them; decoding and encoding again would change them.
"""

from __future__ import annotations


def indent_json(text: str, indent: str = "    ") -> str:
    """Re-indent compact or indented JSON text; empty [] and {} stay as is."""
    out: list[str] = []
    depth = 0
    in_string = escaped = False
    pending_open = False
    for char in text:
        if in_string:
            out.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char in " \t\r\n":
            continue
        if pending_open and char not in "]}":
            out.append("\n" + indent * depth)
        pending_open = False
        if char in "[{":
            out.append(char)
            depth += 1
            pending_open = True
        elif char in "]}":
            depth -= 1
            if out and out[-1] not in "[{":
                out.append("\n" + indent * depth)
            out.append(char)
        elif char == ",":
            out.append(",\n" + indent * depth)
        elif char == ":":
            out.append(": ")
        else:
            out.append(char)
            in_string = char == '"'
    # Like json.Indent, whitespace after the value is copied as it was.
    trailing = text[len(text.rstrip(" \t\r\n")) :]
    return "".join(out) + trailing
