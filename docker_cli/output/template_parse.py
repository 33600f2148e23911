"""Parse Go text/template tokens into trees, with Go's parse error messages.

The grammar and the wording of the errors follow Go's text/template/parse
package, so a --format string that docker rejects is rejected here with the
same message ("template: :1: function "foo" not defined").
"""

from __future__ import annotations

from collections.abc import Collection
from typing import NoReturn

from docker_cli.output.template_fmt import quote
from docker_cli.output.template_lex import Token, tokenize
from docker_cli.output.template_nodes import (
    ActionNode,
    BranchNode,
    ChainNode,
    CommandNode,
    ConstantNode,
    DotNode,
    FieldNode,
    IdentifierNode,
    LoopNode,
    NilNode,
    Node,
    PipeNode,
    TemplateError,
    TemplateNode,
    TextNode,
    Tree,
    VariableNode,
)

OPERAND_KINDS = frozenset(
    {"bool", "rune", "dot", "field", "identifier", "nil", "number"}
    | {"raw", "string", "variable", "("}
)
ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
}
HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def parse(text: str, functions: Collection[str]) -> dict[str, Tree]:
    """The main tree (named "") and every {{define}} and {{block}} in text."""
    parser = _Parser(text, functions)
    try:
        return parser.parse()
    except RecursionError:
        parser.fail("max depth exceeded")


class _Marker:
    """{{end}} or {{else}}: closes a list, never kept in a tree."""

    def __init__(self, keyword: str, pos: int) -> None:
        self.keyword = keyword
        self.pos = pos

    def __str__(self) -> str:
        return "{{" + self.keyword + "}}"


