"""Fill the running header and footer of a DOCX made from our reference.docx.

Pandoc copies the reference document's header and footer as they are; ours hold placeholders
(CPTSPLAN_...) in runs of their own (see tools/build_reference_docx.py), replaced here by the
CPTS name, the version, the edition and, for a draft, the word BROUILLON on every page.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

from ..safetext import xml_text


def escape(text: str) -> str:
    """XML text escaping (xml.sax.saxutils would import urllib: 50 ms at start-up). Characters
    XML 1.0 forbids (a control character in `sigle`) are removed: one would make Word refuse
    the whole document."""
    text = xml_text(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PLACEHOLDER = re.compile(r"CPTSPLAN_[A-Z]+")
_RUNNING_PART = re.compile(r"word/(header|footer)\d*\.xml")
_EMPTY_TITLE = "<dc:title></dc:title>"


def fill_running_texts(document: bytes, texts: Mapping[str, str]) -> bytes:
    """Replace every CPTSPLAN_NAME placeholder by `texts[NAME]` (unknown names: empty)."""
    source = zipfile.ZipFile(io.BytesIO(document))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if _RUNNING_PART.fullmatch(info.filename) and _is_utf8(data):
                # (A custom reference.docx may hold a part in another encoding: left as is.)
                text = data.decode("utf-8")
                text = PLACEHOLDER.sub(
                    lambda match: escape(texts.get(match.group(0)[len("CPTSPLAN_") :], "")), text
                )
                data = text.encode("utf-8")
            elif info.filename == "docProps/core.xml" and texts.get("TITRE") and _is_utf8(data):
                # The document title shown by Word's properties and file managers.
                title = f"<dc:title>{escape(texts['TITRE'])}</dc:title>"
                data = data.decode("utf-8").replace(_EMPTY_TITLE, title, 1).encode("utf-8")
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return target.getvalue()


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
