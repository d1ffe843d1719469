"""Exercises and their RETEX: from a table (Exercice | Date | Type | RETEX, in any order), from
list items or paragraphs with a date under an exercises heading (« Le 14/11/2024, exercice
sur table... », « Exercice « Meuse en crue » le 12/03/2026 – RETEX le 26/03/2026 »). A RETEX
date found with an exercise gives a RETEX entry linked to it, its lessons left to write."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.choices import choice
from cptsplan.importer.dates import dates_in, parse_date
from cptsplan.importer.draft import MISSING, Draft
from cptsplan.importer.read import Block
from cptsplan.importer.sections import plain, typologies_in
from cptsplan.importer.tables import cell, columns
from cptsplan.messages.vocabulary import EXERCISE_TYPES

EXERCISE_COLUMNS: dict[str, tuple[str, ...]] = {
    "retex": ("retex", "retour d'experience"),
    "intitule": ("exercice", "intitule", "theme", "scenario", "objet"),
    "date": ("date", "periode", "quand"),
    "type": ("type", "format", "modalite"),
    "partenaires": ("partenaire", "acteurs associes", "acteur", "structures associees"),
}


def read_exercises(draft: Draft) -> None:
    exercises: list[dict[str, Any]] = draft.section("anticiper").setdefault("exercices", [])
    for block in draft.blocks:
        section = draft.contexts[block.index].section
        if block.kind == "table" and block.rows:
            found = columns(block.rows[0], EXERCISE_COLUMNS)
            if (
                "intitule" in found
                and "date" in found
                and (section == "exercices" or "exercice" in plain(" ".join(block.rows[0])))
            ):
                draft.take(block, 0)
                for index, row in enumerate(block.rows[1:], start=1):
                    title = cell(row, found["intitule"])
                    if title:
                        _exercise(
                            draft,
                            exercises,
                            title,
                            cell(row, found["date"]),
                            cell(row, found.get("type")),
                            block,
                            index,
                            cell(row, found.get("retex")),
                            cell(block.rows[0], found.get("retex")),
                        )
                        partners = found.get("partenaires", [])
                        label = cell(block.rows[0], partners)
                        named = _partners(draft, exercises[-1], cell(row, partners), label)
                        # « Sur table ; typologie T5 »: the word before the typologies the
                        # item holds is the cell's label for them, not content to keep
                        draft.values[block.index, index] = [
                            _TYPOLOGY_WORD.sub("", c) if "type" in found else c
                            for number, c in enumerate(row)
                            if number not in partners
                        ] + named
        elif (block.index, -1) in draft.taken:
            continue
        elif (
            block.kind in ("item", "para")
            and section == "exercices"
            and parse_date(block.text)
            and (block.kind == "item" or "exercice" in plain(block.text))
            and not plain(block.text).startswith("retex")
        ):
            before, after = _split_retex(block.text)
            title, words, values = _bare_title(block.text, before, after)
            _exercise(draft, exercises, title, before, block.text, block, None, after, words=words)
            draft.take(block, values=values)
        elif (
            block.kind in ("item", "para")
            and section in ("exercices", "retex")
            and "retex" in plain(block.text)
            and parse_date(block.text)
        ):
            _retex(draft, block.text, parse_date(block.text), None, block, None)


def _exercise(
    draft: Draft,
    exercises: list[dict[str, Any]],
    title: str,
    when: str,
    kind: str,
    block: Block,
    row: int | None,
    retex: str = "",
    retex_label: str = "RETEX",
    words: str = "",
) -> None:
    day = parse_date(when)
    item: dict[str, Any] = {
        "id": draft.new_id(f"exo-{title[:40]}"),
        "intitule": title.replace("\n", " ")[:500],
    }
    if day is not None:
        item["date"] = day
    elif when:
        item["periode"] = when.replace("\n", " ")[:500]
        item["statut"] = "prevu"
    lowered = plain(kind)
    # « Réunion d'acculturation ; typologie T3 ; 12 participants »: the label the plan
    # prints for the type, before the words of other tools' documents
    item["type"] = choice(kind.split(";")[0].strip(), list(EXERCISE_TYPES)) or next(
        (
            value
            for word, value in (
                ("table", "table"),
                ("terrain", "terrain"),
                ("communication", "communication"),
                ("alerte", "communication"),
                ("escape", "jeu_serieux"),
                ("jeu", "jeu_serieux"),
            )
            if word in lowered
        ),
        MISSING,
    )
    # the type's cell in its own order (« typologies T4, T1 »: the main one first)
    types = typologies_in(title) or list(dict.fromkeys(re.findall(r"\bT[1-5]\b", kind)))
    if types:
        item["typologies"] = types
    count = _PARTICIPANTS.search(kind)
    if count:
        item["participants"] = int(re.sub(r"\D", "", count[1]))
    exercises.append(item)
    draft.take(block, -1 if row is None else row)
    draft.record("exercices", ("anticiper", "exercices", len(exercises) - 1), block, row)
    retex_day = parse_date(retex) if retex else None
    if retex_day is None and day is not None and _SAME_DAY.search(plain(retex)):
        retex_day = day  # « RETEX à chaud le jour même »
    answer = plain(retex).strip(" .")
    if retex_day is not None:
        _retex(draft, item["intitule"], retex_day, item, block, row, words)
    elif answer in _TICKED:  # « RETEX réalisé : ☒ »: a RETEX was made, its date and lessons
        _retex(draft, item["intitule"], MISSING, item, block, row)  # are for the CPTS to write
    elif answer in _UNTICKED:  # « ☐ »: no RETEX, which the plan says by linking none
        pass
    elif retex.strip():  # « prévu en juin »: words, kept as written, not lost
        item["description"] = f"{retex_label or 'RETEX'} : {retex}".replace("\n", " ")[:500]


_TYPOLOGY_WORD = re.compile(r"(?i)\btypologies?\s+(?=T[1-5]\b)")
_PARTICIPANTS = re.compile(r"\b(\d{1,3}(?:[\u00a0\u202f ]\d{3})+|\d{1,4}) participants?\b")
"""« 12 participants », « 1 200 participants » (not « 200 » of it)."""


def _partners(draft: Draft, exercise: dict[str, Any], text: str, label: str) -> list[str]:
    """« SAMU 01, Dr Claire Martin et les mairies » in a « Partenaires » or « Acteurs
    associés » column: the directory entries named, in `partenaires` (ids); the names the
    directory does not hold (« les mairies ») kept as written in the exercise's
    description, after the column's title (« Acteurs associés : les mairies »), not added
    to the directory. Returns the cell's content as its parts (for the coverage check)."""
    from cptsplan.importer.lookup import lookup

    named: list[str] = []
    unnamed: list[str] = []
    parts: list[str] = []
    for part in _PARTS.split(text):
        part = part.strip(_SEPARATORS)
        if not part:
            continue
        found = lookup(draft, part)
        pieces = [p.strip(_SEPARATORS) for p in _PIECES.split(part)]
        whole = len(pieces) == 1 or (found is not None and _is_named(draft, found, part))
        pieces = [part] if whole else pieces
        for piece in (p for p in pieces if p):
            ident = found if whole else lookup(draft, piece)
            (named if ident else unnamed).append(ident or piece)
            parts.append(piece)
    if not exercise.get("intitule"):
        return [text]
    if named:
        exercise["partenaires"] = list(dict.fromkeys(named))
    if unnamed:
        kept = f"{' '.join(label.split()) or 'Partenaires'} : {', '.join(unnamed)}"[:500]
        described = exercise.get("description")
        exercise["description"] = f"{described}\n{kept}" if described else kept
    return parts


