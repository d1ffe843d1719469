"""The DOCX as LibreOffice lays it out (its PDF), for both examples in both editions.

What a coordinator sees on opening the DOCX: no header word, date, phone number or e-mail
address split across two lines, about as many pages as the PDF, a table of contents with
page numbers on one page, each fiche réflexe on one page.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pypdf
import pytest

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, run_cli
from .libreoffice import to_pdf
from .test_render_support import REFERENCE_DATE, docx_document, pypdf_pages

EXAMPLES = {"complet": COMPLETE_EXAMPLE, "minimal": MINIMAL_EXAMPLE}
EDITIONS = ("interne", "diffusable")
CASES = [(example, edition) for example in EXAMPLES for edition in EDITIONS]

MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
DATE = re.compile(rf"\b(?:1er|\d{{1,2}}) (?:{MONTHS}) \d{{4}}\b")
# In a table too wide for the page (the directory), a date may go to the line before its
# year (render/tables.py), never inside a word.
SHOWN_DATE = re.compile(rf"\b(?:1er|\d{{1,2}}) (?:{MONTHS}) ?\n?\d{{4}}\b")
PHONE = re.compile(r"(?<![\d+])(?:\+33 ?(?:\(0\) ?)?\d|0\d)(?: \d\d){4}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A listed address (« … ; nom@… », « MSSanté : nom@… », alone in its cell), not one inside a
# sentence: a word processor may break that one after a hyphen (see the DOCX layout notes).
LISTED_EMAIL = re.compile(r"(?:^|(?<=; )|(?<=: ))[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.MULTILINE)
WORD = re.compile(r"[^\W\d_]+")
RUNNING_HEADER = re.compile(r"Plan SSE +Édition")
RUNNING_FOOTER = re.compile(r"Page \d+ sur \d+$")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, Path]]:
    """Each example and edition rendered once (DOCX and PDF in one call); every DOCX
    converted by LibreOffice in one run."""
    folder = tmp_path_factory.mktemp("libreoffice")
    rendered = {}
    for example, edition in CASES:
        stem = folder / f"{example}-{edition}"
        result = run_cli(
            "render", EXAMPLES[example], "-f", "docx", "-f", "pdf", "--edition", edition,
            "--output", stem, "--date", REFERENCE_DATE,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        rendered[(example, edition)] = {"docx": stem.with_suffix(".docx")}
        rendered[(example, edition)]["typst"] = stem.with_suffix(".pdf")
    converted = to_pdf(*(paths["docx"] for paths in rendered.values()))
    for paths, pdf in zip(rendered.values(), converted, strict=True):
        paths["libreoffice"] = pdf
    return rendered


def pages(pdf: Path, *options: str) -> list[str]:
    """The text of each page of a PDF, as pdftotext lays it out (`-layout`: columns kept)."""
    done = subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return [_spaces(text) for text in done.stdout.split("\f")[:-1]]


def body_pages(pdf: Path) -> list[str]:
    """The text of each page without the running header and footer, line breaks kept as
    LibreOffice made them (pypdf: pdftotext would join a word split after a hyphen)."""
    texts = []
    for text in pypdf_pages(pdf):
        lines = _spaces(text).split("\n")
        if lines and RUNNING_HEADER.search(lines[0]):
            lines = lines[1:]
        if lines and RUNNING_FOOTER.search(lines[-1]):
            lines = lines[:-1]
        texts.append("\n".join(lines))
    return texts


def _spaces(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def docx_body(path: Path) -> str:
    """The body's text (cover, table of contents, tables), one paragraph a line."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    lines = []
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.DOTALL):
        lines.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph)))
    text = "\n".join(lines).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def header_words(path: Path) -> set[str]:
    words = set()
    for table in docx_document(path).tables:
        for cell in table.rows[0].cells:
            words.update(word for word in WORD.findall(cell.text) if len(word) > 1)
    return words


def missing(expected: Counter[str], found: Counter[str]) -> list[str]:
    """What the DOCX holds more often than LibreOffice's pages show whole: split ones."""
    return sorted((expected - found).elements())


