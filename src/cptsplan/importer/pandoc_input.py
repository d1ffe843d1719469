"""What pandoc is given of a document: the document itself, or, where pandoc would lose
something, the same archive with its body part rewritten.

The document was checked first (importer/safety.py): its parts are of bounded size, and
what is rewritten is the body alone (the other parts are copied as they are).
"""

from __future__ import annotations

import io
import re
import zipfile

from cptsplan.importer.xmlparts import main_part


def pandoc_input(data: bytes, kind: str) -> bytes:
    """`data` (the document's bytes), or the same document with its body rewritten."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            name = main_part(archive, kind)
            body = archive.read(name)
            rewritten = _odt_controls(body) if kind == "odt" else _docx_body(body)
            if rewritten is None:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in archive.infolist():
                    copy.writestr(info, rewritten if info.filename == name else archive.read(info))
    except (KeyError, zipfile.BadZipFile):
        return data  # pandoc says what is wrong with it
    return out.getvalue()


def _docx_body(body: bytes) -> bytes | None:
    fields = _simple_fields(body)
    rows = _shifted_rows(fields if fields is not None else body)
    return rows if rows is not None else fields


_SIMPLE_FIELD = re.compile(
    rb"<w:fldSimple\b(?P<attributes>[^>]*?)(?<!/)>(?P<result>(?:(?!<w:fldSimple\b).)*?)</w:fldSimple>",
    re.DOTALL,
)
_INSTRUCTION = re.compile(rb'\bw:instr="([^"]*)"')


def _simple_fields(body: bytes) -> bytes | None:
    """A field written in short (`w:fldSimple`: a document property, « TITLE », « REF »,
    « DATE », a link, a figure's number) as Word writes the long form, which pandoc reads:
    pandoc dropped the short form's text, so that « Date de mise à jour : 05/10/2026 »
    was read « Date de mise à jour : », and a name in a directory cell was not there (the
    import put the text back, but after the table). None when there is none."""
    if b"<w:fldSimple" not in body:
        return None

    def long_form(field: re.Match[bytes]) -> bytes:
        instruction = _INSTRUCTION.search(field.group("attributes"))
        code = instruction.group(1) if instruction else b""
        return (
            b'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
            + code
            + b'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + field.group("result")
            + b'<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    for _ in range(8):  # a field in a field: the inner one first
        body, count = _SIMPLE_FIELD.subn(long_form, body)
        if not count:
            break
    return body


_GRID_BEFORE = re.compile(rb"<w:trPr\b(?:(?!</w:trPr>).)*?</w:trPr>", re.DOTALL)
_SKIPPED = re.compile(rb'<w:gridBefore\s+w:val="(\d+)"\s*/>')


def _shifted_rows(body: bytes) -> bytes | None:
    """A table row that starts further right than the others (`w:gridBefore`: its first
    cells are not there, as a plan converted from a PDF or edited cell by cell has them):
    pandoc reads its cells from the first column, so that a directory row « | Pharmacien |
    06 … | … » had « Pharmacien » for its name and the number for its function. The
    missing cells are written, empty. None when no row has any."""
    if b"gridBefore" not in body:
        return None

    def fill(properties: re.Match[bytes]) -> bytes:
        skipped = _SKIPPED.search(properties.group(0))
        if skipped is None:
            return properties.group(0)
        count = min(int(skipped.group(1)), 64)
        return _SKIPPED.sub(b"", properties.group(0)) + b"<w:tc><w:p/></w:tc>" * count

    return _GRID_BEFORE.sub(fill, body)


_UNFILLED = re.compile(
    rb"<loext:content-control\b[^>]*loext:showing-place-holder=\"true\"[^>]*>.*?"
    rb"</loext:content-control>",
    re.DOTALL,
)
_CONTROL = re.compile(rb"</?loext:content-control\b[^>]*>|</?text:text-input\b[^>]*>")
"""A content control, or an input field (what a Word plain-text control becomes once
LibreOffice saves the form as ODT): pandoc drops its text, a directory's every cell."""
_FIELD = re.compile(
    rb"</?text:(?:user-defined|date|time|title|subject|description|keywords|initial-creator|"
    rb"creation-date|creation-time|author-name|author-initials|file-name|variable-get|"
    rb"variable-set|user-field-get|expression|chapter|sender-[a-z-]+|template-name|print-date|"
    rb"print-time|modification-date|modification-time|creator|database-display|sequence-ref|"
    rb"drop-down)(?=[\s/>])[^>]*>"
)
"""A field of an ODT (a fixed date, the document's title or a property of it, a variable,
a drop-down list; a Word field saved by LibreOffice): pandoc drops its text, « Date de mise
à jour : 05/10/2026 » read « Date de mise à jour : », a name in a directory cell lost."""
_FORM_BOX = re.compile(
    rb"<field:fieldmark\b[^>]*FORMCHECKBOX[^>]*?(?:/>|>(.*?)</field:fieldmark>)", re.DOTALL
)
_BOX_CHECKED = re.compile(rb'field:name="Checkbox_Checked"\s+field:value="true"')


def _odt_controls(content: bytes) -> bytes | None:
    """The ODT's content.xml with its fields (`_FIELD`), LibreOffice's content controls and
    input fields (a Word form saved as ODT) unwrapped: pandoc drops their text, the value of
    a filled field (a date, a name in a table cell); one still showing its example text
    (« Cliquez ou appuyez ici... ») is taken out; a legacy check box becomes the ☒ or ☐ it
    shows. None when there is none."""
    marks = (b"content-control", b"text-input", b"FORMCHECK")
    if not any(m in content for m in marks) and _FIELD.search(content) is None:
        return None
    content = _FIELD.sub(b"", _CONTROL.sub(b"", _UNFILLED.sub(b"", content)))
    # A Word legacy check box saved as ODT: its state is only in the field's data.
    return _FORM_BOX.sub(
        lambda m: "☒".encode() if _BOX_CHECKED.search(m.group(0)) else "☐".encode(), content
    )
