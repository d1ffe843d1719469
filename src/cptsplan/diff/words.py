"""Changed text shown word by word."""

from __future__ import annotations

import difflib

Ops = list[tuple[str, str]]


def word_diff(old: str, new: str) -> Ops:
    """("egal" | "supprime" | "ajoute", words) runs; a replaced run is a deletion then an
    insertion. Words are split on any space, so a re-wrapped paragraph is not a change."""
    before, after = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    ops: Ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("egal", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("supprime", " ".join(before[i1:i2])))
        if j2 > j1:
            ops.append(("ajoute", " ".join(after[j1:j2])))
    return ops


def shorten_equal(ops: Ops, context: int = 6) -> Ops:
    """For reading: long unchanged runs cut to a few words around the changes."""
    result: Ops = []
    for index, (op, text) in enumerate(ops):
        words = text.split()
        if op != "egal" or len(words) <= 2 * context:
            result.append((op, text))
            continue
        head = words[:context] if index > 0 else []
        tail = words[-context:] if index < len(ops) - 1 else []
        result.append((op, " ".join([*head, "…", *tail])))
    return result
