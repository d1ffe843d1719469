"""`cptsplan update`: the next version started on a copy of the complete example kept in a
temporary git repository. What a coordinator sees: the diff of a dry run with nothing
written, the files changed only on the lines that had to change, the checklist, the refusals."""

from __future__ import annotations

import difflib
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from cptsplan.load.loader import load_file
from tests.conftest import COMPLETE_EXAMPLE, git, run_cli

TODAY = "2026-11-23"
OLD_ENTRY = "    verifie_le: 2026-06-30\n"  # dgs-urgent: made 17 months old below
OLD_ENTRY_NEW = "    verifie_le: 2025-06-30\n"
ACTION_DEADLINE = "          echeance: 2026-12-31\n          statut: en_cours\n"
ACTION_OVERDUE = "          echeance: 2026-08-31\n          statut: en_cours\n"


def make_plan(root: Path, *, repository: bool = True) -> Path:
    """The complete example with one old directory check and one overdue action."""
    plan = root / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    directory = plan / "annuaire.yaml"
    text = directory.read_text(encoding="utf-8")
    assert text.count(OLD_ENTRY) == 1
    directory.write_text(text.replace(OLD_ENTRY, OLD_ENTRY_NEW), encoding="utf-8")
    evaluation = plan / "evaluer.yaml"
    text = evaluation.read_text(encoding="utf-8")
    assert ACTION_DEADLINE in text
    evaluation.write_text(text.replace(ACTION_DEADLINE, ACTION_OVERDUE, 1), encoding="utf-8")
    if repository:
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "version 2.1")
    return plan


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return make_plan(tmp_path)


def test_dry_run_prints_the_diff_and_writes_nothing(plan: Path) -> None:
    before = snapshot(plan)
    result = run_cli("update", plan, "--date", TODAY)
    assert result.exit_code == 0, result.stderr
    assert '-  version: "2.1"' in result.stdout
    assert '+  version: "2.2"' in result.stdout
    assert "+  statut: brouillon" in result.stdout
    assert f"+  date_mise_a_jour: {TODAY}" in result.stdout
    assert "rien n'est écrit" in result.stdout
    assert snapshot(plan) == before
    explicit = run_cli("update", plan, "--date", TODAY, "--dry-run")
    assert explicit.exit_code == 0
    assert explicit.stdout == result.stdout
    assert snapshot(plan) == before


def test_write_changes_only_the_lines_that_had_to_change(plan: Path) -> None:
    original = {p.name: p.read_bytes() for p in plan.glob("*.yaml")}
    result = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert result.exit_code == 0, result.stderr
    assert "Version 2.2 commencée" in result.stdout

    # Only the file holding `document` changed; the others are byte for byte the same.
    for name, content in original.items():
        if name != "plan.yaml":
            assert (plan / name).read_bytes() == content, name
    before = original["plan.yaml"].decode().splitlines()
    after = (plan / "plan.yaml").read_text(encoding="utf-8").splitlines()
    removed = [line[2:] for line in difflib.ndiff(before, after) if line.startswith("- ")]
    added = [line[2:] for line in difflib.ndiff(before, after) if line.startswith("+ ")]
    assert removed == ['  version: "2.1"', "  statut: transmis", "  date_mise_a_jour: 2026-10-05"]
    assert sorted(added) == sorted(
        [
            '  version: "2.2"',
            "  statut: brouillon",
            f"  date_mise_a_jour: {TODAY}",
            '    - version: "2.2"',
            f"      date: {TODAY}",
            # Nothing changed since the version sent (the fixture's edits are in its first
            # commit): the pre-filled summary says so.
            '      resume: "A_COMPLETER : aucun changement depuis la version 2.1 transmise à '
            "l'ARS\"",
        ]
    )
    # Every comment line is still there, in the same order.
    comments = [line for line in before if line.lstrip().startswith("#")]
    assert [line for line in after if line.lstrip().startswith("#")] == comments

    document = load_file(plan / "plan.yaml").data["document"]
    assert document["version"] == "2.2"
    assert document["statut"] == "brouillon"
    assert str(document["date_mise_a_jour"]) == TODAY
    assert document["historique"][-1] == {
        "version": "2.2",
        "date": TODAY,
        "resume": "A_COMPLETER : aucun changement depuis la version 2.1 transmise à l'ARS",
    }
    assert document["historique"][-2]["version"] == "2.1"


