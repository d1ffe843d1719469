"""A plan whose every free-text field is an injection attempt renders in every format, and
each attempt comes out as the same visible text, with no effect: no template evaluated, no
raw block, no file of the machine read, no HTML element, no change of page layout."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypdf
import pytest

from .conftest import FIXTURES, run_cli
from .test_render_support import (
    REFERENCE_DATE,
    docx_texts,
    docx_xml,
    html_text_and_tags,
    markdown_visible_text,
    normalized,
    pdf_pages,
    unbreak,
)

HOSTILE_PLAN = FIXTURES / "render" / "plan-hostile.yaml"
FORMATS = ("docx", "pdf", "html", "md")

# Attempts as they must be read in the documents (see generer_plan_hostile.py).
VISIBLE = [
    "{{ 7*7 }}",
    "{% raw %}",
    "![](/etc/passwd)",
    "[x](file:///etc/hostname)",
    "`raw`{=typst}",
    "<script>alert(1)</script>",
    "\\begin{document}",
    '#set page(paper: "a5")',
    "| a | b |",
    "# Titre",
    "<!-- -->",
    "`<w:p/>`{=openxml}",
    "$x^2$ @cite [^1] :::",
    "```{=openxml} <w:p><w:r><w:t>XML-INJECTE</w:t></w:r></w:p> ```",
    "```{=typst} #set page(fill: red) ```",
    "::: {.saut-de-page} :::",
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    args = [arg for fmt in FORMATS for arg in ("-f", fmt)]
    result = run_cli("render", HOSTILE_PLAN, *args, "-o", folder / "plan", "--date", REFERENCE_DATE)
    assert result.exit_code == 0, result.stderr
    return {fmt: folder / f"plan.{fmt}" for fmt in FORMATS}


@pytest.fixture(scope="module")
def visible_texts(hostile: dict[str, Path]) -> dict[str, str]:
    html_text, _ = html_text_and_tags(hostile["html"])
    return {
        "docx": normalized(" ".join(docx_texts(hostile["docx"]))),
        "pdf": normalized(unbreak("\n".join(pdf_pages(hostile["pdf"])))),
        "html": normalized(html_text),
        "md": normalized(markdown_visible_text(hostile["md"])),
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_attempts_are_shown_as_text(visible_texts: dict[str, str], fmt: str) -> None:
    text = visible_texts[fmt]
    missing = [attempt for attempt in VISIBLE if normalized(attempt) not in text]
    if fmt == "pdf":
        # Narrow table cells may break a long attempt over lines: compare without spaces.
        squeezed = text.replace(" ", "")
        missing = [a for a in missing if normalized(a).replace(" ", "") not in squeezed]
    assert missing == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_template_expression_is_evaluated(visible_texts: dict[str, str], fmt: str) -> None:
    assert "49" not in visible_texts[fmt]


def machine_secrets() -> list[str]:
    secrets = []
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        secrets.extend(line for line in passwd.read_text().splitlines()[:3] if line)
    hostname = Path("/etc/hostname")
    if hostname.is_file() and len(hostname.read_text().strip()) >= 6:
        secrets.append(hostname.read_text().strip())
    return secrets


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_file_of_the_machine_is_read(
    hostile: dict[str, Path], visible_texts: dict[str, str], fmt: str
) -> None:
    raw = (
        docx_xml(hostile["docx"]) if fmt == "docx" else hostile[fmt].read_bytes().decode("latin-1")
    )
    for secret in machine_secrets():
        assert secret not in visible_texts[fmt]
        assert secret not in raw


def test_docx_has_no_raw_xml_image_or_link(hostile: dict[str, Path]) -> None:
    with zipfile.ZipFile(hostile["docx"]) as archive:
        names = archive.namelist()
        body = archive.read("word/document.xml").decode("utf-8")
        relations = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    assert not [name for name in names if name.startswith("word/media/")]
    assert "<w:t>XML-INJECTE</w:t>" not in body
    assert "&lt;w:t&gt;XML-INJECTE" in body
    assert "file:" not in relations and "/etc/" not in relations


def test_html_has_no_injected_element(hostile: dict[str, Path]) -> None:
    _, tags = html_text_and_tags(hostile["html"])
    names = {tag for tag, _ in tags}
    assert "script" not in names and "img" not in names and "iframe" not in names
    links = [attrs.get("href") or "" for tag, attrs in tags if tag == "a"]
    assert all(link.startswith("#") for link in links)


def test_pdf_layout_is_not_changed(hostile: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(str(hostile["pdf"]))
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    assert sizes == {(595, 842)}  # A4 everywhere: neither "a5" nor a page fill was applied


def test_markdown_output_has_no_raw_html(hostile: dict[str, Path]) -> None:
    text = hostile["md"].read_text(encoding="utf-8")
    assert "<script>" not in text
    assert "<w:p>" not in text
