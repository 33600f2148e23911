"""Shell completion: ``dkr completion SHELL``, the hidden ``dkr __complete``
that lists live containers and images, and the bash, zsh and fish scripts,
generated from the click commands so that they never drift from them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from docker_cli.cli.helpformat import command

if TYPE_CHECKING:
    from docker_cli.api.models import ContainerSummary, ImageSummary

# Commands that act on running containers only; the other commands that
# take a CONTAINER are offered every container, as docker's completion does.
RUNNING_ONLY = frozenset(
    {"attach", "exec", "kill", "pause", "port", "restart", "stats", "stop", "top"}
)

# Flags whose value is a path, where the click type does not say so.
FILE_FLAGS = frozenset(
    {"--file", "--input", "--output", "--tlscacert", "--tlscert", "--tlskey"}
)
DIRECTORY_FLAGS = frozenset({"--config"})
SIGNALS = "HUP INT QUIT KILL USR1 USR2 TERM STOP CONT"

# How long ``__complete`` waits for the daemon before giving up silently.
DAEMON_TIMEOUT = 2.0

SHELLS = ("bash", "zsh", "fish")
SCRIPT_FILES = {"bash": "dkr.bash", "zsh": "_dkr", "fish": "dkr.fish"}


# -- the commands --------------------------------------------------------


@command("completion")
@click.argument("shell", metavar="SHELL", type=click.Choice(SHELLS))
def completion_command(shell):
    """Print the completion script for a shell (bash, zsh or fish)

    Load it into a running bash with: source <(dkr completion bash); or
    install what it prints where the shell looks for completions. Names
    of containers and images are read from the daemon as you type, and
    nothing is offered when the daemon is down.
    """
    click.echo(script(shell), nl=False)


@command("__complete", hidden=True)
@click.option("--running", is_flag=True, help="Only running containers.")
@click.argument("kind", type=click.Choice(["containers", "images"]))
@click.argument("prefix", required=False, default="")
def __complete_command(running, kind, prefix):
    """Print the names that complete PREFIX, one a line, for the shell
    scripts; container and image ids too when PREFIX is hexadecimal."""
    try:
        candidates = live_candidates(kind, running, prefix)
    except Exception:  # whatever failed, a completion never prints an error
        return
    for candidate in candidates:
        click.echo(candidate)


def live_candidates(kind: str, running: bool, prefix: str) -> list[str]:
    """Ask the daemon, with a short timeout, for the candidates of a kind."""
    from docker_cli.cli.context import get_env

    client = get_env().client
    client.timeout = DAEMON_TIMEOUT
    if kind == "images":
        from docker_cli.api.images import list_images

        return image_candidates(list_images(client), prefix)
    from docker_cli.api.containers import list_containers

    return container_candidates(list_containers(client, all=not running), prefix)


def container_candidates(
    containers: Iterable[ContainerSummary], prefix: str
) -> list[str]:
    """Container names that start with ``prefix`` (a name with a slash is a
    link alias, not a name), and their short ids when ``prefix`` is hex."""
    candidates: set[str] = set()
    for container in containers:
        candidates.update(name for name in container.names if "/" not in name)
        if _is_hex(prefix):
            candidates.add(_short_id(container.id, prefix))
    return sorted(c for c in candidates if c.startswith(prefix))


def image_candidates(images: Iterable[ImageSummary], prefix: str) -> list[str]:
    """Image references (REPOSITORY:TAG) that start with ``prefix``, and
    image ids when ``prefix`` is hex."""
    candidates: set[str] = set()
    for image in images:
        candidates.update(image.repo_tags)
        if _is_hex(prefix):
            candidates.add(_short_id(image.id.removeprefix("sha256:"), prefix))
    return sorted(c for c in candidates if c.startswith(prefix))


def _is_hex(text: str) -> bool:
    return re.fullmatch("[0-9a-f]+", text) is not None


def _short_id(full_id: str, prefix: str) -> str:
    """The 12-digit id docker shows, or the full id once the prefix is
    longer than that."""
    return full_id if len(prefix) > 12 else full_id[:12]


# -- what the scripts are generated from ---------------------------------


@dataclass(frozen=True)
class Flag:
    """One option of a command, as the shells need it."""

    names: tuple[str, ...]
    help: str
    takes_value: bool
    value: str  # none, files, directories or words:WORD WORD...
    metavar: str
    multiple: bool


@dataclass(frozen=True)
class Argument:
    """One positional argument: what it is, and what completes it."""

    name: str
    kind: str  # running, containers, images, objects, files, none, words:...
    required: bool


@dataclass(frozen=True)
class Spec:
    """What completion knows of one command; ``name`` is "" for dkr itself."""

    name: str
    help: str
    flags: tuple[Flag, ...]
    arguments: tuple[Argument, ...]
    repeats: bool
    interspersed: bool

    def valued(self) -> list[str]:
        return [name for flag in self.flags if flag.takes_value for name in flag.names]

    def all_flags(self) -> list[str]:
        return [name for flag in self.flags for name in flag.names]


def command_specs() -> list[Spec]:
    """dkr's global options first, then every visible sub-command."""
    from docker_cli.cli.main import cli

    root = click.Context(cli, info_name="dkr", **cli.context_settings)
    specs = [_spec("", cli, root)]
    for name in cli.list_commands(root):
        command = cli.get_command(root, name)
        if command is None or command.hidden:
            continue
        context = click.Context(
            command, info_name=name, parent=root, **command.context_settings
        )
        specs.append(_spec(name, command, context))
    return specs