@pytest.mark.parametrize(("example", "edition"), CASES)
def test_no_header_word_date_phone_or_email_split_across_lines(
    documents: dict, example: str, edition: str
) -> None:
    paths = documents[(example, edition)]
    body = docx_body(paths["docx"])
    shown = "\n".join(body_pages(paths["libreoffice"]))
    words = header_words(paths["docx"])
    assert words, "aucun tableau lu dans le DOCX"
    split_words = missing(
        Counter(word for word in WORD.findall(body) if word in words),
        Counter(word for word in WORD.findall(shown) if word in words),
    )
    assert not split_words, f"mots d'en-tête coupés entre deux lignes : {split_words}"
    checks = (
        ("dates", DATE, SHOWN_DATE),
        ("téléphones", PHONE, PHONE),
        ("courriels", LISTED_EMAIL, EMAIL),
    )
    for name, pattern, shown_pattern in checks:
        expected = Counter(pattern.findall(body))
        found = Counter(" ".join(text.split()) for text in shown_pattern.findall(shown))
        split = missing(expected, found)
        assert not split, f"{name} coupés entre deux lignes : {split}"


@pytest.mark.parametrize(("example", "edition"), CASES)
def test_as_many_pages_as_the_pdf(documents: dict, example: str, edition: str) -> None:
    paths = documents[(example, edition)]
    typst = len(pypdf.PdfReader(paths["typst"]).pages)
    libreoffice = len(pypdf.PdfReader(paths["libreoffice"]).pages)
    assert abs(libreoffice - typst) <= 0.15 * typst, (libreoffice, typst)


def toc_entries(page: str) -> list[tuple[str, int]]:
    entries = []
    for line in page.splitlines():
        match = re.fullmatch(r"\s*(.+?)\s*\.{4,}\s*(\d+)\s*", line)
        if match:
            entries.append((" ".join(match.group(1).split()), int(match.group(2))))
    return entries


@pytest.mark.parametrize(("example", "edition"), CASES)
def test_table_of_contents_has_the_page_of_each_heading(
    documents: dict, example: str, edition: str
) -> None:
    paths = documents[(example, edition)]
    layout = pages(paths["libreoffice"], "-layout")
    body = [" ".join(page.split()) for page in body_pages(paths["libreoffice"])]
    assert "Sommaire" in layout[1]
    entries = toc_entries(layout[1])
    assert len(entries) >= 20, layout[1]
    for title, number in entries:
        assert title in body[number - 1], f"« {title} » n'est pas à la page {number}"
    # One page: the first chapter follows at once, no page left almost blank.
    assert entries[0][1] == 3
    assert body[2].startswith("1 Présentation de la CPTS")


@pytest.mark.parametrize(("example", "edition"), [("complet", edition) for edition in EDITIONS])
def test_each_fiche_reflexe_fits_one_page(documents: dict, example: str, edition: str) -> None:
    body = body_pages(documents[(example, edition)]["libreoffice"])
    starts = {}
    for number, page in enumerate(body, start=1):
        for match in re.finditer(r"^Fiche réflexe (\d+) :", page, re.MULTILINE):
            if "Sommaire" not in page:
                starts.setdefault(int(match.group(1)), number)
    annexes = [number for number, page in enumerate(body, start=1) if re.match(r"\s*Annexe", page)]
    assert len(starts) >= 9
    for fiche, start in starts.items():
        following = starts.get(fiche + 1) or min(page for page in annexes if page > start)
        assert following == start + 1, f"fiche réflexe {fiche} : {following - start} pages"


@pytest.mark.parametrize(("example", "edition"), CASES)
def test_docx_dated_by_the_plan_update(documents: dict, example: str, edition: str) -> None:
    """Word's « Créé le » and « Modifié le » show the plan's last update, as the PDF does."""
    with zipfile.ZipFile(documents[(example, edition)]["docx"]) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    plan = (EXAMPLES[example] / "plan.yaml").read_text(encoding="utf-8")
    updated = re.search(r"date_mise_a_jour: *[\"']?(\d{4}-\d\d-\d\d)", plan)
    assert updated is not None
    for name in ("created", "modified"):
        assert f'{name} xsi:type="dcterms:W3CDTF">{updated.group(1)}T00:00:00Z' in core


