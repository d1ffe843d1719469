"""Turning plan values into Pandoc Markdown that can only ever mean plain text.

The plan is data: every value printed by a template goes through `escape_inline` (the Jinja
environment's `finalize`), which backslash-escapes all ASCII punctuation. Pandoc's Markdown
accepts an escape before any ASCII punctuation, so no plan string can open a heading, a list,
a table cell, a link, an image, a raw block, a span or a div. Markup that templates build on
purpose (tables, lists, paragraphs) is returned as `Markdown`, which `finalize` prints as is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from cptsplan.messages.dates import french_date, of_fr, when_fr
from cptsplan.privacy.safetext import xml_text
from cptsplan.render.nobreak import UNBROKEN_SPACE, WORD_JOINER
from cptsplan.schema.periods import Period, date_or_period
from cptsplan.schema.placeholders import DISPLAY, ToComplete


class Pending(str):
    """A value still « A_COMPLETER », as templates see it: true (so that a section that only
    holds placeholders is shown) and printed « à compléter », in italics."""

    __slots__ = ()


class PendingFlag(Pending):
    """A yes/no value still « A_COMPLETER »: false, so that no template prints "yes"
    (« 24 h/24 », « PCS : oui ») for what is not known; printed « à compléter »."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return False


PENDING = Pending(DISPLAY)
PENDING_FLAG = PendingFlag(DISPLAY)


def displayable(value: Any, draft: bool = False) -> Any:
    """A copy of plan data with every `ToComplete` turned into `PENDING` (`PENDING_FLAG` for
    yes/no values), for templates. In a draft, what follows the marker (« A_COMPLETER :
    adresse du siège ») is what the drafting team needs to read: it is printed after
    « à compléter »; a document ready to send keeps the plain « à compléter »."""
    if isinstance(value, ToComplete):
        if value.flag:
            return PENDING_FLAG
        text = str(value)
        if draft and value.hint.strip():
            text = f"{text} : {value.hint.strip()}"
        return Pending(text) if text != DISPLAY else PENDING
    if isinstance(value, dict):
        return {key: displayable(item, draft) for key, item in value.items()}
    if isinstance(value, list):
        return [displayable(item, draft) for item in value]
    return value


class Markdown(str):
    """Markdown produced by a template or a helper of this module: printed without escaping.

    Only code of cptsplan (and template authors) create it; plan values never are.
    """

    __slots__ = ()


_PUNCTUATION = re.compile(r"""[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]""")
# Every whitespace run except the no-break spaces of French typography ("10 %", "« a »").
_WHITESPACE = re.compile(r"[ \t\r\n\f\v\u0085\u2028\u2029]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\r?\n[ \t]*)+")


def plain(value: object) -> str:
    """A value as one line of text: dates in long French form, whitespace collapsed."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return date_fr(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return integer_text(value)
    # Controls, surrogates and non-characters (U+FFFE...) have no place in a document, and
    # one of them makes a DOCX unreadable (XML 1.0 forbids them): removed from every value.
    text = xml_text(str(value))
    # Not stripped: a template may print " ; " on purpose. One space never starts a block.
    # A printable text (no line end, tab or other separator) without two spaces in a row has
    # nothing to collapse: most values, left without a pass of the pattern that would
    # replace each of their spaces by a space (3 ms for the example's 3,000 values).
    if "  " in text or not text.isprintable():
        text = _WHITESPACE.sub(" ", text)
    return text


def escape_inline(value: object) -> str:
    """Escape a value for any inline position: paragraph, heading, list item, table cell.

    Whitespace (newlines included) is collapsed, so a value can neither end a table row nor
    start a new block; the typewriter apostrophe becomes the French one."""
    text = plain(value).replace("'", "\u2019")
    return _PUNCTUATION.sub(_backslash, text)


def _backslash(sign: re.Match[str]) -> str:
    # (Faster than a translation table or a "\\\g<0>" template: most values hold few signs.)
    return "\\" + sign.group(0)


def list_to_complete(value: object) -> bool:
    """A list written « A_COMPLETER » as a whole (`communes: A_COMPLETER`, which the schema
    accepts for every list that needs items): templates print that one « à compléter »
    instead of a table of empty rows, or of the sections it would hold."""
    return isinstance(value, list) and len(value) == 1 and isinstance(value[0], Pending)


def finalize(value: object) -> object:
    """Jinja `finalize`: what `{{ ... }}` prints. Markdown passes, everything else is escaped."""
    if isinstance(value, Markdown):
        return value
    if value is None:
        return ""
    if isinstance(value, Pending | ToComplete):
        # « <written> à compléter[ : <hint>] », the marker in italics.
        written, _, hint = str(value).partition(DISPLAY)
        shown = " ".join(part for part in (escape_inline(written.strip()), f"*{DISPLAY}*") if part)
        return Markdown(shown + escape_inline(hint.rstrip()))
    return escape_inline(value)


def md(value: object) -> Markdown:
    """Escape a value and mark the result, to combine it with markup inside a helper."""
    if isinstance(value, Markdown):
        return value
    return Markdown("" if value is None else escape_inline(value))


def labelled(value: object, label: str) -> Markdown:
    """Filter `avec_libelle`: « participants : à compléter », a value that is no number yet
    said with what it counts (a cell read « Communication ; typologie T5 » with the count
    to complete left out, or « à compléter ; 412 actions » without saying which count)."""
    return Markdown(f"{escape_inline(label)} : {finalize(value)}")


def date_fr(value: object) -> str:
    """date(2026, 2, 15) -> '15 février 2026'; 1 -> '1er' as French writes it. No locale.
    A period says itself: « mai 2023 », « 2e semestre 2025 », « 2024 »."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, Pending):
        return value  # with what to write, in a draft
    if isinstance(value, ToComplete):
        return PENDING
    if isinstance(value, str) and value:
        try:
            value = date_or_period(value)
        except ValueError:  # not a date: printed as written rather than lost
            return plain(value)
    if isinstance(value, Period):
        return value.label
    if not isinstance(value, date):
        return ""
    return french_date(value)


