"""Reading rendered documents back as text, for the rendering tests (no test here)."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import pytest

from cptsplan.files import pandoc

from .text_cache import cached_pages

REFERENCE_DATE = "2026-11-01"
"""Rules on time (yearly update...) are checked against this date: the tests do not age."""


def docx_document(path: Path) -> docx.document.Document:
    return docx.Document(str(path))


def docx_texts(path: Path, keep_no_break_spaces: bool = False) -> list[str]:
    """Body paragraphs, every table cell, and every header and footer of every section."""
    document = docx_document(path)
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            texts.extend(paragraph.text for paragraph in part.paragraphs)
    if keep_no_break_spaces:
        return texts
    # Dates and phone numbers hold no-break spaces (render/tables.py): read as spaces.
    return [text.replace("\u00a0", " ") for text in texts]


def docx_xml(path: Path) -> str:
    """Every XML part of the package (body, headers, footers, properties)."""
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )


def pdf_pages(path: Path) -> list[str]:
    """Text of each page, no-break spaces read as spaces."""
    return [text.replace("\u00a0", " ") for text in extracted_pages(path.read_bytes())]


def extracted_pages(pdf: bytes) -> list[str]:
    """Text of each page of `pdf` as poppler's pdftotext gives it: what copying the page from
    a PDF viewer gives, a word split after a hyphen at a line's end joined again. It reads
    the complete example's 57 pages in 0.3 s where pypdf took 6 s, which made pypdf the
    suite's largest cost after the engines (2026-12-08); the texts are also kept by the
    PDF's content for the session (text_cache.py). `make test` installs poppler-utils."""
    return cached_pages(pdf, lambda: _poppler_pages(pdf), "poppler")


def _poppler_pages(pdf: bytes) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.fail(
            "pdftotext est introuvable : `make test` l'installe (paquet Debian poppler-utils)",
            pytrace=False,
        )
    done = subprocess.run(
        ["pdftotext", "-q", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8").split("\f")[:-1]  # each page ends with a form feed


def pypdf_pages(path: Path) -> list[str]:
    """Text of each page as pypdf extracts it, no-break spaces read as spaces: the lines as
    the PDF lays them out, a word split after a hyphen left split (`pdf_pages` joins it)."""
    pdf = path.read_bytes()
    pages = cached_pages(
        pdf, lambda: [page.extract_text() or "" for page in _reader(pdf).pages], "pypdf"
    )
    return [text.replace("\u00a0", " ") for text in pages]


def _reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def unbreak(text: str) -> str:
    """Undo line breaking: soft hyphens, hyphens that split a word, line ends."""
    text = text.replace("\xad\n", "").replace("\xad", "")
    text = re.sub(r"(?<=[a-zà-ÿ])-\n(?=[a-zà-ÿ])", "", text)
    return " ".join(text.split())


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text_and_tags(path: Path) -> tuple[str, list[tuple[str, dict[str, str | None]]]]:
    parser = _TextExtractor()
    parser.feed(path.read_text(encoding="utf-8"))
    return html.unescape(" ".join(parser.parts)), parser.tags


def markdown_visible_text(path: Path) -> str:
    """What a Markdown (GFM) reader shows of the file, through the bundled pandoc."""
    completed = subprocess.run(
        [str(pandoc.pandoc_binary()), "--sandbox", "-f", "gfm", "-t", "plain", "--wrap=none"],
        input=path.read_bytes(),
        capture_output=True,
        check=True,
    )
    return completed.stdout.decode("utf-8")


def normalized(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())
