"""The PDF as a coordinator sends it, read back with the position of every word (pdftotext
-bbox): nothing printed past the margins, no text over other text (table headers included),
no e-mail, MSSanté address or phone number cut with an added hyphen, French apostrophes,
and the edition in the document's title. Both examples, both editions."""

from __future__ import annotations

import html
import itertools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
import pypdf
import pytest
import yaml

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, run_cli
from .test_render_support import REFERENCE_DATE

EXAMPLES = {"complet": COMPLETE_EXAMPLE, "minimal": MINIMAL_EXAMPLE}
EDITIONS = ("interne", "diffusable")
CASES = [(name, edition) for name in EXAMPLES for edition in EDITIONS]
MARGIN = 2.2 / 2.54 * 72
"""Left and right margins of plan-sse.typ (2.2 cm), in PDF points."""
TOLERANCE = 3.0
"""Typst lets a hyphen or a comma hang slightly into the margin (optical margin), under 3 pt."""


@pytest.fixture(autouse=True)
def _pdftotext_installed() -> None:
    """`make test` installs poppler-utils: without pdftotext these tests fail, never skip."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext est nécessaire : lancez « make test » (il installe poppler-utils)")


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("mise-en-page")
    found = {}
    for name, edition in CASES:
        out = folder / f"{name}-{edition}.pdf"
        result = run_cli(
            "render", EXAMPLES[name], "-f", "pdf", "--edition", edition, "-o", out,
            "--date", REFERENCE_DATE,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        found[name, edition] = out
    return found


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def words(path: Path) -> tuple[float, list[Word]]:
    output = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found, width = [], 0.0
    for number, page in enumerate(_PAGE.finditer(output), start=1):
        width = float(page.group(1))
        for match in _WORD.finditer(page.group(3)):
            x0, y0, x1, y1 = (float(value) for value in match.groups()[:4])
            found.append(Word(number, x0, y0, x1, y1, html.unescape(match.group(5))))
    return width, found


def plain_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize(("name", "edition"), CASES)
def test_no_word_is_printed_past_the_margins(
    pdfs: dict[tuple[str, str], Path], name: str, edition: str
) -> None:
    width, found = words(pdfs[name, edition])
    outside = [
        (word.page, word.text)
        for word in found
        if word.x0 < MARGIN - TOLERANCE or word.x1 > width - MARGIN + TOLERANCE
    ]
    assert outside == []


@pytest.mark.parametrize(("name", "edition"), CASES)
def test_no_text_is_printed_over_other_text(
    pdfs: dict[tuple[str, str], Path], name: str, edition: str
) -> None:
    # Table headers that ran into each other ("Typologies"/"Partenaires") or into the next
    # cell, e-mails printed over the « Vérifié le » date: two word boxes that overlap.
    _, found = words(pdfs[name, edition])
    overlapping = []
    pages: dict[int, list[Word]] = {}
    for word in found:
        pages.setdefault(word.page, []).append(word)
    shrink = 0.4  # glyph boxes of neighbouring letters may touch
    for page_words in pages.values():
        page_words.sort(key=lambda word: word.y0)
        for index, word in enumerate(page_words):
            for other in page_words[index + 1 :]:
                if other.y0 >= word.y1 - shrink:
                    break
                if min(word.x1, other.x1) - max(word.x0, other.x0) > shrink:
                    overlapping.append((word.page, word.text, other.text))
    assert overlapping == []


def _directory(name: str) -> tuple[list[str], list[str]]:
    """E-mail addresses and phone numbers (national digits) of the example's files."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in EXAMPLES[name].glob("*.yaml"))
    mails, phones = set(), set()

    def collect(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str) and "@" in item and " " not in item.strip():
                    mails.add(item.strip())
                elif isinstance(item, str) and key == "numero":
                    try:
                        number = phonenumbers.parse(item, "FR")
                    except phonenumbers.NumberParseException:
                        continue
                    phones.add(str(number.national_number))
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for document in yaml.safe_load_all(text.replace("\n---\n", "\n")):
        collect(document)
    return sorted(mails), sorted(phones)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_e_mails_and_phones_are_never_cut_with_a_hyphen(
    pdfs: dict[tuple[str, str], Path], name: str
) -> None:
    text = plain_text(pdfs[name, "interne"])
    squeezed = "".join(text.split())
    mails, phones = _directory(name)
    assert mails and phones
    # A line may end after « @ », « . » or « / » (nothing added): joined, the address is whole.
    assert [mail for mail in mails if mail not in squeezed] == []
    digits = re.sub(r"[\s\u00a0\u202f.]", "", text)
    assert [phone for phone in phones if phone not in digits] == []
    for edition in EDITIONS:
        lines = plain_text(pdfs[name, edition]).split("\n")
        cut = [
            (line, following)
            for line, following in itertools.pairwise(lines)
            if line.endswith(("-", "\xad"))
            and re.search(r"[@\d/]", line.split()[-1] + "".join(following.split()[:1]))
        ]
        assert cut == [], edition


@pytest.mark.parametrize(("name", "edition"), CASES)
def test_french_apostrophes_and_the_edition_in_the_title(
    pdfs: dict[tuple[str, str], Path], name: str, edition: str
) -> None:
    reader = pypdf.PdfReader(str(pdfs[name, edition]))
    assert reader.metadata is not None
    assert f"édition {edition}" in str(reader.metadata.title)
    text = plain_text(pdfs[name, edition])
    assert "\u2019" in text
    assert "'" not in text  # the DOCX has typographic apostrophes: the PDF too
    pages = text.split("\f")
    header = f"Édition {edition}"
    assert all(header in page for page in pages[1:] if page.strip())
