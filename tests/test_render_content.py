"""What the rendered documents say, read back from the DOCX (python-docx) and the PDF (pypdf):
the conformity grid points to sections by number and title, the cover does not contradict
its edition, phone numbers are printed in one form and never split, and the crisis cell's
table gives each holder's 24/7 number in the internal edition."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml

from cptsplan.api import load_checked_plan
from cptsplan.render.document import RenderOptions, render
from cptsplan.render.sections import headings

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE
from .libreoffice import to_pdf
from .test_gdpr_diffusable import everything
from .test_render_support import (
    REFERENCE_DATE,
    docx_document,
    docx_texts,
    docx_xml,
    pdf_pages,
    unbreak,
)

NBSP = "\u00a0"
GRID_HEADER = ["Thème", "Élément attendu", "Source", "Couvert", "Où dans le plan"]
CELL_HEADER = ["Fonction", "Titulaire", "Suppléant", "Missions"]
TYPED = {
    "06 39 98 20 01": "0639982001",
    "06 39 98 20 02": "+33 (0)6 39 98 20 02",
    "04 65 71 00 10": "0033 4.65.71.00.10",
    "04 65 71 00 20": "(+33) 4-65-71-00-20",
}
"""The minimal example's numbers, as coordinators type them (printed: the key)."""
FOREIGN = ("0032 2 123 45 67", "+32 2 123 45 67")
NOT_A_NUMBER = "04 65 71 00 30 poste 12"
PRINTED = {typed: printed for printed, typed in TYPED.items()} | {FOREIGN[0]: FOREIGN[1]}
"""Typed -> printed (the examples' own numbers are typed as they are printed)."""


