"""Words that must never be split across two lines.

Dates (« 30 septembre 2026 »), phone numbers (« 06 39 98 10 03 ») and « 24 h/24 » get
no-break spaces (and « 24 h/24 » an invisible word joiner after its slash), in tables and in
text: a word processor then never splits them across two lines. Only invisible characters
change, so every format (DOCX, PDF, HTML) shows the same characters.
"""

from __future__ import annotations

import re

from cptsplan.schema.periods import MONTHS_FR

NBSP = "\u00a0"
WORD_JOINER = "\u2060"
"""Invisible, forbids a line break: after the slash of « 24 h/24 » (a slash allows one)."""

_MONTHS = "|".join(MONTHS_FR)
_DATE = re.compile(rf"\b(1er|[0-9]{{1,2}}) ({_MONTHS}) ([0-9]{{4}})\b")
# A French or international number as the templates print it: « 06 39 98 10 03 »,
# « +33 6 39 98 10 03 », « 03\.20\.00\.00\.00 » (punctuation is backslash-escaped).
_PHONE = re.compile(
    r"(?<![0-9\\])(?:\\\+[0-9]{1,3}(?: |\\\.)?(?:\\\(0\\\) ?)?)?[0-9]{1,2}"
    r"(?:(?: |\\\.|\\-)?[0-9]{2}){4}(?![0-9])"
)


_ROUND_THE_CLOCK = re.compile(r"\b([0-9]{1,2}) ?([hj]) ?(\\?/) ?([0-9]{1,2})\b")
"""« 24 h/24 », « 7 j/7 » (the slash may be escaped in Markdown)."""


def keep_together(markdown: str) -> str:
    """No-break spaces inside dates, phone numbers and « 24 h/24 », wherever they are
    printed.

    Each of them holds digits and none runs over a line end (their spaces are plain
    spaces), and a line end, like the text's ends, is neither a word character nor a digit
    for their boundaries: only the lines with a digit are searched, a third of a document's,
    with the same result as searching it whole (tests/test_render_speed_paths.py)."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if _DIGIT.search(line):
            lines[index] = _keep_line_together(line)
    return "\n".join(lines)


_DIGIT = re.compile("[0-9]")


# What every match of the patterns above holds, in patterns that start on a character (the
# engine then skips to it): _DATE, _PHONE and _ROUND_THE_CLOCK begin with a word boundary or
# a lookbehind, which makes the engine try them at every position of the line (9 ms on the
# example's 568 lines with a digit; a line without the hint cannot match, so it is skipped).
_DATE_HINT = re.compile(rf"[0-9r] (?:{_MONTHS}) [0-9]")
_PHONE_HINT = re.compile(r"[0-9]{2}(?:(?: |\\[.-])?[0-9]{2}){3}")
_ROUND_THE_CLOCK_HINT = re.compile(r"[hj] ?\\?/")


def _keep_line_together(line: str) -> str:
    if _DATE_HINT.search(line):
        line = _DATE.sub(lambda match: NBSP.join(match.groups()), line)
    if "/" in line and _ROUND_THE_CLOCK_HINT.search(line):
        line = _ROUND_THE_CLOCK.sub(lambda m: f"{m[1]}{NBSP}{m[2]}{m[3]}{WORD_JOINER}{m[4]}", line)
    if _PHONE_HINT.search(line):
        line = _PHONE.sub(lambda match: match.group(0).replace(" ", NBSP), line)
    return line


# French typography: a no-break space before « : ; ! ? » (written after a word, escaped or
# not, followed by a space or the line's end) and inside guillemets. Never at the start of a
# line or after a pipe: a table's separator (`| :--- |`) and a fenced div (`:::`) stay.
# The patterns here start on the space, sign or « 1er » they replace and look behind it
# afterwards (`(?<=x )` after the space, not `(?<=x)` before it: the same matches): a
# pattern that starts with a lookbehind is tried at every position of the document, the
# base64 of its images included (12 ms on the example for these four, 1 ms so).
_BEFORE_PUNCTUATION = re.compile(r" (?<=[^\s|] )(\\?[:;!?])(?=\s|$)", re.MULTILINE)
_AFTER_OPENING = re.compile(r"« ")
_BEFORE_CLOSING = re.compile(r" (?<=\S )»")


def french_spacing(markdown: str) -> str:
    """« Exercice sur table « / Braderie » and « … / : 06 39 98 10 06 » were line breaks
    that Word and LibreOffice made at the plain space before a colon or inside guillemets:
    the DOCX gets the no-break spaces French typography writes there. (Typst, as the
    Unicode line breaking rules say, already never breaks there: the PDF is unchanged.)"""
    if "«" in markdown:
        markdown = _BEFORE_CLOSING.sub(NBSP + "»", _AFTER_OPENING.sub("«" + NBSP, markdown))
    return _BEFORE_PUNCTUATION.sub(lambda match: NBSP + match[1], markdown)


_FIRST_OF_MONTH = re.compile(rf"1er(?<![\w^]1er)(?={NBSP}(?:{_MONTHS})\b)")


def raised_ordinals(markdown: str) -> str:
    """« 1^er^ décembre 2025 »: the first of a month with its « er » raised, as French
    typography and Word's own correction write it. Applied to the DOCX, HTML and PDF (after
    `keep_together`, whose no-break space marks a date); the Markdown export keeps « 1er »,
    which GitHub's Markdown has no way to raise."""
    if "1er" not in markdown:
        return markdown
    return _FIRST_OF_MONTH.sub("1^er^", markdown)


UNBROKEN_SPACE = NBSP + WORD_JOINER
"""Between the words of an `insecable` value (filters.unbroken): the joiner makes the PDF
writer print them as one box, which Typst never hyphenates."""
_BOX_JOINER = re.compile(rf"{WORD_JOINER}(?<!/{WORD_JOINER})")
"""Every joiner but those after a slash (« 24 h/⁠24 », dates written 15/⁠09/⁠2026)."""


def without_box_joiners(markdown: str) -> str:
    """The DOCX, HTML and Markdown keep only the no-break spaces of `insecable` values (a
    word processor never hyphenates them anyway): a joiner left in would stay in copied text
    and make Word's search miss « typologie T1 ». The joiners of « 24 h/⁠24 » and of dates
    (after a slash, before a digit) stay."""
    if WORD_JOINER not in markdown:
        return markdown
    return _BOX_JOINER.sub("", markdown)
