"""What pandoc reads wrong in a Word document's structure: a template's own title styles, a
table of contents made without links, the example text of a form field not filled in.

pandoc makes a heading of a paragraph in Word's « Titre 1 » to « Titre 9 » styles only. A
template may have title styles of its own (« Titre Chapitre CPTS », « Niveau 1 ») that Word
shows as titles in its navigation pane because they have an outline level: read as plain
paragraphs, the whole plan was one section and its responses were not found. Such a
paragraph (its style, or a style it is based on, has an outline level) becomes a heading of
that level. The entries of a table of contents pandoc did not recognise (no links: « Cellule
de crise⇥3 ») are left out; so is the grey example text of a content control not filled in
(« Cliquez ou appuyez ici pour entrer du texte. », in a plan written in an ARS's Word form),
which would be read as a value (the crisis cell's place). Titles and entries are matched
with pandoc's blocks in document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from xml.etree import ElementTree

from cptsplan.importer.read import Block, clean, key
from cptsplan.importer.xmlparts import W as _W

_PANDOC_HEADING = re.compile(r"^heading [1-9]$", re.IGNORECASE)
_NAMED_TITLE = re.compile(
    r"^(?:titre|heading|titolo|título|titulo|überschrift|kop)\s*([1-9])$", re.IGNORECASE
)
"""A title style named in the template's language (« Titre 1 », « Titre1 »: a French
template whose styles were made by hand or copied from an old document, not Word's
built-in « heading 1 » behind a translated display name). pandoc knows only the built-in
names and Word shows these as titles only when they have an outline level; a reader sees
chapter titles, so the number in the name is the level when no outline level is set."""
LEVELS = 9
"""Word's outline levels 1 to 9 (0 to 8 in the XML); « corps de texte » is 9."""


def outline_levels(styles: ElementTree.Element | None) -> dict[str, int]:
    """Paragraph style id -> its heading level (1 for a chapter), through `basedOn`."""
    if styles is None:
        return {}
    own: dict[str, int | None] = {}
    parents: dict[str, str] = {}
    pandoc: set[str] = set()
    for style in styles.iter(f"{_W}style"):
        if style.get(f"{_W}type") != "paragraph":
            continue
        ident = style.get(f"{_W}styleId", "")
        name = style.find(f"{_W}name")
        if name is not None and _PANDOC_HEADING.match(name.get(f"{_W}val", "")):
            pandoc.add(ident)
        own[ident] = outline_level(style)
        named = named_level(name.get(f"{_W}val", "") if name is not None else "")
        if own[ident] is None and named is not None and ident not in pandoc:
            own[ident] = named
        based = style.find(f"{_W}basedOn")
        if based is not None:
            parents[ident] = based.get(f"{_W}val", "")
    levels: dict[str, int] = {}
    for ident in own:
        seen: set[str] = set()
        current: str | None = ident
        chain = []
        while current is not None and current not in seen:  # a loop of basedOn ends
            seen.add(current)
            chain.append(current)
            current = parents.get(current)
        if pandoc & set(chain):
            continue  # Word's own title styles, or based on one: pandoc's headings already
        inherited = next((own[c] for c in chain if own.get(c) is not None), None)
        if inherited is not None:
            levels[ident] = inherited
    return levels


def title_styles(styles: ElementTree.Element | None) -> set[str]:
    """Ids of Word's « Titre » style (built-in name « Title »), the first of the style
    gallery, which some plans use for every chapter title."""
    if styles is None:
        return set()
    return {
        style.get(f"{_W}styleId", "")
        for style in styles.iter(f"{_W}style")
        if (name := style.find(f"{_W}name")) is not None
        and name.get(f"{_W}val", "").casefold() == "title"
    }


CHAPTERS_IN_TITLE = 2
"""Paragraphs in Word's « Titre » style after the cover's: pandoc keeps the first as the
document's title and reads the others as plain paragraphs; from this many on they are the
plan's chapters (one more is the contents' « Sommaire »)."""


def chapter_titles(titled: list[str]) -> list[tuple[str, int]]:
    later = titled[1:]
    return [(text, 1) for text in later] if len(later) >= CHAPTERS_IN_TITLE else []


def named_level(name: str) -> int | None:
    """The level a style's name gives (« Titre 1 », « Titre1 », « Heading 2 »), or None."""
    match = _NAMED_TITLE.match(name.strip())
    return int(match.group(1)) if match else None


def outline_level(node: ElementTree.Element) -> int | None:
    """The heading level (1-9) a style or a paragraph gives itself (`w:outlineLvl`), or None."""
    level = node.find(f"{_W}pPr/{_W}outlineLvl")
    value = level.get(f"{_W}val", "") if level is not None else ""
    return int(value) + 1 if value.isdigit() and int(value) < LEVELS else None


def _keys(blocks: list[Block]) -> list[str | None]:
    """Each paragraph's `key` (None for other blocks), as titles and entries are matched."""
    return [key(b.text) if b.kind in ("para", "item") else None for b in blocks]