def _spec(name: str, command: click.Command, ctx: click.Context) -> Spec:
    params = command.get_params(ctx)
    arguments = [p for p in params if isinstance(p, click.Argument)]
    flags = [p for p in params if isinstance(p, click.Option) and not p.hidden]
    return Spec(
        name=name,
        help=command.get_short_help_str(limit=200).rstrip("."),
        flags=tuple(_flag(option) for option in flags),
        arguments=tuple(_arguments(name, arguments)),
        repeats=bool(arguments) and arguments[-1].nargs == -1,
        interspersed=ctx.allow_interspersed_args and name != "",
    )


def _flag(option: click.Option) -> Flag:
    # An option with a flag_value (docker's --sig-proxy[=false]) stands
    # alone; its value can only be given after "=".
    optional = getattr(option, "_flag_needs_value", False)
    takes_value = not (option.is_flag or option.count or optional)
    return Flag(
        names=(*_in_order(option.opts), *_in_order(option.secondary_opts)),
        help=" ".join((option.help or "").split()),
        takes_value=takes_value,
        value=_value_kind(option) if takes_value else "none",
        metavar=option.metavar or option.name or "value",
        multiple=option.multiple or option.count,
    )


def _in_order(names: Sequence[str]) -> list[str]:
    """Short names first, as --help shows them: click keeps the names of
    its help option in a set, whose order changes from run to run."""
    return sorted(names, key=lambda name: (name.startswith("--"), name))


def _value_kind(option: click.Option) -> str:
    if isinstance(option.type, click.Choice):
        return "words:" + " ".join(str(choice) for choice in option.type.choices)
    if isinstance(option.type, click.Path):
        only_dirs = option.type.dir_okay and not option.type.file_okay
        return "directories" if only_dirs else "files"
    if FILE_FLAGS.intersection(option.opts):
        return "files"
    if DIRECTORY_FLAGS.intersection(option.opts):
        return "directories"
    if "--signal" in option.opts:
        return "words:" + SIGNALS
    return "none"


def _arguments(command: str, params: Sequence[click.Argument]) -> list[Argument]:
    """Each argument once; one with a fixed nargs above 1, that many times."""
    arguments = []
    for param in params:
        kind = argument_kind(command, param)
        name = param.name or "argument"
        required = param.required
        arguments += [Argument(name, kind, required)] * max(param.nargs, 1)
    return arguments


def argument_kind(command: str, param: click.Argument) -> str:
    """What completes an argument, read from its metavar as ``--help``
    shows it: CONTAINER, IMAGE, NAME|ID (either), a local file (file|URL|-,
    PATH | URL | -), or nothing."""
    if isinstance(param.type, click.Choice):
        return "words:" + " ".join(str(choice) for choice in param.type.choices)
    metavar = (param.metavar or param.name or "").upper()
    if metavar.startswith("CONTAINER"):
        return "running" if command in RUNNING_ONLY else "containers"
    if metavar.startswith("NAME|ID"):
        return "objects"
    if any(word in metavar for word in ("IMAGE", "REPOSITORY", "NAME[:TAG")):
        return "images"
    words = set(re.split(r"[^A-Z]+", metavar))
    if "FILE" in words or {"PATH", "URL"} <= words:
        return "files"
    return "none"


