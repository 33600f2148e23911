"""Go text/template for --format, with docker's template functions.

compile_template parses once; Template.execute runs over each value. The
language is Go's (pkg.go.dev/text/template) and the extra functions are
docker's (docs.docker.com/engine/cli/formatting/). Every failure, in
parsing or running, is a TemplateError worded as Go words it; the "table"
prefix is the caller's business.

Data: a dict (or Mapping) is a Go map, so .Name is its "Name" key and a
missing key prints <no value>. Any other object is a Go struct: .Name is
its attribute, and a callable attribute is a method, called with the
command's arguments, like the methods of docker's formatter contexts.
{{json .}} writes an object through its marshal_json() method, the
counterpart of Go's json.Marshaler.

The work is spread over template_*.py modules: lex, parse, exec, funcs
(the callable functions) and fmt (Go's printing and JSON).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docker_cli.output.template_exec import execute
from docker_cli.output.template_funcs import BUILTINS
from docker_cli.output.template_lex import is_word_char
from docker_cli.output.template_nodes import TemplateError, Tree
from docker_cli.output.template_parse import parse

__all__ = ["Template", "TemplateError", "compile_template"]

# Go's Option("missingkey=..."): for map data, invalid, zero and default
# all print <no value>; error makes a missing key an execution error.
MISSING_KEY_OPTIONS = ("default", "invalid", "zero", "error")


class Template:
    """A parsed template, run with execute(data) as often as needed."""

    def __init__(
        self,
        text: str,
        trees: dict[str, Tree],
        funcs: Mapping[str, Callable[..., Any]],
        missing_key: str,
    ) -> None:
        self.text = text
        self._trees = trees
        self._funcs = funcs
        self._missing_error = missing_key == "error"

    def __repr__(self) -> str:
        return f"Template({self.text!r})"

    def execute(self, data: Any) -> str:
        """The template's output with data as the dot ({{.}}) and $."""
        return execute(self._trees, self._funcs, self.text, data, self._missing_error)


def compile_template(
    text: str,
    funcs: Mapping[str, Callable[..., Any]] | None = None,
    *,
    missing_key: str = "default",
) -> Template:
    """Parse text as a Go template; funcs add to or replace the functions."""
    if missing_key not in MISSING_KEY_OPTIONS:
        raise TemplateError("unrecognized option: missingkey=" + missing_key)
    table = dict(BUILTINS)
    for name, function in (funcs or {}).items():
        _check_function(name, function)
        table[name] = function
    return Template(text, parse(text, table), table, missing_key)


def _check_function(name: str, function: object) -> None:
    """A function's name must be a Go identifier and its value callable."""
    valid = bool(name) and not name[0].isdecimal() and all(map(is_word_char, name))
    if not valid:
        raise TemplateError(f"function name {name!r} is not a valid identifier")
    if not callable(function):
        raise TemplateError(f"value for {name} not a function")