@pytest.mark.parametrize(("example", "edition"), CASES)
def test_table_rows_stay_on_one_page_with_the_header_repeated(
    documents: dict, example: str, edition: str
) -> None:
    for table in docx_document(documents[(example, edition)]["docx"]).tables:
        rows = table._tbl.tr_lst
        assert all(row.trPr is not None and "cantSplit" in row.trPr.xml for row in rows)
        assert "tblHeader" in rows[0].trPr.xml


def test_a_drafts_running_header_keeps_its_space(tmp_path: Path) -> None:
    """« BROUILLON » then the CPTS in the running header: the space between them was dropped
    by LibreOffice and Word (a run's trailing space is kept only when the XML says so), and
    the header read « BROUILLONCPTS … » on every page."""
    from .conftest import FIXTURES

    stem = tmp_path / "brouillon"
    result = run_cli(
        "render", FIXTURES / "render" / "plan-brouillon.yaml", "--brouillon", "-f", "docx",
        "--output", stem, "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (pdf,) = to_pdf(stem.with_suffix(".docx"))
    headers = [page.splitlines()[0] for page in pages(pdf)[1:] if page.strip()]
    assert headers and all(re.match(r"BROUILLON \S", line) for line in headers), headers[:3]


@pytest.mark.parametrize(("example", "edition"), CASES)
def test_the_cover_frames_the_edition_and_ends_low_on_the_page(
    documents: dict, example: str, edition: str
) -> None:
    """As in the PDF: the edition's notice in a box, the cover's closing line at the foot
    of the page (it followed the notice, as if the cover were unfinished)."""
    paths = documents[(example, edition)]
    document = docx_document(paths["docx"])
    notice = next(p for p in document.paragraphs if re.match(r"Édition \w+\s: ", p.text))
    assert notice.style is not None and "w:pBdr" in notice.style.element.xml
    done = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(paths["libreoffice"]), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', done.stdout)[1])
    [closing] = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>établi</word>', done.stdout)
    assert float(closing) > 0.6 * height


@pytest.mark.parametrize(("example", "edition"), CASES)
def test_no_line_starts_with_a_colon_or_ends_on_an_opening_guillemet(
    documents: dict, example: str, edition: str
) -> None:
    """French spacing: « Exercice sur table « » at a line's end, « : 06 39 98 10 06 » at the
    start of the next (15 lines in the complete example): the DOCX had plain spaces there."""
    bad = [
        line
        for page in pages(documents[(example, edition)]["libreoffice"])
        for line in page.splitlines()
        if re.search(r"«$", line.rstrip()) or re.match(r"\s*[:;»!?](\s|$)", line)
    ]
    assert bad == []


def test_the_exercises_facts_stay_whole_in_libreoffice(documents: dict) -> None:
    """The exercises table in four columns (tests/test_render_wide_tables.py): laid out by
    LibreOffice, each fact of the « Type » column (« typologies T4, T1 », « 19
    participants ») stays on one line (no-break spaces), the titles have room."""
    texts = pages(documents[("complet", "interne")]["libreoffice"], "-layout")
    [page] = [text for text in texts if re.search(r"(?m)^\s*5\.1 Exercices\s*$", text)]
    assert re.search(r"Exercice\s+Date ou période\s+Type\s+Partenaires", page), page[:800]
    for fact in ("19 participants", "typologies T4, T1", "38 participants"):
        assert fact in page, fact


@pytest.mark.parametrize("layout", ["libreoffice", "typst"])
def test_the_grids_sources_stay_whole_and_its_references_short(
    documents: dict, layout: str
) -> None:
    """The conformity grid's column widths (templates/annexes.md.j2): each source
    (« indicateur CNAM », « guide régional », no-break spaces) stays on one line, in Word's
    layout as in the PDF; « Où dans le plan » (a section title and its page) is wide enough
    that the grid fits on three pages, as it did before its references grew longer."""
    texts = pages(documents[("complet", "interne")][layout], "-layout")
    grid = [text for text in texts if "Où dans le plan" in text]
    assert 1 <= len(grid) <= 3, len(grid)
    shown = "\n".join(grid)
    for source in ("indicateur CNAM", "guide régional"):  # split, neither would be found
        assert source in shown, source
