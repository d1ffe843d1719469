"""The phase of an action as a document writes it: a word of the phase (« Alerte »,
« Phase de veille »), a prefix before the action (« Alerte : relayer... »), or a cell of a
Phase column that says the phase is still to decide (« À définir », « ? », empty)."""

from __future__ import annotations

import re

from cptsplan.importer.draft import Draft
from cptsplan.importer.read import Block
from cptsplan.importer.sections import plain

PHASES: list[tuple[str, tuple[str, ...]]] = [
    ("montee_en_puissance", ("montee en puissance", "mobilisation", "renfort")),
    ("retex", ("retex", "retour d'experience")),
    ("sortie", ("sortie", "fin de crise", "retour a la normale", "levee", "desactivation")),
    ("veille", ("veille", "vigilance", "preparation", "avant", "anticipation", "prevention")),
    ("alerte", ("alerte", "declenchement", "reception", "signal")),
    ("conduite", ("conduite", "gestion", "pendant", "crise", "reponse", "action")),
]


def phase_of(text: str) -> str | None:
    lowered = plain(text)
    return next((key for key, words in PHASES if any(w in lowered for w in words)), None)


_WHAT_FOLLOWS = re.compile(r"\b(?:actions?|reponses?)\b")


def label_phase(text: str) -> str | None:
    """The phase a label before a list names (« Phase d'alerte : », « Pendant la crise : »),
    by its words less those that name what follows rather than when: « Actions retenues
    (cocher) : » of an ARS form, « Réponse de la CPTS : » name no phase (each action under
    them was put in « conduite », a phase the document does not write)."""
    return phase_of(_WHAT_FOLLOWS.sub(" ", plain(text)))


_UNDECIDED = re.compile(
    r"^(?:(?:a|reste a)\s+(?:definir|preciser|completer|determiner|confirmer|valider|voir)"
    r"|non\s+(?:definie?s?|precisee?s?|renseignee?s?|determinee?s?)|en cours de definition"
    r"|indeterminee?|inconnue?|nc|nr|n/?a|tbd|\?+|[-–—]+|x+|\.+)(?![\w'])"
)
"""« À définir », « à préciser », « Non définie », « ? », « – »: a phase still to decide."""


def table_phase(text: str) -> tuple[str | None, bool]:
    """The phase a table's Phase cell gives, and whether the cell says nothing more: an
    empty cell or one that only says the phase is still to decide (« À définir ») is no
    phase (the action's phase is left to complete: nothing is guessed) and its words are
    that `A_COMPLETER`; « À définir en cellule de crise » is no phase either, not the
    « conduite » that « crise » would suggest, and says more than the value: it stays in
    the text to place. Any other cell is read by its words (`phase_of`)."""
    lowered = " ".join(plain(text).replace("\n", " ").split()).strip(" .:;,!")
    if not lowered:
        return None, True
    undecided = _UNDECIDED.match(lowered)
    if undecided:
        return None, undecided.end() == len(lowered)
    return phase_of(text), False


def undecided_alone(
    draft: Draft, block: Block, row: int, columns: list[int] | None, phase: str | None, alone: bool
) -> None:
    """A Phase cell that only says « À définir » is the action's `A_COMPLETER`: the row's
    content is the rest of it (the row is placed, not kept again as text). A cell that says
    more (« À définir en cellule de crise ») stays part of the content: the row is kept."""
    if phase is None and alone and columns:
        cells = block.rows[row]
        draft.values[block.index, row] = [c for i, c in enumerate(cells) if i not in columns]


_PHASE_PREFIX = re.compile(r"^\s*(?:phase\s*(?:d'|de\s+)?)?([^:–—]{3,40}?)\s*[:–—]\s+", re.I)


def prefixed_phase(text: str) -> str | None:
    """The phase an item starts with (« Alerte : relayer... », « Veille – repérer... »)."""
    match = _PHASE_PREFIX.match(text)
    if match is None or len(match.group(1).split()) > 4:
        return None
    return phase_of(match.group(1))


PHASE_LABELS = frozenset(
    {
        "veille",
        "vigilance",
        "preparation",
        "anticipation",
        "alerte",
        "declenchement",
        "montee en puissance",
        "mobilisation",
        "conduite",
        "conduite de crise",
        "gestion de crise",
        "gestion de la crise",
        "crise",
        "sortie",
        "sortie de crise",
        "fin de crise",
        "retour a la normale",
        "retex",
    }
)
"""Prefixes that only name a phase: the ones taken off an action's text. « Gestion des
déchets : trier... » also reads as the phase « conduite », but its prefix says more than a
phase and stays in the action."""


def without_phase(text: str) -> str:
    """The action an item states after its phase (« Alerte : Relayer l'alerte... » →
    « Relayer l'alerte... »): the phase is the action's `phase`, and the document prints
    the action under its phase's heading (it read « Alerte » then « Alerte : Relayer... »)."""
    match = _PHASE_PREFIX.match(text)
    if match is None or plain(match.group(1)).strip() not in PHASE_LABELS:
        return text
    rest = text[match.end() :]
    return rest if rest.strip() else text
