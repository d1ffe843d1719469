"""The documents stay the same through every speed-up (issue 20): the Markdown and the Typst
source of the examples are compared with goldens written before the optimisations, and the
DOCX's XML and the PDF's text with what the goldens give through the same converters.

Rewrite the goldens only for a change meant to alter the documents:
`python -m tests.test_render_goldens` (then review the diff of tests/golden/rendu/).
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from cptsplan import api
from cptsplan.files import pandoc
from cptsplan.render.document import convert, layout_values, plan_markdown, running_texts
from cptsplan.render.figures import load_figures, with_sources
from cptsplan.render.pdf import typst_source
from cptsplan.render.resources import template_dirs
from tests.conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE
from tests.test_render_support import extracted_pages

GOLDEN = Path(__file__).resolve().parent / "golden" / "rendu"
TODAY = date(2026, 11, 23)
CASES = {
    "val-de-lys-interne": (COMPLETE_EXAMPLE, "interne"),
    "val-de-lys-diffusable": (COMPLETE_EXAMPLE, "diffusable"),
    "minimale-diffusable": (MINIMAL_EXAMPLE, "diffusable"),
}


def outputs(example: Path, edition: str) -> tuple[str, str]:
    """The Markdown of the document and the Typst source of its PDF."""
    report = api.load_checked_plan(example, today=TODAY)
    assert report.plan is not None
    dirs = template_dirs(example, None)
    figures = load_figures(report.plan)
    markdown = plan_markdown(report.plan, edition, False, dirs, report.grid, figures)
    texts = running_texts(report.plan, edition, False)
    values = layout_values(texts, False)
    layout = dirs.get("plan-sse.typ")
    source = typst_source(
        with_sources(markdown, figures, "pdf"), layout.text(), values, str(layout.path)
    )
    return markdown, source


@pytest.mark.parametrize("case", sorted(CASES))
def test_markdown_and_typst_source_are_unchanged(case: str) -> None:
    markdown, source = outputs(*CASES[case])
    assert markdown == (GOLDEN / f"{case}.md").read_text(encoding="utf-8")
    assert source == (GOLDEN / f"{case}.typ").read_text(encoding="utf-8")


def _document_xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml")


def test_docx_xml_and_pdf_text_are_those_of_the_goldens() -> None:
    """The whole render of the complete example gives the DOCX and the PDF that the golden
    Markdown gives through the same converters (pandoc, Typst)."""
    example, edition = CASES["val-de-lys-interne"]
    report = api.load_checked_plan(example, today=TODAY)
    assert report.plan is not None
    dirs = template_dirs(example, None)
    figures = load_figures(report.plan)
    texts = running_texts(report.plan, edition, False)
    golden = (GOLDEN / "val-de-lys-interne.md").read_text(encoding="utf-8")
    markdown, _ = outputs(example, edition)
    for fmt in ("docx", "pdf"):
        made = [
            convert(text, fmt, dirs, texts, "titre", False, 0, figures)
            for text in (markdown, golden)
        ]
        if fmt == "docx":
            assert _document_xml(made[0]) == _document_xml(made[1])
        else:
            pages = [extracted_pages(pdf) for pdf in made]  # one reading if the bytes agree
            assert pages[0] == pages[1]
    assert pandoc.pandoc_binary().is_file()


def write_goldens() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for case, (example, edition) in CASES.items():
        markdown, source = outputs(example, edition)
        (GOLDEN / f"{case}.md").write_text(markdown, encoding="utf-8")
        (GOLDEN / f"{case}.typ").write_text(source, encoding="utf-8")


if __name__ == "__main__":
    write_goldens()
    sys.exit(0)
