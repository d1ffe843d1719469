"""`cptsplan validate` as a pre-commit hook or a CI job runs it, without the framework.

Importing typer (and the click it carries) costs about 30 ms of processor time, more than
reading the whole example plan with libyaml: a third of a `validate`, paid at every commit.
When the command line is a plain `validate` (its options each written out in full, values
that do not look like options), it is read here and the command's work
(validation.validate_plans) runs directly. Anything else (`--help`, a mistake, `--format=json`,
`-fjson`, `--`, another command) returns None and goes to typer, which reads and explains it:
this reading never refuses anything, it only steps aside.

VALIDATE_OPTIONS must be exactly the options of validate.py's command:
tests/test_quick_command.py compares both (names and whether each takes a value) and checks
that both readings of many command lines make the same call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

from cptsplan.cli.names import command_name

VALIDATE_OPTIONS: dict[str, tuple[str, type]] = {
    "--format": ("output_format", str),
    "-f": ("output_format", str),
    "--date": ("reference_date", str),
    "--strict": ("strict", bool),
    "--bloquant": ("blocking", str),
    "--schema-seulement": ("schema_only", bool),
    "--resume": ("summary", bool),
    "--jobs": ("jobs", int),
    "-j": ("jobs", int),
    "--config": ("config", Path),
    "--tableau": ("table_path", Path),
}
"""Option -> (parameter of validate_plans, what its value is; bool: a flag)."""

VALIDATE_DEFAULTS: dict[str, object] = {
    "output_format": None,
    "reference_date": None,
    "strict": False,
    "blocking": None,
    "schema_only": False,
    "summary": False,
    "jobs": 0,
    "config": None,
    "table_path": None,
}


def quick_call(args: Sequence[str]) -> dict[str, object] | None:
    """The arguments of validate_plans for the command line `cptsplan ARGS...`, or None when
    typer must read it (module doc). Options may come before, between or after the paths,
    and the last of a repeated option counts, as in typer."""
    if not args or command_name(args[0]) != "validate":
        return None
    return _validate_call(args[1:])


def _validate_call(args: Sequence[str]) -> dict[str, object] | None:
    call = dict(VALIDATE_DEFAULTS)
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
        if arg not in VALIDATE_OPTIONS:
            return None
        parameter, kind = VALIDATE_OPTIONS[arg]
        if kind is bool:
            call[parameter] = True
            continue
        if position == len(args):
            return None  # a missing value: typer says so
        value = args[position]
        position += 1
        if not value or value.startswith("-"):
            return None  # typer decides whether « -x » is a value or a forgotten one
        if kind is int:
            if not (value.isascii() and value.isdigit()):
                return None  # typer explains a count that is not one
            call[parameter] = int(value)
        else:
            call[parameter] = kind(value)
    call["paths"] = paths or None
    return call


def quick_command(args: Sequence[str]) -> Callable[[], None] | None:
    """The command to run for `cptsplan ARGS...` without typer, or None (module doc)."""
    call = quick_call(args)
    if call is None:
        return None

    def command() -> None:
        from cptsplan.cli.console import printable_streams
        from cptsplan.cli.ending import command_edge
        from cptsplan.cli.validation import validate_plans

        printable_streams()  # as application.main: never a UnicodeEncodeError
        with command_edge():
            validate_plans(**cast("dict[str, Any]", call))

    return command
