"""What an ARS or URPS Word form adds to a document, written as Word saves it: content
controls (plain text, date picker, drop-down list, check box), legacy form fields (text and
check box, the « Formulaires hérités » of Word), a table inside a text box, a table nested in a
cell, and title styles with localised names (« Titre 1 », as a French template names them).

Each helper writes the XML and records, in the writer, the text a reader sees on the page:
a check box content control shows ☒ or ☐; a legacy check box shows a box that is only in
the field's data, recorded as ☒ or ☐ too, the way the page shows it."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from .writer import W_NS, Writer

_NS = f'xmlns:w="{W_NS}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
CHECKED, UNCHECKED = "☒", "☐"


def _run(text: str, font: str = "") -> str:
    props = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return f'<w:r {_NS}>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _sdt(props: str, text: str, *, placeholder: bool = False, font: str = "") -> str:
    shown = "<w:showingPlcHdr/>" if placeholder else ""
    return (
        f'<w:sdt {_NS}><w:sdtPr><w:alias w:val="Champ"/>{shown}{props}</w:sdtPr>'
        f"<w:sdtContent>{_run(text, font)}</w:sdtContent></w:sdt>"
    )


def text_control(text: str, *, placeholder: bool = False) -> str:
    return _sdt("<w:text/>", text, placeholder=placeholder)


def date_control(iso: str, shown: str) -> str:
    props = (
        f'<w:date w:fullDate="{iso}T00:00:00Z"><w:dateFormat w:val="dd/MM/yyyy"/>'
        '<w:lid w:val="fr-FR"/><w:storeMappedDataAs w:val="dateTime"/>'
        '<w:calendar w:val="gregorian"/></w:date>'
    )
    return _sdt(props, shown)


def dropdown_control(choices: Sequence[str], chosen: str | None) -> str:
    items = "".join(
        f'<w:listItem w:displayText="{escape(c)}" w:value="{escape(c)}"/>' for c in choices
    )
    props = f"<w:dropDownList>{items}</w:dropDownList>"
    if chosen is None:
        return _sdt(props, "Choisissez un élément.", placeholder=True)
    return _sdt(props, chosen)


def checkbox_control(checked: bool) -> str:
    props = (
        f'<w14:checkbox><w14:checked w14:val="{int(checked)}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox>'
    )
    return _sdt(props, CHECKED if checked else UNCHECKED, font="MS Gothic")


def legacy_text(value: str) -> str:
    """A « Zone de texte » legacy form field; an unfilled one shows five en spaces."""
    shown = value or "\u2002" * 5
    return (
        f'<w:r {_NS}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Texte1"/>'
        '<w:enabled/><w:calcOnExit w:val="0"/><w:textInput/></w:ffData></w:fldChar></w:r>'
        f'<w:r {_NS}><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
        f'<w:r {_NS}><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_run(shown)}"
        f'<w:r {_NS}><w:fldChar w:fldCharType="end"/></w:r>'
    )


def legacy_checkbox(checked: bool) -> str:
    """A « Case à cocher » legacy form field: its state is only in the field's data."""
    state = "<w:checked/>" if checked else ""
    return (
        f'<w:r {_NS}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="CaseACocher1"/>'
        '<w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>'
        f'<w:default w:val="0"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'
        f'<w:r {_NS}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
        f'<w:r {_NS}><w:fldChar w:fldCharType="end"/></w:r>'
    )


def form_line(w: Writer, parts: Sequence[str | tuple[str, str]], shown: str) -> Paragraph:
    """A paragraph of plain texts and (xml, _) fields; `shown` is what the page reads."""
    paragraph = w.doc.add_paragraph()
    _fill(paragraph, parts)
    w.record(shown)
    return paragraph


def form_cell(w: Writer, cell: _Cell, parts: Sequence[str | tuple[str, str]], shown: str) -> None:
    paragraph = cell.paragraphs[0]
    _fill(paragraph, parts)
    w.record(shown)


def _fill(paragraph: Paragraph, parts: Sequence[str | tuple[str, str]]) -> None:
    for part in parts:
        if isinstance(part, str):
            paragraph.add_run(part)
        else:
            for node in parse_xml(f"<root {_NS}>{part[0]}</root>"):
                paragraph._p.append(node)


def localised_heading_styles(w: Writer) -> dict[int, str]:
    """« Titre 1 » and « Titre 2 » as a French template may name its own title styles: no
    built-in name behind them and no outline level, only a big bold font. Style ids as
    Word writes them (« Titre1 »)."""
    names = {}
    for level, size in ((1, 16), (2, 13)):
        name = f"Titre {level}"
        style = w.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(f"{{{W_NS}}}styleId", f"Titre{level}")
        style.base_style = w.doc.styles["Normal"]
        style.font.bold = True
        style.font.size = Pt(size)
        names[level] = name
    return names


def boxed_table(w: Writer, title: str, rows: Sequence[Sequence[str]]) -> None:
    """A table drawn inside a text box (DrawingML with its VML fallback): a title paragraph
    then the table, both recorded once."""
    cells = "".join(
        "<w:tr>"
        + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="2400" w:type="dxa"/></w:tcPr><w:p>{_run(text)}</w:p></w:tc>'
            for text in row
        )
        + "</w:tr>"
        for row in rows
    )
    grid = "".join('<w:gridCol w:w="2400"/>' for _ in rows[0])
    table = (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{cells}</w:tbl>"
    )
    content = f"<w:p>{_run(title)}</w:p>{table}<w:p/>"
    from .writer import _TEXT_BOX

    run = w.doc.add_paragraph().add_run()
    run._r.append(parse_xml(_TEXT_BOX.format(content=content)))
    w.record(title)
    for row in rows:
        for text in row:
            w.record(text)


def nested_table(w: Writer, cell: _Cell, rows: Sequence[Sequence[str]]) -> None:
    """A table inside a table's cell (a form's « cadre » holding the référents' table)."""
    inner = cell.add_table(rows=len(rows), cols=len(rows[0]))
    inner.style = w.doc.styles["Table Grid"]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            w.set_cell(inner.cell(r, c), text, bold=r == 0)
