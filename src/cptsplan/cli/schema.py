"""`cptsplan schema`: print the plan format's JSON Schema (for an editor)."""

from __future__ import annotations

import json
from typing import Annotated

import typer


def schema(
    fragment: Annotated[
        bool,
        typer.Option(
            "--fragment",
            help="Schéma sans sections obligatoires, pour un fichier qui ne contient "
            "qu'une partie d'un plan découpé (par exemple annuaire.yaml).",
        ),
    ] = False,
) -> None:
    """Affiche le schéma JSON du format de plan (pour configurer un éditeur)."""
    from cptsplan.schema.publish import published_fragment_schema, published_schema

    document = published_fragment_schema() if fragment else published_schema()
    from cptsplan.cli.console import write_document

    write_document(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
