"""Which part of the plan a heading opens, read from the plan format itself.

A heading whose words are the title of an object or of a list of objects of the schema
(« Cellule de crise », « Remontée d'informations aux autorités », « Procédure de retour
d'expérience », « Annexe C : modèles de messages ») opens that part; under a list, a
heading naming one of its items (« Canicule de fin juin 2025 » under « Activations
réelles du plan », « Julien Vermeersch » under « Référents SSE ») opens that item, and a
heading under a list no other reader fills (« Levée de la cellule de crise » under
« Modèles de messages », « Bilan 2025-2026 » under « Feuille de route ») starts a new item
named as the heading says. labelled.py then reads « Libellé : valeur » paragraphs, lists
and two-column tables against the fields of the part a block sits in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from cptsplan.importer.draft import Draft
from cptsplan.importer.generic import SKIP, resolve
from cptsplan.importer.sections import plain

Path = tuple[str | int, ...]
_NUMBER = re.compile(
    r"^(?:annexe\s+\w+\s*:\s*|fiche\s+[^:]*:\s*|[\divx]+(?:\.\d+)*[.)]?\s+|[a-h][.)]\s+)",
    re.IGNORECASE,
)
OWNED = {*SKIP, ("evaluer", "retex")}
"""Lists filled by their own readers: a heading never adds an item to them."""
TITLE_FIELDS = ("titre", "intitule", "nom", "designation")


@lru_cache(maxsize=16_384)  # the schema's titles and each heading, compared many times
def words(text: str) -> str:
    """A heading or a label as compared with a field's title: no number, no accents, no
    closing punctuation, « retour d'expérience » read as RETEX."""
    text = plain(text).strip()  # plain straightens the typographic apostrophes
    text = re.sub(r"retours? d'experience", "retex", text)
    text = _NUMBER.sub("", text)
    return re.sub(r"\s+", " ", text).strip(" .:;*")


def same(label: str, title: str) -> bool:
    """A label names a field: its title, or its title with words added (« Indicateurs
    transmis » for « Indicateurs »), or the start of it (« Missions » for « Missions du
    référent »)."""
    if not label or not title:
        return False
    if label == title:
        return True
    short, long = sorted((label, title), key=len)
    if len(short) < 5:
        return False
    # « Signature de l'ACI » for « Date de signature de l'ACI », « Siège » for « Adresse du
    # siège »: the title's last words, when the label is the shorter.
    return long.startswith(short + " ") or (short == label and long.endswith(" " + short))


@dataclass
class Scope:
    path: Path
    """Where the part is in the plan data (keys and list indexes)."""
    schema: dict[str, Any]
    """Its schema: an object's, or for a list the schema of its items."""
    is_list: bool = False


def node_at(draft: Draft, path: Path, create: bool = False) -> Any:
    node: Any = draft.data
    for key in path:
        if isinstance(node, list):
            if not isinstance(key, int) or key >= len(node):
                return None
            node = node[key]
        elif isinstance(node, dict):
            if key not in node:
                if not create:
                    return None
                node[key] = {}
            node = node[key]
        else:
            return None
    return node


def owned(scope: Scope) -> bool:
    """The list of `scope` is filled by its own reader: a heading or a paragraph never adds
    an item to it."""
    return tuple(k for k in scope.path if isinstance(k, str)) in OWNED


def start_item(draft: Draft, scope: Scope, item: dict[str, Any]) -> int:
    """Append `item` to the list of `scope` (made if need be) as a started item (dropped
    by drop_unfilled if nothing is read into it): its index."""
    node = node_at(draft, scope.path[:-1], create=True)
    node.setdefault(scope.path[-1], []).append(item)
    index = len(node[scope.path[-1]]) - 1
    draft.started.append((*scope.path, index))
    return index


def title_of(schema: dict[str, Any]) -> str | None:
    """The field that names an item: titre, intitulé, nom... or its first text field."""
    names = list(schema.get("properties", {}))
    for name in (*TITLE_FIELDS, *names):
        field = resolve(schema["properties"][name]) if name in names else {}
        if field.get("type") == "string" and not field.get("x-cptsplan-ref") and name != "id":
            return str(name)
    return None


@cache
def _titled() -> list[tuple[tuple[str, ...], str, dict[str, Any], bool]]:
    """(path, title words, schema, is list) of every object and list of objects of the
    plan outside lists."""
    from cptsplan.schema.plan_schema import base_schema

    found: list[tuple[tuple[str, ...], str, dict[str, Any], bool]] = []

    def walk(node: dict[str, Any], path: tuple[str, ...]) -> None:
        for key, child in node.get("properties", {}).items():
            field = resolve(child)
            title = words(str(child.get("title") or field.get("title", "")))
            if "properties" in field:
                found.append(((*path, key), title, field, False))
                walk(field, (*path, key))
            elif field.get("type") == "array" and "properties" in resolve(field.get("items", {})):
                found.append(((*path, key), title, resolve(field["items"]), True))

    walk(base_schema(), ())
    return found


