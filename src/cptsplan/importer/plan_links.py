"""The parts of an « Articulation avec les autres plans » row that the plan prints together
in one cell: « Plan ORSAN (ARS), niveau régional » (the type and the level), « PCS de
Merlinghem-sur-Lys (5 février 2024) ; commune : Merlinghem-sur-Lys (code INSEE 59701) »
(the title, its version or date, the commune). generic.py reads the row by its columns; this
splits those cells into their fields. A commune is linked only by a code of the territory's
communes (whose name the plan holds there); anything else stays in the title as written."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.choices import choice, vocabularies
from cptsplan.importer.dates import parse_date
from cptsplan.importer.draft import Draft
from cptsplan.importer.sections import plain

_COMMUNE = re.compile(
    r"(?:^|\s*;\s*)commune\s*:\s*(?P<name>[^;]+?)\s*"
    r"\(code INSEE (?P<code>[0-9]{5}|2[AB][0-9]{3})\)\s*$",
    re.IGNORECASE,
)
_LEVEL = re.compile(r",\s*niveau\s+(?P<level>[^,;]+)$", re.IGNORECASE)
_LEVELS = ["local", "departemental", "regional", "national"]


def split_plan_links(draft: Draft) -> None:
    piloter = draft.data.get("piloter")
    links = piloter.get("articulation_plans") if isinstance(piloter, dict) else None
    if not isinstance(links, list):
        return
    territory = draft.data.get("territoire")
    communes = territory.get("communes", []) if isinstance(territory, dict) else []
    codes = {c.get("code_insee") for c in communes if isinstance(c, dict)}
    for index, item in enumerate(links):
        if not isinstance(item, dict):
            continue
        key = _row_of(draft, index)
        if key is None:
            continue
        cells = list(draft.values.get(key, _cells(draft, key)))
        if "niveau" not in item:
            _level(item, cells)
        _type_and_level(item, cells)
        title = item.get("intitule")
        if isinstance(title, str):
            found = _COMMUNE.search(title)
            if found and found["code"] in codes and "commune" not in item:
                item["commune"] = found["code"]
                title = title[: found.start()].strip()
                # the row's cell holds the commune's name: the territory holds it, the link
                # its code (the coverage check compares the cell with what the item holds)
                cells = [c.replace(found.group(0).strip(" ;"), found["code"]) for c in cells]
            found_version = _version(title) if "version" not in item else None
            if found_version is not None:
                item["version"], opening = found_version
                title = title[:opening].strip()  # « ( 5 février 2024 ) »: spaces inside
            if title:
                item["intitule"] = title
            elif "commune" in item:  # « Commune : X (code INSEE …) »: the commune says it
                del item["intitule"]
        draft.values[key] = cells


def _row_of(draft: Draft, index: int) -> tuple[int, int] | None:
    path = ("piloter", "articulation_plans", index)
    return next((k for k, paths in draft.placed.items() if path in map(tuple, paths)), None)


def _cells(draft: Draft, key: tuple[int, int]) -> list[str]:
    block = draft.blocks[key[0]]
    return block.rows[key[1]] if block.kind == "table" and key[1] >= 0 else [block.text]


def _level(item: dict[str, Any], cells: list[str]) -> None:
    """« Plan ORSAN (ARS), niveau régional »: the level the type's cell ends with."""
    for text in cells:
        found = _LEVEL.search(text.strip())
        if found:
            level = choice(found["level"], _LEVELS)
            if level is not None:
                item["niveau"] = level
            return


def _type_and_level(item: dict[str, Any], cells: list[str]) -> None:
    """« Plan ORSAN (ARS), niveau régional », « Plan blanc / PGTHSSE »: the cell is the
    item's type (its printed label) and level; for the coverage check it is then their codes
    (the label's pieces, cut at « / » and « , », are no text of the plan)."""
    kind, level = item.get("plan"), item.get("niveau")
    if not isinstance(kind, str):
        return
    labels = {plain(kind)} | {plain(v[kind]) for v in vocabularies() if kind in v}
    for index, text in enumerate(cells):
        head, found = text.strip(), _LEVEL.search(text.strip())
        if found and level and choice(found["level"], _LEVELS) == level:
            head = head[: found.start()].strip()
        elif found:
            continue
        if plain(head) in labels:
            cells[index : index + 1] = [kind, str(level)] if found else [kind]
            return


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_SIGLE_AND_YEAR = re.compile(r"[A-Z0-9-]+\s+(?:19|20)\d{2}")


def _version(title: str) -> tuple[str, int] | None:
    """« Schéma ORSAN (Version révisée de 2024) », « PCS de X (5 février 2024) »: the
    brackets the title ends with when they hold a version or only a date (the renderer
    prints the version there), and where they open; other brackets are part of the title."""
    if not title.endswith(")"):
        return None
    depth = 0
    for position in range(len(title) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(title[position], 0)
        if depth == 0:
            inside = title[position + 1 : -1].strip()
            if position == 0 or title[position - 1] != " " or not inside:
                return None
            said = plain(inside)
            if said.startswith("version") or (
                parse_date(inside) is not None and len(re.sub(r"\(.*\)", "", inside)) <= 20
            ):
                return inside, position
            # « (Dispositions générales de 2023, PPI de 2022) », « (Janvier 2025) »: a
            # bracket dated by a year is the version the CPTS follows (the renderer prints
            # the version there); « (PPRI 2019) », a sigle and its year, names the plan.
            if (
                _YEAR.search(inside)
                and len(inside) <= 160
                and not _SIGLE_AND_YEAR.fullmatch(inside)
            ):
                return inside, position
            return None
    return None
