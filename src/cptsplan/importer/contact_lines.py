"""Directory entries written as lines of text: a plan pasted from a PDF loses its tables, and
each row of the directory becomes one line, its cells run together (« Christine ROCHE
Médecin généraliste 07 81 00 00 30 christine.roche@cpts.example »). Under the directory's
heading, a paragraph with a phone number or an e-mail address is one entry: what comes
before the first number or address is the name, then the function when the name is printed
« Prénom NOM » or « NOM Prénom » (the name in capitals, as French lists print it); anything
else before it stays whole as the entry's name (an organisation: « SAMU 42 – Centre 15
Régulation médicale »): nothing is split on a guess. Only when the directory has no table
(a table's directory has its remarks as lines), and only a line that ends with its numbers
and addresses (a sentence that gives a number goes on with words)."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.contact_words import EMAIL
from cptsplan.importer.contacts import is_organisation, row_entry
from cptsplan.importer.draft import Draft
from cptsplan.importer.person_names import TITLES
from cptsplan.messages.categories import unwritten_category
from cptsplan.privacy.phones import phone_numbers

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_FIRST = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_LAST = rf"[{_UPPER}][{_UPPER}'’-]+(?:\s+[{_UPPER}][{_UPPER}'’-]+)*"
_PERSON = (
    re.compile(rf"^(?P<first>{_FIRST})\s+(?P<last>{_LAST})(?=\s|$)\s*(?P<rest>.*)$"),
    re.compile(rf"^(?P<last>{_LAST})\s+(?P<first>{_FIRST})(?=\s|$)\s*(?P<rest>.*)$"),
)
_COLUMNS = {"nom": [0], "prenom": [1], "fonction": [2], "telephone": [3]}
MAX_TAIL_WORDS = 2
"""Words after the first number other than numbers and addresses: a row ends with them."""
MAX_LINE = 300
"""Characters: a longer paragraph is prose that mentions a number, not a directory row."""


def read_directory_lines(draft: Draft) -> None:
    entries: list[dict[str, Any]] = draft.data.setdefault("annuaire", [])
    blocks = draft.in_section("annuaire")
    if any(block.kind == "table" for block in blocks):
        return  # a directory kept as a table: its lines of text are remarks, not rows
    for block in blocks:
        if (
            block.kind not in ("para", "item")
            or block.index in draft.headings
            or (block.index, -1) in draft.taken
            or len(block.text) > MAX_LINE
            or "\n" in block.text
        ):
            continue
        spans = [span for span, _number in phone_numbers(block.text)]
        spans += [match.span() for match in EMAIL.finditer(block.text)]
        starts = [start for start, _end in spans]
        if not starts:
            continue
        head = block.text[: min(starts)].strip(" –-:,;")
        tail = block.text[min(starts) :]
        for start, end in sorted(spans, reverse=True):
            tail = tail[: max(start - min(starts), 0)] + " " + tail[end - min(starts) :]
        if not head or len(re.findall(r"\w{2,}", tail)) > MAX_TAIL_WORDS:
            continue  # « ... (03 53 01 00 21), jours ouvrés de 9 h à 17 h »: a sentence
        row = [head, "", "", block.text[min(starts) :]]
        words = head.split()
        title = words[0] if words and words[0].lower() in TITLES else ""
        named = " ".join(words[1:]) if title else head
        # « ARS Occitanie », « EHPAD Les Tilleuls » have the « NOM Prénom » shape too: an
        # organisation's line stays whole (its category is read from its name below).
        for pattern in () if is_organisation(named) else _PERSON:
            match = pattern.match(named)
            if match:
                row = [match["last"], match["first"], match["rest"], row[3]]
                break
        entry = row_entry(draft, row, _COLUMNS)
        if entry is None:
            continue
        if named_category := unwritten_category(entry):
            entry["categorie"] = named_category
        entries.append(entry)
        # The line's pieces, each compared with the entry (its number in E.164): a line read
        # whole into the entry is not also kept as text.
        pieces = [*row[:3], *(block.text[start:end] for start, end in spans)]
        draft.take(block, values=[piece for piece in pieces if piece.strip()])
        draft.record("annuaire", ("annuaire", len(entries) - 1), block)
