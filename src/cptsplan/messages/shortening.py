"""Texts cut for a message line at a word's end, never within a word: « … la cellule de
crise » rather than « …ellule de crise » (a word cut in two reads as a typo of the plan)."""

from __future__ import annotations


def whole_words(text: str, limit: int, from_end: bool = False) -> str:
    """At most `limit` characters of `text` (spaces already single), its first ones or, with
    `from_end`, its last ones, cut between two words; a single word longer than that is the
    only thing cut within."""
    if len(text) <= limit:
        return text
    if from_end:
        kept = text[-limit:]
        space = -1 if text[-limit - 1] == " " else kept.find(" ")  # -1: cut between words
        return kept[space + 1 :] if space < len(kept) - 1 else kept
    kept = text[:limit]
    space = limit if text[limit] == " " else kept.rfind(" ")
    return kept[:space].rstrip(" ,;:") if space > 0 else kept


def shorten(text: str, limit: int = 60) -> str:
    """`text` on one line in at most `limit` characters, '…' where it is cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else whole_words(text, limit - 1) + "…"
