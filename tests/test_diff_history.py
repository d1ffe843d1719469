"""The year cycle (`update`, `diff`, `render --depuis`) on repositories as coordinators really
keep them: the plan folder renamed between two versions, the version sent never tagged, a CI
clone holding one commit, two versions sent the same day, a fresh `init` plan never sent.
Each test builds the repository with git and asserts what the coordinator sees."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cptsplan.diff.load import sent_version

from .conftest import CliResult, example_repository, git, run_cli

TODAY = "2026-12-01"


def next_version(root: Path, plan: Path, message: str = "version 2.2 commencée") -> None:
    started = run_cli("update", plan, "--date", TODAY, "--ecrire", "--forcer")
    assert started.exit_code == 0, started.stderr
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_plan_folder_renamed_with_the_new_version_is_compared_with_the_version_sent(
    tmp_path: Path,
) -> None:
    """`plan/` became `plan-sse/` in the commit that started 2.2: the version sent (2.1) is
    only under the old name. Before: « la version 2.1 n'est dans aucun commit » (exit 2)."""
    plan = example_repository(tmp_path)
    git(tmp_path, "mv", "plan", "plan-sse")
    next_version(tmp_path, tmp_path / "plan-sse")
    result = run_cli("diff", tmp_path / "plan-sse")
    assert result.exit_code == 0, result.stderr
    assert "version 2.1" in result.stdout and "version 2.2" in result.stdout
    assert "le plan était dans « plan »" in result.stdout
    # What really changed (the update's four edits), not every section as new.
    assert "1 ajout et 3 modifications" in result.stdout
    assert not plan.exists()


def test_a_tag_made_before_the_folder_was_renamed_still_works(tmp_path: Path) -> None:
    """`--depuis v2.1` where v2.1 had the plan in `plan/`. Before: « le plan plan-sse
    n'existe pas à la révision v2.1 » (exit 2), for `diff` and for `render --depuis`."""
    example_repository(tmp_path)
    git(tmp_path, "tag", "v2.1")
    git(tmp_path, "mv", "plan", "plan-sse")
    git(tmp_path, "commit", "-qm", "dossier renommé")
    next_version(tmp_path, tmp_path / "plan-sse")
    moved = tmp_path / "plan-sse"
    diffed = run_cli("diff", moved, "--depuis", "v2.1")
    assert diffed.exit_code == 0, diffed.stderr
    assert "1 ajout et 3 modifications" in diffed.stdout
    rendered = run_cli("render", moved, "--depuis", "v2.1", "-f", "md")
    assert rendered.exit_code == 0, rendered.stderr
    document = (moved / "build" / "plan-sse-v2.2-interne-brouillon.md").read_text("utf-8")
    assert "modifications depuis la version 2.1" in document
    assert "1 ajout et 3 modifications" in document