# -- the scripts ----------------------------------------------------------


def script(shell: str) -> str:
    """The completion script for ``shell``, from the commands as they are."""
    specs = command_specs()
    render = {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}[shell]
    return render(specs)


def generated_files() -> dict[str, str]:
    """Every completion script, by its path in the source tree."""
    return {f"completions/{SCRIPT_FILES[shell]}": script(shell) for shell in SHELLS}


def _fill(template: str, **parts: str) -> str:
    for key, value in parts.items():
        template = template.replace(f"@{key}@", value)
    return template


def _kinds(spec: Spec) -> str:
    return " ".join(argument.kind.split(":")[0] for argument in spec.arguments)


def _words_of(kind: str) -> str:
    return kind.removeprefix("words:")


# -- bash --


def bash_script(specs: Sequence[Spec]) -> str:
    commands = " ".join(spec.name for spec in specs if spec.name)
    return _fill(
        BASH_TEMPLATE,
        COMMANDS=commands,
        SPECS="".join(_bash_spec(spec) for spec in specs),
        VALUES="".join(_bash_values(spec) for spec in specs),
        ARGUMENT_WORDS="".join(_bash_argument_words(spec) for spec in specs),
    )


def _bash_spec(spec: Spec) -> str:
    label = spec.name or "''"
    kinds = "command" if not spec.name else _kinds(spec)
    return (
        f"    {label})\n"
        f"        flags='{' '.join(spec.all_flags())}'\n"
        f"        valued='{' '.join(spec.valued())}'\n"
        f"        args='{kinds}' repeat={int(spec.repeats)}"
        f" interspersed={int(spec.interspersed)} ;;\n"
    )


def _bash_values(spec: Spec) -> str:
    lines = []
    for flag in spec.flags:
        if flag.value == "none":
            continue
        keys = " | ".join(f"{spec.name}:{name}" for name in flag.names)
        lines.append(f"    {keys}) kind='{flag.value}' ;;\n")
    return "".join(lines)


def _bash_argument_words(spec: Spec) -> str:
    lines = []
    for position, argument in enumerate(spec.arguments):
        if argument.kind.startswith("words:"):
            words = _words_of(argument.kind)
            lines.append(f"    {spec.name}:{position}) kind='words:{words}' ;;\n")
    return "".join(lines)


