"""A command group that imports a command's module only when that command runs.

`cptsplan --help` lists the commands from their one-line summaries (application.py) without
importing any command module nor building its options; `cptsplan validate ...` imports
validate.py only. Start-up time is what a coordinator waits for at every command.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar

from typer import Typer
from typer import _click as click

from cptsplan.cli.french import FrenchCommand, FrenchGroup
from cptsplan.cli.names import command_name

MODULES = {"import": ("importer", "import_plan")}
"""Commands whose name is a Python keyword: module and function that hold them."""


def load_command(name: str) -> click.Command:
    """The click command of `cptsplan NAME`: the function NAME of the module cli/NAME.py."""
    from typer.main import get_command_from_info
    from typer.models import CommandInfo

    module_name, function = MODULES.get(name, (name, name))
    module = importlib.import_module(f"{__package__}.{module_name}")
    target = getattr(module, function)
    if isinstance(target, Typer):  # a command with sub-commands (cptsplan annuaire ...)
        from typer.main import get_group

        return get_group(target)
    info = CommandInfo(name=name, cls=FrenchCommand, callback=target)
    return get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)


class LazyGroup(FrenchGroup):
    summaries: ClassVar[dict[str, str]] = {}
    """Command name -> one-line summary, in the order of `cptsplan --help` (set by a
    subclass: application.py)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.summaries)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        name = command_name(cmd_name)
        if name not in self.summaries:
            return None
        if name not in self.commands:
            self.commands[name] = load_command(name)
        return self.commands[name]

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        with formatter.section("Commands"):
            formatter.write_dl(list(self.summaries.items()))
