"""`diff --depuis REV` reads the revision's plan files in one git process, whatever their
number, with the working-tree loader's limits, and says in one line what it did not read.
Cost is counted in git processes, not in seconds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cptsplan.diff import diff_since
from cptsplan.diff import load as diff_load
from cptsplan.load import loader
from cptsplan.repository import git as git_module

from .conftest import COMPLETE_EXAMPLE, example_repository, git, run_cli


def repository_with(root: Path, count: int) -> Path:
    """A plan folder of `count` small section files, committed; returns the plan folder."""
    plan = root / "plan"
    plan.mkdir(parents=True)
    for number in range(count):
        (plan / f"section{number:04}.yaml").write_text(
            f"section{number}:\n  texte: version un\n", encoding="utf-8"
        )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "un")
    return plan


def count_git(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    started: list[list[str]] = []
    real = subprocess.run

    def counting(command: list[str], *args: Any, **kwargs: Any) -> Any:
        started.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(git_module.subprocess, "run", counting)
    return started


def without_options(command: list[str]) -> list[str]:
    """`git -C DIR --no-pager -c KEY=VALUE ... VERB ARGS` → [VERB, ARGS...]."""
    words = command[command.index("--no-pager") + 1 :]
    while words[:1] == ["-c"]:
        words = words[2:]
    return words


def test_git_processes_do_not_grow_with_the_number_of_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """5,000 files took 79 s: one `git show` each. Now the same few processes for 3 files
    as for 300."""
    counts = []
    for count in (3, 300):
        plan = repository_with(tmp_path / str(count), count)
        started = count_git(monkeypatch)
        result = diff_since(plan, "HEAD")
        assert result.changes == []
        counts.append(len(started))
        assert sum("cat-file" in command for command in started) == 1
    assert counts[0] == counts[1] <= 8


def test_the_revision_keeps_the_loaders_limits_and_says_what_it_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert diff_load.MAX_FILE_BYTES == loader.MAX_FILE_BYTES
    plan = repository_with(tmp_path, 6)
    big = plan / "zz-grand.yaml"
    big.write_text("grand:\n  texte: " + "x" * 2_000 + "\n", encoding="utf-8")
    (plan / "lien.yaml").symlink_to("/etc/passwd")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "deux")
    monkeypatch.setattr(diff_load, "MAX_FILE_BYTES", 1_000)  # the big file is over it
    monkeypatch.setattr(diff_load, "MAX_REVISION_FILES", 4)  # two sections are past it
    result = run_cli("diff", "--depuis", "HEAD", plan)
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stdout.splitlines() if "n'ont pas été lus" in line]
    assert len(notes) == 1 and "4 fichier(s) du plan à la révision HEAD" in notes[0], notes
    assert "root:" not in result.stdout


def test_a_revision_that_looks_like_an_option_is_refused(tmp_path: Path) -> None:
    plan = repository_with(tmp_path, 1)
    result = run_cli("diff", "--depuis=--output=x", plan)
    assert result.exit_code == 2 and "révision git non valide" in result.stderr
    assert not (tmp_path / "x").exists()


def test_the_version_sent_is_found_in_three_git_processes_with_or_without_a_tag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every `update` and `diff` looks for the version sent to the ARS. Before: a
    `for-each-ref` for its tag, a `cat-file -e` for the plan at HEAD, then the log, the sizes
    and the contents (and, for a tag, a `rev-parse` of it again); now the log, one size
    check for all of it and one read, then the plan's files at that commit."""
    plan = tmp_path / "depot" / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    git(plan.parent, "init", "-q")
    git(plan.parent, "add", "-A")
    git(plan.parent, "commit", "-qm", "v2.1")
    main = plan / "plan.yaml"
    main.write_text(main.read_text("utf-8").replace("  titre: Plan de", "  titre: Le plan de"))
    for tag in (None, "v2.1"):
        if tag is not None:
            git(plan.parent, "tag", tag)
        started = count_git(monkeypatch)
        result = run_cli("diff", plan)
        assert result.exit_code == 0, result.stderr
        assert "Titre du document : modifié" in result.stdout
        assert ("à la révision v2.1" in result.stdout) == (tag is not None)
        asked = [without_options(command) for command in started]
        verbs = [command[0] for command in asked if command[:1] != ["config"]]
        assert "for-each-ref" not in verbs and ["cat-file", "-e"] not in asked
        assert verbs.count("cat-file") == 3, asked  # sizes, the document file, the plan
        assert not any(command[:2] == ["rev-parse", "--verify"] for command in asked)


def diff_after_a_correction(root: Path, *tags: list[str]) -> str:
    """The example committed as its version sent (2.1), tagged (`git tag ARGS` for each of
    `tags`), then its title corrected and committed while the number was still 2.1: what
    `cptsplan diff` prints. Based on the tag, the correction shows; on the last commit
    numbered 2.1, it does not."""
    plan = example_repository(root)
    for tag in tags:
        git(root, "tag", *tag)
    main = plan / "plan.yaml"
    main.write_text(main.read_text("utf-8").replace("  titre: Plan de", "  titre: Le plan de"))
    git(root, "commit", "-qam", "titre corrigé après l'envoi")
    result = run_cli("diff", plan)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_tag_without_v_names_the_version_sent_too(tmp_path: Path) -> None:
    """`git tag 2.1` (no « v »): the tag is the base, as `v2.1` would be."""
    printed = diff_after_a_correction(tmp_path, ["2.1"])
    assert "à la révision 2.1" in printed and "Titre du document : modifié" in printed


def test_a_plan_folder_with_a_line_break_in_its_name_is_not_misread(tmp_path: Path) -> None:
    """git's object reader takes one name a line: a folder named with a line break (possible
    in an archive) cannot be asked for, and every answer after it would be shifted onto the
    next question. It is said not to be found, with the way to compare anyway."""
    plan = tmp_path / "plan\nsse"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "v2.1")
    result = run_cli("diff", plan)
    assert result.exit_code == 2, result.stdout
    assert "n'est dans aucun commit" in result.stderr and "--depuis" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_tag_on_a_tree_does_not_hide_the_tag_on_the_version_sent(tmp_path: Path) -> None:
    """`2.1` tagged on a tree (no commit) and `v2.1` on the commit sent: `v2.1` is the base.
    The tag on the tree, looked at first (tags are tried in name order), made the search skip
    every tag (review r4)."""
    printed = diff_after_a_correction(tmp_path, ["2.1", "HEAD^{tree}"], ["v2.1"])
    assert "à la révision v2.1" in printed and "Titre du document : modifié" in printed
