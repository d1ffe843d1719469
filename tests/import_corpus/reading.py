"""How the corpus tests read a document back, independently of the importer: python-docx
for every paragraph of the body, of table cells and of text boxes; the standard library's
XML parser for an ODT's content.xml (documents the corpus made itself)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

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
        if _REVIEWED & {node.tag for node in element.iter()}:
            text = _accepted(element)
        else:
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


_REVIEWED = {qn("w:ins"), qn("w:del")}


def _accepted(paragraph: Any) -> str:
    """A paragraph with tracked changes as it reads once they are accepted (python-docx
    leaves out the runs inside `w:ins`): inserted text kept, deleted text (`w:delText`)
    not, as Word shows it after « Accepter toutes les modifications »."""
    parts = []
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        if any(parent.tag == qn("w:del") for parent in node.iterancestors()):
            continue
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == qn("w:tab") else "\n")
    return "".join(parts)


def docx_furniture(path: Path) -> list[str]:
    """Header and footer texts of every section."""
    document = Document(str(path))
    texts = []
    for section in document.sections:
        for part in (section.header, section.footer):
            texts += [p.text for p in part.paragraphs if p.text.strip()]
    return texts


TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_PARAGRAPHS = {f"{{{TEXT_NS}}}p", f"{{{TEXT_NS}}}h"}


def odt_paragraphs(path: Path) -> list[str]:
    """Every non-empty paragraph and heading of an ODT's content.xml, in document order, read
    with the standard library (spaces `text:s`, tabs and line breaks as LibreOffice writes
    them)."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    return [
        text for element in root.iter() if element.tag in _PARAGRAPHS
        if (text := _odt_text(element)).strip()
    ]  # fmt: skip


def _odt_text(element: ElementTree.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.removeprefix(f"{{{TEXT_NS}}}")
        if tag == "s":
            parts.append(" " * int(child.get(f"{{{TEXT_NS}}}c", "1")))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        elif child.tag not in _PARAGRAPHS and not child.tag.endswith("}frame"):
            parts.append(_odt_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def paragraphs(path: Path) -> list[str]:
    """The paragraphs of a DOCX or an ODT."""
    return odt_paragraphs(path) if path.suffix == ".odt" else docx_paragraphs(path)
