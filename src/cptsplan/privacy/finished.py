"""The diffusable edition's last check, on the finished document's text (Markdown, before
pandoc and the PDF writer read it): no mobile number, for what the redaction of the data
(redact.py) cannot see, a custom template's own words, or two fields printed side by side
(« 06 39 » « 98 77 84 »), in a sentence or in two cells of a table row."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cptsplan.privacy.normalise import merge, replaced, visible
from cptsplan.privacy.phones import is_french_mobile, phone_numbers
from cptsplan.privacy.redact import REPLACEMENT
from cptsplan.privacy.typos import mistyped_mobiles

if TYPE_CHECKING:
    from cptsplan.privacy.redact import ContactFinder

__all__ = ["REPLACEMENT", "hide_mobiles"]

_CELL_BORDER = re.compile(r"(\s*(?<!\\)\|\s*)")
"""A cell's border in a Markdown pipe table (« \\| » is a pipe written in a cell's text)."""


def hide_mobiles(text: str, replacement: str, finder: ContactFinder | None = None) -> str:
    """`text` (a finished document's text) without any mobile number, nor with `finder` (the
    plan's: RedactedPlan.finder) any contact of the directory: a custom template's cover
    page that names the referent with her line and e-mail printed them."""
    view = visible(text)
    # Leniently, as the data's texts are read: a cell's border (« 06 12 34 | 56 78 », a
    # mobile split across two fields of a table row) is then a separator like a space.
    numbers = phone_numbers(view.text, lenient=True)
    found = [view.original(span) for span, number in numbers if is_french_mobile(number)]
    found += [view.original(span) for span in mistyped_mobiles(view.text)]
    if finder is not None:
        # Paragraph by paragraph, as the data's texts: a contact's pattern then runs only
        # where its words are (over the whole document, some sixty patterns whose words
        # are somewhere in it took 200 ms).
        start = 0
        for paragraph in text.split("\n\n"):
            found += [(start + a, start + b) for a, b in finder.spans(paragraph)]
            start += len(paragraph) + 2
    return replaced(text, merge(found), lambda contact: _masked(contact, replacement))


def _masked(contact: str, replacement: str) -> str:
    """The replacement for `contact`, once in each table cell it spans: the row keeps its
    cells (one replacement for the whole number took the border out, and the table lost a
    column)."""
    parts = _CELL_BORDER.split(contact)
    if len(parts) == 1:
        return replacement
    return "".join(part if index % 2 else replacement for index, part in enumerate(parts))
