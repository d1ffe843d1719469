"""« A_COMPLETER » : the one way a plan says "not known yet", for any field.

A draft is a legitimate plan: a coordinator who does not know a date, a code or a size yet
writes `A_COMPLETER` instead of inventing one. The schema accepts it in every typed field
(`accept_placeholders`), the model turns it into a `ToComplete` value that no rule can take
as a fact (it is not a string, a date or a number, and it is false), one rule reports each
of them once, and the documents print it as « à compléter ».

In free text the marker may be followed by what to write: "A_COMPLETER : adresse du siège".
"""

from __future__ import annotations

import re
from typing import Any, Final

from cptsplan.findings.records import record

MARKER = "A_COMPLETER"
DISPLAY = "à compléter"
MARKER_COMMENT = "cptsplan : valeur à compléter"
"""`$comment` of the schema branch that accepts the marker (messages skip that branch)."""

# Upper case only: « à compléter » in lower case is ordinary French ("la fiche est à
# compléter"), and `a_completer` may be a value of the format itself.
# As text, compiled by `re` for the first text holding « COMPL » (most plans have none).
_TEXT_MARKER = r"(?<![\w])[AÀ][ _]COMPL[EÉ]TER(?![\w])"

UNCHECKED_DEFINITIONS = frozenset({"identifiant"})
"""Identifiers are names the CPTS chooses: there is nothing to wait for."""


@record(frozen=True)
class ToComplete:
    """A value the plan marks as not known yet. `hint` is what the skeleton says to write.
    `flag`: stands for a yes/no value: templates must not read it as "yes" (see
    render/filters). `written`: what the writer put before the marker ("Dr Claire Fictif,
    A_COMPLETER"): nothing written is lost, the document shows it before « à compléter »."""

    __slots__ = ("flag", "hint", "written")

    def __init__(self, hint: str = "", flag: bool = False, written: str = "") -> None:
        self.hint: Final = hint
        self.flag: Final = flag
        self.written: Final = written

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"{self.written} {DISPLAY}" if self.written else DISPLAY

    # A value not known yet is neither before nor after anything: a rule comparing dates or
    # numbers gets "no" instead of a crash, and `isinstance` checks skip it anyway.
    def __lt__(self, other: object) -> bool:
        return False

    __le__ = __gt__ = __ge__ = __lt__


def is_marker(value: object) -> bool:
    """A plan value that says "not known yet" (the marker, alone or followed by a hint)."""
    # (Most texts lack its letters: a substring test in C spares them the search, which tries
    # its lookbehind at every position.)
    return isinstance(value, str) and "COMPL" in value and bool(re.search(_TEXT_MARKER, value))


def to_complete(text: str) -> ToComplete:
    """'A_COMPLETER : what to write' -> ToComplete('what to write')."""
    match = re.search(_TEXT_MARKER, text)
    if match is None:
        return ToComplete()
    rest = text[match.end() :].strip(" :-–—").strip()
    if "COMPL" in rest:  # « A_COMPLETER : siège. A_COMPLETER : téléphone » reads as it says
        rest = re.sub(_TEXT_MARKER, DISPLAY, rest)
    return ToComplete(rest, written=text[: match.start()].strip(" :-–—,;").strip())


def marker_schema() -> dict[str, Any]:
    return {"const": MARKER, "title": DISPLAY, "$comment": MARKER_COMMENT}


def is_marker_branch(schema: object) -> bool:
    return isinstance(schema, dict) and schema.get("$comment") == MARKER_COMMENT


def accept_placeholders(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of the plan schema in which every typed value also accepts `A_COMPLETER`.

    Choices get the marker as one more `enum` value (editors then offer it in completion);
    dates, versions, codes, numbers, booleans and lists that need at least one item accept it
    through `anyOf`. Plain text already accepts it. Sections (objects) do not: their fields do.
    Identifiers (`id`, the `identifiant` definition) and `version_format` are left alone.
    """
    # `_accept` copies every node it changes and never changes one in place, so the result
    # may share the untouched parts with `schema` (no deep copy: 1.7 ms of every validate).
    result: dict[str, Any] = dict(schema)
    definitions: dict[str, Any] = dict(result.get("$defs", {}))
    if "$defs" in result:
        result["$defs"] = definitions
    for name, definition in definitions.items():
        if name not in UNCHECKED_DEFINITIONS:
            definitions[name] = _accept(definition)
    result["properties"] = {
        name: (node if name == "version_format" else _accept(node))
        for name, node in result.get("properties", {}).items()
    }
    return result


def _accept(node: Any) -> Any:
    """The node with its children transformed, then itself if it holds a typed value."""
    if not isinstance(node, dict):
        return node
    node = dict(node)
    if isinstance(node.get("properties"), dict):
        node["properties"] = {
            name: (child if name == "id" else _accept(child))
            for name, child in node["properties"].items()
        }
    if isinstance(node.get("items"), dict):
        node["items"] = _accept(node["items"])
    if "$ref" in node or "anyOf" in node:
        return node
    enum = node.get("enum")
    if isinstance(enum, list) and all(isinstance(value, str) for value in enum):
        if MARKER not in enum:
            node["enum"] = [*enum, MARKER]
        return node
    kind = node.get("type")
    typed_string = kind == "string" and ("format" in node or "pattern" in node)
    needs_items = kind == "array" and node.get("minItems", 0) >= 1
    if typed_string or needs_items or enum or kind in ("integer", "number", "boolean"):
        outer = {key: node[key] for key in ("title", "description") if key in node}
        return {**outer, "anyOf": [node, marker_schema()]}
    return node
