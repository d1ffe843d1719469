"""`cptsplan diff`: what changed between two versions of a plan (the core is cptsplan.diff)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cptsplan.cli.common import exit_on_error, located
from cptsplan.errors import UsageError


def diff(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PLAN...",
            help="ANCIEN NOUVEAU (deux fichiers ou dossiers de plan), ou un seul PLAN "
            "comparé à une version de son dépôt git (--depuis, ou par défaut la dernière "
            "version transmise à l'ARS).",
            show_default=False,
        ),
    ],
    since: Annotated[
        str | None,
        typer.Option(
            "--depuis",
            metavar="RÉVISION",
            help="Révision git de la version de base (HEAD~1, une étiquette v2025, un "
            "commit). Par défaut : le dernier commit où document.version valait la version "
            "inscrite comme transmise à l'ARS dans document.transmissions.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Format de sortie : text (terminal, en couleur), markdown (commentaire de "
            "merge request) ou json (forme décrite dans docs/diff-json.md).",
        ),
    ] = "text",
    edition: Annotated[
        str,
        typer.Option(
            "--edition",
            metavar="ÉDITION",
            help="interne (valeurs affichées) ou diffusable (aucune coordonnée de "
            "l'annuaire : « coordonnées modifiées » sans les valeurs).",
        ),
    ] = "interne",
    mask: Annotated[
        bool,
        typer.Option(
            "--sans-coordonnees",
            help="Dans l'édition interne aussi, signale les téléphones, courriels, adresses "
            "MSSanté et postales modifiés sans en montrer les valeurs.",
        ),
    ] = False,
) -> None:
    """Montre ce qui a changé entre deux versions d'un plan, thème par thème et section par
    section : éléments ajoutés, supprimés, modifiés (texte mot à mot), identifiants renommés.
    Les éléments à identifiant (réponses, fiches, annuaire...) sont rapprochés par leur
    identifiant : un élément déplacé n'est pas « supprimé puis ajouté ».

    Exemples : cptsplan diff plan/ (depuis la version transmise à l'ARS) ;
    cptsplan diff --depuis HEAD~1 plan/ ; cptsplan diff ancien/ nouveau/ -f markdown.

    Codes de sortie : 0 = comparaison faite (avec ou sans modifications) ;
    2 = mauvaise utilisation (chemin ou révision introuvable, pas de dépôt git).
    """
    from cptsplan.diff import diff_paths, diff_since
    from cptsplan.diff.reporters import REPORTERS, text

    with exit_on_error():
        if output_format not in REPORTERS:
            raise UsageError(
                f"format de sortie inconnu : {output_format}",
                "formats possibles : text, markdown, json",
            )
        if len(paths) == 2 and since is None:
            old, new = (located(path)[0] for path in paths)
            result = diff_paths(old, new, edition, mask)
        elif len(paths) == 1:
            result = diff_since(located(paths[0])[0], since, edition, mask)
        else:
            raise UsageError(
                "donnez deux plans (ANCIEN NOUVEAU), ou un plan avec --depuis RÉVISION",
                "exemples : cptsplan diff ancien/ nouveau/ ; cptsplan diff --depuis HEAD~1 plan/",
            )
    if output_format == "text":
        from cptsplan.cli.console import colours

        sys.stdout.write(text(result, color=colours(sys.stdout)))
    else:
        from cptsplan.cli.console import write_report

        write_report(REPORTERS[output_format](result), output_format)
