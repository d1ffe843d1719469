"""What each number of a directory cell is for, from the words around it.

A cell holds several numbers, each with its label: « Standard : 03… / Astreinte 24 h/24 :
03… », « Tél : 03… – Fax : 03… », « 03… (standard) ou 06… (élue d'astreinte) », « Port.
06…⏎Fixe : 03… ». A label written before a number (ending with « : » or « . », after the
previous number's separator) is that number's; words in brackets right after a number, or
after it up to the next separator, are its own. Taking the words after a number as its label
filed a switchboard as the 24/7 line, and the 24/7 line without a use: in a crisis, the
wrong number is called.
"""

from __future__ import annotations

import re

from cptsplan.importer.sections import plain

_USAGES = re.compile(
    r"\b(astreinte|portable|port|mobile|gsm|standard|accueil|fixe|direct|directe|fax|telecopie)\b"
)
_USAGE_OF = {
    "astreinte": "astreinte",
    "portable": "mobile",
    "port": "mobile",
    "mobile": "mobile",
    "gsm": "mobile",
    "standard": "standard",
    "accueil": "standard",
    "fixe": "standard",
    "direct": "direct",
    "directe": "direct",
    "fax": "fax",
    "telecopie": "fax",
}
_SEPARATOR = re.compile(r"\s+/\s+|;|\n|\s[–—-]\s|\s+ou\s+|\s+et\s+|,\s")
"""Between two numbers; not the « / » of « 24 h/24 », which has no spaces."""
_BRACKETS = re.compile(r"^\s*\(([^()]*)\)")
_LABEL_END = re.compile(r"[:.]\s*$")
_ALL_DAY = re.compile(r"\b24\s*h?\s*/\s*24\b|\b24\s*h\s*sur\s*24\b")


def usage_of(words: str) -> str | None:
    found = _USAGES.search(plain(words))
    return _USAGE_OF[found.group(1)] if found else None


def labels(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """For each number (its span in `text`, in order): the words before it that label it,
    and its own words after it."""
    before = [_tail(text[: spans[0][0]])] if spans else []
    after: list[str] = []
    for number, (_start, end) in enumerate(spans):
        last = number == len(spans) - 1
        between = text[end : len(text) if last else spans[number + 1][0]]
        brackets = _BRACKETS.match(between)
        own = brackets.group(1) if brackets else ""
        rest = between[brackets.end() :] if brackets else between
        if last:
            after.append(f"{own} {rest}")
            break
        pieces = _SEPARATOR.split(rest)
        if len(pieces) > 1:
            head, mine = pieces[-1], " ".join(pieces[:-1])
        elif _LABEL_END.search(rest):
            head, mine = rest, ""  # « 03… Fax : 03… »
        else:
            head, mine = "", rest  # « 03… portable 06… »: the word is the first number's
        after.append(f"{own} {mine}")
        before.append(head)
    return list(zip(before, after, strict=True))


def label_usage(before: str, after: str) -> tuple[str | None, bool]:
    """The number's use (its label first, then its own words) and whether it is said to
    answer day and night (« Astreinte 24 h/24 : », « (mobile, 24 h/24) »)."""
    return usage_of(before) or usage_of(after), bool(_ALL_DAY.search(plain(f"{before} {after}")))


def _tail(text: str) -> str:
    """The label just before the first number: what follows the last separator."""
    return _SEPARATOR.split(text)[-1]


_FRENCH_LANDLINE = re.compile(r"^(?:0|33|0033)[1-59]\d{8}$")


def column_usage(usage: str | None, number: str) -> str | None:
    """The use a column's header gives a number, unless the number says otherwise: a
    French landline (01 to 05, 09) in a « Portable » column is not a mobile (a coordinator
    types the office number where there is room; the plan must not send a SMS to it)."""
    if usage == "mobile" and _FRENCH_LANDLINE.match(re.sub(r"\D", "", number)):
        return None
    return usage
