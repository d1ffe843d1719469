"""How the corpus tests read a document back, independently of the importer: python-docx
for every paragraph of the body, of table cells and of text boxes."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


def docx_paragraphs(path: Path) -> list[str]:
    """Every non-empty paragraph text of the main part, in document order; a text box saved
    twice (DrawingML and its VML fallback) counts once."""
    document = Document(str(path))
    texts: list[str] = []
    seen_boxes: set[str] = set()
    for element in document.element.body.iter(qn("w:p")):
        text = Paragraph(element, document.part).text
        if not text.strip():
            continue
        in_box = any(parent.tag == qn("w:txbxContent") for parent in element.iterancestors())
        if in_box:
            if text in seen_boxes:
                continue
            seen_boxes.add(text)
        texts.append(text)
    return texts


def docx_furniture(path: Path) -> list[str]:
    """Header and footer texts of every section."""
    document = Document(str(path))
    texts = []
    for section in document.sections:
        for part in (section.header, section.footer):
            texts += [p.text for p in part.paragraphs if p.text.strip()]
    return texts
