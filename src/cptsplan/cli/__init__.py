"""Command-line interface: parse options, call the core, print through a reporter, exit.

One module per command (typer's declaration of its options); common.py holds the one place
where a `CptsplanError` becomes a French message and its exit code, options.py the options
several commands share; application.py assembles the commands.

`run` is the `cptsplan` command (console script and `python -m cptsplan`); `app` and `main`
(application.py) are imported on first use, so that `run` sets the garbage collector before
typer and the rest are imported, and runs a plain `validate`, `render` or `update` without
typer at all (quick.py).
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from cptsplan.cli.application import app, main

__all__ = ["app", "main", "run"]

COLLECT_EVERY = 50_000
"""Net allocations between two young-generation collections for a command's whole life
(Python's default: 700). Importing typer, the command and the checker creates objects that
live until the process ends, and reading a plan many more that reference counting frees: at
700, a `validate` of the complete example collected 37 times, walking the same live objects
again and again (about 6 % of its processor time); at 50,000, not once. Collections are rarer,
not off, so that a long run (200 plans, `apercu` for hours) still frees its reference
cycles: memory stays bounded. api.check already checked plans at this rate
(api.COLLECT_EVERY, not imported here: api is heavy, and `--help` does not need it)."""


def run() -> NoReturn:
    """The `cptsplan` command: rarer collections, then the command (quick.py for a plain
    `validate`, `render` or `update`, else the typer application), then out at once
    (ending.run_to_the_end)."""
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, COLLECT_EVERY), *older)
    from cptsplan.cli.ending import run_to_the_end
    from cptsplan.cli.quick import quick_command

    command = quick_command(sys.argv[1:])
    if command is not None:
        run_to_the_end(command)
    from cptsplan.cli.application import main

    run_to_the_end(main)


def __getattr__(name: str) -> object:
    if name in ("app", "main"):
        from cptsplan.cli import application

        return getattr(application, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
