"""What a reviewer found unfinished in the documents of a plan fresh from `import` (issue 17
§4, issue 19's « smaller, seen in documents »), read back from the PDF and the DOCX:

- « Lieu principal : à compléter : lieu, à compléter. » when neither the place nor its address
  is known yet; « Lieu de repli : non renseigné. » above the remote working that replaces it;
- « Exercice ; RETEX date à compléter. » for a RETEX whose date is still to complete;
- a « Vérifié le » column empty in every table of the directory (no entry checked yet), and
  the notice asking to read those dates; a function that repeats the profession;
- the running header « CPTS de l'Arc » with the typed apostrophe, where the body prints
  « l’Arc »; the cover's foot repeating the title word for word;
- the fiches annex's first page holding one sentence; a Word table left in the « Texte
  repris » annex printed as run-on « a | b | c » lines; a referent's name cut in two lines;
- in the DOCX, the space after a table left alone on a blank page before a chapter.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest

from .conftest import MINIMAL_EXAMPLE, run_cli
from .test_render_support import REFERENCE_DATE


def _unchecked_plan(text: str) -> str:
    """The minimal example as an import leaves it: no entry of the directory checked, one
    whose function repeats the profession, a referent with a long name, the meeting place
    and a RETEX's date still « A_COMPLETER », a CPTS name with an apostrophe."""
    text = re.sub(r"(?m)^ +verifie_le: .*\n", "", text)
    named = "    nom: Faure\n    prenom: Élise\n"
    assert named in text, "the example's referent moved"
    text = text.replace(named, "    nom: Faure-Delacroix\n    prenom: Marie-Élisabeth\n")
    said = (
        "    profession: Médecin généraliste\n"
        "    fonction: Présidente de la CPTS et référente SSE\n"
    )
    assert said in text, "the example's directory moved"
    text = text.replace(
        said, "    profession: Médecin généraliste\n    fonction: Médecin généraliste\n"
    )
    text = text.replace("nom: CPTS du Plateau de Vèze", "nom: CPTS de l'Arc de Vèze", 1)
    place = re.search(r"(?m)^    lieu_principal:.*\n      nom: .*\n      adresse: .*\n", text)
    assert place, "the example's meeting place moved"
    text = text.replace(
        place.group(0),
        "    lieu_principal:\n      nom: A_COMPLETER\n      adresse: A_COMPLETER\n",
    )
    dated = "      intitule: Premier test de la chaîne d'alerte\n      date: 2026-09-10\n"
    assert dated in text, "the example's RETEX moved"
    text = text.replace(dated, dated.replace("2026-09-10", "A_COMPLETER"))
    assert "\n  continuite_des_soins:" in text, "the example's adapter moved"
    text = text.replace("\n  continuite_des_soins:", FICHES + "  continuite_des_soins:", 1)
    return text + IMPORTED


IMPORTED = """
texte_importe:
  - partie: adapter
    section: Réponses par typologie > T1
    texte: "Phase | Action | Qui\\nConduite de crise | Ouvrir des créneaux | Professionnels\\n\\
      Sortie de crise | Suivre les blessés | Référent SSE\\n\\nUne phrase seule | avec une barre"
"""


FICHES = """
  fiches_reflexes:
    - id: fr-alerte
      titre: Réception d'une alerte
      pour: Référent SSE d'astreinte
      etapes: [Noter l'heure et l'émetteur dans la main courante.]
    - id: fr-canicule
      titre: Vigilance canicule orange ou rouge
      etapes: [Appeler les patients fragiles.]
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("relu")
    plan = folder / "plan.yaml"
    source = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    plan.write_text(_unchecked_plan(source), encoding="utf-8")
    found = {}
    for edition in ("interne", "diffusable"):
        out = folder / edition
        result = run_cli(
            "render", plan, "-f", "pdf,docx", "--edition", edition, "-o", out,
            "--brouillon", "--date", REFERENCE_DATE,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        found[edition] = out
    out = folder / "annuaire"
    result = run_cli(
        "render", plan, "-f", "docx", "--annexe", "annuaire", "--edition", "interne",
        "-o", out, "--brouillon", "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    found["annuaire"] = out
    return found


def pdf_text(out: Path) -> str:
    text = subprocess.run(
        ["pdftotext", out.with_suffix(".pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def docx_paragraphs(out: Path) -> list[str]:
    document = docx.Document(str(out.with_suffix(".docx")))
    return [" ".join(p.text.split()) for p in document.paragraphs]


EDITIONS = ("interne", "diffusable")


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_meeting_place_still_to_complete_is_said_once(
    rendered: dict[str, Path], edition: str
) -> None:
    said = "Lieu principal : nom et adresse à compléter."
    assert said in docx_paragraphs(rendered[edition])
    text = pdf_text(rendered[edition])
    assert said in text
    assert "à compléter, à compléter" not in text


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_retex_date_still_to_complete_reads_as_french(
    rendered: dict[str, Path], edition: str
) -> None:
    said = "Exercice ; date du RETEX à compléter."
    assert said in docx_paragraphs(rendered[edition])
    text = pdf_text(rendered[edition])
    assert said in text
    assert not re.search(r"(?<!du )RETEX (date|à compléter)", text)


def directory_tables(out: Path) -> list[list[str]]:
    """Header rows of the directory's tables (one per family of actors) in the DOCX."""
    document = docx.Document(str(out.with_suffix(".docx")))
    headers = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    return [header for header in headers if header[0] == "Nom"]


