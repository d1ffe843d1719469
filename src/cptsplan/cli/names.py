"""The names a command may be typed under: its own (validate) or a French one (valider).

Kept apart from the framework (no typer here) so that quick.py recognises a command as the
command group does."""

from __future__ import annotations

FRENCH_NAMES = {
    "valider": "validate",
    "verifier": "validate",
    "vérifier": "validate",
    "produire": "render",
    "regles": "rules",
    "règles": "rules",
    "schéma": "schema",
    "initialiser": "init",
    "comparer": "diff",
    "mettre-a-jour": "update",
    "mettre-à-jour": "update",
    "importer": "import",
    "apercu": "preview",
    "aperçu": "preview",
}
"""French names a coordinator may type: they run the command (documented in the main help)."""


def command_name(typed: str) -> str:
    """The command that `typed` names: a French name is its command, any case."""
    return FRENCH_NAMES.get(typed.casefold(), typed)
