"""Command-line interface: parse options, call the core, print through a reporter, exit.

One module per command; common.py holds the shared options and the one place where a
`CptsplanError` becomes a French message and its exit code; application.py assembles the commands.
"""

from __future__ import annotations

from cptsplan.cli.application import app, main, run

__all__ = ["app", "main", "run"]