def _phone_forms_plan(folder: Path) -> Path:
    """The minimal example with its numbers typed in other forms, a Belgian number, a
    number with an extension, a holder with no 24/7 line, and the classification
    « diffusable »."""
    data = yaml.safe_load((MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8"))
    data["document"]["classification"] = "diffusable"
    for entry in data["annuaire"]:
        for phone in entry.get("telephones", []):
            if phone["numero"] in TYPED:
                phone["numero"] = TYPED[phone["numero"]]
            elif phone["numero"] == "04 65 71 00 30":
                phone["numero"] = NOT_A_NUMBER
        if entry["id"] == "coord-martin":
            # No line answered 24 h/24: the table shows the first one, with what it is.
            entry["telephones"] = [
                {"numero": FOREIGN[0], "usage": "standard"},
                {"numero": "06 39 98 20 09", "usage": "mobile"},
            ]
    folder.mkdir(parents=True)
    (folder / "plan.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def _render(plan_path: Path, edition: str, out: Path) -> dict[str, Any]:
    report = load_checked_plan(plan_path, today=date.fromisoformat(REFERENCE_DATE))
    assert report.plan is not None
    formats = ("docx", "pdf", "html", "md")
    options = RenderOptions(
        formats=formats, edition=edition, draft=True, conformity_grid=report.grid
    )
    rendered = render(report.plan, plan_path, options)
    paths = {}
    for fmt in formats:
        paths[fmt] = out / f"{plan_path.name}-{edition}.{fmt}"
        paths[fmt].write_bytes(rendered.documents[fmt])
    return {"markdown": rendered.markdown, "data": report.plan.data, **paths}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, Any]]:
    """Each example in each edition, and the plan with typed numbers (internal), rendered
    once in every format."""
    out = tmp_path_factory.mktemp("contenu")
    forms = _phone_forms_plan(out / "formes")
    plans = {"complet": COMPLETE_EXAMPLE, "minimal": MINIMAL_EXAMPLE, "formes": forms}
    return {
        (name, edition): _render(path, edition, out)
        for name, path in plans.items()
        for edition in ("interne", "diffusable")
        if name != "formes" or edition == "interne"
    }


EXAMPLES = [
    (name, edition) for name in ("complet", "minimal") for edition in ("interne", "diffusable")
]


def tables_with(path: Path, header: list[str]) -> list[list[list[str]]]:
    """The rows of the tables whose header is `header`, or starts with it (a column with
    nothing in it is not printed: the crisis cell's « Missions » when no function has any)."""
    return [
        [[cell.text for cell in row.cells] for row in table.rows[1:]]
        for table in docx_document(path).tables
        if [cell.text for cell in table.rows[0].cells][: len(header)] == header
        or [cell.text for cell in table.rows[0].cells] == header[:-1]
    ]


def grid_rows(path: Path) -> list[list[str]]:
    (rows,) = tables_with(path, GRID_HEADER)
    return rows


def docx_headings(path: Path) -> list[str]:
    return [
        paragraph.text
        for paragraph in docx_document(path).paragraphs
        if paragraph.style.name.startswith("Heading")
    ]


def squashed(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]", "", text).replace("\u2019", "'")


def flat(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").replace("\u2019", "'").split())


# --- Conformity grid: sections, not YAML lines -------------------------------------------


@pytest.mark.parametrize(("plan", "edition"), EXAMPLES)
def test_grid_points_to_numbered_sections_of_the_document(
    documents: dict, plan: str, edition: str
) -> None:
    """Each covered item names the section that prints it, « § 4.3.3 Fonctions », and that
    section is a heading of the DOCX with that very number (no file:line anywhere)."""
    rendered = documents[plan, edition]
    rows = grid_rows(rendered["docx"])
    found = set(docx_headings(rendered["docx"]))
    covered = [row for row in rows if row[3].split(" (", 1)[0] == "oui"]
    assert len(covered) >= 10
    for row in covered:
        where = re.sub(r" \(p\.\s…\)$", "", row[4])  # the page field, before Word computes it
        assert ".yaml" not in row[4], row
        heading = where.removeprefix("§ ")
        assert heading in found, row
    assert any(row[4].startswith("§ 4.3.3 Fonctions") for row in covered) or plan == "minimal"
    pdf = "\n".join(pdf_pages(rendered["pdf"]))
    assert ".yaml:" not in pdf
    for row in covered:
        # Typst may hyphenate a title in a narrow cell (« AMA-VI »): compared without breaks.
        assert squashed(re.sub(r" \(p\.\s…\)$", "", row[4])) in squashed(pdf), row


def test_heading_numbers_are_computed_as_the_documents_print_them(documents: dict) -> None:
    """One numbering, read from the Markdown, equals the DOCX's (Lua filter) and the PDF's
    (Typst)."""
    rendered = documents["complet", "interne"]
    numbered = [f"{h.number} {h.title}" for h in headings(rendered["markdown"]) if h.number]
    in_docx = [h for h in docx_headings(rendered["docx"]) if re.match(r"\d", h)]
    assert [flat(h) for h in numbered] == [flat(h) for h in in_docx]
    pdf = flat(unbreak("\n".join(pdf_pages(rendered["pdf"]))))
    assert all(flat(heading) in pdf for heading in numbered if heading.count(".") <= 1)


def test_diffusable_grid_never_points_to_the_directory_it_leaves_out(documents: dict) -> None:
    for plan in ("complet", "minimal"):
        rendered = documents[plan, "diffusable"]
        rows = grid_rows(rendered["docx"])
        directory = [row for row in rows if row[0] == "Annuaire de crise" and row[3] == "oui"]
        assert directory
        for row in directory:
            assert "annuaire.yaml" not in row[4] and "annuaire de crise" not in row[4]
            # The DOCX writes French spacing (a no-break space before the colon).
            assert row[4].startswith("Annexe A\u00a0: acteurs de l’annuaire, sans coordonnées")
        internal = grid_rows(documents[plan, "interne"]["docx"])
        assert any(row[4].startswith("Annexe A\u00a0: annuaire de crise") for row in internal)


def test_grid_references_are_links_to_the_headings(documents: dict) -> None:
    """DOCX: a hyperlink to the heading's bookmark and a PAGEREF field to a bookmark inside
    the heading; PDF: each link of the grid goes to the page of a referenced heading; HTML:
    a link to the heading's id; Markdown: the text only (GFM keeps no heading ids)."""
    rendered = documents["complet", "interne"]
    xml = docx_xml(rendered["docx"])
    anchors = set(re.findall(r'<w:hyperlink w:anchor="([^"]+)"', xml))
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml))
    assert {"lieux-de-reunion", "fonctions-cellule", "historique"} <= anchors <= bookmarks
    fields = re.findall(r"PAGEREF (\S+) \\h", xml)
    assert len(fields) >= 30 and set(fields) <= bookmarks
    html = rendered["html"].read_text(encoding="utf-8")
    assert re.search(
        r'<a href="#fonctions-cellule"\s+class="renvoi">§\s+4.3.3\s+Fonctions</a>', html
    )
    assert 'id="fonctions-cellule"' in html
    markdown = rendered["md"].read_text(encoding="utf-8")
    assert "| § 4.3.3 Fonctions |" in markdown

    reader = pypdf.PdfReader(str(rendered["pdf"]))
    named = reader.named_destinations
    pages = pdf_pages(rendered["pdf"])
    grid_pages = [i for i, text in enumerate(pages) if "Où dans le plan" in text]
    targets = set()
    for index in grid_pages:
        for annotation in reader.pages[index].get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") == "/Link" and str(link.get("/Dest")) in named:
                targets.add(reader.get_destination_page_number(named[str(link["/Dest"])]))
    referenced = {
        re.sub(r" \(p\.\s…\)$", "", row[4]).removeprefix("§ ")
        for row in grid_rows(rendered["docx"])
        if row[3].split(" (", 1)[0] == "oui"  # « oui (le 8 octobre 2026) »: with its detail
    }
    heading_pages = {
        index
        for index, text in enumerate(pages)
        for line in text.splitlines()
        if flat(line) in {flat(title) for title in referenced}
    }
    assert len(targets) >= 10 and targets <= heading_pages


