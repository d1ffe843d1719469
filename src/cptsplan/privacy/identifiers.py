"""Identifiers in the diffusable edition: never printed (items are shown by name), but one
that holds a contact (« dr-roux-0639980015 ») becomes an anchor of the HTML and of the
Markdown when it names a figure. They are renamed, with every reference to them, rather
than scrubbed like a text (redact.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

NOT_REDACTED = frozenset({"id"})
"""Identifiers are never printed (items are shown by name) and must keep matching the
references to them."""
_DIGIT = re.compile(r"\d")
_MIN_NUMBER = 8


def masked_ids(
    data: Any,
    scrub: Callable[[str], str],
    needles: re.Pattern[str] | None,
    replacement: str,
) -> dict[str, str]:
    """Identifier -> its new name, for the identifiers that hold a contact (« dr-roux-
        0639980015 »): identifiers are not printed, but a figure's becomes an anchor of the HTML
        and of the Markdown. The new name keeps the rest of it (« dr-roux-masque »), and the
        references to it, which are the same text, are renamed alike. `scrub` and `needles`: the
    plan's ContactFinder's (redact.py), given apart so that this module does not import it."""
    renamed: dict[str, str] = {}
    taken = set(_identifiers(data))
    for identifier in sorted(taken):
        # An identifier is lowercase letters, digits, - and _: without eight digits or a
        # word of a contact, it holds none (and most identifiers are read no further).
        if len(_DIGIT.findall(identifier)) < _MIN_NUMBER and not (
            needles is not None and needles.search(identifier)
        ):
            continue
        scrubbed = scrub(identifier)
        if scrubbed == identifier:  # nothing hidden: a found span is always replaced
            continue
        base = re.sub(r"-{2,}", "-", scrubbed.replace(replacement, "-masque-")).strip("-")
        name, count = base, 1
        while name in taken:
            count += 1
            name = f"{base}-{count}"
        taken.add(name)
        renamed[identifier] = name
    return renamed


def _identifiers(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for name, item in value.items():
            if name in NOT_REDACTED and isinstance(item, str):
                yield item
            else:
                yield from _identifiers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _identifiers(item)