def version_line(version: object, updated: object) -> str:
    """The running footer's « Version 2.1 du 5 octobre 2026 ». A value still « A_COMPLETER »
    is said once, never « Version à compléter du à compléter »."""
    pending_version = isinstance(version, ToComplete | Pending) or not str(version or "")
    shown = date_fr(updated)
    pending_date = isinstance(updated, ToComplete | Pending) or not shown
    if pending_version and pending_date:
        return f"Version et date {DISPLAY}"
    if pending_version:
        return f"Version {DISPLAY}, mise à jour du {shown}"
    if pending_date:
        return f"Version {version}, date {DISPLAY}"
    return f"Version {version} du {shown}"


def date_of(value: object) -> str:
    """Filter `date_du`: « du 17 mars 2026 », « de mai 2023 », « du 2e semestre 2025 »
    (« RETEX du ... »), where « du mai 2023 » would be wrong."""
    if isinstance(value, date | Period):
        return of_fr(value)
    return _after("du", value)


def date_on(value: object) -> str:
    """Filter `date_le`: « le 17 mars 2026 », « en mai 2023 », « au 2e semestre 2025 »."""
    said = when_fr(value)
    return said if said else _after("le", value)


def _after(word: str, value: object) -> str:
    """« du 17 mars 2026 »; a date still to complete is « date à compléter » (the marker in
    italics as everywhere else): « RETEX du à compléter », « avis favorable, le à compléter »
    read as a mistake (issue 19's « Période : le à compléter »)."""
    shown = date_fr(value)
    if isinstance(shown, Pending):
        return Markdown(f"date {finalize(shown)}")
    return f"{word} {shown}" if shown else ""


def period(start: object, end: object = None, duration: object = None) -> str:
    """'du 30 juin 2025 au 4 juillet 2025 (5 jours)'; without an end date: 'depuis le ...'.

    The day count includes both ends (a one-day activation lasts '1 jour'); a `duration`
    written in the plan replaces the count, since it says more ('5 jours, dont 2 en cellule').
    A value that is not a date yet (a placeholder) is printed as it is."""

    def day(value: object) -> str:
        return date_fr(value) if isinstance(value, date) else plain(value)

    def until(value: object) -> str:
        """« au 4 juillet 2025 », « au 2e semestre 2025 », « à mai 2023 »."""
        if isinstance(value, Period) and value.kind in ("mois", "annee"):
            return f"à {value.label}"
        return f"au {day(value)}"

    def known(value: object) -> bool:
        return bool(value) and not isinstance(value, Pending | ToComplete)

    days = None
    if not known(start) and not known(end):
        # Neither end known: « le à compléter » would read as a date.
        text = f"dates {DISPLAY}"
    elif not known(start):
        text = f"jusqu’{until(end)} (début {DISPLAY})"
    elif isinstance(end, Pending | ToComplete):
        text = f"à partir {date_of(start)} (fin {DISPLAY})"
    elif not end:
        text = f"depuis {_since(start)}"
    elif start == end:
        text, days = date_on(start), (None if isinstance(start, Period) else 1)
    else:
        text = f"{date_of(start)} {until(end)}"
        if isinstance(start, date) and isinstance(end, date):
            days = (end - start).days + 1
    counted = f"{days} jour{'s' if days and days > 1 else ''}" if days else ""
    note = plain(duration) if duration else counted
    return f"{text} ({note})" if note else text


def _since(start: object) -> str:
    """After « depuis »: « le 30 juin 2025 », « mai 2023 », « le 2e semestre 2025 »."""
    if isinstance(start, Period) and start.kind in ("mois", "annee"):
        return start.label
    return f"le {date_fr(start) if isinstance(start, date | Period) else plain(start)}"


def heading(value: object, fallback: str) -> object:
    """A heading built from a plan value: a title still « A_COMPLETER » gives `fallback`
    and says the title is to complete (a table of contents never reads « 3.2 à compléter »)."""
    if isinstance(value, Pending | ToComplete) or value is None or not str(value).strip():
        return f"{fallback} (titre {DISPLAY})" if fallback else f"titre {DISPLAY}"
    return value