def promote(blocks: list[Block], outlined: list[tuple[str, int]]) -> list[Block]:
    """Each paragraph read like a title in an outlined style, in order, made a heading."""
    keys = _keys(blocks)
    start = 0
    for text, level in outlined:
        wanted = key(text)
        found = next((i for i in range(start, len(keys)) if keys[i] == wanted), None)
        if found is None or not wanted:
            continue  # pandoc made it a heading already (Word's own title styles)
        blocks[found] = replace(blocks[found], kind="heading", level=level, strong=False)
        start = found + 1
    return blocks


def drop_toc(blocks: list[Block], toc: list[str]) -> list[Block]:
    """Without the paragraphs read like the entries, one after the other as they stand: a
    bold title named like an entry elsewhere in the body is kept, and so is everything when
    pandoc already left the entries out (linked ones)."""
    keys = _keys(blocks)
    wanted = [key(entry) for entry in toc]
    dropped: set[int] = set()
    entry = 0
    while entry < len(wanted):
        start = next((i for i, k in enumerate(keys) if k == wanted[entry]), None)
        if start is None:
            entry += 1
            continue
        run = 0
        while (
            entry + run < len(wanted)
            and start + run < len(keys)
            and keys[start + run] == wanted[entry + run]
        ):
            run += 1
        if run >= min(2, len(wanted)):  # one paragraph alike is a title, not the contents
            dropped.update(range(start, start + run))
            for index in range(start, start + run):
                keys[index] = None
        entry += run
    if not dropped:
        return blocks
    kept = [block for block in blocks if block.index not in dropped]
    return [replace(block, index=index) for index, block in enumerate(kept)]


WORD_PLACEHOLDERS = frozenset(
    {
        "Cliquez ou appuyez ici pour entrer du texte.", "Cliquez ici pour entrer du texte.",
        "Cliquez ici pour taper du texte.", "Choisissez un élément.",
        "Cliquez ou appuyez pour entrer une date.", "Cliquez ici pour entrer une date.",
        "Click or tap here to enter text.", "Click here to enter text.", "Choose an item.",
        "Click or tap to enter a date.", "Click here to enter a date.",
    }
)  # fmt: skip
"""The example texts Word puts in every new content control, in French and English: never
a plan's value. Once LibreOffice saved the form (as .odt or .docx), nothing marks a field
as unfilled any more, and « Lieu de repli : Cliquez ou appuyez ici pour entrer du texte. »
made that sentence the fallback place's name."""
SHORT_PLACEHOLDER = 12
"""Characters: a shorter example text (« [Nom] ») is taken out only when it is a whole cell
or paragraph, not from inside other words."""


def unfilled(blocks: list[Block], placeholders: Iterable[str]) -> list[Block]:
    """Without the example texts of the form's unfilled fields; a block left empty goes."""

    # Longest first, then alphabetical: when one example text holds another (« Nom » in
    # « Nom du référent »), the whole one goes first, whatever the set's order.
    ordered = sorted(placeholders, key=lambda example: (-len(example), example))

    def strip(text: str) -> str:
        # Most texts hold no example at all (every text of every plan goes through here for
        # Word's own examples): left as read, already clean (read.flatten, rescue), rather
        # than searched and replaced eleven times and cleaned again (issue 18: import speed).
        if not any(example in text for example in ordered):
            return text
        for example in ordered:
            if text.strip() == example:
                return ""
            if len(example) >= SHORT_PLACEHOLDER:
                text = text.replace(example, "")
        return clean(text)

    kept = []
    for block in blocks:
        if block.kind == "table":
            block = replace(block, rows=[[strip(cell) for cell in row] for row in block.rows])
            kept.append(block)
        elif text := strip(block.text):
            kept.append(replace(block, text=text))
    return [replace(block, index=index) for index, block in enumerate(kept)]


CHECKED, UNCHECKED = "☒", "☐"
_OFF = ("0", "false", "off")


def legacy_box(field_start: ElementTree.Element) -> str | None:
    """The box a legacy check box form field (« Case à cocher », `FORMCHECKBOX`) shows, or
    None for another field. Its state is only in the field's data, which pandoc does not
    read: « ☒ Relayer l'alerte » in a form's check-list came out as « Relayer l'alerte »,
    ticked or not."""
    box = field_start.find(f"{_W}ffData/{_W}checkBox")
    if box is None:
        return None
    state = box.find(f"{_W}checked")
    if state is None:
        state = box.find(f"{_W}default")
        on = state is not None and state.get(f"{_W}val", "0").lower() not in _OFF
    else:
        on = state.get(f"{_W}val", "1").lower() not in _OFF
    return CHECKED if on else UNCHECKED


def tick(blocks: list[Block], boxed: list[str]) -> list[Block]:
    """The paragraphs that begin with a legacy check box given back their box, in order."""
    keys = _keys(blocks)
    start = 0
    for text in boxed:
        wanted = key(text)
        found = next((i for i in range(start, len(keys)) if keys[i] == wanted), None)
        if found is None or not wanted:
            continue
        block = blocks[found]
        if not block.text.startswith((CHECKED, UNCHECKED)):
            blocks[found] = replace(block, text=f"{text[0]} {block.text}", kind="para", level=0)
        start = found + 1
    return blocks


