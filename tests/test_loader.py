"""The YAML loader: positions, and every kind of bad input refused with a French message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cptsplan.load.loader import MAX_DEPTH, load_file


def load_text(tmp_path: Path, text: str | bytes):
    path = tmp_path / "plan.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_file(path, "plan.yaml")


def only_problem(loaded):
    assert len(loaded.problems) == 1, [p.message for p in loaded.problems]
    return loaded.problems[0]


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, "a: 1\nb:\n  - x: oui\n    y: 2026-01-05\n")
    assert loaded.problems == []
    assert loaded.data == {"a": 1, "b": [{"x": "oui", "y": "2026-01-05"}]}
    assert loaded.key_positions[("b", 0, "y")] == (4, 5)
    assert loaded.value_positions[("b", 0, "y")] == (4, 8)


def test_dates_stay_text_so_that_impossible_dates_do_not_crash(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, "d: 2026-02-30\n")
    assert loaded.problems == []
    assert loaded.data == {"d": "2026-02-30"}


def test_yes_and_no_keys_keep_their_text(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, "yes: 1\n2024: 2\n")
    assert set(loaded.data) == {"yes", "2024"}


@pytest.mark.parametrize(
    ("text", "rule", "line", "col", "words"),
    [
        ("a: 1\na: 2\n", "yaml-cle-dupliquee", 2, 1, "deux fois"),
        ("a:\n\tb: 1\n", "yaml-tabulation", 2, 1, "tabulation"),
        ("a: &x 1\nb: *x\n", "yaml-alias", 1, 4, "alias"),
        ("a: b: c\n", "yaml-syntaxe", 1, 5, "« : »"),
        ('a: 1\nb: "ouvert\nc: 2\n', "yaml-syntaxe", 2, 4, "guillemet"),
        ("a: 1\n---\nb: 2\n", "yaml-syntaxe", 2, 1, "un seul document"),
        ("- a\n- b\n", "yaml-structure", 1, 1, "sections"),
        ("a: !!python/object:os.system x\n", "yaml-type-non-supporte", 1, 4, "étiquette"),
        ("a: !!binary aGVsbG8=\n", "yaml-type-non-supporte", 1, 4, "non accepté"),
        ("# seulement un commentaire\n", "yaml-vide", 1, 1, "vide"),
        ("", "yaml-vide", 1, 1, "vide"),
    ],
)
def test_bad_yaml_is_refused_with_position(
    tmp_path: Path, text: str, rule: str, line: int, col: int, words: str
) -> None:
    problem = only_problem(load_text(tmp_path, text))
    assert (problem.rule, problem.location.line, problem.location.col) == (rule, line, col)
    assert words in problem.message
    assert str(problem.location) == f"plan.yaml:{line}:{col}"


def test_non_utf8_file_points_at_the_bad_byte(tmp_path: Path) -> None:
    problem = only_problem(load_text(tmp_path, "a: 1\nb: \xe9t\xe9\n".encode("latin-1")))
    assert problem.rule == "yaml-encodage"
    assert (problem.location.line, problem.location.col) == (2, 4)
    assert "UTF-8" in problem.message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, "\ufeffa: é\n".encode())
    assert loaded.problems == [] and loaded.data == {"a": "é"}


def test_nul_byte_is_refused(tmp_path: Path) -> None:
    assert only_problem(load_text(tmp_path, b"a: 1\x00\n")).rule == "yaml-encodage"


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    depth = MAX_DEPTH + 10
    problem = only_problem(load_text(tmp_path, "a: " + "[" * depth + "]" * depth + "\n"))
    assert problem.rule == "yaml-profondeur"


def test_alias_bomb_is_refused_before_expansion(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = "\n".join(lines) + "\n"
    assert len(text.encode()) < 1100  # the classic "billion laughs" in about 1 KB
    problem = only_problem(load_text(tmp_path, text))
    assert problem.rule == "yaml-alias"
    assert problem.location.line == 1


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "enorme.yaml"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    problem = only_problem(load_file(path, "enorme.yaml"))
    assert problem.rule == "yaml-taille"
    assert "20,0 Mo" in problem.message


def test_the_input_file_is_never_modified(tmp_path: Path) -> None:
    text = "a: 1\na: 2\nb: 2026-02-30\n"
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    before = path.stat().st_mtime_ns
    load_file(path)
    assert path.read_text(encoding="utf-8") == text
    assert path.stat().st_mtime_ns == before


def test_empty_values_are_empty(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, 'a:\nb: ~\nc: ""\nd: []\ne:\n  - \n')
    assert loaded.problems == []
    assert loaded.data == {"a": None, "b": None, "c": "", "d": [], "e": [None]}


def test_a_file_gone_since_the_folder_was_listed_is_not_called_a_broken_link(
    tmp_path: Path,
) -> None:
    """An editor that saves by deleting and renaming: the file listed a moment before is no
    longer there. That is not « a symbolic link to a missing file » (r6's probe)."""
    from cptsplan.load.source import refusal

    gone = tmp_path / "plan.yaml"
    assert "a disparu pendant la lecture" in (refusal(gone, tmp_path) or "")
    if hasattr(os, "symlink"):
        link = tmp_path / "lien.yaml"
        try:
            link.symlink_to(tmp_path / "absent.yaml")
        except OSError:  # Windows without the right to make links
            return
        assert "lien symbolique vers un fichier absent" in (refusal(link, tmp_path) or "")


def test_the_forbidden_characters_are_controls_noncharacters_and_lone_surrogates() -> None:
    """FORBIDDEN is written as two classes (a quicker compilation): it still refuses exactly
    C0 but tab and line breaks, DEL, C1, U+FFFE, U+FFFF and lone surrogates."""
    from cptsplan.load.yaml_builder import FORBIDDEN

    expected = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)}
    expected |= {0xFFFE, 0xFFFF, *range(0xD800, 0xE000)}
    found = {code for code in range(0x10000) if FORBIDDEN.match(chr(code))}
    assert found == expected
    assert not FORBIDDEN.search("\U0001f600 é « » \t\n\r")
