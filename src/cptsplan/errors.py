"""One error hierarchy for conditions that stop a command, turned into exit codes at the CLI edge.

Problems found *in a plan* are not exceptions: they are `Problem` values (see problems.py) and
give exit code 1. The exceptions below are for everything that prevents the work itself.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes (README, `--help`)."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2
    CONFIGURATION = 3
    RENDERING = 4
    INTERNAL = 5
    """A defect of cptsplan itself (cli/ending.command_edge): said in French, never a
    traceback, and told apart from the plan's problems (1) that CI reads."""


class CptsplanError(Exception):
    """Root of every error that stops a command. The message is French and user-facing."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(CptsplanError):
    """Wrong command-line use: missing path, unknown option value..."""

    exit_code = ExitCode.USAGE


class ConfigurationError(CptsplanError):
    """A broken `.cptsplan.yaml` or a broken custom template."""

    exit_code = ExitCode.CONFIGURATION


class RenderingError(CptsplanError):
    """Pandoc or Typst failed, or the output could not be written."""

    exit_code = ExitCode.RENDERING