def test_checklist_lists_what_must_be_looked_at(plan: Path) -> None:
    result = run_cli("update", plan, "--date", TODAY)
    out = result.stdout
    checklist = out[out.index("À revoir") :]
    assert "Annuaire de crise" in checklist
    assert "DGS-Urgent" in checklist and "30 juin 2025" in checklist
    assert "annuaire.yaml:" in checklist
    # The entry checked in June 2026 is not listed: less than 12 months.
    assert checklist.count("coordonnées vérifiées") == 1
    assert "échéance dépassée (31 août 2026)" in checklist
    assert "Désigner le référent de zone comme contact santé des CCAS" in checklist
    assert "exercice prévu sans date" in checklist
    assert "prochaine revue du plan prévue le 1er octobre 2027" in checklist
    assert "prochaine mise à jour avant le 23 novembre 2027" in checklist


def test_uncommitted_changes_are_refused_then_forced(plan: Path) -> None:
    directory = plan / "annuaire.yaml"
    directory.write_text(directory.read_text(encoding="utf-8") + "# note\n", encoding="utf-8")
    before = snapshot(plan)
    refused = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert refused.exit_code == 2
    assert "modifications non enregistrées" in refused.stderr
    assert "annuaire.yaml" in refused.stderr and "--forcer" in refused.stderr
    assert snapshot(plan) == before
    forced = run_cli("update", plan, "--date", TODAY, "--ecrire", "--forcer")
    assert forced.exit_code == 0, forced.stderr
    assert '"2.2"' in (plan / "plan.yaml").read_text(encoding="utf-8")


def test_validate_after_update_reports_the_history_summary_to_write(plan: Path) -> None:
    def problems() -> set[tuple[str, str]]:
        result = run_cli("validate", plan, "--date", TODAY, "--format", "json")
        report = json.loads(result.stdout)
        return {
            (p["rule"], p.get("path", ""))
            for plan_report in report["plans"]
            for p in plan_report["problems"]
        }

    before = problems()
    assert run_cli("update", plan, "--date", TODAY, "--ecrire").exit_code == 0
    after = problems()
    new = after - before
    assert ("champ-a-completer", "document.historique[3].resume") in new
    # The only other news: version 2.2 is not sent yet (an information, the draft's truth).
    assert new <= {
        ("champ-a-completer", "document.historique[3].resume"),
        ("transmission-version-courante", "document.transmissions"),
    }, new


def test_outside_git_runs_with_a_warning(tmp_path: Path) -> None:
    plan = make_plan(tmp_path, repository=False)
    result = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert result.exit_code == 0
    assert "pas dans un dépôt git" in result.stderr
    assert load_file(plan / "plan.yaml").data["document"]["version"] == "2.2"


def test_major_version_and_past_review_date(plan: Path) -> None:
    result = run_cli("update", plan, "--date", "2027-11-02", "--majeure", "--ecrire")
    assert result.exit_code == 0, result.stderr
    document = load_file(plan / "plan.yaml").data["document"]
    assert document["version"] == "3.0"
    # 1 October 2027 is past on 2 November 2027: moved one year after the update.
    assert str(document["date_prochaine_revue"]) == "2028-11-02"
    assert "prochaine revue du plan prévue le 2 novembre 2028" in result.stdout


def test_chosen_version_and_refusals(plan: Path) -> None:
    again = run_cli("update", plan, "--date", TODAY, "--version", "2.0")
    assert again.exit_code == 2
    assert "figure déjà" in again.stderr
    both = run_cli("update", plan, "--version", "4.0", "--majeure")
    assert both.exit_code == 2
    chosen = run_cli("update", plan, "--date", TODAY, "--version", "2026.1", "--ecrire")
    assert chosen.exit_code == 0, chosen.stderr
    assert load_file(plan / "plan.yaml").data["document"]["version"] == "2026.1"
    bad_date = run_cli("update", plan, "--date", "23/11/2026")
    assert bad_date.exit_code == 2


