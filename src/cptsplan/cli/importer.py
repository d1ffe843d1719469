"""`cptsplan import DOCUMENT [-o DOSSIER] [--forcer]` (French: `importer`): a Word or
LibreOffice plan turned into a plan repository (the core is cptsplan.importer)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from cptsplan.cli.common import as_argument, exit_on_error, interrupted_exit


def import_plan(
    document: Annotated[
        Path,
        typer.Argument(
            metavar="DOCUMENT",
            help="Le plan à importer : un document Word (.docx) ou LibreOffice (.odt).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--sortie",
            "-o",
            metavar="DOSSIER",
            help="Dossier du dépôt à créer (par défaut : le nom du document sans extension).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--forcer", help="Remplace le contenu du dossier s'il n'est pas vide."),
    ] = False,
) -> None:
    """Importe un plan SSE écrit sous Word ou LibreOffice : crée un dépôt de plan (comme
    « cptsplan init ») rempli à partir du document, en brouillon, avec « A_COMPLETER » là
    où le document ne dit rien, et un rapport d'import (RAPPORT-IMPORT.md).

    Rien n'est inventé ni perdu : le texte que l'import ne sait pas ranger est gardé dans
    plan/texte-importe.yaml. Un dossier existant non vide est refusé (sauf --forcer).

    Codes de sortie : 0 = importé ; 2 = document refusé (.doc, .pdf, macros, fichier piégé)
    ou dossier refusé ; 4 = le dépôt n'a pas pu être écrit (disque plein, dossier refusé :
    rien n'est écrit) ; 130 ou 143 = interrompu (aucun dossier à moitié écrit).
    """
    from cptsplan.files.output import check_name
    from cptsplan.importer.build import import_document, repository_files
    from cptsplan.importer.writer import check_target, write_repository
    from cptsplan.repository.skeleton import start_history

    folder = output if output is not None else document.with_suffix("")
    # SIGTERM too: the writer removes its hidden « .mon-plan.import-… » folder (a copy of
    # the plan, personal data) instead of leaving it beside the output.
    stopped = "interrompu : aucun dossier à moitié écrit ni dossier temporaire ne reste"
    with exit_on_error(), interrupted_exit(stopped):
        # A name no system accepts, or one Windows refuses (the repository's clones break):
        # refused before the document is read, like `init` does.
        check_name(folder, "dossier", "-o")
        check_target(folder, force)
        imported = import_document(document)
        files = repository_files(imported, date.today())
        leftover = write_repository(folder, files, force)
    typer.echo(imported.report)
    if leftover is not None:
        typer.echo(
            f"l'ancien contenu de {folder} a été mis de côté dans {leftover}, mais n'a pas pu "
            "être effacé : supprimez ce dossier vous-même",
            err=True,
        )
    # As `init` does: the repository's history starts with what the import wrote, so that
    # `update` and `diff` work and every later correction shows against the imported text.
    message = f"Plan SSE : dépôt créé par cptsplan import de {document.name}"
    typer.echo(start_history(folder, sorted(files), message))
    typer.echo(
        f"Dépôt créé : {folder}. Étape suivante : « cptsplan validate {as_argument(folder)} "
        "--resume »."
    )
