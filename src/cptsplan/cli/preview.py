"""`cptsplan preview [PLAN]` (`apercu`): the document as the coordinator writes it.

One process watches the plan's files (preview/watch.py) and, a moment after each save,
checks the plan and rewrites its PDF (and its HTML, if asked) in place (preview/refresh.py),
printing one line per refresh. Ctrl-C stops it: exit 130, nothing left in the temporary
folders (the Typst folder and any half-written document are removed, as by `render`).
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cptsplan.cli.common import exit_interrupted, exit_on_error
from cptsplan.cli.options import ReferenceDate
from cptsplan.errors import UsageError
from cptsplan.messages.dates import parse_reference_date

if TYPE_CHECKING:
    from cptsplan.preview.refresh import Settings

POLL_SECONDS = 0.25
"""How often the files are looked at (a walk of a plan folder: well under a millisecond)."""
QUIET_SECONDS = 0.3
"""How long nothing must change before a refresh: a `git checkout` gives one, not ten."""
RETRY_SECONDS = 2.0
"""After a document could not be replaced (a viewer locks it on Windows)."""
PREVIEW_FORMATS = ("pdf", "html")


def preview(
    plan: Annotated[
        Path | None,
        typer.Argument(
            metavar="PLAN",
            help="Dossier du plan (ou du dépôt, ou fichier .yaml). Sans chemin : le dossier "
            "« plan: » de .cptsplan.yaml, sinon plan/ s'il existe, sinon le dossier courant.",
            show_default=False,
        ),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="pdf (par défaut) ou html ; répéter l'option pour les deux.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="CHEMIN",
            help="Nom de base des documents, ou dossier existant. Par défaut : "
            "build/apercu.pdf (et .html) dans le dossier du plan.",
            show_default=False,
        ),
    ] = None,
    edition: Annotated[
        str | None,
        typer.Option(
            "--edition",
            "-e",
            metavar="ÉDITION",
            help="interne ou diffusable ; par défaut, la classification du plan.",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DOSSIER",
            help="Dossier de gabarits personnalisés (comme pour render).",
            show_default=False,
        ),
    ] = None,
    reference_date: ReferenceDate = None,
) -> None:
    """Aperçu en direct : à chaque enregistrement d'un fichier du plan, vérifie le plan et
    réécrit son PDF (et son HTML si demandé) à la même place ; une ligne par mise à jour.

    Tant que le YAML est cassé ou que le plan ne respecte pas le schéma, le document
    précédent reste en place et la première erreur est affichée. Un plan dont seules les
    règles de conformité trouvent des erreurs est produit en brouillon. Ctrl-C arrête
    l'aperçu (code 130). Codes de sortie : 2 = mauvaise utilisation ; 3 = configuration.
    """
    from cptsplan.cli.rendering import check_edition, check_paths, parse_formats
    from cptsplan.files import processes
    from cptsplan.files.reasons import check_path_length
    from cptsplan.privacy.safetext import log_line

    with exit_on_error():
        chosen = tuple(parse_formats(formats or ["pdf"]))
        refused = [fmt for fmt in chosen if fmt not in PREVIEW_FORMATS]
        if refused:
            raise UsageError(
                f"l'aperçu ne produit pas le format {refused[0]}",
                "formats de l'aperçu : pdf, html (les autres : cptsplan render)",
            )
        check_edition(edition)
        plan_path = _resolve(plan)
        check_paths(plan_path, templates)
        if output is not None:
            check_path_length(output)  # a name no system accepts: said before any work
        today = parse_reference_date(reference_date)
        settings = _settings(plan_path, chosen, output, edition, templates, today)
    try:
        with processes.interruptible():
            _watch(settings, plan)
    except (processes.Interrupted, KeyboardInterrupt) as interruption:
        # Typst's folder, a half-written document: removed; then out at once.
        exit_interrupted(interruption, log_line("aperçu arrêté"))


def _resolve(plan: Path | None) -> Path:
    """The plan folder as `validate` finds it: from a repository folder, its `plan:` folder
    (.cptsplan.yaml) or plan/; a plan folder or file as it is."""
    from cptsplan.api import default_paths

    if plan is None:
        return default_paths()[0]
    from cptsplan.repository.location import locate_plan

    # As every command reads PLAN: a folder that holds no plan is said so (exit 2), not
    # watched for ever with « no YAML file » as a plan error.
    return locate_plan(plan).plan


def _settings(
    plan: Path,
    formats: tuple[str, ...],
    output: Path | None,
    edition: str | None,
    templates: Path | None,
    today: date | None,
) -> Settings:
    from cptsplan.files.output import check_folder_inside
    from cptsplan.load.figures import plan_folder
    from cptsplan.preview.refresh import Settings

    if output is None:
        folder = plan_folder(plan)
        check_folder_inside(folder / "build", folder)
    return Settings(plan, str(plan), formats, output, edition, templates, today)


def _followed(settings: Settings, plan: Path | None) -> Settings | None:
    """The settings for the plan `plan` (as given on the command line) names now, when it
    is no longer the one watched: the `plan:` of `.cptsplan.yaml` was changed while the
    preview ran. None when it still names the same plan. Raises CptsplanError when the
    configuration, being edited, names no plan that can be read."""
    moved = _resolve(plan)
    if moved == settings.plan:
        return None
    from cptsplan.cli.rendering import check_paths

    check_paths(moved, settings.templates)
    return _settings(
        moved, settings.formats, settings.output, settings.edition, settings.templates,
        settings.today,
    )  # fmt: skip


def _watch(settings: Settings, plan: Path | None = None) -> None:
    from cptsplan.errors import CptsplanError
    from cptsplan.preview.refresh import Preview
    from cptsplan.preview.watch import Debouncer, snapshot

    preview = Preview(settings)

    def names() -> str:
        return ", ".join(str(path) for path in preview.paths.values())

    typer.echo(f"aperçu de {settings.display} → {names()} (Ctrl-C pour arrêter)")

    def state() -> dict[str, tuple[int, int]]:
        found = snapshot(preview.roots())
        for output in preview.outputs():
            found.pop(output, None)
        return found

    def follow() -> bool:
        """Whether the plan to show is known: the one watched, or the one `.cptsplan.yaml`
        names now (then watched instead, from here on)."""
        nonlocal preview
        try:
            moved = _followed(preview.settings, plan)
        except CptsplanError as error:  # a `plan:` being typed, a folder not made yet
            typer.echo(f"{time.strftime('%H:%M:%S')} document précédent conservé : {error.message}")
            return False
        if moved is None:
            return True
        preview.close()
        preview = Preview(moved)
        typer.echo(
            f"{time.strftime('%H:%M:%S')} le dossier du plan a changé (« plan: » de "
            f".cptsplan.yaml) : aperçu de {moved.display} → {names()}"
        )
        return True

    def refresh() -> bool:
        if not follow():
            return False
        try:
            done = preview.refresh()
        except UsageError:
            raise  # an output that is not a regular file: nothing will ever be written
        except CptsplanError as error:
            typer.echo(f"{time.strftime('%H:%M:%S')} {error.message}")
            return False
        typer.echo(done.line)
        sys.stdout.flush()
        return done.retry

    with exit_on_error():
        # The files as they are before the first refresh: a save made while it runs is seen.
        debouncer = Debouncer(state(), QUIET_SECONDS)
        retry = refresh()
        retry_at = time.monotonic() + RETRY_SECONDS
        while True:
            time.sleep(POLL_SECONDS)
            now = time.monotonic()
            if debouncer.observe(state(), now) or (retry and now >= retry_at):
                watched = preview
                retry = refresh()
                retry_at = time.monotonic() + RETRY_SECONDS
                if preview is not watched:  # the other plan's files are not a save
                    debouncer.seen = state()
