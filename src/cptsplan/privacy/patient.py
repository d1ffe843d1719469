"""A patient's data written in a text: a social security number (NIR) however it is typed,
a birth date, a name with an age. The rules `donnees-patient-nir` and
`donnees-patient-identifiable` report them (rules/donnees.py) and the diffusable edition
never prints them (redact.py), even in a draft rendered with the error still there.

Texts are searched in their visible form (normalise.py: NFKC, invisible characters dropped,
any space a space), so a NIR typed with no-break spaces, dots or zero-width spaces is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from cptsplan.privacy.normalise import Span, Visible, visible

_SEP = r"[ .\-/_]{0,3}"
"""Between the groups of a NIR: spaces (no-break ones are spaces once normalised), dots,
dashes, slashes."""
_NIR = (
    rf"([12])(?<![\w.][12]){_SEP}(\d{{2}}){_SEP}(0[1-9]|1[0-2]|[2-9]\d){_SEP}(\d{{2}}|2[ABab])"
    rf"{_SEP}(\d{{3}}){_SEP}(\d{{3}}){_SEP}(\d{{2}})(?![\w])"
)
"""A NIR not glued to a word or a number before it. (The boundary is checked after its
first digit, `(?<![\\w.][12])`, not before: a pattern that starts with a character class lets
the engine skip to the candidates, where a lookbehind first is tried at every position.)"""


@cache
def nir_pattern() -> re.Pattern[str]:
    """_NIR compiled when first needed: `update` imports the rules (their registry) without
    running any, and its compilation cost it 1.3 ms (issue 20)."""
    return re.compile(_NIR)


def nir_key_ok(match: re.Match[str]) -> bool:
    """The key is 97 - (the 13 digits mod 97); Corsica's 2A and 2B count as 19 and 18."""
    sex, year, month, department, commune, order, key = match.groups()
    department = {"2A": "19", "2B": "18"}.get(department.upper(), department)
    number = int(sex + year + month + department + commune + order)
    return 97 - number % 97 == int(key)


def find_nir(text: str) -> Iterator[re.Match[str]]:
    """NIRs with a right key in a visible text (see normalise.visible)."""
    return (match for match in nir_pattern().finditer(visible(text).text) if nir_key_ok(match))


def nir_spans(text: str, view: Visible | None = None) -> list[Span]:
    """Spans of `text` (original positions) holding a NIR with a right key; `view` is
    `visible(text)` when the caller already has it."""
    view = view or visible(text)
    return [view.original(span) for span in visible_nir_spans(view.text)]


def visible_nir_spans(shown: str) -> list[Span]:
    """Spans of the NIRs with a right key of a text already in its visible form."""
    return [match.span() for match in nir_pattern().finditer(shown) if nir_key_ok(match)]


_NAMED_NIR = re.compile(
    r"(?:\bNIR|\bn°\s*(?:de\s+)?s[ée]cu\b|s[ée]curit[ée]\s+sociale|carte\s+vitale)"
    r"[^\w\d]{0,6}"
    r"([12](?:[ .\-/_]{0,3}[0-9ABab]){12}(?:[ .\-/_]{0,3}\d{2})?)(?![ .\-/_]{0,3}\d)",
    re.IGNORECASE,
)
"""A NIR said to be one (« NIR », « n° sécu », « sécurité sociale », « carte Vitale ») with
its 13 digits, without its key, with a wrong key, or grouped otherwise (« 1841 2764 5108
9 »): the words say whose number it is, the key is not needed to know it."""


def named_nir_spans(shown: str) -> list[Span]:
    """Spans of the NIRs named as such in a text already in its visible form (only for the
    diffusable edition: the rule `donnees-patient-nir` reports the NIRs with a right key)."""
    return [match.span(1) for match in _NAMED_NIR.finditer(shown)]


_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre"
)
_DATE = rf"\d{{1,2}}(?:er)?[\s/.-]+(?:\d{{1,2}}|{_MONTHS})[\s/.-]+\d{{2,4}}"
_CIVILITY = r"(?:M(?<!\wM)(?:\.|r|me|lle|onsieur|adame)|P(?<!\wP)atiente?|p(?<!\wp)atiente?)"
"""M., Mr, Mme, Mlle, Monsieur, Madame, patient(e), not inside a word."""
_NAME = r"[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)?"


@cache
def identity_patterns() -> tuple[re.Pattern[str], ...]:
    """A birth date (« né le », « date de naissance », « DDN ») or a name with an age."""
    return (
        # né le, née le, né(e) le, nee le: a birth date.
        re.compile(rf"\bn[ée]\u0301?(?:e|\(e\))?\s+le\s+{_DATE}", re.IGNORECASE),
        re.compile(rf"date\s+de\s+naissance\s*:?\s*{_DATE}", re.IGNORECASE),
        # The two below start with their first letter (the word boundary before it checked
        # after it, `(?<!\\wD)`): the engine then skips to that letter (see _NIR).
        re.compile(rf"D(?<!\wD)\.?D\.?N\.?\s*:?\s*(?:le\s+)?{_DATE}"),
        re.compile(rf"{_CIVILITY}\s+{_NAME}\s*[,(]?\s*(?:âgée?\s+de\s+)?\d{{1,3}}\s*ans\b"),
    )


def identity_spans(text: str, view: Visible | None = None) -> list[Span]:
    """The first name-with-birth-date-or-age of `text`, if any (original positions)."""
    view = view or visible(text)
    matches = [match for pattern in identity_patterns() if (match := pattern.search(view.text))]
    if not matches:
        return []
    first = min(matches, key=lambda match: match.start())
    return [view.original(first.span())]


def visible_identity_spans(shown: str) -> list[Span]:
    """Every birth date and name with an age of a text already in its visible form."""
    return [match.span() for pattern in identity_patterns() for match in pattern.finditer(shown)]
