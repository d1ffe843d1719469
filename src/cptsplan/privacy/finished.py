"""The diffusable edition's last check, on the finished document's text (Markdown, before
pandoc and the PDF writer read it): no mobile number, for what the redaction of the data
(redact.py) cannot see, a custom template's own words, or two fields printed side by side
(« 06 39 » « 98 77 84 »), in a sentence or in two cells of a table row."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from cptsplan.privacy import REPLACEMENT
from cptsplan.privacy.bidi import OVERRIDE, reversed_spans
from cptsplan.privacy.normalise import Span, merge, replaced, visible
from cptsplan.privacy.phones import is_mobile, phone_numbers
from cptsplan.privacy.typos import mistyped_mobiles

if TYPE_CHECKING:
    from cptsplan.privacy.redact import ContactFinder

__all__ = ["REPLACEMENT", "contact_spans", "hide_mobiles"]

_CELL_BORDER = re.compile(r"(\s*(?<!\\)\|\s*)")
"""A cell's border in a Markdown pipe table (« \\| » is a pipe written in a cell's text)."""


def hide_mobiles(text: str, replacement: str, finder: ContactFinder | None = None) -> str:
    """`text` (a finished document's text) without any mobile number, nor with `finder` (the
    plan's: RedactedPlan.finder) any contact of the directory: a custom template's cover
    page that names the referent with her line and e-mail printed them."""
    found = contact_spans(text, finder)
    return replaced(text, found, lambda contact: _masked(contact, replacement))


def contact_spans(text: str, finder: ContactFinder | None = None) -> list[Span]:
    """The sorted, disjoint spans of `text` that `hide_mobiles` masks."""
    unescaped = _Unescaped(text)
    view = visible(unescaped.text)
    # Leniently, as the data's texts are read: a cell's border (« 06 12 34 | 56 78 », a
    # mobile split across two fields of a table row) is then a separator like a space.
    numbers = phone_numbers(view.text, lenient=True)
    spans = [span for span, number in numbers if is_mobile(number)]
    spans += mistyped_mobiles(view.text)
    read = [view.original(span) for span in spans]  # spans of the unescaped text
    if finder is not None:
        # Paragraph by paragraph, as the data's texts: a contact's pattern then runs only
        # where its words are (over the whole document, some sixty patterns whose words
        # are somewhere in it took 200 ms). Without the escapes too: « 06\\/07\\/2026 »
        # was no date to it either.
        start = 0
        for paragraph in unescaped.text.split("\n\n"):
            read += [(start + a, start + b) for a, b in finder.spans(paragraph)]
            start += len(paragraph) + 2
    found = merge([unescaped.original(span) for span in read])
    if OVERRIDE in text:  # a number typed backwards, shown forwards (bidi.py)
        found = merge(found + reversed_spans(text, lambda shown: contact_spans(shown, finder)))
    return found


def _masked(contact: str, replacement: str) -> str:
    """The replacement for `contact`, once in each table cell it spans: the row keeps its
    cells (one replacement for the whole number took the border out, and the table lost a
    column)."""
    parts = _CELL_BORDER.split(contact)
    if len(parts) == 1:
        return replacement
    return "".join(part if index % 2 else replacement for index, part in enumerate(parts))


_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
"""A Markdown escape: the backslash before a punctuation character (« 06\\/07\\/2026 »)."""


class _Unescaped:
    """A Markdown text without its escapes, as a reader sees it (the plan's texts are
    printed as typed: cptsplan escapes their punctuation). Read with the backslashes, a date
    « 06\\/07\\/2026 » or a time « 06\\:30 » was no date nor time, and joined to the
    number in the next cell (« | 11 février ») made a mobile: both were masked."""

    def __init__(self, text: str) -> None:
        self.escapes = [match.start() for match in _ESCAPE.finditer(text)] if "\\" in text else []
        self.text = _ESCAPE.sub("", text) if self.escapes else text
        # The position in the unescaped text where each removed backslash stood.
        self.removed = [position - index for index, position in enumerate(self.escapes)]

    def _position(self, index: int) -> int:
        return index + bisect.bisect_right(self.removed, index)

    def original(self, span: Span) -> Span:
        """The span of the escaped text; with the backslash that escaped its first
        character, which would otherwise be left before the replacement."""
        if not self.escapes:
            return span
        start, end = span
        first = self._position(start)
        last = self._position(end - 1) + 1 if end > start else first
        escape = bisect.bisect_left(self.escapes, first - 1)
        if escape < len(self.escapes) and self.escapes[escape] == first - 1:
            first -= 1
        return first, last
