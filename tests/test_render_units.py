"""Small parts of rendering: escaping, French dates, redaction, glossary, output names."""

from __future__ import annotations

import json
import re
import string
import subprocess
from datetime import date
from pathlib import Path

import pytest

from cptsplan.errors import UsageError
from cptsplan.files import pandoc
from cptsplan.privacy.redact import REPLACEMENT, redact
from cptsplan.render.filters import (
    Markdown,
    date_fr,
    escape_inline,
    finalize,
    join_md,
    number_fr,
    paragraphs,
    sentences,
    table,
)
from cptsplan.render.glossary import glossary, used_acronyms
from cptsplan.render.naming import default_stem, output_paths

HOSTILE = [
    "{{ 7*7 }}",
    "![](/etc/passwd)",
    "[x](file:///etc/hostname)",
    "```{=openxml}\n<w:p/>\n```",
    "`raw`{=typst}",
    "<script>alert(1)</script>",
    "\\begin{document}",
    '#set page(paper: "a5")',
    "| a | b |",
    "# Titre",
    "---",
    "<!-- -->",
    "1. liste",
    "> citation",
    "::: {.saut-de-page}",
    "[^1] @cite $x$ ~sub~ ^sup^",
    "    code indenté",
    "Titre\n=====",
]


def pandoc_ast(markdown: str) -> list[dict]:
    """The blocks pandoc reads from `markdown`, with the reader cptsplan uses."""
    completed = subprocess.run(
        [str(pandoc.pandoc_binary()), "--sandbox", f"--from={pandoc.READER}", "--to=json"],
        input=markdown.encode(),
        capture_output=True,
        check=True,
    )
    return json.loads(completed.stdout)["blocks"]


def inline_text(inlines: list[dict]) -> str:
    parts = []
    for inline in inlines:
        kind = inline["t"]
        if kind == "Str":
            parts.append(inline["c"])
        elif kind in ("Space", "SoftBreak"):
            parts.append(" ")
        else:
            raise AssertionError(f"élément inattendu : {kind}")
    return "".join(parts)


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_is_one_plain_paragraph(text: str) -> None:
    blocks = pandoc_ast(escape_inline(text))
    assert [block["t"] for block in blocks] == ["Para"]
    expected = " ".join(text.split())
    assert inline_text(blocks[0]["c"]) == expected


def test_escaped_text_stays_inside_its_table_cell() -> None:
    markdown = table(["A", "B"], [["| a | b |\nsuite", "# Titre"]], [50, 50])
    (block,) = pandoc_ast(markdown)
    assert block["t"] == "Table"
    body = block["c"][4][0][3]
    assert len(body) == 1 and len(body[0][1]) == 2


def test_every_ascii_punctuation_is_escaped() -> None:
    escaped = escape_inline(string.punctuation.replace("'", ""))
    assert escaped == "".join("\\" + c for c in string.punctuation.replace("'", ""))


def test_apostrophe_becomes_french_and_spaces_collapse() -> None:
    assert escape_inline("l'ARS  \n appelle") == "l\u2019ARS appelle"


def test_finalize_keeps_template_markup_only() -> None:
    assert finalize(Markdown("**gras**")) == "**gras**"
    assert finalize("**gras**") == "\\*\\*gras\\*\\*"
    assert finalize(None) == ""
    assert finalize(date(2026, 2, 15)) == "15 février 2026"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 2, 15), "15 février 2026"),
        (date(2025, 8, 1), "1er août 2025"),
        (date(2024, 12, 31), "31 décembre 2024"),
        ("2027-01-09", "9 janvier 2027"),
        (None, ""),
    ],
)
def test_dates_in_long_french_form(value: object, expected: str) -> None:
    assert date_fr(value) == expected


def test_paragraphs_and_line_breaks() -> None:
    text = "Premier paragraphe\nsur deux lignes.\n\n# Second"
    assert paragraphs(text) == "Premier paragraphe sur deux lignes\\.\n\n\\# Second"
    assert paragraphs("ligne 1\nligne 2", keep_lines=True) == "ligne 1\\\nligne 2"


