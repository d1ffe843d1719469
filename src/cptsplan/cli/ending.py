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
    disk behind `> rapport.sarif`), a French message and exit 4; a defect of cptsplan itself,
    a French message and exit 5 (`exit_internal`). Never a traceback."""
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
            exit_internal(error)
        exit_output_full(error)
    except Exception as error:  # a defect: reported, never a traceback (see exit_internal)
        exit_internal(error)


TRACE_VARIABLE = "CPTSPLAN_TRACE"


def exit_internal(error: BaseException) -> NoReturn:
    """A defect of cptsplan (an error no command turned into its French message): a
    coordinator must not meet a Python traceback, and CI must not read it as the plan's
    problems (1). The message names the error and the line of cptsplan where it arose, what
    the report needs; `CPTSPLAN_TRACE=1` gives the whole traceback to whoever fixes it.
    Documents are written aside and renamed (files/output.py): none is left half written."""
    if os.environ.get(TRACE_VARIABLE):
        raise error
    import traceback

    from cptsplan.errors import ExitCode

    paths = [
        (frame.filename.replace("\\", "/"), frame.lineno)
        for frame in traceback.extract_tb(error.__traceback__)
    ]
    ours = [(path, line) for path, line in paths if "/cptsplan/" in path]
    where = ""
    if ours:  # the innermost line of cptsplan's own code, from its package folder on
        path, line = ours[-1]
        where = f" ({path[path.rfind('/cptsplan/') + 1 :]}:{line})"
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(
            f"erreur interne de cptsplan : {type(error).__name__}: {error}"[:400]
            + f"{where}\naide : c'est un défaut de cptsplan, pas de votre plan ; aucun document "
            "n'a été laissé à moitié écrit. Signalez-le avec la commande lancée (sans données "
            f"personnelles) ; {TRACE_VARIABLE}=1 affiche le détail.\n"
        )
        sys.stderr.flush()
    sys.exit(int(ExitCode.INTERNAL))
