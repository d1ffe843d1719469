"""The Typst markup of a parsed document (blocks.Document), for the layout plan-sse.typ.

Every character of text is written escaped: each ASCII punctuation mark gets a backslash,
which Typst's markup reads as that very character, so no plan value (nor any text of a
template) can open code (`#`), math (`$`), raw text (`` ` ``), a label or a reference
(`<`, `@`), a heading, a list, a comment (`//`) or a link. Strings handed to Typst code
(image names, alternative texts, a table of contents title) go through `string`. The only
Typst code written here is fixed calls: headings, lists, tables, figures, links, and the
layout's own functions for the templates' div classes (`couverture`, `fiche-reflexe`...),
called only when plan-sse.typ defines them (a custom layout without them still compiles).

Line breaking: e-mail and MSSanté addresses, web addresses and identifiers are never
hyphenated. They are cut into pieces after `@`, `.` and `/`, each piece a box that Typst
cannot break, so a line ends only there and without an added hyphen; phone numbers are one
box. In a table, the widest such piece of a column, and the widest word of its header, are
handed to the layout's `tableau`, which makes the column at least that wide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cptsplan.render.pdf.blocks import (
    Block,
    CodeBlock,
    Div,
    Document,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Table,
    Terms,
)
from cptsplan.render.pdf.inlines import plain_text
from cptsplan.render.pdf.labels import label_columns
from cptsplan.render.pdf.nodes import (
    Code,
    Emphasis,
    Image,
    Inline,
    LineBreak,
    Link,
    Note,
    NoteReference,
    Span,
    Strikeout,
    Strong,
    Subscript,
    Superscript,
    Text,
    Wrapped,
)
from cptsplan.schema.periods import MONTHS_FR

_WRAPPERS: dict[type, str] = {
    Strong: "strong",
    Emphasis: "emph",
    Strikeout: "strike",
    Superscript: "super",
    Subscript: "sub",
    Note: "footnote",
}
"""Inline nodes written as one Typst function around their children."""
_PUNCTUATION = re.compile(r"""[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]""")
_LABEL = re.compile(r"[\w.:-]+")
_FUNCTION = re.compile(r"^#let[ \t]+([a-z][a-z0-9-]*)[ \t]*\(", re.MULTILINE)
_RESOURCE = re.compile(r"figure-[0-9]+\.(?:png|jpg)")
_WIDTH = re.compile(r"[0-9]{1,3}(?:\.[0-9]+)?%")
_EXTERNAL = re.compile(r"(?:https?://|mailto:)[^\s\"\\]+")
# Pieces that a line may not break inside: phone numbers (French and international, as
# typed or formatted) and dates, then any token holding an address or an identifier.
_MONTHS = "|".join(MONTHS_FR)
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{2,3}[\s\u00a0\u202f]?(?:\(0\)[\s\u00a0\u202f]?)?\d|0\d)"
                    r"(?:[\s\u00a0\u202f.-]?\d{2}){4}(?!\w)"
                    rf"|(?<!\w)(?:\d{{1,2}}\u00a0(?:{_MONTHS})(?:\u00a0\d{{4}})?"
                    rf"|(?:{_MONTHS})\u00a0\d{{4}})(?!\w)")  # fmt: skip
_TOKEN = re.compile(r"[^\s\u00a0\u202f]+")
_ADDRESS = re.compile(r"@|://|^www\.|\w\.[a-zA-Z]{2,}|\w/\w")
# Patterns without nested repetitions: a plan value may be one huge word, and matching it
# must stay linear.
_MAYBE_UNBREAKABLE = re.compile(r"[@/_\d.-]")
_IDENTIFIER = re.compile(r"_\w|\d-|-\d")
_WORD = re.compile(r"[\w-]+")
_PIECE = re.compile(r"[^@./]*[@./]+|[^@./]+")
_WORD_JOINER = "\u2060"
_JOINED_WORD = re.compile(r"[^ \t\n\u2060]*(?:\u2060[^ \t\n\u2060]*)+")


def escape(text: str) -> str:
    """Text as Typst markup that prints exactly `text`."""
    return _PUNCTUATION.sub(lambda match: "\\" + match.group(0), text)


def string(text: str) -> str:
    """Text as a Typst string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


