"""`cptsplan diff` finds the version sent by its tag as a coordinator leaves it: two tags for
the same version (`v2.1` from the README, `2.1` made by hand on a later commit), a plan
folder renamed after the sending. On real git repositories; what is checked is what the
coordinator reads (the base named, the change shown, the note)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import example_repository, git, run_cli


def correct_title_after_sending(root: Path) -> Path:
    """The example committed and tagged `v2.1` as sent, then its title corrected and
    committed while its number was still 2.1."""
    plan = example_repository(root)
    git(root, "tag", "v2.1")
    main = plan / "plan.yaml"
    main.write_text(main.read_text("utf-8").replace("  titre: Plan de", "  titre: Le plan de"))
    git(root, "commit", "-qam", "titre corrigé après l'envoi")
    return plan


def test_two_tags_for_the_version_sent_are_said_and_v_first(tmp_path: Path) -> None:
    """`v2.1` on the commit sent, `2.1` on a later correction: the base is `v2.1` (the
    README's tag: the correction is shown) and a note names both tags, with the command
    for the other one. Before: `2.1` was taken, in silence, and the correction hidden."""
    plan = correct_title_after_sending(tmp_path)
    git(tmp_path, "tag", "2.1")
    result = run_cli("diff", plan)
    assert result.exit_code == 0, result.stderr
    assert "à la révision v2.1" in result.stdout
    assert "Titre du document : modifié" in result.stdout
    assert "les étiquettes v2.1 et 2.1 nomment toutes deux la version 2.1" in result.stdout
    assert "--depuis 2.1" in result.stdout


def test_two_tags_on_the_same_commit_need_no_note(tmp_path: Path) -> None:
    plan = example_repository(tmp_path)
    git(tmp_path, "tag", "v2.1")
    git(tmp_path, "tag", "2.1")
    main = plan / "plan.yaml"
    main.write_text(main.read_text("utf-8").replace("  titre: Plan de", "  titre: Le plan de"))
    result = run_cli("diff", plan)
    assert result.exit_code == 0, result.stderr
    assert "à la révision v2.1" in result.stdout
    assert "nomment toutes deux" not in result.stdout


def test_the_tag_is_found_after_the_plan_folder_was_renamed(tmp_path: Path) -> None:
    """Sent and tagged as plan/, corrected under 2.1, then renamed plan-sse/ and committed:
    the base is still the tag (the correction shows), not the last commit numbered 2.1.
    Before: the tag was looked for under plan-sse/ only, missed, and the correction hidden
    behind a commit hash."""
    correct_title_after_sending(tmp_path)
    git(tmp_path, "mv", "plan", "plan-sse")
    git(tmp_path, "commit", "-qm", "dossier renommé")
    result = run_cli("diff", tmp_path / "plan-sse")
    assert result.exit_code == 0, result.stderr
    assert "à la révision v2.1" in result.stdout
    assert "Titre du document : modifié" in result.stdout


def test_head_1_on_the_day_of_init_says_there_is_one_commit(tmp_path: Path) -> None:
    """`--depuis HEAD~1` on a repository with its first commit only: before, « révision
    inconnue » with the advice « exemples : HEAD~1 », the very revision refused."""
    plan = example_repository(tmp_path)
    before = {p.name: p.read_bytes() for p in plan.glob("*.yaml")}
    result = run_cli("diff", plan, "--depuis", "HEAD~1")
    assert result.exit_code == 2
    assert "révision git inconnue : HEAD~1" in result.stderr
    assert "le dépôt n'a qu'un commit" in result.stderr
    assert "git log --oneline" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in plan.glob("*.yaml")} == before