_BOX = re.compile(r"^([☐□◻❑⬜☒☑✗✘🗹🗷🗵🗶])\s+")
_TICKED = "☒☑✗✘🗹🗷🗵🗶"
"""The boxes a check-list shows: typed, a form's check boxes, or Word's Wingdings symbols
(« Insertion > Symbole », old templates), which pandoc reads as 🗹 🗷 (ticked) and ◻ □ ❑."""


def checklists(blocks: list[Block]) -> list[Block]:
    """Check-list lines (« ☒ Relayer l'alerte », « ☐ Vérifier le stock ») as list items. In
    a list where some lines are ticked, as in an ARS form's « Actions retenues (cocher) »,
    only the ticked ones are items (the plan's actions): an unticked line stays a paragraph
    with its box, kept as text, so that what the CPTS did not choose is neither taken as
    chosen nor lost. A list where nothing is ticked is a to-do list: every line an item."""
    runs: list[list[int]] = []
    previous = -2
    for index, block in enumerate(blocks):
        if block.kind in ("para", "item") and _BOX.match(block.text):
            if index != previous + 1:
                runs.append([])
            runs[-1].append(index)
            previous = index
    for run in runs:
        marks = [_BOX.match(blocks[i].text).group(1) for i in run]  # type: ignore[union-attr]
        chosen = any(mark in _TICKED for mark in marks)
        for index, mark in zip(run, marks, strict=True):
            block = blocks[index]
            if chosen and mark not in _TICKED:
                blocks[index] = replace(block, kind="para", level=0)
            elif len(block.text) > len(mark) + 1:
                text = _BOX.sub("", block.text)
                blocks[index] = replace(block, kind="item", level=max(block.level, 1), text=text)
    return blocks


TITLE_POINTS = 14
"""A paragraph in a font this big (points) or bigger, and bigger than the body text, all of
it, short and not ending a sentence, is a title written by hand."""
TITLE_WORDS = 14
MIN_TITLES = 3


def sized_titles(
    body: ElementTree.Element | None, styles: ElementTree.Element | None
) -> list[tuple[str, int]]:
    """Titles made by enlarging the text of a Normal paragraph, as a Google Docs plan leaves
    them (its « Titre 1 » is 20 pt and not bold; copied between documents, the style goes and
    the size stays): read as plain paragraphs, the plan was one section. Level 1 for the
    biggest size, 2 for the next, and so on. Only the body's own paragraphs (not cells),
    after the first paragraph of body text (the cover's big lines are not chapters), and
    only when there are MIN_TITLES of them at least."""
    if body is None:
        return []
    base = _body_size(styles)
    found: list[tuple[str, float]] = []
    body_text = False  # the cover's big lines (name, title) come before any body text
    for paragraph in body.findall(f"{_W}p"):
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        if style is not None and style.get(f"{_W}val", "Normal") != "Normal":
            continue
        sizes = set()
        text = ""
        for run in paragraph.findall(f"{_W}r"):
            run_text = "".join(t.text or "" for t in run.findall(f"{_W}t"))
            if not run_text.strip():
                continue
            size = run.find(f"{_W}rPr/{_W}sz")
            value = size.get(f"{_W}val", "") if size is not None else ""
            # The document's own text (« 28.5 » from another program): a number, or the body's.
            sizes.add(int(value) if value.isdigit() else base)
            text += run_text
        text = clean(text)
        if body_text and len(sizes) == 1 and is_sized_title(text, min(sizes) / 2, base / 2):
            found.append((text, min(sizes) / 2))
        elif text:
            body_text = True
    return ranked(found)


def is_sized_title(text: str, points: float, base: float) -> bool:
    """Big (TITLE_POINTS or more, and bigger than the body text), short, not a sentence."""
    return (
        points >= max(TITLE_POINTS, base + 2)
        and 0 < len(text.split()) <= TITLE_WORDS
        and not text.endswith((".", ";", ","))
    )


def ranked(found: list[tuple[str, float]]) -> list[tuple[str, int]]:
    """Level 1 for the biggest size, and so on; none under MIN_TITLES titles (a big line or
    two, a warning or a slogan, is not the plan's outline)."""
    if len(found) < MIN_TITLES:
        return []
    ranks = sorted({size for _, size in found}, reverse=True)
    return [(text, min(ranks.index(size) + 1, LEVELS)) for text, size in found]


def _body_size(styles: ElementTree.Element | None) -> int:
    """The body text's size in half-points: the Normal style's, or the document default."""
    if styles is not None:
        for path in (f"{_W}style[@{_W}styleId='Normal']/{_W}rPr/{_W}sz",
                     f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz"):  # fmt: skip
            size = styles.find(path)
            if size is not None and size.get(f"{_W}val", "").isdigit():
                return int(size.get(f"{_W}val", "24"))
    return 24
