"""What `cptsplan diff` found: changes grouped by theme and section, and their JSON shape.

The JSON shape is documented in docs/diff-json.md and golden-tested: change it only with
a new `format` number.
"""

from __future__ import annotations

from typing import Any, Final

from cptsplan.findings.records import record

JSON_FORMAT = 1
"""Version of the JSON shape (docs/diff-json.md)."""

KINDS = ("ajout", "suppression", "modification", "renommage", "ordre", "coordonnees")


@record(frozen=True)
class Element:
    """The item with an id a change is about (a response, a fiche, a directory entry...);
    `label`: « réponse « Afflux de blessés (AMAVI) » (rep-amavi) », how the document names
    it."""

    __slots__ = ("id", "kind", "label")

    def __init__(self, kind: str, id: str, label: str) -> None:
        self.kind: Final = kind
        self.id: Final = id
        self.label: Final = label


@record()
class Change:
    """One change. `kind`: one of KINDS; `path`: where, with ids in place of list positions
    (adapter.reponses[rep-amavi].actions[3]); `field`: the French label of the field inside
    the element or section ("" for the item itself); `words`: word-by-word operations for a
    changed text (("egal" | "supprime" | "ajoute", text)); `masked`: contact values not
    shown (« coordonnées modifiées »)."""

    __slots__ = (
        "element",
        "field",
        "kind",
        "masked",
        "new",
        "old",
        "path",
        "section",
        "theme",
        "words",
    )

    def __init__(
        self,
        kind: str,
        theme: str,
        section: str,
        path: str,
        field: str,
        element: Element | None = None,
        old: Any = None,
        new: Any = None,
        words: list[tuple[str, str]] | None = None,
        masked: bool = False,
    ) -> None:
        self.kind = kind
        self.theme = theme
        self.section = section
        self.path = path
        self.field = field
        self.element = element
        self.old = old
        self.new = new
        self.words = words
        self.masked = masked


@record()
class Side:
    """One side of the comparison; `valid`: whether it passes the format check (None: not
    checked, for a comparison only counted, update's summary); `unread`: files of the plan
    that could not be read (broken YAML...): their sections are absent."""

    __slots__ = ("format_version", "revision", "source", "unread", "valid", "version")

    def __init__(
        self,
        source: str,
        revision: str | None = None,
        version: str | None = None,
        valid: bool | None = True,
        format_version: Any = None,
        unread: list[str] | None = None,
    ) -> None:
        self.source = source
        self.revision = revision
        self.version = version
        self.valid = valid
        self.format_version = format_version
        self.unread: list[str] = [] if unread is None else unread


@record()
class Group:
    __slots__ = ("changes", "section", "section_title", "theme", "theme_title")

    def __init__(
        self,
        theme: str,
        theme_title: str,
        section: str,
        section_title: str,
        changes: list[Change] | None = None,
    ) -> None:
        self.theme = theme
        self.theme_title = theme_title
        self.section = section
        self.section_title = section_title
        self.changes: list[Change] = [] if changes is None else changes


@record()
class DiffResult:
    __slots__ = ("edition", "groups", "new", "notes", "old")

    def __init__(
        self,
        old: Side,
        new: Side,
        edition: str,
        groups: list[Group],
        notes: list[str] | None = None,
    ) -> None:
        self.old = old
        self.new = new
        self.edition = edition
        self.groups = groups
        self.notes: list[str] = [] if notes is None else notes

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
