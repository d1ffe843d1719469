"""A key the schema does not know: the key that was meant (« vouliez-vous dire … ? »), or
the section where it belongs when it was written in the wrong one."""

from __future__ import annotations

import difflib
import unicodedata
from typing import TYPE_CHECKING

from cptsplan.findings.problems import Problem
from cptsplan.load.loader import JsonPath
from cptsplan.messages.field_labels import field_label, schema_at
from cptsplan.messages.make import Locator
from cptsplan.messages.make import make as _make

if TYPE_CHECKING:  # imported when a plan has errors to explain
    from jsonschema import ValidationError

MAX_UNKNOWN_KEYS = 201
"""Unknown keys of one section that are described (each is compared with every allowed
key); past the plan's error limit they would not be shown anyway."""


def unknown_keys(error: ValidationError, path: JsonPath, locate: Locator) -> list[Problem]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    allowed = sorted(error.schema.get("properties", {}))
    problems = []
    extras = [key for key in instance if key not in allowed][:MAX_UNKNOWN_KEYS]
    for extra in extras:
        close = closest_key(extra, allowed)
        if close is not None and close in instance and not nearly(extra, close):
            close = None  # `anciens_referents` beside `referents_sse`: not a misspelling
        home = None if close else _home(extra, path)
        if close:
            hint = f"vouliez-vous dire « {close} » ?"
        elif home is not None:
            hint = home
        else:
            hint = "clés possibles ici : " + ", ".join(allowed)
        where = field_label(path) if path else "le premier niveau du plan"
        problems.append(
            _make(
                locate,
                (*path, extra),
                "schema-cle-inconnue",
                f"clé inconnue « {extra} » dans {where}",
                hint,
                key=True,
            )
        )
    return problems


def closest_key(key: str, allowed: list[str]) -> str | None:
    matches = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    # The noun for the verb (« evaluation », « pilotage », « anticipation » for the trame's
    # « evaluer », « piloter », « anticiper »): too different for difflib, but the same word.
    stem = _plain(key)
    shared = {name: _common_start(stem, _plain(name)) for name in allowed}
    best = max(shared.values(), default=0)
    found = [name for name, length in shared.items() if length == best]
    if best >= 5 and len(found) == 1 and best >= 0.6 * len(found[0]):
        return found[0]
    return None


def _plain(text: str) -> str:
    letters = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in letters if not unicodedata.combining(c))


def _common_start(one: str, other: str) -> int:
    length = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        length += 1
    return length


def _home(key: str, path: JsonPath) -> str | None:
    """Where `key` belongs when it is a section or a field of another part of the plan: a
    block pasted under the wrong theme (`retex:` under `piloter:`) was answered with the
    keys allowed there, which do not say where to move it."""
    sections = (schema_at(()) or {}).get("properties", {})
    if path and key in sections:
        return (
            f"« {key} » est une section du premier niveau du plan : écrivez « {key}: » tout à "
            "gauche, sans espace devant, et ce qu'elle contient en retrait sous elle"
        )
    homes = [
        name
        for name in sections
        if (name,) != tuple(path) and key in (schema_at((name,)) or {}).get("properties", {})
    ]
    if len(homes) != 1:
        return None
    return (
        f"« {key} » fait partie de la section « {homes[0]} » : déplacez ce bloc sous la "
        f"ligne « {homes[0]}: » (en retrait de 2 espaces)"
    )


NEARLY = 0.85
"""Similarity above which a written key is taken for a known one misspelt."""


def nearly(one: str, other: str) -> bool:
    """Whether `one` is `other` misspelt (case and accents aside): the suggestion the
    message makes, and the section schema_check/misspelt.py checks the content as."""
    return difflib.SequenceMatcher(a=_plain(one), b=_plain(other)).ratio() >= NEARLY
