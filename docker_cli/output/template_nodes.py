"""The parse tree of a Go text/template, and the error every failure raises.

Each node prints itself the way Go's text/template/parse nodes do, because
Go quotes that text in execution errors ("executing "" at <.Foo>: ...").
"""

from __future__ import annotations

from typing import Any

from docker_cli.output.template_fmt import quote


class TemplateError(ValueError):
    """A --format template that does not parse or does not execute."""


class Node:
    """A node of the tree; pos is its offset in the template text."""

    __slots__ = ("pos",)

    def __init__(self, pos: int) -> None:
        self.pos = pos


class TextNode(Node):
    """Text outside actions, copied to the output as it is."""

    __slots__ = ("text",)

    def __init__(self, pos: int, text: str) -> None:
        super().__init__(pos)
        self.text = text

    def __str__(self) -> str:
        return self.text


class DotNode(Node):
    """The cursor, written "."."""

    __slots__ = ()

    def __str__(self) -> str:
        return "."


class NilNode(Node):
    """The untyped nil constant."""

    __slots__ = ()

    def __str__(self) -> str:
        return "nil"


class ConstantNode(Node):
    """A bool, number or string literal: value is ready to use."""

    __slots__ = ("text", "value")

    def __init__(self, pos: int, text: str, value: Any) -> None:
        super().__init__(pos)
        self.text = text
        self.value = value

    def __str__(self) -> str:
        return self.text


class FieldNode(Node):
    """A chain of fields on the dot, such as .Config.Image."""

    __slots__ = ("names",)

    def __init__(self, pos: int, names: list[str]) -> None:
        super().__init__(pos)
        self.names = names

    def __str__(self) -> str:
        return "".join("." + name for name in self.names)


class VariableNode(Node):
    """A variable, perhaps followed by fields: $, $x or $x.Name."""

    __slots__ = ("names",)

    def __init__(self, pos: int, names: list[str]) -> None:
        super().__init__(pos)
        self.names = names

    def __str__(self) -> str:
        return ".".join(self.names)


class IdentifierNode(Node):
    """The name of a function."""

    __slots__ = ("name",)

    def __init__(self, pos: int, name: str) -> None:
        super().__init__(pos)
        self.name = name

    def __str__(self) -> str:
        return self.name


class ChainNode(Node):
    """Fields taken from a term that is not the dot or a variable: (x).A."""

    __slots__ = ("node", "names")

    def __init__(self, pos: int, node: Node, names: list[str]) -> None:
        super().__init__(pos)
        self.node = node
        self.names = names

    def __str__(self) -> str:
        head = str(self.node)
        if isinstance(self.node, PipeNode):
            head = "(" + head + ")"
        return head + "".join("." + name for name in self.names)


class CommandNode(Node):
    """One stage of a pipeline: an operand, or a function and its arguments."""

    __slots__ = ("args",)

    def __init__(self, pos: int, args: list[Node]) -> None:
        super().__init__(pos)
        self.args = args

    def __str__(self) -> str:
        words = []
        for arg in self.args:
            text = str(arg)
            words.append("(" + text + ")" if isinstance(arg, PipeNode) else text)
        return " ".join(words)


class PipeNode(Node):
    """Commands joined by "|", perhaps declaring or assigning variables."""

    __slots__ = ("decl", "is_assign", "cmds")

    def __init__(self, pos: int, decl: list[str], is_assign: bool) -> None:
        super().__init__(pos)
        self.decl = decl
        self.is_assign = is_assign
        self.cmds: list[CommandNode] = []

    def __str__(self) -> str:
        text = " | ".join(str(cmd) for cmd in self.cmds)
        if not self.decl:
            return text
        operator = " = " if self.is_assign else " := "
        return ", ".join(self.decl) + operator + text


class ActionNode(Node):
    """{{pipeline}}: printed unless it declares or assigns a variable."""

    __slots__ = ("pipe",)

    def __init__(self, pos: int, pipe: PipeNode) -> None:
        super().__init__(pos)
        self.pipe = pipe

    def __str__(self) -> str:
        return "{{" + str(self.pipe) + "}}"


class BranchNode(Node):
    """{{if}}, {{range}} or {{with}}: keyword says which."""

    __slots__ = ("keyword", "pipe", "body", "orelse")

    def __init__(
        self,
        pos: int,
        keyword: str,
        pipe: PipeNode,
        body: list[Node],
        orelse: list[Node] | None,
    ) -> None:
        super().__init__(pos)
        self.keyword = keyword
        self.pipe = pipe
        self.body = body
        self.orelse = orelse

    def __str__(self) -> str:
        text = "{{" + self.keyword + " " + str(self.pipe) + "}}"
        text += "".join(str(node) for node in self.body)
        if self.orelse is not None:
            text += "{{else}}" + "".join(str(node) for node in self.orelse)
        return text + "{{end}}"


class TemplateNode(Node):
    """{{template "name" pipeline}}: run a defined template."""

    __slots__ = ("name", "pipe")

    def __init__(self, pos: int, name: str, pipe: PipeNode | None) -> None:
        super().__init__(pos)
        self.name = name
        self.pipe = pipe

    def __str__(self) -> str:
        if self.pipe is None:
            return "{{template " + quote(self.name) + "}}"
        return "{{template " + quote(self.name) + " " + str(self.pipe) + "}}"


class LoopNode(Node):
    """{{break}} or {{continue}} inside a range."""

    __slots__ = ("keyword",)

    def __init__(self, pos: int, keyword: str) -> None:
        super().__init__(pos)
        self.keyword = keyword

    def __str__(self) -> str:
        return "{{" + self.keyword + "}}"


class Tree:
    """One named template: the main text, or a {{define}} or {{block}}."""

    __slots__ = ("name", "root")

    def __init__(self, name: str, root: list[Node]) -> None:
        self.name = name
        self.root = root