_PARTS = re.compile(r"\s*[;\n]\s*")
_PIECES = re.compile(r"\s*,\s*|\s+/\s+|\s+(?:et|&)\s+")


def _is_named(draft: Draft, ident: str, text: str) -> bool:
    """Whether `text` is the whole name of the entry `ident` (« SAMU 59 – Centre 15 »,
    « Dr MARTIN Claire »): a name that holds a comma is not cut at it."""
    entry: dict[str, Any] = next(
        (e for e in draft.data.get("annuaire", []) if e.get("id") == ident), {}
    )
    words = set(re.findall(r"\w+", plain(text))) - {"dr", "docteur", "pr", "m", "mme"}
    name = " ".join(str(entry.get(k) or "") for k in ("prenom", "nom"))
    return words == set(re.findall(r"\w+", plain(name)))


# A form's check box or yes/no answer in a RETEX column (after `plain`).
_TICKED = frozenset({"☒", "☑", "✔", "✓", "x", "oui", "fait", "faite", "realise", "realisee"})
_UNTICKED = frozenset({"☐", "non", "-", "–"})
_SAME_DAY = re.compile(r"a chaud|jour meme|le meme jour")


def _split_retex(text: str) -> tuple[str, str]:
    """« Exercice « Meuse en crue » le 12/03/2026 – RETEX le 26/03/2026 » -> the exercise's
    part and the RETEX's part (each with its own date)."""
    parts = re.split(r"(?i)\bretex\b", text, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (text, "")


def _bare_title(text: str, before: str, after: str) -> tuple[str, str, list[str]]:
    """« Exercice « Meuse en crue » le 12/03/2026 – RETEX le 26/03/2026 » -> the title
    « Exercice « Meuse en crue » », what the RETEX part says besides its date (« à chaud »),
    and the paragraph's content for the coverage check (those and the raw dates): the date
    and the RETEX have their own fields, a title repeating them prints them twice on each
    row of the exercises' table. A title that would be left empty stays whole."""
    title = before if after else text
    raw_dates = []
    spans = dates_in(title)
    if spans:
        (start, end), _day = spans[0]
        raw_dates.append(title[start:end])
        lead = _DATE_LEAD.search(title[:start])
        title = title[: lead.start() if lead else start] + " " + title[end:]
    title = " ".join(title.split()).strip(_SEPARATORS)
    words = after
    retex_spans = dates_in(after)
    if retex_spans:
        (start, end), _day = retex_spans[0]
        raw_dates.append(after[start:end])
        lead = _DATE_LEAD.search(after[:start])
        words = after[: lead.start() if lead else start] + " " + after[end:]
    words = " ".join(words.split()).strip(_SEPARATORS + ")")
    if not any(c.isalpha() for c in title):
        return text, "", [text]
    title = title[:1].upper() + title[1:]  # « Le 14/11/2024, exercice sur table »
    return title, words, [title, words, *raw_dates]


_DATE_LEAD = re.compile(r"(?i)\b(?:le|du|en date du)\s+$")
_SEPARATORS = " \u00a0:;,.–—-(/"


def _retex(
    draft: Draft,
    title: str,
    day: Any,
    exercise: dict[str, Any] | None,
    block: Block,
    row: int | None,
    words: str = "",
) -> None:
    """A RETEX entry (its lessons to write), linked to its exercise; a second mention of the
    same date adds its text as a lesson rather than a second RETEX."""
    retex: list[dict[str, Any]] = draft.section("evaluer").setdefault("retex", [])
    # Two RETEX whose date is still to write are not the same RETEX.
    same = next((r for r in retex if r["date"] == day and day != MISSING), None)
    if same is not None:
        if exercise is None:
            lessons = same["enseignements"]
            if lessons == [f"{MISSING} : ce que le RETEX a appris"]:
                lessons.clear()
            lessons.append(title)
            draft.take(block, -1 if row is None else row)
        return
    entry: dict[str, Any] = {
        "id": draft.new_id(f"retex-{title[:40]}"),
        "intitule": (
            f"RETEX{' ' + words if words else ''} : {exercise['intitule']}" if exercise else title
        )[:500],
        "date": day,
        "origine": "exercice" if exercise or "exercice" in plain(title) else MISSING,
        "enseignements": [title] if exercise is None else [f"{MISSING} : ce que le RETEX a appris"],
    }
    retex.append(entry)
    if exercise is not None:
        exercise["retex"] = entry["id"]
    else:
        draft.take(block, -1 if row is None else row)
    draft.record("retex", ("evaluer", "retex", len(retex) - 1), block, row)


_RETEX_OF = re.compile(r"(?i)\bretex\b[^.;]{0,20}?\b(?:du|le)\s")
STATUSES = (("faite", "faite"), ("fait", "faite"), ("realise", "faite"), ("en cours", "en_cours"))
CORRECTIVE: dict[str, tuple[str, ...]] = {
    "action": ("action", "mesure"),
    "responsable": ("responsable", "pilote", "porteur", "qui"),
    "echeance": ("echeance", "date", "delai"),
    "statut": ("statut", "etat", "avancement"),
}


def read_retex_sections(draft: Draft) -> None:
    """A heading followed by « RETEX du 26 novembre 2024 » (or under a RETEX heading, with a
    date): one RETEX, its lessons the list below, its corrective actions the table below."""
    headings = sorted(draft.headings)
    for number, heading in enumerate(headings):
        end = headings[number + 1] if number + 1 < len(headings) else len(draft.blocks)
        body = draft.blocks[heading + 1 : end]
        dated = next(  # a short line: « Exercice ; RETEX du 26 novembre 2024. »
            (
                b
                for b in body
                if b.kind == "para" and len(b.text) <= 80 and _RETEX_OF.search(b.text)
            ),
            None,
        )
        if dated is None or parse_date(dated.text) is None:
            continue
        lessons = [b for b in body if b.kind == "item"]
        title = re.sub(r"^[\d.]+\s+", "", draft.blocks[heading].text)
        origin = "evenement_reel" if "reel" in plain(dated.text) else "exercice"
        retex: list[dict[str, Any]] = draft.section("evaluer").setdefault("retex", [])
        entry: dict[str, Any] = {
            "id": draft.new_id(f"retex-{title[:40]}"),
            "intitule": title[:500],
            "date": parse_date(dated.text),
            "origine": origin,
            "enseignements": [b.text for b in lessons] or [f"{MISSING} : ce que le RETEX a appris"],
        }
        retex.append(entry)
        # « Exercice ; RETEX du 26 novembre 2024. »: the origin and the date are its content.
        draft.take(dated, values=[str(entry["date"]), origin.replace("_", " ")])
        for block in lessons:
            draft.take(block)
        for block in body:
            if block.kind == "para" and plain(block.text).rstrip(" :") == "enseignements":
                draft.take(block, values=[])  # the label of the list of lessons
            if block.kind == "table" and block.rows:
                _corrective(draft, entry, block)
        draft.record("retex", ("evaluer", "retex", len(retex) - 1), dated)


def _corrective(draft: Draft, entry: dict[str, Any], block: Block) -> None:
    from cptsplan.importer.lookup import lookup

    found = columns(block.rows[0], CORRECTIVE)
    if "action" not in found:
        return
    actions = entry.setdefault("actions_correctives", [])
    draft.take(block, 0)
    for index, row in enumerate(block.rows[1:], start=1):
        text = cell(row, found["action"])
        if not text:
            continue
        status = plain(cell(row, found.get("statut")))
        item: dict[str, Any] = {
            "action": text,
            "responsable": lookup(draft, cell(row, found.get("responsable"))) or MISSING,
            "statut": next((v for w, v in STATUSES if w in status), None)
            or ("a_faire" if "faire" in status else MISSING),
        }
        day = parse_date(cell(row, found.get("echeance")))
        if day is not None:
            item["echeance"] = day
        actions.append(item)
        draft.take(block, index)
