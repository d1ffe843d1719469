"""The options and arguments several commands take, declared once so that their name,
metavar and help stay the same everywhere (typer's declarations: only the command modules
that typer builds import this one)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ReferenceDate = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="AAAA-MM-JJ",
        help="Date de référence des règles sur les délais (AAAA-MM-JJ ; par défaut "
        "aujourd'hui), pour des résultats reproductibles en intégration continue.",
        show_default=False,
    ),
]
"""`validate --date` and `render --date`: the day the time rules count from."""

PlanArgument = Annotated[
    Path,
    typer.Argument(
        metavar="PLAN",
        help="Dossier du dépôt créé par « cptsplan init » (le plan est le dossier que nomme "
        "son .cptsplan.yaml, sinon son dossier plan/), dossier dont les fichiers .yaml "
        "forment le plan, ou fichier du plan.",
        show_default=False,
    ),
]
"""The one plan a command works on (`render`, `update`, `annuaire exporter`): read through
`located`, as `validate` reads a folder."""
