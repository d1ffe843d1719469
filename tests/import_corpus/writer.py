"""A python-docx document that records, as it is written, every text it holds.

Body paragraphs, table cells and text boxes go to `paragraphs` (what an import must not
lose); what a word processor adds around the content (headers, footers, the cached table of
contents) goes to `furniture`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


class Writer:
    def __init__(self) -> None:
        self.doc = Document()
        self.paragraphs: list[str] = []
        self.furniture: list[str] = []
        self.doc.core_properties.author = "Corpus de test cptsplan"

    # ------------------------------------------------------------------ paragraphs
    def record(self, text: str) -> None:
        if text.strip():
            self.paragraphs.append(text)

    def heading(self, text: str, level: int = 1) -> Paragraph:
        self.record(text)
        return self.doc.add_heading(text, level)

    def para(
        self, text: str = "", *, bold: bool = False, underline: bool = False,
        style: str | None = None, size: int | None = None,
    ) -> Paragraph:  # fmt: skip
        """A paragraph of one run; "\\n" becomes a line break inside it."""
        paragraph = self.doc.add_paragraph(style=style)
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.underline = underline or None
        if size:
            run.font.size = Pt(size)
        self.record(text)
        return paragraph

    def runs(self, *parts: tuple[str, bool]) -> Paragraph:
        """A paragraph of several runs, (text, bold) each: « Version : » in bold, then « 2.1 »."""
        paragraph = self.doc.add_paragraph()
        for text, bold in parts:
            paragraph.add_run(text).bold = bold or None
        self.record("".join(text for text, _ in parts))
        return paragraph

    def items(
        self, texts: Iterable[str], *, numbered: bool = False, restart: bool = False,
        num_id: int | None = None,
    ) -> int | None:  # fmt: skip
        """A list with Word's own numbering (the number is not in the text). `restart`: a new
        numbering instance that starts again at 1, as Word makes after « Recommencer à 1 »;
        its id is returned, for items further down that continue it (`num_id`)."""
        style = "List Number" if numbered else "List Bullet"
        if numbered and restart:
            num_id = self._restarted_numbering()
        for text in texts:
            paragraph = self.para(text, style=style)
            if num_id is not None:
                ppr = paragraph._p.get_or_add_pPr()
                numpr = ppr.get_or_add_numPr()
                numpr.get_or_add_ilvl().val = 0
                numpr.get_or_add_numId().val = num_id
        return num_id

    def _restarted_numbering(self) -> int:
        style = self.doc.styles["List Number"]
        style_num = style.element.pPr.numPr.numId.val
        numbering = self.doc.part.numbering_part.element
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return int(num.numId)

    def page_break(self) -> None:
        self.doc.add_page_break()

    # ----------------------------------------------------------------------- tables
    def table(
        self, rows: Sequence[Sequence[str]], *, header: bool = True, style: str = "Table Grid",
        record: bool = True,
    ) -> Table:  # fmt: skip
        """A table whose cells hold the given texts ("\\n": a line break in the cell)."""
        width = max(len(row) for row in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = self.doc.styles[style]
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.set_cell(table.cell(r, c), text, bold=header and r == 0, record=record)
        return table

    def set_cell(self, cell: _Cell, text: str, *, bold: bool = False, record: bool = True) -> None:
        paragraph = cell.paragraphs[0]
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        paragraph.add_run(text).bold = bold or None
        if record:
            self.record(text)

    def merge(
        self, first: _Cell, last: _Cell, text: str, *, bold: bool = False, record: bool = True
    ) -> _Cell:
        """Merge the cells from `first` to `last` into one that holds `text` only (python-docx
        would keep the paragraphs of every merged cell, so the same text twice)."""
        merged = first.merge(last)
        for paragraph in merged.paragraphs[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        self.set_cell(merged, text, bold=bold, record=record)
        return merged

    def cell_paragraphs(self, cell: _Cell, texts: Sequence[str]) -> None:
        """Several paragraphs in one cell (as when Entrée is pressed inside a cell)."""
        self.set_cell(cell, texts[0])
        for text in texts[1:]:
            cell.add_paragraph(text)
            self.record(text)

    def boxed(self, title: str, lines: Sequence[str], *, numbered: bool = True) -> Table:
        """A fiche réflexe as Word users draw it: a one-cell bordered table, a bold title, then
        the steps, numbered by hand (« 1. ») inside the cell."""
        table = self.doc.add_table(rows=1, cols=1)
        table.style = self.doc.styles["Table Grid"]
        cell = table.cell(0, 0)
        self.set_cell(cell, title, bold=True)
        for n, line in enumerate(lines, start=1):
            text = f"{n}. {line}" if numbered else line
            cell.add_paragraph(text)
            self.record(text)
        self.doc.add_paragraph()
        return table

    # -------------------------------------------------------------- page furniture
    def header_footer(self, header: str, footer: str) -> None:
        section = self.doc.sections[0]
        section.header.paragraphs[0].text = header
        section.footer.paragraphs[0].text = footer
        self.furniture += [header, footer]

    def toc(self, entries: Sequence[tuple[str, int, int]]) -> None:
        """A table of contents field as Word leaves it: the TOC instruction, then its last
        computed result (entries with page numbers), in « toc N » paragraphs."""
        title = self.doc.add_paragraph("Sommaire", style="Title")
        self.furniture.append(title.text)
        for n, (text, level, page) in enumerate(entries):
            paragraph = self.doc.add_paragraph(style=self._toc_style(level))
            if n == 0:
                self._field_char(paragraph, "begin")
                instr = paragraph.add_run()._r
                node = instr.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
                node.text = ' TOC \\o "1-3" \\h \\z \\u '
                instr.append(node)
                self._field_char(paragraph, "separate")
            paragraph.add_run(f"{text}\t{page}")
            if n == len(entries) - 1:
                self._field_char(paragraph, "end")
            self.furniture.append(f"{text}\t{page}")
        self.doc.add_page_break()

    def _toc_style(self, level: int) -> str:
        name = f"TOC {level}"
        try:
            self.doc.styles[name]
        except KeyError:
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
        return name

    @staticmethod
    def _field_char(paragraph: Paragraph, kind: str) -> None:
        run = paragraph.add_run()._r
        run.append(run.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind}))

    def text_box(self, lines: Sequence[str]) -> None:
        """A text box as Word 2010+ saves it: a DrawingML shape with a VML fallback, both
        holding the same paragraphs (recorded once)."""
        content = "".join(
            f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
            for line in lines
        )
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run()
        run._r.append(parse_xml(_TEXT_BOX.format(content=content)))
        for line in lines:
            self.record(line)

    def grouped_shapes(self, boxes: Sequence[Sequence[str]]) -> None:
        """A diagram drawn with shapes grouped together (an alert chain: one box per link),
        as Word 2010+ saves it, with its VML fallback; each box's lines recorded once."""
        shapes = "".join(
            "<wps:wsp><wps:spPr/><wps:txbx><w:txbxContent>"
            + "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
            + "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
            for lines in boxes
        )
        fallback = "".join(
            "<v:rect><v:textbox><w:txbxContent>"
            + "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in lines)
            + "</w:txbxContent></v:textbox></v:rect>"
            for lines in boxes
        )
        run = self.doc.add_paragraph().add_run()
        run._r.append(parse_xml(_GROUP.format(shapes=shapes, fallback=fallback)))
        for lines in boxes:
            for line in lines:
                self.record(line)

    def tracked(self, parts: Sequence[tuple[str, str]], comment: str = "") -> Paragraph:
        """A paragraph still under review: `parts` are (text, "" | "ins" | "del"), tracked
        insertions and deletions not accepted; recorded as it reads once they are. A
        reviewer's comment on its first words is not recorded (not text of the plan)."""
        paragraph = self.doc.add_paragraph()
        mark = f'w:id="{{}}" w:author="ARS" w:date="2026-10-01T09:00:00Z" xmlns:w="{W_NS}"'
        for n, (text, kind) in enumerate(parts):
            if not kind:
                paragraph.add_run(text)
                continue
            tag = "w:delText" if kind == "del" else "w:t"
            run = f'<w:r><{tag} xml:space="preserve">{escape(text)}</{tag}></w:r>'
            paragraph._p.append(parse_xml(f"<w:{kind} {mark.format(900 + n)}>{run}</w:{kind}>"))
        if comment:
            self.doc.add_comment(paragraph.runs[0], text=comment, author="ARS Grand Est")
        self.record("".join(text for text, kind in parts if kind != "del"))
        return paragraph

    def save(self, path: Path) -> None:
        # Fixed dates in the core properties: the same document at every build.
        moment = datetime.datetime(2026, 1, 1, 9, 0, 0)
        self.doc.core_properties.created = moment
        self.doc.core_properties.modified = moment
        self.doc.core_properties.last_printed = moment
        self.doc.save(str(path))


