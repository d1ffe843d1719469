"""`cptsplan render PLAN --annexe fiches|annuaire`: one annex alone, for print, read back from
the PDF (pypdf), the DOCX (python-docx) and the DOCX as LibreOffice lays it out."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest
import yaml

from .conftest import COMPLETE_EXAMPLE, FIXTURES, run_cli
from .libreoffice import to_pdf
from .test_render_support import (
    REFERENCE_DATE,
    docx_document,
    docx_texts,
    markdown_visible_text,
    normalized,
    pdf_pages,
    unbreak,
)

FICHES = yaml.safe_load((COMPLETE_EXAMPLE / "adapter.yaml").read_text(encoding="utf-8"))["adapter"][
    "fiches_reflexes"
]
NOTICE = "Document interne — données personnelles : ne pas diffuser"


def render(*args: str | Path) -> object:
    return run_cli("render", COMPLETE_EXAMPLE, "--date", REFERENCE_DATE, *args)


@pytest.fixture(scope="module")
def fiches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fiches")
    result = render("--annexe", "fiches", "-e", "interne", "-f", "docx,pdf", "-o", folder / "f")
    assert result.exit_code == 0, result.stderr
    return folder


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("annuaire")
    result = render("--annexe", "annuaire", "-e", "interne", "-f", "docx,pdf", "-o", folder)
    assert result.exit_code == 0, result.stderr
    return folder


def title(text: str) -> str:
    return normalized(text)


def test_pdf_has_one_fiche_per_page(fiches: Path) -> None:
    pages = [normalized(page) for page in pdf_pages(fiches / "f.pdf")]
    assert len(pages) == len(FICHES)
    for number, (page, fiche) in enumerate(zip(pages, FICHES, strict=True), start=1):
        assert title(fiche["titre"]) in page
        assert f"CPTS du Val de Lys · fiche réflexe {number} sur {len(FICHES)}" in page
        assert "Plan SSE, version 2.1 du" in page  # the plan's version and date, in the footer
        assert normalized(fiche["etapes"][-1])[:40] in page.replace("- ", "")


def test_fiche_shows_typology_and_24h_numbers(fiches: Path) -> None:
    first = normalized(pdf_pages(fiches / "f.pdf")[0])
    assert "Typologies : T1, T2, T3, T4, T5" in first
    assert "Pour : Point d'entrée de l'alerte" in first
    assert "03 53 01 00 10 (astreinte, 24 h/24)" in first
    canicule = normalized(pdf_pages(fiches / "f.pdf")[2])
    assert "Typologie : T2" in canicule


def test_docx_fiches_start_each_on_a_page_with_footer_on_every_page(fiches: Path) -> None:
    document = docx_document(fiches / "f.docx")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [normalized(h) for h in headings] == [title(f["titre"]) for f in FICHES]
    section = document.sections[0]
    assert not section.different_first_page_header_footer  # no cover: page 1 has them too
    footer = " ".join(p.text for p in section.footer.paragraphs)
    assert "Plan SSE, version 2.1 du" in footer
    header = " ".join(p.text for p in section.header.paragraphs)
    assert "CPTS VdL · Fiches réflexes" in header


def test_docx_fiche_too_long_for_a_page_says_suite_au_verso(fiches: Path) -> None:
    texts = docx_texts(fiches / "f.docx")
    assert sum("suite au verso" in text for text in texts) >= 1
    # The PDF fits every fiche on its page: no such note there.
    assert not any("suite au verso" in page for page in pdf_pages(fiches / "f.pdf"))


def test_libreoffice_lays_each_fiche_on_its_page_or_says_suite_au_verso(fiches: Path) -> None:
    (pdf,) = to_pdf(fiches / "f.docx")
    pages = [normalized(page) for page in pdf_pages(pdf)]
    starts = [
        next(index for index, page in enumerate(pages) if title(fiche["titre"]) in page)
        for fiche in FICHES
    ]
    ends = [*starts[1:], len(pages)]
    for fiche, start, end in zip(FICHES, starts, ends, strict=True):
        assert end - start == 1 or "suite au verso" in pages[start], fiche["titre"]


def test_directory_has_the_privacy_notice_on_every_page(directory: Path) -> None:
    pdf = directory / "annuaire-de-crise-v2.1-interne.pdf"
    pages = [normalized(page) for page in pdf_pages(pdf)]
    assert len(pages) > 2
    assert all(NOTICE in page for page in pages)
    document = docx_document(pdf.with_suffix(".docx"))
    section = document.sections[0]
    assert not section.different_first_page_header_footer
    assert NOTICE in " ".join(p.text for p in section.header.paragraphs)
    assert NOTICE in docx_texts(pdf.with_suffix(".docx"))[1] or any(
        NOTICE in text for text in docx_texts(pdf.with_suffix(".docx"))[:5]
    )


def test_directory_is_grouped_by_family_with_every_entry(directory: Path) -> None:
    pdf = directory / "annuaire-de-crise-v2.1-interne.pdf"
    text = " ".join(normalized(page) for page in pdf_pages(pdf))
    order = [text.index(label) for label in ("ARS", "Préfecture", "SAMU", "Collectivité")]
    assert order == sorted(order)
    entries = yaml.safe_load((COMPLETE_EXAMPLE / "annuaire.yaml").read_text(encoding="utf-8"))

    def squeezed(value: str) -> str:
        # Bold hyphens come back from the PDF as soft hyphens: compared without either.
        return re.sub(r"[\s\-\xad]", "", normalized(value))

    compact = squeezed(text)
    for entry in entries["annuaire"]:
        assert squeezed(entry["nom"])[:25] in compact, entry["id"]
    assert "06 39 98 10 01 (mobile, 24 h/24)" in text  # numbers in one national form
    assert "vandamme@medecin.mssante.fr" in compact


def test_directory_in_the_diffusable_edition_is_refused(tmp_path: Path) -> None:
    result = render("--annexe", "annuaire", "-e", "diffusable", "-o", tmp_path)
    assert result.exit_code == 2
    assert "édition interne" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_fiches_of_the_diffusable_edition_have_no_coordinates(tmp_path: Path) -> None:
    result = render("--annexe", "fiches", "-e", "diffusable", "-f", "md", "-o", tmp_path / "f.md")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "f.md").read_text(encoding="utf-8")
    assert "Claire Vandamme" in text and "voir l’annuaire de crise de l’édition interne" in text
    assert not re.search(r"0[1-9]( \d\d){4}", text)
    assert "@" not in text


def test_default_names_and_unknown_annex(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    result = run_cli("render", plan, "--annexe", "fiches", "-f", "md", "--date", REFERENCE_DATE)
    assert result.exit_code == 0, result.stderr
    assert (plan / "build" / "fiches-reflexes-v2.1-interne.md").is_file()
    unknown = render("--annexe", "glossaire", "-o", tmp_path / "x")
    assert unknown.exit_code == 2 and "annexes possibles : fiches, annuaire" in unknown.stderr


def test_hostile_directory_prints_as_text(tmp_path: Path) -> None:
    hostile = FIXTURES / "render" / "plan-hostile.yaml"
    result = run_cli(
        "render", hostile, "--annexe", "annuaire", "-e", "interne", "-f", "pdf,md",
        "-o", tmp_path / "a", "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    shown = normalized(markdown_visible_text(tmp_path / "a.md"))
    for attempt in ("![](/etc/passwd)", "[x](file:///etc/hostname)", "`raw`{=typst}"):
        assert normalized(attempt) in shown
    assert "root:" not in shown
    pages = pdf_pages(tmp_path / "a.pdf")
    assert all(NOTICE in normalized(page) for page in pages)
    sizes = {
        tuple(round(v) for v in p.mediabox[2:]) for p in pypdf.PdfReader(tmp_path / "a.pdf").pages
    }
    assert sizes == {(595, 842)}  # A4 everywhere: `#set page(paper: "a5")` stayed text
    assert normalized('#set page(paper: "a5")') in normalized(unbreak(" ".join(pages)))