BASH_TEMPLATE = r"""# bash completion for dkr
#
# Generated from dkr's click commands by scripts/generate-docs (the same text
# as `dkr completion bash`): do not edit. Install it as
# share/bash-completion/completions/dkr.bash, or source it from ~/.bashrc.
# Container names and image references come from `dkr __complete`, which
# prints nothing when the daemon is down.

_dkr_commands='@COMMANDS@'

# Sets, for sub-command $1 ('' is dkr itself): flags, valued (the flags that
# take a value), args (what completes each argument), repeat (1 when the
# last argument takes any number of words) and interspersed (0 when flags
# end at the first argument).
_dkr_spec() {
    case $1 in
@SPECS@    *) return 1 ;;
    esac
}

# Sets kind to what completes the value of flag $2 of sub-command $1.
_dkr_value_kind() {
    case $1:$2 in
@VALUES@    *) kind=none ;;
    esac
}

# Sets kind to the words of a choice argument, $2 counting from 0.
_dkr_argument_words() {
    case $1:$2 in
@ARGUMENT_WORDS@    esac
}

# Sets words and cword from COMP_WORDS, gluing back what bash split at ':'
# and '=' (image references such as 127.0.0.1:5000/busybox:latest).
_dkr_words() {
    local line=$COMP_LINE piece rest i
    words=() cword=0
    for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
        piece=${COMP_WORDS[i]}
        rest=${line#"${line%%[![:space:]]*}"}
        if ((i > 0)) && [[ $rest == "$line" ]] &&
            [[ $piece == [=:]* || ${words[-1]} == *[=:] ]]; then
            words[-1]+=$piece
        else
            words+=("$piece")
        fi
        line=${rest#"$piece"}
        ((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
    done
}

# Succeeds when word $1 is a flag that takes the next word as its value;
# sets flag to its name (the last letter of a cluster such as -de).
_dkr_takes_value() {
    local word=$1 j
    case $word in
    --*=*) return 1 ;;
    --*) flag=$word ;;
    -?*)
        for ((j = 1; j < ${#word}; j++)); do
            flag=-${word:j:1}
            [[ " $valued " == *" $flag "* ]] && return $((j + 1 < ${#word}))
        done
        return 1 ;;
    esac
    [[ " $valued " == *" $flag "* ]]
}

# Walks words $1 .. cword-1 under the current spec. Sets pending (the flag
# whose value is the word at the cursor), npos (arguments before it), first
# (the index of the first argument) and ended (flags no longer allowed).
_dkr_scan() {
    local i=$1 word flag
    pending='' npos=0 first=0 ended=0
    for ((; i < cword; i++)); do
        word=${words[i]}
        if ((!ended)) && [[ $word == -?* ]]; then
            if [[ $word == -- ]]; then
                ended=1
            elif _dkr_takes_value "$word"; then
                ((i + 1 == cword)) && pending=$flag
                ((i++))
            fi
        else
            ((npos++ == 0)) && first=$i
            ((interspersed)) || ended=1
        fi
    done
}

# Adds each word of $1 that, after $lead, extends the word at the cursor,
# less what bash already holds before its last ':' or '='.
_dkr_offer() {
    local candidate IFS=$' \t\n'
    for candidate in $1; do
        candidate=$lead$candidate
        [[ $candidate == "$cur"* ]] && COMPREPLY+=("${candidate#"$strip"}")
    done
}

# Prints names from the daemon: dkr [GLOBAL FLAGS] __complete ARGS... PREFIX.
_dkr_live() {
    "${words[0]}" "${globals[@]}" __complete "$@" "${cur#"$lead"}" 2>/dev/null
}

# Completes the word at the cursor with things of kind $1.
_dkr_complete_kind() {
    case $1 in
    command) _dkr_offer "$_dkr_commands" ;;
    flags) _dkr_offer "$flags" ;;
    running) _dkr_offer "$(_dkr_live containers --running)" ;;
    containers) _dkr_offer "$(_dkr_live containers)" ;;
    images) _dkr_offer "$(_dkr_live images)" ;;
    objects) _dkr_offer "$(_dkr_live containers; _dkr_live images)" ;;
    files | directories)
        compopt -o filenames 2>/dev/null
        local option=-f
        [[ $1 == directories ]] && option=-d
        mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY \
            < <(compgen "$option" -- "${cur#"$lead"}") ;;
    words:*) _dkr_offer "${1#words:}" ;;
    esac
}

# Sets kind to what completes argument number npos of sub-command $command.
_dkr_argument_kind() {
    local kinds=($args)
    if ((npos < ${#kinds[@]})); then
        kind=${kinds[npos]}
    elif ((repeat && ${#kinds[@]})); then
        kind=${kinds[-1]}
        npos=$((${#kinds[@]} - 1))
    else
        kind=none
    fi
    [[ $kind == words ]] && _dkr_argument_words "$command" "$npos"
}

_dkr() {
    local words cword cur command='' lead='' strip='' kind flag
    local flags valued args repeat interspersed pending npos first ended
    local globals=() breaks=${COMP_WORDBREAKS//[!=:]/}
    COMPREPLY=()
    _dkr_words
    cur=${words[cword]}
    if [[ -n $breaks && $cur == *["$breaks"]* ]]; then
        strip=${cur%"${cur##*["$breaks"]}"}
    fi

    _dkr_spec ''
    _dkr_scan 1
    if ((npos > 0)); then
        command=${words[first]}
        local word
        # The words before the sub-command, less those that end dkr early,
        # and less the quotes around a quoted one ('tcp://host:2375').
        for word in "${words[@]:1:first-1}"; do
            case $word in
            -v | --version | -h | --help) ;;
            \'*\' | \"*\") globals+=("${word:1:${#word}-2}") ;;
            *) globals+=("$word") ;;
            esac
        done
        _dkr_spec "$command" || return 0
        _dkr_scan $((first + 1))
    fi

    if [[ -n $pending ]]; then
        _dkr_value_kind "$command" "$pending"
    elif ((!ended)) && [[ $cur == --*=* ]]; then
        lead=${cur%%=*}=
        _dkr_value_kind "$command" "${lead%=}"
    elif ((!ended)) && [[ $cur == -* ]]; then
        kind=flags
    else
        _dkr_argument_kind
    fi
    _dkr_complete_kind "$kind"
    return 0
}

complete -F _dkr dkr
"""


# -- zsh --


