"""The XML parts of a DOCX or an ODT as the importer's own readers see them (rescue.py for
what pandoc missed, margins.py for headers and footers, outline.py for title styles): the
namespaces they name, and one way to parse a part.

A part is parsed only after importer/safety.py has checked the whole archive (no DTD nor
entity declaration, bounded nesting and sizes), so the standard library's parser cannot be
made to expand or fetch anything; a part larger than the caller's limit is not read.
"""

from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
"""WordprocessingML (word/document.xml, styles.xml, headers and footers)."""
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"


_STRICT = re.compile(rb"http://purl\.oclc\.org/ooxml/(wordprocessingml|officeDocument|drawingml)/")
"""The namespaces of a document saved as « Document Open XML strict » (a choice of Word's
« Enregistrer sous »), which pandoc reads: named as those of an ordinary .docx, so that
its headers, text boxes and diagrams are read as theirs (they were lost)."""


def parse_part(archive: zipfile.ZipFile, name: str, limit: int) -> ElementTree.Element | None:
    """The part's root element; None when it is missing, larger than `limit` bytes, or not
    well-formed XML (the caller keeps what pandoc read)."""
    try:
        info = archive.getinfo(name)
        if info.file_size > limit:
            return None
        data = archive.read(info)
        if b"purl.oclc.org/ooxml/" in data:
            data = _STRICT.sub(rb"http://schemas.openxmlformats.org/\1/2006/", data)
        return ElementTree.fromstring(data)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None


_RELATIONSHIPS = "_rels/.rels"
WORD_BODY = "word/document.xml"
"""Where Word writes a document's body (`main_part` says where it is)."""


def main_part(archive: zipfile.ZipFile, kind: str) -> str:
    """The part that holds the document's body: content.xml in an ODT; in a DOCX, the one
    the package's « officeDocument » relationship names, word/document.xml as Word writes
    it, but word/document2.xml (or 22) in a plan saved by Word in a browser (Microsoft 365,
    SharePoint, Teams), which pandoc reads as well. Read before importer/safety.py checks
    the parts: a relationships part that is large or declares anything is not parsed."""
    if kind != "docx":
        return "content.xml"
    try:
        info = archive.getinfo(_RELATIONSHIPS)
        data = archive.read(info) if info.file_size <= 64 * 1024 else b""
        root = ElementTree.fromstring(data) if data and b"<!" not in data else None
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        root = None
    for relationship in root if root is not None else ():
        if relationship.get("Type", "").endswith("/officeDocument"):
            target = relationship.get("Target", "").lstrip("/")
            return target or WORD_BODY
    return WORD_BODY
