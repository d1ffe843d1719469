"""The complete example's PDF read back word by word (pdftotext -bbox), for what a reader
notices on the page (issue 17 §4): no name cut by an added hyphen, no heading or « … : »
label as the last line of a page, one set of column widths for the whole directory, the
history's dates in a column no wider than they are, the glossary's last rows not alone,
fiche réflexe 1 on its own page; and the DOCX's matching promises."""

from __future__ import annotations

import re
import subprocess
from itertools import pairwise
from pathlib import Path

import docx
import pypdf
import pytest
import yaml
from lxml.etree import XPath

from .conftest import COMPLETE_EXAMPLE, run_cli
from .test_render_support import REFERENCE_DATE
from .test_typst_layout import Word, words

EDITIONS = ("interne", "diffusable")
BOTTOM = 841.89 - 2.4 / 2.54 * 72
"""Bottom of the text area of plan-sse.typ (A4, 2.4 cm margin), in PDF points."""
TOP = 2.6 / 2.54 * 72
"""Top of the text area (2.6 cm margin): the running header is above."""
SOFT_HYPHEN = "\xad"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    found = {}
    for edition in EDITIONS:
        out = folder / f"plan-{edition}"
        result = run_cli(
            "render", COMPLETE_EXAMPLE, "-f", "pdf,docx", "--edition", edition, "-o", out,
            "--date", REFERENCE_DATE,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        found[edition] = out
    return found


def lines_of(pdf: Path) -> list[tuple[int, float, list[Word]]]:
    """(page, y, words) for every printed line of the text area, in reading order (columns
    of a table row are one line)."""
    _, found = words(pdf)
    rows: dict[tuple[int, float], list[Word]] = {}
    for word in found:
        if word.y1 > BOTTOM + 2 or word.y1 < TOP:  # the running footer and header
            continue
        rows.setdefault((word.page, round(word.y0 / 2) * 2), []).append(word)
    return [
        (page, y, sorted(line, key=lambda word: word.x0))
        for (page, y), line in sorted(rows.items())
    ]


def plan_data() -> dict:
    data: dict = {}
    for path in COMPLETE_EXAMPLE.glob("*.yaml"):
        data.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return data


def names() -> tuple[set[str], list[str]]:
    """Words of the people's names; whole names of the organisations."""
    people, organisations = set(), []
    for entry in plan_data()["annuaire"]:
        if entry.get("type") == "personne":
            for key in ("prenom", "nom"):
                people.update(re.findall(r"[^\W\d_]{4,}", str(entry.get(key) or "")))
        elif " " in str(entry.get("nom", "")):
            organisations.append(" ".join(entry["nom"].replace("'", "’").split()))
    return people, organisations


def _run(line: list[Word], start: int, step: int) -> list[Word]:
    """The words of one table cell or sentence around `line[start]`: neighbours closer than
    a column gap."""
    run = [line[start]]
    index = start + step
    while 0 <= index < len(line):
        a, b = (run[-1], line[index]) if step > 0 else (line[index], run[-1])
        if b.x0 - a.x1 > 6:
            break
        run.append(line[index])
        index += step
    return run if step > 0 else run[::-1]


def hyphenated(pdf: Path) -> list[tuple[int, str, str, int]]:
    """Every word a line ends by cutting with an added hyphen (pdftotext shows it as a soft
    hyphen): (page, the word joined, the text of its cell around the cut, where the word
    starts in that text)."""
    lines = lines_of(pdf)
    cuts = []
    for (page, _, line), (next_page, _, following) in pairwise(lines):
        for index, word in enumerate(line):
            if not word.text.endswith(SOFT_HYPHEN) or next_page != page:
                continue
            if index + 1 < len(line) and line[index + 1].x0 - word.x1 < 6:
                continue  # not the end of its line in this cell
            before = _run(line, index, -1)
            left = before[0].x0
            starts = [i for i, w in enumerate(following) if abs(w.x0 - left) < 3]
            after = _run(following, starts[0], 1) if starts else []
            if not after:
                continue
            joined = word.text.rstrip(SOFT_HYPHEN) + after[0].text
            start = len(" ".join(w.text for w in before[:-1])) + (len(before) > 1)
            text = " ".join([*(w.text for w in before[:-1]), joined, *(w.text for w in after[1:])])
            cuts.append((page, joined, text, start))
    return cuts


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_name_is_cut_with_a_hyphen(rendered: dict[str, Path], edition: str) -> None:
    people, organisations = names()
    cuts = hyphenated(rendered[edition].with_suffix(".pdf"))
    assert cuts, "the document hyphenates ordinary words (the test would see nothing)"
    bad = []
    for page, joined, text, start in cuts:
        word = joined.strip(".,;:()«»")
        if word in people:
            bad.append((page, word))
        for name in organisations:  # the cut word inside an occurrence of the whole name
            for found in re.finditer(re.escape(name), text):
                if found.start() <= start < found.end():
                    bad.append((page, name))
    assert bad == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_round_the_clock_and_the_grid_source_stay_whole(
    rendered: dict[str, Path], edition: str
) -> None:
    pages = lines_of(rendered[edition].with_suffix(".pdf"))
    lines = [(page, " ".join(w.text for w in line)) for page, _, line in pages]
    assert not [line for _, line in lines if re.search(r"\b24 h/?$", line)]
    [grid] = [
        page for page, line in lines
        if line.startswith("Annexe") and "grille" in line and ". . ." not in line
    ]  # fmt: skip
    source = [w for page, _, line in pages if page >= grid for w in line if "régio" in w.text]
    assert source and not [w.text for w in source if w.text.endswith(SOFT_HYPHEN)]


def headings(pdf: Path) -> list[str]:
    reader = pypdf.PdfReader(str(pdf))
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(" ".join(str(item.title).split()))

    walk(reader.outline)
    return titles


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_heading_or_label_is_the_last_line_of_a_page(
    rendered: dict[str, Path], edition: str
) -> None:
    pdf = rendered[edition].with_suffix(".pdf")
    titles = [title for title in headings(pdf) if len(title) > 3]
    assert len(titles) > 30
    last: dict[int, str] = {}
    for page, _, line in lines_of(pdf):
        text = " ".join(" ".join(word.text for word in line).split())
        if ". . ." not in text:  # not the table of contents
            last[page] = text
    stranded = [
        (page, text)
        for page, text in last.items()
        if any(title.startswith(text) or text.startswith(title) for title in titles)
        or re.fullmatch(r"[A-ZÉ][^.;:]{0,60} :", text)
    ]
    assert stranded == []


def header_columns(pdf: Path, first: str, last: str) -> list[tuple[int, tuple[float, ...]]]:
    """For every table header line that starts with `first` and ends with `last`: the page and
    the left edge of each of its header words that start a column."""
    found = []
    for page, _, line in lines_of(pdf):
        texts = [word.text for word in line]
        if texts and texts[0] == first and last in texts:
            found.append((page, tuple(round(word.x0, 1) for word in line)))
    return found


@pytest.mark.parametrize(
    ("edition", "columns"),
    [("interne", ("Nom", "Vérifié")), ("diffusable", ("Nom", "Vérifié"))],
)
def test_every_directory_table_has_the_same_columns(
    rendered: dict[str, Path], edition: str, columns: tuple[str, str]
) -> None:
    pdf = rendered[edition].with_suffix(".pdf")
    found = header_columns(pdf, *columns)
    assert len(found) >= 8  # one per family of actors, and repeated on each page
    assert len({edges for _, edges in found}) == 1, found


def test_the_history_date_column_is_no_wider_than_its_dates(rendered: dict[str, Path]) -> None:
    pdf = rendered["interne"].with_suffix(".pdf")
    lines = lines_of(pdf)
    [(page, y, header)] = [
        (page, y, line) for page, y, line in lines
        if [w.text for w in line][:3] == ["Version", "Date", "Changements"]
    ]  # fmt: skip
    date_left = header[1].x0
    next_left = header[2].x0
    dates = [
        max(word.x1 for word in line if date_left - 1 <= word.x0 < next_left - 1)
        for p, row_y, line in lines
        if p == page
        and row_y > y
        and any(re.fullmatch(r"20\d\d", w.text) for w in line)
        and any(date_left - 1 <= w.x0 < next_left - 1 for w in line)
    ]
    assert dates
    assert next_left - max(dates) < 20  # the cell's margins, not a third of a date


def test_fiche_1_starts_its_own_page_and_the_glossary_ends_with_enough_rows(
    rendered: dict[str, Path],
) -> None:
    pdf = rendered["interne"].with_suffix(".pdf")
    lines = lines_of(pdf)
    first: dict[int, str] = {}
    for page, _, line in lines:
        first.setdefault(page, " ".join(word.text for word in line))
    assert any(text.startswith("Fiche réflexe 1 :") for text in first.values())
    glossary = [
        page for page, text in first.items()
        if text.startswith("Annexe") and "glossaire" in text and ". . ." not in text
    ]  # fmt: skip
    [start] = glossary
    pages = [page for page in first if page >= start]
    if len(pages) > 1:
        rows = [line for page, _, line in lines if page == pages[-1]]
        assert len(rows) >= 6  # the repeated header and at least five rows


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_docx_keeps_labels_with_what_follows_and_space_after_tables(
    rendered: dict[str, Path], edition: str
) -> None:
    document = docx.Document(str(rendered[edition].with_suffix(".docx")))
    settings = document.settings.element.xml
    assert "autoHyphenation" not in settings  # Word never hyphenates, names included
    style = document.styles["Intertitre"]
    assert style.paragraph_format.keep_with_next
    labels = [
        p for p in document.paragraphs if p.style is not None and p.style.name == "Intertitre"
    ]
    assert any(p.text.startswith("Enseignements") for p in labels)
    body = list(document.element.body)
    tables = [index for index, element in enumerate(body) if element.tag.endswith("}tbl")]
    assert tables
    after = [
        next(e for e in body[index + 1 :] if not e.tag.endswith(("}bookmarkStart", "}bookmarkEnd")))
        for index in tables
    ]
    # An empty paragraph of a few points after every table: the next text does not touch it.
    # Not before a chapter, whose heading starts a new page (test_render_reviewed.py: the
    # empty paragraph made a blank page when the table ended at the foot of one).
    heading = XPath("./w:pPr/w:pStyle[@w:val='Heading1']", namespaces=docx.oxml.ns.nsmap)
    chapter = [element for element in after if heading(element)]
    assert chapter
    assert all(
        element.tag.endswith("}p") and not "".join(element.itertext())
        for element in after
        if element not in chapter
    )


def test_a_search_in_the_pdf_finds_dates_and_round_the_clock_as_typed(
    rendered: dict[str, Path],
) -> None:
    """What a PDF viewer's search reads (poppler's text, as Evince and Okular use): « 24 h/24 »
    and a short date « 15/09/2026 » written as one word, not « 24 h/ 24 » nor « 15/ 09/ 2026 »
    (the invisible word joiner that keeps them on one line must not reach the PDF's text)."""
    pdf = rendered["interne"].with_suffix(".pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"24\s?h/24", text)
    assert re.search(r"\b\d{2}/\d{2}/20\d{2}\b", text)
    body = text.split("Sommaire", 1)[-1]  # Typst fills the table of contents with joiners
    assert not re.search(r"\d\s*/\u2060|/\s+\d{2}/\s*\d{4}", body)
