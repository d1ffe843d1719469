"""Identifiers of imported directory entries: each unique in the plan, and the « Suppléant »
column turned into a reference to another entry when it names one."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

MAX_ID = 60


def slug(text: str) -> str:
    """'Dr Hélène Dewaele' -> 'dr-helene-dewaele' (an identifier of the format)."""
    decomposed = unicodedata.normalize("NFKD", text).lower()
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9]+", ascii_text)
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > MAX_ID:
            break
        result = candidate
    return result or "entree"


def assign_ids(entries: Iterable[dict[str, Any]], taken: set[str]) -> int:
    """Every entry gets a unique id: its own when it has a free one, else slugified from
    'Prénom Nom' (an organisation: its name), with -2, -3... when already taken. Each base
    remembers its last number, so that 20,000 homonyms cost 20,000 tries, not 200 million.
    Returns the number of candidates tried (the tests bound the cost by it)."""
    used = set(taken)
    last: dict[str, int] = {}
    tries = 0
    for entry in entries:
        wanted = entry.pop("id", None)
        base = (
            wanted
            if wanted and wanted not in used
            else slug(" ".join(str(entry.get(part, "")) for part in ("prenom", "nom")))
        )
        number = last.get(base, 0) + 1
        candidate = base if number == 1 else f"{base}-{number}"
        tries += 1
        while candidate in used:
            number += 1
            candidate = f"{base}-{number}"
            tries += 1
        last[base] = number
        used.add(candidate)
        entry["id"] = candidate
    return tries


def resolve_deputies(entries: list[dict[str, Any]], taken: set[str]) -> None:
    """A « Suppléant » column names another entry (its id, or its name as the export writes
    it, « Bruno Caron (06 39 98 10 02) »): it becomes a reference when that entry is found
    among the imported ones or the plan's ids, else it stays in « remarques »."""
    names: dict[str, str] = {}
    for entry in entries:
        full = " ".join(str(entry.get(part, "")) for part in ("prenom", "nom")).strip()
        names.setdefault(full, entry["id"])
    ids = taken | {entry["id"] for entry in entries}
    for entry in entries:
        written = entry.pop("suppleant", None)
        if not written:
            continue
        bare = re.sub(r"\s*\([^()]*\)$", "", written).strip()
        found = next(
            (
                candidate
                for candidate in (
                    written if written in ids else None,
                    names.get(written),
                    names.get(bare),
                )
                if candidate and candidate != entry["id"]
            ),
            None,
        )
        if found:
            entry["suppleant"] = found
        else:
            note = f"Suppléant : {written}"
            entry["remarques"] = (
                f"{entry['remarques']} ; {note}" if entry.get("remarques") else note
            )