def test_a_folder_that_never_existed_at_the_revision_is_still_refused(tmp_path: Path) -> None:
    plan = example_repository(tmp_path)
    first = git(tmp_path, "rev-parse", "HEAD").strip()
    other = tmp_path / "autre"
    other.mkdir()
    (other / "notes.yaml").write_text("x: 1\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "autre dossier")
    result = run_cli("diff", other, "--depuis", first)
    assert result.exit_code == 2
    assert "n'existe pas à la révision" in result.stderr
    assert "Traceback" not in result.stderr
    assert plan.exists()


def test_a_version_never_tagged_names_its_commit(tmp_path: Path) -> None:
    """The README's `render --depuis v1.0` in a repository where nobody tagged: the message
    names the commit where the plan had that version and the `git tag` to make."""
    plan = example_repository(tmp_path)
    sent = git(tmp_path, "rev-parse", "HEAD").strip()
    next_version(tmp_path, plan)
    before = snapshot(plan)
    refused = run_cli("render", plan, "--depuis", "v2.1", "-f", "md")
    assert refused.exit_code == 2
    assert "révision git inconnue : v2.1" in refused.stderr
    assert f"git tag v2.1 {sent[:12]}" in refused.stderr
    assert snapshot(plan) == before  # no build/ written
    git(tmp_path, "tag", "v2.1", sent[:12])
    assert run_cli("diff", plan, "--depuis", "v2.1").exit_code == 0


def test_a_shallow_clone_says_that_the_history_is_missing(tmp_path: Path) -> None:
    """CI clones one commit: the version sent is not there. Before: « n'est dans aucun
    commit » and « révision git inconnue » with no word of why."""
    source = tmp_path / "source"
    plan = example_repository(source)
    git(source, "tag", "v2.1")
    next_version(source, plan)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", (source).as_uri(), str(clone))
    for command in (("diff", clone / "plan"), ("diff", clone / "plan", "--depuis", "v2.1")):
        result = run_cli(*command)
        assert result.exit_code == 2
        assert "clone superficiel" in result.stderr
        assert "git fetch --unshallow" in result.stderr
        assert "Traceback" not in result.stderr


def test_the_version_sent_is_the_highest_one_sent_to_the_ars() -> None:
    """Two versions sent the same day (the newer written last), or an older one whose date
    is still « A_COMPLETER »: before, 2.1 was taken as the version sent."""
    ars = {"id": "ars-dd59", "categorie": "ars"}

    def sent(*items: tuple[str, str]) -> str | None:
        lines = [{"destinataire": "ars-dd59", "date": d, "version": v} for d, v in items]
        return sent_version({"annuaire": [ars], "document": {"transmissions": lines}})

    assert sent(("2026-03-02", "2.1"), ("2026-03-02", "2.2")) == "2.2"
    assert sent(("A_COMPLETER", "2.1"), ("2026-10-06", "2.2")) == "2.2"
    assert sent(("2025-10-06", "2.10"), ("2026-10-06", "2.9")) == "2.10"
    assert sent(("2025-10-06", "2026-a"), ("2026-10-06", "2026-b")) == "2026-b"


def test_update_on_a_fresh_init_plan_says_to_finish_it_and_writes_nothing(
    tmp_path: Path,
) -> None:
    """Before: « la version actuelle ne permet pas de proposer la suivante : donnez
    --version 2.2 », as if a version had been sent."""
    folder = tmp_path / "mon-plan"
    assert run_cli("init", folder).exit_code == 0
    before = snapshot(folder / "plan")
    result = run_cli("update", folder, "--ecrire")
    assert result.exit_code == 2
    assert "brouillon jamais transmis" in result.stderr
    assert "rien n'est écrit" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(folder / "plan") == before


def test_a_tag_on_the_wrong_commit_is_pointed_out(tmp_path: Path) -> None:
    """`v2.1` tagged after `update` (on the 2.2 commit): before, « Aucune modification. »
    without a word; now the note says so and names the commit of version 2.1."""
    plan = example_repository(tmp_path)
    sent = git(tmp_path, "rev-parse", "HEAD").strip()
    next_version(tmp_path, plan)
    git(tmp_path, "tag", "v2.1")
    result = run_cli("diff", plan, "--depuis", "v2.1")
    assert result.exit_code == 0, result.stderr
    assert "désigne un commit où le plan est en version 2.2, pas 2.1" in result.stdout
    assert f"git tag -f v2.1 {sent[:12]}" in result.stdout
    right = run_cli("diff", plan, "--depuis", sent[:12])
    assert "désigne" not in right.stdout


def test_render_since_a_tag_on_the_wrong_commit_warns_in_the_terminal(tmp_path: Path) -> None:
    """The same tag with `render --depuis v2.1`: before, the annex was titled « depuis la
    version 2.2 » and « Aucune modification » without a word; now the terminal says it and
    names the commit, and the document itself carries no such remark."""
    plan = example_repository(tmp_path)
    sent = git(tmp_path, "rev-parse", "HEAD").strip()
    next_version(tmp_path, plan)
    git(tmp_path, "tag", "v2.1")
    out = tmp_path / "sortie"

    def render_since(revision: str) -> CliResult:
        return run_cli(
            "render", plan, "--depuis", revision, "-f", "md", "-o", out, "--date", TODAY,
            "--brouillon",
        )  # fmt: skip

    result = render_since("v2.1")
    assert result.exit_code == 0, result.stderr
    assert "avertissement : la révision v2.1 désigne un commit où le plan est en version 2.2" in (
        result.stderr
    )
    assert f"--depuis {sent[:12]}" in result.stderr
    assert not any("mauvais commit" in path.read_text("utf-8") for path in out.rglob("*.md"))
    right = render_since(sent[:12])
    assert right.exit_code == 0, right.stderr
    assert "désigne" not in right.stderr


def test_uncommitted_files_with_accents_are_named_as_written(tmp_path: Path) -> None:
    """« Mes Documents/CPTS Val-de-Lys/plan été »: before, the refusal listed
    « "plan \\303\\251t\\303\\251/piloter.yaml" » (git's quoting)."""
    root = tmp_path / "Mes Documents" / "CPTS Val-de-Lys"
    root.mkdir(parents=True)
    plan = example_repository(root)
    git(root, "mv", "plan", "plan été")
    git(root, "commit", "-qm", "dossier renommé")
    plan = root / "plan été"
    piloter = plan / "piloter.yaml"
    piloter.write_text(piloter.read_text("utf-8").replace("Val de Lys", "Val-de-Lys"), "utf-8")
    git(root, "mv", "plan été/evaluer.yaml", "plan été/évaluer.yaml")
    before = snapshot(plan)
    result = run_cli("update", plan, "--date", TODAY, "--ecrire")
    assert result.exit_code == 2
    assert "plan été/piloter.yaml, plan été/évaluer.yaml" in result.stderr
    assert "\\303" not in result.stderr
    assert snapshot(plan) == before


def test_a_plan_never_committed_is_told_to_commit_first(tmp_path: Path) -> None:
    """`git init` done, nothing committed yet. Before: « n'est dans aucun commit », hint
    « --depuis HEAD~1 », and « révision git inconnue : HEAD » for `render --depuis HEAD`."""
    plan = example_repository(tmp_path / "modele")
    root = tmp_path / "depot"
    root.mkdir()
    git(root, "init", "-q")
    fresh = root / "plan"
    fresh.mkdir()
    for path in plan.glob("*.yaml"):
        (fresh / path.name).write_bytes(path.read_bytes())
    before = snapshot(root)
    for command in (("diff", fresh), ("render", fresh, "--depuis", "HEAD", "-f", "md")):
        result = run_cli(*command)
        assert result.exit_code == 2
        assert "jamais été enregistré dans git" in result.stderr
        assert "git commit" in result.stderr
    assert snapshot(root) == before


def test_the_document_section_moved_to_another_file_with_the_new_version(
    tmp_path: Path,
) -> None:
    """`document:` taken out of plan.yaml into document.yaml in the commit that started 2.2:
    document.yaml never had version 2.1. Before: « la version 2.1 n'est dans aucun commit »."""
    plan = example_repository(tmp_path)
    main = plan / "plan.yaml"
    text = main.read_text(encoding="utf-8")
    start = text.index("\ndocument:") + 1
    end = text.index("\ncpts:", start) + 1
    (plan / "document.yaml").write_text(text[start:end], encoding="utf-8")
    main.write_text(text[:start] + text[end:], encoding="utf-8")
    next_version(tmp_path, plan, "document.yaml à part, version 2.2 commencée")
    result = run_cli("diff", plan)
    assert result.exit_code == 0, result.stderr
    assert "base : la version 2.1" in result.stdout
    assert "1 ajout et 3 modifications" in result.stdout
    history = (plan / "document.yaml").read_text(encoding="utf-8")
    assert "A_COMPLETER : aucun changement depuis la version 2.1 transmise" in history


def test_the_tag_of_the_version_sent_wins_over_later_commits_of_the_same_number(
    tmp_path: Path,
) -> None:
    """Sent and tagged v2.1, then the title corrected while the number was still 2.1: the
    correction was not sent. Before: the base was the last commit numbered 2.1, and the
    change was not shown. The same repository without the tag keeps that behaviour."""
    plan = example_repository(tmp_path)
    git(tmp_path, "tag", "-a", "-m", "Version 2.1 transmise", "v2.1")
    main = plan / "plan.yaml"
    text = main.read_text(encoding="utf-8")
    main.write_text(text.replace("  titre: Plan de", "  titre: Le plan de", 1), "utf-8")
    git(tmp_path, "commit", "-qam", "titre corrigé après l'envoi")
    next_version(tmp_path, plan)
    tagged = run_cli("diff", plan)
    assert tagged.exit_code == 0, tagged.stderr
    assert "à la révision v2.1" in tagged.stdout
    assert "Titre du document : modifié" in tagged.stdout
    git(tmp_path, "tag", "-d", "v2.1")
    untagged = run_cli("diff", plan)
    assert untagged.exit_code == 0, untagged.stderr
    assert "Titre du document" not in untagged.stdout


def test_update_in_a_shallow_clone_says_why_the_summary_is_not_prefilled(
    tmp_path: Path,
) -> None:
    """Before: the history entry silently fell back to « A_COMPLETER : résumé des
    changements » in a CI clone, with no word of the missing history."""
    source = tmp_path / "source"
    plan = example_repository(source)
    main = plan / "plan.yaml"
    main.write_text(main.read_text("utf-8").replace('version: "2.1"\n  #', 'version: "2.2"\n  #'))
    git(source, "commit", "-qam", "2.2 commencée à la main, pas encore transmise")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", source.as_uri(), str(clone))
    result = run_cli("update", clone / "plan", "--date", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "n'est pas pré-rempli" in result.stderr
    assert "clone superficiel" in result.stderr
    assert plan.exists()


def test_a_rename_not_yet_committed_keeps_the_history_of_the_plan(tmp_path: Path) -> None:
    """`git mv plan plan-sse` (and plan.yaml → général.yaml), then `update` before any
    commit. Before: the summary fell back to « A_COMPLETER : résumé des changements » and
    `diff` said the plan was never committed."""
    example_repository(tmp_path)
    git(tmp_path, "mv", "plan", "plan-sse")
    git(tmp_path, "mv", "plan-sse/plan.yaml", "plan-sse/général.yaml")
    plan = tmp_path / "plan-sse"
    diffed = run_cli("diff", plan)
    assert diffed.exit_code == 0, diffed.stderr
    assert "Aucune modification" in diffed.stdout
    started = run_cli("update", plan, "--date", TODAY, "--ecrire", "--forcer")
    assert started.exit_code == 0, started.stderr
    assert "n'est pas pré-rempli" not in started.stderr
    written = (plan / "général.yaml").read_text(encoding="utf-8")
    assert "aucun changement depuis la version 2.1 transmise" in written


def test_a_plan_file_named_with_a_unicode_line_separator_finds_its_version(
    tmp_path: Path,
) -> None:
    """git names a missing object back as it was asked (« refs/tags/v2.1:plan\u2028.yaml
    missing ») and Python's `splitlines` cuts such a name at U+2028 (or U+0085, a form
    feed): every later answer of the batch was then taken for the one before it, and the
    version sent was « in no commit ». Before the fix: None; git's answers are one a
    line (« \\n »)."""
    from cptsplan.diff.history import find_version

    name = "plan\u2028sse.yaml"
    plan = tmp_path / name
    plan.write_text('document:\n  version: "2.1"\n', encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "version 2.1")
    sent = git(tmp_path, "rev-parse", "HEAD").strip()
    plan.write_text('document:\n  version: "2.2"\n', encoding="utf-8")
    git(tmp_path, "commit", "-qam", "version 2.2")
    found = find_version(tmp_path, name, None, "2.1", tags=True)  # no tag: two « missing »
    assert found is not None and found.commit == sent