@pytest.mark.parametrize(("edition", "columns"), [("interne", 3), ("diffusable", 2)])
def test_a_directory_without_any_check_date_has_no_empty_column(
    rendered: dict[str, Path], edition: str, columns: int
) -> None:
    """One directory, the same columns in every family's table, none of them empty."""
    headers = directory_tables(rendered[edition])
    assert len(headers) >= 5, headers
    assert all(len(header) == columns for header in headers), headers
    assert not any("Vérifié" in cell for header in headers for cell in header)
    assert "Vérifié le" not in pdf_text(rendered[edition]).replace("\u00a0", " ")


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_docx_header_prints_the_apostrophe_of_the_body(
    rendered: dict[str, Path], edition: str
) -> None:
    document = docx.Document(str(rendered[edition].with_suffix(".docx")))
    headers = {
        " ".join(p.text for p in part.paragraphs)
        for section in document.sections
        for part in (section.header, section.first_page_header, section.even_page_header)
    }
    named = [text for text in headers if "Arc de Vèze" in text]
    assert named and all("CPTS de l\u2019Arc de Vèze" in text for text in named), named
    header = pdf_pages(rendered[edition])[2][:60]  # a page of the body opens on the header
    assert header.startswith("BROUILLON CPTS de l\u2019Arc de Vèze · Plan SSE"), header


def test_the_directory_does_not_ask_to_read_dates_it_does_not_print(
    rendered: dict[str, Path],
) -> None:
    """« Vérifier la date de vérification de chaque entrée » over tables with no such date."""
    for out in (rendered["interne"], rendered["annuaire"]):
        text = " ".join(docx_paragraphs(out))
        assert "Vérifier la date de vérification" not in text
        assert "Aucune entrée n’est encore datée de sa dernière vérification" in text
    assert "Vérifier la date de vérification" not in pdf_text(rendered["interne"])


