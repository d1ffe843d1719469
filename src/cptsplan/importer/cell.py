"""Référents SSE and the crisis cell: Fonction | Titulaire | Suppléant tables (any order of
columns, any section), Rôle | Nom tables, or prose (« Référent titulaire : Dr X »), and the
cell's meeting places (« Lieu principal : ... », « Lieu de repli : ... »)."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.cell_places import meeting_sentence, place_line
from cptsplan.importer.contacts import cards_of, is_contact_table
from cptsplan.importer.draft import MISSING, Draft
from cptsplan.importer.lookup import lookup, mentioned
from cptsplan.importer.read import Block
from cptsplan.importer.sections import plain, typologies_in, typology_of
from cptsplan.importer.tables import cell, columns
from cptsplan.messages.vocabulary import CELL_FUNCTIONS
from cptsplan.privacy.phones import phone_numbers

FUNCTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("referent_zone", ("zone", "secteur")),
    ("organisation_paramedicale", ("paramedic", "infirmi")),
    ("organisation_medicale", ("medical", "medecin", "soins")),
    ("communication", ("communication", "porte-parole", "presse")),
    ("logistique", ("logisti", "produits de sante", "materiel")),
    ("secretariat", ("secretariat", "main courante", "secretaire")),
    ("decision", ("decision", "president", "directeur", "direction", "responsable de la")),
    ("pilotage", ("pilotage", "coordinat", "animation", "referent sse", "referente sse")),
]
CELL_COLUMNS: dict[str, tuple[str, ...]] = {
    "suppleant": ("suppleant", "remplacant", "adjoint"),
    "titulaire": ("titulaire", "responsable", "nom", "qui", "personne", "referent"),
    "fonction": ("fonction", "role", "poste", "cellule"),
    "missions": ("mission", "tache", "attribution"),
}


# A territory's zones table (« Zone | Communes | … | Référent de zone ») names each zone's
# référent: a member of the crisis cell's zone function, not a référent SSE of the plan.
_ZONE_REFERENT = re.compile(r"referents? (?:de )?(?:la )?(?:zone|secteur)")


def function_of(text: str) -> str:
    lowered = plain(text)
    return next((key for key, words in FUNCTIONS if any(w in lowered for w in words)), MISSING)


def _without_function_name(label: str, function: str) -> str:
    """« Décision : présidente de la CPTS » → « présidente de la CPTS »: the document printed
    the function's name before its label; the plan keeps the label, or the whole text when it
    is only the name."""
    name = CELL_FUNCTIONS.get(function)
    if name and plain(label).startswith(plain(name) + " :"):
        rest = label[len(name) :].lstrip(" :\u00a0")
        return rest or label
    return label


def read_cell(draft: Draft) -> None:
    piloter = draft.section("piloter")
    for block in draft.blocks:
        if block.kind != "table" or not block.rows:
            continue
        found = columns(block.rows[0], CELL_COLUMNS)
        section = draft.contexts[block.index].section
        # A directory's Nom | Fonction | Téléphone columns are not the cell's.
        directory = is_contact_table(block) == 0
        header = plain(" ".join(block.rows[0]))
        cell_table = "fonction" in found and "titulaire" in found and not directory
        if (cards := cards_of(block)) is not None:
            for start, _header, _values in cards:
                _referent_card(draft, block, start)
        elif _role_rows(draft, block, section):
            pass
        elif cell_table and (section != "referents" or "titulaire" in header):
            _functions(draft, block, found, piloter)
        elif (
            ("titulaire" in found or "suppleant" in found)
            and (section == "referents" or ("referent" in header and "fonction" not in found))
            and not _ZONE_REFERENT.search(header)
        ):
            _referent_table(draft, block, found)
    for block in draft.in_section("referents"):
        prose = block.kind in ("para", "item") and block.index not in draft.headings
        if prose and not _referent_line(draft, block):
            _referent_prose(draft, block)
    if not piloter.get("referents_sse"):
        # No référents section, as in a plan pasted from a PDF: « Le référent SSE de la CPTS
        # est le Dr X, ... ; sa suppléante est Y » under « Organisation de la CPTS ».
        for block in draft.in_section(None, "cpts", "piloter"):
            prose = block.kind in ("para", "item") and block.index not in draft.headings
            if prose and _NAMES_REFERENT.search(plain(block.text)):
                _referent_prose(draft, block)
    for block in draft.in_section("cellule"):
        if block.kind in ("para", "item") and block.index not in draft.headings:
            _cell_line(draft, block, piloter)
            _cell_sentence(draft, block, piloter)
    for block in draft.in_section("cellule", "piloter"):
        if block.kind in ("para", "item") and block.index not in draft.headings:
            place_line(draft, block, piloter)
    for block in draft.in_section("cellule"):
        if block.kind in ("para", "item") and block.index not in draft.headings:
            meeting_sentence(draft, block, piloter)


def _functions(
    draft: Draft, block: Block, found: dict[str, list[int]], piloter: dict[str, Any]
) -> None:
    cellule = piloter.setdefault("cellule_de_crise", {})
    functions: list[dict[str, Any]] = cellule.setdefault("fonctions", [])
    draft.take(block, 0)
    for index, row in enumerate(block.rows[1:], start=1):
        label = cell(row, found["fonction"])
        holder = cell(row, found["titulaire"])
        if not label and not holder:
            continue
        function = function_of(label)
        item: dict[str, Any] = {
            "fonction": function,
            "libelle": _without_function_name(label.replace("\n", " "), function)[:500] or MISSING,
            "titulaire": lookup(draft, holder, create="personne") or MISSING,
        }
        deputy = cell(row, found.get("suppleant"))
        if deputy and plain(deputy).strip() not in ("", "-", "a definir", "aucun"):
            item["suppleant"] = lookup(draft, deputy, create="personne") or MISSING
        missions = cell(row, found.get("missions"))
        if missions:
            item["missions"] = [m.strip(" -•") for m in missions.split("\n") if m.strip(" -•")]
        functions.append(item)
        draft.take(block, index)
        path = ("piloter", "cellule_de_crise", "fonctions", len(functions) - 1)
        draft.record("cellule", path, block, index)


def _referents(draft: Draft) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = draft.section("piloter").setdefault("referents_sse", [])
    return result


def _add_referent(
    draft: Draft,
    person: str | None,
    role: str,
    block: Block,
    row: int | None,
    typologies: list[str] | None = None,
) -> None:
    if person is None:
        return
    referents = _referents(draft)
    item: dict[str, Any] = {"personne": person, "role": role}
    if typologies:
        item["typologies"] = typologies
    if any(r == item for r in referents):
        return
    referents.append(item)
    draft.record("referents", ("piloter", "referents_sse", len(referents) - 1), block, row)


def _referent_table(draft: Draft, block: Block, found: dict[str, list[int]]) -> None:
    draft.take(block, 0)
    for index, row in enumerate(block.rows[1:], start=1):
        role_text = plain(cell(row, found.get("fonction")))
        holder = cell(row, found.get("titulaire"))
        deputy = cell(row, found.get("suppleant"))
        role = "suppleant" if "suppl" in role_text else "titulaire"
        # « Référent T1 et T4 », or a « Typologies » column: référents per typology, which
        # the format says as is (the titulaire of T1 may be the suppléant of T2).
        typologies = _typologies_of_row(block.rows[0], row, found)
        if holder:
            person = lookup(draft, holder, create="personne")
            _add_referent(draft, person, role, block, index, typologies)
        if deputy:
            person = lookup(draft, deputy, create="personne")
            _add_referent(draft, person, "suppleant", block, index, typologies)
        if holder or deputy:
            draft.take(block, index)
            roles = found.get("fonction", [])
            if any(i < len(row) and _ROLE_ONLY.match(plain(row[i]).strip()) for i in roles):
                # « Référent SSE | Dr X »: the cell is the référent's role, which the item holds
                draft.values[block.index, index] = [
                    role if i in roles else text for i, text in enumerate(row)
                ]


def _referent_card(draft: Draft, block: Block, start: int) -> None:
    """A card « Référente suppléante | Paul ROUX », « Téléphone | … »: the directory entry
    read from it (contacts.cards_of) is a référent SSE when its first label says so."""
    label, name = plain(block.rows[start][0]), block.rows[start][1]
    if "referent" in label or "titulaire" in label or "suppl" in label:
        role = "suppleant" if "suppl" in label else "titulaire"
        _add_referent(draft, lookup(draft, name), role, block, start, typologies_in(label))


def _role_rows(draft: Draft, block: Block, section: str | None) -> bool:
    """« Référent titulaire | Dr Claire MARTIN », « Référente suppléante | Paul ROUX »: roles
    and names with no header row. Its first row was taken for the header: the other rows'
    roles became people (« Référent suppléant », « Astreinte » made référent titulaire) and
    the référents were not read. A row that names no role stays text."""
    rows = block.rows
    if any(len(row) != 2 for row in rows) or not _is_role(rows[0][0]):
        return False
    if columns(rows[0][1:], CELL_COLUMNS) or not (section == "referents" or "referent" in
                                                  plain(rows[0][0])):  # fmt: skip
        return False
    for index, (role_text, who) in enumerate(rows):
        name = who.split("\n")[0].split(",")[0].split("(")[0].strip()
        if not _is_role(role_text) or not name or phone_numbers(name):
            continue
        role = "suppleant" if "suppl" in plain(role_text) else "titulaire"
        person = lookup(draft, name, create="personne")
        _add_referent(draft, person, role, block, index, typologies_in(role_text))
        if person is not None:
            draft.take(block, index)
    return True


def _is_role(text: str) -> bool:
    lowered = plain(text)
    return any(w in lowered for w in ("referent", "titulaire", "suppl")) and len(text) <= 60


def _typologies_of_row(header: list[str], row: list[str], found: dict[str, list[int]]) -> list[str]:
    """The typologies a référents row names outside its people's cells: explicit codes
    (« T1 et T4 ») anywhere, the usual wordings in a column titled « Typologie »."""
    people = {*found.get("titulaire", []), *found.get("suppleant", [])}
    codes: set[str] = set()
    for index, text in enumerate(row):
        if index in people or not text:
            continue
        codes.update(typologies_in(text))
        title = header[index] if index < len(header) else ""
        if not codes and "typolog" in plain(title):
            named = typology_of(text)
            codes.update([named] if named else [])
    return sorted(codes)


_ROLE_ONLY = re.compile(r"^(?:referents? sse|titulaire|suppleant)$")
"""A role cell that says only what the plan prints of the role (« Référente suppléante »,
in the document's words, is kept as text: the plan prints « Suppléant(e) »)."""
_NAMES_REFERENT = re.compile(r"\breferente?s? sse\b.{0,40}\b(?:est|sont)\b")
_ROLE_LINE = re.compile(r"^(?P<role>[^:]{3,60}?)\s*:\s*(?P<who>.+)$", re.S)


def _referent_line(draft: Draft, block: Block) -> bool:
    match = _ROLE_LINE.match(block.text)
    if not match:
        return False
    role_text = plain(match.group("role"))
    if not any(w in role_text for w in ("referent", "titulaire", "suppleant")):
        return False
    if "(" in role_text or "de zone" in role_text:
        # « Lys amont (référent de zone : M. Deconinck) : Quatre communes... » is a zone.
        return False
    role = "suppleant" if "suppl" in role_text else "titulaire"
    who = match.group("who").split(",")[0].split("(")[0].strip()
    if not who or len(who) > 80:
        return False
    _add_referent(draft, lookup(draft, who, create="personne"), role, block, None)
    draft.take(block)
    return True


def _referent_prose(draft: Draft, block: Block) -> None:
    """« trois référents SSE, qui se partagent la mission à parts égales : X, Y et Z »: the
    people of the directory named in a sentence about référents."""
    lowered = plain(block.text)
    if "referent" not in lowered:
        return
    people = mentioned(draft, block.text)
    equal = any(w in lowered for w in ("parts egales", "co-referent", "coreferent", "a egalite"))
    for number, person in enumerate(people):
        role = "co_referent" if equal else ("titulaire" if number == 0 else "suppleant")
        _add_referent(draft, person, role, block, None)


_CELL_LINE = re.compile(
    r"^(?P<label>[^:()]{3,60}?)\s*:\s*(?P<who>[^()]+?)\s*"
    r"(?:\((?:suppl\w*|remplac\w*|adjoint\w*)\s*:?\s*(?P<deputy>[^()]+)\))?\s*\.?$",
    re.IGNORECASE,
)


def _cell_line(draft: Draft, block: Block, piloter: dict[str, Any]) -> None:
    """« Coordination : Agnès Rousseau (suppléance : Grégoire Morel) »."""
    match = _CELL_LINE.match(block.text)
    if match is None or "lieu" in plain(match.group("label")):
        return
    holder = lookup(draft, match.group("who"))
    if holder is None:
        return
    cellule = piloter.setdefault("cellule_de_crise", {})
    functions: list[dict[str, Any]] = cellule.setdefault("fonctions", [])
    label = match.group("label").strip()
    item: dict[str, Any] = {"fonction": function_of(label), "libelle": label, "titulaire": holder}
    if match.group("deputy"):
        item["suppleant"] = lookup(draft, match.group("deputy"), create="personne") or MISSING
    functions.append(item)
    draft.take(block)
    path = ("piloter", "cellule_de_crise", "fonctions", len(functions) - 1)
    draft.record("cellule", path, block)


_COMPOSED = re.compile(
    r"\b(?:compos|constitu|form)[ée]e\s+(?=(?:du|de\s+la|de\s+l['’]|des|d['’])\s*\w)",
    re.IGNORECASE,
)
_MEMBER = re.compile(r",?\s+(?:et\s+)?(?:du|de\s+la|de\s+l['’]|des|d['’])\s*", re.IGNORECASE)


def _cell_sentence(draft: Draft, block: Block, piloter: dict[str, Any]) -> None:
    """« La cellule de crise est composée du président, Dr X, de la coordinatrice, Y, et de
    la chargée de communication, Z. »: each « function, name » whose name is a person of
    the directory is a function of the cell. The sentence is also kept as imported text,
    to be checked: its other words (the cell's own wording) are not a field's."""
    composed = _COMPOSED.search(block.text)
    if composed is None or "cellule" not in plain(block.text[: composed.start()]):
        return
    members = _MEMBER.split(" " + block.text[composed.end() :].strip().rstrip("."))
    cellule = piloter.setdefault("cellule_de_crise", {})
    functions: list[dict[str, Any]] = cellule.setdefault("fonctions", [])
    for member in members:
        label, comma, who = member.partition(",")
        person = lookup(draft, who) if comma and 2 < len(label) <= 60 else None
        if person is None or person not in mentioned(draft, who):
            continue
        label = label.strip()
        item = {"fonction": function_of(label), "libelle": label[:1].upper() + label[1:]}
        functions.append({**item, "titulaire": person})
        path = ("piloter", "cellule_de_crise", "fonctions", len(functions) - 1)
        draft.record("cellule", path, block)
