"""The items of a list, read around the table that lists them: the details written under it
(« Remarques : » then « Gymnase Pierre-de-Coubertin : accessible... »), an item named by a
paragraph (« Lys amont et forêt (référent de zone : M. Deconinck) : quatre communes... »),
a two-column table of labels and values, and a table under an item's heading (the points
of a check-list)."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.draft import Draft
from cptsplan.importer.generic import resolve
from cptsplan.importer.read import Block
from cptsplan.importer.scopes import TITLE_FIELDS, Path, Scope, node_at, words
from cptsplan.importer.values import LONG, assign, field_named, parts, value_for


def entry_named(draft: Draft, scope: Scope, key: str) -> int | None:
    items = node_at(draft, scope.path)
    wanted = words(key)
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        names = [item.get(n) for n in TITLE_FIELDS]
        if item.get("prenom") and item.get("nom"):
            names += [f"{item['prenom']} {item['nom']}", f"{item['nom']} {item['prenom']}"]
        if any(isinstance(n, str) and words(n) == wanted for n in names):
            return index
    return None


def detailed(draft: Draft, scope: Scope, text: str) -> int | None:
    """The item a paragraph details: it opens with the item's name and a full stop."""
    head = text.split(". ", 1)[0] if ". " in text else ""
    return entry_named(draft, scope, head) if head else None


def detail_item(draft: Draft, scope: Scope, name: str | None, item: Block) -> bool:
    """« Gymnase Pierre-de-Coubertin : hors zone inondable... » after a table of places:
    the field `name` of that row, or its one free-text field still empty."""
    key, sep, value = item.text.partition(" : ")
    index = entry_named(draft, scope, key) if sep else None
    if index is None:
        return False
    if name is None:
        node = node_at(draft, (*scope.path, index))
        free = [
            n
            for n, f in scope.schema["properties"].items()
            if int(resolve(f).get("maxLength", 0)) >= LONG and n not in node
        ]
        if len(free) != 1:
            return False
        name = free[0]
    if assign(draft, (*scope.path, index), scope.schema, name, value, item):
        draft.take(item, values=[key, value])
        return True
    return False


def kv_table(draft: Draft, block: Block, scope: Scope | None) -> None:
    """A two-column table of labels and values (« Population couverte | 19 400 habitants »),
    or under an item's heading, the table of one of its lists (a check-list's points)."""
    if any((block.index, r) in draft.taken for r in range(len(block.rows))):
        return
    if scope is not None and scope.is_list:
        return
    if scope is not None and isinstance(scope.path[-1], int) and _inner_table(draft, block, scope):
        return
    rows = [[c for c in row if c] for row in block.rows]
    if any(len(dict.fromkeys(row)) > 2 for row in rows):
        return
    matched = [
        (number, target, row[-1])
        for number, row in enumerate(rows)
        if len(row) >= 2
        for target in [_field_for(scope, words(row[0]))]
        if target is not None
    ]
    if len(matched) < 2:
        return
    for number, (path, schema, name), value in matched:
        if assign(draft, path, schema, name, value, block, number):
            draft.take(block, number, values=[value])


def _field_for(scope: Scope | None, label: str) -> tuple[Path, dict[str, Any], str] | None:
    """The field a label names: in the part of the plan the table sits in, else the one
    field of the whole plan (outside lists) titled so (« Classification »)."""
    from cptsplan.importer.scopes import objects

    if scope is not None:
        name = field_named(scope.schema, label)
        return None if name is None else (scope.path, scope.schema, name)
    found = [
        (path, schema, name)
        for path, schema in objects()
        for name in [field_named(schema, label)]
        if name is not None
    ]
    return found[0] if len(found) == 1 else None


def _inner_table(draft: Draft, block: Block, scope: Scope) -> bool:
    from cptsplan.importer.generic import match_header

    node = node_at(draft, scope.path)
    for name, field in scope.schema["properties"].items():
        inner = resolve(resolve(field).get("items", {}))
        if "properties" not in inner or not isinstance(node, dict) or node.get(name):
            continue
        mapping = match_header(block.rows[0], inner)
        if len(mapping) < 2:
            continue
        rows = []
        for row in block.rows[1:]:
            item = {}
            for column, key in mapping.items():
                if column < len(row) and row[column].strip():
                    value = value_for(draft, row[column], resolve(inner["properties"][key]))
                    if value is not None:
                        item[key] = value
            if not all(k in item for k in inner.get("required", []) if k != "id"):
                return False
            rows.append(item)
        node[name] = rows
        for number in range(len(block.rows)):
            draft.take(block, number)
        draft.record("libelles", (*scope.path, name), block)
        return True
    return False


_ENTRY = re.compile(
    r"^(?P<name>[^():;.]{2,80}?)(?: \((?P<more>[^()]{3,200})\))? : (?P<rest>.+)$", re.S
)


def new_entry(draft: Draft, scope: Scope, block: Block) -> int | None:
    """« Lys amont et forêt (référent de zone : Mathieu Deconinck) : Quatre communes... »
    under « Zones »: an item named by the words before the colon, what the brackets say in
    its fields, the rest in its text field. Only for a list no reader filled from a table."""
    from cptsplan.importer.scopes import owned, start_item, title_of

    match = _ENTRY.match(block.text)
    if match is None or owned(scope) or field_named(scope.schema, words(match["name"])):
        return None
    existing = entry_named(draft, scope, match["name"])
    if existing is not None or len(match["name"].split()) > 8:
        return None
    items = node_at(draft, scope.path)
    started = set(draft.started)
    if isinstance(items, list) and any((*scope.path, i) not in started for i in range(len(items))):
        return None  # a list read from a table: « Remarque : ... » under it is no new item
    title = title_of(scope.schema)
    free = [n for n in ("description", "texte") if n in scope.schema["properties"]]
    more = parts(match["more"]) if match["more"] else []
    if title is None or not free or (match["more"] and not more):
        return None
    item: dict[str, Any] = {title: match["name"].strip()}
    if "id" in scope.schema["properties"]:
        item = {"id": draft.new_id(item[title][:50]), **item}
    for label, value in more:
        name = field_named(scope.schema, label)
        field = resolve(scope.schema["properties"][name]) if name else {}
        converted = value_for(draft, value, field) if name else None
        if converted is None:
            return None
        item[str(name)] = converted
    item[free[0]] = match["rest"].strip()
    index = start_item(draft, scope, item)
    draft.take(block, values=[match["name"], *(v for _l, v in more), match["rest"]])
    draft.record("libelles", (*scope.path, index), block)
    return index