class _Parser:
    """Recursive descent over the token list, as Go's parse.Tree does."""

    def __init__(self, text: str, functions: Collection[str]) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0
        self.last = self.tokens[0]
        self.functions = functions
        self.vars = ["$"]
        self.range_depth = 0
        self.action_line = 0
        self.trees: dict[str, Tree] = {}

    # Token access.

    def fail(self, message: str) -> NoReturn:
        """Raise a parse error on the line of the last token looked at."""
        line = self.line_of(self.last)
        raise TemplateError(f"template: :{line}: {message}")

    def line_of(self, token: Token) -> int:
        """The 1-based line on which token starts."""
        return self.text.count("\n", 0, token.pos) + 1

    def next(self) -> Token:
        """Consume a token; a lexical error is reported here."""
        token = self.tokens[min(self.index, len(self.tokens) - 1)]
        self.index += 1
        self.last = token
        if token.kind == "error":
            self.fail(token.text + self.action_started(token))
        return token

    def action_started(self, token: Token) -> str:
        """Where a multi-line action began, for lexical errors inside it."""
        if not self.action_line or self.action_line == self.line_of(token):
            return ""
        where = f" started at :{self.action_line}"
        return where if token.text.endswith(" action") else " in action" + where

    def backup(self) -> None:
        """Give back the last token."""
        self.index -= 1

    def peek(self) -> Token:
        """The next token, not consumed."""
        token = self.tokens[min(self.index, len(self.tokens) - 1)]
        self.last = token
        return token

    def next_non_space(self) -> Token:
        """Consume spaces and then one token."""
        token = self.next()
        while token.kind == "space":
            token = self.next()
        return token

    def peek_non_space(self) -> Token:
        """Consume spaces and peek at the token after them."""
        token = self.next_non_space()
        self.backup()
        return token

    def expect(self, kind: str, context: str) -> Token:
        """Consume a token of this kind, or fail."""
        token = self.next_non_space()
        if token.kind != kind:
            self.unexpected(token, context)
        return token

    def unexpected(self, token: Token | _Marker, context: str) -> NoReturn:
        """Fail with Go's "unexpected X in context"."""
        self.fail(f"unexpected {token} in {context}")

    # Templates and lists.

    def parse(self) -> dict[str, Tree]:
        """The whole text: defines go into the set, the rest is the main tree."""
        root: list[Node] = []
        while self.peek().kind != "eof":
            if self.peek().kind == "{{":
                start = self.index
                self.next()
                if self.next_non_space().kind == "define":
                    self.parse_definition()
                    continue
                self.index = start
            node = self.text_or_action()
            if isinstance(node, _Marker):
                self.fail(f"unexpected {node}")
            else:
                root.append(node)
        self.add(Tree("", root))
        return self.trees

    def add(self, tree: Tree) -> None:
        """Add a tree to the set; a second non-empty definition is an error."""
        old = self.trees.get(tree.name)
        if old is None or _is_empty(old.root):
            self.trees[tree.name] = tree
        elif not _is_empty(tree.root):
            message = "template: multiple definition of template %s"
            self.fail(message % quote(tree.name))

    def sub_tree(self, name: str, context: str) -> None:
        """Parse a {{define}} or {{block}} body up to its {{end}}."""
        saved = self.vars, self.range_depth
        self.vars, self.range_depth = ["$"], 0
        body, end = self.item_list()
        if end.keyword != "end":
            self.unexpected(end, context)
        self.add(Tree(name, body))
        self.vars, self.range_depth = saved

    def parse_definition(self) -> None:
        """{{define "name"}} ... {{end}} at the top level."""
        token = self.next_non_space()
        if token.kind not in ("string", "raw"):
            self.unexpected(token, "define clause")
        name = self.unquote(token)
        self.expect("}}", "define clause")
        self.sub_tree(name, "define clause")

    def item_list(self) -> tuple[list[Node], _Marker]:
        """Nodes up to the {{end}} or {{else}} that closes them."""
        nodes: list[Node] = []
        while self.peek_non_space().kind != "eof":
            node = self.text_or_action()
            if isinstance(node, _Marker):
                return nodes, node
            nodes.append(node)
        self.fail("unexpected EOF")

    def text_or_action(self) -> Node | _Marker:
        """Text, or the action that starts here."""
        token = self.next_non_space()
        if token.kind == "text":
            return TextNode(token.pos, token.text)
        if token.kind != "{{":
            self.unexpected(token, "input")
        self.action_line = self.line_of(token)
        try:
            return self.action()
        finally:
            self.action_line = 0

    # Actions.

    def action(self) -> Node | _Marker:
        """The inside of {{ }}: a control keyword or a pipeline."""
        token = self.next_non_space()
        kind = token.kind
        if kind in ("if", "range", "with"):
            return self.control(kind)
        if kind in ("end", "else"):
            return self.end_or_else(kind)
        if kind in ("break", "continue"):
            return self.loop_control(token)
        if kind in ("template", "block"):
            return self.template_control(kind)
        self.backup()
        pos = self.peek().pos
        return ActionNode(pos, self.pipeline("command", "}}"))

    def control(self, keyword: str) -> BranchNode:
        """{{if}}, {{range}} or {{with}} up to its {{end}}."""
        depth = len(self.vars)
        try:
            pipe = self.pipeline(keyword, "}}")
            loop = 1 if keyword == "range" else 0
            self.range_depth += loop
            body, marker = self.item_list()
            self.range_depth -= loop
            orelse = None
            if marker.keyword == "else":
                orelse = self.else_list(keyword)
            return BranchNode(pipe.pos, keyword, pipe, body, orelse)
        finally:
            del self.vars[depth:]

    def else_list(self, keyword: str) -> list[Node]:
        """After {{else}}: a chained {{else if}}/{{else with}}, or a list."""
        if keyword != "range" and self.peek().kind == keyword:
            self.next()
            return [self.control(keyword)]
        orelse, marker = self.item_list()
        if marker.keyword != "end":
            self.fail(f"expected end; found {marker}")
        return orelse

    def end_or_else(self, keyword: str) -> _Marker:
        """{{end}}, {{else}}, or the {{else}} of {{else if ...}}."""
        if keyword == "else":
            following = self.peek_non_space()
            if following.kind in ("if", "with"):
                return _Marker("else", following.pos)
        token = self.expect("}}", keyword)
        return _Marker(keyword, token.pos)

    def loop_control(self, token: Token) -> LoopNode:
        """{{break}} or {{continue}}, which only a range body may hold."""
        keyword = token.kind
        following = self.next_non_space()
        if following.kind != "}}":
            self.unexpected(following, "{{" + keyword + "}}")
        if not self.range_depth:
            self.fail("{{" + keyword + "}} outside {{range}}")
        return LoopNode(token.pos, keyword)

    def template_control(self, keyword: str) -> TemplateNode:
        """{{template "name" pipeline}}, or {{block}}, which also defines it."""
        context = keyword + " clause"
        token = self.next_non_space()
        if token.kind not in ("string", "raw"):
            self.unexpected(token, context)
        name = self.unquote(token)
        pipe = None
        if keyword == "block" or self.next_non_space().kind != "}}":
            if keyword != "block":
                self.backup()
            pipe = self.pipeline(context, "}}")
        if keyword == "block":
            self.sub_tree(name, context)
        return TemplateNode(token.pos, name, pipe)

    # Pipelines and operands.

    def pipeline(self, context: str, end: str) -> PipeNode:
        """Optional declarations, then commands joined by "|", up to end."""
        pipe = PipeNode(self.peek_non_space().pos, [], False)
        self.declarations(pipe, context)
        while True:
            token = self.next_non_space()
            if token.kind == end:
                self.check_pipeline(pipe, context)
                return pipe
            if token.kind not in OPERAND_KINDS:
                self.unexpected(token, context)
            self.backup()
            pipe.cmds.append(self.command())

    def declarations(self, pipe: PipeNode, context: str) -> None:
        """$x := or $x = at the start of a pipeline; $i, $e := in a range."""
        while self.peek_non_space().kind == "variable":
            start = self.index
            variable = self.next()
            following = self.peek_non_space()
            if following.kind in (":=", "="):
                self.next_non_space()
                pipe.is_assign = following.kind == "="
                self.declare(variable, pipe)
                return
            if following.kind != "char" or following.text != ",":
                self.index = start
                return
            self.next_non_space()
            self.declare(variable, pipe)
            if context != "range" or len(pipe.decl) > 1:
                self.fail(f"too many declarations in {context}")
            if self.peek_non_space().kind not in ("variable", "}}", ")"):
                self.fail("range can only initialize variables")

    def declare(self, variable: Token, pipe: PipeNode) -> None:
        """Record a variable; as in Go, assigning an undeclared one fails later."""
        pipe.decl.append(variable.text)
        self.vars.append(variable.text)

    def check_pipeline(self, pipe: PipeNode, context: str) -> None:
        """A pipeline needs a command, and only its first may be a constant."""
        if not pipe.cmds:
            self.fail(f"missing value for {context}")
        constants = (ConstantNode, DotNode, NilNode)
        for stage, cmd in enumerate(pipe.cmds[1:], start=2):
            if isinstance(cmd.args[0], constants):
                self.fail(f"non executable command in pipeline stage {stage}")

    def command(self) -> CommandNode:
        """Space-separated operands, ending at "|", ")" or "}}"."""
        cmd = CommandNode(self.peek_non_space().pos, [])
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            token = self.next()
            if token.kind == "space":
                continue
            if token.kind in ("}}", ")"):
                self.backup()
            elif token.kind != "|":
                self.unexpected(token, "operand")
            break
        if not cmd.args:
            self.fail("empty command")
        return cmd

    def operand(self) -> Node | None:
        """A term and the fields taken from it: .A.B, $x.A, (pipeline).A."""
        node = self.term()
        if node is None or self.peek().kind != "field":
            return node
        pos = self.peek().pos
        names = []
        while self.peek().kind == "field":
            names.append(self.next().text[1:])
        if isinstance(node, FieldNode):
            return FieldNode(pos, node.names + names)
        if isinstance(node, VariableNode):
            return VariableNode(pos, node.names + names)
        if isinstance(node, (ConstantNode, DotNode, NilNode)):
            self.fail(f"unexpected . after term {quote(str(node))}")
        return ChainNode(pos, node, names)

    def term(self) -> Node | None:
        """One operand without fields, or None when none starts here."""
        token = self.next_non_space()
        kind, pos = token.kind, token.pos
        if kind == "identifier":
            if token.text not in self.functions:
                self.fail(f"function {quote(token.text)} not defined")
            return IdentifierNode(pos, token.text)
        if kind == "variable":
            if token.text not in self.vars:
                self.fail(f"undefined variable {quote(token.text)}")
            return VariableNode(pos, [token.text])
        if kind == "(":
            return self.pipeline("parenthesized pipeline", ")")
        if kind in ("string", "raw"):
            return ConstantNode(pos, token.text, self.unquote(token))
        if kind in ("number", "rune"):
            return ConstantNode(pos, token.text, self.number(token))
        if kind == "dot":
            return DotNode(pos)
        if kind == "nil":
            return NilNode(pos)
        if kind == "field":
            return FieldNode(pos, [token.text[1:]])
        if kind == "bool":
            return ConstantNode(pos, token.text, token.text == "true")
        self.backup()
        return None

    # Literals.

    def unquote(self, token: Token) -> str:
        """The value of a "quoted" or `raw` string, as Go's strconv.Unquote."""
        body = token.text[1:-1]
        if token.kind == "raw":
            return body.replace("\r", "")
        data = bytearray()
        index = 0
        while index < len(body):
            index = self.unquote_char(body, index, '"', data)
        return data.decode("utf-8", "replace")

    def unquote_char(self, body: str, index: int, quote: str, data: bytearray) -> int:
        """Append one character or escape of body to data; the next index."""
        char = body[index]
        if char == quote:
            self.fail("invalid syntax")
        if char != "\\":
            data += char.encode("utf-8", "surrogatepass")
            return index + 1
        code = body[index + 1 : index + 2]
        if code in ESCAPES:
            data += ESCAPES[code].encode()
            return index + 2
        if code in HEX_ESCAPES:
            return self.hex_escape(body, index, data)
        if code and code in "01234567":
            digits = body[index + 1 : index + 4]
            if len(digits) < 3 or not all(c in "01234567" for c in digits):
                self.fail("invalid syntax")
            if int(digits, 8) > 255:
                self.fail("invalid syntax")
            data.append(int(digits, 8))
            return index + 4
        if code == quote:
            data += code.encode()
            return index + 2
        self.fail("invalid syntax")

    def hex_escape(self, body: str, index: int, data: bytearray) -> int:
        """\\xHH is a byte; \\uHHHH and \\UHHHHHHHH are code points."""
        code = body[index + 1]
        size = HEX_ESCAPES[code]
        digits = body[index + 2 : index + 2 + size]
        if len(digits) < size or not all(c in "0123456789abcdefABCDEF" for c in digits):
            self.fail("invalid syntax")
        value = int(digits, 16)
        if code == "x":
            data.append(value)
        elif value > 0x10FFFF or 0xD800 <= value < 0xE000:
            self.fail("invalid syntax")
        else:
            data += chr(value).encode()
        return index + 2 + size

    def number(self, token: Token) -> int | float:
        """The value of a number or 'c'haracter constant."""
        if token.kind == "rune":
            return self.char_value(token.text)
        text = token.text
        if text.endswith("i"):
            self.fail(f"complex constant {text} is not supported")
        try:
            return _number_value(text)
        except ValueError:
            self.fail(f"illegal number syntax: {quote(text)}")

    def char_value(self, text: str) -> int:
        """The code point of a character constant such as 'a' or '\\n'."""
        data = bytearray()
        end = self.unquote_char(text[1:], 0, "'", data)
        if text[1 + end :] != "'":
            self.fail(f"malformed character constant: {text}")
        if text[1] == "\\" and text[2] in "x01234567":
            return data[0]
        return ord(data.decode("utf-8", "surrogatepass"))


def _number_value(text: str) -> int | float:
    """A Go number literal as int or float; ValueError when malformed."""
    body = text.lstrip("+-")
    is_hex = body[:2] in ("0x", "0X")
    if any(c in body for c in ".pP") or (not is_hex and any(c in body for c in "eE")):
        value = float.fromhex(text.replace("_", "")) if is_hex else float(text)
        if value in (float("inf"), float("-inf")):
            raise ValueError("out of range")
        return value
    if len(body) > 1 and body[0] == "0" and body[1] in "0123456789_":
        # A leading 0 means octal in Go; 08 and 09 are read as decimals.
        if all(c in "01234567_" for c in body):
            return int(text[: len(text) - len(body)] + "0o" + body[1:], 0)
        return int(float(text))
    return int(text, 0)


def _is_empty(nodes: list[Node]) -> bool:
    """Whether a tree holds nothing but white space, as Go's IsEmptyTree."""
    return all(isinstance(n, TextNode) and not n.text.strip() for n in nodes)