def test_small_helpers() -> None:
    assert number_fr(58260) == "58\u202f260"
    assert join_md(["a", None, "b"], " ; ") == "a \\; b"
    assert sentences(["Décider.", "Valider ;"]) == "Décider \\; Valider\\."


def test_redaction_removes_directory_contacts_everywhere() -> None:
    data = {
        "annuaire": [
            {
                "id": "a",
                "nom": "A",
                "telephones": [{"numero": "06 39 98 00 15"}, {"numero": "15"}],
                "email": "a@b.example",
                "mssante": "a@medecin.mssante.fr",
            }
        ],
        "texte": "Astreinte 06.39.98.00.15, +33 6 39 98 00 15 ou A@B.example ; le 15 mars.",
    }
    result = redact(data)
    assert result["annuaire"] == [{"id": "a", "nom": "A"}]
    assert (
        result["texte"] == f"Astreinte {REPLACEMENT}, {REPLACEMENT} ou {REPLACEMENT} ; le 15 mars."
    )
    assert data["annuaire"][0]["email"] == "a@b.example"  # the plan itself is not changed


def test_glossary_lists_used_acronyms_and_the_plans_own() -> None:
    text = "La CPTS alerte l\\'ARS et le SAMU\\. Pas de PCSX ni de XSSE\\."
    assert set(used_acronyms(text)) == {"CPTS", "ARS", "SAMU"}
    entries = glossary(
        text,
        [
            {"sigle": "ARS", "definition": "Agence locale"},
            {"sigle": "CCVL", "definition": "Communauté de communes"},
        ],
    )
    assert [sigle for sigle, _ in entries] == ["ARS", "CCVL", "CPTS", "SAMU"]
    assert dict(entries)["ARS"] == "Agence locale"


def test_output_names(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("")
    stem = default_stem("2.1", "diffusable", False)
    assert stem == "plan-sse-v2.1-diffusable"
    assert output_paths(plan, ["pdf"], stem) == {"pdf": tmp_path / "build" / (stem + ".pdf")}
    assert output_paths(plan, ["docx"], stem, tmp_path / "x.docx") == {"docx": tmp_path / "x.docx"}
    assert output_paths(plan, ["docx", "pdf"], stem, tmp_path / "x.pdf") == {
        "docx": tmp_path / "x.docx",
        "pdf": tmp_path / "x.pdf",
    }
    assert output_paths(plan, ["md"], stem, tmp_path / "plan-v2") == {"md": tmp_path / "plan-v2.md"}
    assert output_paths(plan, ["md"], stem, tmp_path) == {"md": tmp_path / (stem + ".md")}
    with pytest.raises(UsageError):
        output_paths(plan, ["docx"], stem, tmp_path / "x.pdf")


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("RETEX : Exercice « Meuse en crue »", "Exercice « Meuse en crue »"),
        ("Retex – exercice de cellule", "exercice de cellule"),
        ("RETEX de la canicule d'août 2026", "RETEX de la canicule d'août 2026"),
        ("Exercice sur table", "Exercice sur table"),
        ("RETEX :", "RETEX :"),  # nothing would be left: the title stays whole
    ],
)
def test_a_retex_title_loses_only_the_retex_word_it_opens_with(title: str, shown: str) -> None:
    from cptsplan.render.retex_words import without_retex_word

    assert without_retex_word(title) == shown


def test_an_exercise_never_reads_retex_twice(tmp_path: Path) -> None:
    """An imported plan names a RETEX « RETEX : » + its exercise's title: the exercises
    table said « (RETEX : RETEX : Exercice … ) », the exercise's name printed twice."""
    import copy

    from cptsplan.model import build_plan
    from cptsplan.render.document import plan_markdown
    from cptsplan.render.figures import load_figures
    from cptsplan.render.resources import template_dirs

    from .test_rules import complete_data

    data = copy.deepcopy(complete_data())
    exercise = next(e for e in data["anticiper"]["exercices"] if e["id"] == "exo-2026-03-cyber")
    retex = next(r for r in data["evaluer"]["retex"] if r["id"] == exercise["retex"])
    retex["intitule"] = f"RETEX : {exercise['intitule']}"
    other = next(e for e in data["anticiper"]["exercices"] if e["id"] == "exo-2025-05-braderie")
    next(r for r in data["evaluer"]["retex"] if r["id"] == other["retex"])["intitule"] = (
        "RETEX – Bilan à chaud de la Braderie"
    )
    from cptsplan.load.source import PlanSource

    plan = build_plan(PlanSource(root=tmp_path, display=str(tmp_path), data=data))
    markdown = plan_markdown(
        plan, "interne", True, template_dirs(tmp_path, None), None, load_figures(plan)
    )
    assert "RETEX : RETEX" not in markdown
    row = next(line for line in markdown.splitlines() if "Rançongiciel" in line and "|" in line)
    assert re.search(r"\(RETEX du [^)]+\)", row), row  # its date says which RETEX
    assert "(RETEX : Bilan à chaud de la Braderie)" in markdown


