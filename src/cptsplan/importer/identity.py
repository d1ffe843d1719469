"""Identity and document control: the CPTS name, the title, the version, the dates, the
version table, the transmissions; with them the glossary and the reference documents."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from cptsplan.importer.dates import parse_date, version_in
from cptsplan.importer.draft import MISSING, Draft
from cptsplan.importer.lookup import lookup
from cptsplan.importer.read import Block
from cptsplan.importer.review import REVIEW_WORDS
from cptsplan.importer.sections import plain
from cptsplan.importer.tables import cell, columns

_CPTS = re.compile(
    r"\bCPTS\s+(?:(?:du|de|des|la|le|les|en|d'|d’|l'|l’)\s*)*[A-ZÀ-Ý][\w'’-]*"
    r"(?:\s+(?:(?:du|de|des|la|le|les|et|sur|en|d'|d’|l'|l’)\s*)*[A-ZÀ-Ý][\w'’-]*)*"
)


def read_identity(draft: Draft, margins: Sequence[str] = ()) -> None:
    document = draft.section("document")
    cpts = draft.section("cpts")
    # The cover runs to the first heading after the plan's title: a title in Word's Title
    # style is a heading too, and a form's « Version du plan : » lines under it are the cover's.
    title = _cover_title(draft)
    skipped = title.index if title is not None else -1
    first_heading = min((h for h in draft.headings if h != skipped), default=len(draft.blocks))
    cover = [b for b in draft.blocks if b.index < first_heading and b.kind != "table"]
    for block in draft.blocks:
        if block.kind == "table" or (block.index in draft.headings and block.kind != "para"):
            continue
        match = _CPTS.search(block.text.replace("\n", " "))
        if match and "nom" not in cpts:
            cpts["nom"] = match.group(0).strip()
            draft.record("identite", ("cpts", "nom"), block)
            break
    if "nom" not in cpts:
        _name_from_margins(draft, margins)
    if "titre" not in document and title is not None:
        document["titre"] = title.text.replace("\n", " ")
        draft.take(title)
        draft.record("identite", ("document", "titre"), title)
    for block in cover:
        _dates_and_version(draft, block, block.text)
    for block in draft.blocks:
        if block.kind == "table":
            _control_table(draft, block)
        elif draft.contexts[block.index].section in (None, "cpts", "historique", "transmissions"):
            _dates_and_version(draft, block, block.text)
    _date_of_current_version(draft)


def _date_of_current_version(draft: Draft) -> None:
    """A plan that prints « Version 3 – mars 2025 » and, in its version table, « V3 |
    12/03/2025 »: the current version's date is the date of the last update. Only when the
    document gives no update date of its own, and one dated row has that version."""
    document = draft.section("document")
    version = document.get("version")
    if "date_mise_a_jour" in document or not version:
        return
    dated = [
        (index, item["date"])
        for index, item in enumerate(document.get("historique", []))
        if item.get("version") == version and item.get("date") not in (None, MISSING)
    ]
    if len(dated) != 1:
        return
    index, day = dated[0]
    document["date_mise_a_jour"] = day
    origin = draft.origins.get(("document", "historique", index))
    if origin:
        draft.origins[("document", "date_mise_a_jour")] = origin
        draft.found.setdefault("version_dates", []).append(origin.removeprefix("repris de "))


COVER_BLOCKS = 6
"""How many of the document's first paragraphs make its cover (title, CPTS, version)."""


def _cover_title(draft: Draft) -> Block | None:
    """The plan's own title on its cover, as written: a paragraph among the first ones that
    opens with « Plan » and names its subject (« Plan de gestion de crise sanitaire »,
    « PLAN DE GESTION DES SITUATIONS SANITAIRES EXCEPTIONNELLES », « Plan SSE »), bold or
    styled as a title alike. A descriptive title wins over a short « PLAN SSE » above it."""
    found: list[Block] = []
    descriptive: list[Block] = []
    for block in [b for b in draft.blocks if b.kind != "table"][:COVER_BLOCKS]:
        lowered = plain(block.text)
        if not lowered.startswith("plan") or len(block.text) > 300:
            continue
        if any(word in lowered for word in ("exceptionnel", "crise")):
            descriptive.append(block)
        elif "sanitaire" in lowered or "sse" in re.findall(r"[a-z]+", lowered):
            found.append(block)
    chosen = descriptive or found
    return chosen[0] if chosen else None