def test_placeholder_version_asks_for_the_version(plan: Path) -> None:
    main = plan / "plan.yaml"
    main.write_text(
        main.read_text(encoding="utf-8").replace(
            'version: "2.1"\n  #', "version: A_COMPLETER\n  #"
        ),
        encoding="utf-8",
    )
    git(plan.parent, "commit", "-q", "-am", "version à compléter")
    asked = run_cli("update", plan, "--date", TODAY)
    assert asked.exit_code == 2
    assert "--version" in asked.stderr
    given = run_cli("update", plan, "--date", TODAY, "--version", "3.0", "--ecrire")
    assert given.exit_code == 0, given.stderr
    assert load_file(main).data["document"]["version"] == "3.0"


def test_plan_failing_the_schema_is_refused(plan: Path) -> None:
    main = plan / "plan.yaml"
    main.write_text(
        main.read_text(encoding="utf-8").replace("classification: interne", "classification: 12"),
        encoding="utf-8",
    )
    git(plan.parent, "commit", "-q", "-am", "cassé")
    before = snapshot(plan)
    result = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert result.exit_code == 1
    assert "schéma" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(plan) == before


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("update", tmp_path / "absent")
    assert result.exit_code == 2
    assert "introuvable" in result.stderr


def test_a_draft_never_sent_is_not_updated_twice(plan: Path) -> None:
    assert run_cli("update", plan, "--date", TODAY, "--ecrire").exit_code == 0
    git(plan.parent, "commit", "-q", "-am", "version 2.2 commencée")
    again = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert again.exit_code == 2
    assert "déjà commencée" in again.stderr
    forced = run_cli("update", plan, "--date", TODAY, "--ecrire", "--forcer")
    assert forced.exit_code == 0, forced.stderr
    assert load_file(plan / "plan.yaml").data["document"]["version"] == "2.3"


def test_the_history_entry_is_prefilled_with_what_changed_since_the_version_sent(
    plan: Path,
) -> None:
    adapter = plan / "adapter.yaml"
    text = adapter.read_text(encoding="utf-8")
    marker = "      actions:\n"
    assert marker in text
    added = "        - phase: alerte\n          action: Nouvelle action ajoutée cette année.\n"
    adapter.write_text(text.replace(marker, marker + added, 1), encoding="utf-8")
    git(plan.parent, "commit", "-qam", "une action de plus")
    result = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert result.exit_code == 0, result.stderr
    written = (plan / "plan.yaml").read_text(encoding="utf-8")
    line = next(line for line in written.splitlines() if "relisez ce résumé" in line)
    assert "depuis la version 2.1 transmise à l'ARS" in line and "Adapter" in line
    assert "relisez ce résumé du changement depuis" in line  # one change: singular
    assert line.strip().startswith('resume: "A_COMPLETER')


def test_a_locked_file_leaves_every_plan_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows: the second file open in an editor that locks it. The first file, already
    replaced, gets its old bytes back: never half of the plan in the new version."""
    import os

    from cptsplan.update import writing

    first, second = tmp_path / "plan.yaml", tmp_path / "annuaire.yaml"
    first.write_bytes(b"version: '2.1'\r\n")  # CRLF kept as it was
    second.write_bytes(b"annuaire: []\n")
    real_replace = os.replace
    calls = []

    def replace(source: str, destination: str | Path) -> None:
        calls.append(Path(destination))
        if Path(destination) == second.resolve():
            raise PermissionError(13, "Accès refusé", str(destination))
        real_replace(source, destination)

    monkeypatch.setattr(writing.os, "replace", replace)
    with pytest.raises(writing.WriteFailed) as refused:
        writing.write_all_atomically([(first, "version: '2.2'\n"), (second, "annuaire: [x]\n")])
    assert first.resolve() in calls  # the first file had been replaced, then put back
    assert first.read_bytes() == b"version: '2.1'\r\n"
    assert second.read_bytes() == b"annuaire: []\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annuaire.yaml", "plan.yaml"]
    assert "fermez le fichier annuaire.yaml" in refused.value.message
    assert "intacts" in refused.value.message
