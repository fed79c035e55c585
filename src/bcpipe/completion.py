"""Shell completion scripts for ``bcpipe``, written from its argument parser.

The scripts complete the commands, each command's options, the choices of an option that
has them (``--lang vi|en``) and file names elsewhere. They are made from the parser, so a
new option completes without editing this module.
"""

from __future__ import annotations

import argparse
import shlex

__all__ = ["SHELLS", "completion_script"]

SHELLS = ("bash", "zsh", "fish")


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps its subparsers here only
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _help(parser: argparse.ArgumentParser, name: str) -> str:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.dest == name:
                    return choice.help or ""
    return ""


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if a.option_strings and a.help != argparse.SUPPRESS]


def _bash(parser: argparse.ArgumentParser) -> str:
    commands = _commands(parser)
    top = " ".join([*commands, *(o for a in _options(parser) for o in a.option_strings)])
    cases = []
    for name, sub in commands.items():
        words = [o for a in _options(sub) for o in a.option_strings]
        takes_files = any(not a.option_strings and not a.choices for a in sub._actions)
        for action in sub._actions:
            if not action.option_strings and action.choices and action.dest != "help":
                words.extend(str(c) for c in action.choices)
        choices = [
            f"            {'|'.join(a.option_strings)}) "
            f'COMPREPLY=($(compgen -W {shlex.quote(" ".join(map(str, a.choices)))} -- "$cur"));'
            " return;;"
            for a in _options(sub)
            if a.choices
        ]
        cases.append(
            f"        {name})\n"
            '            case "$prev" in\n'
            + "".join(line + "\n" for line in choices)
            + "            esac\n"
            f"            words={shlex.quote(' '.join(words))} files={int(takes_files)};;"
        )
    body = "\n".join(cases)
    return f"""# bash completion for bcpipe: source <(bcpipe completion bash)
_bcpipe() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local command="" words="" files=0 i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${{COMP_WORDS[i]}}" in -*) ;; *) command="${{COMP_WORDS[i]}}"; break;; esac
    done
    if [[ -z "$command" ]]; then
        COMPREPLY=($(compgen -W {shlex.quote(top)} -- "$cur"))
        return
    fi
    case "$command" in
{body}
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -W "$words" -- "$cur" | grep -v '^-'))
    if [[ $files == 1 ]]; then
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -F _bcpipe bcpipe
"""


def _zsh(parser: argparse.ArgumentParser) -> str:
    # zsh runs the bash function through its bash-compatibility layer: one script to keep.
    return (
        "# zsh completion for bcpipe: source <(bcpipe completion zsh)\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + _bash(parser)
    )


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish(parser: argparse.ArgumentParser) -> str:
    commands = _commands(parser)
    lines = ["# fish completion for bcpipe: bcpipe completion fish | source"]
    lines.append("complete -c bcpipe -f")
    for name in commands:
        described = _fish_quote(_help(parser, name))
        lines.append(f"complete -c bcpipe -n __fish_use_subcommand -a {name} -d {described}")
    for name, sub in commands.items():
        condition = f"'__fish_seen_subcommand_from {name}'"
        lines.append(f"complete -c bcpipe -n {condition} -F")
        for action in _options(sub):
            flags = []
            for option in action.option_strings:
                if option.startswith("--"):
                    flags.append(f"-l {option[2:]}")
                else:
                    flags.append(f"-s {option[1:]}")
            extra = ""
            if action.choices:
                extra = " -x -a " + _fish_quote(" ".join(map(str, action.choices)))
            elif action.nargs != 0:
                extra = " -r"
            lines.append(
                f"complete -c bcpipe -n {condition} {' '.join(flags)}{extra}"
                f" -d {_fish_quote(action.help or '')}"
            )
        for action in sub._actions:
            if not action.option_strings and action.choices:
                lines.append(
                    f"complete -c bcpipe -n {condition} -x -a "
                    + _fish_quote(" ".join(map(str, action.choices)))
                )
    return "\n".join(lines) + "\n"


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script of ``parser``'s program for ``shell`` (one of SHELLS)."""
    if shell == "bash":
        return _bash(parser)
    if shell == "zsh":
        return _zsh(parser)
    if shell == "fish":
        return _fish(parser)
    raise ValueError(f"no completion for shell {shell!r} (expected one of: {', '.join(SHELLS)})")