_TEXT_BOX = (
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    f' xmlns:w="{W_NS}"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:Choice Requires="wps"><w:drawing>'
    '<wp:inline distT="0" distB="0" distL="0" distR="0">'
    '<wp:extent cx="5400000" cy="900000"/><wp:docPr id="901" name="Zone de texte 1"/>'
    "<a:graphic><a:graphicData"
    ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvSpPr txBox="1"/>'
    '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="900000"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    '<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
    "<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>"
    '<wps:bodyPr rot="0" vert="horz" wrap="square" anchor="t"/>'
    "</wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
    '<mc:Fallback><w:pict><v:shape id="Zone_de_texte_1" style="width:425pt;height:71pt"'
    ' type="#_x0000_t202"><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox>'
    "</v:shape></w:pict></mc:Fallback></mc:AlternateContent>"
)

_GROUP = (
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    f' xmlns:w="{W_NS}"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:Choice Requires="wpg"><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
    '<wp:extent cx="5400000" cy="1800000"/><wp:docPr id="902" name="Groupe 2"/>'
    "<a:graphic><a:graphicData"
    ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
    "<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr/>{shapes}</wpg:wgp></a:graphicData></a:graphic>"
    "</wp:inline></w:drawing></mc:Choice>"
    '<mc:Fallback><w:pict><v:group id="Groupe_2">{fallback}</v:group></w:pict></mc:Fallback>'
    "</mc:AlternateContent>"
)
