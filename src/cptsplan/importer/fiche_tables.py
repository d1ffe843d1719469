"""« Fiche action » tables of the ARS regional templates: one table per typology, a title row
merged over the columns (« Fiche action n° 1 – Afflux de blessés »), then a header
Objectif | Pilote | Acteurs | Modalités | Échéance and one row per action.

The table is a response to the typology its title names, titled as the fiche. Each row is an
action: the objective is the action, « (modalités : …) » after it; the pilot, then « acteurs :
… », say who; the deadline is its `delai`. The template gives no phase: it is left to
complete, never guessed from the deadline (« Dès l'alerte » is when, not a phase). A fiche
with a Phase column has its phase read from it; a cell left empty or « À définir » leaves
the phase to complete (phases.table_phase), the action's comment saying where it is."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cptsplan.importer.draft import Draft
from cptsplan.importer.phases import table_phase, undecided_alone
from cptsplan.importer.read import Block
from cptsplan.importer.sections import typologies_in, typology_of
from cptsplan.importer.tables import cell, columns

FICHE_COLUMNS: dict[str, tuple[str, ...]] = {
    "action": ("objectif", "action", "mesure"),
    "pilote": ("pilote", "responsable", "porteur", "qui"),
    "acteurs": ("acteur", "partenaire", "intervenant"),
    "modalites": ("modalite", "moyen", "mise en oeuvre", "comment"),
    "delai": ("echeance", "delai", "calendrier", "quand"),
    "phase": ("phase",),
}
_FICHE_NUMBER = re.compile(r"^\s*fiche[ -]action\s*(?:n\s*[°o]?\s*)?\d*\s*[:–—-]?\s*", re.I)


def fiche_title(block: Block) -> str | None:
    """The title of a table whose first row is one text merged over every column and names
    a typology (« Fiche action n° 2 – Épidémie saisonnière… »), else None."""
    if len(block.rows) < 3:
        return None
    first = {text for text in block.rows[0] if text}
    if len(first) != 1:
        return None
    title = first.pop()
    return title if len(title) <= 300 and typology_of(title) else None


AddAction = Callable[..., None]
"""responses.add_action (passed by responses.py, which imports this module)."""


def read_fiche_table(
    draft: Draft,
    block: Block,
    title: str,
    responses: dict[int, dict[str, Any]],
    add_action: AddAction,
) -> bool:
    """Read a titled fiche action table into a response of its own; False when its second
    row is not the header of a fiche (an objective and a pilot or a deadline)."""
    found = columns(block.rows[1], FICHE_COLUMNS)
    if "action" not in found or not {"pilote", "delai"} & set(found):
        return False
    typology = typology_of(title)
    if typology is None or (block.index, 0) in draft.taken:
        return False
    key = -2000 - block.index
    name = _FICHE_NUMBER.sub("", title).strip() or title
    response: dict[str, Any] = {
        "id": draft.new_id(f"rep-{name}"),
        "titre": title,  # as the document names it, « Fiche action n° 1 » included
        "typologies": typologies_in(title) or [typology],
        "actions": [],
    }
    responses[key] = response
    draft.take(block, 0)
    draft.take(block, 1)
    draft.header_rows[block.index] = 1  # the title row comes first
    draft.record("reponses", ("adapter", "reponses", len(responses) - 1), block, 0)
    for index, row in enumerate(block.rows[2:], start=2):
        text = cell(row, found["action"]).replace("\n", " ")
        if not text:
            continue
        ways = cell(row, found.get("modalites")).replace("\n", " ")
        if ways:
            text = f"{text} (modalités : {ways})"
        who = cell(row, found.get("pilote"))
        actors = cell(row, found.get("acteurs")).replace("\n", " ")
        if actors:
            who = f"{who} ; acteurs : {actors}" if who else f"Acteurs : {actors}"
        written = cell(row, found.get("phase"))
        phase, alone = table_phase(written)
        delay = cell(row, found.get("delai"))
        add_action(draft, response, key, phase, text, block, index, who, delay, written)
        undecided_alone(draft, block, index, found.get("phase"), phase, alone)
    return True
