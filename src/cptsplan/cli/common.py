"""What the commands share: the error-to-exit-code edge, and how a PLAN argument is read.

Nothing here imports typer (the options several commands declare are in options.py), so that
a command's work can run without the framework (quick.py), nor a command module (the
commands import this one).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from cptsplan.errors import CptsplanError, UsageError


def fail(error: CptsplanError) -> NoReturn:
    """Print a CptsplanError in French on stderr and exit with its code. The message may
    quote plan data or file names: controls are shown escaped (safetext.log_line)."""
    from cptsplan.privacy.safetext import log_line

    say(log_line(f"erreur : {error.message}"))
    if error.hint:
        say(log_line(f"aide : {error.hint}"))
    raise SystemExit(int(error.exit_code))


def say(message: str) -> None:
    """One line on the error output, at once (what typer.echo(err=True) did, without the
    framework: the streams are already safe for any console encoding, console.py)."""
    print(message, file=sys.stderr, flush=True)


@contextmanager
def exit_on_error() -> Iterator[None]:
    """The one place where a `CptsplanError` becomes a French message and its exit code."""
    try:
        yield
    except CptsplanError as error:
        fail(error)


def exit_interrupted(interruption: BaseException, message: str) -> NoReturn:
    """The end of a command stopped by Ctrl+C or a signal (processes.Interrupted): child
    processes killed, private folders and temporary files removed (processes.abort),
    `message` on stderr, then out at once with the signal's exit code (130 for Ctrl+C),
    without waiting for a Typst compile that may run in a worker thread."""
    from cptsplan.files import processes

    processes.abort()
    say(message)
    sys.stdout.flush()
    sys.stderr.flush()
    code = interruption.exit_code if isinstance(interruption, processes.Interrupted) else 130
    os._exit(code)


@contextmanager
def interrupted_exit(message: str) -> Iterator[None]:
    """The command's work, ended by `exit_interrupted(message)` on Ctrl+C or SIGTERM: the
    temporary files beside its outputs are removed, then exit 130 / 143. A signal during a
    final rename is acted upon once it is done (files.output): a file is whole or absent."""
    from cptsplan.files import processes

    try:
        with processes.interruptible():
            yield
    except (processes.Interrupted, KeyboardInterrupt) as interruption:
        exit_interrupted(interruption, message)


def usage(message: str, hint: str | None = None) -> NoReturn:
    """Stop on a usage mistake (exit 2)."""
    fail(UsageError(message, hint))


def as_argument(path: Path | str) -> str:
    """`path` as it must be typed in a command we suggest: between double quotes when it
    holds a space or a character a shell would read (« Mes Documents/plan SSE »). Double
    quotes work alike in cmd.exe, PowerShell and POSIX shells for such names."""
    text = str(path)
    if text and not any(c.isspace() or c in "&|;<>()$`'\"!*?[]{}#~%^" for c in text):
        return text
    return f'"{text}"'


def located(plan: Path) -> tuple[Path, Path]:
    """The PLAN argument as every command reads it (repository/location.py: the folder its
    `.cptsplan.yaml` names, else `plan/`, else the folder) and the repository folder whose
    `build/` receives default documents. A usage or configuration mistake exits here."""
    from cptsplan.repository.location import locate_plan

    with exit_on_error():
        location = locate_plan(plan)
    return location.plan, location.home
