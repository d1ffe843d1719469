"""Paragraphs of the document that pandoc does not read, put back among the blocks.

pandoc drops the text of grouped shapes and drawing canvases (the alert chain a CPTS draws
with boxes and arrows) and of SmartArt diagrams (the crisis cell's organisation chart),
and, in an ODT, the text of shapes (a Word text box saved by LibreOffice becomes a
`draw:custom-shape`), of frames, and of LibreOffice content controls (a Word date picker
saved as ODT). The plan's promise is that nothing is lost: each
paragraph of the document's own XML whose text is nowhere in what pandoc read is added as a
paragraph after the last block read before it, so that it lands under the heading it stood
under; a paragraph pandoc read only in part (« Prochaine revue : » without the date of its
content control) is replaced by the whole.

What a reader of the document does not see as its text is left out, as pandoc leaves it:
tracked deletions and moves away, field instructions, the VML copy Word keeps of each
drawing (`mc:Fallback`), the table of contents, comments (another part), and in an ODT the
stored deleted text, notes (pandoc reads them) and indexes.

The part is read after importer/safety.py checked the whole archive (no DTD nor entity
declaration, bounded nesting and sizes); a part larger than MAX_PART_BYTES is not read
(pandoc's reading is kept as it is).
"""

from __future__ import annotations

import bisect
import re
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

from cptsplan.errors import UsageError
from cptsplan.importer.links import LINK_TARGET
from cptsplan.importer.odt_walk import odt_sized, odt_titles, odt_walk
from cptsplan.importer.outline import (
    WORD_PLACEHOLDERS,
    chapter_titles,
    checklists,
    drop_toc,
    legacy_box,
    outline_level,
    outline_levels,
    promote,
    sized_titles,
    tick,
    title_styles,
    unfilled,
)
from cptsplan.importer.read import TYPED_BULLET, Block, clean, key
from cptsplan.importer.shape_tables import as_text, numbered, shape_table
from cptsplan.importer.xmlparts import W as _W
from cptsplan.importer.xmlparts import main_part, parse_part

MAX_PART_BYTES = 30 * 1024 * 1024
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DGM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NOT_TEXT = {
    f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delText", f"{_W}delInstrText",
    f"{_MC}Fallback", f"{_W}footnoteReference", f"{_W}endnoteReference",
}  # fmt: skip
"""What a reader does not see as the text of a Word paragraph (odt_walk.py: of an ODT's)."""
# The tags the walk compares each element with, made once (not at each comparison).
_SDT, _TR, _TBL, _P, _T, _TAB = f"{_W}sdt", f"{_W}tr", f"{_W}tbl", f"{_W}p", f"{_W}t", f"{_W}tab"
_FLD_CHAR, _FLD_SIMPLE, _TXBX = f"{_W}fldChar", f"{_W}fldSimple", f"{_W}txbxContent"
_HYPERLINK, _NO_BREAK_HYPHEN, _STYLE = f"{_W}hyperlink", f"{_W}noBreakHyphen", f"{_W}pPr/{_W}pStyle"
_BREAKS, _REL_IDS = (f"{_W}br", f"{_W}cr"), f"{_DGM}relIds"
_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"
"""Text written along a path (an old WordArt title on the cover, « PLAN BLANC »): an
attribute of the shape, which pandoc does not read."""
_BOXES = ("☒ ", "☐ ")
_LEGACY_BOX = f".//{_W}ffData/{_W}checkBox"
_TOC_STYLE = re.compile(r"^(?:toc|tm|tabledesmati|sommaire|tableoffigures)", re.IGNORECASE)