@pytest.mark.parametrize(
    ("title", "note"),
    [
        ("RETEX : Exercice « Meuse en crue »", "RETEX : Exercice « Meuse en crue »"),
        ("Exercice sur table", "RETEX : Exercice sur table"),
        # The title names the RETEX itself: printed as it is, not « RETEX : RETEX à chaud ».
        ("RETEX à chaud : Exercice Meuse", "RETEX à chaud : Exercice Meuse"),
        ("RETEX de la canicule d'août 2026", "RETEX de la canicule d'août 2026"),
        ("Retour d'expérience – inondation", "Retour d'expérience – inondation"),
    ],
)
def test_the_retex_note_after_an_exercise_names_the_retex_once(title: str, note: str) -> None:
    from cptsplan.render.retex_words import retex_note

    assert str(retex_note(title)).replace("\\", "") == note


def test_counts_and_retex_still_to_complete_say_what_they_are(tmp_path: Path) -> None:
    """Placeholders in an exercise and an activation (an imported plan): the participants
    to complete were left out of the exercise's row, the activation's « Mobilisation » read
    « à compléter ; 412 actions » without saying which count, and the RETEX note lost its
    word (« (à compléter) »)."""
    import copy

    from cptsplan.load.source import PlanSource
    from cptsplan.model import build_plan
    from cptsplan.render.document import plan_markdown
    from cptsplan.render.figures import load_figures
    from cptsplan.render.resources import template_dirs

    from .test_rules import complete_data

    data = copy.deepcopy(complete_data())
    exercise = next(e for e in data["anticiper"]["exercices"] if e["id"] == "exo-2026-03-cyber")
    exercise["participants"] = "A_COMPLETER"
    retex = next(r for r in data["evaluer"]["retex"] if r["id"] == exercise["retex"])
    retex["intitule"] = "A_COMPLETER"
    activation = data["evaluer"]["activations"][0]
    activation["professionnels_mobilises"] = "A_COMPLETER"
    plan = build_plan(PlanSource(root=tmp_path, display=str(tmp_path), data=data))
    markdown = plan_markdown(
        plan, "interne", True, template_dirs(tmp_path, None), None, load_figures(plan)
    )
    row = next(line for line in markdown.splitlines() if "Rançongiciel" in line and "|" in line)
    assert "participants : *à compléter*" in row
    assert "(RETEX : *à compléter*)" in row
    assert "professionnels mobilisés : *à compléter*" in markdown


@pytest.mark.parametrize(
    ("title", "exercise", "note"),
    [
        # The exercise's own title after a colon: not printed twice in its row.
        (
            "RETEX à chaud : Exercice de cellule de crise à distance",
            "Exercice de cellule de crise à distance",
            "RETEX à chaud",
        ),
        ("Bilan à chaud – Exercice Meuse", "exercice meuse", "RETEX : Bilan à chaud"),
        # Another exercise's name, or nothing besides the title: kept whole.
        ("RETEX à chaud : Exercice Meuse", "Exercice Escaut", "RETEX à chaud : Exercice Meuse"),
        ("RETEX : Exercice Meuse", "Exercice Meuse", "RETEX : Exercice Meuse"),
    ],
)
def test_the_retex_note_leaves_out_the_exercise_title_it_repeats(
    title: str, exercise: str, note: str
) -> None:
    from cptsplan.render.retex_words import retex_note

    assert str(retex_note(title, exercise)).replace("\\", "") == note
