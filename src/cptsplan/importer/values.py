"""A value of the plan read from the words of a document: a label named by a field's title
(« Fréquence » for `frequence`, « Missions » for « Missions du référent »), a value
converted to what its field holds (a directory reference from a name, a place's name and
address, a number from « 19 400 habitants », a choice from its printed label). A value its
field cannot hold is left alone (None): nothing is invented."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.choices import choice
from cptsplan.importer.draft import MISSING, Draft
from cptsplan.importer.generic import convert, resolve
from cptsplan.importer.read import Block
from cptsplan.importer.scopes import Path, node_at, same, words
from cptsplan.importer.sections import plain

LABEL = re.compile(r"^([^\W\d][^:;\n]{0,60}?) : (.+)$", re.DOTALL)
_NEXT_LABEL = re.compile(r" ; (?=[^\W\d][^:;\n]{0,40} : )")
ABSENT = ("non renseigne", "non renseignee", "a completer", "neant", "aucun", "aucune")
ADDRESS = re.compile(r",\s*(?=\d+(?:\s?(?:bis|ter))?,?\s+\S)")
LONG = 20_000


def parts(text: str) -> list[tuple[str, str]]:
    """« Public : adhérents ; canal : SMS » -> [(public, adhérents), (canal, SMS)]."""
    parts = []
    for piece in _NEXT_LABEL.split(text):
        match = LABEL.match(piece.strip())
        if match is None:
            return []
        parts.append((words(match.group(1)), match.group(2).strip()))
    return parts


def name_and_address(text: str) -> tuple[str, str]:
    """« Salle de la MSP, 4 rue des Vignes, 86190 Vernon » -> the place's name and its street
    address; without a street number after a comma, the whole is the name (address "")."""
    pieces = ADDRESS.split(text, maxsplit=1)
    return (pieces[0], pieces[1]) if len(pieces) == 2 else (text, "")


def field_named(schema: dict[str, Any], label: str) -> str | None:
    for name, field in schema.get("properties", {}).items():
        title = words(str(field.get("title") or resolve(field).get("title", "")))
        if name != "id" and (same(label, title) or label == name.replace("_", " ")):
            return str(name)
    return None


def assign(
    draft: Draft,
    path: Path,
    schema: dict[str, Any],
    name: str,
    text: str,
    block: Block,
    row: int = -1,
) -> bool:
    node = node_at(draft, path, create=True)
    if not isinstance(node, dict) or node.get(name) not in (None, MISSING):
        return False
    value = value_for(draft, text, resolve(schema["properties"][name]))
    if value is None:
        return False
    node[name] = value
    draft.record("libelles", (*path, name), block, row)
    # What the paragraph or row says is looked for in the whole item (a place's name is in
    # the item, its remarks in the field just filled).
    draft.placed.setdefault((block.index, row), []).append(path)
    return True


def value_for(draft: Draft, text: str, field: dict[str, Any]) -> Any:
    from cptsplan.importer.lookup import lookup

    text = text.strip()
    if plain(text).rstrip(". ") in ABSENT:
        return None
    bare = text.rstrip(".").strip()
    if field.get("x-cptsplan-ref") == "annuaire":
        return lookup(draft, bare.split(" (")[0])
    if "properties" in field and {"nom", "adresse"} <= set(field["properties"]):
        name, address = name_and_address(bare)
        return {"nom": name, **({"adresse": address} if address else {})}
    if "enum" in field:
        return choice(bare, field["enum"])
    if field.get("type") == "integer" or field.get("type") == ["integer"]:
        match = re.fullmatch(r"(\d{1,3}(?:[ .]\d{3})*|\d+)(?:\s+[^\W\d]+)?", bare)
        return int(re.sub(r"\D", "", match.group(1))) if match else None
    if field.get("type") == "array":
        inner = resolve(field.get("items", {}))
        pieces = [p.strip() for p in bare.split(" ; ") if p.strip()]
        values = [value_for(draft, p, inner) for p in pieces]
        if inner.get("type") == "object" or any(v is None for v in values):
            return None
        return values or None
    if field.get("type") == "string" and not field.get("format") and not field.get("pattern"):
        return text if len(text) <= int(field.get("maxLength", LONG)) else None
    return convert(draft, bare, field)
