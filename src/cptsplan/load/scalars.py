"""Unquoted YAML values typed by the schema, not by YAML 1.1 guesses.

PyYAML reads YAML 1.1: `1:30` becomes 90, `010` becomes 8, `yes` becomes true. Editors read
YAML 1.2, and a coordinator means what they typed. So the loader reads every unquoted
("plain") value as YAML 1.2 does (`read_plain`) and remembers its source text when that
reading is not simply text; once the plan is merged, `apply_schema_types` uses the field's
type in the schema to decide:

- a field taking text or a number keeps the text as typed whenever the number would print
  differently (`010`, `1.10`, `1e3`); `500` stays the number 500;
- a text field keeps the text as typed (`numero: 0612345678`), with a warning because YAML
  editors read it as a number or as true/false and underline it;
- a yes/no field takes `oui`/`non` as well as `true`/`false`; the YAML 1.1 words `yes`, `no`,
  `on`, `off` still mean yes/no, with a warning (YAML 1.2 editors read them as text);
- a number field refuses a number too long to be a count, instead of crashing on it.

This module knows nothing of the plan schema: the caller passes the schema it validates with
(the plan's or the configuration's), so the loader stays free of schema imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from cptsplan.findings.records import record

JsonPath = tuple[str | int, ...]

MAX_NUMBER_CHARS = 20
"""Longer number-looking values stay text: no count in a plan has 20 digits, and Python
refuses to convert (or print) integers of more than 4,300 digits."""

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_OUI = frozenset({"oui"})
_NON = frozenset({"non"})
"""The French words a yes/no field accepts: the published schema lists exactly these (an
editor then accepts them too); `Oui` is refused by both, with the permitted values."""
YES_NO_WORDS = _OUI | _NON
"""Typed in a yes/no field even when quoted (`pcs: "non"`): the schema lists them as that
field's values, and kept as the text "non" (true in Python and Jinja), the document
printed « oui » and the rules counted a yes."""
_YAML11_TRUE = frozenset({"yes", "on", "y"})
_YAML11_FALSE = frozenset({"no", "off", "n"})
_INT = re.compile(r"[-+]?[0-9]+")
_OCTAL = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip


def _numeric(text: str) -> bool:
    return bool(
        _INT.fullmatch(text) or _OCTAL.fullmatch(text) or _HEX.fullmatch(text)
        or _FLOAT.fullmatch(text)
    )  # fmt: skip


def read_plain(text: str) -> tuple[Any, bool]:
    """An unquoted value as a YAML 1.2 editor reads it (core schema), and whether its source
    text must be kept for the schema step (it is not plain text, or may mean yes/no)."""
    if text in _NULL:
        return None, True
    if text in _TRUE or text in _FALSE:
        return text in _TRUE, True
    first = text[0]
    if not (first.isdigit() or first in "+-."):
        lowered = text.lower()
        keep = lowered in _YAML11_TRUE or lowered in _YAML11_FALSE or text in _OUI or text in _NON
        return text, keep
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text], True
    if len(text) > MAX_NUMBER_CHARS:
        return text, _numeric(text)
    if _INT.fullmatch(text):
        return int(text), True
    if _OCTAL.fullmatch(text):
        return int(text[2:], 8), True
    if _HEX.fullmatch(text):
        return int(text[2:], 16), True
    if _FLOAT.fullmatch(text):
        return float(text), True
    return text, False


@record(frozen=True)
class Notice:
    """Something to tell the coordinator about one value (the caller adds the position)."""

    __slots__ = ("error", "hint", "message", "rule")

    def __init__(self, rule: str, error: bool, message: str, hint: str) -> None:
        self.rule: Final = rule
        self.error: Final = error
        self.message: Final = message
        self.hint: Final = hint


def type_plain(text: str, types: frozenset[str] | None) -> tuple[Any, Notice | None]:
    """The value of an unquoted `text` in a field accepting the JSON `types` (None: unknown
    field, left as YAML 1.2 reads it; the schema will say what is wrong with it)."""
    value, _ = read_plain(text)
    if types is None or value is None:
        return value, None
    numbers = bool(types & {"integer", "number"})
    if "boolean" in types:
        if text in _OUI or text in _NON:
            return text in _OUI, None
        if text.lower() in _YAML11_TRUE | _YAML11_FALSE:
            meant = text.lower() in _YAML11_TRUE
            return meant, Notice(
                "yaml-oui-non",
                False,
                f"« {text} » est lu comme « {'oui' if meant else 'non'} », mais les éditeurs "
                "YAML récents le lisent comme du texte",
                f"écrivez « {'oui' if meant else 'non'} » (ou « {'true' if meant else 'false'} »)",
            )
        if isinstance(value, bool):
            return value, None
    if isinstance(value, str):
        if numbers and "string" not in types and _numeric(value):
            return value, Notice(
                "yaml-nombre-trop-grand",
                True,
                f"nombre trop long ({len(value)} caractères ; au plus {MAX_NUMBER_CHARS})",
                "un effectif ou une population s'écrit avec quelques chiffres",
            )
        return value, None
    if numbers and isinstance(value, int | float) and not isinstance(value, bool):
        # Text or number: the number only when it prints exactly as typed.
        if "string" in types and repr(value) != text:
            return text, None
        return value, None
    if "string" in types:
        seen = "true/false" if isinstance(value, bool) else "un nombre"
        return text, Notice(
            "yaml-texte-sans-guillemets",
            False,
            f"« {text} » est gardé comme texte, mais les éditeurs YAML le lisent comme {seen}",
            f'mettez la valeur entre guillemets : "{text}"',
        )
    return value, None


def types_at(schema: dict[str, Any], path: JsonPath) -> frozenset[str] | None:
    """The JSON types the schema accepts at `path` (None when it does not say)."""
    nodes = [schema]
    for part in path:
        nodes = [child for node in nodes for child in _children(schema, node, part)]
        if not nodes:
            return None
    found: set[str] = set()
    for node in nodes:
        for branch in _branches(schema, node):
            kind = branch.get("type")
            if isinstance(kind, str):
                found.add(kind)
            elif isinstance(kind, list):
                found.update(k for k in kind if isinstance(k, str))
            choices = list(branch.get("enum", []))
            if "const" in branch:
                choices.append(branch["const"])
            found.update(_json_type(choice) for choice in choices)
            if branch.get("format") or branch.get("pattern"):
                found.add("string")
    return frozenset(found) or None


def takes_a_form(schema: dict[str, Any], path: JsonPath) -> bool:
    """Whether the field at `path` takes a precise form (a number, a date, a version, a
    choice, an identifier): there, quotes kept in the value make it wrong, not just ugly."""
    nodes = [schema]
    for part in path:
        nodes = [child for node in nodes for child in _children(schema, node, part)]
    shapes = ("format", "pattern", "enum", "const", "x-cptsplan-ref")
    for node in nodes:
        for branch in _branches(schema, node):
            if any(key in branch for key in shapes):
                return True
            kind = branch.get("type")
            if kind is not None and "string" not in (kind if isinstance(kind, list) else [kind]):
                return True
    return False


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string" if isinstance(value, str) else "null"


def _branches(root: dict[str, Any], node: Any) -> Iterator[dict[str, Any]]:
    """The node and every sub-schema it combines with (`$ref`, `anyOf`, `allOf`, `oneOf`, and
    the `then`/`else` of a conditional, which say what a value may be: a union written as
    `if`/`then`/`else`, as ajv's strict mode wants it, gives the same types as a type list)."""
    if not isinstance(node, dict):
        return
    reference = node.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/$defs/"):
        yield from _branches(root, root.get("$defs", {}).get(reference[8:]))
    yield node
    for keyword in ("anyOf", "allOf", "oneOf"):
        for sub in node.get(keyword, []):
            yield from _branches(root, sub)
    for keyword in ("then", "else"):
        yield from _branches(root, node.get(keyword))


def _children(root: dict[str, Any], node: dict[str, Any], part: str | int) -> Iterator[Any]:
    for branch in _branches(root, node):
        if isinstance(part, int):
            if isinstance(branch.get("items"), dict):
                yield branch["items"]
            continue
        properties = branch.get("properties", {})
        if part in properties:
            yield properties[part]
            continue
        matched = False
        for pattern, sub in branch.get("patternProperties", {}).items():
            if re.search(pattern, part):
                matched = True
                yield sub
        extra = branch.get("additionalProperties")
        if not matched and isinstance(extra, dict):
            yield extra


def apply_schema_types(
    data: Any, plain: dict[JsonPath, str], schema: dict[str, Any]
) -> list[tuple[JsonPath, Notice]]:
    """Give each recorded unquoted value (`plain`: path -> source text) the type its field
    takes; `data` is changed in place. A number too long for a number field is removed (the
    notice says why), so that nothing else reports it a second time."""
    notices: list[tuple[JsonPath, Notice]] = []
    cache: dict[JsonPath, frozenset[str] | None] = {}
    for path, text in plain.items():
        shape = tuple("*" if isinstance(part, int) else part for part in path)
        if shape not in cache:
            cache[shape] = types_at(schema, path)
        value, notice = type_plain(text, cache[shape])
        parent = _parent(data, path)
        if parent is None:
            continue
        if notice is not None:
            notices.append((path, notice))
        if notice is not None and notice.error and isinstance(parent, dict):
            del parent[str(path[-1])]
        else:
            parent[path[-1]] = value  # type: ignore[index]
    return notices


def _parent(data: Any, path: JsonPath) -> dict[str, Any] | list[Any] | None:
    node = data
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    if isinstance(node, dict) and path[-1] in node:
        return node
    if isinstance(node, list) and isinstance(path[-1], int) and path[-1] < len(node):
        return node
    return None
