"""Finish a DOCX made by pandoc from our reference.docx.

Pandoc copies the reference document's header and footer as they are; ours hold placeholders
(CPTSPLAN_...) in runs of their own (see tools/build_reference_docx.py), replaced here by the
CPTS name, the version, the edition and, for a draft, the word BROUILLON on every page.

Tables get what pandoc's writer cannot express: rows that never split across two pages, the
smaller « Tableau » paragraph style in their cells (when the reference document has it), and
space after them.
The document's creation and modification dates are the plan's last update, as in the PDF.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime

from cptsplan.privacy.safetext import xml_text


def escape(text: str) -> str:
    """XML text escaping (xml.sax.saxutils would import urllib: 50 ms at start-up). Characters
    XML 1.0 forbids (a control character in `sigle`) are removed: one would make Word refuse
    the whole document."""
    text = xml_text(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PLACEHOLDER = re.compile(r"CPTSPLAN_[A-Z]+")
_RUNNING_PART = re.compile(r"word/(header|footer)\d*\.xml")
_EMPTY_TITLE = "<dc:title></dc:title>"
_DATES = re.compile(r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")
TABLE_STYLE = "Tableau"
"""Paragraph style of table cells in reference.docx (pandoc writes them « Compact »)."""
_TABLE_START, _TABLE_END = "<w:tbl>", "</w:tbl>"
_ROW = re.compile(r"<w:tr>(<w:trPr>)?")
_COMPACT = '<w:pStyle w:val="Compact" />'
AFTER_TABLE = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="140" w:lineRule="exact"/>'
    "</w:pPr></w:p>"
)
"""An empty 7 pt line after every table: Word glues the next paragraph to the table's last
row otherwise (paragraph spacing does not apply after a table)."""


def fill_running_texts(
    document: bytes, texts: Mapping[str, str], timestamp: int | None = None
) -> bytes:
    """Replace every CPTSPLAN_NAME placeholder by `texts[NAME]` (unknown names: empty);
    lay tables out (`layout_tables`); date the document from `timestamp` (seconds, UTC)."""
    source = zipfile.ZipFile(io.BytesIO(document))
    names = set(source.namelist())
    styles = source.read("word/styles.xml") if "word/styles.xml" in names else b""
    table_style = f'w:styleId="{TABLE_STYLE}"'.encode() in styles
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml" and (xml := _utf8(data)) is not None:
                data = layout_tables(xml, table_style).encode("utf-8")
            core = info.filename == "docProps/core.xml"
            if core and timestamp and (text := _utf8(data)) is not None:
                stamp = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
                data = _DATES.sub(rf"\g<1>{stamp}\g<2>", text).encode("utf-8")
            if info.filename == "word/settings.xml" and (text := _utf8(data)) is not None:
                data = update_fields(text).encode("utf-8")
            if _RUNNING_PART.fullmatch(info.filename) and (text := _utf8(data)) is not None:
                # (A custom reference.docx may hold a part in another encoding: left as is.)
                text = PLACEHOLDER.sub(
                    lambda match: escape(texts.get(match.group(0)[len("CPTSPLAN_") :], "")), text
                )
                data = _spaces_kept(text).encode("utf-8")
            elif core and texts.get("TITRE") and (text := _utf8(data)) is not None:
                # The document title shown by Word's properties and file managers.
                title = f"<dc:title>{escape(texts['TITRE'])}</dc:title>"
                data = text.replace(_EMPTY_TITLE, title, 1).encode("utf-8")
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return target.getvalue()


_EDGE_SPACE = re.compile(r"<w:t>( [^<]*|[^<]* )</w:t>")
"""A run's text that starts or ends with a space."""


def _spaces_kept(xml: str) -> str:
    """A run's text that starts or ends with a space keeps it (`xml:space="preserve"`): Word
    and LibreOffice drop it otherwise, and the draft's header read « BROUILLONCPTS … »."""
    return _EDGE_SPACE.sub(r'<w:t xml:space="preserve">\1</w:t>', xml)


def layout_tables(xml: str, table_style: bool) -> str:
    """Rows kept whole on one page (the header row is already repeated by pandoc), cells in
    the table paragraph style, a little space after the table."""

    def row(match: re.Match[str]) -> str:
        # Pandoc gives the header row properties (tblHeader) and the others none.
        return "<w:tr><w:trPr><w:cantSplit/>" + ("" if match.group(1) else "</w:trPr>")

    def table(text: str, follower: str) -> str:
        text = _ROW.sub(row, text)
        if table_style:
            text = text.replace(_COMPACT, f'<w:pStyle w:val="{TABLE_STYLE}" />')
        return text + ("" if _starts_a_page(follower) else AFTER_TABLE)

    # Each table from its start tag to the first end tag after it, as `<w:tbl>.*?</w:tbl>`
    # would match it, found by str.find: the regular expression engine's lazy `.*?` tests
    # every character of the document (700 kB for the example) against the end tag.
    parts: list[str] = []
    position = 0
    while (start := xml.find(_TABLE_START, position)) >= 0:
        end = xml.find(_TABLE_END, start + len(_TABLE_START))
        if end < 0:
            break
        end += len(_TABLE_END)
        parts += [xml[position:start], table(xml[start:end], xml[end : end + 2000])]
        position = end
    parts.append(xml[position:])
    return "".join(parts)


_BOOKMARKS = re.compile(r"(?:\s|<w:bookmark(?:Start|End)\b[^>]*/>)*")


def _starts_a_page(follower: str) -> bool:
    """Whether what follows a table opens a new page (a chapter's heading, whose style breaks
    the page, or a page break): the space after the table would then be alone at the top of
    a blank page when the table ends at the foot of one (LibreOffice, Word)."""
    start = _BOOKMARKS.match(follower)
    paragraph = follower[start.end() if start else 0 :]
    if not paragraph.startswith("<w:p>"):
        return False
    paragraph = paragraph[: paragraph.find("</w:p>")]
    return '<w:pStyle w:val="Heading1"' in paragraph or '<w:br w:type="page"/>' in paragraph


def update_fields(settings: str) -> str:
    """Ask Word to update the fields on opening: the page numbers of the table of contents
    (PAGEREF fields, see cptsplan.lua) and the page count. LibreOffice computes them anyway.
    The element goes where the schema's order puts it (Word refuses a misplaced one)."""
    if "<w:updateFields" in settings:
        return settings
    element = '<w:updateFields w:val="true"/>'
    for follower in _AFTER_UPDATE_FIELDS:
        position = settings.find(follower)
        if position >= 0:
            return settings[:position] + element + settings[position:]
    return settings.replace("</w:settings>", element + "</w:settings>", 1)


_AFTER_UPDATE_FIELDS = (
    "<w:hdrShapeDefaults", "<w:footnotePr", "<w:endnotePr", "<w:compat", "<w:docVars",
    "<w:rsids", "<m:mathPr", "<w:attachedSchema", "<w:themeFontLang", "<w:clrSchemeMapping",
    "<w:doNotIncludeSubdocsInStats", "<w:doNotAutoCompressPictures", "<w:forceUpgrade",
    "<w:captions", "<w:readModeInkLockDown", "<w:smartTagType", "<sl:schemaLibrary",
    "<w:shapeDefaults", "<w:doNotEmbedSmartTags", "<w:decimalSymbol", "<w:listSeparator",
)  # fmt: skip


def _utf8(data: bytes) -> str | None:
    """The text of a part, or None for a part in another encoding (left as it is)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None