def test_the_printed_directory_alone_has_no_empty_column(rendered: dict[str, Path]) -> None:
    document = docx.Document(str(rendered["annuaire"].with_suffix(".docx")))
    headers = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    assert len(headers) >= 5, headers
    assert all(
        header == ["Nom, fonction et structure", "Téléphones", "Courriel et MSSanté"]
        for header in headers
    ), headers
    rows = sum(len(table.rows) - 1 for table in document.tables)
    assert rows == (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8").count("verifie_le:")


def pdf_pages(out: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", out.with_suffix(".pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_fiches_annex_lists_its_fiches_on_its_first_page(
    rendered: dict[str, Path], edition: str
) -> None:
    """Each fiche starts on its own page: the annex's first page held one sentence."""
    pages = pdf_pages(rendered[edition])
    first = next(page for page in pages if "fiches réflexes Chaque fiche tient" in page)
    assert "1 Réception d’une alerte Référent SSE d’astreinte" in first
    assert "2 Vigilance canicule orange ou rouge" in first
    assert "Noter l’heure" not in first  # the fiche itself on the next page
    word = docx.Document(str(rendered[edition].with_suffix(".docx")))
    index = [table for table in word.tables if table.rows[0].cells[0].text == "N°"]
    assert index and [[cell.text for cell in row.cells[:2]] for row in index[0].rows[1:]] == [
        ["1", "Réception d’une alerte"],
        ["2", "Vigilance canicule orange ou rouge"],
    ]


def _next_paragraph(xml: str) -> str:
    """The first paragraph of `xml`, bookmarks and white space before it skipped."""
    text = re.sub(r"^(?:\s|<w:bookmark(?:Start|End)\b[^>]*/>)*", "", xml)
    return text[: text.find("</w:p>") + len("</w:p>")] if text.startswith("<w:p>") else ""


def _opens_a_page(paragraph: str) -> bool:
    return '<w:pStyle w:val="Heading1"' in paragraph or '<w:br w:type="page"/>' in paragraph


def test_no_space_after_a_table_is_left_alone_on_a_blank_docx_page(
    rendered: dict[str, Path],
) -> None:
    """The DOCX puts a small empty line after each table; before a chapter (its heading
    breaks the page) or a page break, that line went to the top of a page of its own when
    the table ended at the foot of one: a blank page in LibreOffice and Word (val-de-lys,
    before « 4 Piloter »)."""
    import zipfile

    from cptsplan.render.docx import AFTER_TABLE

    for edition in EDITIONS:
        with zipfile.ZipFile(rendered[edition].with_suffix(".docx")) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        after = [xml[m.end() : m.end() + 3000] for m in re.finditer("</w:tbl>", xml)]
        spaced = [text[len(AFTER_TABLE) :] for text in after if text.startswith(AFTER_TABLE)]
        bare = [text for text in after if not text.startswith(AFTER_TABLE)]
        assert spaced, "the space after an ordinary table is kept"
        assert not [text for text in spaced if _opens_a_page(_next_paragraph(text))]
        opened = [_next_paragraph(text) for text in bare]
        assert any("Heading1" in paragraph for paragraph in opened), "no table before a chapter"
        assert any("w:br" in paragraph for paragraph in opened), "no table before a page break"


def test_a_function_that_repeats_the_profession_is_printed_once(
    rendered: dict[str, Path],
) -> None:
    for out in (rendered["interne"], rendered["diffusable"], rendered["annuaire"]):
        document = docx.Document(str(out.with_suffix(".docx")))
        cells = [
            cell.text.replace("\xa0", " ")
            for table in document.tables
            for row in table.rows
            for cell in row.cells
        ]
        faure = [text for text in cells if "Médecin généraliste ; Maison de santé de Vèze" in text]
        assert faure, out
        assert not any("Médecin généraliste ; Médecin généraliste" in text for text in cells)
    assert "Médecin généraliste ; Médecin généraliste" not in pdf_text(rendered["interne"])


def test_a_word_table_the_import_could_not_place_is_printed_as_a_table(
    rendered: dict[str, Path],
) -> None:
    """« Conduite de crise | Ouvrir des créneaux | Professionnels » read as a run-on line."""
    for edition in EDITIONS:
        document = docx.Document(str(rendered[edition].with_suffix(".docx")))
        found = [
            [[cell.text for cell in row.cells] for row in table.rows]
            for table in document.tables
            if [cell.text for cell in table.rows[0].cells] == ["Phase", "Action", "Qui"]
        ]
        assert found == [
            [
                ["Phase", "Action", "Qui"],
                ["Conduite de crise", "Ouvrir des créneaux", "Professionnels"],
                ["Sortie de crise", "Suivre les blessés", "Référent SSE"],
            ]
        ]
        text = pdf_text(rendered[edition])
        assert "Phase | Action" not in text and "Conduite de crise | Ouvrir" not in text
        assert "Une phrase seule | avec une barre" in text  # a lone line stays text


@pytest.mark.parametrize("edition", EDITIONS)
def test_remote_working_answers_for_the_fallback_room(
    rendered: dict[str, Path], edition: str
) -> None:
    """« Lieu de repli : non renseigné. » right above « Fonctionnement à distance : … si la
    salle est inaccessible » read as a gap in a plan ready to send."""
    paragraphs = docx_paragraphs(rendered[edition])
    assert any(p.startswith("Fonctionnement à distance : Visioconférence") for p in paragraphs)
    assert not any(p.startswith("Lieu de repli") for p in paragraphs)
    assert "Lieu de repli : non renseigné" not in pdf_text(rendered[edition])


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_referent_name_is_kept_on_one_line(rendered: dict[str, Path], edition: str) -> None:
    """The referents' table gave its width to the contacts: « Jérôme / LACROIX »."""
    text = subprocess.run(
        ["pdftotext", "-layout", rendered[edition].with_suffix(".pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rows = [line for line in text.splitlines() if line.strip().startswith("Titulaire ")]
    assert rows and all("Marie-Élisabeth Faure-Delacroix" in row for row in rows), rows


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_cover_does_not_repeat_its_title_at_its_foot(
    rendered: dict[str, Path], edition: str
) -> None:
    """« Plan de préparation aux situations sanitaires exceptionnelles » as the title, then
    the same words again at the foot of the cover."""
    cover = pdf_pages(rendered[edition])[0]
    assert cover.count("situations sanitaires exceptionnelles") == 1, cover
    assert "Plan établi selon la trame nationale (mission de l’ACI des CPTS)." in cover
    paragraphs = docx_paragraphs(rendered[edition])
    assert "Plan établi selon la trame nationale (mission de l’ACI des CPTS)." in paragraphs
    assert sum("situations sanitaires exceptionnelles" in p for p in paragraphs[:12]) == 1
