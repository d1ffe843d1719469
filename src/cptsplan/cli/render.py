"""`cptsplan render PLAN`: the plan's documents (DOCX, PDF, HTML, Markdown). Here the command
line typer reads; the command's work is rendering.render_documents (which quick.py also runs
without typer).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cptsplan.cli.options import PlanArgument, ReferenceDate
from cptsplan.cli.rendering import render_documents


def render(
    plan: PlanArgument,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Format à produire : docx, pdf, md ou html. Répéter l'option (ou séparer par "
            "des virgules) pour en produire plusieurs. Par défaut docx et pdf.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="CHEMIN",
            help="Fichier à écrire (un seul format), nom de base sans extension (plusieurs "
            "formats) ou dossier existant. Par défaut : build/plan-sse-v<version>-<édition>."
            "<ext> dans le dossier du dépôt (celui de .cptsplan.yaml), sinon du plan.",
            show_default=False,
        ),
    ] = None,
    edition: Annotated[
        str | None,
        typer.Option(
            "--edition",
            "-e",
            metavar="ÉDITION",
            help="interne (complète, avec l'annuaire de crise) ou diffusable : aucun téléphone, "
            "courriel, MSSanté ni adresse d'une entrée de l'annuaire, même recopié ailleurs "
            "(textes, titres, propriétés du document), et aucun numéro de portable (06, 07). "
            "Par défaut, la classification du plan (diffusable tant qu'elle est « A_COMPLETER »).",
            show_default=False,
        ),
    ] = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--brouillon",
            help="Produit le document même si les règles de conformité trouvent des erreurs "
            "(pas si le plan ne respecte pas le schéma) ; chaque page porte alors la mention "
            "BROUILLON. Un plan en « statut: brouillon » est toujours produit ainsi.",
        ),
    ] = False,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="DOSSIER",
            help="Dossier de gabarits personnalisés : un fichier du même nom qu'un gabarit "
            "fourni le remplace. Par défaut, le dossier templates/ à côté du plan s'il existe.",
            show_default=False,
        ),
    ] = None,
    reference_date: ReferenceDate = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--depuis",
            metavar="RÉVISION",
            help="Révision git du plan (étiquette, commit, HEAD~1...) : le document ajoute "
            "l'annexe « Modifications depuis la version X du <date> » et marque « modifié » ou "
            "« nouveau » les titres des parties changées. Pour trouver la dernière version "
            "transmise à l'ARS : « cptsplan diff PLAN ».",
            show_default=False,
        ),
    ] = None,
    annexe: Annotated[
        str | None,
        typer.Option(
            "--annexe",
            "-a",
            metavar="ANNEXE",
            help="Une annexe seule, mise en page pour l'impression : « fiches » (les fiches "
            "réflexes, une par page, en grands caractères, à afficher ou à glisser dans la "
            "mallette de crise) ou « annuaire » (l'annuaire de crise par famille d'acteurs, "
            "édition interne seulement, mention de confidentialité sur chaque page). "
            "Fichiers par défaut : build/fiches-reflexes-v<version>-<édition>.<ext>, "
            "build/annuaire-de-crise-v<version>-interne.<ext>.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Produit les documents du plan SSE (DOCX, PDF, HTML, Markdown), en édition interne ou
    diffusable.

    Codes de sortie : 0 = documents écrits ; 1 = le plan ne passe pas la validation (rien
    n'est écrit) ; 2 = mauvaise utilisation (dont une sortie qui n'est pas un fichier
    ordinaire ou qui est un fichier lu par la commande) ; 3 = gabarit personnalisé ou
    configuration en erreur ; 4 = échec de la production d'un document (les fichiers
    existants sont intacts) ; 130 ou 143 = interrompu (rien n'est remplacé). L'annuaire seul
    (--annexe annuaire) en édition diffusable est refusé (code 2).
    """
    render_documents(
        plan,
        formats=formats,
        output=output,
        edition=edition,
        draft=draft,
        templates=templates,
        reference_date=reference_date,
        since=since,
        annexe=annexe,
    )