def test_libreoffice_prints_the_page_of_each_referenced_section(documents: dict) -> None:
    """Opened in LibreOffice, each « (p. N) » of the grid is the page where the section
    starts."""
    (pdf,) = to_pdf(documents["complet", "interne"]["docx"])
    pages = pdf_pages(pdf)
    text = flat("\n".join(pages))
    assert "Error: Reference source not found" not in text
    references = re.findall(r"§ ([\d.]+) ([^§]*?) \(p\. (\d+)\)", text)
    assert len(references) >= 25
    for number, title, page in references:
        lines = [flat(line) for line in pages[int(page) - 1].splitlines()]
        assert any(line.startswith(f"{number} {title[:20]}") for line in lines), (number, page)


# --- Cover: the edition decides -----------------------------------------------------------


@pytest.mark.parametrize("plan", ["complet", "minimal"])
def test_cover_of_the_diffusable_edition_does_not_call_it_internal(
    documents: dict, plan: str
) -> None:
    for edition, expected, absent in (
        ("diffusable", "Le plan complet, avec son annuaire de crise, est un document interne",
         "Classification du plan : document interne"),
        ("interne", "Classification du plan : document interne", "Le plan complet"),
    ):  # fmt: skip
        rendered = documents[plan, edition]
        cover = flat(pdf_pages(rendered["pdf"])[0])
        first = flat(" ".join(p.text for p in docx_document(rendered["docx"]).paragraphs[:14]))
        for text in (cover, first):
            assert expected in text and absent not in text, (edition, text)
            assert f"Édition {edition}" in text
    diffusable = flat(pdf_pages(documents[plan, "diffusable"]["pdf"])[0])
    assert "peut être partagée" in diffusable


def test_cover_of_an_internal_edition_of_a_diffusable_plan(documents: dict) -> None:
    cover = flat(pdf_pages(documents["formes", "interne"]["pdf"])[0])
    assert "Classification du plan : document diffusable dans son édition diffusable" in cover
    assert "Édition interne : contient l'annuaire de crise" in cover


# --- Phone numbers: one form, never split -------------------------------------------------


def test_numbers_are_printed_in_one_national_form_with_no_break_spaces(documents: dict) -> None:
    rendered = documents["formes", "interne"]
    docx = "\n".join(docx_texts(rendered["docx"], keep_no_break_spaces=True))
    pdf_raw = "\n".join(pdf_pages(rendered["pdf"]))
    pdf = pdf_raw.replace(NBSP, " ")
    for printed, typed in TYPED.items():
        assert printed.replace(" ", NBSP) in docx, printed
        assert typed not in docx and typed not in pdf, typed
        # Searched in the page text as laid out: a number split across lines is not found.
        assert printed in pdf, printed
    assert FOREIGN[1].replace(" ", NBSP) in docx and FOREIGN[0] not in docx
    assert FOREIGN[1] in pdf
    # Printed as typed (its digits may be kept together by no-break spaces).
    assert NOT_A_NUMBER in docx.replace(NBSP, " ") and NOT_A_NUMBER in " ".join(pdf.split())


@pytest.mark.parametrize("plan", ["complet", "minimal"])
def test_example_numbers_never_break_inside(documents: dict, plan: str) -> None:
    rendered = documents[plan, "interne"]
    docx = "\n".join(docx_texts(rendered["docx"], keep_no_break_spaces=True))
    pdf = "\n".join(pdf_pages(rendered["pdf"])).replace(NBSP, " ")
    numbers = {
        phone["numero"]
        for entry in rendered["data"]["annuaire"]
        for phone in entry.get("telephones", [])
        if re.fullmatch(r"0\d( \d\d){4}", phone["numero"])
    }
    assert len(numbers) >= 8
    for number in numbers:
        assert number.replace(" ", NBSP) in docx, number
        assert number in pdf, number


# --- Crisis cell: the number to call, internal edition only -------------------------------


