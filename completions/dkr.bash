# bash completion for dkr
#
# Generated from dkr's click commands by scripts/generate-docs (the same text
# as `dkr completion bash`): do not edit. Install it as
# share/bash-completion/completions/dkr.bash, or source it from ~/.bashrc.
# Container names and image references come from `dkr __complete`, which
# prints nothing when the daemon is down.

_dkr_commands='attach build commit completion create diff exec export history images import info insert inspect kill load login logout logs ps pull push restart rm rmi run save search start stop tag version wait'

# Sets, for sub-command $1 ('' is dkr itself): flags, valued (the flags that
# take a value), args (what completes each argument), repeat (1 when the
# last argument takes any number of words) and interspersed (0 when flags
# end at the first argument).
_dkr_spec() {
    case $1 in
    '')
        flags='-H --host --config -D --debug --tls --tlscacert --tlscert --tlskey --tlsverify -l --log-level -v --version -h --help'
        valued='-H --host --config --tlscacert --tlscert --tlskey -l --log-level'
        args='command' repeat=0 interspersed=0 ;;
    attach)
        flags='--detach-keys --no-stdin --sig-proxy -h --help'
        valued='--detach-keys'
        args='running' repeat=0 interspersed=1 ;;
    build)
        flags='--build-arg -f --file --force-rm --label --no-cache --pull -q --quiet --rm --no-rm -t --tag -h --help'
        valued='--build-arg -f --file --label -t --tag'
        args='files' repeat=0 interspersed=1 ;;
    commit)
        flags='-a --author -c --change -m --message --pause --no-pause -h --help'
        valued='-a --author -c --change -m --message'
        args='containers images' repeat=0 interspersed=1 ;;
    completion)
        flags='-h --help'
        valued=''
        args='words' repeat=0 interspersed=1 ;;
    create)
        flags='-a --attach --entrypoint -e --env --env-file -h --hostname -i --interactive -l --label --name --network --rm -t --tty -u --user -v --volume -w --workdir --help'
        valued='-a --attach --entrypoint -e --env --env-file -h --hostname -l --label --name --network -u --user -v --volume -w --workdir'
        args='images none' repeat=1 interspersed=0 ;;
    diff)
        flags='-h --help'
        valued=''
        args='containers' repeat=0 interspersed=1 ;;
    exec)
        flags='-d --detach --detach-keys -e --env -i --interactive --privileged -t --tty -u --user -w --workdir -h --help'
        valued='--detach-keys -e --env -u --user -w --workdir'
        args='running none' repeat=1 interspersed=0 ;;
    export)
        flags='-o --output -h --help'
        valued='-o --output'
        args='containers' repeat=0 interspersed=1 ;;
    history)
        flags='-H --human --no-human --no-trunc -q --quiet --format -h --help'
        valued='--format'
        args='images' repeat=0 interspersed=1 ;;
    images)
        flags='-a --all --digests --no-trunc -q --quiet -f --filter --viz --tree --format -h --help'
        valued='-f --filter --format'
        args='images' repeat=0 interspersed=1 ;;
    import)
        flags='-c --change -m --message -h --help'
        valued='-c --change -m --message'
        args='files images' repeat=0 interspersed=1 ;;
    info)
        flags='-f --format -h --help'
        valued='-f --format'
        args='' repeat=0 interspersed=1 ;;
    insert)
        flags='-h --help'
        valued=''
        args='images none none' repeat=0 interspersed=1 ;;
    inspect)
        flags='-s --size --type -f --format -h --help'
        valued='--type -f --format'
        args='objects' repeat=1 interspersed=1 ;;
    kill)
        flags='-s --signal -h --help'
        valued='-s --signal'
        args='running' repeat=1 interspersed=1 ;;
    load)
        flags='-i --input -q --quiet -h --help'
        valued='-i --input'
        args='' repeat=0 interspersed=1 ;;
    login)
        flags='-p --password --password-stdin -u --username -h --help'
        valued='-p --password -u --username'
        args='none' repeat=0 interspersed=1 ;;
    logout)
        flags='-h --help'
        valued=''
        args='none' repeat=0 interspersed=1 ;;
    logs)
        flags='-f --follow -n --tail --since --until -t --timestamps -h --help'
        valued='-n --tail --since --until'
        args='containers' repeat=0 interspersed=1 ;;
    ps)
        flags='-a --all -f --filter -n --last -l --latest --no-trunc -q --quiet -s --size --format -h --help'
        valued='-f --filter -n --last --format'
        args='' repeat=0 interspersed=1 ;;
    pull)
        flags='-q --quiet -a --all-tags -h --help'
        valued=''
        args='images' repeat=0 interspersed=1 ;;
    push)
        flags='-a --all-tags -q --quiet -h --help'
        valued=''
        args='images' repeat=0 interspersed=1 ;;
    restart)
        flags='-s --signal -t --timeout -h --help'
        valued='-s --signal -t --timeout'
        args='running' repeat=1 interspersed=1 ;;
    rm)
        flags='-f --force -v --volumes -h --help'
        valued=''
        args='containers' repeat=1 interspersed=1 ;;
    rmi)
        flags='-f --force --no-prune -h --help'
        valued=''
        args='images' repeat=1 interspersed=1 ;;
    run)
        flags='-d --detach --detach-keys --sig-proxy -a --attach --entrypoint -e --env --env-file -h --hostname -i --interactive -l --label --name --network --rm -t --tty -u --user -v --volume -w --workdir --help'
        valued='--detach-keys -a --attach --entrypoint -e --env --env-file -h --hostname -l --label --name --network -u --user -v --volume -w --workdir'
        args='images none' repeat=1 interspersed=0 ;;
    save)
        flags='-o --output -h --help'
        valued='-o --output'
        args='images' repeat=1 interspersed=1 ;;
    search)
        flags='-f --filter --limit --no-trunc --format -h --help'
        valued='-f --filter --limit --format'
        args='none' repeat=0 interspersed=1 ;;
    start)
        flags='-a --attach --detach-keys -i --interactive -h --help'
        valued='--detach-keys'
        args='containers' repeat=1 interspersed=1 ;;
    stop)
        flags='-s --signal -t --timeout -h --help'
        valued='-s --signal -t --timeout'
        args='running' repeat=1 interspersed=1 ;;
    tag)
        flags='-h --help'
        valued=''
        args='images images' repeat=0 interspersed=1 ;;
    version)
        flags='-f --format -h --help'
        valued='-f --format'
        args='' repeat=0 interspersed=1 ;;
    wait)
        flags='-h --help'
        valued=''
        args='containers' repeat=1 interspersed=1 ;;
    *) return 1 ;;
    esac
}