def layout_functions(layout: str) -> set[str]:
    """Names of the functions the layout defines (`#let name(`) at the start of a line."""
    return set(_FUNCTION.findall(layout))


class Writer:
    def __init__(self, document: Document, functions: set[str]) -> None:
        self.document = document
        self.functions = functions
        self.pieces: list[str] | None = None
        """While a table cell is written: the unbreakable pieces found in it."""

    def write(self) -> str:
        out: list[str] = []
        self.blocks(self.document.blocks, out)
        return "".join(out)

    # Blocks -----------------------------------------------------------------------------

    def blocks(self, blocks: Iterable[Block], out: list[str]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                out.append(self.inlines(block.content) + "\n\n")
            elif isinstance(block, Heading):
                self.heading(block, out)
            elif isinstance(block, ListBlock):
                self.listing(block, out)
            elif isinstance(block, Table):
                self.table(block, out)
            elif isinstance(block, Quote):
                out.append("#quote(block: true)[\n")
                self.blocks(block.blocks, out)
                out.append("]\n\n")
            elif isinstance(block, CodeBlock):
                out.append(f"#raw(block: true, {string(block.text)})\n\n")
            elif isinstance(block, Rule):
                out.append("#line(length: 100%)\n\n")
            elif isinstance(block, Terms):
                for term, definitions in block.items:
                    described = " #parbreak() ".join(self.inlines(d) for d in definitions)
                    out.append(f"/ {self.inlines(term)}: {described}\n")
                out.append("\n")
            else:
                self.div(block, out)

    def heading(self, heading: Heading, out: list[str]) -> None:
        options = [f"level: {heading.level}"]
        if "unnumbered" in heading.classes:
            options.append("numbering: none")
        if "unlisted" in heading.classes:
            options.append("outlined: false")
        label = f" <{heading.identifier}>" if _LABEL.fullmatch(heading.identifier) else ""
        out.append(f"#heading({', '.join(options)})[{self.inlines(heading.content)}]{label}\n\n")

    def listing(self, listing: ListBlock, out: list[str]) -> None:
        gap = "\n" if listing.tight else "\n\n"
        for number, item in enumerate(listing.items, start=listing.start):
            marker = f"{number}. " if listing.ordered else "- "
            inner: list[str] = []
            self.blocks(item, inner)
            # Every line after the first is indented under the marker: a sub-list or a second
            # paragraph stays inside the item (Typst reads the body by its indentation).
            first, *rest = "".join(inner).strip().split("\n")
            body = "\n".join([first, *(f"  {line}" if line else line for line in rest)])
            out.append(marker + body + gap)
        out.append("\n")

    def table(self, table: Table, out: list[str]) -> None:
        columns = len(table.header)
        header_words: list[list[str]] = []
        header_cells: list[str] = []
        for cell in table.header:
            header_cells.append(f"[{self.inlines(cell)}]")
            header_words.append(_longest(plain_text(cell).split()))
        body_pieces: list[list[str]] = [[] for _ in range(columns)]
        labels = label_columns([[plain_text(c) for c in row] for row in table.rows], columns)
        cells: list[str] = []
        for row in table.rows:
            for column, cell in enumerate(row):
                self.pieces = body_pieces[column]
                inner = self.inlines(cell)
                unbroken = column < columns and labels[column] is not None
                cells.append(f"[#text(hyphenate: false)[{inner}]]" if unbroken else f"[{inner}]")
        self.pieces = None
        for column, pieces in enumerate(labels):
            body_pieces[column] += pieces or []
        aligns = ", ".join(table.aligns)
        body = ",\n  ".join(cells)
        if "tableau" in self.functions:
            weights = table.widths or [1 / columns] * columns
            out.append(
                "#tableau(\n"
                f"  poids: ({', '.join(f'{weight:.4f}' for weight in weights)},),\n"
                f"  alignements: ({aligns},),\n"
                f"  mots-entete: ({_strings(header_words)}),\n"
                f"  mots-corps: ({_strings(_longest(p) for p in body_pieces)}),\n"
                f"  automatique: {'false' if table.widths else 'true'},\n"
                f"  entete: ({', '.join(header_cells)},),\n"
                f"  {body}\n)\n\n"
            )
            return
        sizes = (
            ", ".join(f"{100 * width:.2f}%" for width in table.widths)
            if table.widths
            else ", ".join(["auto"] * columns)
        )
        out.append(
            f"#figure(kind: table, table(columns: ({sizes},), align: ({aligns},),\n"
            f"  table.header({', '.join(header_cells)}),\n  {body}\n))\n\n"
        )

    def div(self, div: Div, out: list[str]) -> None:
        attributes = div.attributes
        name = attributes.classes[0] if attributes.classes else ""
        if name == "saut-de-page":
            out.append("#pagebreak(weak: true)\n\n")
        elif name == "sommaire":
            title = attributes.values.get("titre", "Sommaire")
            if "sommaire" in self.functions:
                out.append(f"#sommaire(titre: {string(title)})\n\n")
            else:
                out.append(f"#outline(title: {string(title)}, depth: 2)\n\n")
        elif name == "figure" and self.figure(div, out):
            return
        elif name in self.functions and name not in _RESERVED:
            out.append(f"#{name}[\n")
            self.blocks(div.blocks, out)
            out.append("]\n\n")
        else:
            self.blocks(div.blocks, out)

    def figure(self, div: Div, out: list[str]) -> bool:
        """`::: {.figure}`: the image paragraph, then the caption (figures.figure_blocks)."""
        first = div.blocks[0] if div.blocks else None
        if not isinstance(first, Paragraph) or len(first.content) != 1:
            return False
        image = first.content[0]
        if not isinstance(image, Image) or not _RESOURCE.fullmatch(image.source):
            return False
        caption: list[str] = []
        self.blocks(div.blocks[1:], caption)
        label = div.attributes.identifier
        out.append(
            f"#figure({self.image(image)}, caption: [{''.join(caption).strip()}])"
            + (f" <{label}>" if label and _LABEL.fullmatch(label) else "")
            + "\n\n"
        )
        return True

    def image(self, image: Image) -> str:
        width = image.attributes.get("width", "100%")
        width = width if _WIDTH.fullmatch(width) else "100%"
        alternative = string(plain_text(image.alt))
        return f"image({string(image.source)}, width: {width}, alt: {alternative})"

    # Inlines ----------------------------------------------------------------------------

    def inlines(self, nodes: Iterable[Inline]) -> str:
        parts: list[str] = []
        for node in nodes:
            if isinstance(node, Text):
                parts.append(self.text(node.text))
            elif isinstance(node, Wrapped):
                wrapper = _WRAPPERS[type(node)]
                parts.append(f"#{wrapper}[{self.inlines(node.children)}]")
            elif isinstance(node, LineBreak):
                parts.append("#linebreak()")
            elif isinstance(node, Link):
                parts.append(self.link(node))
            elif isinstance(node, Code):
                parts.append(f"#raw({string(node.text)})")
            elif isinstance(node, NoteReference):
                parts.append(self.note(node))
            elif isinstance(node, Span):
                name = node.classes[0] if node.classes else ""
                inner = self.inlines(node.children)
                use = name in self.functions and name not in _RESERVED
                parts.append(f"#{name}[{inner}]" if use else inner)
            elif _RESOURCE.fullmatch(node.source):
                parts.append(f"#box({self.image(node)})")
            else:
                parts.append(self.inlines(node.alt))
        return "".join(parts)

    def note(self, reference: NoteReference) -> str:
        """`[^name]`: its definition as a footnote, or the reference as typed if none."""
        blocks = self.document.notes.get(reference.name)
        if blocks is None:
            return escape(f"[^{reference.name}]")
        inner: list[str] = []
        self.blocks(blocks, inner)
        return f"#footnote[{''.join(inner).strip()}]"

    def link(self, link: Link) -> str:
        text = self.inlines(link.children)
        target = link.target
        if target.startswith("#"):
            label = target[1:]
            if label not in self.document.identifiers or not _LABEL.fullmatch(label):
                return text  # a link to nothing: its text only (Typst would refuse it)
            if "renvoi" in self.functions:
                return f"#renvoi(<{label}>)[{text}]"
            return f"#link(<{label}>)[{text}], p.~#context counter(page).at(<{label}>).first()"
        if _EXTERNAL.fullmatch(target):
            return f"#link({string(target)})[{text}]"
        return text

    def text(self, text: str) -> str:
        """Escaped text; phone numbers, addresses and identifiers as unbreakable pieces."""
        if _WORD_JOINER in text:
            return self._joined(text)
        if self.pieces is not None:
            self.pieces.extend(_unhyphenable(text))
        if not _MAYBE_UNBREAKABLE.search(text):
            return escape(text)
        parts: list[str] = []
        position = 0
        for phone in _PHONE.finditer(text):
            parts.append(self._tokens(text[position : phone.start()]))
            parts.append(self._box(phone.group(0)))
            position = phone.end()
        parts.append(self._tokens(text[position:]))
        return "".join(parts)

    def _joined(self, text: str) -> str:
        """A word the Markdown holds together with word joiners (« 15/⁠09/⁠2026 »,
        « h/⁠24 ») as one box without them: Typst writes the joiner into the PDF's text,
        where poppler's viewers read it as a space, so searching « 24 h/24 » or a date in
        the PDF found nothing and copying gave « 15/ 09/ 2026 »."""
        parts: list[str] = []
        position = 0
        for word in _JOINED_WORD.finditer(text):
            parts.append(self.text(text[position : word.start()]))
            parts.append(self._box(word.group(0).replace(_WORD_JOINER, "")))
            position = word.end()
        parts.append(self.text(text[position:]))
        return "".join(parts)

    def _tokens(self, text: str) -> str:
        parts: list[str] = []
        position = 0
        for token in _TOKEN.finditer(text):
            word = token.group(0)
            if not _MAYBE_UNBREAKABLE.search(word):
                continue
            if _ADDRESS.search(word):
                pieces = "".join(self._box(piece) for piece in _PIECE.findall(word))
            elif _IDENTIFIER.search(word) and _WORD.fullmatch(word):
                pieces = self._box(word)
            else:
                continue
            parts.append(escape(text[position : token.start()]))
            parts.append(pieces)
            position = token.end()
        parts.append(escape(text[position:]))
        return "".join(parts)

    def _box(self, piece: str) -> str:
        if self.pieces is not None:
            self.pieces.append(piece)
        return f"#box[{escape(piece)}]"


_BREAK_AFTER = re.compile(r"(?<=[-/\u2010\u2013])")
_EDGE = "".join(sorted(set("()[]{}«»“”‘’\"'.,;:!?…\u00a0\u202f")))


def _unhyphenable(text: str) -> list[str]:
    """Words of a table cell that Typst cannot hyphenate (it only hyphenates letters: a word
    with an apostrophe, « d’acculturation », or digits stays whole): they set the column's
    narrowest width. Line breaks after a hyphen or a slash remain possible."""
    found = []
    for word in text.split():
        if len(word) < 6 or word.strip(_EDGE).isalpha():
            continue
        for segment in _BREAK_AFTER.split(word):
            core = segment.strip(_EDGE + "-/\u2010\u2013")
            if len(segment) >= 6 and core and not core.isalpha():
                found.append(segment)
    return found


_RESERVED = frozenset({"tableau", "renvoi", "sommaire", "figure", "image", "heading"})
"""Layout functions the writer calls itself, never from a class name."""


def _longest(words: Iterable[str], keep: int = 3) -> list[str]:
    """The few longest words (by characters): those that may set a column's width. Ties go
    by alphabetical order: a set's order changes from one run to the next, and the same plan
    must give the same Typst source."""
    unique = sorted(set(words), key=lambda word: (-len(word), word))
    return unique[:keep]


def _strings(groups: Iterable[list[str]]) -> str:
    return "".join("(" + "".join(f"{string(word)}," for word in group) + ")," for group in groups)
