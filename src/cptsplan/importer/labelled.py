"""Values written « Libellé : valeur », whatever the part of the plan (scopes.py says which).

Plans write many values as a label and its value rather than in a table: « Fréquence :
quotidienne », « Lieu principal : Salle de réunion de la MSP, 4 quai des Tisserands,
59455 Saint-Aubert », « Public : adhérents ; canal : SMS groupé »; a label alone followed
by a list (« Indicateurs transmis : » then one indicator per line); a two-column table
(« Population couverte | 19 400 habitants »); after a table, the details of its rows
(« Remarques : » then « Gymnase Pierre-de-Coubertin : accessible... »). A label is read
against the titles of the fields of the part the block sits in; a value that its field
cannot hold (a date that is not one, a name the directory does not know) is left alone,
and placing.py keeps its paragraph as text. Nothing is invented.
"""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.choices import choice
from cptsplan.importer.draft import MISSING, Draft
from cptsplan.importer.generic import convert, resolve
from cptsplan.importer.read import Block
from cptsplan.importer.scopes import Path, Scope, heading_scopes, node_at, same, title_of, words
from cptsplan.importer.sections import plain

_LABEL = re.compile(r"^([^\W\d][^:;\n]{0,60}?) : (.+)$", re.DOTALL)
_NEXT_LABEL = re.compile(r" ; (?=[^\W\d][^:;\n]{0,40} : )")
_ABSENT = ("non renseigne", "non renseignee", "a completer", "neant", "aucun", "aucune")
_ADDRESS = re.compile(r",\s*(?=\d+(?:\s?(?:bis|ter))?,?\s+\S)")
LONG = 20_000


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
            _table(draft, block, scope)
            continue
        if scope is None or block.index in draft.headings:
            continue
        if scope.is_list and block.kind == "para":
            found = _detailed(draft, scope, block.text)
            if found is not None:
                entry[scope.path] = found
        if (block.index, -1) in draft.taken:
            continue
        if block.text.endswith(":") and "\n" not in block.text:
            items: list[Block] = []
            while (
                index + len(items) < len(blocks)
                and blocks[index + len(items)].kind == "item"
                and (blocks[index + len(items)].index, -1) not in draft.taken
            ):
                items.append(blocks[index + len(items)])
            label = words(block.text[:-1])
            heading = words(draft.contexts[block.index].title)
            if items and any(
                _list(draft, scope, entry.get(scope.path), name, items) for name in (label, heading)
            ):
                draft.take(block, values=[])
                index += len(items)
            continue
        if scope.is_list and block.kind == "item":
            _detail_item(draft, scope, None, block)
            continue
        if block.kind == "item" and not scope.is_list:
            # A list right under a heading that names a field (« CPTS voisines »).
            items = [block]
            while (
                index < len(blocks)
                and blocks[index].kind == "item"
                and (blocks[index].index, -1) not in draft.taken
            ):
                items.append(blocks[index])
                index += 1
            heading = words(draft.contexts[block.index].title)
            _list(draft, scope, None, heading, items)
            continue
        parts = _parts(block.text)
        if scope.is_list and block.kind == "para":
            found = new_entry(draft, scope, block) if not parts else entry.get(scope.path)
            if found is not None and not parts:
                entry[scope.path] = found
                continue
            if found is not None:
                scope = Scope((*scope.path, found), scope.schema)
        if parts and _labelled(draft, scope, parts, block):
            draft.take(block, values=_content(draft, scope, parts))
        elif not parts and isinstance(scope.path[-1], int) and block.kind == "para":
            _prose(draft, scope, block)


def _parts(text: str) -> list[tuple[str, str]]:
    """« Public : adhérents ; canal : SMS » -> [(public, adhérents), (canal, SMS)]."""
    parts = []
    for piece in _NEXT_LABEL.split(text):
        match = _LABEL.match(piece.strip())
        if match is None:
            return []
        parts.append((words(match.group(1)), match.group(2).strip()))
    return parts


def field_named(schema: dict[str, Any], label: str) -> str | None:
    for name, field in schema.get("properties", {}).items():
        title = words(str(field.get("title") or resolve(field).get("title", "")))
        if name != "id" and (same(label, title) or label == name.replace("_", " ")):
            return str(name)
    return None


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
        if inner is None or field_named(inner[1], label) is None:
            return False
        targets.append((inner[0], inner[1], str(field_named(inner[1], label))))
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
        pieces = _ADDRESS.split(value.rstrip(". "), maxsplit=1)
        values += pieces if len(pieces) == 2 and _last_object(draft, scope) else [value]
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
    from cptsplan.importer.contacts import lookup

    text = text.strip()
    if plain(text).rstrip(". ") in _ABSENT:
        return None
    bare = text.rstrip(".").strip()
    if field.get("x-cptsplan-ref") == "annuaire":
        return lookup(draft, bare.split(" (")[0])
    if "properties" in field and {"nom", "adresse"} <= set(field["properties"]):
        pieces = _ADDRESS.split(bare, maxsplit=1)
        name, address = (pieces[0], pieces[1]) if len(pieces) == 2 else (bare, "")
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


def _list(draft: Draft, scope: Scope, current: int | None, label: str, items: list[Block]) -> bool:
    """« Label : » and the list under it."""
    if scope.is_list:
        if current is not None:
            name = field_named(scope.schema, label)
            path = (*scope.path, current)
            if name and _list_into(draft, path, scope.schema, name, items):
                return True
        name = field_named(scope.schema, label)
        return bool(name) and all(_detail_item(draft, scope, name, item) for item in items)
    name = field_named(scope.schema, label)
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
    title = title_of({}, inner)
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


def _entry(draft: Draft, scope: Scope, key: str) -> int | None:
    items = node_at(draft, scope.path)
    wanted = words(key)
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        names = [item.get(n) for n in ("titre", "intitule", "nom", "designation")]
        if item.get("prenom") and item.get("nom"):
            names += [f"{item['prenom']} {item['nom']}", f"{item['nom']} {item['prenom']}"]
        if any(isinstance(n, str) and words(n) == wanted for n in names):
            return index
    return None


def _detailed(draft: Draft, scope: Scope, text: str) -> int | None:
    """The item a paragraph details: it opens with the item's name and a full stop."""
    head = text.split(". ", 1)[0] if ". " in text else ""
    return _entry(draft, scope, head) if head else None


def _detail_item(draft: Draft, scope: Scope, name: str | None, item: Block) -> bool:
    """« Gymnase Pierre-de-Coubertin : hors zone inondable... » after a table of places:
    the field `name` of that row, or its one free-text field still empty."""
    key, sep, value = item.text.partition(" : ")
    index = _entry(draft, scope, key) if sep else None
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


def _table(draft: Draft, block: Block, scope: Scope | None) -> None:
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
    from cptsplan.importer.scopes import OWNED, title_of

    match = _ENTRY.match(block.text)
    path = tuple(k for k in scope.path if isinstance(k, str))
    if match is None or path in OWNED or field_named(scope.schema, words(match["name"])):
        return None
    existing = _entry(draft, scope, match["name"])
    if existing is not None or len(match["name"].split()) > 8:
        return None
    title = title_of({}, scope.schema)
    free = [n for n in ("description", "texte") if n in scope.schema["properties"]]
    more = _parts(match["more"]) if match["more"] else []
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
    node = node_at(draft, scope.path[:-1], create=True)
    node.setdefault(scope.path[-1], []).append(item)
    index = len(node[scope.path[-1]]) - 1
    draft.take(block, values=[match["name"], *(v for _l, v in more), match["rest"]])
    draft.record("libelles", (*scope.path, index), block)
    return index
