"""The running headers and footers of a Word or LibreOffice plan, which pandoc does not read.

They often say what the body does not repeat: « Document confidentiel – diffusion restreinte »,
« Version 3 – mise à jour janvier 2025 », the CPTS's name on a plan whose cover is an image.
Each distinct line is kept once in the imported text (section « En-têtes et pieds de page du
document »), unless the plan already holds it word for word; page numbers are left out.

The parts are read after importer/safety.py has checked the whole archive (no DTD nor entity
declaration, bounded sizes), so the standard XML parser cannot be made to expand anything.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from cptsplan.importer.draft import Draft
from cptsplan.importer.read import clean
from cptsplan.importer.xmlparts import STYLE as _STYLE
from cptsplan.importer.xmlparts import TEXT as _TEXT
from cptsplan.importer.xmlparts import W as _WORD
from cptsplan.importer.xmlparts import parse_part

MAX_PART_BYTES = 1024 * 1024
"""A header or footer part larger than this (an embedded picture as XML) is not read."""
SECTION = "En-têtes et pieds de page du document"

_DOCX_PART = re.compile(r"^word/(header|footer)\d*\.xml$")
_ODT_MARGINS = {f"{_STYLE}{name}" for name in (
    "header", "footer", "header-left", "footer-left", "header-first", "footer-first"
)}  # fmt: skip
_PAGE_NUMBER = re.compile(r"^(?:page\b|sur\b|of\b|/|\d+|\s)+$", re.IGNORECASE)
_PAGE_IN_LINE = re.compile(
    r"\s*[-–|·]?\s*\bpage\s*(?:\d+|(?=sur\b|/))(?:\s*(?:sur|/|of)\s*\d*)?", re.IGNORECASE
)
"""« Page 3 sur 12 » after other words (the number of the page Word saved the part on), or
« Page sur » once LibreOffice's page fields are left out."""


def margin_lines(path: Path, kind: str) -> list[str]:
    """Each distinct line of the document's headers and footers, in order, page numbers
    aside; none when the parts cannot be read (the body was: nothing to refuse for that)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if kind == "docx":
                parts = [n for n in archive.namelist() if _DOCX_PART.match(n)]
                texts = [t for n in sorted(parts) for t in _docx_lines(_part(archive, n))]
            else:
                texts = _odt_lines(_part(archive, "styles.xml"))
    except (OSError, zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return []
    lines = [_PAGE_IN_LINE.sub("", clean(text)).strip() for text in texts]
    return list(dict.fromkeys(line for line in lines if line and not _PAGE_NUMBER.match(line)))


def keep_margins(draft: Draft, lines: list[str]) -> None:
    """Add the lines the plan does not already hold to the imported text."""
    from cptsplan.importer.placing import squeeze, strings

    if not lines:
        return
    # The values squeezed one by one (each once, cached) rather than their joined text:
    # the same letters and digits, as squeezing drops the spaces between them.
    held = "".join(squeeze(value) for value in strings(draft.data))
    kept = [line for line in lines if squeeze(line) not in held]
    if not kept:
        return
    groups: list[dict[str, Any]] = draft.data.setdefault("texte_importe", [])
    draft.origins[("texte_importe", len(groups))] = "repris des en-têtes et pieds de page"
    groups.append({"partie": "document", "section": SECTION, "texte": "\n".join(kept)})
    draft.found.setdefault("texte_importe", []).append("les en-têtes et pieds de page")


def _part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    root = parse_part(archive, name, MAX_PART_BYTES)
    if root is None:  # too big, missing or damaged: the margins are left unread
        raise KeyError(name)
    return root


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_VML_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"
_DOCX_NOT_TEXT = {_MC_FALLBACK, f"{_WORD}del", f"{_WORD}moveFrom", f"{_WORD}instrText"}
"""Not read in a Word header: the VML copy Word keeps of each drawing (its text is the
drawing's, read once), tracked deletions and moves away, field instructions."""
_ODT_NOT_TEXT = {
    f"{_TEXT}tracked-changes", "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation",
    f"{_TEXT}page-number", f"{_TEXT}page-count",
}  # fmt: skip
"""Not read in a LibreOffice header: the deleted text an ODT stores at the start of the
header it was deleted from, comments, page fields."""
_DRAWING = "{urn:oasis:names:tc:opendocument:xmlns:drawing"


def _docx_lines(root: ElementTree.Element) -> list[str]:
    lines: list[str] = []
    _docx_walk(root, lines)
    return lines


def _docx_walk(node: ElementTree.Element, lines: list[str]) -> None:
    for child in node:
        if child.tag in _DOCX_NOT_TEXT:
            continue
        if child.tag == f"{_WORD}p":
            boxes: list[str] = []
            lines.append(_docx_text(child, boxes))
            lines += boxes
        else:
            _docx_walk(child, lines)


def _docx_text(node: ElementTree.Element, boxes: list[str]) -> str:
    """A paragraph's own text; the paragraphs of a text box anchored in it go to `boxes`
    (each its own line, as it shows), and so does the text of a watermark or an old WordArt
    (« CONFIDENTIEL » across the page: VML text on a path, an attribute)."""
    pieces = []
    for child in node:
        tag = child.tag
        if tag in _DOCX_NOT_TEXT:
            continue
        if tag == f"{_WORD}t":
            pieces.append(child.text or "")
        elif tag in (f"{_WORD}tab", f"{_WORD}ptab", f"{_WORD}br", f"{_WORD}cr"):
            pieces.append(" ")  # ptab: the tab of Word's own header designs (three columns)
        elif tag == f"{_WORD}txbxContent":
            _docx_walk(child, boxes)
        elif tag == _VML_TEXTPATH:
            boxes.append(child.get("string") or "")
        else:
            pieces.append(_docx_text(child, boxes))
    return "".join(pieces)


def _odt_lines(root: ElementTree.Element) -> list[str]:
    lines: list[str] = []
    for margin in (node for node in root.iter() if node.tag in _ODT_MARGINS):
        _odt_walk(margin, lines)
    return lines


def _odt_walk(node: ElementTree.Element, lines: list[str]) -> None:
    for child in node:
        if child.tag in _ODT_NOT_TEXT:
            continue
        if child.tag in (f"{_TEXT}p", f"{_TEXT}h"):
            boxes: list[str] = []
            lines.append("".join(_odt_text(child, boxes)))
            lines += boxes
        else:
            _odt_walk(child, lines)


def _odt_text(node: ElementTree.Element, boxes: list[str]) -> list[str]:
    """A paragraph's text without its page number and page count fields; the paragraphs of
    a frame or shape anchored in it go to `boxes`."""
    pieces = [node.text or ""]
    for child in node:
        if child.tag in _ODT_NOT_TEXT:
            pass
        elif child.tag.startswith(_DRAWING):
            _odt_walk(child, boxes)
        elif child.tag in (f"{_TEXT}tab", f"{_TEXT}s", f"{_TEXT}line-break"):
            pieces.append(" ")
        else:
            pieces += _odt_text(child, boxes)
        pieces.append(child.tail or "")
    return pieces