def restore_missed(
    blocks: list[Block], path: Path, kind: str, read: Reading | None = None
) -> list[Block]:
    """`blocks` with the document's paragraphs pandoc missed put back in their place, and
    the entries of a table of contents pandoc did not recognise (no links) left out. A
    document with no text at all (empty, or a scanned plan pasted as pictures) is refused:
    an empty draft would be reported as « 100 % rangé ». `read` is `document_paragraphs`
    of the document when it was already read (build.py reads it while pandoc runs)."""
    paragraphs, context = read if read is not None else document_paragraphs(path, kind)
    blocks = drop_toc(blocks, [text for text, _ in context.toc]) if context.toc else blocks
    blocks = promote(blocks, context.outlined) if context.outlined else blocks
    blocks = promote(blocks, context.sized) if context.sized else blocks
    blocks = promote(blocks, chapter_titles(context.titled))
    blocks = unfilled(blocks, context.placeholders) if context.placeholders else blocks
    blocks = tick(blocks, context.boxed) if context.boxed else blocks
    if paragraphs:
        blocks = _merge(blocks, paragraphs, context.shape_tables)
    blocks = checklists(unfilled(blocks, WORD_PLACEHOLDERS))  # after what was put back
    if not blocks:
        raise UsageError(
            f"{path.name} ne contient aucun texte : rien à importer",
            "si le plan y est collé en images (document numérisé), l'import ne peut pas le "
            "lire ; reprenez le document Word ou LibreOffice d'origine",
        )
    return blocks


Paragraph = tuple[str, bool]
"""A paragraph's text, and whether it is in a shape (a text box, a diagram)."""
Reading = tuple[list[Paragraph], "_Context"]
"""What `document_paragraphs` gives."""