def zsh_script(specs: Sequence[Spec]) -> str:
    root, commands = specs[0], specs[1:]
    return _fill(
        ZSH_TEMPLATE,
        GLOBAL_FLAGS="".join(_zsh_flag_lines(root, indent=4)),
        COMMAND_LIST="".join(_zsh_command_entry(spec) for spec in commands),
        COMMAND_FUNCTIONS="".join(_zsh_function(spec) for spec in commands),
    )


def _zsh_command_entry(spec: Spec) -> str:
    return f"    {_shell_quote(spec.name + ':' + spec.help)}\n"


def _zsh_function(spec: Spec) -> str:
    options = "-s -S" + ("" if spec.interspersed else " -A '-*'")
    lines = [f"    {line} \\\n" for line in _zsh_flags(spec)]
    lines += [f"    {line} \\\n" for line in _zsh_positionals(spec)]
    body = "".join(lines).rstrip(" \\\n")
    return f"\n_dkr_cmd_{spec.name}() {{\n  _arguments {options} \\\n{body}\n}}\n"


def _zsh_flag_lines(spec: Spec, indent: int) -> list[str]:
    return [" " * indent + line + " \\\n" for line in _zsh_flags(spec)]


def _zsh_flags(spec: Spec) -> list[str]:
    lines = []
    for flag in spec.flags:
        exclusion = "*" if flag.multiple else "(" + " ".join(flag.names) + ")"
        for name in flag.names:
            lines.append(_shell_quote(exclusion + _zsh_flag_spec(flag, name)))
    return lines


def _zsh_flag_spec(flag: Flag, name: str) -> str:
    description = "[" + _zsh_description(flag.help) + "]"
    if not flag.takes_value:
        return name + description
    form = "+" if len(name) == 2 else "="
    action = _zsh_action(flag.value)
    return f"{name}{form}{description}:{_zsh_message(flag.metavar)}:{action}"


def _zsh_positionals(spec: Spec) -> list[str]:
    lines = []
    for position, argument in enumerate(spec.arguments, start=1):
        repeated = spec.repeats and position == len(spec.arguments)
        head = "*" if repeated else str(position)
        colons = "::" if not argument.required and not repeated else ":"
        message = _zsh_message(_message_of(argument))
        action = _zsh_action(argument.kind)
        lines.append(_shell_quote(f"{head}{colons}{message}:{action}"))
    return lines


def _message_of(argument: Argument) -> str:
    messages = {
        "running": "running container",
        "containers": "container",
        "images": "image",
        "objects": "container or image",
        "files": "file",
    }
    return messages.get(argument.kind, argument.name)


def _zsh_action(kind: str) -> str:
    actions = {
        "running": "_dkr_running",
        "containers": "_dkr_containers",
        "images": "_dkr_images",
        "objects": "_dkr_objects",
        "files": "_files",
        "directories": "_files -/",
    }
    if kind.startswith("words:"):
        return "(" + _words_of(kind) + ")"
    return actions.get(kind, " ")


def _zsh_description(text: str) -> str:
    return re.sub(r"([\\\[\]:])", r"\\\1", text)


def _zsh_message(text: str) -> str:
    return re.sub(r"[^\w .|-]", "", text).strip() or "value"


def _shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


ZSH_TEMPLATE = r"""#compdef dkr
#
# zsh completion for dkr. Generated from dkr's click commands by
# scripts/generate-docs (the same text as `dkr completion zsh`): do not
# edit. Install it as _dkr in a directory of $fpath (share/zsh/site-functions)
# before compinit runs, or load it with `source <(dkr completion zsh)` after.
# Container names and image references come from `dkr __complete`, which
# prints nothing when the daemon is down.

# Offers names from the daemon: _dkr_live TAG DESCRIPTION __complete-ARGS...
_dkr_live() {
  local tag=$1 description=$2 expl
  local -a candidates
  shift 2
  candidates=(${(f)"$(_call_program $tag \
    ${(q)_dkr_program} ${(q)_dkr_globals} __complete ${(q)@} ${(q)PREFIX} \
    2>/dev/null)"})
  _wanted $tag expl $description compadd -a candidates
}

_dkr_running() { _dkr_live containers 'running container' containers --running }
_dkr_containers() { _dkr_live containers container containers }
_dkr_images() { _dkr_live images image images }
_dkr_objects() {
  local ret=1
  _dkr_containers && ret=0
  _dkr_images && ret=0
  return ret
}

_dkr_commands() {
  local -a commands=(
@COMMAND_LIST@  )
  _describe -t commands 'dkr command' commands
}
@COMMAND_FUNCTIONS@
_dkr() {
  local curcontext=$curcontext state line ret=1
  local -a all_words=("${words[@]}")
  local -a _dkr_globals
  local _dkr_program=${words[1]}
  typeset -A opt_args
  _arguments -C -s -S \
@GLOBAL_FLAGS@    '1: :_dkr_commands' \
    '*:: :->command' && ret=0
  if [[ $state == command ]]; then
    # The words before the sub-command, unquoted, less those that end dkr.
    _dkr_globals=(${(Q)all_words[2,$(( ${#all_words} - ${#words} ))]})
    _dkr_globals=(${_dkr_globals:#(-v|--version|-h|--help)})
    curcontext=${curcontext%:*:*}:dkr-$words[1]:
    if (( $+functions[_dkr_cmd_$words[1]] )); then
      _dkr_cmd_$words[1] && ret=0
    fi
  fi
  return ret
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _dkr "$@"
else
  compdef _dkr dkr
fi
"""


