"""Who alerts the CPTS and who receives the alert, as the plan prints them: a table whose
first column is « Émetteur de l'alerte » (one directory entry a row, its coordinates beside
it), and a paragraph « Point d'entrée : Julien Vermeersch (…) ; suppléance : Sophie
Lefebvre (…). », the paragraphs after it under a « Qui reçoit l'alerte » heading saying how
to reach them. The cascade and the partners informed are tables of the plan format
(generic.py reads them). A name the directory does not hold is added as the document
writes it, as the other readers do; a line that names no one is left as imported text."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.contacts import is_organisation
from cptsplan.importer.draft import Draft
from cptsplan.importer.lookup import lookup
from cptsplan.importer.read import Block
from cptsplan.importer.sections import plain

_ENTRY = re.compile(r"^\s*point d['’]entr[ée]e(?: de l['’]alerte)?\s*:\s*", re.IGNORECASE)
_DEPUTY = re.compile(r"\s*;\s*suppl[ée]ance\s*:\s*", re.IGNORECASE)
_RECEIVES = ("recoit l'alerte", "point d'entree", "reception de l'alerte")


def read_alert_chain(draft: Draft) -> None:
    for block in draft.blocks:
        if (block.index, 0) in draft.taken or (block.index, -1) in draft.taken:
            continue
        if (
            block.kind == "table"
            and len(block.rows) >= 2
            and _senders_table(block)
            and (_in_alert(draft, block) or "alerte" in plain(block.rows[0][0]))
        ):
            _senders(draft, block)
        elif block.kind == "para" and _ENTRY.match(block.text) and _in_alert(draft, block):
            _entry_point(draft, block)


def _chain(draft: Draft) -> dict[str, Any]:
    return draft.section("piloter", "chaine_alerte")


def _in_alert(draft: Draft, block: Block) -> bool:
    context = draft.contexts[block.index]
    return context.section == "alerte" or "alerte" in plain(" ".join(context.path))


def _senders_table(block: Block) -> bool:
    """« Émetteur de l'alerte » first, and beside it only how to reach each one: a table
    « Émetteur | Destinataire | Canal » is a cascade or a message list, not this one."""
    header = [plain(c).strip() for c in block.rows[0]]
    return (
        bool(header)
        and header[0].startswith(("emetteur", "qui alerte"))
        and all(any(w in h for w in _REACH) for h in header[1:] if h and h != header[0])
    )


_REACH = ("coordonnee", "contact", "telephone", "joindre", "courriel")


def _senders(draft: Draft, block: Block) -> None:
    chain = _chain(draft)
    if chain.get("emetteurs"):
        return  # the plan's list, read once
    senders: list[str] = []
    rows: list[int] = []
    for index, row in enumerate(block.rows[1:], start=1):
        name = row[0].strip() if row else ""
        if not name:
            continue
        named = _several(draft, name)
        if named is None:
            continue  # « ARS / Gendarmerie », the gendarmerie not in the directory: as text
        found: list[str | None] = list(named) or [
            lookup(draft, name)
            or lookup(draft, name, create="organisme" if is_organisation(name) else "personne")
        ]
        if None in found:
            continue  # not a name: the row stays as imported text
        senders += [f for f in found if f and f not in senders]
        rows.append(index)
    if not senders:
        return
    chain["emetteurs"] = senders
    draft.take(block, 0)
    for index in rows:
        draft.take(block, index)
        draft.record("alerte", ("piloter", "chaine_alerte", "emetteurs"), block, index)


_SEVERAL = re.compile(r"\s+/\s+|\s*;\s*|\s+ou\s+")


def _several(draft: Draft, name: str) -> list[str] | None:
    """« ARS / SAMU / Préfecture »: the entries of the directory the cell names one by one,
    [] when it names one sender (« SAMU 59 / Centre 15 » is the SAMU twice over), None when
    one of its names is not in the directory (nothing is added for a cell of several)."""
    parts = [part for part in _SEVERAL.split(name) if part.strip()]
    if len(parts) < 2:
        return []
    found = [lookup(draft, part) or _one_entry(draft, part) for part in parts]
    named = list(dict.fromkeys(f for f in found if f is not None))
    if len(named) < len(set(found)):
        return None
    return named if len(named) > 1 else []


def _one_entry(draft: Draft, short: str) -> str | None:
    """The one directory entry a short name stands for: « SAMU » for « SAMU 01 – Centre 15 »
    (every word of it in the entry's name), else « Préfecture » for the one entry of that
    category; None when none or several (« ARS » with a point focal and a delegation)."""
    from cptsplan.messages.categories import category_named_by

    wanted = set(_WORDS.findall(plain(short)))
    entries = [e for e in draft.data.get("annuaire", []) if isinstance(e, dict) and e.get("id")]
    if not wanted:
        return None
    for match in (
        lambda e: wanted <= set(_WORDS.findall(plain(str(e.get("nom", ""))))),
        lambda e: e.get("categorie") == category_named_by(short) is not None,
    ):
        found = [str(e["id"]) for e in entries if match(e)]
        if found:
            return found[0] if len(found) == 1 else None
    return None


_WORDS = re.compile(r"[a-z0-9]+")


def _entry_point(draft: Draft, block: Block) -> None:
    chain = _chain(draft)
    if chain.get("point_entree"):
        return
    said = _ENTRY.sub("", block.text, count=1)
    parts = _DEPUTY.split(said, maxsplit=1)
    who = parts[0].strip(" .")
    deputy = parts[1].strip(" .") if len(parts) == 2 else ""
    person = lookup(draft, _name(who))
    if person is None:
        return
    entry: dict[str, Any] = {"personne": person}
    values = [who]
    if deputy and (other := lookup(draft, _name(deputy))) is not None:
        entry["suppleant"] = other
        values.append(deputy)
    chain["point_entree"] = entry
    draft.take(block, values=values)
    draft.record("alerte", ("piloter", "chaine_alerte", "point_entree"), block)
    if any(w in plain(draft.contexts[block.index].title) for w in _RECEIVES):
        _reach(draft, block, entry)


def _name(text: str) -> str:
    """« Julien Vermeersch (Référent SSE titulaire, …) » -> « Julien Vermeersch »."""
    return text.split(" (", 1)[0].strip()


def _reach(draft: Draft, block: Block, entry: dict[str, Any]) -> None:
    """The paragraphs after the entry point, to the next heading: how to reach it."""
    following: list[Block] = []
    for other in draft.blocks[block.index + 1 :]:
        if other.index in draft.headings or other.kind != "para":
            break
        if (other.index, -1) in draft.taken:
            break
        following.append(other)
    if not following:
        return
    entry["joignabilite"] = "\n\n".join(b.text for b in following)
    for other in following:  # placed in the entry point (its origin stays the first line)
        draft.take(other)
        draft.placed.setdefault((other.index, -1), []).append(
            ("piloter", "chaine_alerte", "point_entree")
        )
