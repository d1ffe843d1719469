"""A label such as « **Enseignements** : » stays on the page of what it introduces.

The templates introduce a list or a table with a bold (or italic) label on a line of its
own. Printed
as the last line of a page, with its list on the next, it reads as a loose end (issue 17:
« Enseignements : » alone at the foot of page 31). Every such label is put in a
`::: {.intertitre custom-style="Intertitre"}` block: plan-sse.typ makes it a sticky block
(kept with the next one), reference.docx's « Intertitre » style keeps it with the next
paragraph in Word. Done on the Markdown, so that custom templates get it too.
"""

from __future__ import annotations

import re

_LABEL = re.compile(
    r"\*\*[^*\n]{1,120}\*\*(?:[ \u00a0]?:)?[ \u00a0]*|\*[^*\n]{1,120}\*[ \u00a0]?:[ \u00a0]*"
)
"""« **Enseignements** : », « *Missions* : », or a bold line alone (a person's name above
their missions)."""
_HEADING = re.compile(r"#{1,6} ")
OPEN = '::: {.intertitre custom-style="Intertitre"}'


def keep_labels_with_next(markdown: str) -> str:
    lines = markdown.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 2] if index + 2 < len(lines) else ""
        if (
            _LABEL.fullmatch(line)
            and (index == 0 or not lines[index - 1].strip())
            and index + 1 < len(lines)
            and not lines[index + 1].strip()
            and following.strip()
            and not _HEADING.match(following)
            and not following.startswith(":::")
        ):
            out += [OPEN, line, ":::"]
        else:
            out.append(line)
    return "\n".join(out)