def _child(scope: Scope | None, wanted: str) -> Scope | None:
    prefix = tuple(str(k) for k in scope.path if isinstance(k, str)) if scope else ()
    depth = len(scope.path) if scope else 0
    for path, title, schema, is_list in _titled():
        inside = path[:-1] == prefix and scope is not None and not scope.is_list
        placed = (inside and depth == len(path) - 1) or (scope is None and len(path) == 1)
        if placed and (same(wanted, title) or wanted == path[-1].replace("_", " ")):
            base = scope.path if scope else ()
            return Scope((*base, path[-1]), schema, is_list)
    return None


def _anywhere(wanted: str) -> Scope | None:
    matches = [(p, s, lst) for p, t, s, lst in _titled() if t == wanted]
    return Scope(matches[0][0], matches[0][1], matches[0][2]) if len(matches) == 1 else None


def _item(draft: Draft, scope: Scope, heading: str, wanted: str) -> Scope | None:
    """The item of a list a heading names, or a new one when no reader owns the list."""
    from cptsplan.importer.lookup import lookup

    items = node_at(draft, scope.path)
    found = list(enumerate(items)) if isinstance(items, list) else []
    found = [(index, item) for index, item in found if isinstance(item, dict)]
    name = title_of(scope.schema)
    for index, item in found:
        if name and isinstance(item.get(name), str) and words(item[name]) == wanted:
            return Scope((*scope.path, index), scope.schema)
    # An item named by a person (« Julien Vermeersch » under « Référents SSE »): its list
    # requires a directory reference.
    properties = scope.schema["properties"]
    refers = any(
        resolve(properties[n]).get("x-cptsplan-ref")
        for n in scope.schema.get("required", [])
        if n in properties
    )
    named = refers and found and len(heading.split()) <= 5  # « Julien Vermeersch »
    person = lookup(draft, heading) if named else None
    for index, item in found:
        if person and person in item.values():
            return Scope((*scope.path, index), scope.schema)
    if owned(scope) or any(isinstance(k, int) for k in scope.path):
        return None
    if name is None:
        return None
    field = resolve(scope.schema["properties"][name])
    value = _NUMBER.sub("", heading.strip())
    if len(value) > int(field.get("maxLength", 500)):
        return None
    new: dict[str, Any] = {name: value}
    if "id" in scope.schema["properties"]:
        new = {"id": draft.new_id(value[:50]), **new}
    return Scope((*scope.path, start_item(draft, scope, new)), scope.schema)


def drop_unfilled(draft: Draft) -> None:
    """A heading under a list (« Risques naturels » under « Diagnostic des risques ») may be
    a group of items rather than one: the item it started is kept only when something was
    read into it besides its name."""
    while draft.started:
        path = draft.started.pop()
        items = node_at(draft, path[:-1])
        index = path[-1]
        if not isinstance(items, list) or not isinstance(index, int) or index != len(items) - 1:
            continue  # not the last one: removing it would move the items after it
        if len(items[index]) <= 2 and all(
            k == "id" or isinstance(v, str) for k, v in items[index].items()
        ):
            items.pop()
            if not items:
                parent = node_at(draft, path[:-2])
                if isinstance(parent, dict):
                    parent.pop(path[-2], None)


def heading_scopes(draft: Draft) -> dict[int, Scope]:
    """The part of the plan each block sits in, for the blocks under a recognised heading."""
    result: dict[int, Scope] = {}
    stack: list[tuple[int, Scope | None]] = []
    current: Scope | None = None
    for block in draft.blocks:
        if block.index in draft.headings:
            level = block.level if block.kind == "heading" else 9
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = next((s for _l, s in reversed(stack) if s is not None), None)
            wanted = words(block.text)
            found: Scope | None = None
            if parent is not None and parent.is_list:
                found = _item(draft, parent, block.text, wanted)
            if found is None:
                found = _child(parent, wanted) or _anywhere(wanted)
            if found is None and parent is not None and not parent.is_list:
                found = _new_in_list(draft, parent, wanted, block.text)
            stack.append((level, found))
            current = next((s for _l, s in reversed(stack) if s is not None), None)
            continue
        if current is not None:
            result[block.index] = current
    return result


def _new_in_list(draft: Draft, parent: Scope, wanted: str, heading: str) -> Scope | None:
    """« Bilan 2025-2026 » under « Feuille de route »: an item of the list « Bilans »
    named by the rest of the heading."""
    for path, title, schema, is_list in _titled():
        named = tuple(k for k in parent.path if isinstance(k, str))
        if not is_list or path[:-1] != named:
            continue
        singular = title[:-1] if title.endswith("s") else title
        if wanted.startswith(singular + " "):
            rest = _NUMBER.sub("", heading.strip())[len(singular) :].strip(" :–-")
            scope = Scope((*parent.path, path[-1]), schema, True)
            return _item(draft, scope, rest, words(rest))
    return None


def objects() -> list[tuple[Path, dict[str, Any]]]:
    """(path, schema) of every object of the plan outside lists, the plan itself first."""
    from cptsplan.schema.plan_schema import base_schema

    return [((), resolve(base_schema()))] + [
        (path, schema) for path, _title, schema, is_list in _titled() if not is_list
    ]
