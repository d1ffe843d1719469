"""What `cptsplan diff` found: changes grouped by theme and section, and their JSON shape.

The JSON shape is documented in docs/diff-json.md and golden-tested: change it only with
a new `format` number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSON_FORMAT = 1
"""Version of the JSON shape (docs/diff-json.md)."""

KINDS = ("ajout", "suppression", "modification", "renommage", "ordre", "coordonnees")


@dataclass(frozen=True)
class Element:
    """The item with an id a change is about (a response, a fiche, a directory entry...)."""

    kind: str
    id: str
    label: str
    """« réponse « Afflux de blessés (AMAVI) » (rep-amavi) »: how the document names it."""


@dataclass
class Change:
    kind: str
    """One of KINDS."""
    theme: str
    section: str
    path: str
    """Where, with ids in place of list positions: adapter.reponses[rep-amavi].actions[3]."""
    field: str
    """The French label of the field inside the element or section ("" for the item itself)."""
    element: Element | None = None
    old: Any = None
    new: Any = None
    words: list[tuple[str, str]] | None = None
    """Word-by-word operations for a changed text: ("egal" | "supprime" | "ajoute", text)."""
    masked: bool = False
    """Contact values not shown (« coordonnées modifiées »)."""


@dataclass
class Side:
    source: str
    revision: str | None = None
    version: str | None = None
    valid: bool = True
    format_version: Any = None
    unread: list[str] = field(default_factory=list)
    """Files of the plan that could not be read (broken YAML...): their sections are absent."""


@dataclass
class Group:
    theme: str
    theme_title: str
    section: str
    section_title: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class DiffResult:
    old: Side
    new: Side
    edition: str
    groups: list[Group]
    notes: list[str] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        return [change for group in self.groups for change in group.changes]

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(KINDS, 0)
        for change in self.changes:
            found[change.kind] += 1
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "format": JSON_FORMAT,
            "edition": self.edition,
            "ancien": _side(self.old),
            "nouveau": _side(self.new),
            "resume": self.counts(),
            "remarques": list(self.notes),
            "sections": [
                {
                    "theme": group.theme,
                    "theme_titre": group.theme_title,
                    "section": group.section,
                    "section_titre": group.section_title,
                    "changements": [_change(change) for change in group.changes],
                }
                for group in self.groups
            ],
        }


def _side(side: Side) -> dict[str, Any]:
    return {
        "source": side.source,
        "revision": side.revision,
        "version": side.version,
        "valide": side.valid,
        "version_format": side.format_version,
        "fichiers_illisibles": list(side.unread),
    }


def _change(change: Change) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "nature": change.kind,
        "chemin": change.path,
        "champ": change.field,
        "element": None
        if change.element is None
        else {
            "type": change.element.kind,
            "id": change.element.id,
            "libelle": change.element.label,
        },
    }
    if not change.masked:
        shown["ancien"] = change.old
        shown["nouveau"] = change.new
    if change.words is not None and not change.masked:
        shown["mots"] = [{"op": op, "texte": text} for op, text in change.words]
    shown["masque"] = change.masked
    return shown