def unbroken(value: object) -> Markdown:
    """Filter `insecable`: a few words that a line never splits nor hyphenates (« typologies
    T4, T1 », « 38 participants »): no-break spaces, each followed by a word joiner, which
    the PDF writer takes as one box (render/pdf/writer.py) and the table sizing as one piece
    (render/tables.py); Word and LibreOffice keep a no-break space too. In a table cell of
    several such facts separated by « ; », a line breaks only between facts."""
    text = md(value)
    if not text.strip():
        return Markdown("")
    words = [word for word in text.split(" ") if word]
    # One word gets its joiner at the end: still one box in the PDF (« (prévu) »).
    return Markdown(UNBROKEN_SPACE.join(words) + (WORD_JOINER if len(words) == 1 else ""))


def paragraphs(value: object, keep_lines: bool = False) -> Markdown:
    """Free text as Markdown paragraphs: blank lines separate paragraphs; with `keep_lines`
    (message templates, addresses) single line breaks are kept as hard breaks."""
    if value is None or isinstance(value, Pending | ToComplete):
        return Markdown("" if value is None else str(finalize(value)))  # marker in italics
    text = xml_text(str(value)).strip()  # as in plain()
    blocks = []
    for block in _PARAGRAPH_BREAK.split(text):
        if keep_lines:
            lines = [escape_inline(line) for line in block.splitlines() if line.strip()]
            blocks.append("\\\n".join(lines))
        else:
            blocks.append(escape_inline(block))
    return Markdown("\n\n".join(block for block in blocks if block))


def bullets(items: Iterable[object]) -> Markdown:
    """A bullet list, one escaped item per line (a tight list)."""
    lines = [f"- {md(item)}" for item in items if item not in (None, "")]
    return Markdown("\n".join(lines))


def numbered(items: Iterable[object]) -> Markdown:
    lines = [f"{index}. {md(item)}" for index, item in enumerate(items, start=1)]
    return Markdown("\n".join(lines))


def table(
    headers: Sequence[object],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int] | None = None,
) -> Markdown:
    """A pipe table. Without `widths`, its columns are sized on their content once the whole
    document is written (tables.size_tables: each column at least as wide as its longest
    word, date or phone number); with `widths` (relative), the columns take those shares of
    the page width.

    With widths, the separator line is always longer than pandoc's 72 columns, which makes
    pandoc keep the relative widths and wrap cell text instead of sizing columns itself."""
    if widths is not None and len(widths) != len(headers):
        raise ValueError("table(): autant de largeurs que de colonnes")
    if widths is None:
        separator = "|" + "|".join(":--" for _ in headers) + "|"
    else:
        total = sum(widths)
        dashes = [max(3, round(120 * width / total)) for width in widths]
        separator = "|" + "|".join(":" + "-" * count for count in dashes) + "|"
    lines = ["| " + " | ".join(md(header) for header in headers) + " |", separator]
    body = ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    if not body:
        return Markdown("")
    return Markdown("\n".join(lines + body))


def _cell(value: object) -> str:
    if isinstance(value, Markdown):
        # Template markup in a cell: it must stay on one line to keep the row intact.
        return " ".join(value.split("\n"))
    return md(value)


def join_md(items: Iterable[object], separator: str = ", ") -> Markdown:
    """Join values (escaped) or markup (kept) with a literal separator."""
    glue = _PUNCTUATION.sub(_backslash, separator)
    return Markdown(glue.join(md(item) for item in items if item))


def sentences(items: Iterable[object]) -> Markdown:
    """Short sentences in one table cell: 'Décider.', 'Valider.' -> 'Décider ; Valider.'"""
    parts = [plain(item).strip().rstrip(" .;") for item in items if item]
    parts = [part for part in parts if part]
    if not parts:
        return Markdown("")
    return md(" ; ".join(parts) + ".")


def bold(value: object) -> Markdown:
    text = md(value)
    return Markdown(f"**{text}**") if text else Markdown("")


def emphasis(value: object) -> Markdown:
    text = md(value)
    return Markdown(f"*{text}*") if text else Markdown("")


def yes_no(value: object) -> str:
    if value is None:
        return "non renseigné"
    return "oui" if value else "non"


def number_fr(value: object) -> str:
    """58260 -> '58 260' (narrow no-break space, as French typography groups digits)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return plain(value)
    if value.bit_length() > MAX_PRINTED_BITS:
        return integer_text(value)
    return f"{value:,}".replace(",", "\u202f")


MAX_PRINTED_BITS = 13_000
"""About 3 900 digits: Python refuses to print an integer of more than 4 300 digits (and
printing one costs time quadratic in its length); a plan may still hold one (`0x...`)."""


def integer_text(value: int) -> str:
    """An integer in digits, or its order of magnitude when it is too long to print."""
    if value.bit_length() <= MAX_PRINTED_BITS:
        return str(value)
    digits = int(value.bit_length() * 0.30103) + 1
    return f"{'-' if value < 0 else ''}(nombre d’environ {digits} chiffres)"
