# bash completion for newsgraph (installed by 'make install' into
# PREFIX/share/bash-completion/completions/newsgraph).
# Commands come from 'newsgraph --help', options from 'newsgraph COMMAND
# --help', so they follow the program; option values and file arguments
# are completed by kind; 'dict remove' completes the user dictionary's ids.

_newsgraph_help() {
    # the program as typed (a path works too), its help on stdout
    "${COMP_WORDS[0]/#\~/$HOME}" "$@" --help 2>/dev/null
}

_newsgraph() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local cmd=${COMP_WORDS[1]} sub= vals=
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        vals=$(_newsgraph_help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
        COMPREPLY=($(compgen -W "$vals --help --version" -- "$cur"))
        return 0
    fi
    if [ "$cmd" = dict ]; then
        if [ "$COMP_CWORD" -eq 2 ]; then
            vals=$(_newsgraph_help dict | sed -n 's/^.*newsgraph dict \([a-z][a-z-]*\).*/\1/p')
            COMPREPLY=($(compgen -W "$vals" -- "$cur"))
            return 0
        fi
        sub=${COMP_WORDS[2]}
    fi
    if [ "$cmd" = entity ] && [ "$COMP_CWORD" -eq 2 ] && [ "${cur#-}" = "$cur" ]; then
        vals="merge rename retype alias corrections undo duplicates"
    fi
    case $prev in
        -f|--format)
            case $cmd in
                tag) vals="jsonl pretty tsv conll spacy brat" ;;
                export) vals="graphml gexf gml dot csv svg" ;;
                eval) vals="jsonl brat conll" ;;
            esac ;;
        --from) vals="iso-codes wikidata geonames annotations" ;;
        --offsets) vals="bytes chars" ;;
        --window) vals="sentence paragraph article" ;;
        --color|--colour) vals="auto always never" ;;
        --input) vals="text jsonl" ;;
        --conll-columns) vals="token,tag token,start,end,tag token,start,end,id,tag" ;;
        --by)
            case $cmd in
                neighbors) vals="count articles npmi pmi" ;;
                top) vals="degree strength pagerank betweenness mentions" ;;
            esac ;;
        -t|--type) vals="PER ORG LOC EVENT" ;;
        --output-dir)
            COMPREPLY=($(compgen -d -- "$cur"))
            return 0 ;;
        -d|--dict|--db|-o|--output|--gold)
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0 ;;
    esac
    if [ -n "$vals" ]; then
        COMPREPLY=($(compgen -W "$vals" -- "$cur"))
        return 0
    fi
    case $cur in
        -*)
            vals=$(_newsgraph_help "$cmd" $sub | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
            COMPREPLY=($(compgen -W "$vals --help" -- "$cur"))
            return 0 ;;
    esac
    if [ "$cmd" = dict ] && [ "$sub" = remove ]; then
        local user=${XDG_DATA_HOME:-}
        case $user in /*) ;; *) user=$HOME/.local/share ;; esac
        if [ -f "$user/newsgraph/user.tsv" ]; then
            vals=$(grep -v '^#' "$user/newsgraph/user.tsv" | cut -f1)
            COMPREPLY=($(compgen -W "$vals" -- "$cur"))
        fi
        return 0
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
    return 0
}
complete -o filenames -F _newsgraph newsgraph
