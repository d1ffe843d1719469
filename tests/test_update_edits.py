"""`cptsplan update` on files written in other styles than the complete example: single
file, missing statut, comments after values, CRLF line ends, list items at the key's
indentation, single quotes; the file's permissions are kept. Each case checks the new file
reads back with the expected values and differs from the old one only where it must."""

from __future__ import annotations

import difflib
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from cptsplan.load.source import load_plan
from cptsplan.update import start_next_version
from cptsplan.update.versioning import next_version
from tests.conftest import MINIMAL_EXAMPLE

TODAY = date(2026, 11, 23)
SUMMARY = "A_COMPLETER : résumé des changements depuis la version 1.0"


def minimal(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "plan.yaml"
    path.write_bytes(text.encode("utf-8"))
    return path


def update(path: Path, **options: object) -> dict:
    start_next_version(path, today=TODAY, write=True, force=True, **options)  # type: ignore[arg-type]
    source = load_plan(path)
    assert not source.problems, source.problems
    return source.data["document"]


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return (
        [line[2:] for line in diff if line.startswith("- ")],
        [line[2:] for line in diff if line.startswith("+ ")],
    )


def test_single_file_without_statut_keeps_comments_after_values(tmp_path: Path) -> None:
    path = minimal(tmp_path)
    before = path.read_text(encoding="utf-8")
    document = update(path)
    assert document["version"] == "1.1"
    assert document["statut"] == "brouillon"
    assert document["historique"][-1]["resume"] == SUMMARY
    removed, added = changed_lines(before, path.read_text(encoding="utf-8"))
    assert removed == [
        '  version: "1.0" # exigé, entre guillemets',
        "  date_mise_a_jour: 2026-09-18 # exigé",
    ]
    assert added[:3] == [
        '  version: "1.1" # exigé, entre guillemets',
        "  statut: brouillon",
        "  date_mise_a_jour: 2026-11-23 # exigé",
    ]
    assert len(added) == 6


def test_crlf_line_ends_and_file_mode_are_kept(tmp_path: Path) -> None:
    path = minimal(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    os.chmod(path, 0o640)
    update(path)
    content = path.read_bytes()
    assert b"\r\n" in content
    assert content.count(b"\n") == content.count(b"\r\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_list_items_at_the_key_indentation_and_single_quotes(tmp_path: Path) -> None:
    path = minimal(
        tmp_path,
        ('  version: "1.0" # exigé', "  version: '1.0' # exigé"),
        (
            '    - version: "1.0"\n      date: 2026-09-18\n      resume:',
            "  - version: '1.0'\n    date: 2026-09-18\n    resume:",
        ),
    )
    document = update(path)
    text = path.read_text(encoding="utf-8")
    assert "  version: '1.1' # exigé" in text
    assert f"  - version: '1.1'\n    date: 2026-11-23\n    resume: \"{SUMMARY}\"\n" in text
    assert [entry["version"] for entry in document["historique"]] == ["1.0", "1.1"]


def test_unquoted_version_is_written_quoted(tmp_path: Path) -> None:
    path = minimal(tmp_path, ('  version: "1.0" # exigé', "  version: 1.9 # exigé"))
    document = update(path)
    assert document["version"] == "1.10"  # not the number 1.1
    assert '  version: "1.10" # exigé' in path.read_text(encoding="utf-8")


def test_history_entry_lands_after_a_folded_summary_and_its_blank_lines(tmp_path: Path) -> None:
    path = minimal(
        tmp_path,
        (
            "      resume: Première version du plan,",
            "      resume: >-\n        Première version\n\n        du plan,",
        ),
    )
    document = update(path)
    assert document["historique"][0]["resume"].startswith("Première version\ndu plan,")
    assert document["historique"][1] == {"version": "1.1", "date": "2026-11-23", "resume": SUMMARY}


@pytest.mark.parametrize(
    ("current", "major", "expected"),
    [("2.1", False, "2.2"), ("2.9", False, "2.10"), ("3", False, "3.1"), ("2.1", True, "3.0")],
)
def test_next_version(current: str, major: bool, expected: str) -> None:
    assert next_version(current, major=major) == expected


def test_a_comment_after_a_tab_is_kept(tmp_path: Path) -> None:
    """`date_mise_a_jour: 2026-09-18<TAB># revu en bureau`: every comment is kept, a tab
    before it as well as a space."""
    path = minimal(
        tmp_path,
        ("  date_mise_a_jour: 2026-09-18 # exigé", "  date_mise_a_jour: 2026-09-18\t# revu"),
    )
    document = update(path)
    assert str(document["date_mise_a_jour"]) == TODAY.isoformat()
    assert f"  date_mise_a_jour: {TODAY.isoformat()}\t# revu\n" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "version", ["9.9\n    statut: valide_ars", "3.0\" # x: 'y", "2.2 bis", "v3", "1.1\n\n2"]
)
def test_a_version_the_schema_refuses_is_refused_before_writing(
    tmp_path: Path, version: str
) -> None:
    from cptsplan.errors import UsageError

    path = minimal(tmp_path)
    before = path.read_bytes()
    with pytest.raises(UsageError, match="n'est pas un numéro de version"):
        start_next_version(path, today=TODAY, write=True, force=True, version=version)
    assert path.read_bytes() == before


def test_update_never_writes_a_plan_that_fails_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the edit gives (here a history entry made wrong on purpose), the new text is
    checked against the schema before it is written."""
    from cptsplan import update as update_module
    from cptsplan.update.yamledit import UpdateRefused

    def broken(*args: object, **kwargs: object) -> str:
        text = original(*args, **kwargs)  # type: ignore[arg-type]
        return text.replace("statut: brouillon", "statut: valide_par_moi")

    original = update_module.edit_document
    monkeypatch.setattr(update_module, "edit_document", broken)
    path = minimal(tmp_path)  # without statut: « statut: brouillon » is added
    before = path.read_bytes()
    with pytest.raises(UpdateRefused, match="ne passerait plus la vérification du schéma"):
        start_next_version(path, today=TODAY, write=True, force=True)
    assert path.read_bytes() == before


def test_a_bad_version_is_a_usage_error_on_the_command_line(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    path = minimal(tmp_path)
    before = path.read_bytes()
    result = run_cli("update", path, "--ecrire", "--forcer", "--version", "9.9\n  statut: x")
    assert result.exit_code == 2 and "n'est pas un numéro de version" in result.stderr
    assert path.read_bytes() == before
