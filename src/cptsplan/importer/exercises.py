"""Exercises and their RETEX: from a table (Exercice | Date | Type | RETEX, in any order), from
list items or paragraphs with a date under an exercises heading (« Le 14/11/2024, exercice
sur table... », « Exercice « Meuse en crue » le 12/03/2026 – RETEX le 26/03/2026 »). A RETEX
date found with an exercise gives a RETEX entry linked to it, its lessons left to write."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.dates import parse_date
from cptsplan.importer.draft import MISSING, Draft
from cptsplan.importer.read import Block
from cptsplan.importer.sections import plain, typologies_in
from cptsplan.importer.tables import cell, columns

EXERCISE_COLUMNS: dict[str, tuple[str, ...]] = {
    "retex": ("retex", "retour d'experience"),
    "intitule": ("exercice", "intitule", "theme", "scenario", "objet"),
    "date": ("date", "periode", "quand"),
    "type": ("type", "format", "modalite"),
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
                        )
        elif (
            block.kind in ("item", "para")
            and section == "exercices"
            and parse_date(block.text)
            and (block.kind == "item" or "exercice" in plain(block.text))
            and not plain(block.text).startswith("retex")
        ):
            before, after = _split_retex(block.text)
            _exercise(draft, exercises, block.text, before, block.text, block, None, after)
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
    item["type"] = next(
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
    types = typologies_in(title)
    if types:
        item["typologies"] = types
    exercises.append(item)
    draft.take(block, -1 if row is None else row)
    draft.record("exercices", ("anticiper", "exercices", len(exercises) - 1), block, row)
    retex_day = parse_date(retex) if retex else None
    if retex_day is None and day is not None and _SAME_DAY.search(plain(retex)):
        retex_day = day  # « RETEX à chaud le jour même »
    if retex_day is not None:
        _retex(draft, item["intitule"], retex_day, item, block, row)


_SAME_DAY = re.compile(r"a chaud|jour meme|le meme jour")


def _split_retex(text: str) -> tuple[str, str]:
    """« Exercice « Meuse en crue » le 12/03/2026 – RETEX le 26/03/2026 » -> the exercise's
    part and the RETEX's part (each with its own date)."""
    parts = re.split(r"(?i)\bretex\b", text, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (text, "")


def _retex(
    draft: Draft,
    title: str,
    day: Any,
    exercise: dict[str, Any] | None,
    block: Block,
    row: int | None,
) -> None:
    """A RETEX entry (its lessons to write), linked to its exercise; a second mention of the
    same date adds its text as a lesson rather than a second RETEX."""
    retex: list[dict[str, Any]] = draft.section("evaluer").setdefault("retex", [])
    same = next((r for r in retex if r["date"] == day), None)
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
        "intitule": (f"RETEX : {exercise['intitule']}" if exercise else title)[:500],
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
