"""What made a rendered plan look unfinished, read back from the documents a CPTS sends:
a running footer saying « Version à compléter du à compléter » (a plan fresh from `init`),
a table cell opening on a dangling « ; » (an articulation with a commune but no title), an
exercise followed by its RETEX's title when that title only repeats it, and an acronym
(« OR-SEC », « IN-SEE ») cut at the end of a PDF line."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from cptsplan.privacy.redact import REPLACEMENT
from cptsplan.render.retex_words import said_in

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, run_cli
from .test_render_support import REFERENCE_DATE
from .test_typst_layout_pages import hyphenated, lines_of

PLANS = ("complet", "minimal", "squelette")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The two examples and a plan just made by `init` (every date and version still
    « A_COMPLETER », most optional sections empty), in PDF and DOCX, edition interne."""
    folder = tmp_path_factory.mktemp("inacheve")
    skeleton = folder / "squelette"
    made = run_cli("init", skeleton, "--nom", "CPTS des Hauts de Brenne", "--territoire", "Brenne")
    assert made.exit_code == 0, made.stderr
    sources = {"complet": COMPLETE_EXAMPLE, "minimal": MINIMAL_EXAMPLE, "squelette": skeleton}
    found = {}
    for name, source in sources.items():
        out = folder / f"{name}-rendu"
        result = run_cli(
            "render", source, "-f", "pdf,docx", "--edition", "interne", "-o", out,
            "--date", REFERENCE_DATE,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        found[name] = out
    return found


def footers(document: docx.Document) -> set[str]:
    texts = set()
    for section in document.sections:
        for footer in (section.footer, section.first_page_footer, section.even_page_footer):
            text = " ".join(p.text for p in footer.paragraphs).strip()
            if text:
                texts.add(text)
    return texts


def test_a_plan_without_version_or_date_says_so_once_in_the_footer(
    rendered: dict[str, Path],
) -> None:
    pdf = subprocess.run(
        ["pdftotext", rendered["squelette"].with_suffix(".pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "du à compléter" not in pdf
    assert pdf.count("Version et date à compléter") >= 10  # on every page but the cover
    word = footers(docx.Document(str(rendered["squelette"].with_suffix(".docx"))))
    assert word and all("du à compléter" not in text for text in word), word
    assert any("Version et date à compléter" in text for text in word), word


def test_a_known_version_and_date_keep_their_footer(rendered: dict[str, Path]) -> None:
    word = footers(docx.Document(str(rendered["complet"].with_suffix(".docx"))))
    assert any("Version 2.1 du 5 octobre 2026" in text for text in word), word


def cells(path: Path) -> list[list[list[str]]]:
    """Every table of the DOCX as rows of cell texts (no-break spaces read as spaces)."""
    document = docx.Document(str(path))
    return [
        [[cell.text.replace("\u00a0", " ") for cell in row.cells] for row in table.rows]
        for table in document.tables
    ]


@pytest.mark.parametrize("name", PLANS)
def test_no_table_cell_opens_on_a_dangling_separator(rendered: dict[str, Path], name: str) -> None:
    bad = [
        cell
        for table in cells(rendered[name].with_suffix(".docx"))
        for row in table
        for cell in row
        if re.match(r"\s*[;,–]", cell)
    ]
    assert bad == []


def test_a_plan_with_a_commune_but_no_title_names_the_commune(rendered: dict[str, Path]) -> None:
    """The minimal example's two communal plans have a commune and no title (« ; commune :
    Vèze-la-Rivière » before the fix)."""
    [table] = [
        t for t in cells(rendered["minimal"].with_suffix(".docx"))
        if t[0][:2] == ["Plan", "Intitulé et version"]
    ]  # fmt: skip
    titles = [row[1] for row in table if row[0] == "Plan communal de sauvegarde"]
    assert titles and all(t.startswith("Commune : ") for t in titles), titles


def test_an_exercise_is_not_followed_by_its_own_title_again(rendered: dict[str, Path]) -> None:
    [table] = [
        t for t in cells(rendered["complet"].with_suffix(".docx"))
        if t[0][:2] == ["Exercice", "Date ou période"]
    ]  # fmt: skip
    exercises = [row[0] for row in table[1:]]
    linked = [e for e in exercises if "RETEX" in e]
    assert len(linked) >= 4  # the complete example links four exercises to their RETEX
    repeated = []
    for exercise in linked:
        title, _, retex = exercise.partition(" (RETEX : ")
        if retex and said_in(retex.rstrip(")"), title):
            repeated.append(exercise)
    assert repeated == []
    # Which RETEX still shows: its date (the complete example's four RETEX are dated).
    assert sum(bool(re.search(r"\(RETEX du [^)]*\d{4}\)$", e)) for e in linked) >= 4, linked


def test_said_in() -> None:
    assert said_in("Exercice PPI (participation)", "Exercice de terrain PPI – participation")
    assert not said_in("Canicule 2025", "Exercice sur table")
    assert not said_in("", "Exercice")
    assert not said_in(None, "Exercice")
    # a contact masked in the diffusable edition is no word of the RETEX's title
    masked = f"Exercice PPI {REPLACEMENT} (participation)"
    assert said_in(masked, "Exercice de terrain PPI – participation")


@pytest.mark.parametrize("name", ["complet", "minimal"])
def test_no_acronym_is_cut_at_the_end_of_a_pdf_line(rendered: dict[str, Path], name: str) -> None:
    cuts = hyphenated(rendered[name].with_suffix(".pdf"))
    assert cuts, "the document hyphenates ordinary words (the test would see nothing)"
    acronyms = [
        (page, joined) for page, joined, _, _ in cuts
        if (word := joined.strip(".,;:()«»")).isalpha() and word.isupper() and len(word) >= 3
    ]  # fmt: skip
    assert acronyms == []


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The complete example as a draft whose population is still « A_COMPLETER »."""
    folder = tmp_path_factory.mktemp("brouillon")
    plan = folder / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    text = text.replace("  statut: transmis\n", "  statut: brouillon\n", 1)
    text = re.sub(r"(?m)^  population: \d+$", "  population: A_COMPLETER", text, count=1)
    (plan / "plan.yaml").write_text(text, encoding="utf-8")
    out = folder / "brouillon.docx"
    result = run_cli("render", plan, "-f", "docx", "-o", out, "--date", REFERENCE_DATE)
    assert result.exit_code == 0, result.stderr
    return out


def test_a_population_to_complete_has_no_unit(draft: Path) -> None:
    [population] = [
        row[1] for table in cells(draft) for row in table if row[0] == "Population couverte"
    ]
    assert population == "à compléter", population


def test_short_labels_in_narrow_columns_are_never_cut(rendered: dict[str, Path]) -> None:
    """« Trame natio-nale » (documents of reference), « indica-teur CNAM » and « Maîtrise
    du do-cument » (the conformity grid): a column of short labels is as wide as its longest
    word and its labels wrap between words."""
    pdf = rendered["complet"].with_suffix(".pdf")
    lines = [(page, " ".join(w.text for w in line)) for page, _, line in lines_of(pdf)]
    [references] = [page for page, text in lines if text.startswith("1.2.1 Documents de réf")]
    [grid] = [
        page for page, text in lines
        if text.startswith("Annexe") and "grille" in text and ". . ." not in text
    ]  # fmt: skip
    labels = {"nationale", "régional", "indicateur", "document", "Maîtrise", "Anticiper"}
    cut = [
        (page, joined) for page, joined, _, _ in hyphenated(pdf)
        if (page == references or page >= grid) and joined.strip(".,;:()") in labels
    ]  # fmt: skip
    assert cut == []
    grid_text = " ".join(text for page, text in lines if page >= grid)
    assert "indicateur" in grid_text and "Maîtrise" in grid_text  # the test sees the grid


def test_a_holder_without_name_nor_number_is_not_two_bare_markers(
    rendered: dict[str, Path],
) -> None:
    """The crisis cell of a plan fresh from `init`: « à compléter : à compléter (mobile,
    24 h/24) » said nothing of what was missing; the number now says it is one."""
    texts = [
        cell for table in cells(rendered["squelette"].with_suffix(".docx"))
        for row in table for cell in row
    ]  # fmt: skip
    assert [t for t in texts if "compléter : à compléter" in t] == []
    assert any(t.startswith("à compléter : numéro à compléter (mobile") for t in texts)
    pdf = subprocess.run(
        ["pdftotext", rendered["squelette"].with_suffix(".pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "compléter : à compléter" not in " ".join(pdf.split())


def test_the_directory_header_stays_whole_before_any_check_date(tmp_path: Path) -> None:
    """An imported directory has few « vérifié le » dates yet: its last column was as narrow
    as « Vérifié » and the header read « Vérifié / le » on two lines in every table. (With
    no date at all, the column is not printed: test_render_reviewed.py.)"""
    plan = tmp_path / "plan.yaml"
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    first = re.search(r"(?m)^ +verifie_le: .*\n", text)
    assert first
    kept = text[: first.end()] + re.sub(r"(?m)^ +verifie_le: .*\n", "", text[first.end() :])
    plan.write_text(kept, encoding="utf-8")
    out = tmp_path / "sans-dates"
    result = run_cli(
        "render", plan, "-f", "pdf,docx", "--edition", "interne", "-o", out,
        "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    pdf = subprocess.run(
        ["pdftotext", "-layout", out.with_suffix(".pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    headers = [line for line in pdf.splitlines() if "Vérifié" in line]
    assert len(headers) >= 5 and all(re.search(r"Vérifié\s?le\b", h) for h in headers), headers
    word = docx.Document(str(out.with_suffix(".docx")))
    last = [t.rows[0].cells[-1].text for t in word.tables]
    directory = [text for text in last if text.startswith("Vérifié")]
    assert directory and all(text == "Vérifié\u00a0le" for text in directory)


def test_french_spacing_leaves_markdown_structure_alone() -> None:
    from cptsplan.render.nobreak import NBSP, french_spacing

    text = "| Plan | Lieu |\n| :--- | ---: |\n::: {.couverture}\n**Lieu** \\: « MSP » ; oui ?\n:::"
    spaced = french_spacing(text)
    assert spaced.splitlines()[1] == "| :--- | ---: |"
    assert spaced.splitlines()[2] == "::: {.couverture}"
    assert spaced.splitlines()[3] == f"**Lieu**{NBSP}\\: «{NBSP}MSP{NBSP}»{NBSP}; oui{NBSP}?"
