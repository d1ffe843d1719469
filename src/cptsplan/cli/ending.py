"""How a `cptsplan` process ends: the command's exit code, the output streams flushed, then
out at once, without the interpreter's teardown.

Tearing down takes every module and object of the run apart one by one (the plan, its
positions, the schema, the compiled patterns): about 35 ms of processor time after a render,
a fifth of a `validate`, for memory the system takes back anyway. By the time the command
returns, every file is written and closed, every temporary folder and child process is gone
(`with` blocks, files/processes.py), and nothing of cptsplan waits for an exit hook: only the
output streams are left to flush. Code that calls a command in a process of its own (tests)
keeps Python's ordinary exit.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import NoReturn


def run_to_the_end(command: Callable[[], object]) -> NoReturn:
    """Run `command` (which exits by SystemExit, or returns for 0), then leave the process
    with its code (module doc)."""
    try:
        command()
        code = 0
    except SystemExit as leaving:
        code = exit_status(leaving.code)
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (`| head`): nothing more to say.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def exit_status(code: object) -> int:
    """What Python makes of `sys.exit(code)`: None is 0, a number is itself, anything else
    is printed on the error output and gives 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF  # what the system keeps of it, as a normal exit does
    print(code, file=sys.stderr)
    return 1


INTERRUPTED = "interrompu"


@contextlib.contextmanager
def command_edge() -> Iterator[None]:
    """Around a whole command, what typer's reading of a command line does too (french.py),
    so that both ways end alike: Ctrl+C is « interrompu » and exit 130; the end of the input
    while a command reads it, « interrompu » and exit 1; a reader of the output gone away
    (`| head`), a silent exit 1; the command's own output that could not be written (a full
    disk behind `> rapport.sarif`), a French message and exit 4. Never a traceback."""
    from cptsplan.cli.console import exit_output_full, output_full

    try:
        yield
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr, flush=True)
        sys.exit(130)
    except EOFError:
        print(f"\n{INTERRUPTED}", file=sys.stderr, flush=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(1)  # nobody reads any more: nothing to say (the final flush is silent too)
    except OSError as error:
        if not output_full(error):
            raise
        exit_output_full(error)
