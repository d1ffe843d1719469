"""`render --depuis REV`: what the consolidated document shows of the changes since REV.

The annex and the marks are built from the DiffResult of `cptsplan diff` (same comparison,
same labels), as plain strings: templates print them through the Jinja escaping, so no plan
text can inject markup. Only the marks themselves (« *(modifié)* ») are Markdown of ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cptsplan.diff import DiffResult
from cptsplan.diff.reporters import VERBS, change_detail, change_subject, total_line
from cptsplan.diff.result import Change
from cptsplan.diff.words import shorten_equal
from cptsplan.render.filters import Markdown, Pending

_ITEM = re.compile(r"^(?P<collection>[a-z_]+\.[a-z_]+)\[(?P<id>[^\]]+)\]")
"""`adapter.reponses[rep-amavi].actions[3]` -> the response rep-amavi."""


@dataclass(frozen=True)
class AnnexLine:
    tete: str
    """« + réponse « … » (rep-amavi) — Actions n° 2 : ajouté »."""
    detail: str = ""
    mots: list[tuple[str, str]] = field(default_factory=list)
    """A changed text word by word: ("egal" | "supprime" | "ajoute", text)."""


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


def _line(change: Change) -> AnnexLine:
    # No « + / - / ~ » sign in a document: the verb says it, and a leading « + » becomes a
    # numbered-list marker once pandoc writes Typst (seen in the PDF).
    head = f"{change_subject(change)} : {VERBS[change.kind]}"
    if change.kind == "modification" and change.words and not change.masked:
        return AnnexLine(head, mots=list(shorten_equal(change.words)))
    return AnnexLine(head, change_detail(change))


def modifications(result: DiffResult, base_date: Any) -> Modifications:
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
    groups = [
        AnnexGroup(
            group.theme_title + (f" › {group.section_title}" if group.section_title else ""),
            [_line(change) for change in group.changes],
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


def since(plan_path: Path, revision: str, edition: str) -> Modifications:
    """The plan at `revision` against the working copy, as `cptsplan diff --depuis REV`
    compares them (the diffusable edition's comparison shows no contact value); the base's
    update date is read from the same revision."""
    from cptsplan.diff import diff_data
    from cptsplan.diff.load import load_side, revision_folder

    new_data, new_side = load_side(plan_path, str(plan_path))
    with revision_folder(plan_path, revision) as read:
        old_data, old_side = load_side(read.path, f"{plan_path}@{revision}", revision)
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
    return modifications(result, updated if isinstance(updated, date) else None)
