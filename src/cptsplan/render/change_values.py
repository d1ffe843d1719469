"""Values of the change annex as the document prints them, not as the YAML holds them.

The annex sent to the ARS with a new version read « ~~transmis~~ **pret_a_transmettre** »,
« 2027-10-15 », « samu-59 », « (exo-2027-lys-deule) »: codes a reviewer cannot read. Here a
choice becomes its French label (« Prêt à transmettre »), a date is written out (« 15
octobre 2027 »), an identifier becomes the name of what it designates (the directory's
« SAMU 59 – Centre 15 », an exercise's title).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from cptsplan.diff.labels import item_name
from cptsplan.messages import vocabulary
from cptsplan.messages.field_labels import schema_at
from cptsplan.render.filters import date_fr
from cptsplan.schema.periods import PERIOD_COMMENT, parse_period
from cptsplan.schema.references import ID_COLLECTIONS, get_at

_POSITION = re.compile(r"\[[^\]]*\]")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_VOCABULARIES = [
    value
    for name, value in vars(vocabulary).items()
    if name.isupper() and isinstance(value, dict) and all(isinstance(k, str) for k in value)
]


def schema_path(path: str) -> tuple[str | int, ...]:
    """`anticiper.exercices[exo-1].statut` -> ("anticiper", "exercices", 0, "statut")."""
    parts: list[str | int] = []
    for piece in path.split("."):
        name = _POSITION.sub("", piece)
        if name:
            parts.append(name)
        parts.extend(0 for _ in _POSITION.findall(piece))
    return tuple(parts)


class Readable:
    """Turns the values of one side of a comparison into what the document prints."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.names: dict[str, dict[str, str]] = {}
        for kind, where in ID_COLLECTIONS.items():
            self.names[kind] = {
                str(item["id"]): name
                for item in get_at(data, where) or []
                if isinstance(item, dict) and "id" in item and (name := item_name(item))
            }

    def value(self, path: str, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(self.value(path + "[0]", item) for item in value)
        schema = schema_at(schema_path(path)) or {}
        if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
            try:
                return date_fr(date.fromisoformat(str(value)))
            except ValueError:
                return str(value)
        if isinstance(value, str) and schema.get("$comment") == PERIOD_COMMENT:
            found = parse_period(value)  # « 2025-S2 » is printed « 2e semestre 2025 »
            if found is not None:
                return found.label
        text = str(value)
        kind = _reference_kind(schema)
        if kind is not None:
            return self.names.get(kind, {}).get(text, text)
        choices = schema.get("enum")
        if isinstance(choices, list) and text in choices:
            return _choice_label(text, choices)
        if isinstance(value, bool):
            return "oui" if value else "non"
        return text


def _reference_kind(schema: dict[str, Any]) -> str | None:
    found = schema.get("x-cptsplan-ref")
    if isinstance(found, str):
        return found
    for branch in schema.get("anyOf", []):
        if isinstance(branch, dict) and isinstance(branch.get("x-cptsplan-ref"), str):
            return str(branch["x-cptsplan-ref"])
    return None


def _choice_label(value: str, choices: list[Any]) -> str:
    """The label of the vocabulary that names these very choices."""
    wanted = {str(choice) for choice in choices} - {"A_COMPLETER"}
    for labels in _VOCABULARIES:
        if wanted <= set(labels) and value in labels:
            return str(labels[value])
    for labels in _VOCABULARIES:
        if value in labels:
            return str(labels[value])
    return value.replace("_", " ")
