"""The columns of the « Activations réelles du plan » table that generic.py cannot map to
one field each: « Période » (« du 30 juin 2025 au 4 juillet 2025 (5 jours, dont 2 …) » ->
the first and last day, the duration when it says more than the count of days), « Demandée
par » (directory entries), « Mobilisation » (« 46 professionnels ; 412 actions ») and
« RETEX » (the title of a RETEX of the document, linked). What a cell says otherwise is not
read: the row then stays as imported text, as before."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from cptsplan.importer.dates import parse_date
from cptsplan.importer.draft import Draft
from cptsplan.importer.sections import plain

_SPAN = re.compile(r"^du (?P<start>.+?) au (?P<end>[^()]+?)(?:\s*\((?P<note>.*)\))?\s*$")
_SINCE = re.compile(r"^depuis (?:le )?(?P<start>[^()]+?)(?:\s*\((?P<note>.*)\))?\s*$")
_DAY = re.compile(r"^le (?P<start>[^()]+?)(?:\s*\((?P<note>.*)\))?\s*$")
_COUNT = re.compile(
    r"(?P<count>\d{1,3}(?:[\u00a0\u202f ]\d{3})+|\d+)\s+(?P<unit>professionnel|action)s?"
)
"""One part of the cell as the plan prints it (« 46 professionnels », « 1 200 actions »)."""
_TO_COMPLETE = re.compile(r"(?:professionnels?|actions?)\s*:\s*[àa] compl[ée]ter", re.IGNORECASE)


def read_activation_columns(draft: Draft) -> None:
    evaluer = draft.data.get("evaluer")
    activations = evaluer.get("activations") if isinstance(evaluer, dict) else None
    if not isinstance(activations, list):
        return
    for index, item in enumerate(activations):
        path = ("evaluer", "activations", index)
        key = next((k for k, ps in draft.placed.items() if path in map(tuple, ps)), None)
        block = draft.blocks[key[0]] if key else None
        if key is None or block is None or block.kind != "table" or key[1] < 1:
            continue
        header = [plain(c) for c in block.rows[0]]
        cells = list(draft.values.get(key, block.rows[key[1]]))
        replaced: dict[int, list[str]] = {}
        for column, name in enumerate(header):
            text = block.rows[key[1]][column] if column < len(block.rows[key[1]]) else ""
            if not text.strip() or column >= len(cells) or cells[column] != text:
                continue
            said: list[str] | None = None
            if name.startswith("periode") and not _known(item.get("debut")):
                said = _period(item, text)
            elif name.startswith("demande") and "demande_par" not in item:
                said = _requested(draft, item, text)
            elif name.startswith("mobilisation"):
                said = _mobilised(item, text)
            elif name.startswith("retex") and "retex" not in item:
                said = _retex(draft, item, text)  # only the RETEX's exact title
            if said is not None:
                replaced[column] = said
        draft.values[key] = [p for n, c in enumerate(cells) for p in replaced.get(n, [c])]


def _known(value: Any) -> bool:
    return isinstance(value, date)


def _period(item: dict[str, Any], text: str) -> list[str] | None:
    """The dates and the duration of « du X au Y (note) », « depuis le X », « le X »."""
    said = " ".join(text.split())
    for pattern in (_SPAN, _SINCE, _DAY):
        found = pattern.match(said)
        if not found:
            continue
        start = parse_date(found["start"])
        end = parse_date(found.groupdict().get("end") or "") if pattern is _SPAN else None
        if start is None or (pattern is _SPAN and end is None):
            return None
        item["debut"] = start
        if pattern is _DAY:
            end = start
        if end is not None:
            item["fin"] = end
        note = found["note"] or ""
        counted = (end - start).days + 1 if end is not None else None
        if note and note != f"{counted} jour{'s' if counted and counted > 1 else ''}":
            item["duree"] = note
        return [found["start"], *([found["end"]] if pattern is _SPAN else []), note]
    return None


def _requested(draft: Draft, item: dict[str, Any], text: str) -> list[str] | None:
    from cptsplan.importer.lookup import lookup

    names = [n for n in re.split(r"\s*;\s*|\n", text) if n.strip()]
    found = [lookup(draft, n) for n in names]
    if not names or None in found:
        return None  # one name the directory does not hold: the cell stays as it is
    item["demande_par"] = list(dict.fromkeys(f for f in found if f))
    return names


def _mobilised(item: dict[str, Any], text: str) -> list[str] | None:
    """« 46 professionnels ; 412 actions », and nothing else: searched for in any text, a
    year before the count (« en 2025 46 professionnels ») was read as 202546, and « 46
    professionnels contactés, dont 12 mobilisés » as 46 mobilised."""
    counts: dict[str, int] = {}
    for part in text.split(";"):
        found = _COUNT.fullmatch(part.strip())
        if found is not None and found["unit"] not in counts:
            counts[found["unit"]] = int(re.sub(r"\D", "", found["count"]))
        elif not _TO_COMPLETE.fullmatch(part.strip()):
            return None  # the cell says more: it stays as it is
    if not counts:
        return None
    if "professionnel" in counts and "professionnels_mobilises" not in item:
        item["professionnels_mobilises"] = counts["professionnel"]
    if "action" in counts and "nombre_actions" not in item:
        item["nombre_actions"] = counts["action"]
    return [text]


def _retex(draft: Draft, item: dict[str, Any], text: str) -> list[str] | None:
    evaluer = draft.data.get("evaluer", {})
    wanted = plain(" ".join(text.split())).strip(" .")
    same = [
        r
        for r in evaluer.get("retex", [])
        if isinstance(r, dict) and plain(str(r.get("intitule", ""))).strip(" .") == wanted
    ]
    if len(same) != 1:
        return None
    item["retex"] = same[0]["id"]
    return [same[0]["id"]]  # the cell is the RETEX's title, the item holds its id
