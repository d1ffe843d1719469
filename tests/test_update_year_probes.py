"""`cptsplan update --ecrire` as a coordinator lives it, on real git repositories: a figure
deleted and not committed, a file saved from an editor while the command ran, a repository
copied onto a machine without git. Each time: the documented exit code, a French message
that says what to do, and the plan files untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

import cptsplan.update as update
from cptsplan.update.gitstate import GitState
from tests.conftest import run_cli
from tests.test_update import TODAY, make_plan, snapshot


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return make_plan(tmp_path)


def test_a_deleted_plan_file_counts_as_an_uncommitted_change(plan: Path) -> None:
    """A file of the plan folder deleted and not committed is uncommitted work, as an edited
    one is: `--ecrire` refuses it and names it."""
    figure = next((plan / "figures").iterdir())
    figure.unlink()
    before = snapshot(plan)
    refused = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert refused.exit_code == 2, refused.stderr
    assert "modifications non enregistrées" in refused.stderr
    assert f"figures/{figure.name}" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert snapshot(plan) == before
    dry = run_cli("update", plan, "--date", TODAY)
    assert dry.exit_code == 0
    assert f"figures/{figure.name}" in dry.stderr  # the dry run says it too


def test_a_scratch_file_beside_the_plan_does_not_block(plan: Path) -> None:
    """A file git does not follow and the plan does not read (notes, a PDF received) is not
    the plan's: it does not block the update."""
    (plan / "notes-reunion.txt").write_text("à voir\n", encoding="utf-8")
    done = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert done.exit_code == 0, done.stderr
    assert "modifications non enregistrées" not in done.stderr


def test_a_save_while_the_update_runs_is_not_overwritten(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The coordinator saves plan.yaml from an editor while `update --ecrire` runs, after
    its checks: the save is kept, nothing is written, exit 2 with what to do."""
    document = plan / "plan.yaml"
    real = update.git_state
    saved = document.read_text(encoding="utf-8") + "# ajouté dans l'éditeur\n"

    def checked_then_saved(*args: object, **kwargs: object) -> GitState:
        state = real(*args, **kwargs)  # type: ignore[arg-type]
        document.write_text(saved, encoding="utf-8")
        return state

    monkeypatch.setattr(update, "git_state", checked_then_saved)
    before = {p.name: p.read_bytes() for p in plan.glob("*.yaml") if p != document}
    result = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert result.exit_code == 2, result.stderr
    assert "a été modifié pendant la mise à jour" in result.stderr
    assert "relancez" in result.stderr
    assert "Traceback" not in result.stderr
    assert document.read_text(encoding="utf-8") == saved
    assert {p.name: p.read_bytes() for p in plan.glob("*.yaml") if p != document} == before
    assert not [p for p in plan.iterdir() if p.name.endswith(".tmp")]


def test_a_repository_on_a_machine_without_git_says_to_install_it(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan folder copied with its `.git` onto a machine where git is not installed:
    `--ecrire` cannot know whether work is uncommitted and refuses (code 2), with the
    advice that fits (install Git, or --forcer), not the one for a container's ownership."""
    empty = tmp_path / "sans-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    before = snapshot(plan)
    refused = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert refused.exit_code == 2, refused.stderr
    assert "installez Git" in refused.stderr
    assert "--forcer" in refused.stderr
    assert "safe.directory" not in refused.stderr
    assert snapshot(plan) == before
    forced = run_cli("update", plan, "--date", TODAY, "--ecrire", "--forcer")
    assert forced.exit_code == 0, forced.stderr


def test_a_version_ready_but_never_sent_is_not_passed_over(plan: Path) -> None:
    """« statut: pret_a_transmettre » and no transmission of 2.1: the coordinator forgot to
    record the sending (or never sent it). Starting 2.2 would write « brouillon » over the
    only sign of it: refused (code 2, dry run too) with both ways out; --forcer goes on."""
    document = plan / "plan.yaml"
    text = document.read_text(encoding="utf-8")
    text = text.replace("  statut: transmis", "  statut: pret_a_transmettre", 1)
    text = text.replace('      version: "2.1"\n', '      version: "2.0"\n')  # the sendings
    document.write_text(text, encoding="utf-8")
    from tests.conftest import git

    git(plan.parent, "commit", "-qam", "2.1 prête")
    before = snapshot(plan)
    for write in ([], ["--ecrire"]):
        refused = run_cli("update", plan, "--date", TODAY, *write)
        assert refused.exit_code == 2, refused.stdout + refused.stderr
        assert "prête à transmettre" in refused.stderr
        assert "enregistrez l'envoi" in refused.stderr and "--forcer" in refused.stderr
        assert snapshot(plan) == before
    forced = run_cli("update", plan, "--date", TODAY, "--ecrire", "--forcer")
    assert forced.exit_code == 0, forced.stderr


def test_a_date_before_the_last_update_is_refused(plan: Path) -> None:
    """`--date 2025-11-23` typed for 2026 (or a computer's clock set wrong): the new version
    would be dated before the version sent, and the history go backwards. Refused (code 2,
    dry run too), nothing written; --forcer goes on."""
    before = snapshot(plan)
    for write in ([], ["--ecrire"]):
        refused = run_cli("update", plan, "--date", "2025-11-23", *write)
        assert refused.exit_code == 2, refused.stdout + refused.stderr
        assert "antérieure à" in refused.stderr and "5 octobre 2026" in refused.stderr
        assert "vérifiez --date" in refused.stderr
        assert snapshot(plan) == before
    same_day = run_cli("update", plan, "--date", "2026-10-05")  # the day of the last update
    assert same_day.exit_code == 0, same_day.stderr
    forced = run_cli("update", plan, "--date", "2025-11-23", "--ecrire", "--forcer")
    assert forced.exit_code == 0, forced.stderr


def test_documents_committed_in_the_plan_build_folder_do_not_block(plan: Path) -> None:
    """An older repository without init's .gitignore, whose coordinator committed the PDF
    in plan/build/: rendering a draft rewrites it, and that output is not the plan's work."""
    from tests.conftest import git

    build = plan / "build"
    build.mkdir()
    (build / "plan-sse-v2.1-interne.pdf").write_bytes(b"%PDF-1.7 ancien\n")
    git(plan.parent, "add", "-A")
    git(plan.parent, "commit", "-qm", "documents envoyés")
    (build / "plan-sse-v2.1-interne.pdf").write_bytes(b"%PDF-1.7 brouillon\n")
    done = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert done.exit_code == 0, done.stderr
    assert "modifications non enregistrées" not in done.stderr


def test_a_git_that_does_not_answer_in_time_is_not_sent_to_safe_directory(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git stopped by the hang guard (a network share): the advice is to relaunch, or
    --forcer, not to declare the folder safe (the advice for another account's folder)."""
    hung = GitState(True, [], "git ne répond pas (plus de 30 secondes)")
    monkeypatch.setattr(update, "git_state", lambda *_args, **_kwargs: hung)
    before = snapshot(plan)
    refused = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert refused.exit_code == 2, refused.stderr
    assert "ne répond pas" in refused.stderr and "relancez" in refused.stderr
    assert "--forcer" in refused.stderr and "safe.directory" not in refused.stderr
    assert snapshot(plan) == before
