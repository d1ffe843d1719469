"""Several syntax errors in one file: after the first, the reading is taken up again block
by block (load/yaml_resume.py), so that the coordinator sees them all in one run, and never
an error where the file is valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from cptsplan.load.loader import load_text
from cptsplan.load.source import load_plan
from tests.conftest import COMPLETE_EXAMPLE

CONSEQUENCE = "peut-être une suite de celle-ci"


def syntax(text: str) -> list[tuple[int, int, str]]:
    loaded = load_text(text, Path("plan.yaml"), "plan.yaml")
    return [(p.location.line, p.location.col, p.message) for p in loaded.problems]


def fields(count: int, indent: str = "  ") -> str:
    return "".join(f"{indent}champ{i}: valeur {i}\n" for i in range(count))


def test_a_bad_indentation_then_an_unclosed_quote_are_both_reported() -> None:
    first_only = "document:\n  titre: x\n  version: '1'\n   statut: brouillon\n" + fields(30)
    text = first_only + 'cpts:\n  nom: "CPTS du Val de Lys\n  statut: association\n'
    found = syntax(text)
    assert [(line, col) for line, col, _ in found] == [(4, 4), (36, 8)], found
    assert found[0] == syntax(first_only)[0]  # the first error as before, word for word
    assert "guillemet non fermé" in found[1][2]
    assert f"après l'erreur de la ligne 4 : {CONSEQUENCE}" in found[1][2]


def test_an_unclosed_quote_in_the_middle_of_the_file_is_found() -> None:
    text = (
        "document:\n  titre x\n" + fields(5)
        + 'cpts:\n  nom: "CPTS du Val de Lys\n  statut: association\n  ville: "Lille"\n'
        + "territoire:\n  communes:\n    - nom: A\n      insee: \"59701\"\n"
    )  # fmt: skip
    found = syntax(text)
    assert [(line, col) for line, col, _ in found] == [(2, 3), (9, 8)], found
    assert "guillemet non fermé" in found[1][2]


def test_errors_in_several_sections_and_inside_a_list() -> None:
    text = (
        "document:\n  titre x\n" + fields(3)
        + "annuaire:\n  - id: a\n    nom: A\n    commune Lille\n  - id: b\n    nom: B\n"
        + "glossaire:\n  - terme: T\n    definition: d\n\tautre: e\n"
    )  # fmt: skip
    found = syntax(text)
    assert [line for line, _, _ in found] == [2, 9, 15], found
    assert all(CONSEQUENCE in message for _, _, message in found[1:])


@pytest.mark.parametrize(
    "broken",
    [
        "\tligne à tabulation\n",  # a tab: the text's layout is unknown around it
        "Deuxième ligne sans retrait\n",  # a text line typed at the left edge
    ],
)
def test_a_line_of_a_text_is_never_read_as_a_key(broken: str) -> None:
    # « Note: suite: du texte » belongs to the text of « resume: >- »: lifted out, it would
    # be a « : » too many. The real second mistake, further on, is found.
    text = (
        "document:\n  titre: x\n  resume: >-\n    Première ligne\n" + broken
        + "    Note: suite: du texte\n    fin du texte\n  version: '1'\n"
        + "glossaire:\n  - terme: a\n    definition b\n"
    )  # fmt: skip
    found = syntax(text)
    assert [line for line, _, _ in found] == [5, 11], found


def test_a_text_in_quotes_on_several_lines_is_not_an_error() -> None:
    # Valid YAML: the quoted text goes on at the left edge. The block below the first error
    # ends there; what it cut is not reported.
    text = (
        "document:\n  titre x\n  version: '1'\n"
        + 'cpts:\n  nom: "CPTS du Val\nde Lys"\n  statut: association\n'
        + "territoire:\n  zones: [a,\nb]\n  ok: oui\n"
    )  # fmt: skip
    assert [line for line, _, _ in syntax(text)] == [2]


def test_tabs_on_several_lines_stay_one_error() -> None:
    # The first tab's message names the other lines already: not one error per tab.
    text = "document:\n\ttitre: x\n" + fields(4) + "cpts:\n\tnom: y\n\tstatut: z\n"
    found = syntax(text)
    assert len(found) == 1, found
    assert "ce fichier en a aussi au début des lignes 8, 9" in str(
        load_text(text, Path("p.yaml"), "p.yaml").problems[0].hint
    )


def _mutations(line: str) -> list[str]:
    stripped = line.lstrip(" ")
    if not stripped or stripped.startswith("#"):
        return []
    found = [" " + line, "\t" + line]
    if ": " in line:
        key, value = line.split(": ", 1)
        found.append(f"{key} {value}")
        if value[:1] not in ('"', "'", "[", "{", ">", "|"):
            found.append(f'{key}: "{value}')
    if stripped.startswith("- "):
        found.append(line.replace("- ", "\u2013 ", 1))
    return found


@pytest.mark.parametrize("name", ["plan.yaml", "annuaire.yaml", "adapter.yaml"])
def test_one_mistake_in_a_valid_file_gives_one_error(name: str) -> None:
    # The example's files, one mistake at a time (about forty lines a file, two of the five
    # kinds each, in turn): any further error would be a false one. (A sweep of every second
    # line of every example file, 7 868 broken files, found none; this sample keeps the
    # suite's time: a broken 900-line file costs 0.1 s to read twice.)
    lines = (COMPLETE_EXAMPLE / name).read_text(encoding="utf-8").split("\n")
    broken = 0
    for turn, number in enumerate(range(0, len(lines), len(lines) // 40 | 1)):
        mutations = _mutations(lines[number])
        picked = [mutations[(turn + k) % len(mutations)] for k in range(min(2, len(mutations)))]
        for mutated in picked:
            text = "\n".join([*lines[:number], mutated, *lines[number + 1 :]])
            problems = load_text(text, Path(name), name).problems
            broken += bool(problems)
            assert len(problems) <= 1, (number + 1, mutated, [str(p) for p in problems])
    assert broken > 40


def test_every_broken_file_of_a_plan_is_reported(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "plan.yaml").write_text("document:\n  titre x\n" + fields(3), encoding="utf-8")
    (plan / "annuaire.yaml").write_text("annuaire:\n  - id: a\n    nom A\n", encoding="utf-8")
    source = load_plan(plan, "plan")
    assert sorted((p.location.file, p.location.line) for p in source.problems) == [
        (str(Path("plan") / "annuaire.yaml"), 3),
        (str(Path("plan") / "plan.yaml"), 2),
    ]


def test_after_an_unclosed_quote_the_reading_goes_on_from_the_next_line() -> None:
    # PyYAML read the quote on to the next « " » of the file (line 8): the missing « : » of
    # line 4, in between, was found only once the quote was closed.
    text = (
        'document:\n  titre: "Plan SSE de la CPTS\n  version: \'1\'\n  statut brouillon\n'
        + fields(3) + 'cpts:\n  nom: "CPTS du Val de Lys"\n'
    )  # fmt: skip
    found = syntax(text)
    assert [(line, col) for line, col, _ in found] == [(2, 10), (4, 3)], found
    assert "guillemet non fermé" in found[0][2] and "il manque « : »" in found[1][2]
