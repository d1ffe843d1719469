"""The search behind `numero-annuaire-mal-recopie` (formats.py): directory numbers copied
into the plan's texts with one digit lost or doubled. privacy/near_numbers.py finds them
for the diffusable edition, which masks them; here the coordinator is told which entry's
number it resembles, since a number so typed will not answer on the day of the crisis.

The correct number is not printed in the message: validate's output goes to CI logs, and
the entry's name is enough to find it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cptsplan.model import Plan
from cptsplan.privacy.normalise import Span, merge
from cptsplan.privacy.phones import dialled, phone_numbers
from cptsplan.rules.base import Finding, RuleContext
from cptsplan.rules.donnees import DIRECTORY_PHONES, excerpt, plan_texts
from cptsplan.rules.mistyped import matches_by_text, mistyped_spans, runs_by_text

_NATIONAL = len("0353013001")
_LONG_RUN = re.compile(r"\d[\d .\-/()+]{8,}")
"""A digit, then eight digits or separators of a number or more: a pattern with no
alternative to try, twice cheaper than one with each separator's count (0.5 ms against 1.4
over the example's texts); the digits are counted after."""


def near_directory_findings(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    texts = plan_texts(plan, ctx)
    candidates = _with_odd_runs([view.text for _, _, view in texts.values])
    if not candidates:
        return
    # Imported only now: near_numbers imports privacy/typos.py, whose six patterns cost
    # every validate 10 M instructions (3 %) when compiled for a plan with no candidate.
    from cptsplan.privacy.near_numbers import NearNumbers, near_number_spans, odd_length

    owners = _owners(plan)
    if not owners:
        return
    near = NearNumbers(f"+33{national[1:]}" for national in owners)
    for index in candidates:
        path, text, view = texts.values[index]
        if len(path) > 2 and path[0] == "annuaire" and path[2] == DIRECTORY_PHONES:
            continue  # the directory's own numbers: telephone-mal-forme judges them
        if not near_number_spans(view.text, near, []):
            continue  # no run of nine digits or more near a directory number
        whole = [
            span for span, number in phone_numbers(view.text) if not odd_length(dialled(number))
        ]
        mobiles = _mistyped_mobiles(view.text, whole)
        found = near_number_spans(view.text, near, whole)
        for span in merge(found):
            if any(span[0] < end and start < span[1] for start, end in mobiles):
                continue  # told by mobile-hors-annuaire: one finding per cause
            matched = next(
                (
                    match
                    for start, end in found
                    if span[0] <= start
                    and end <= span[1]
                    and (match := near.match(view.text[start:end])) is not None
                ),
                None,
            )
            if matched is None:
                continue
            numbers, lost = matched
            how = "un chiffre en moins" if lost else "un chiffre en trop"
            names = " ou de ".join(f"« {owners[number]} »" for number in numbers)
            original = view.original(span)
            yield Finding(
                path,
                f"numéro mal recopié ? « {excerpt(text, original, hide=False)} » a {how} "
                f"par rapport au numéro de {names} dans l'annuaire ; il ne "
                "répondra pas et sera masqué dans l'édition diffusable",
                "corrigez ce numéro, ou écrivez seulement le nom de l'entrée : l'édition "
                "interne imprime ses numéros dans l'annuaire de crise",
                location=texts.positions.of(path, text, original),
            )


def _with_odd_runs(texts: list[str]) -> list[int]:
    """The indexes of `texts` that hold a run of digits (with a number's separators) that
    may be a number a digit short or long: nine digits or more, but not the ten of a
    number written whole in its national form, which most texts that hold a number hold.
    Found in one search over all of them (one per text, and the directory read for every
    plan, cost 1.3 ms on the complete example, for none found)."""
    found = set()
    for index, offset, match in matches_by_text(_LONG_RUN, texts):
        run, start = match.group(), match.start() - offset
        digits = sum(map(str.isdigit, run))
        international = run.startswith("33") or "+" in texts[index][max(0, start - 2) : start]
        if digits >= _NATIONAL - 1 and (digits != _NATIONAL or "+" in run or international):
            found.add(index)
    return sorted(found)


def _owners(plan: Plan) -> dict[str, str]:
    """Each French number of the directory (national form) -> the name of its entry. Read
    from its digits, not by libphonenumber (about 1 ms a number, on every validate): a
    number the digits do not make a French one is telephone-mal-forme's to judge."""
    owners: dict[str, str] = {}
    for identifier, entry in plan.directory.items():
        phones = entry.get(DIRECTORY_PHONES)
        for phone in phones if isinstance(phones, list) else []:
            if isinstance(phone, dict) and (national := _national(phone.get("numero"))):
                owners.setdefault(national, plan.display_name(identifier))
    return owners


def _national(written: object) -> str | None:
    """« +33 (0)3 53 01 30 01 », « 0033 3 53 01 30 01 », « 03.53.01.30.01 » -> 0353013001."""
    from cptsplan.privacy.near_numbers import national_readings  # imported by the caller

    digits = national_readings(str(written))[0]
    if len(digits) == _NATIONAL and digits[0] == "0" and digits[1] != "0":
        return digits
    return None


def _mistyped_mobiles(text: str, whole: list[Span]) -> list[Span]:
    runs = runs_by_text([text]).get(0, [])
    return mistyped_spans(text, runs, whole) if runs else []
