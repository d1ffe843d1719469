"""Lines of a plan pasted from a PDF, joined back into their paragraphs.

Copying a PDF (Acrobat, a browser) gives one paragraph per printed line: a sentence is cut in
the middle, a word is hyphenated at a line's end (« coordina- » then « tion »), a list item goes
on over the next line. Read line by line, a référent named across two lines or an action printed
over two lines was not found. A paragraph that starts with a lower-case letter continues the one
before when that one does not end a sentence, and so does one after a line that ends on
« à la », « de » or « est »; a word hyphenated at the line's end is joined whole; a
title in capitals goes on over the next line in capitals. The page numbers pasted with the
text (« Page 3 / 12 », two of them at least) are left out, and so are the copies of the
running header printed before them (its first copy is kept), so that a sentence cut by a page
is joined too. Nothing else is dropped: the words stay in their order.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cptsplan.importer.read import Block

_ENDS_SENTENCE = (".", "!", "?", ":", ";", "»")
_HYPHENATED = re.compile(r"(?<=[a-zà-ÿ])-$")


def _continues(text: str) -> bool:
    """Starts with a lower-case word, or a bracket or quote before one (« (neige, ... »)."""
    start = text.lstrip("(«\"' \u00a0")
    return start[:1].islower()


_FUNCTION_WORDS = frozenset(
    {"le", "la", "les", "l'", "un", "une", "de", "du", "des", "d'", "à", "au", "aux", "en",
     "et", "ou", "par", "pour", "avec", "sur", "dans", "chez", "est", "sont", "son", "sa",
     "ses", "leur", "leurs", "vers", "entre"}
)  # fmt: skip
"""A paragraph does not end on « à la » or « est »: the next line, even one that starts with
a capital (« MSP des Bois Noirs »), goes on with it."""


def _cut_after(text: str) -> bool:
    words = text.rstrip().rsplit(None, 1)
    return bool(words) and words[-1].casefold().replace("’", "'") in _FUNCTION_WORDS


_NUMBERED = re.compile(r"^\s*(?:\d+|[IVX]+|[A-Z])\s*[.)–-]|^\s*T\d")


def _capitals_go_on(previous: str, text: str) -> bool:
    """A title in capitals printed over two lines (« PLAN DE GESTION DES SITUATIONS
    SANITAIRES » then « EXCEPTIONNELLES »): two lines in capitals, the second not a numbered
    title of its own (« 1. ORGANISATION », « T1 – AFFLUX »), the first not one either, and
    long enough to have been cut by the page's width (« PLAN SSE » over « CPTS DU FOREZ »
    on a cover are two lines)."""
    return (
        len(previous.strip()) >= _WRAPPED
        and _capitals(previous)
        and _capitals(text)
        and not _NUMBERED.match(text)
        and not _NUMBERED.match(previous)
    )


_WRAPPED = 30
"""Characters of a line in capitals that the page's width cut (a title's first line)."""


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


_PAGE = re.compile(r"^(?:page\s*)?\d{1,4}\s*(?:(?:/|sur|of)\s*\d{1,4})?$", re.IGNORECASE)
"""« Page 3 / 12 », « 3 sur 12 », « 7 »: the page number a PDF copy leaves in the text."""


def _page_furniture(blocks: list[Block]) -> set[int]:
    """The page numbers pasted with the text, and the running header or footer printed just
    before each of them when the same line is there on two pages at least; the header's
    first copy is kept (it may be the only place the document says its version)."""
    pages = [b.index for b in blocks if b.kind == "para" and _PAGE.match(b.text.strip())]
    if len(pages) < 2:
        return set()  # one number alone is not a page's furniture
    texts = {b.index: b.text for b in blocks}
    running: dict[str, list[int]] = {}
    for page in pages:
        before = texts.get(page - 1, "")
        if before and page - 1 not in pages:
            running.setdefault(before, []).append(page - 1)
    repeated = [places[1:] for places in running.values() if len(places) > 1]
    return set(pages) | {index for places in repeated for index in places}


def reflow(blocks: list[Block]) -> list[Block]:
    furniture = _page_furniture(blocks)
    kept: list[Block] = []
    for block in blocks:
        if block.index in furniture:
            continue
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.kind in ("para", "item")
            and block.kind == "para"
            and not block.strong
            and not previous.strong
            and not previous.text.rstrip().endswith(_ENDS_SENTENCE)
            and (
                _continues(block.text)
                or _cut_after(previous.text)
                or _capitals_go_on(previous.text, block.text)
            )
        ):
            head = previous.text.rstrip()
            if _HYPHENATED.search(head):
                text = head[:-1] + block.text.lstrip()
            else:
                text = f"{head} {block.text.lstrip()}"
            kept[-1] = replace(previous, text=text)
            continue
        kept.append(block)
    if len(kept) == len(blocks):
        return blocks
    return [replace(block, index=index) for index, block in enumerate(kept)]
