"""Lines of a plan pasted from a PDF, joined back into their paragraphs.

Copying a PDF (Acrobat, a browser) gives one paragraph per printed line: a sentence is cut
in the middle, a word is hyphenated at a line's end (« coordina- » then « tion »), a list
item goes on over the next line. Read line by line, a référent named across two lines or an
action printed over two lines was not found. A paragraph that starts with a lower-case
letter continues the one before when that one does not end a sentence; a word hyphenated
at the line's end is joined whole. Nothing is dropped: the words stay in their order.
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


def reflow(blocks: list[Block]) -> list[Block]:
    kept: list[Block] = []
    for block in blocks:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.kind in ("para", "item")
            and block.kind == "para"
            and not block.strong
            and not previous.strong
            and _continues(block.text)
            and not previous.text.rstrip().endswith(_ENDS_SENTENCE)
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
