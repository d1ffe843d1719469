"""Values written « Libellé : valeur », whatever the part of the plan (scopes.py says which).

Plans write many values as a label and its value rather than in a table: « Fréquence :
quotidienne », « Lieu principal : Salle de réunion de la MSP, 4 quai des Tisserands,
59455 Saint-Aubert », « Public : adhérents ; canal : SMS groupé »; a label alone followed
by a list (« Indicateurs transmis : » then one indicator per line); a list under a heading
that names a field (« Missions de la cellule »); under an item's own heading, its text. A
label is read against the titles of the fields of the part the block sits in (values.py);
the items of a list around its table are entries.py's. A value that its field cannot hold
(a date that is not one, a name the directory does not know) is left alone, and
placing.py keeps its paragraph as text. Nothing is invented.
"""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.choices import choice
from cptsplan.importer.draft import Draft
from cptsplan.importer.entries import detail_item, detailed, kv_table, new_entry
from cptsplan.importer.generic import resolve
from cptsplan.importer.read import Block
from cptsplan.importer.scopes import (
    Path,
    Scope,
    drop_unfilled,
    heading_scopes,
    node_at,
    title_of,
    words,
)
from cptsplan.importer.values import (
    LONG,
    assign,
    field_named,
    name_and_address,
    parts,
    value_for,
)


def read_labelled(draft: Draft) -> None:
    scopes = heading_scopes(draft)
    entry: dict[Path, int] = {}
    """Per list, the item the last paragraph detailed (« Hameaux isolés. » then its measures)."""
    blocks = draft.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        scope = scopes.get(block.index)
        if block.kind == "table" and block.index not in draft.headings:
            kv_table(draft, block, scope)
            continue
        if scope is None or block.index in draft.headings:
            continue
        if scope.is_list and block.kind == "para":
            found = detailed(draft, scope, block.text)
            if found is not None:
                entry[scope.path] = found
        if (block.index, -1) in draft.taken:
            continue
        if block.text.endswith(":") and "\n" not in block.text:
            items = _items_from(draft, blocks, index)
            label = words(block.text[:-1])
            heading = words(draft.contexts[block.index].title)
            if items and any(
                _list(draft, scope, entry.get(scope.path), name, items) for name in (label, heading)
            ):
                draft.take(block, values=[])
                index += len(items)
            continue
        if scope.is_list and block.kind == "item":
            detail_item(draft, scope, None, block)
            continue
        if block.kind == "item" and not scope.is_list:
            # A list right under a heading that names a field (« CPTS voisines »).
            following = _items_from(draft, blocks, index)
            items = [block, *following]
            index += len(following)
            heading = words(draft.contexts[block.index].title)
            _list(draft, scope, None, heading, items)
            continue
        labels = parts(block.text)
        if scope.is_list and block.kind == "para":
            created = new_entry(draft, scope, block)
            if created is not None:
                entry[scope.path] = created
                continue
            found = entry.get(scope.path) if labels else None
            if found is not None:
                scope = Scope((*scope.path, found), scope.schema)
        if labels and _labelled(draft, scope, labels, block):
            draft.take(block, values=_content(draft, scope, labels))
        elif (
            isinstance(scope.path[-1], int)
            and block.kind == "para"
            # « Fortes chaleurs : buvez régulièrement… »: a message's text, whose « : »
            # opens no field's label
            and not any(field_named(scope.schema, label) for label, _value in labels)
        ):
            _prose(draft, scope, block)
    drop_unfilled(draft)


def _items_from(draft: Draft, blocks: list[Block], start: int) -> list[Block]:
    """The list items from `blocks[start]` on, up to the first block that is no item or
    that a reader took."""
    end = start
    while (
        end < len(blocks)
        and blocks[end].kind == "item"
        and (blocks[end].index, -1) not in draft.taken
    ):
        end += 1
    return blocks[start:end]


def _labelled(draft: Draft, scope: Scope, parts: list[tuple[str, str]], block: Block) -> bool:
    """Every label of the paragraph names a field of the part (or of the object the
    paragraph before filled, for « Équipement : » after « Lieu principal : »)."""
    if scope.is_list:
        return False
    targets: list[tuple[Path, dict[str, Any], str]] = []
    for label, _value in parts:
        name = field_named(scope.schema, label)
        if name is not None:
            targets.append((scope.path, scope.schema, name))
            continue
        inner = _last_object(draft, scope)
        inner_name = field_named(inner[1], label) if inner is not None else None
        if inner is None or inner_name is None:
            return False
        targets.append((inner[0], inner[1], inner_name))
    placed = [
        assign(draft, path, schema, name, value, block)
        for (path, schema, name), (_label, value) in zip(targets, parts, strict=True)
    ]
    return all(placed)


