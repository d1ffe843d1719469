"""Mobile numbers typed a digit short or long in the plan's texts, for `mobile-hors-annuaire`
(donnees.py): the diffusable edition masks them (privacy/typos.py), and the coordinator is
told, since such a number will not answer on the day of the crisis."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cache

from cptsplan.privacy.normalise import Span, merge


def odd_length(dialled: str) -> bool:
    """A French number a digit short or long (« 06 39 98 10 0 » is read +33 063998100)."""
    return dialled.startswith("+33") and (len(dialled) != 12 or dialled[3] == "0")


@cache
def _five_groups() -> re.Pattern[str]:
    """Five groups of digits with a number's separators: what a mistyped mobile needs, found
    in one search (privacy/typos.py compiles six patterns: only imported when one is here)."""
    return re.compile(r"\d(?:(?: {1,3}| ?[.-] ?)\d+){4}")


def runs_by_text(texts: Sequence[str]) -> dict[int, list[Span]]:
    """The runs of five groups of digits of each of `texts` (by index, spans in that text),
    found in one search over all of them (one per text cost 0.3 ms over the example's 493
    texts with a digit, 1 % of a validate)."""
    runs: dict[int, list[Span]] = {}
    for index, offset, match in matches_by_text(_five_groups(), texts):
        runs.setdefault(index, []).append((match.start() - offset, match.end() - offset))
    return runs


def matches_by_text(
    pattern: re.Pattern[str], texts: Sequence[str]
) -> Iterator[tuple[int, int, re.Match[str]]]:
    """Each match of `pattern` in `texts`, searched once over all of them joined, with the
    index of its text and where that text starts in the joined string."""
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    for match in pattern.finditer("\0".join(texts)):  # NUL: in no text (FORBIDDEN)
        index = bisect_right(starts, match.start()) - 1
        yield index, starts[index], match


def mistyped_spans(text: str, runs: list[Span], numbers: list[Span]) -> list[Span]:
    """Spans of `text` (a visible text, whose five-group `runs` are given) holding a
    mistyped mobile, outside `numbers` (the whole numbers already found there)."""
    if not any(all(end <= a or b <= start for a, b in numbers) for start, end in runs):
        return []
    from cptsplan.privacy.typos import mistyped_mobiles

    return [
        span
        for span in merge(mistyped_mobiles(text))  # « +33 6… » is found from + and from 6
        if not any(span[0] < b and a < span[1] for a, b in numbers)
    ]
