"""The plan's widest tables and what a first (imported) draft shows, read back from the
documents: the exercises table had six columns in portrait, its title column was a few words
wide and cut (« mouve-ment », « labora-toire »), « Sur table », « T1 » and « 19 » sat in
three narrow columns of their own; a date was hyphenated in a narrow cell (« 18 no-vembre
2022 »); « 1er » was not raised; a response whose actions have no phase yet read « Actions
par phase » over a lone heading « Phase à compléter »; the empty fiches annex showed a YAML
path to its reader."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml

from cptsplan.render.filters import unbroken
from cptsplan.render.nobreak import raised_ordinals, without_box_joiners
from cptsplan.schema.periods import MONTHS_FR

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, run_cli
from .test_render_support import REFERENCE_DATE
from .test_typst_layout_pages import hyphenated, lines_of

HEADERS = ["Exercice", "Date ou période", "Type", "Partenaires"]


@pytest.fixture(scope="module")
def complete(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("large") / "complet"
    result = run_cli(
        "render", COMPLETE_EXAMPLE, "-f", "pdf,docx,html,md", "--edition", "interne",
        "-o", out, "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return out


def tables(path: Path) -> list[list[list[str]]]:
    document = docx.Document(str(path))
    return [
        [[cell.text.replace("\u00a0", " ") for cell in row.cells] for row in table.rows]
        for table in document.tables
    ]


def exercises_table(path: Path) -> list[list[str]]:
    [table] = [t for t in tables(path) if t[0][:2] == ["Exercice", "Date ou période"]]
    return table


def test_the_exercises_table_has_four_columns_and_facts_that_read_alone(
    complete: Path,
) -> None:
    table = exercises_table(complete.with_suffix(".docx"))
    assert table[0] == HEADERS
    types = [row[2] for row in table[1:]]
    assert "Sur table ; typologie T1 ; 19 participants" in types, types
    assert "Terrain ; typologies T4, T1 ; 11 participants" in types, types
    # No word joiner left in the Word document (copied text, Word's search).
    assert all("\u2060" not in cell for row in table for cell in row)


def test_the_activations_table_counts_in_one_column(complete: Path) -> None:
    """« Professionnels mobilisés » and « Actions réalisées » were two wide columns of one
    number each (six columns): one column « Mobilisation » reads « 46 professionnels ;
    412 actions »."""
    [table] = [t for t in tables(complete.with_suffix(".docx")) if t[0][0] == "Activation"]
    assert table[0] == ["Activation", "Période", "Demandée par", "Mobilisation", "RETEX"]
    assert table[1][3] == "46 professionnels ; 412 actions"


def test_no_word_of_the_exercises_table_is_cut_in_the_pdf(complete: Path) -> None:
    pdf = complete.with_suffix(".pdf")
    lines = [(page, " ".join(w.text for w in line)) for page, _, line in lines_of(pdf)]
    [page] = [p for p, text in lines if text.startswith("5.1 Exercices") and ". . ." not in text]
    header = next(text for p, text in lines if p == page and text.startswith("Exercice"))
    assert header.split()[:6] == ["Exercice", "Date", "ou", "période", "Type", "Partenaires"]
    # The first column's words (« mouve-ment », « labora-toire », « (pré-vu) » were cut).
    titles = {"mouvement", "laboratoire", "vaccination", "participation", "exceptionnelle"}
    cut = [
        joined for p, joined, _, _ in hyphenated(pdf)
        if p == page and (joined.strip(".,;:()«»") in titles or "prévu" in joined)
    ]  # fmt: skip
    assert cut == []
    # Each fact of the type column on one line: « typologie T1 », « 19 participants ».
    texts = [text for p, text in lines if p == page]
    assert sum("19 participants" in text for text in texts) == 1, texts
    assert sum("typologies T4, T1" in text for text in texts) == 1, texts


def test_no_date_is_hyphenated_in_the_pdf(complete: Path) -> None:
    """« oui, du 18 no-vembre 2022 » (communes), « 26 no-vembre 2024 » (exercises)."""
    cuts = hyphenated(complete.with_suffix(".pdf"))
    assert cuts  # the document still hyphenates ordinary words
    months = [(page, joined) for page, joined, _, _ in cuts if joined.strip(".,;:()") in MONTHS_FR]
    assert months == []


def test_the_first_of_a_month_is_raised(complete: Path) -> None:
    document = docx.Document(str(complete.with_suffix(".docx")))
    raised = [
        run.text
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.font.superscript
    ]
    assert "er" in raised
    assert re.search(r"1<sup>er</sup>\u00a0(octobre|décembre|septembre)",
                     complete.with_suffix(".html").read_text(encoding="utf-8"))  # fmt: skip
    markdown = complete.with_suffix(".md").read_text(encoding="utf-8")
    assert "1er" in markdown and "1^er^" not in markdown  # GitHub cannot raise it


def test_raised_ordinals_touch_only_dates() -> None:
    assert raised_ordinals("le 1er\u00a0décembre\u00a02025") == "le 1^er^\u00a0décembre\u00a02025"
    assert raised_ordinals("le 1er étage ; 21er\u00a0mai") == "le 1er étage ; 21er\u00a0mai"


def test_unbroken_values() -> None:
    # Escaped as any value (« \\, »), joined by a no-break space and a joiner.
    assert (
        unbroken("typologies T4, T1").replace("\\", "") == "typologies\u00a0\u2060T4,\u00a0\u2060T1"
    )
    assert unbroken("(prévu)") == "\\(prévu\\)\u2060"
    assert unbroken("") == ""
    assert (
        without_box_joiners("a\u00a0\u2060b (c)\u2060 | 24 h/\u206024")
        == "a\u00a0b (c) | 24 h/\u206024"
    )


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal example as a fresh import looks: one response's actions without a phase,
    another's partly; no fiche réflexe; an exercise with no partner; a text still
    « A_COMPLETER : principes »."""
    folder = tmp_path_factory.mktemp("premier-brouillon")
    plan = folder / "plan.yaml"
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    blesses = text.index("    - id: rep-blesses")
    epi = text.index("    - id: rep-epi-clim")
    reb = text.index("    - id: rep-reb")
    text = (
        text[:blesses]
        + re.sub(r"- phase: \w+", "- phase: A_COMPLETER", text[blesses:epi])
        + text[epi:reb].replace("- phase: veille", "- phase: A_COMPLETER", 1)
        + text[reb:]
    )
    data = yaml.safe_load(text)
    data["adapter"]["continuite_des_soins"]["principes"] = "A_COMPLETER : principes"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = folder / "rendu"
    result = run_cli(
        "render", plan, "-f", "docx,md", "--edition", "interne", "-o", out, "--brouillon",
        "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    annex = folder / "fiches.docx"
    result = run_cli("render", plan, "--annexe", "fiches", "-f", "docx", "-o", annex,
                     "--brouillon", "--date", REFERENCE_DATE)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return folder


def headings(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def test_actions_without_any_phase_are_one_list_under_actions(draft: Path) -> None:
    found = headings(draft / "rendu.docx")
    blesses = found.index(next(h for h in found if "Blessés et choc" in h))
    epi = found.index(next(h for h in found if "Épidémies saisonnières et canicule" in h))
    assert [h for h in found[blesses:epi] if "Phase" in h or "phase" in h] == []
    assert any(h.endswith("Actions") for h in found[blesses:epi]), found[blesses:epi]
    markdown = (draft / "rendu.md").read_text(encoding="utf-8")
    assert "Phase de la crise à préciser pour chacune de ces actions." in markdown
    # A response with some phases keeps them, and its unplaced action under its own heading.
    assert any("Phase à compléter" in h for h in found[epi:]), found[epi:]


def test_an_exercise_table_without_partners_has_no_empty_column(draft: Path) -> None:
    table = exercises_table(draft / "rendu.docx")
    assert table[0] == HEADERS[:3]
    assert table[1][2] == "Communication ; typologie T5"


def test_the_empty_fiches_annex_speaks_to_its_reader(draft: Path) -> None:
    document = docx.Document(str(draft / "fiches.docx"))
    text = " ".join(p.text for p in document.paragraphs)
    assert "pas encore de fiche réflexe" in text
    assert "adapter." not in text and "fiches_reflexes" not in text
    assert "« Adapter »" in text.replace("\u00a0", " ")


def test_a_text_still_to_complete_reads_as_the_table_cells_do(draft: Path) -> None:
    """« à compléter : principes » under 3.7 was a bare paragraph; the marker is in italics,
    as in every table cell, its hint after it (a draft)."""
    document = docx.Document(str(draft / "rendu.docx"))
    paragraphs = document.paragraphs
    [index] = [
        i for i, p in enumerate(paragraphs)
        if p.style.name.startswith("Heading") and "Continuité des soins" in p.text
    ]  # fmt: skip
    runs = paragraphs[index + 1].runs
    assert runs[0].text == "à compléter" and runs[0].italic, [(r.text, r.italic) for r in runs]
    assert paragraphs[index + 1].text.replace("\u00a0", " ") == "à compléter : principes"
