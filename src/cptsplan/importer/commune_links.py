"""The communes table's last two links: a commune's town hall and its zone.

« Merlinghem-sur-Lys (mairie : Mairie de Merlinghem-sur-Lys (et CCAS)) » names the town hall
after the commune: it becomes `mairie`, the id of that directory entry, but only when the
bracket is exactly the name of an entry (a phone number or a person's name in it stays in
the commune's name, as the document wrote it). A « Zone » column names the commune's zone:
it becomes `zone`, the id of the zone of that name; when the plan has no zone at all, each
name the column gives is a zone of its own (the document names it; nothing else of it is
said, so nothing else is written)."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.draft import Draft, Path
from cptsplan.importer.sections import plain

_TOWN_HALL = re.compile(r"^(?P<nom>[^()]+?)\s*\(\s*mairie\s*:\s*(?P<who>.+)\)\s*$", re.I | re.S)
_ZONE_HEADER = re.compile(r"^(?:sous-)?(?:zone|secteur)s?\b")


def _name(entry: dict[str, Any]) -> str:
    return plain(" ".join(str(entry.get(k) or "") for k in ("prenom", "nom"))).strip()


def link_communes(draft: Draft) -> None:
    territoire = draft.data.get("territoire")
    communes = territoire.get("communes") if isinstance(territoire, dict) else None
    if not isinstance(territoire, dict) or not isinstance(communes, list):
        return
    entries = {
        _name(e): e["id"]
        for e in draft.data.get("annuaire", [])
        if isinstance(e, dict) and e.get("id")
    }
    zones: list[Any] = territoire.get("zones") or []
    may_create = not zones
    by_name = {
        plain(str(z["nom"])).strip(): index
        for index, z in enumerate(zones)
        if isinstance(z, dict) and z.get("nom") and z.get("id")
    }
    for (index, row), paths in list(draft.placed.items()):
        for path in paths:
            if len(path) != 3 or path[:2] != ("territoire", "communes"):
                continue
            commune = communes[int(path[2])]
            block = draft.blocks[index]
            if block.kind != "table" or not isinstance(commune, dict) or row < 1:
                continue
            cells = block.rows[row]
            content = list(draft.values.get((index, row), cells))
            _town_hall(commune, content, entries)
            column = next(
                (n for n, t in enumerate(block.rows[0]) if _ZONE_HEADER.match(plain(t).strip())),
                None,
            )
            name = cells[column].strip() if column is not None and column < len(cells) else ""
            if name and "zone" not in commune and "\n" not in name and len(name) <= 80:
                found = by_name.get(plain(name).strip())
                if found is None and may_create:
                    zones.append({"id": draft.new_id(f"zone-{name}"), "nom": name})
                    territoire["zones"] = zones
                    found = by_name[plain(name).strip()] = len(zones) - 1
                    draft.record("territoire", ("territoire", "zones", found), block, row)
                if found is not None:
                    commune["zone"] = zones[found]["id"]
                    zone_path: Path = ("territoire", "zones", found)
                    draft.placed.setdefault((index, row), []).append(zone_path)
            if content != cells:
                draft.values[index, row] = content


def _town_hall(commune: dict[str, Any], content: list[str], entries: dict[str, str]) -> None:
    """« X (mairie : Mairie de X) » → nom X, mairie: the entry's id; the cell's content is
    then the commune's name and the entry's (which the row's item names)."""
    match = _TOWN_HALL.match(str(commune.get("nom", "")))
    if match is None or "mairie" in commune:
        return
    entry = entries.get(plain(match.group("who")).strip())
    if entry is None:
        return
    printed = commune["nom"]
    commune["nom"] = match.group("nom").strip()
    commune["mairie"] = entry
    for n, text in enumerate(content):
        if text.replace("\n", " ").strip() == printed:
            content[n : n + 1] = [commune["nom"], match.group("who").strip()]
            break