def _name_from_margins(draft: Draft, margins: Sequence[str]) -> None:
    """The name written only in the running header or footer (a cover that is a logo)."""
    for line in margins:
        match = _CPTS.search(line)
        if match:
            draft.section("cpts")["nom"] = match.group(0).strip()
            draft.origins[("cpts", "nom")] = "repris de l'en-tête ou du pied de page du document"
            draft.found.setdefault("identite", []).append("l'en-tête ou le pied de page")
            return


def _dates_and_version(draft: Draft, block: Block, text: str, row: int | None = None) -> bool:
    document = draft.section("document")
    lowered = plain(text)
    used = False
    version = version_in(text)
    if version and "version" not in document and len(text) < 200:
        document["version"] = version
        draft.record("version_dates", ("document", "version"), block, row)
        used = True
    day = parse_date(text)
    if day is not None and len(text) < 200:
        for key, words in _DATE_WORDS:
            if key not in document and any(w in lowered for w in words):
                document[key] = day
                draft.record("version_dates", ("document", key), block, row)
                used = True
                break
        else:
            if version and "date_mise_a_jour" not in document:  # « Version 1.3 du 30 juin 2026 »
                document["date_mise_a_jour"] = day
                draft.record("version_dates", ("document", "date_mise_a_jour"), block, row)
                used = True
    if used and len(text) < 120:
        labels = _label_only(text, version, day)
        if row is None:
            draft.take(block, values=labels)
        elif labels is not None:  # « Version | 3.1 »: the row's label is the field's
            draft.take(block, row, values=labels)
    return used


def _label_only(text: str, version: str | None, day: Any) -> list[str] | None:
    """« Dernière mise à jour : 18 septembre 2026 », « Version 1.0 »: the version and the
    date are the content, the rest a label of a few words (anything more is kept as text)."""
    from cptsplan.importer.dates import dates_in

    rest = re.sub(r"\b(?:version|v)\s*(?:n°\s*)?:?\s*\d+(?:[.,]\d+)*", " ", text, flags=re.I)
    for (start, end), _found in reversed(dates_in(rest)):
        rest = rest[:start] + " " + rest[end:]
    from cptsplan.importer.scopes import objects, same, words

    label = re.sub(r"[\W_]+", " ", plain(rest)).strip()
    fields = dict(objects())[("document",)]["properties"]
    titles = [words(str(fields[k].get("title", ""))) for k in ("version", *_DATED)]
    if (version and day) or (label and not any(same(label, title) for title in titles)):
        return None  # « Version 2.0 – mise à jour du 14 octobre 2026 »: kept as written
    return [v for v in (version, day.isoformat() if day is not None else None) if v]


_DATED = ("date_mise_a_jour", "date_prochaine_revue", "date_premiere_redaction")
_DATE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("date_prochaine_revue", REVIEW_WORDS),
    ("date_mise_a_jour", ("mise a jour", "mis a jour", "actualise", "date de la version")),
    ("date_premiere_redaction", ("premiere redaction", "redige le", "cree le")),
)
"""The words (after `plain`) that say which date of the document a dated line gives."""
_EXACT = {"le": "date", "par": "moyen", "a": "destinataire"}


def _control_columns(row: list[str]) -> dict[str, list[int]]:
    header = [_EXACT.get(plain(text).strip(), text) for text in row]
    return columns(
        header,
        {
            "version": ("version",),
            "date": ("date", "envoye"),
            "resume": (
                "changement",
                "modification",
                "objet",
                "description",
                "commentaire",
                "evolution",
            ),
            "destinataire": ("destinataire", "transmis a", "envoye a", "adresse a"),
            "validee": ("valide",),
            "auteurs": ("auteur", "redacteur"),
            "sigle": ("sigle", "abreviation", "acronyme"),
            "definition": ("signification", "definition", "libelle"),
            "moyen": ("moyen", "canal", "mode"),
        },
    )


def _control_table(draft: Draft, block: Block) -> None:
    """A table whose header (one of its first three rows: a merged title may come first)
    names what it holds."""
    header = block.rows[0] if block.rows else []
    start, found = 0, _control_columns(header)
    for index, row in enumerate(block.rows[:3]):
        candidate = _control_columns(row)
        if len(candidate) >= 2 and all(len(text) <= 40 for text in row):  # a header, not data
            start, found = index, candidate
            break
    if "sigle" in found and "definition" in found:
        _glossary(draft, block, found, start)
    elif "destinataire" in found and "date" in found:
        _transmissions(draft, block, found, start)
    elif "version" in found and "date" in found and "destinataire" not in found:
        _history(draft, block, found, start)
    elif len(header) == 2:
        for index, row in enumerate(block.rows):
            labelled = len(row) == 2 and row[0] and len(row[0]) < 60
            if labelled and _dates_and_version(draft, block, f"{row[0]} : {row[1]}", index):
                draft.take(block, index)
            elif labelled and plain(row[0]).strip(" :") == "classification":
                _classification(draft, block, row[1], index)


