"""The crisis cell's places: « Lieu principal : Salle de la MSP, 4 rue des Vignes » (and its
fallback, on the same line or its own), or a sentence « La cellule se réunit à la MSP… »."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.draft import MISSING, Draft
from cptsplan.importer.read import Block
from cptsplan.importer.sections import plain

_LABEL_LINE = re.compile(r"^(?P<role>[^:]{3,60}?)\s*:\s*(?P<who>.+)$", re.S)
"""« Label : value », as cell.py reads its lines."""


_FALLBACK = re.compile(
    r"\s*(?:[–—-]|;|,|\()\s*(?:lieu\s+de\s+)?(?:repli|secours)\s*:\s*(?P<place>[^()]+?)\)?\s*$",
    re.IGNORECASE,
)
"""« Lieu : MSP des Forges – repli : mairie de Revin » (« ; repli : », « (repli : …) »): the
fallback place written after the main one, on its line."""


def place_line(draft: Draft, block: Block, piloter: dict[str, Any]) -> None:
    match = _LABEL_LINE.match(block.text)
    if not match:
        return
    label = plain(match.group("role"))
    if "lieu" not in label:
        return
    key = "lieu_repli" if "repli" in label or "secours" in label else "lieu_principal"
    cellule = piloter.setdefault("cellule_de_crise", {})
    if key in cellule:
        return
    from cptsplan.importer.values import ABSENT, name_and_address

    place = match.group("who").strip().rstrip(".").strip()
    fallback = _FALLBACK.search(place) if key == "lieu_principal" else None
    if fallback is not None:
        place = place[: fallback.start()].strip()
        other = fallback.group("place").strip().rstrip(".").strip()
        if "lieu_repli" not in cellule and plain(other) not in ABSENT:
            cellule["lieu_repli"] = _as_place(*name_and_address(other))
            draft.record("cellule", ("piloter", "cellule_de_crise", "lieu_repli"), block)
    if plain(place) in ABSENT:  # « Lieu de repli : non renseigné. » names no place
        return
    from cptsplan.importer.scopes import same, words

    # A street address after the name (« Salle de la MSP, 4 rue des Vignes, 86190 Vernon »);
    # without one, the whole is the place's name and its address is to be completed.
    name, address = name_and_address(place)
    cellule[key] = _as_place(name, address)
    titled = same(
        words(match.group("role")), "lieu de repli" if "repli" in key else "lieu principal"
    )
    # Under its field's own title, the line is the place; under another label (« Lieu : X –
    # repli : Y »), it is kept as text too, to be checked.
    draft.take(block, values=[name, address] if titled else None)
    draft.record("cellule", ("piloter", "cellule_de_crise", key), block)


def _as_place(name: str, address: str) -> dict[str, str]:
    """A place of the cell as the plan writes it (its address to complete when none)."""
    return {"nom": name.strip()[:500], "adresse": address.strip() or MISSING}


_MEETS = re.compile(
    r"^(?:la\s+cellule(?:\s+de\s+crise)?|elle)\s+se\s+r[ée]unit\s+(?:à|au|aux|dans)\s+"
    r"(?P<place>[^.;]+?)(?:,?\s+ou\s+(?:en|par|à|au|dans)\s.*)?[.;]?$",
    re.IGNORECASE | re.DOTALL,
)
"""« Elle se réunit à la MSP de la Dombes, salle du 1er étage, ou en visioconférence… »."""
_REMOTE = ("visio", "distance", "telephone", "audio")


def meeting_sentence(draft: Draft, block: Block, piloter: dict[str, Any]) -> None:
    """The cell's meeting place written as a sentence, when no « Lieu : » line gave one. The
    sentence stays kept as text to check too (what follows « ou » is not read)."""
    cellule = piloter.setdefault("cellule_de_crise", {})
    match = _MEETS.match(block.text.strip())
    if match is None or "lieu_principal" in cellule:
        return
    place = match.group("place").strip()
    if plain(place).startswith(_REMOTE) or not 2 < len(place) <= 300:
        return
    from cptsplan.importer.values import name_and_address

    cellule["lieu_principal"] = _as_place(*name_and_address(place))
    draft.record("cellule", ("piloter", "cellule_de_crise", "lieu_principal"), block)
