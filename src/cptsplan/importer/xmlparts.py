"""The XML parts of a DOCX or an ODT as the importer's own readers see them (rescue.py for
what pandoc missed, margins.py for headers and footers, outline.py for title styles): the
namespaces they name, and one way to parse a part.

A part is parsed only after importer/safety.py has checked the whole archive (no DTD nor
entity declaration, bounded nesting and sizes), so the standard library's parser cannot be
made to expand or fetch anything; a part larger than the caller's limit is not read.
"""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
"""WordprocessingML (word/document.xml, styles.xml, headers and footers)."""
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"


def parse_part(archive: zipfile.ZipFile, name: str, limit: int) -> ElementTree.Element | None:
    """The part's root element; None when it is missing, larger than `limit` bytes, or not
    well-formed XML (the caller keeps what pandoc read)."""
    try:
        info = archive.getinfo(name)
        if info.file_size > limit:
            return None
        return ElementTree.fromstring(archive.read(info))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
