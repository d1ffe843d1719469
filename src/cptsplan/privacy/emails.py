"""What an e-mail address looks like in a plan's free text: written as it is, or disguised
from robots as coordinators copy them (« zk [at] gmail [dot] com », « zk@gmail . com »,
« zk%40gmail.com », « zk (arobase) gmail.com »). One definition for every part of the
redaction that looks for one, in two strengths:

- `ADDRESS`, the address itself, to be read (its domain judged, the address looked for
  everywhere else in the plan): a plain dot joins two words only when written without a
  space after it, else when a space before it says the dot is disguised (« gmail . com »),
  or when a top-level domain in lower case follows (« gmail. com »). A sentence that ends right
  after an address (« perso : marie@cpts-lys.fr. Sinon… ») then gives the address, not
  « marie@cpts-lys.fr.sinon », which matched nowhere else and left the address printed in
  the shareable edition wherever it was copied;
- `ADDRESS_LIKE`, anything that may be one, to be masked where no address may appear at all
  (the reviewer's table, the directory lines an import could not read): every dot may have
  spaces around it; masking a word too many there loses nothing.
"""

from __future__ import annotations

import re

_OPEN = "[\\[({<\u00ab\"'\u201c\u2018_-]"
_CLOSE = "[\\])}>\u00bb\"'\u201d\u2019_-]"
"""Brackets, French or English quotes, dashes or underscores around a spelt « at »."""
_CELL = r"(?:\s*\|)?"
"""A table cell's border (« zk | @gmail.com »: the address typed across two cells)."""
_AT = rf"{_CELL}\s*(?:@|%40|{_OPEN}\s*(?:at|@|ar?robase)\s*{_CLOSE}){_CELL}\s*"
_DISGUISED_DOT = r"\s*[\[({<]\s*(?:dot|point|\.)\s*[\])}>]\s*"
_TOP_LEVEL = r"(?-i:com|fr|net|org|eu|info)(?![\w-])"
"""After « . » and a space, the words that end an address, not begin a sentence: in lower
case, and none of them a French word (« lu », « re », « be » are left out)."""
_DOT = rf"(?:\.(?!\s)|\s+\.\s*|\.\s+(?={_TOP_LEVEL})|{_DISGUISED_DOT})"
_LOCAL = r"[\w.+'%-]{0,63}[\w%]"
"""At most 64 characters (RFC 5321): tried from each character of a long run of them
(« aaaa…a@ », « 0.0.0… »), an unbounded local part cost the square of the run's length."""

ADDRESS = re.compile(rf"(?P<local>{_LOCAL}){_AT}(?P<domain>[\w-]+(?:{_DOT}[\w-]+)+)", re.IGNORECASE)
"""An e-mail address, disguised or not; `local` and `domain` as written."""

ADDRESS_LIKE = re.compile(
    rf"{_LOCAL}{_AT}[\w-]+(?:\s*(?:\.|{_DISGUISED_DOT})\s*[\w-]+)+", re.IGNORECASE
)
"""Anything that may be an e-mail address, malformed ones included, to be masked whole."""

_BRACKETED_AT = rf"{_OPEN}\s*(?:at|@|a|\u00e0|ar?robase|chez)\s*{_CLOSE}"
"""« (à) », the French word for « at » in brackets, too."""
_SPELLED_AT = (
    rf"(?:\s+(?:@@?|%40|{_BRACKETED_AT}|(?:at|ar?robase|chez)\s)|@@?|%40|{_BRACKETED_AT})\s*"
)
"""« @ » and its forms, spaces around it or not, or a word for it between spaces. Every
branch starts with one character of a few (no optional part first): the engine then skips
to them, where a leading optional space was tried at every position of the text."""
_SPELLED_DOT = rf"(?:{_DOT}|\s+(?:dot|point)\s+)"
SPELLED = re.compile(rf"{_SPELLED_AT}(?P<domain>[\w-]+(?:{_SPELLED_DOT}[\w-]+)*)", re.IGNORECASE)
"""An @ and a domain after it, the @ also spelt out without brackets (« arobase »,
« arrobase », « at », « chez », « (a) »), the dots also (« dot », « point »): how an address
is disguised in a sentence. Only for domains that say the address is a person's
(personal.py), where a word after « chez » cannot be anything else: « chez gmail point
com »."""
LOCAL_BEFORE = re.compile(rf"{_LOCAL}$")
"""The local part of an address that ends where the @ (or its spelt form) begins."""
_BRACKETED_A = re.compile(rf"{_OPEN}\s*[a\u00e0]\s*{_CLOSE}", re.IGNORECASE)
_SPELLED_DOTS = re.compile(rf"{_SPELLED_DOT}", re.IGNORECASE)


def spelled_addresses(text: str) -> list[tuple[tuple[int, int], str]]:
    """(span, domain as a server reads it) of every address in `text` written with an @ in
    any form (`SPELLED`) and a local part before it."""
    # Most texts hold none of these: the search is skipped. Substrings of the text in lower
    # case, one by one: a case-blind pattern of the words, or `any()` over them, cost
    # three times as much over the complete example.
    lowered = text.lower()
    if not (
        "@" in lowered
        or "%40" in lowered
        or "robase" in lowered
        or "chez" in lowered
        or " at " in lowered
        or _BRACKETED_A.search(text)
    ):
        return []
    found = []
    for match in SPELLED.finditer(text):
        local = LOCAL_BEFORE.search(text, max(0, match.start() - 64), match.start())
        if local is not None:
            domain = _SPELLED_DOTS.sub(".", match.group("domain")).lower()
            written_at = match.group(0)[: match.start("domain") - match.start()]
            if "." in domain or "@" in written_at or "%40" in written_at:
                # « @gmail »: its end forgotten; « at gmail » alone: a sentence in English.
                found.append(((local.start(), match.end()), domain))
    return found


_AT_WORD = re.compile(rf"{_OPEN}\s*(?:at|ar?robase)\s*{_CLOSE}", re.IGNORECASE)
_ANY_DOT = re.compile(rf"{_DISGUISED_DOT}|\s*\.\s*", re.IGNORECASE)


def may_hold_address(text: str) -> bool:
    """Whether `text` can hold an address at all (most texts do not: the search is skipped)."""
    return "@" in text or "%40" in text or _AT_WORD.search(text) is not None


def domain_of(match: re.Match[str]) -> str:
    """The domain of an `ADDRESS` match as a mail server reads it: « gmail [dot] com » →
    « gmail.com », in lower case."""
    return _ANY_DOT.sub(".", match.group("domain")).lower()


def address_of(match: re.Match[str]) -> str:
    """The address of an `ADDRESS` match as a mail server reads it (« zk@gmail.com »)."""
    return f"{match.group('local').lower()}@{domain_of(match)}"