# -- fish --


def fish_script(specs: Sequence[Spec]) -> str:
    lines = []
    for spec in specs:
        lines += _fish_lines(spec)
    return _fill(
        FISH_TEMPLATE,
        SPECS="".join(_fish_spec(spec) for spec in specs),
        ARGUMENT_WORDS="".join(_fish_argument_words(spec) for spec in specs),
        COMPLETIONS="".join(line + "\n" for line in lines),
    )


def _fish_spec(spec: Spec) -> str:
    # "-" stands for an empty list: fish may drop an empty line.
    kinds = "command" if not spec.name else _kinds(spec)
    return (
        f"        case {_fish_quote(spec.name)}\n"
        f"            echo {_fish_quote(' '.join(spec.valued()) or '-')}\n"
        f"            echo {_fish_quote(kinds or '-')}\n"
        f"            echo {int(spec.repeats)} {int(spec.interspersed)}\n"
    )


def _fish_argument_words(spec: Spec) -> str:
    lines = []
    for position, argument in enumerate(spec.arguments):
        if argument.kind.startswith("words:"):
            words = _fish_quote(_words_of(argument.kind))
            lines.append(f"        case {spec.name}:{position}\n")
            lines.append(f"            echo {words}\n")
    return "".join(lines)


def _fish_lines(spec: Spec) -> list[str]:
    lines = []
    if spec.name:
        condition = _fish_quote("__dkr_at - command")
        description = _fish_quote(spec.help)
        lines.append(f"complete -c dkr -n {condition} -a {spec.name} -d {description}")
    condition = _fish_quote(f"__dkr_flags_of {spec.name or '-'}")
    for flag in spec.flags:
        names = " ".join(_fish_name(name) for name in flag.names)
        value = _fish_value(flag) if flag.takes_value else ""
        description = _fish_quote(flag.help)
        lines.append(f"complete -c dkr -n {condition} {names}{value} -d {description}")
    return lines


def _fish_name(name: str) -> str:
    if name.startswith("--"):
        return f"-l {name[2:]}"
    return f"-s {name[1:]}"


def _fish_value(flag: Flag) -> str:
    if flag.value == "files":
        return " -r -F"
    if flag.value == "directories":
        return " -x -a '(__fish_complete_directories)'"
    if flag.value.startswith("words:"):
        return " -x -a " + _fish_quote(_words_of(flag.value))
    return " -x"


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


