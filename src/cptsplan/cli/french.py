"""The command-line framework's own texts in French: help layout and usage mistakes.

typer 0.28 ships its own copy of click whose texts are English and written in the code (no
gettext catalogue can reach them), so they are replaced where they are produced, by the
classes typer lets an application choose (`cls=`): a help formatter for the headings, the
usage line and the « [default: …] » notes; a group that names unknown commands in French,
with a suggestion (French command names included), and that prints every usage mistake
(missing argument, unknown option, bad value) as `erreur : …` / `aide : …`, like the
other errors of cptsplan, with exit code 2.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from functools import cache
from typing import Any, NoReturn

import typer
from typer import _click as click
from typer.core import TyperCommand, TyperGroup

from cptsplan.cli.ending import INTERRUPTED
from cptsplan.cli.names import FRENCH_NAMES, command_name

HELP_OPTION_TEXT = "Affiche cette aide et quitte."
HEADINGS = {"Options": "Options", "Commands": "Commandes", "Arguments": "Arguments"}
USAGE_PREFIX = "Utilisation : "


_RANGE = [
    (r"^(-?\d+)<=x<=(-?\d+)$", r"de \1 à \2"),
    (r"^x>=(-?\d+)$", r"au moins \1"),
    (r"^x<=(-?\d+)$", r"au plus \1"),
    (r"^x>(-?\d+)$", r"plus de \1"),
    (r"^x<(-?\d+)$", r"moins de \1"),
]
_NOTES = r"\[([^\[\]]*)\]\s*$"
# The patterns are compiled on first use: `cptsplan --help` starts without compiling them.


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _range(text: str) -> str:
    for pattern, french in _RANGE:
        if _compiled(pattern).match(text):
            return _compiled(pattern).sub(french, text)
    return text


def _note(part: str) -> str:
    part = part.strip()
    if part == "required":
        return "obligatoire"
    if part.startswith("default: "):
        return "par défaut : " + part.removeprefix("default: ")
    if part.startswith("env var: "):
        return "variable d'environnement : " + part.removeprefix("env var: ")
    return _range(part)


def french_notes(text: str) -> str:
    """`… [default: 0; x>=0]` -> `… [par défaut : 0 ; au moins 0]` (the notes typer adds at
    the end of an option's help)."""
    match = _compiled(_NOTES).search(text)
    if match is None:
        return text
    parts = " ; ".join(_note(part) for part in match.group(1).split(";"))
    return text[: match.start()] + f"[{parts}]"


class FrenchHelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE_PREFIX if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        # French puts a space before the colon.
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)} :\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(term, french_notes(text)) for term, text in rows], col_max, col_spacing)


class FrenchContext(typer.Context):
    formatter_class = FrenchHelpFormatter


def _french_help_option(option: Any) -> Any:
    if option is not None:
        option.help = HELP_OPTION_TEXT
    return option


class FrenchCommand(TyperCommand):
    context_class = FrenchContext

    def get_help_option(self, ctx: click.Context) -> Any:
        return _french_help_option(super().get_help_option(ctx))


class FrenchGroup(TyperGroup):
    context_class = FrenchContext

    def get_help_option(self, ctx: click.Context) -> Any:
        return _french_help_option(super().get_help_option(ctx))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # typer makes Ctrl+C a silent exit 130: « interrompu » is said, as a command
            # read without typer says it (ending.command_edge).
            typer.echo(INTERRUPTED, err=True)
            raise typer.Exit(130) from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        # A sub-command's own name first: `annuaire importer` is not the command `import`.
        own = super().get_command(ctx, cmd_name)
        if own is not None:
            return own
        return super().get_command(ctx, command_name(cmd_name))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        unknown = self.get_command(ctx, name) is None and not name.startswith("-")
        if unknown and not ctx.resilient_parsing:
            raise click.exceptions.UsageError(unknown_command(name, self.list_commands(ctx)), ctx)
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            # Not standalone: typer returns the exit code of `typer.Exit` and lets the
            # framework's own errors through, to be printed here in French.
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            typer.echo(error.format_message(), err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            show_error(error)
        except typer.Abort:
            typer.echo(INTERRUPTED, err=True)
            sys.exit(1)
        # A full disk behind the output: said by ending.command_edge, around both paths.
        sys.exit(code if isinstance(code, int) else 0)


def unknown_command(name: str, commands: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name.casefold(), [*commands, *FRENCH_NAMES], n=1)
    message = f"commande inconnue : {name}"
    if close:
        message += f" (vouliez-vous dire « {FRENCH_NAMES.get(close[0], close[0])} » ?)"
    return message


_MESSAGES = [
    (
        r"^'(.*)' is not a valid (?:integer|int range)\.$",
        r"« \1 » n'est pas un nombre entier",
    ),
    (r"^'(.*)' is not a valid float\.$", r"« \1 » n'est pas un nombre"),
    (r"^'(.*)' is not a valid boolean\..*$", r"« \1 » n'est ni oui ni non"),
    (r"^(.*) is not in the range (.*)\.$", None),
    (r"^Option '(.*)' requires an argument\.$", r"l'option \1 attend une valeur"),
    (
        r"^Option '(.*)' requires (\d+) arguments\.$",
        r"l'option \1 attend \2 valeurs",
    ),
    (
        r"^Option '(.*)' does not take a value\.$",
        r"l'option \1 ne prend pas de valeur",
    ),
    (
        r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$",
        r"argument(s) en trop : \1",
    ),
    (r"^Argument '(.*)' takes (\d+) values\.$", r"l'argument \1 attend \2 valeurs"),
]


def french_message(message: str) -> str:
    """The framework's English sentence in French, or as it is if it is not known."""
    for pattern, french in _MESSAGES:
        match = _compiled(pattern).match(message)
        if match is None:
            continue
        if french is None:  # the range message
            return f"{match.group(1)} n'est pas accepté : {_range(match.group(2))}"
        return match.expand(french)
    return message


def _param_name(error: click.exceptions.BadParameter) -> str:
    """`--jobs` for an option (its long name), the metavar for an argument."""
    param = error.param
    if param is None:
        hint = error.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint or ())
    if param.param_type_name == "option":
        return max(param.opts, key=len)
    return param.human_readable_name


def error_text(error: click.ClickException) -> str:
    if isinstance(error, click.exceptions.MissingParameter):
        option = error.param_type == "option" or (
            error.param is not None and error.param.param_type_name == "option"
        )
        kind = "l'option" if option else "l'argument"
        return f"il manque {kind} {_param_name(error)}".rstrip()
    if isinstance(error, click.exceptions.BadParameter):
        name = _param_name(error)
        detail = french_message(error.message)
        return f"valeur refusée pour {name} : {detail}" if name else f"valeur refusée : {detail}"
    if isinstance(error, click.exceptions.NoSuchOption):
        text = f"option inconnue : {error.option_name}"
        if error.possibilities:
            choices = ", ".join(f"« {name} »" for name in sorted(error.possibilities))
            text += f" (vouliez-vous dire {choices} ?)"
        return text
    return french_message(error.message)


def show_error(error: click.ClickException) -> NoReturn:
    """`erreur : …` then the command's usage and where to find its help (exit code 2)."""
    from cptsplan.privacy.safetext import log_line

    typer.echo(log_line(f"erreur : {error_text(error)}"), err=True)
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
        typer.echo(log_line(f"utilisation : {ctx.command_path} {pieces}"), err=True)
        typer.echo(log_line(f"aide : {ctx.command_path} --help"), err=True)
    sys.exit(error.exit_code)
