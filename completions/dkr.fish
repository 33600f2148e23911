# fish completion for dkr. Generated from dkr's click commands by
# scripts/generate-docs (the same text as `dkr completion fish`): do not
# edit. Install it as share/fish/vendor_completions.d/dkr.fish, or load it
# with `dkr completion fish | source`. Container names and image references
# come from `dkr __complete`, which prints nothing when the daemon is down.

# Prints, for sub-command $argv[1] ('' is dkr itself), the flags that take
# a value; what completes each argument; then whether the last argument
# repeats and whether flags may follow arguments (1 or 0 each).
function __dkr_spec
    switch $argv[1]
        case ''
            echo '-H --host --config --tlscacert --tlscert --tlskey -l --log-level'
            echo 'command'
            echo 0 0
        case 'attach'
            echo '--detach-keys'
            echo 'running'
            echo 0 1
        case 'build'
            echo '--build-arg -f --file --label -t --tag'
            echo 'files'
            echo 0 1
        case 'commit'
            echo '-a --author -c --change -m --message'
            echo 'containers images'
            echo 0 1
        case 'completion'
            echo '-'
            echo 'words'
            echo 0 1
        case 'create'
            echo '-a --attach --entrypoint -e --env --env-file -h --hostname -l --label --name --network -u --user -v --volume -w --workdir'
            echo 'images none'
            echo 1 0
        case 'diff'
            echo '-'
            echo 'containers'
            echo 0 1
        case 'exec'
            echo '--detach-keys -e --env -u --user -w --workdir'
            echo 'running none'
            echo 1 0
        case 'export'
            echo '-o --output'
            echo 'containers'
            echo 0 1
        case 'history'
            echo '--format'
            echo 'images'
            echo 0 1
        case 'images'
            echo '-f --filter --format'
            echo 'images'
            echo 0 1
        case 'import'
            echo '-c --change -m --message'
            echo 'files images'
            echo 0 1
        case 'info'
            echo '-f --format'
            echo '-'
            echo 0 1
        case 'insert'
            echo '-'
            echo 'images none none'
            echo 0 1
        case 'inspect'
            echo '--type -f --format'
            echo 'objects'
            echo 1 1
        case 'kill'
            echo '-s --signal'
            echo 'running'
            echo 1 1
        case 'load'
            echo '-i --input'
            echo '-'
            echo 0 1
        case 'login'
            echo '-p --password -u --username'
            echo 'none'
            echo 0 1
        case 'logout'
            echo '-'
            echo 'none'
            echo 0 1
        case 'logs'
            echo '-n --tail --since --until'
            echo 'containers'
            echo 0 1
        case 'ps'
            echo '-f --filter -n --last --format'
            echo '-'
            echo 0 1
        case 'pull'
            echo '-'
            echo 'images'
            echo 0 1
        case 'push'
            echo '-'
            echo 'images'
            echo 0 1
        case 'restart'
            echo '-s --signal -t --timeout'
            echo 'running'
            echo 1 1
        case 'rm'
            echo '-'
            echo 'containers'
            echo 1 1
        case 'rmi'
            echo '-'
            echo 'images'
            echo 1 1
        case 'run'
            echo '--detach-keys -a --attach --entrypoint -e --env --env-file -h --hostname -l --label --name --network -u --user -v --volume -w --workdir'
            echo 'images none'
            echo 1 0
        case 'save'
            echo '-o --output'
            echo 'images'
            echo 1 1
        case 'search'
            echo '-f --filter --limit --format'
            echo 'none'
            echo 0 1
        case 'start'
            echo '--detach-keys'
            echo 'containers'
            echo 1 1
        case 'stop'
            echo '-s --signal -t --timeout'
            echo 'running'
            echo 1 1
        case 'tag'
            echo '-'
            echo 'images images'
            echo 0 1
        case 'version'
            echo '-f --format'
            echo '-'
            echo 0 1
        case 'wait'
            echo '-'
            echo 'containers'
            echo 1 1
        case '*'
            return 1
    end
end

