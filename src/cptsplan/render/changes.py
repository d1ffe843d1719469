"""`render --depuis REV`: what the consolidated document shows of the changes since REV.

The annex and the marks are built from the DiffResult of `cptsplan diff` (same comparison,
same labels), as plain strings: templates print them through the Jinja escaping, so no plan
text can inject markup. Only the marks themselves (« *(modifié)* ») are Markdown of ours.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cptsplan.diff import DiffResult
from cptsplan.diff.reporters import VERBS, change_detail, change_subject, total_line
from cptsplan.diff.result import Change
from cptsplan.diff.words import shorten_equal
from cptsplan.render.change_values import Readable
from cptsplan.render.filters import Markdown, Pending

if TYPE_CHECKING:
    from cptsplan.load.source import PlanSource

_ITEM = re.compile(r"^(?P<collection>[a-z_]+\.[a-z_]+)\[(?P<id>[^\]]+)\]")
"""`adapter.reponses[rep-amavi].actions[3]` -> the response rep-amavi."""


@dataclass(frozen=True)
class AnnexLine:
    tete: str
    """« Actions n° 2 : ajouté », or « réponse « … » : modifié » for a whole item."""
    detail: str = ""
    mots: list[tuple[str, str]] = field(default_factory=list)
    """A changed text word by word: ("egal" | "supprime" | "ajoute", text)."""
    sous: list[AnnexLine] = field(default_factory=list)
    """The changes inside the item this line names (its name printed once, issue 17)."""


@dataclass(frozen=True)
class AnnexGroup:
    titre: str
    lignes: list[AnnexLine]


@dataclass
class Modifications:
    """What templates see as `modifications` (None without --depuis)."""

    version: str
    date: Any
    total: str
    groupes: list[AnnexGroup]
    remarques: list[str]
    changed: dict[str, str] = field(default_factory=dict)
    """« collection[id] » or theme -> « modifié » | « nouveau »."""

    def marque(self, key: str) -> Markdown:
        """The mark appended to a heading: « (modifié) », « (nouveau) » in italics, or
        nothing."""
        found = self.changed.get(key)
        # The span is ours (plan text is escaped and cannot make one): the Lua filter
        # highlights it in DOCX.
        return Markdown(f" [*({found})*]{{.marque-modification}}") if found else Markdown("")

    def reponse(self, identifier: Any) -> Markdown:
        return self.marque(f"adapter.reponses[{identifier}]")

    def fiche(self, identifier: Any) -> Markdown:
        return self.marque(f"adapter.fiches_reflexes[{identifier}]")

    def theme(self, name: str) -> Markdown:
        return self.marque(name)

    def resume_de(self, entry: Any, current: Any) -> Any:
        """The history entry's summary; for the current version's entry whose summary is
        still to complete, the summary of this comparison."""
        if not isinstance(entry, dict):
            return ""
        resume = entry.get("resume")
        unwritten = not resume or isinstance(resume, Pending)
        return self.resume() if unwritten and str(entry.get("version")) == str(current) else resume

    def resume(self) -> str:
        """« 3 modifications : Adapter › Réponses ; Annuaire de crise »: for the history."""
        count = sum(len(group.lignes) for group in self.groupes)
        if not count:
            return "Aucune modification."
        titles = " ; ".join(group.titre for group in self.groupes)
        return f"{count} modification{'s' if count > 1 else ''} : {titles}"


def _line(change: Change, old: Readable, new: Readable, subject: str | None = None) -> AnnexLine:
    # No « + / - / ~ » sign in a document: the verb says it, and a leading « + » becomes a
    # numbered-list marker once pandoc writes Typst (seen in the PDF).
    head = f"{change_subject(change) if subject is None else subject} : {VERBS[change.kind]}"
    if change.masked:
        return AnnexLine(head, change_detail(change))
    if change.kind == "modification" and _is_code(change.old, change.new):
        # A choice, a date, an identifier: the two values as the document prints them.
        before, after = old.value(change.path, change.old), new.value(change.path, change.new)
        return AnnexLine(head, mots=[("supprime", before), ("ajoute", after)])
    if change.kind == "modification" and change.words:
        return AnnexLine(head, mots=list(shorten_equal(change.words)))
    if (
        change.kind in ("ajout", "suppression")
        and change.field
        and not isinstance(change.new if change.kind == "ajout" else change.old, dict)
    ):
        value = change.new if change.kind == "ajout" else change.old
        side = new if change.kind == "ajout" else old
        return AnnexLine(head, f"« {side.value(change.path, value)} »" if value is not None else "")
    return AnnexLine(head, change_detail(change))


def _is_code(*values: Any) -> bool:
    """Values the YAML holds as codes: dates, choices, identifiers (never free text)."""
    return any(isinstance(value, date | bool) for value in values) or all(
        isinstance(value, str) and re.fullmatch(r"[\w.-]+", value) for value in values
    )


def _element_name(change: Change) -> str:
    """« exercice « Exercice sur table… » » without its « (exo-2027-lys-deule) »."""
    if change.element is None:
        return ""
    label = change.element.label
    return re.sub(rf" \({re.escape(change.element.id)}\)$", "", label)


def _inside(change: Change, identifier: str) -> bool:
    """A change to a field of the item `identifier`."""
    return change.element is not None and change.element.id == identifier and bool(change.field)


def _lines(changes: list[Change], old: Readable, new: Readable) -> list[AnnexLine]:
    """One line per change; the changes inside one item under one line naming it."""
    # How many changes inside each item (a field of it) are still to come, the current one
    # included: a line naming the item when there are two or more, even further down.
    ahead = Counter(c.element.id for c in changes if c.element is not None and c.field)
    lines: list[AnnexLine] = []
    index = 0
    while index < len(changes):
        change = changes[index]
        element = change.element
        if change.field and element is not None and ahead[element.id] > 1:
            end = index + 1
            while end < len(changes) and _inside(changes[end], element.id):
                end += 1
            sub = [_line(c, old, new, c.field) for c in changes[index:end]]
            lines.append(AnnexLine(_element_name(change), sous=sub))
            ahead[element.id] -= end - index
            index = end
            continue
        line = _line(change, old, new)
        if change.element is not None:
            line = AnnexLine(
                line.tete.replace(change.element.label, _element_name(change), 1),
                line.detail, line.mots,
            )  # fmt: skip
        lines.append(line)
        index += 1
    return lines


def modifications(
    result: DiffResult,
    base_date: Any,
    old_data: dict[str, Any] | None = None,
    new_data: dict[str, Any] | None = None,
) -> Modifications:
    changed: dict[str, str] = {}
    for change in result.changes:
        if change.theme:
            changed[change.theme] = "modifié"
        found = _ITEM.match(change.path)
        if found:
            key = found.group(0)
            new = change.kind == "ajout" and change.path == key
            if new or changed.get(key) != "nouveau":
                changed[key] = "nouveau" if new else "modifié"
    old_values, new_values = Readable(old_data or {}), Readable(new_data or {})
    groups = [
        AnnexGroup(
            group.theme_title + (f" › {group.section_title}" if group.section_title else ""),
            _lines(group.changes, old_values, new_values),
        )
        for group in result.groups
    ]
    return Modifications(
        result.old.version or "?",
        base_date,
        total_line(result),
        groups,
        list(result.notes),
        changed,
    )


def since(plan_path: Path, revision: str, edition: str, source: PlanSource) -> Modifications:
    """The plan at `revision` against the working copy, as `cptsplan diff --depuis REV`
    compares them (the diffusable edition's comparison shows no contact value); the base's
    update date is read from the same revision. `source`: the working copy as the render
    already read it and found it passing the format check (not read again; only read here)."""
    from cptsplan.diff import diff_data
    from cptsplan.diff.load import load_side, revision_folder, side_of
    from cptsplan.load.source import reusable

    new_data, new_side = source.data, side_of(source, str(plan_path), valid=True)
    # The files that did not change since `revision` are the working copy's, not parsed again.
    reuse = reusable(source)
    with revision_folder(plan_path, revision) as read:
        old_data, old_side = load_side(read.path, f"{plan_path}@{revision}", revision, reuse)
    old_side.source = f"{plan_path} ({revision})"
    result = diff_data(old_data, new_data, old_side, new_side, edition)
    if (skipped := read.note(revision)) is not None:
        result.notes.append(skipped)
    document = old_data.get("document") if isinstance(old_data.get("document"), dict) else {}
    updated = (document or {}).get("date_mise_a_jour")
    if isinstance(updated, str):
        try:
            updated = date.fromisoformat(updated)
        except ValueError:
            updated = None
    if edition != "interne":
        # The names the annex gives the items a change refers to (« ~~Neige, astreinte 04 65
        # 71 00 20~~ **Canicule** ») are read from the data: the edition's, not the plan's.
        from cptsplan.diff import shown_sides

        old_data, new_data = shown_sides(old_data, new_data)
    return modifications(result, updated if isinstance(updated, date) else None, old_data, new_data)
