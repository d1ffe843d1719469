"""French labels for the diff: section titles and field titles from the schema (the titles the
format documentation and the rendered document use), item names as the document shows them."""

from __future__ import annotations

from typing import Any

from cptsplan.messages.field_labels import schema_at
from cptsplan.messages.shortening import shorten
from cptsplan.schema.placeholders import DISPLAY, is_marker
from cptsplan.schema.references import KIND_LABELS

NAME_KEYS = ("titre", "intitule", "nom", "libelle", "tache", "terme", "legende", "action")


def title(path: tuple[str | int, ...]) -> str:
    schema = schema_at(path) if path else None
    found = schema.get("title") if schema else None
    last = path[-1] if path else ""
    return str(found) if found else str(last).replace("_", " ")


def schema_order(path: tuple[str | int, ...]) -> list[str]:
    """The keys of the section at `path` in the order the schema lists them."""
    schema = schema_at(path)
    return list(schema.get("properties", {})) if schema else []


def item_name(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    for key in NAME_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value and not is_marker(value):
            if key == "nom" and isinstance(item.get("prenom"), str):
                return f"{item['prenom']} {value}"
            return value
    return None


def element_label(kind: str, identifier: str, item: Any) -> str:
    name = item_name(item)
    base = KIND_LABELS.get(kind, kind)
    return f"{base} « {shorten(name, 80)} » ({identifier})" if name else f"{base} {identifier}"


def field_path_label(path: tuple[str | int, ...], start: int) -> str:
    """« Actions par phase n° 4 › Action »: titles of the path parts after `start`."""
    parts: list[str] = []
    for index in range(start, len(path)):
        part = path[index]
        if isinstance(part, int):
            parts.append(f"n° {part + 1}")
        else:
            parts.append(title(path[: index + 1]))
    return " › ".join(parts).replace(" › n° ", " n° ")


def summary(value: Any, limit: int = 100) -> str:
    """A value in a few words, for a line of the report."""
    if value is None:
        return "(vide)"
    if isinstance(value, str):
        return DISPLAY if is_marker(value) else f"« {shorten(value, limit)} »"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        name = item_name(value)
        if name:
            return f"« {shorten(name, limit)} »"
        texts = [v for v in value.values() if isinstance(v, str)]
        return f"« {shorten(texts[0], limit)} »" if texts else "une section"
    if isinstance(value, list):
        if value and all(isinstance(v, str | int | float) for v in value):
            return shorten(", ".join(map(str, value)), limit)
        return f"{len(value)} élément(s)"
    return shorten(str(value), limit)