# Prints the words of a choice argument, on one line: __dkr_argument_words
# COMMAND:N, N counting from 0.
function __dkr_argument_words
    switch $argv[1]
        case completion:0
            echo 'bash zsh fish'
    end
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
complete -c dkr -n '__dkr_flags_of -' -s H -l host -x -d 'Daemon socket to connect to'
complete -c dkr -n '__dkr_flags_of -' -l config -x -a '(__fish_complete_directories)' -d 'Location of client config files'
complete -c dkr -n '__dkr_flags_of -' -s D -l debug -d 'Enable debug mode.'
complete -c dkr -n '__dkr_flags_of -' -l tls -d 'Use TLS; implied by --tlsverify.'
complete -c dkr -n '__dkr_flags_of -' -l tlscacert -r -F -d 'Trust certs signed only by this CA.'
complete -c dkr -n '__dkr_flags_of -' -l tlscert -r -F -d 'Path to TLS certificate file.'
complete -c dkr -n '__dkr_flags_of -' -l tlskey -r -F -d 'Path to TLS key file.'
complete -c dkr -n '__dkr_flags_of -' -l tlsverify -d 'Use TLS and verify the remote.'
complete -c dkr -n '__dkr_flags_of -' -s l -l log-level -x -a 'debug info warn error fatal' -d 'Set the logging level ("debug", "info", "warn", "error", "fatal")'
complete -c dkr -n '__dkr_flags_of -' -s v -l version -d 'Print version information and quit.'
complete -c dkr -n '__dkr_flags_of -' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a attach -d 'Attach local standard input, output, and error streams to a running container'
complete -c dkr -n '__dkr_flags_of attach' -l detach-keys -x -d 'Override the key sequence for detaching a container'
complete -c dkr -n '__dkr_flags_of attach' -l no-stdin -d 'Do not attach STDIN'
complete -c dkr -n '__dkr_flags_of attach' -l sig-proxy -d 'Proxy all received signals to the process'
complete -c dkr -n '__dkr_flags_of attach' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a build -d 'Build an image from a Dockerfile'
complete -c dkr -n '__dkr_flags_of build' -l build-arg -x -d 'Set build-time variables'
complete -c dkr -n '__dkr_flags_of build' -s f -l file -r -F -d 'Name of the Dockerfile (Default is \'PATH/Dockerfile\')'
complete -c dkr -n '__dkr_flags_of build' -l force-rm -d 'Always remove intermediate containers'
complete -c dkr -n '__dkr_flags_of build' -l label -x -d 'Set metadata for an image'
complete -c dkr -n '__dkr_flags_of build' -l no-cache -d 'Do not use cache when building the image'
complete -c dkr -n '__dkr_flags_of build' -l pull -d 'Always attempt to pull a newer version of the image'
complete -c dkr -n '__dkr_flags_of build' -s q -l quiet -d 'Suppress the build output and print image ID on success'
complete -c dkr -n '__dkr_flags_of build' -l rm -l no-rm -d 'Remove intermediate containers after a successful build'
complete -c dkr -n '__dkr_flags_of build' -s t -l tag -x -d 'Name and optionally a tag in the name:tag format'
complete -c dkr -n '__dkr_flags_of build' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a commit -d 'Create a new image from a container\'s changes'
complete -c dkr -n '__dkr_flags_of commit' -s a -l author -x -d 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")'
complete -c dkr -n '__dkr_flags_of commit' -s c -l change -x -d 'Apply Dockerfile instruction to the created image'
complete -c dkr -n '__dkr_flags_of commit' -s m -l message -x -d 'Commit message'
complete -c dkr -n '__dkr_flags_of commit' -l pause -l no-pause -d 'Pause container during commit (default true)'
complete -c dkr -n '__dkr_flags_of commit' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a completion -d 'Print the completion script for a shell (bash, zsh or fish)'
complete -c dkr -n '__dkr_flags_of completion' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a create -d 'Create a new container'
complete -c dkr -n '__dkr_flags_of create' -s a -l attach -x -a 'stdin stdout stderr' -d 'Attach to STDIN, STDOUT or STDERR'
complete -c dkr -n '__dkr_flags_of create' -l entrypoint -x -d 'Overwrite the default ENTRYPOINT of the image'
complete -c dkr -n '__dkr_flags_of create' -s e -l env -x -d 'Set environment variables'
complete -c dkr -n '__dkr_flags_of create' -l env-file -x -d 'Read in a file of environment variables'
complete -c dkr -n '__dkr_flags_of create' -s h -l hostname -x -d 'Container host name'
complete -c dkr -n '__dkr_flags_of create' -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c dkr -n '__dkr_flags_of create' -s l -l label -x -d 'Set meta data on a container'
complete -c dkr -n '__dkr_flags_of create' -l name -x -d 'Assign a name to the container'
complete -c dkr -n '__dkr_flags_of create' -l network -x -d 'Connect a container to a network'
complete -c dkr -n '__dkr_flags_of create' -l rm -d 'Automatically remove the container and its associated anonymous volumes when it exits'
complete -c dkr -n '__dkr_flags_of create' -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c dkr -n '__dkr_flags_of create' -s u -l user -x -d 'Username or UID (format: <name|uid>[:<group|gid>])'
complete -c dkr -n '__dkr_flags_of create' -s v -l volume -x -d 'Bind mount a volume'
complete -c dkr -n '__dkr_flags_of create' -s w -l workdir -x -d 'Working directory inside the container'
complete -c dkr -n '__dkr_flags_of create' -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a diff -d 'Inspect changes to files or directories on a container\'s filesystem'
complete -c dkr -n '__dkr_flags_of diff' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a exec -d 'Execute a command in a running container'
complete -c dkr -n '__dkr_flags_of exec' -s d -l detach -d 'Detached mode: run command in the background'
complete -c dkr -n '__dkr_flags_of exec' -l detach-keys -x -d 'Override the key sequence for detaching a container'
complete -c dkr -n '__dkr_flags_of exec' -s e -l env -x -d 'Set environment variables'
complete -c dkr -n '__dkr_flags_of exec' -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c dkr -n '__dkr_flags_of exec' -l privileged -d 'Give extended privileges to the command'
complete -c dkr -n '__dkr_flags_of exec' -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c dkr -n '__dkr_flags_of exec' -s u -l user -x -d 'Username or UID (format: "<name|uid>[:<group|gid>]")'
complete -c dkr -n '__dkr_flags_of exec' -s w -l workdir -x -d 'Working directory inside the container'
complete -c dkr -n '__dkr_flags_of exec' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a export -d 'Export a container\'s filesystem as a tar archive'
complete -c dkr -n '__dkr_flags_of export' -s o -l output -r -F -d 'Write to a file, instead of STDOUT'
complete -c dkr -n '__dkr_flags_of export' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a history -d 'Show the history of an image'
complete -c dkr -n '__dkr_flags_of history' -s H -l human -l no-human -d 'Print sizes and dates in human readable format'
complete -c dkr -n '__dkr_flags_of history' -l no-trunc -d 'Don\'t truncate output'
complete -c dkr -n '__dkr_flags_of history' -s q -l quiet -d 'Only show image IDs'
complete -c dkr -n '__dkr_flags_of history' -l format -x -d 'Format output using a custom template: \'table\': Print output in table format with column headers (default) \'table TEMPLATE\': Print output in table format using the given Go template \'json\': Print in JSON format \'TEMPLATE\': Print output using the given Go template'
complete -c dkr -n '__dkr_flags_of history' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a images -d 'List images'
complete -c dkr -n '__dkr_flags_of images' -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c dkr -n '__dkr_flags_of images' -l digests -d 'Show digests'
complete -c dkr -n '__dkr_flags_of images' -l no-trunc -d 'Don\'t truncate output'
complete -c dkr -n '__dkr_flags_of images' -s q -l quiet -d 'Only show image IDs'
complete -c dkr -n '__dkr_flags_of images' -s f -l filter -x -d 'Filter output based on conditions provided'
complete -c dkr -n '__dkr_flags_of images' -l viz -d 'Output the image graph in Graphviz DOT'
complete -c dkr -n '__dkr_flags_of images' -l tree -d 'Output the image graph as a tree'
complete -c dkr -n '__dkr_flags_of images' -l format -x -d 'Format output using a custom template: \'table\': Print output in table format with column headers (default) \'table TEMPLATE\': Print output in table format using the given Go template \'json\': Print in JSON format \'TEMPLATE\': Print output using the given Go template'
complete -c dkr -n '__dkr_flags_of images' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a import -d 'Import the contents from a tarball to create a filesystem image'
complete -c dkr -n '__dkr_flags_of import' -s c -l change -x -d 'Apply Dockerfile instruction to the created image'
complete -c dkr -n '__dkr_flags_of import' -s m -l message -x -d 'Set commit message for imported image'
complete -c dkr -n '__dkr_flags_of import' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a info -d 'Display system-wide information'
complete -c dkr -n '__dkr_flags_of info' -s f -l format -x -d 'Format output using a custom template'
complete -c dkr -n '__dkr_flags_of info' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a insert -d 'Insert a file from URL in the IMAGE at PATH, as a new image'
complete -c dkr -n '__dkr_flags_of insert' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a inspect -d 'Return low-level information on Docker objects'
complete -c dkr -n '__dkr_flags_of inspect' -s s -l size -d 'Display total file sizes if the type is container'
complete -c dkr -n '__dkr_flags_of inspect' -l type -x -a 'container image' -d 'Only inspect objects of the given type'
complete -c dkr -n '__dkr_flags_of inspect' -s f -l format -x -d 'Format output using a custom template'
complete -c dkr -n '__dkr_flags_of inspect' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a kill -d 'Kill one or more running containers'
complete -c dkr -n '__dkr_flags_of kill' -s s -l signal -x -a 'HUP INT QUIT KILL USR1 USR2 TERM STOP CONT' -d 'Signal to send to the container'
complete -c dkr -n '__dkr_flags_of kill' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a load -d 'Load an image from a tar archive or STDIN'
complete -c dkr -n '__dkr_flags_of load' -s i -l input -r -F -d 'Read from tar archive file, instead of STDIN'
complete -c dkr -n '__dkr_flags_of load' -s q -l quiet -d 'Suppress the load output'
complete -c dkr -n '__dkr_flags_of load' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a login -d 'Authenticate to a registry'
complete -c dkr -n '__dkr_flags_of login' -s p -l password -x -d 'Password or Personal Access Token (PAT)'
complete -c dkr -n '__dkr_flags_of login' -l password-stdin -d 'Take the Password or Personal Access Token (PAT) from stdin'
complete -c dkr -n '__dkr_flags_of login' -s u -l username -x -d 'Username'
complete -c dkr -n '__dkr_flags_of login' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a logout -d 'Log out from a registry'
complete -c dkr -n '__dkr_flags_of logout' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a logs -d 'Fetch the logs of a container'
complete -c dkr -n '__dkr_flags_of logs' -s f -l follow -d 'Follow log output'
complete -c dkr -n '__dkr_flags_of logs' -s n -l tail -x -d 'Number of lines to show from the end of the logs (default "all")'
complete -c dkr -n '__dkr_flags_of logs' -l since -x -d 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)'
complete -c dkr -n '__dkr_flags_of logs' -l until -x -d 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)'
complete -c dkr -n '__dkr_flags_of logs' -s t -l timestamps -d 'Show timestamps'
complete -c dkr -n '__dkr_flags_of logs' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a ps -d 'List containers'
complete -c dkr -n '__dkr_flags_of ps' -s a -l all -d 'Show all containers (default shows just running)'
complete -c dkr -n '__dkr_flags_of ps' -s f -l filter -x -d 'Filter output based on conditions provided'
complete -c dkr -n '__dkr_flags_of ps' -s n -l last -x -d 'Show n last created containers (includes all states)'
complete -c dkr -n '__dkr_flags_of ps' -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c dkr -n '__dkr_flags_of ps' -l no-trunc -d 'Don\'t truncate output'
complete -c dkr -n '__dkr_flags_of ps' -s q -l quiet -d 'Only display container IDs'
complete -c dkr -n '__dkr_flags_of ps' -s s -l size -d 'Display total file sizes'
complete -c dkr -n '__dkr_flags_of ps' -l format -x -d 'Format output using a custom template: \'table\': Print output in table format with column headers (default) \'table TEMPLATE\': Print output in table format using the given Go template \'json\': Print in JSON format \'TEMPLATE\': Print output using the given Go template'
complete -c dkr -n '__dkr_flags_of ps' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a pull -d 'Download an image from a registry'
complete -c dkr -n '__dkr_flags_of pull' -s q -l quiet -d 'Suppress verbose output'
complete -c dkr -n '__dkr_flags_of pull' -s a -l all-tags -d 'Download all tagged images in the repository'
complete -c dkr -n '__dkr_flags_of pull' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a push -d 'Upload an image to a registry'
complete -c dkr -n '__dkr_flags_of push' -s a -l all-tags -d 'Push all tags of an image to the repository'
complete -c dkr -n '__dkr_flags_of push' -s q -l quiet -d 'Suppress verbose output'
complete -c dkr -n '__dkr_flags_of push' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a restart -d 'Restart one or more containers'
complete -c dkr -n '__dkr_flags_of restart' -s s -l signal -x -a 'HUP INT QUIT KILL USR1 USR2 TERM STOP CONT' -d 'Signal to send to the container'
complete -c dkr -n '__dkr_flags_of restart' -s t -l timeout -x -d 'Seconds to wait before killing the container'
complete -c dkr -n '__dkr_flags_of restart' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a rm -d 'Remove one or more containers'
complete -c dkr -n '__dkr_flags_of rm' -s f -l force -d 'Force the removal of a running container (uses SIGKILL)'
complete -c dkr -n '__dkr_flags_of rm' -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c dkr -n '__dkr_flags_of rm' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a rmi -d 'Remove one or more images'
complete -c dkr -n '__dkr_flags_of rmi' -s f -l force -d 'Force removal of the image'
complete -c dkr -n '__dkr_flags_of rmi' -l no-prune -d 'Do not delete untagged parents'
complete -c dkr -n '__dkr_flags_of rmi' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a run -d 'Create and run a new container from an image'
complete -c dkr -n '__dkr_flags_of run' -s d -l detach -d 'Run container in background and print container ID'
complete -c dkr -n '__dkr_flags_of run' -l detach-keys -x -d 'Override the key sequence for detaching a container'
complete -c dkr -n '__dkr_flags_of run' -l sig-proxy -d 'Proxy received signals to the process'
complete -c dkr -n '__dkr_flags_of run' -s a -l attach -x -a 'stdin stdout stderr' -d 'Attach to STDIN, STDOUT or STDERR'
complete -c dkr -n '__dkr_flags_of run' -l entrypoint -x -d 'Overwrite the default ENTRYPOINT of the image'
complete -c dkr -n '__dkr_flags_of run' -s e -l env -x -d 'Set environment variables'
complete -c dkr -n '__dkr_flags_of run' -l env-file -x -d 'Read in a file of environment variables'
complete -c dkr -n '__dkr_flags_of run' -s h -l hostname -x -d 'Container host name'
complete -c dkr -n '__dkr_flags_of run' -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c dkr -n '__dkr_flags_of run' -s l -l label -x -d 'Set meta data on a container'
complete -c dkr -n '__dkr_flags_of run' -l name -x -d 'Assign a name to the container'
complete -c dkr -n '__dkr_flags_of run' -l network -x -d 'Connect a container to a network'
complete -c dkr -n '__dkr_flags_of run' -l rm -d 'Automatically remove the container and its associated anonymous volumes when it exits'
complete -c dkr -n '__dkr_flags_of run' -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c dkr -n '__dkr_flags_of run' -s u -l user -x -d 'Username or UID (format: <name|uid>[:<group|gid>])'
complete -c dkr -n '__dkr_flags_of run' -s v -l volume -x -d 'Bind mount a volume'
complete -c dkr -n '__dkr_flags_of run' -s w -l workdir -x -d 'Working directory inside the container'
complete -c dkr -n '__dkr_flags_of run' -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a save -d 'Save one or more images to a tar archive (streamed to STDOUT by default)'
complete -c dkr -n '__dkr_flags_of save' -s o -l output -r -F -d 'Write to a file, instead of STDOUT'
complete -c dkr -n '__dkr_flags_of save' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a search -d 'Search Docker Hub for images'
complete -c dkr -n '__dkr_flags_of search' -s f -l filter -x -d 'Filter output based on conditions provided'
complete -c dkr -n '__dkr_flags_of search' -l limit -x -d 'Max number of search results'
complete -c dkr -n '__dkr_flags_of search' -l no-trunc -d 'Don\'t truncate output'
complete -c dkr -n '__dkr_flags_of search' -l format -x -d 'Format output using a custom template: \'table\': Print output in table format with column headers (default) \'table TEMPLATE\': Print output in table format using the given Go template \'json\': Print in JSON format \'TEMPLATE\': Print output using the given Go template'
complete -c dkr -n '__dkr_flags_of search' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a start -d 'Start one or more stopped containers'
complete -c dkr -n '__dkr_flags_of start' -s a -l attach -d 'Attach STDOUT/STDERR and forward signals'
complete -c dkr -n '__dkr_flags_of start' -l detach-keys -x -d 'Override the key sequence for detaching a container'
complete -c dkr -n '__dkr_flags_of start' -s i -l interactive -d 'Attach container\'s STDIN'
complete -c dkr -n '__dkr_flags_of start' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a stop -d 'Stop one or more running containers'
complete -c dkr -n '__dkr_flags_of stop' -s s -l signal -x -a 'HUP INT QUIT KILL USR1 USR2 TERM STOP CONT' -d 'Signal to send to the container'
complete -c dkr -n '__dkr_flags_of stop' -s t -l timeout -x -d 'Seconds to wait before killing the container'
complete -c dkr -n '__dkr_flags_of stop' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a tag -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c dkr -n '__dkr_flags_of tag' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a version -d 'Show the Docker version information'
complete -c dkr -n '__dkr_flags_of version' -s f -l format -x -d 'Format output using a custom template'
complete -c dkr -n '__dkr_flags_of version' -s h -l help -d 'Show this message and exit.'
complete -c dkr -n '__dkr_at - command' -a wait -d 'Block until one or more containers stop, then print their exit codes'
complete -c dkr -n '__dkr_flags_of wait' -s h -l help -d 'Show this message and exit.'
