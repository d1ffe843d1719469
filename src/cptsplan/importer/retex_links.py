"""An exercise linked to its RETEX by the note its title ends with: the exercises' table
prints « Premier test de la chaîne d'alerte (RETEX du 26 novembre 2024) » or « … (RETEX :
Exercice PPI du site du Pont-de-Lys (participation de la CPTS)) », and the RETEX is read
from its own section (exercises.read_retex_sections). The note names the RETEX by its date
(by its title too when several share that date) or by its title; once the link is made the
note leaves the title, where it would be printed twice. A note that names no RETEX of the
document, or several, stays in the title: nothing is lost, nothing is guessed."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.dates import dates_in
from cptsplan.importer.draft import Draft
from cptsplan.importer.sections import plain

_NOTE_OPENING = re.compile(r"\s\((?=retex\b)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{4,}")


def link_exercises_to_retex(draft: Draft) -> None:
    evaluer = draft.data.get("evaluer", {})
    anticiper = draft.data.get("anticiper", {})
    retex: list[dict[str, Any]] = evaluer.get("retex", []) if isinstance(evaluer, dict) else []
    exercises = anticiper.get("exercices", []) if isinstance(anticiper, dict) else []
    if not retex or not exercises:
        return
    linked = {e.get("retex") for e in exercises if isinstance(e, dict)}
    for index, exercise in enumerate(exercises):
        if not isinstance(exercise, dict) or exercise.get("retex"):
            continue
        title = exercise.get("intitule")
        if not isinstance(title, str):
            continue
        note = retex_note(title)
        if note is None:
            continue
        bare = title[: len(title) - len(note)].rstrip()
        free = [r for r in retex if isinstance(r, dict) and r.get("id") not in linked]
        found = _named(note, bare, free)
        if found is None or not bare:
            continue
        exercise["retex"] = found["id"]
        exercise["intitule"] = bare
        linked.add(found["id"])
        _keep_coverage(draft, index, note, found)


def retex_note(title: str) -> str | None:
    """« (RETEX du 26 novembre 2024) » at the end of `title` (with the space before it),
    brackets inside the note included (« (RETEX : Exercice PPI (participation)) »)."""
    if not title.rstrip().endswith(")"):
        return None
    end = len(title.rstrip())
    for match in _NOTE_OPENING.finditer(title):
        inside = title[match.end() : end - 1]
        if _balanced(inside):
            return title[match.start() :]
    return None


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _named(note: str, title: str, retex: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The one RETEX the note names: « RETEX du <date> » by its date (several that day: the
    one whose title shares the most words with the exercise's), « RETEX : <titre> » by its
    title; None when it names none or cannot choose."""
    said = note.strip()[1:-1].strip()  # « RETEX du 26 novembre 2024 »
    rest = re.sub(r"(?i)^retex\s*", "", said)
    if rest.startswith(":"):
        wanted = plain(rest[1:]).strip(" .")
        same = [
            r
            for r in retex
            if isinstance(r.get("intitule"), str)
            and re.sub(r"^retex\s*:\s*", "", plain(r["intitule"])).strip(" .") == wanted
        ]
        return same[0] if len(same) == 1 else None
    if not re.match(r"(?i)(?:du|de|d')\s*", rest):
        return None
    dated = {day for _, day in dates_in(rest)}
    if len(dated) != 1:  # none, or several RETEX named (« du 3 avril … et du 5 avril … »)
        return None
    (day,) = dated
    same = [r for r in retex if r.get("date") == day]
    if len(same) <= 1:
        return same[0] if same else None
    words = {w.casefold() for w in _WORD.findall(plain(title))}
    scores = sorted(
        ((len(words & {w.casefold() for w in _WORD.findall(plain(str(r.get("intitule"))))}), n)
         for n, r in enumerate(same)),
        reverse=True,
    )  # fmt: skip
    if scores[0][0] == 0 or scores[0][0] == scores[1][0]:
        return None
    return same[scores[0][1]]


def _keep_coverage(draft: Draft, index: int, note: str, retex: dict[str, Any]) -> None:
    """The row the exercise was read from still counts as placed: its note is the RETEX's
    date (or title), which the linked RETEX holds, so the RETEX is one of the row's items
    for the coverage check (its origin stays its own section)."""
    path = ["anticiper", "exercices", index]
    for key, paths in draft.placed.items():
        if any(list(p) == path for p in paths):
            retex_path = ("evaluer", "retex", draft.data["evaluer"]["retex"].index(retex))
            paths.append(retex_path)
            block = draft.blocks[key[0]]
            content = draft.values.get(
                key, block.rows[key[1]] if key[1] >= 0 and block.rows else [block.text]
            )
            # « RETEX du 26 novembre 2024 » -> « 26 novembre 2024 », what the RETEX holds
            said = _NOTE_WORDS.sub("", note.strip()[1:-1])
            draft.values[key] = [c.replace(note.strip(), " ") for c in content] + [said]
            return


_NOTE_WORDS = re.compile(r"(?i)^retex\s*(?::|du\b|de\b|d')?\s*")
