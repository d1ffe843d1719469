"""Text typed backwards behind a right-to-left override (U+202E): every reader shows it
reversed. « 71 01 89 93 60 » after U+202E is stored as a landline of the West that nobody
has, and printed, by Word, the browser and the PDF, as the mobile « 06 39 98 10 17 ». The
searches read the stored order (normalise.py drops the override as an invisible character):
the run is read again in the order it is shown, and hidden whole when it shows a contact.
French plans have no use for an override: nothing else is hidden."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from cptsplan.privacy.normalise import Span

OVERRIDE = "\u202e"
_RUN = re.compile("\u202e([^\u202c\u2069\n\u2029]*)\u202c?")
"""An override and what it reverses: up to its end (PDF), the end of an isolate that holds
it (PDI), or the end of the line."""
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def shown_runs(text: str) -> Iterator[tuple[Span, str]]:
    """Each overridden run of `text` (with its override and its end) and the text a reader
    sees there."""
    for match in _RUN.finditer(text):
        yield match.span(), _CONTROLS.sub("", match.group(1))[::-1]


def reversed_spans(text: str, spans: Callable[[str], list[Span]]) -> list[Span]:
    """The overridden runs of `text` in which `spans` (a search for contacts) finds one when
    read as shown; none in a text without an override (the usual case, one `in` test)."""
    if OVERRIDE not in text:
        return []
    return [span for span, shown in shown_runs(text) if spans(shown)]