FISH_TEMPLATE = r"""# fish completion for dkr. Generated from dkr's click commands by
# scripts/generate-docs (the same text as `dkr completion fish`): do not
# edit. Install it as share/fish/vendor_completions.d/dkr.fish, or load it
# with `dkr completion fish | source`. Container names and image references
# come from `dkr __complete`, which prints nothing when the daemon is down.

# Prints, for sub-command $argv[1] ('' is dkr itself), the flags that take
# a value; what completes each argument; then whether the last argument
# repeats and whether flags may follow arguments (1 or 0 each).
function __dkr_spec
    switch $argv[1]
@SPECS@        case '*'
            return 1
    end
end

# Prints the words of a choice argument, on one line: __dkr_argument_words
# COMMAND:N, N counting from 0.
function __dkr_argument_words
    switch $argv[1]
@ARGUMENT_WORDS@    end
end

# Succeeds when token $argv[1] is a flag that takes the next token as its
# value; the flags that do are the other arguments.
function __dkr_takes_value
    set -l token $argv[1]
    set -l valued $argv
    set -e valued[1]
    if string match -q -- '--*=*' $token
        return 1
    else if string match -q -- '--*' $token
        contains -- $token $valued
        and return 0
        return 1
    end
    set -l letters (string sub -s 2 -- $token | string split '')
    set -l count (count $letters)
    for j in (seq $count)
        if contains -- -$letters[$j] $valued
            test $j -eq $count
            and return 0
            return 1
        end
    end
    return 1
end

# Prints lines for the cursor: the sub-command (- before it); what
# completes there (value, command, running, containers, images, objects,
# files, words:... or none); 1 when flags are allowed, else 0; then the
# global flags given, one a line.
function __dkr_state
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l command ''
    set -l spec (__dkr_spec '')
    set -l valued (string split ' ' -- $spec[1])
    set -l kinds command
    set -l repeat 0
    set -l interspersed 0
    set -l globals
    set -l npos 0
    set -l ended 0
    set -l pending 0
    for token in $tokens
        if test $pending = 1
            set pending 0
            test -z "$command"; and set -a globals $token
        else if test $ended = 0; and string match -q -- '-?*' $token
            if test "$token" = --
                set ended 1
            else if __dkr_takes_value $token $valued
                set pending 1
            end
            test -z "$command"; and set -a globals $token
        else if test -z "$command"
            set command $token
            set spec (__dkr_spec $command)
            or return 1
            set valued (string split ' ' -- $spec[1])
            set kinds (string split ' ' -- $spec[2])
            set repeat (string split ' ' -- $spec[3])[1]
            set interspersed (string split ' ' -- $spec[3])[2]
        else
            set npos (math $npos + 1)
            test $interspersed = 1; or set ended 1
        end
    end

    set -l kind none
    set -l index (math $npos + 1)
    if test $pending = 1
        set kind value
    else if test -z "$command"
        set kind command
    else if test "$kinds[1]" != -; and test $index -le (count $kinds)
        set kind $kinds[$index]
    else if test $repeat = 1; and test "$kinds[1]" != -
        set index (count $kinds)
        set kind $kinds[-1]
    end
    if test "$kind" = words
        set kind "words:"(__dkr_argument_words $command:(math $index - 1))
    end
    test -n "$command"; and echo $command; or echo -
    echo $kind
    test $ended = 0; and echo 1; or echo 0
    for flag in $globals
        contains -- $flag -v --version -h --help; or echo $flag
    end
    return 0
end

# Succeeds when the cursor is at sub-command $argv[1] (- for none yet) and
# what completes there is of kind $argv[2].
function __dkr_at
    set -l state (__dkr_state)
    or return 1
    test "$state[1]" = "$argv[1]"; and test "$state[2]" = "$argv[2]"
end

# Succeeds when the cursor is where sub-command $argv[1] takes flags.
function __dkr_flags_of
    set -l state (__dkr_state)
    or return 1
    test "$state[1]" = "$argv[1]"; and test "$state[3]" = 1
end

# Succeeds when what completes at the cursor is of kind $argv[1].
function __dkr_kind
    set -l state (__dkr_state)
    or return 1
    string match -q -- $argv[1] $state[2]
end

# Prints the words of the choice argument at the cursor.
function __dkr_words
    set -l state (__dkr_state)
    string split ' ' -- (string replace 'words:' '' -- $state[2])
end

# Prints names from the daemon: dkr [GLOBAL FLAGS] __complete ARGS... PREFIX.
function __dkr_live
    set -l state (__dkr_state)
    set -l globals $state
    set -e globals[1..3]
    set -l program (commandline -opc)[1]
    command $program $globals __complete $argv (commandline -ct) 2>/dev/null
end

complete -c dkr -f
complete -c dkr -n '__dkr_kind running' -a '(__dkr_live containers --running)'
complete -c dkr -n '__dkr_kind containers' -a '(__dkr_live containers)'
complete -c dkr -n '__dkr_kind images' -a '(__dkr_live images)'
complete -c dkr -n '__dkr_kind objects' -a '(__dkr_live containers; __dkr_live images)'
complete -c dkr -n '__dkr_kind files' -F
complete -c dkr -n '__dkr_kind "words:*"' -a '(__dkr_words)'
@COMPLETIONS@"""