def _content(draft: Draft, scope: Scope, parts: list[tuple[str, str]]) -> list[str]:
    """What a labelled paragraph says besides its labels: its values, a place's name and
    address apart (« Salle de la MSP, 4 quai des Tisserands » is a name and an address)."""
    values: list[str] = []
    for _label, value in parts:
        name, address = name_and_address(value.rstrip(". "))
        values += [name, address] if address and _last_object(draft, scope) else [value]
    return values


def _last_object(draft: Draft, scope: Scope) -> tuple[Path, dict[str, Any]] | None:
    node = node_at(draft, scope.path)
    if not isinstance(node, dict):
        return None
    for name in reversed(list(node)):
        field = resolve(scope.schema["properties"].get(name, {}))
        if "properties" in field and isinstance(node[name], dict):
            return (*scope.path, name), field
    return None


def _list(draft: Draft, scope: Scope, current: int | None, label: str, items: list[Block]) -> bool:
    """« Label : » and the list under it."""
    name = field_named(scope.schema, label)
    if scope.is_list:
        if current is not None:
            path = (*scope.path, current)
            if name and _list_into(draft, path, scope.schema, name, items):
                return True
        return bool(name) and all(detail_item(draft, scope, name, item) for item in items)
    if name is None:
        name = _enum_list(scope.schema, items)
    return name is not None and _list_into(draft, scope.path, scope.schema, name, items)


def _enum_list(schema: dict[str, Any], items: list[Block]) -> str | None:
    """A list whose every line is a choice of one field (« Préfet », « Ministre... »)."""
    for name, field in schema.get("properties", {}).items():
        inner = resolve(resolve(field).get("items", {}))
        if inner.get("enum") and all(choice(i.text, inner["enum"]) for i in items):
            return str(name)
    return None


def _list_into(
    draft: Draft, path: Path, schema: dict[str, Any], name: str, items: list[Block]
) -> bool:
    node = node_at(draft, path, create=True)
    field = resolve(schema["properties"][name])
    if not isinstance(node, dict) or node.get(name) or field.get("type") != "array":
        return False
    inner = resolve(field.get("items", {}))
    values = [_list_value(draft, item.text, inner) for item in items]
    if any(v is None for v in values):
        return False
    node[name] = values
    for item in items:
        draft.take(item)
    draft.record("libelles", (*path, name), items[0])
    return True


_PHASE = re.compile(
    r"^(?P<title>[^()\n:]{2,200}?)(?: \((?P<note>[^()]{1,200})\))?(?: : (?P<rest>.+))?$", re.S
)


def _list_value(draft: Draft, text: str, inner: dict[str, Any]) -> Any:
    """One line of a list: a value, or for a list of objects « Titre (précision) :
    description » (the phases of a method)."""
    if "properties" not in inner:
        return value_for(draft, text, inner)
    match = _PHASE.match(text)
    title = title_of(inner)
    if match is None or title is None:
        return None
    item: dict[str, Any] = {title: match.group("title").strip()}
    fields = {n: resolve(f) for n, f in inner["properties"].items() if n not in ("id", title)}
    short = [
        n
        for n, f in fields.items()
        if f.get("type") == "string"
        and int(f.get("maxLength", 0)) <= 500
        and not f.get("format")
        and not f.get("x-cptsplan-ref")
    ]
    long = [n for n, f in fields.items() if int(f.get("maxLength", 0)) >= LONG]
    if match.group("note"):
        if not short:
            return None
        item[short[0]] = match.group("note")
    if match.group("rest"):
        if not long:
            return None
        item[long[0]] = match.group("rest").strip()
    return item


def _prose(draft: Draft, scope: Scope, block: Block) -> None:
    """A paragraph under an item's own heading, unlabelled: its text field (a message's
    text, an activation's description)."""
    node = node_at(draft, scope.path)
    properties = scope.schema["properties"]
    free = [
        n
        for n in ("texte", "description")
        if n in properties and int(resolve(properties[n]).get("maxLength", 0)) >= LONG
    ]
    if not free or not isinstance(node, dict):
        return
    name = free[0]
    if len(str(node.get(name, ""))) + len(block.text) + 2 > LONG:
        return
    node[name] = f"{node[name]}\n\n{block.text}" if node.get(name) else block.text
    draft.take(block)
    draft.record("libelles", (*scope.path, name), block)
