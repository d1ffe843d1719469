"""The plan's next review as documents announce it: « Prochaine révision : mars 2026 »,
« Révision prévue en 2027 », « À réviser avant le 30/06/2026 ».

A day (« avant le 30/06/2026 ») is `document.date_prochaine_revue` (identity.py). That field
takes a whole day only (docs/format.md: `cptsplan update` sets it and compares it to the
day), so a month or a year is not put there: no day is invented. The sentence is kept as
written in `evaluer.revue_annuelle.modalites` (« Qui revoit le plan, comment, à quelle
période »), its comment saying that the date of the next review is still to write."""

from __future__ import annotations

import re

from cptsplan.importer.dates import parse_date, parse_period_text
from cptsplan.importer.draft import Draft
from cptsplan.importer.read import Block
from cptsplan.importer.sections import plain

REVIEW_WORDS = (
    "prochaine revue",
    "prochaine mise a jour",
    "prochaine revision",
    "prochaine actualisation",
    "revision prevue",
    "revue prevue",
    "mise a jour prevue",
    "a reviser",
    "a revoir",
    "sera revise",
    "sera mis a jour",
    "sera actualise",
)
"""Words (after `plain`) of a sentence announcing the plan's next review."""
_YEAR = re.compile(r"\b20\d\d\b")
_LONGEST = 200
MODALITES = ("evaluer", "revue_annuelle", "modalites")


def announces_review(text: str) -> bool:
    lowered = plain(text)
    return any(words in lowered for words in REVIEW_WORDS)


def read_review_period(draft: Draft) -> None:
    """A short paragraph, or a row « Prochaine revue | Décembre 2027 » of a two-column
    table, not placed yet, that announces the next review by a month, a season of the year
    or a year and gives no day. Run after the prose is placed (placing.place_prose), so that
    the modalities a review section writes come first and this sentence follows them."""
    for block in draft.blocks:
        if block.index in draft.headings:
            continue
        if block.kind in ("para", "item") and (block.index, -1) not in draft.taken:
            if _keep(draft, block, block.text, None):
                draft.take(block)
        elif block.kind == "table" and block.rows and len(block.rows[0]) == 2:
            for index, row in enumerate(block.rows):
                if (block.index, index) in draft.taken or len(row) != 2 or not row[0]:
                    continue
                if _keep(draft, block, f"{row[0]} : {row[1]}", index):
                    draft.take(block, index, values=list(row))


def _keep(draft: Draft, block: Block, text: str, row: int | None) -> bool:
    text = " ".join(text.split())
    if len(text) > _LONGEST or not announces_review(text) or parse_date(text) is not None:
        return False
    if parse_period_text(text) is None and not _YEAR.search(text):
        return False
    review = draft.section(*MODALITES[:2])
    before = review.get(MODALITES[2])
    review[MODALITES[2]] = f"{before}\n\n{text}" if before else text
    if before is None:
        draft.record("libelles", MODALITES, block, row)
        draft.origins[MODALITES] += (
            " ; la date de prochaine revue (document.date_prochaine_revue) est un jour :"
            " à écrire une fois fixé"
        )
    else:
        draft.placed.setdefault((block.index, -1 if row is None else row), []).append(MODALITES)
    return True
