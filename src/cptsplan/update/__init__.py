"""`cptsplan update`: start the next version of a plan (see docs/mise-a-jour.md).

`start_next_version` checks the plan, computes the changes and the new text of the file that
holds `document`, and writes it only when asked (`write=True`); the CLI prints the result.
"""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Final

from cptsplan.api import PlanTarget, check_plan
from cptsplan.errors import UsageError
from cptsplan.files.folders import work_tree_root
from cptsplan.findings.problems import Severity
from cptsplan.findings.records import record
from cptsplan.messages.dates import french_date
from cptsplan.model import Plan
from cptsplan.repository.git import git_program
from cptsplan.rules.helpers import is_placeholder, year_after
from cptsplan.update.changes import Change, edit_document, plan_changes
from cptsplan.update.checklist import ChecklistItem, checklist
from cptsplan.update.gitstate import git_state
from cptsplan.update.summary import history_summary
from cptsplan.update.validity import schema_refusal, valid_version
from cptsplan.update.versioning import next_version
from cptsplan.update.writing import write_all_atomically
from cptsplan.update.yamledit import UpdateRefused

__all__ = ["FileChange", "UpdateRefused", "UpdateResult", "start_next_version"]


@record(frozen=True)
class FileChange:
    __slots__ = ("after", "before", "display", "path")

    def __init__(self, path: Path, display: str, before: str, after: str) -> None:
        self.path: Final = path
        self.display: Final = display
        self.before: Final = before
        self.after: Final = after

    def diff(self) -> str:
        """The unified diff of the file, as `git diff` shows it."""
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                f"a/{self.display}",
                f"b/{self.display}",
            )
        )


@record()
class UpdateResult:
    """`next_update`: the day before which the following update is due (12 months later)."""

    __slots__ = (
        "changes",
        "checklist",
        "files",
        "new_version",
        "next_update",
        "old_version",
        "today",
        "warnings",
        "written",
    )

    def __init__(
        self,
        old_version: str,
        new_version: str,
        today: date,
        changes: list[Change],
        files: list[FileChange],
        checklist: list[ChecklistItem],
        next_update: date,
        written: bool = False,
        warnings: list[str] | None = None,
    ) -> None:
        self.old_version = old_version
        self.new_version = new_version
        self.today = today
        self.changes = changes
        self.files = files
        self.checklist = checklist
        self.next_update = next_update
        self.written = written
        self.warnings: list[str] = [] if warnings is None else warnings


def start_next_version(
    path: Path,
    *,
    today: date,
    version: str | None = None,
    major: bool = False,
    write: bool = False,
    force: bool = False,
    display: str | None = None,
) -> UpdateResult:
    """Raises UsageError (exit 2) for what the command line must change, UpdateRefused
    (exit 1) for a plan that cannot be updated as written."""
    if not path.exists():
        raise UsageError(f"chemin introuvable : {display or path}")
    report = check_plan(PlanTarget(path, display or str(path)))
    errors = [p for p in report.problems if p.severity == Severity.ERROR]
    if errors or report.plan is None:
        first = errors[0] if errors else None
        raise UpdateRefused(
            f"le plan ne passe pas la vérification du schéma ({len(errors)} erreur(s))"
            + (f", la première : {first.location} {first.message}" if first else ""),
            "corrigez-le d'abord (cptsplan validate --schema-seulement), puis relancez",
        )
    plan = report.plan
    current = plan.section("document", "version")
    old_version = "à compléter" if is_placeholder(current) else str(current)
    # Before the next number is guessed: a plan never sent (a fresh `init`, whose version
    # is still « A_COMPLETER ») needs its writing finished, not a version number to give.
    if plan.status == "brouillon" and not force and not _sent(plan, str(current)):
        if is_placeholder(current):
            raise UsageError(
                "le plan est un brouillon jamais transmis (version à compléter) : il n'y a pas "
                "encore de version précédente à mettre à jour, rien n'est écrit",
                "terminez-le (cptsplan validate --resume), envoyez-le, puis commencez la "
                "version suivante l'année d'après ; ou relancez avec --forcer --version 1.0",
            )
        raise UsageError(
            f"la version {old_version} est un brouillon qui n'a jamais été transmis : la mise "
            "à jour est sans doute déjà commencée",
            "continuez-la (résumé de l'historique, statut à l'envoi), ou relancez avec "
            "--forcer pour commencer quand même la version suivante",
        )
    if plan.status == "pret_a_transmettre" and not force and not _sent(plan, str(current)):
        # Writing « brouillon » over « pret_a_transmettre » would erase the only sign that
        # this version never reached the ARS: the sending was surely not recorded.
        raise UsageError(
            f"la version {old_version} est prête à transmettre mais aucune transmission de "
            "cette version n'est enregistrée : la commencer la ferait passer pour envoyée",
            f"si elle a été envoyée, enregistrez l'envoi (document.transmissions, version "
            f"{old_version} ; statut: transmis) et enregistrez-le dans git, puis relancez ; "
            "sinon, envoyez-la d'abord, ou relancez avec --forcer",
        )
    new_version = version.strip() if version else next_version(current, major=major)
    if not new_version or is_placeholder(new_version):
        raise UsageError("la nouvelle version est vide", "exemple : --version 2.2")
    if not valid_version(new_version):
        raise UsageError(
            f"la version {new_version!r} n'est pas un numéro de version : le plan ne passerait "
            "plus la vérification du schéma",
            "des nombres séparés par des points, par exemple --version 2.2 ou --version 2026.1",
        )
    _check_date_order(plan, today, force)
    known = {str(entry.get("version")) for entry in plan.section("document", "historique") or []}
    if new_version == str(current) or new_version in known:
        raise UsageError(
            f"la version {new_version} figure déjà dans le plan (version ou historique)",
            "une mise à jour a peut-être déjà été commencée ; sinon choisissez --version",
        )

    source = plan.source
    owner = next((f for f in source.files if source.file_of("document") == f.display), None)
    if owner is None:
        raise UpdateRefused("le plan n'a pas de section « document »")
    # The bytes that were read and checked (not read again), CRLF line ends kept as they are.
    before = owner.raw.decode("utf-8")
    unsummarised: list[str] = []
    summary = history_summary(path, old_version, source, unsummarised)
    after = edit_document(owner, before, old_version, new_version, today, summary)
    refused = schema_refusal(source, owner.path, after)
    if refused is not None:
        raise UpdateRefused(
            f"le plan mis à jour ne passerait plus la vérification du schéma ({refused}) : "
            "rien n'est écrit",
            "signalez-le (c'est une erreur de cptsplan) ; en attendant, faites la mise à "
            "jour à la main (docs/mise-a-jour.md)",
        )
    changes = plan_changes(plan.section("document"), old_version, new_version, today)
    review = plan.section("document", "date_prochaine_revue")
    next_review = review if isinstance(review, date) and review >= today else None
    if isinstance(review, date) and review < today:
        next_review = year_after(today)
    result = UpdateResult(
        old_version,
        new_version,
        today,
        changes,
        [FileChange(owner.path, owner.display, before, after)],
        checklist(plan, today, next_review),
        year_after(today),
    )

    state = git_state([f.path for f in source.files], path if path.is_dir() else None)
    if not state.in_repository:
        result.warnings.append(
            "le plan n'est pas dans un dépôt git : rien ne permettra de revenir à la version "
            "précédente, gardez-en une copie"
        )
    elif state.unknown is not None and not force:
        why = "git ne peut pas dire si le plan a des modifications non enregistrées"
        why += f" ({state.unknown})"
        how = _unknown_advice(state.unknown, _root_of(path))
        if write:
            raise UsageError(why, how)
        result.warnings.append(f"{why} ; --ecrire refusera sans --forcer ({how})")
    elif state.uncommitted and not force:
        pending = ", ".join(state.uncommitted)
        if write:
            raise UsageError(
                f"des fichiers du plan ont des modifications non enregistrées dans git : {pending}",
                "enregistrez-les (git commit) ou mettez-les de côté (git stash), ou relancez "
                "avec --forcer",
            )
        result.warnings.append(
            f"modifications non enregistrées dans git : {pending} ; --ecrire les refusera "
            "sans --forcer"
        )
    if state.in_repository and unsummarised:  # outside git, the warning above says it all
        result.warnings.append(
            "le résumé de la nouvelle version dans l'historique n'est pas pré-rempli avec ce "
            f"qui a changé depuis la version transmise : {unsummarised[0]}"
        )
    if write:
        # The bytes read at the start are the ones the new text was made from: a file saved
        # meanwhile (an editor still open on the plan) is not overwritten.
        write_all_atomically(
            [(change.path, change.after) for change in result.files],
            expected=[owner.raw],
        )
        result.written = True
    return result