def _classification(draft: Draft, block: Block, text: str, row: int) -> None:
    """« Classification | interne »: the row of the plan's identity table (the choice by
    its code or its label; anything else stays as text)."""
    from cptsplan.importer.choices import choice

    document = draft.section("document")
    found = choice(text, ["interne", "diffusable"])
    if found is not None and "classification" not in document:
        document["classification"] = found
        draft.take(block, row, values=[text])
        draft.record("identite", ("document", "classification"), block, row)


def _history(draft: Draft, block: Block, found: dict[str, list[int]], start: int) -> None:
    history: list[dict[str, Any]] = draft.section("document").setdefault("historique", [])
    for index in range(start + 1):
        draft.take(block, index)
    for index, row in enumerate(block.rows[start + 1 :], start=start + 1):
        version = version_in("version " + cell(row, found.get("version")))
        if not version:
            continue
        day = parse_date(cell(row, found.get("date")))
        item: dict[str, Any] = {"version": version, "date": day or MISSING}
        summary = cell(row, found.get("resume"))
        authors = cell(row, found.get("auteurs"))
        item["resume"] = summary or f"{MISSING} : ce qui a changé dans cette version"
        if authors:
            item["resume"] += f" (auteurs : {authors})" if summary else ""
            if not summary:
                item["resume"] = f"Auteurs : {authors}"
        if cell(row, found.get("validee")):
            item["validee_par"] = cell(row, found.get("validee")).replace("\n", " ")[:500]
        history.append(item)
        draft.take(block, index)
        draft.record("historique", ("document", "historique", len(history) - 1), block, index)


def _transmissions(draft: Draft, block: Block, found: dict[str, list[int]], start: int) -> None:
    sent: list[dict[str, Any]] = draft.section("document").setdefault("transmissions", [])
    for index in range(start + 1):
        draft.take(block, index)
    for index, row in enumerate(block.rows[start + 1 :], start=start + 1):
        target = cell(row, found.get("destinataire"))
        day = parse_date(cell(row, found.get("date")))
        if not target or day is None:
            continue
        item: dict[str, Any] = {
            "destinataire": lookup(draft, target, create="organisme"),
            "date": day,
            "version": version_in("version " + cell(row, found.get("version"))) or MISSING,
        }
        if cell(row, found.get("moyen")):
            item["moyen"] = cell(row, found.get("moyen")).replace("\n", " ")[:500]
        sent.append(item)
        draft.take(block, index)
        draft.record("transmissions", ("document", "transmissions", len(sent) - 1), block, index)


def _glossary(draft: Draft, block: Block, found: dict[str, list[int]], start: int) -> None:
    entries: list[dict[str, Any]] = draft.data.setdefault("glossaire", [])
    for index in range(start + 1):
        draft.take(block, index)
    for index, row in enumerate(block.rows[start + 1 :], start=start + 1):
        acronym, meaning = cell(row, found.get("sigle")), cell(row, found.get("definition"))
        if acronym and meaning:
            entries.append({"sigle": acronym.replace("\n", " ")[:500], "definition": meaning})
            draft.take(block, index)
            draft.record("glossaire", ("glossaire", len(entries) - 1), block, index)


def read_glossary_lines(draft: Draft) -> None:
    """« ACI : Accord conventionnel interprofessionnel » lines under a glossary heading."""
    entries: list[dict[str, Any]] = draft.data.setdefault("glossaire", [])
    for block in draft.in_section("glossaire"):
        if block.kind in ("para", "item") and block.index not in draft.headings:
            match = re.match(r"^([A-Z0-9][\w./&-]{0,20})\s*[:=–-]\s+(.+)$", block.text, re.S)
            if match:
                entries.append({"sigle": match.group(1), "definition": match.group(2)})
                # « ACI : Accord… » is the acronym and its meaning, in their two fields
                draft.take(block, values=[match.group(1), match.group(2)])
                draft.record("glossaire", ("glossaire", len(entries) - 1), block)