# Sets kind to what completes the value of flag $2 of sub-command $1.
_dkr_value_kind() {
    case $1:$2 in
    :--config) kind='directories' ;;
    :--tlscacert) kind='files' ;;
    :--tlscert) kind='files' ;;
    :--tlskey) kind='files' ;;
    :-l | :--log-level) kind='words:debug info warn error fatal' ;;
    build:-f | build:--file) kind='files' ;;
    create:-a | create:--attach) kind='words:stdin stdout stderr' ;;
    export:-o | export:--output) kind='files' ;;
    inspect:--type) kind='words:container image' ;;
    kill:-s | kill:--signal) kind='words:HUP INT QUIT KILL USR1 USR2 TERM STOP CONT' ;;
    load:-i | load:--input) kind='files' ;;
    restart:-s | restart:--signal) kind='words:HUP INT QUIT KILL USR1 USR2 TERM STOP CONT' ;;
    run:-a | run:--attach) kind='words:stdin stdout stderr' ;;
    save:-o | save:--output) kind='files' ;;
    stop:-s | stop:--signal) kind='words:HUP INT QUIT KILL USR1 USR2 TERM STOP CONT' ;;
    *) kind=none ;;
    esac
}

# Sets kind to the words of a choice argument, $2 counting from 0.
_dkr_argument_words() {
    case $1:$2 in
    completion:0) kind='words:bash zsh fish' ;;
    esac
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