def _unknown_advice(reason: str, root: str) -> str:
    """What to do when git could not say whether the plan is committed, by the reason git
    gave (its first line, in English or French: the ownership case is recognised by a word
    of each, and otherwise still mentioned)."""
    forced = "ou relancez avec --forcer si aucune modification n'est en cours"
    safe = f"git config --global --add safe.directory {root}"
    if git_program() is None:  # a copied repository on a machine without git
        return (
            f"installez Git (https://git-scm.com/download/win sous Windows) et relancez ; {forced}"
        )
    if any(word in reason for word in ("dubious", "douteuse", "safe.directory")):
        return (
            "si le dossier est le vôtre mais appartient à un autre compte (Docker, WSL, CI), "
            f"déclarez-le sûr : {safe} ; {forced}"
        )
    if "ne répond pas" in reason:  # a hang guard: a network share, a huge repository
        return f"relancez quand le dossier est accessible ; {forced}"
    return (
        f"« git status » dans {root} dit ce qui bloque (dossier .git abîmé ou déplacé) ; si "
        f"git parle de propriétaire (« dubious ownership » : Docker, WSL, CI) : {safe} ; {forced}"
    )


def _check_date_order(plan: Plan, today: date, force: bool) -> None:
    """A new version dated before what the plan already records (its last update, a
    version of its history) is a typo in --date or a computer's wrong clock: the history
    would go backwards. Refused unless forced."""
    history = plan.section("document", "historique") or []
    dated = [
        (when, f"la version {entry.get('version')} de l'historique")
        for entry in history
        if isinstance(entry, dict) and isinstance(when := entry.get("date"), date)
    ]
    last_update = plan.section("document", "date_mise_a_jour")
    if isinstance(last_update, date):
        dated.append((last_update, "la dernière mise à jour (date_mise_a_jour)"))
    if force or not dated:
        return
    latest, what = max(dated, key=lambda pair: pair[0])
    if today < latest:
        raise UsageError(
            f"la date de la mise à jour, {french_date(today)}, est antérieure à {what}, du "
            f"{french_date(latest)} : l'historique du plan reviendrait en arrière",
            "vérifiez --date (ou la date de l'ordinateur), ou relancez avec --forcer",
        )


def _sent(plan: Plan, version: str) -> bool:
    return any(
        str(sending.get("version")) == version
        for sending in plan.section("document", "transmissions") or []
        if isinstance(sending, dict)
    )


def _root_of(path: Path) -> str:
    """The work tree holding `path` (what `safe.directory` names), found without git."""
    start = path.resolve() if path.is_dir() else path.resolve().parent
    return (work_tree_root(start) or start).as_posix()