def crisis_number(entry: dict[str, Any]) -> str:
    phones = entry.get("telephones") or []
    chosen = next((phone for phone in phones if phone.get("h24")), phones[0])
    return str(chosen["numero"])


@pytest.mark.parametrize("plan", ["complet", "minimal", "formes"])
def test_crisis_cell_table_gives_each_holders_24_7_number(documents: dict, plan: str) -> None:
    rendered = documents[plan, "interne"]
    data = rendered["data"]
    entries = {entry["id"]: entry for entry in data["annuaire"]}
    (rows,) = tables_with(rendered["docx"], CELL_HEADER)
    functions = data["piloter"]["cellule_de_crise"]["fonctions"]
    assert len(rows) == len(functions)
    for row, function in zip(rows, functions, strict=True):
        for cell, key in ((row[1], "titulaire"), (row[2], "suppleant")):
            if function.get(key):
                printed = PRINTED.get(typed := crisis_number(entries[function[key]]), typed)
                assert flat(printed) in flat(cell), (cell, printed)
    if plan == "formes":
        (martin,) = [row for row in rows if "Martin" in row[1]]
        assert flat(martin[1]) == "Léa Martin : +32 2 123 45 67 (standard)"
    pdf = flat("\n".join(pdf_pages(rendered["pdf"])))
    assert "le numéro à appeler en crise" in pdf


@pytest.mark.parametrize("plan", ["complet", "minimal"])
def test_crisis_cell_table_of_the_diffusable_edition_has_no_number(
    documents: dict, plan: str
) -> None:
    (rows,) = tables_with(documents[plan, "diffusable"]["docx"], CELL_HEADER)
    assert rows and not any(re.search(r"\d", cell) for row in rows for cell in row[1:3])


def directory_numbers_in(rendered: dict[str, Any], fmt: str) -> list[str]:
    """The directory's numbers found in a document, in any part (text, XML, metadata,
    bookmarks): as typed, as printed, or as their digits however they are separated."""
    numbers = [
        (phone["numero"], re.sub(r"\D", "", phone["numero"])[1:])
        for entry in rendered["data"]["annuaire"]
        for phone in entry.get("telephones", [])
        if len(re.sub(r"\D", "", phone["numero"])) >= 8
    ]
    assert len(numbers) >= 8
    found = []
    for where, text in everything(rendered[fmt]):
        digits = re.sub(r"\D", "", text)
        for typed, significant in numbers:
            forms = (typed, typed.replace(" ", NBSP), significant)
            if any(form in text for form in forms) or significant in digits:
                found.append(f"{fmt} ({where}) : {typed}")
    return found


@pytest.mark.parametrize("plan", ["complet", "minimal"])
def test_diffusable_documents_hold_no_directory_number_in_any_form(
    documents: dict, plan: str
) -> None:
    """GDPR: no number of the directory in the diffusable DOCX, PDF, HTML or Markdown (the
    same search finds them in the internal edition)."""
    for fmt in ("docx", "pdf", "html", "md"):
        assert directory_numbers_in(documents[plan, "interne"], fmt)
        assert directory_numbers_in(documents[plan, "diffusable"], fmt) == []


def test_a_cell_function_label_that_the_standard_name_already_says_is_not_repeated(
    tmp_path: Path,
) -> None:
    """An imported crisis cell read « Pilotage » and « Secrétariat / main courante »: the
    table printed « Pilotage et coordination : Pilotage ». A label with words of its own
    is still printed after the standard name."""
    from cptsplan.render.document import plan_markdown
    from cptsplan.render.resources import template_dirs

    folder = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, folder)
    piloter = folder / "piloter.yaml"
    text = piloter.read_text(encoding="utf-8")
    for before, after in [
        ("libelle: Pilotage et coordination (référent SSE)", "libelle: Pilotage"),
        ("libelle: Secrétariat et main courante", "libelle: Secrétariat / main courante"),
    ]:
        assert before in text
        text = text.replace(before, after)
    piloter.write_text(text, encoding="utf-8")
    report = load_checked_plan(folder, today=date(2026, 11, 1))
    assert report.plan is not None
    markdown = plan_markdown(report.plan, "interne", False, template_dirs(folder, None))
    rows = [line.split(" | ")[0].lstrip("| ") for line in markdown.splitlines()]
    assert "Pilotage et coordination" in rows
    assert "Secrétariat et main courante" in rows
    assert "Support et logistique : Logistique et produits de santé" in rows
    assert not [
        row for row in rows if row.startswith(("Pilotage et coordination :", "Secr")) and ":" in row
    ]