def document_paragraphs(path: Path, kind: str) -> Reading:
    """Every paragraph's text, in document order (a shape's paragraphs after the one that
    holds it), and what else the walk saw (tables of contents, titles in a template's own
    styles); none when the part cannot be read."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        return [], _Context(None)
    with archive:
        context = _Context(archive)
        root = parse_part(archive, main_part(archive, kind), MAX_PART_BYTES)
        if root is None:
            return [], context
        out: list[Paragraph] = []
        if kind == "docx":
            styles = parse_part(archive, "word/styles.xml", MAX_PART_BYTES)
            context.levels = outline_levels(styles)
            context.title_ids = title_styles(styles)
            _docx(root, out, [], context)
            context.sized = sized_titles(root.find(f"{_W}body"), styles)
        else:
            odt_walk(root, out, context.toc, context.shape_tables)
            styles = parse_part(archive, "styles.xml", MAX_PART_BYTES)
            context.outlined = odt_titles(root, styles)
            context.sized = odt_sized(root, styles)
    return out, context


class _Context:
    """What the walk through a Word document collects besides its paragraphs: the entries
    of its tables of contents, the titles in a style with an outline level (`levels`: style
    id -> level, 1 for a chapter); and the text of a SmartArt, from its data part (named by
    the document's relationships)."""

    def __init__(self, archive: zipfile.ZipFile | None) -> None:
        self.archive = archive
        self.targets: dict[str, str] | None = None
        self.toc: list[Paragraph] = []
        self.levels: dict[str, int] = {}
        self.outlined: list[tuple[str, int]] = []
        self.sized: list[tuple[str, int]] = []
        self.title_ids: set[str] = set()
        self.titled: list[str] = []
        """The paragraphs in Word's « Titre » style, in order."""
        self.placeholders: set[str] = set()
        self.boxed: list[str] = []
        """Paragraphs that begin with a legacy check box, with its box (☒ or ☐)."""
        self.shape_depth = 0
        self.shape_tables: dict[str, list[list[str]]] = {}
        """A table in a shape: its text as a paragraph of the walk -> its rows."""

    def diagram(self, rid: str) -> list[str]:
        if self.archive is None:
            return []
        if self.targets is None:
            folder, _, name = main_part(self.archive, "docx").rpartition("/")
            rels_name = f"{folder}/_rels/{name}.rels".lstrip("/")
            rels = parse_part(self.archive, rels_name, MAX_PART_BYTES)
            self.targets = {
                node.get("Id", ""): node.get("Target", "")
                for node in (rels.iter() if rels is not None else ())
            }
        target = self.targets.get(rid, "").lstrip("/").removeprefix("word/")
        data = parse_part(self.archive, f"word/{target}", MAX_PART_BYTES) if target else None
        if data is None:
            return []
        texts = []
        for point in data.iter(f"{_DGM}pt"):
            if point.get("type", "node") not in ("node", "asst"):
                continue  # the connectors and the layout's own points hold no text
            for paragraph in point.iter(f"{_DRAWING}p"):
                texts.append("".join(t.text or "" for t in paragraph.iter(f"{_DRAWING}t")))
        return [text for text in texts if text.strip()]


NEAR = (3, 8)
"""How far before and after the last block read a shape's text is looked for: pandoc reads
a plain text box where it stands, or not at all (a group)."""


def _merge(
    blocks: list[Block], paragraphs: list[Paragraph], tables: dict[str, list[list[str]]]
) -> list[Block]:
    first: dict[str, list[int]] = {}
    keys: list[list[str]] = []
    in_shapes = {key(line) for text, shape in paragraphs if shape for line in text.split("\n")}
    for block in blocks:
        lines = _lines(block)
        own = [key(line) for line in lines]
        # A link's target that read.inline_text wrote after its words (« cliquez ici
        # (x@y.fr) ») is not in the document's own text: matched without it, else the
        # paragraph was put back a second time as « missed ».
        for line in lines:
            if "(" in line and (bare := LINK_TARGET.sub("", line)) != line:
                own.append(key(bare))
        for line_key in own:
            first.setdefault(line_key, []).append(block.index)
        # A box's paragraphs as pandoc read them; a table only when every cell of it is in a
        # shape (a table drawn in a text box), not a table that names the same ARS.
        boxed = block.kind != "table" or all(k in in_shapes for k in own if k)
        keys.append(own if boxed else [])
    haystack = "\n".join(first)
    added: dict[int, list[Block]] = {}
    rescued: set[str] = set()
    anchor = -1
    for paragraph, in_shape in paragraphs:
        if in_shape and paragraph in tables:  # a table in a shape: read whole, or added whole
            lines = [k for k in (key(line) for line in paragraph.split("\n")) if k]
            read = [n for n in (_near(keys, anchor, k) for k in lines) if n is not None]
            if len(read) == len(lines):
                anchor = max([anchor, *read])
            elif not set(lines) <= rescued:
                added.setdefault(anchor, []).append(Block("table", rows=tables[paragraph]))
                rescued.update(lines)
            continue
        missing = []
        for line in paragraph.split("\n"):
            line_key = key(TYPED_BULLET.sub("", line.strip()))
            if not line_key:
                continue
            if in_shape:
                # Its words may also be elsewhere (the ARS in the directory): only a block
                # near the last one read is this shape's text as pandoc read it.
                near = _near(keys, anchor, line_key)
                if near is not None:
                    anchor = max(anchor, near)
                elif line_key not in rescued:
                    missing.append(line)
                    rescued.add(line_key)
            elif line_key in first:
                places = first[line_key]  # in document order
                later = bisect.bisect_left(places, anchor)
                anchor = places[later] if later < len(places) else anchor
            elif line_key not in rescued and line_key not in haystack:
                missing.append(line)
                rescued.add(line_key)
        if not missing:
            continue
        text = clean("\n".join(missing))
        following = blocks[anchor + 1] if anchor + 1 < len(blocks) else None
        if following is not None and _read_in_part(following, text):
            following.text = text  # pandoc read it without its content control
            anchor += 1
            continue
        added.setdefault(anchor, []).append(Block("para", text))
    if not added:
        return blocks
    merged = list(added.get(-1, []))
    for block in blocks:
        merged.append(block)
        merged.extend(added.get(block.index, []))
    merged = [replace(block, index=index) for index, block in enumerate(merged)]
    return numbered(merged) if any(b.kind == "table" for a in added.values() for b in a) else merged


def _near(keys: list[list[str]], anchor: int, line_key: str) -> int | None:
    for index in range(max(anchor - NEAR[0], 0), min(anchor + NEAR[1], len(keys))):
        if any(line_key in block_key for block_key in keys[index]):
            return index
    return None


def _read_in_part(block: Block, text: str) -> bool:
    """The paragraph's beginning is all pandoc read of it (« Prochaine revue : »)."""
    own = key(block.text)
    return block.kind in ("para", "item") and len(own) >= 6 and key(text).startswith(own)


def _lines(block: Block) -> list[str]:
    if block.kind == "table":
        return [line for row in block.rows for cell in row for line in cell.split("\n")]
    return block.text.split("\n")


def _docx(
    node: ElementTree.Element, out: list[Paragraph], fields: list[str], context: _Context
) -> None:
    """Walk the body; `fields` is the stack of open field types (TOC, PAGEREF...)."""
    for child in node:
        tag = child.tag
        if tag == _SDT and _is_toc(child):
            _docx(child, context.toc, fields, context)
            continue
        if tag in _NOT_TEXT or _placeholder(child, context):
            continue
        if tag == _TR and child.find(f"{_W}trPr/{_W}del") is not None:
            continue  # a table row deleted with tracked changes
        if tag == _TBL and context.shape_depth:
            rows = shape_table(child, lambda p: _docx_paragraph(p, fields, [], context))
            if as_text(rows):
                context.shape_tables[as_text(rows)] = rows
                out.append((as_text(rows), True))
            continue
        if tag == _P:
            boxes: list[Paragraph] = []
            toc = "TOC" in fields
            text = _docx_paragraph(child, fields, boxes, context)
            style = child.find(_STYLE)
            toc = toc or "TOC" in fields
            toc = toc or (style is not None and bool(_TOC_STYLE.match(style.get(f"{_W}val", ""))))
            if text.strip():
                if text.lstrip().startswith(_BOXES) and child.find(_LEGACY_BOX) is not None:
                    context.boxed.append(text.lstrip())
                (context.toc if toc else out).append((text, False))
                style_id = style.get(f"{_W}val", "") if style is not None else ""
                if style_id in context.title_ids and not toc:
                    context.titled.append(text)
                level = context.levels.get(style_id)
                level = outline_level(child) or level  # set on the paragraph itself
                if level is not None and not toc:
                    context.outlined.append((text, level))
            out.extend((text, True) for text, _ in boxes)
        else:
            _docx(child, out, fields, context)


def _docx_paragraph(
    node: ElementTree.Element, fields: list[str], boxes: list[Paragraph], context: _Context
) -> str:
    pieces: list[str] = []
    for child in node:
        tag = child.tag
        if _placeholder(child, context):
            continue
        if tag in _NOT_TEXT:
            if tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
                pieces.append("\n")  # pandoc reads the note inside the paragraph
            elif tag == f"{_W}instrText" and fields and child.text:
                fields[-1] = fields[-1] or (child.text.split() or [""])[0].upper()
            continue
        if tag == _T:
            pieces.append(child.text or "")
        elif tag == _TAB:
            pieces.append("\t")
        elif tag in _BREAKS:
            pieces.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            pieces.append("-")
        elif tag == _FLD_CHAR:
            _field(child.get(f"{_W}fldCharType"), fields)
            box = legacy_box(child)
            pieces.append(f"{box} " if box else "")
        elif tag == _FLD_SIMPLE:
            instruction = (child.get(f"{_W}instr") or "").split()
            if not instruction or instruction[0].upper() != "TOC":
                pieces.append(_docx_paragraph(child, fields, boxes, context))
        elif tag == _TXBX:
            context.shape_depth += 1
            _docx(child, boxes, fields, context)
            context.shape_depth -= 1
        elif tag == _TEXTPATH:
            if words := (child.get("string") or "").strip():
                boxes.append((words, True))
        elif tag == _REL_IDS:
            diagram = context.diagram(child.get(f"{_RELATIONSHIPS}dm", ""))
            boxes.extend((text, True) for text in diagram)
        elif tag == _HYPERLINK and child.get(f"{_W}anchor", "").startswith("_Toc"):
            continue  # an entry of a table of contents outside its field
        else:
            pieces.append(_docx_paragraph(child, fields, boxes, context))
    return "".join(pieces)


def _field(kind: str | None, fields: list[str]) -> None:
    if kind == "begin":
        fields.append("")
    elif kind == "end" and fields:
        fields.pop()


def _placeholder(node: ElementTree.Element, context: _Context) -> bool:
    """A content control not filled in, showing its grey example text (« Cliquez ou appuyez
    ici pour entrer du texte. »): recorded, so that pandoc's reading of it is taken out."""
    if node.tag != _SDT or node.find(f"{_W}sdtPr/{_W}showingPlcHdr") is None:
        return False
    for paragraph in node.iter(f"{_W}p") if node.find(f".//{_W}p") is not None else [node]:
        text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t")).strip()
        if text:
            context.placeholders.add(text)
    return True


def _is_toc(sdt: ElementTree.Element) -> bool:
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and "contents" in gallery.get(f"{_W}val", "").lower()
