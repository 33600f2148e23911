"""Run parsed template trees over data, as Go's text/template executes them.

Data is what decoded JSON gives (dicts, lists, str, int, float, bool,
None) or objects standing in for Go structs. A dict is a Go map: .Name is
its "Name" key, and a missing key is Go's invalid value, printed as
<no value>. On other objects .Name is an attribute; a callable one is a
method and is called, with any arguments the command gives it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NoReturn

from docker_cli.output.template_fmt import format_value, go_type, quote, sorted_keys
from docker_cli.output.template_funcs import (
    ARITY,
    MISSING,
    ArgError,
    Func,
    go_and,
    go_or,
    truth,
)
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

# Nested {{template}} calls allowed; Go allows 100000 but Python's own
# stack would overflow long before that.
MAX_DEPTH = 100
INT64 = range(-(2**63), 2**63)
# Function values that a map may hold; Go refuses to print a func.
ROUTINES = frozenset({"function", "builtin_function_or_method", "method"})


class _NoArg:
    """The absent result of an earlier pipeline stage."""


NOARG: Any = _NoArg()


class _Break(Exception):
    """{{break}}: leave the innermost range."""


class _Continue(Exception):
    """{{continue}}: go on to the next element of the innermost range."""


def execute(
    trees: dict[str, Tree],
    funcs: Mapping[str, Func],
    text: str,
    data: Any,
    missing_error: bool,
) -> str:
    """The output of the main tree run with data as its dot."""
    state = _State(trees, funcs, text, missing_error)
    state.vars.append(["$", data])
    try:
        state.walk(data, trees[""].root)
    except RecursionError:
        state.fail("data or templates nested too deeply")
    return "".join(state.out)


def _plain(value: Any) -> Any:
    """A value as a function argument: Go passes no value as nil."""
    return None if value is MISSING else value


class _State:
    """Output, variables and the node being run, for error messages."""

    def __init__(
        self,
        trees: dict[str, Tree],
        funcs: Mapping[str, Func],
        text: str,
        missing_error: bool,
    ) -> None:
        self.trees = trees
        self.funcs = funcs
        self.text = text
        self.missing_error = missing_error
        self.out: list[str] = []
        self.vars: list[list[Any]] = []
        self.name = ""
        self.depth = 0
        self.node: Node | None = None

    def at(self, node: Node) -> None:
        """Note the node being run, for error messages."""
        self.node = node

    def fail(self, message: str) -> NoReturn:
        """Raise Go's execution error: where, in which template, at what."""
        name = quote(self.name)
        if self.node is None:
            raise TemplateError(f"template: {name}: {message}")
        before = self.text[: self.node.pos]
        line_start = before.rfind("\n") + 1
        column = len(before[line_start:].encode("utf-8", "surrogatepass"))
        line = before.count("\n") + 1
        where = f":{line}:{column}"
        context = f"executing {name} at <{self.node}>"
        raise TemplateError(f"template: {where}: {context}: {message}")

    # Variables.

    def var_value(self, name: str) -> Any:
        """The innermost variable of that name."""
        for variable in reversed(self.vars):
            if variable[0] == name:
                return variable[1]
        self.fail("undefined variable: " + name)

    def set_var(self, name: str, value: Any) -> None:
        """Assign to the innermost variable of that name."""
        for variable in reversed(self.vars):
            if variable[0] == name:
                variable[1] = value
                return
        self.fail("undefined variable: " + name)

    # Walking the tree.

    def walk(self, dot: Any, nodes: list[Node]) -> None:
        """Run a list of nodes with this dot."""
        for node in nodes:
            if isinstance(node, TextNode):
                self.out.append(node.text)
            elif isinstance(node, ActionNode):
                value = self.eval_pipeline(dot, node.pipe)
                if not node.pipe.decl:
                    self.print_value(node, value)
            elif isinstance(node, BranchNode):
                self.walk_branch(dot, node)
            elif isinstance(node, TemplateNode):
                self.walk_template(dot, node)
            elif isinstance(node, LoopNode):
                raise _Break() if node.keyword == "break" else _Continue()

    def print_value(self, node: Node, value: Any) -> None:
        """Print a value as fmt.Print does; a missing one is <no value>."""
        self.at(node)
        if type(value).__name__ in ROUTINES:
            self.fail(f"can't print {node} of type func")
        self.out.append("<no value>" if value is MISSING else format_value(value))

    def walk_branch(self, dot: Any, node: BranchNode) -> None:
        """{{if}}, {{with}} or {{range}}; its variables end with it."""
        mark = len(self.vars)
        try:
            value = self.eval_pipeline(dot, node.pipe)
            if node.keyword == "range":
                self.walk_range(dot, node, value)
            elif truth(value):
                self.walk(value if node.keyword == "with" else dot, node.body)
            elif node.orelse is not None:
                self.walk(dot, node.orelse)
        finally:
            del self.vars[mark:]

    def walk_range(self, dot: Any, node: BranchNode, value: Any) -> None:
        """The body once per element, in key order for maps; else if none."""
        mark = len(self.vars)
        ran = False
        for key, element in self.range_items(node, value):
            ran = True
            self.set_range_vars(node.pipe, key, element)
            try:
                self.walk(element, node.body)
            except _Continue:
                pass
            except _Break:
                break
            finally:
                del self.vars[mark:]
        if not ran and node.orelse is not None:
            self.walk(dot, node.orelse)

    def range_items(self, node: BranchNode, value: Any) -> Any:
        """(key, element) pairs of what a range goes over."""
        if value is None or value is MISSING:
            return ()
        if isinstance(value, Mapping):
            return ((key, value[key]) for key in sorted_keys(value))
        if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
            return enumerate(value)
        if isinstance(value, int) and not isinstance(value, bool):
            if len(node.pipe.decl) > 1:
                self.at(node)
                shown = format_value(value)
                self.fail(f"can't use {shown} to iterate over more than one variable")
            return ((i, i) for i in range(value))
        self.at(node)
        self.fail("range can't iterate over " + format_value(value))

    def set_range_vars(self, pipe: PipeNode, key: Any, element: Any) -> None:
        """$e, or $i and $e, for one iteration: declared or assigned."""
        names = pipe.decl
        if not names:
            return
        if pipe.is_assign:
            self.set_var(names[0], key if len(names) > 1 else element)
            if len(names) > 1:
                self.set_var(names[1], element)
            return
        if len(names) > 1:
            self.vars.append([names[0], key])
        self.vars.append([names[-1], element])

    def walk_template(self, dot: Any, node: TemplateNode) -> None:
        """{{template "name" pipeline}}: a fresh $ and no other variables."""
        self.at(node)
        tree = self.trees.get(node.name)
        if tree is None:
            self.fail(f"template {quote(node.name)} not defined")
        if self.depth >= MAX_DEPTH:
            self.fail(f"exceeded maximum template depth ({MAX_DEPTH})")
        value = MISSING if node.pipe is None else self.eval_pipeline(dot, node.pipe)
        saved = self.vars, self.name
        self.vars, self.name = [["$", value]], tree.name
        self.depth += 1
        try:
            self.walk(value, tree.root)
        finally:
            self.vars, self.name = saved
            self.depth -= 1

    # Pipelines and commands.

    def eval_pipeline(self, dot: Any, pipe: PipeNode) -> Any:
        """Each command's result becomes the last argument of the next."""
        value = NOARG
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
        for name in pipe.decl:
            if pipe.is_assign:
                self.set_var(name, value)
            else:
                self.vars.append([name, value])
        return value

    def eval_command(self, dot: Any, cmd: CommandNode, final: Any) -> Any:
        """One command: a function, a field or method, or a plain operand."""
        args = cmd.args
        first = args[0]
        if isinstance(first, FieldNode):
            self.at(first)
            return self.eval_fields(dot, dot, first, first.names, args, final)
        if isinstance(first, IdentifierNode):
            return self.eval_function(dot, first, cmd, args, final)
        if isinstance(first, VariableNode):
            return self.eval_variable(dot, first, args, final)
        if isinstance(first, ChainNode):
            return self.eval_chain(dot, first, args, final)
        self.at(first)
        self.not_a_function(args, final)
        if isinstance(first, PipeNode):
            return self.eval_pipeline(dot, first)
        if isinstance(first, NilNode):
            self.fail("nil is not a command")
        return self.eval_arg(dot, first)

    def not_a_function(self, args: list[Node], final: Any) -> None:
        """Only functions and methods take arguments."""
        if len(args) > 1 or final is not NOARG:
            self.fail(f"can't give argument to non-function {args[0]}")

    def eval_arg(self, dot: Any, node: Node) -> Any:
        """The value of one operand used as an argument."""
        self.at(node)
        if isinstance(node, DotNode):
            return dot
        if isinstance(node, NilNode):
            return None
        if isinstance(node, ConstantNode):
            return self.constant(node)
        if isinstance(node, FieldNode):
            return self.eval_fields(dot, dot, node, node.names, [node], NOARG)
        if isinstance(node, VariableNode):
            return self.eval_variable(dot, node, [node], NOARG)
        if isinstance(node, PipeNode):
            return self.eval_pipeline(dot, node)
        if isinstance(node, IdentifierNode):
            return self.eval_function(dot, node, node, [node], NOARG)
        if isinstance(node, ChainNode):
            return self.eval_chain(dot, node, [node], NOARG)
        self.fail(f"can't handle {node} for arg")

    def constant(self, node: ConstantNode) -> Any:
        """A literal; ints must fit Go's int."""
        value = node.value
        if type(value) is int and value not in INT64:
            self.fail(f"{node.text} overflows int")
        return value

    def eval_variable(
        self, dot: Any, node: VariableNode, args: list[Node], final: Any
    ) -> Any:
        """$x, or fields and methods of it: $x.A.B."""
        self.at(node)
        value = self.var_value(node.names[0])
        if len(node.names) == 1:
            self.not_a_function(args, final)
            return value
        return self.eval_fields(dot, value, node, node.names[1:], args, final)

    def eval_chain(
        self, dot: Any, node: ChainNode, args: list[Node], final: Any
    ) -> Any:
        """Fields of a parenthesised pipeline or other term: (x).A."""
        self.at(node)
        receiver = self.eval_arg(dot, node.node)
        return self.eval_fields(dot, receiver, node, node.names, args, final)

    def eval_fields(
        self,
        dot: Any,
        receiver: Any,
        node: Node,
        names: list[str],
        args: list[Node],
        final: Any,
    ) -> Any:
        """Follow .A.B.C; only the last field gets the command's arguments."""
        for name in names[:-1]:
            receiver = self.eval_field(dot, name, node, [node], NOARG, receiver)
        return self.eval_field(dot, names[-1], node, args, final, receiver)

    # Fields and calls.

    def eval_field(
        self,
        dot: Any,
        name: str,
        node: Node,
        args: list[Node],
        final: Any,
        receiver: Any,
    ) -> Any:
        """One field of a map, or attribute or method of an object."""
        self.at(node)
        if receiver is MISSING:
            if self.missing_error:
                self.fail(f"nil data; no entry for key {quote(name)}")
            return MISSING
        if receiver is None:
            self.fail(f"nil pointer evaluating interface {{}}.{name}")
        has_args = len(args) > 1 or final is not NOARG
        if isinstance(receiver, Mapping):
            return self.entry(receiver, name, has_args)
        basic = (str, bytes, bool, int, float, complex, list, tuple)
        if isinstance(receiver, basic) or name.startswith("_"):
            self.no_field(name, receiver)
        try:
            value = getattr(receiver, name)
        except AttributeError:
            if not hasattr(type(receiver), "__getitem__"):
                self.no_field(name, receiver)
            return self.entry(receiver, name, has_args)
        except Exception as err:
            self.fail(f"error calling {name}: {err}")
        if callable(value) and not isinstance(value, type):
            return self.call(dot, value, name, args, final)
        if has_args:
            self.fail(f"{name} has arguments but cannot be invoked as function")
        return value

    def no_field(self, name: str, receiver: Any) -> NoReturn:
        """Fail for a field the receiver lacks; names with _ are private."""
        self.fail(f"can't evaluate field {name} in type {go_type(receiver)}")

    def entry(self, receiver: Any, name: str, has_args: bool) -> Any:
        """A map's entry for a field name; a missing one is no value."""
        if has_args:
            self.fail(f"{name} is not a method but has arguments")
        try:
            return receiver[name]
        except KeyError:
            if self.missing_error:
                self.fail(f"map has no entry for key {quote(name)}")
            return MISSING
        except Exception as err:
            self.fail(f"error calling {name}: {err}")

    def call(
        self, dot: Any, method: Any, name: str, args: list[Node], final: Any
    ) -> Any:
        """Call a method with the command's arguments and the piped value."""
        argv = [_plain(self.eval_arg(dot, arg)) for arg in args[1:]]
        if final is not NOARG:
            argv.append(_plain(final))
        try:
            return method(*argv)
        except (TemplateError, RecursionError):
            raise
        except Exception as err:
            self.fail(f"error calling {name}: {err}")

    def eval_function(
        self, dot: Any, node: IdentifierNode, cmd: Node, args: list[Node], final: Any
    ) -> Any:
        """Call a function; and and or stop at the first value that decides.

        Errors from the call are reported at the whole command, as Go does:
        executing "" at <index .Names 5>: error calling index: ...
        """
        self.at(node)
        function = self.funcs[node.name]
        count = len(args) - 1 + (final is not NOARG)
        self.check_arity(node.name, function, count)
        if function is go_and or function is go_or:
            return self.and_or(dot, function is go_or, args, final)
        argv = [_plain(self.eval_arg(dot, arg)) for arg in args[1:]]
        if final is not NOARG:
            argv.append(_plain(final))
        self.at(cmd)
        try:
            return function(*argv)
        except ArgError as err:
            self.fail(str(err))
        except (TemplateError, RecursionError):
            raise
        except Exception as err:
            self.fail(f"error calling {node.name}: {err}")

    def check_arity(self, name: str, function: Func, count: int) -> None:
        """Go checks the number of arguments before calling."""
        low, high = ARITY.get(function, (0, None))
        if high is None and count < low:
            wanted = f"at least {low}"
        elif high is not None and not low <= count <= high:
            wanted = str(low) if low == high else f"{low} to {high}"
        else:
            return
        self.fail(f"wrong number of args for {name}: want {wanted} got {count}")

    def and_or(self, dot: Any, is_or: bool, args: list[Node], final: Any) -> Any:
        """and/or evaluate their arguments only until the answer is known."""
        value = MISSING
        for arg in args[1:]:
            value = self.eval_arg(dot, arg)
            if truth(value) == is_or:
                return value
        return value if final is NOARG else final
