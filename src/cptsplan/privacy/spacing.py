"""What the lenient reading of phone numbers (the diffusable edition, phones.py) sees in a
text: the punctuation, symbols and HTML entities a careless or hostile author puts between
the digits of a number made spaces, character for character, so that spans found in it are
spans of the text."""

from __future__ import annotations

import re
from functools import cache

_ODD_SEPARATORS = str.maketrans(dict.fromkeys("_*,;:|\\'\"`~\u00b7\u2022\u2027\u2219", " "))
"""Punctuation that a careless or hostile author puts between the pairs of a number
(« 06 **39** 98 », « 06_39_98 », « 06,39,98 », « 06·39·98 »): the plan's text is printed as
typed, so a reader still sees the number."""
_ODD = "[" + re.escape("".join(map(chr, _ODD_SEPARATORS))) + "]"
_TIME = r"(?<![\d:])(?:[01]\d|2[0-3]):[0-5]\d(?![\d:])"
"""A time of day (« 06:30 »), which the colon above would otherwise join to its neighbours."""
_LETTER_O = r"(?<![^\W\d_])[Oo](?=\d)|(?<=\d)[Oo](?![^\W\d_])"
"""A letter O typed for a zero (« O6 39 98 10 01 », « 1O »), not inside a word (« CO2 »)."""
_LETTER_L = r"(?<![^\W\d_])[lI](?=\d)|(?<=\d)[lI](?![^\W\d_])"
"""A small L or a capital I typed for a one (« 03 53 0l 30 17 », « 06 l1 »), the same way."""


@cache
def _compiled(source: str) -> re.Pattern[str]:
    """Compiled when first needed: a `validate` reads no text leniently (issue 20)."""
    return re.compile(source)


def spaced(text: str) -> str:
    """`text` (a visible text) with times of day blanked out and the odd separators made
    spaces, character for character (spans do not move): what the lenient search reads."""
    if "&" in text:
        text = _compiled(_ENTITY).sub(_entity_read, text)
    if ":" in text:
        text = _compiled(_TIME).sub(lambda match: "x" * len(match.group(0)), text)
    text = _compiled(_LETTER_O).sub("0", text)
    text = _compiled(_LETTER_L).sub("1", text)
    text = text.translate(_ODD_SEPARATORS) if _compiled(_ODD).search(text) else text
    return _compiled(_SYMBOL_BETWEEN).sub(_blanked_symbols, text)


_ENTITY = (
    r"&(?:nbsp|ensp|emsp|thinsp|numsp|puncsp|NoBreak|#0*(?:3[2-9]|4[0-9]|5[0-7]|160|8239|8201)"
    r"|#[xX]0*(?:2[0-9a-fA-F]|3[0-9]|a0|A0|202[fF]|2009));"
)
"""An HTML entity for a space, a digit or a punctuation mark (« 06&nbsp;39&nbsp;98… »,
« &#48;&#54; 39… »): the documents print it as typed, and a reader of the source of a
web page or an e-mail signature, where such a number was copied from, reads the number."""


def _entity_read(match: re.Match[str]) -> str:
    """The entity's digit, or a space, then spaces: the same length (spans do not move)."""
    written = match.group(0)
    code = written[2:-1]
    value = int(code[1:], 16) if code[:1] in "xX" else int(code) if code[:1].isdigit() else 32
    shown = chr(value) if chr(value).isdigit() else " "
    return shown + " " * (len(written) - 1)


_SYMBOL_BETWEEN = r"\d {0,3}[^\w\s+()/.\-]{1,3} {0,3}(?=\d)"
"""Any other punctuation or symbol between two digits (« 06⁄39⁄98 » with a fraction slash,
« 06’39 », « 06 ! 39 », « 06★39 »): a reader skips it as the ones above; the list above
cannot name them all (some 8 000 characters were found printed so)."""


def _blanked_symbols(match: re.Match[str]) -> str:
    written = match.group(0)
    return written[0] + " " * (len(written) - 1)
