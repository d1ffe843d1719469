"""The complete example rendered to DOCX and PDF in both editions, read back as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cptsplan.api import load_checked_plan

from .conftest import COMPLETE_EXAMPLE, run_cli
from .test_render_support import (
    REFERENCE_DATE,
    docx_document,
    docx_texts,
    docx_xml,
    pdf_pages,
    pypdf_pages,
    unbreak,
)

EDITIONS = ("interne", "diffusable")

CHAPTERS = [
    "Présentation de la CPTS et du territoire",
    "Anticiper",
    "Adapter",
    "Piloter",
    "Évaluer",
]
SECTIONS = [
    "La CPTS",
    "Le territoire",
    "Diagnostic des risques du territoire",
    "Ressources mobilisables",
    "Réponses par typologie de crise",
    "Continuité des soins des patients chroniques et vulnérables",
    "Référents SSE",
    "Cellule de crise",
    "Chaîne d’alerte",
    "Communication",
    "Articulation avec les autres plans",
    "Exercices",
    "Retours d’expérience",
    "Indicateurs de suivi",
    "Revue annuelle du plan",
    "Documents de référence",
    "Feuille de route de la préparation",
]
ANNEXES = ["fiches réflexes", "historique des versions", "glossaire"]
DIRECTORY_HEADER = ["Nom", "Profession, fonction et structure", "Téléphones, courriel et MSSanté"]
"""Phones and addresses share one column (issue 17: the directory's rows stay short)."""


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Each edition rendered once (DOCX and PDF in the same call)."""
    folder = tmp_path_factory.mktemp("rendu-complet")
    rendered = {}
    for edition in EDITIONS:
        result = run_cli(
            "render", COMPLETE_EXAMPLE, "-f", "docx", "-f", "pdf", "--edition", edition,
            "--output", folder / edition, "--date", REFERENCE_DATE,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        rendered[edition] = {fmt: folder / f"{edition}.{fmt}" for fmt in ("docx", "pdf")}
    return rendered


@pytest.fixture(scope="module")
def plan_data() -> dict:
    report = load_checked_plan(COMPLETE_EXAMPLE)
    assert report.plan is not None
    return report.plan.data


def headings(path: Path) -> list[str]:
    return [
        paragraph.text
        for paragraph in docx_document(path).paragraphs
        if paragraph.style.name.startswith("Heading")
    ]


def without_number(heading: str) -> str:
    return re.sub(r"^[0-9.]+ ", "", heading).replace("’", "'")


@pytest.mark.parametrize("edition", EDITIONS)
def test_docx_has_every_heading(documents: dict, plan_data: dict, edition: str) -> None:
    found = [without_number(h) for h in headings(documents[edition]["docx"])]
    expected = CHAPTERS + SECTIONS + [r["titre"] for r in plan_data["adapter"]["reponses"]]
    expected = [title.replace("’", "'") for title in expected]
    assert [title for title in expected if title not in found] == []
    annexes = " ".join(h.lower() for h in found if h.startswith("Annexe"))
    assert all(name in annexes for name in ANNEXES)
    numbered = headings(documents[edition]["docx"])
    assert "1 Présentation de la CPTS et du territoire" in numbered
    assert "5 Évaluer" in numbered


@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_has_every_heading_and_a_french_table_of_contents(
    documents: dict, plan_data: dict, edition: str
) -> None:
    pages = pdf_pages(documents[edition]["pdf"])
    text = unbreak("\n".join(pages))
    assert "Sommaire" in pages[1]
    for number, title in enumerate(CHAPTERS, start=1):
        assert f"{number} {title}" in text
    for title in SECTIONS + [r["titre"] for r in plan_data["adapter"]["reponses"]]:
        assert title.replace("’", "'") in text.replace("’", "'"), title


@pytest.mark.parametrize("edition", EDITIONS)
def test_cover_page_says_what_the_document_is(
    documents: dict, plan_data: dict, edition: str
) -> None:
    cover = unbreak(pdf_pages(documents[edition]["pdf"])[0])
    assert plan_data["cpts"]["nom"] in cover
    assert f"Version {plan_data['document']['version']}" in cover
    assert "Dernière mise à jour : 5 octobre 2026" in cover
    assert f"Édition {edition}" in cover
    if edition == "interne":
        assert "Classification du plan : document interne" in cover
    else:  # the shareable edition is not called internal; the full plan is
        assert "Classification du plan" not in cover and "est un document interne" in cover
    body = docx_document(documents[edition]["docx"]).paragraphs
    assert any(p.text.startswith(f"Édition {edition}") for p in body[:12])


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_has_version_and_number(documents: dict, edition: str) -> None:
    pages = pdf_pages(documents[edition]["pdf"])
    total = len(pages)
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} sur {total}" in page
        assert "Version 2.1 du 5 octobre 2026" in page
    section = docx_document(documents[edition]["docx"]).sections[0]
    assert section.page_width.cm == pytest.approx(21.0, abs=0.05)
    assert section.page_height.cm == pytest.approx(29.7, abs=0.05)
    footer = " ".join(p.text for p in section.footer.paragraphs)
    assert "Version 2.1 du 5 octobre 2026" in footer and "Page" in footer


@pytest.mark.parametrize("edition", EDITIONS)
def test_accents_survive(documents: dict, edition: str) -> None:
    for text in (" ".join(docx_texts(documents[edition]["docx"])),
                 " ".join(pdf_pages(documents[edition]["pdf"]))):  # fmt: skip
        for word in ("Évaluer", "février", "Chaîne", "Référents", "Cœur de Lys"):
            assert word in text, word


def directory_tables(path: Path) -> list:
    return [
        table
        for table in docx_document(path).tables
        if [cell.text for cell in table.rows[0].cells][:3] == DIRECTORY_HEADER
    ]


def test_internal_edition_has_the_directory(documents: dict, plan_data: dict) -> None:
    tables = directory_tables(documents["interne"]["docx"])
    assert tables
    names = {row.cells[0].text for table in tables for row in table.rows[1:]}
    assert len(names) >= len(plan_data["annuaire"]) - 1
    phones = " ".join(row.cells[2].text for table in tables for row in table.rows[1:])
    first = plan_data["annuaire"][0]["telephones"][0]["numero"]
    assert first.replace(" ", "\u00a0") in phones  # no-break spaces: never split
    pdf = unbreak("\n".join(pdf_pages(documents["interne"]["pdf"])))
    assert "Annexe A : annuaire de crise" in pdf
    assert first in pdf.replace("\u00a0", " ")


def contact_patterns(plan_data: dict) -> list[re.Pattern[str]]:
    """Every directory phone number (as digits with any separators) and e-mail address."""
    patterns = []
    for entry in plan_data["annuaire"]:
        for phone in entry.get("telephones", []):
            digits = re.sub(r"\D", "", phone["numero"])
            if len(digits) >= 6:  # 15, 112, 3237: public short numbers, also found in dates
                patterns.append(re.compile(r"[\s.\-\u00a0\u202f]*".join(digits)))
        for key in ("email", "mssante"):
            if entry.get(key):
                patterns.append(re.compile(re.escape(entry[key]), re.IGNORECASE))
    return patterns


def test_diffusable_edition_has_no_directory_and_no_contact(
    documents: dict, plan_data: dict
) -> None:
    paths = documents["diffusable"]
    assert directory_tables(paths["docx"]) == []
    texts = {
        "docx (texte)": " ".join(docx_texts(paths["docx"])),
        "docx (xml)": docx_xml(paths["docx"]),
        "pdf": "\n".join(pdf_pages(paths["pdf"])),
        "pdf (lignes jointes)": unbreak("\n".join(pdf_pages(paths["pdf"]))),
    }
    patterns = contact_patterns(plan_data)
    assert len(patterns) > 50
    leaks = [
        (where, pattern.pattern)
        for where, text in texts.items()
        for pattern in patterns
        if pattern.search(text)
    ]
    assert leaks == []
    assert "annuaire de crise" not in " ".join(headings(paths["docx"])).lower()
    assert "Édition diffusable" in texts["pdf"]


def test_fiches_reflexes_each_start_a_page(documents: dict, plan_data: dict) -> None:
    count = len(plan_data["adapter"]["fiches_reflexes"])
    pages = pypdf_pages(documents["interne"]["pdf"])  # the lines as laid out
    starts = []
    for number in range(1, count + 1):
        (page,) = [
            i
            for i, text in enumerate(pages)
            if f"Fiche réflexe {number} :" in text and "Étapes" in text
        ]
        starts.append(page)
        if number > 1:
            body = pages[page].split("\n", 1)[1]  # after the running header
            assert body.startswith(f"Fiche réflexe {number} :")
    assert len(set(starts)) == count
    paragraphs = docx_document(documents["interne"]["docx"]).paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.text.startswith("Fiche réflexe ") and not paragraph.text.startswith(
            "Fiche réflexe 1 :"
        ):
            breaks = paragraphs[index - 1]._p.xpath(".//w:br[@w:type='page']")
            assert breaks, paragraph.text


def test_glossary_lists_used_acronyms(documents: dict, plan_data: dict) -> None:
    tables = docx_document(documents["interne"]["docx"]).tables
    (glossary,) = [t for t in tables if [c.text for c in t.rows[0].cells] == ["Sigle",
                   "Signification"]]  # fmt: skip
    acronyms = [row.cells[0].text for row in glossary.rows[1:]]
    assert {"ARS", "SAMU", "ORSAN", "CPTS"} <= set(acronyms)
    assert {entry["sigle"] for entry in plan_data.get("glossaire", [])} <= set(acronyms)
    assert "SI-VIC" not in acronyms  # in the built-in dictionary, not in this plan
