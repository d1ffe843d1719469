"""`cptsplan validate`, `render` and `update` as a hook, CI or a coordinator run them, without
the framework.

Importing typer (and the click it carries) costs about 30 ms of processor time, more than
reading the whole example plan with libyaml: a third of a `validate`, paid at every commit,
a tenth of what a DOCX costs beyond pandoc, a fifth of an `update`. When the command line is
a plain `validate`, `render` or `update` (options each written out in full, values that do
not look like options, the arguments the command takes), it is read here and the command's
work (validation.py, rendering.py, updating.py) runs directly. Anything else (`--help`, a
mistake, `--format=json`, `-fjson`, `--`, another command) returns None and goes to typer,
which reads and explains it: this reading never refuses anything, it only steps aside.

Each table must be exactly the options of the typer command (validate.py, render.py,
update.py): tests/test_quick_command.py compares them (names, what each takes, defaults)
and checks that both readings of many command lines make the same call.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from cptsplan.cli.names import command_name

FLAG, FLAG_OFF, TEXT, PATH, COUNT, REPEATED = "flag", "off", "text", "path", "count", "repeated"
"""What an option takes: nothing (True when given; False for the other name of a switch,
`--dry-run` of `--ecrire/--dry-run`), a text, a path, a whole number ≥ 0, or a text that may
be given several times (a list, in order)."""


# The call form, not a class body: under `from __future__ import annotations` a class body's
# field types are texts, which NamedTuple compiles, and a process's first `compile` costs
# about 1 ms of every validate (issue 20). The fields: option -> (parameter of the work
# function, what it takes); each parameter's value when its option is not given (typer's
# defaults); (parameter, fewest, most) of the paths given without an option; the work,
# module:function, imported only when it runs.
QuickCommand = NamedTuple(  # noqa: UP014 - the call form on purpose (above)
    "QuickCommand",
    [
        ("options", dict[str, tuple[str, str]]),
        ("defaults", dict[str, object]),
        ("arguments", tuple[str, int, int]),
        ("work", str),
    ],
)


QUICK_COMMANDS = {
    "validate": QuickCommand(
        options={
            "--format": ("output_format", TEXT),
            "-f": ("output_format", TEXT),
            "--date": ("reference_date", TEXT),
            "--strict": ("strict", FLAG),
            "--bloquant": ("blocking", TEXT),
            "--schema-seulement": ("schema_only", FLAG),
            "--resume": ("summary", FLAG),
            "--jobs": ("jobs", COUNT),
            "-j": ("jobs", COUNT),
            "--config": ("config", PATH),
            "--tableau": ("table_path", PATH),
        },
        defaults={
            "output_format": None,
            "reference_date": None,
            "strict": False,
            "blocking": None,
            "schema_only": False,
            "summary": False,
            "jobs": 0,
            "config": None,
            "table_path": None,
        },
        arguments=("paths", 0, 1 << 30),
        work="cptsplan.cli.validation:validate_plans",
    ),
    "render": QuickCommand(
        options={
            "--format": ("formats", REPEATED),
            "-f": ("formats", REPEATED),
            "--output": ("output", PATH),
            "-o": ("output", PATH),
            "--edition": ("edition", TEXT),
            "-e": ("edition", TEXT),
            "--brouillon": ("draft", FLAG),
            "--templates": ("templates", PATH),
            "--date": ("reference_date", TEXT),
            "--depuis": ("since", TEXT),
            "--annexe": ("annexe", TEXT),
            "-a": ("annexe", TEXT),
        },
        defaults={
            "formats": None,
            "output": None,
            "edition": None,
            "draft": False,
            "templates": None,
            "reference_date": None,
            "since": None,
            "annexe": None,
        },
        arguments=("plan", 1, 1),
        work="cptsplan.cli.rendering:render_documents",
    ),
    "update": QuickCommand(
        options={
            "--ecrire": ("write", FLAG),
            "--dry-run": ("write", FLAG_OFF),
            "--version": ("version", TEXT),
            "--majeure": ("major", FLAG),
            "--date": ("reference_date", TEXT),
            "--forcer": ("force", FLAG),
        },
        defaults={
            "write": False,
            "version": None,
            "major": False,
            "reference_date": None,
            "force": False,
        },
        arguments=("plan", 1, 1),
        work="cptsplan.cli.updating:start_update",
    ),
}


def quick_call(
    args: Sequence[str], *, windows: bool = os.name == "nt"
) -> tuple[str, dict[str, Any]] | None:
    """The work function and its arguments for the command line `cptsplan ARGS...`, or None
    when typer must read it (module doc). Options may come before, between or after the
    paths, and the last of a repeated option counts, as in typer."""
    if not args or (windows and any(_expanded_on_windows(arg) for arg in args)):
        return None
    command = QUICK_COMMANDS.get(command_name(args[0]))
    if command is None:
        return None
    call = _read(command, args[1:])
    return None if call is None else (command.work, call)


def _expanded_on_windows(arg: str) -> bool:
    """Whether typer would rewrite `arg` on Windows, where no shell expands a command line:
    it expands `~`, environment variables (%USERPROFILE%, $HOME) and wildcards (`plans\\*`)
    in every argument before reading them. Such a line is left to typer, so that it means
    the same either way."""
    return any(character in arg for character in "~$%*?[")


def _read(command: QuickCommand, args: Sequence[str]) -> dict[str, Any] | None:
    call: dict[str, Any] = dict(command.defaults)
    paths: list[Path] = []
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        if not arg:
            return None  # an empty path: typer's reading of it is the one that counts
        if not arg.startswith("-"):
            paths.append(Path(arg))
            continue
        if arg not in command.options:
            return None
        parameter, kind = command.options[arg]
        if kind in (FLAG, FLAG_OFF):
            call[parameter] = kind == FLAG
            continue
        if position == len(args):
            return None  # a missing value: typer says so
        value = args[position]
        position += 1
        if not value or value.startswith("-"):
            return None  # typer decides whether « -x » is a value or a forgotten one
        if kind == COUNT:
            if not (value.isascii() and value.isdigit()):
                return None  # typer explains a count that is not one
            call[parameter] = int(value)
        elif kind == REPEATED:
            call[parameter] = [*(call[parameter] or []), value]
        else:
            call[parameter] = Path(value) if kind == PATH else value
    name, fewest, most = command.arguments
    if not fewest <= len(paths) <= most:
        return None  # typer says what is missing, or what is one too many
    call[name] = paths[0] if most == 1 else (paths or None)
    return call


def quick_command(args: Sequence[str]) -> Callable[[], None] | None:
    """The command to run for `cptsplan ARGS...` without typer, or None (module doc)."""
    found = quick_call(args)
    if found is None:
        return None
    work, call = found

    def command() -> None:
        from cptsplan.cli.console import printable_streams
        from cptsplan.cli.ending import command_edge

        module, function = work.split(":")
        printable_streams()  # as application.main: never a UnicodeEncodeError
        with command_edge():
            getattr(importlib.import_module(module), function)(**call)

    return command
