"""A name written in the document (« Dr Claire Vandamme », « VANDAMME Claire », « SAMU 59 »)
resolved to its directory entry's id, or a new entry named as the document writes it."""

from __future__ import annotations

import functools
import re
from typing import Any

from cptsplan.importer.draft import MISSING, Draft
from cptsplan.importer.person_names import TITLES, looks_like_a_name
from cptsplan.importer.sections import plain
from cptsplan.messages.categories import unwritten_category


def short_text(text: str) -> str:
    text = text.replace("\n", " ").strip()
    return text if len(text) <= 500 else text[:497] + "..."


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", plain(text))


def names_of(entry: dict[str, Any]) -> tuple[str, ...]:
    return _name_words(f"{entry.get('prenom') or ''} {entry.get('nom') or ''}")


@functools.lru_cache(maxsize=8192)
def _name_words(name: str) -> tuple[str, ...]:
    # Every entry's name words are wanted at each lookup (a few hundred lookups in a plan of
    # a few hundred contacts): cached by the name itself, which an entry may still change.
    return tuple(w for w in _tokens(name) if w not in TITLES)


def _positions(draft: Draft, text: str, people_only: bool) -> list[tuple[int, int, str]]:
    """(position, number of name words, id) of each directory entry all of whose name words
    appear in `text`, in any order (« ROUSSEAU Agnès », « Dr Agnès Rousseau »)."""
    words = _tokens(text)
    where = {word: index for index, word in reversed(list(enumerate(words)))}
    found = []
    for entry in draft.data.get("annuaire", []):
        if people_only and entry.get("type") != "personne":
            continue
        names = names_of(entry)
        if not names or (len(names) == 1 and len(names[0]) < 4):
            continue
        if all(name in where for name in names):
            found.append((min(where[n] for n in names), len(names), str(entry["id"])))
    return found


def lookup(draft: Draft, text: str, create: str | None = None) -> str | None:
    """The id of the directory entry named in `text` (« Dr Claire Vandamme », « VANDAMME
    Claire », « SAMU 59 »): the one with the most name words; with `create` (personne or
    organisme), a new entry named as the text says when none matches (the name is the
    document's, nothing is invented)."""
    if not plain(text).strip() or plain(text).strip() == plain(MISSING):
        return None
    found = _positions(draft, text, people_only=False)
    if found:
        return max(found, key=lambda item: (item[1], -item[0]))[2]
    if create is None:
        return None
    name = short_text(text.split("\n")[0].split(":")[0].strip(" -–,;"))
    if not name or (create == "personne" and not looks_like_a_name(name)):
        return None  # « Médecin généraliste », « la présidente »: a role, not someone to add
    entry_id = draft.new_id(name)
    entry = {"id": entry_id, "type": create, "nom": name}
    # « ARS Occitanie – DD31 » named as a transmission's recipient: its name states the
    # category, as for the directory's own rows; without it the plan's transmission to the
    # ARS did not count (« Transmission à l'ARS : non » in the grid).
    if named := unwritten_category(entry):
        entry["categorie"] = named
    draft.data.setdefault("annuaire", []).append(entry)
    return entry_id


def mentioned(draft: Draft, text: str) -> list[str]:
    """Ids of the people of the directory named in `text`, in the order they appear."""
    found = [item for item in _positions(draft, text, people_only=True) if item[1] >= 2]
    return list(dict.fromkeys(ident for _p, _n, ident in sorted(found)))
