"""Text that leaves the CPTS without its plan: the reviewer's table (`validate DOSSIER
--tableau`), sent to the ARS or shared within a region. It holds the diffusable edition's
promise without the plan's directory at hand (a report coming back from a worker has
dropped its plan): no mobile number, no e-mail address, and no value quoted by a message
about a contact field (« numéro de téléphone mal formé : « 06 39 98 20 0 » »: a malformed
number is still somebody's number, and phonenumbers cannot read it to recognise it).

The reviewer loses nothing they need: the message still says what is wrong with the value
(« 9 chiffres au lieu de 10 ») and where; the coordinator, who holds the plan, sees the
value in their own report (`cptsplan validate`, the terminal, CI)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from cptsplan.privacy.bidi import OVERRIDE, reversed_spans
from cptsplan.privacy.emails import ADDRESS_LIKE, may_hold_address
from cptsplan.privacy.normalise import Span, merge, replaced, visible
from cptsplan.privacy.personal import personal_spans
from cptsplan.privacy.phones import is_mobile, phone_numbers
from cptsplan.privacy.typos import mistyped_mobiles

if TYPE_CHECKING:
    from cptsplan.privacy.redact import ContactFinder

HIDDEN = "[coordonnée masquée]"
_CONTACT_PATH = re.compile(
    r"(?:^|\.)(?:telephones(?:\[\d+\])?(?:\.numero)?|email|mssante|adresse)$"
)
"""A problem about a contact's value (`annuaire[0].telephones[1].numero`, `annuaire[2].email`),
whichever rule or schema check reports it; not about its usage or its other fields."""
_QUOTED = re.compile(r"«\s*([^«»]*?)\s*»(?!\s*\([a-z_]+\))")


def people_finder(people: list[dict[str, Any]] | None) -> ContactFinder | None:
    """What finds, in a text, the contacts of the directory's people (`PlanReport.people`):
    their numbers, e-mails and addresses, however written, and those their remarks hold.
    None without any (a plan without a directory, or not read)."""
    if not people:
        return None
    from cptsplan.privacy.redact import contact_finder

    return contact_finder({"annuaire": people})


def for_reviewer(text: str, path: str = "", people: ContactFinder | None = None) -> str:
    """`text` (a message, a cell) without personal contact: every value quoted by a message
    about a contact field (`path`), every e-mail address, every French mobile number, and
    with `people` (`people_finder`) a contact of the directory's people however written.

    Without `people`, a person's landline or street copied into a text (« Trame nationale…
    tél. 03 53 01 30 01 poste 12 », a guide's title the grid quotes) cannot be told from a
    public one, and was printed in the table sent to the ARS."""
    if _CONTACT_PATH.search(path):
        text = _QUOTED.sub(_masked_quote, text)
    if people is not None:
        text = replaced(text, people.spans(text), HIDDEN)
    if may_hold_address(text):  # most cells hold no « @ »: the search is skipped
        text = ADDRESS_LIKE.sub(HIDDEN, text)  # malformed ones too: quoted as written
    spans = _personal_numbers(text)
    if OVERRIDE in text:  # a mobile typed backwards, shown forwards (bidi.py)
        spans = merge(spans + reversed_spans(text, _personal_numbers))
    return replaced(text, spans, HIDDEN)


def _personal_numbers(text: str) -> list[Span]:
    view = visible(text)
    numbers = phone_numbers(view.text, lenient=True)
    found = [span for span, number in numbers if is_mobile(number)]
    found += mistyped_mobiles(view.text)  # « 06 39 98 10 0 », a digit short
    # « domicile : 03 27 ... », « tél. perso » : a landline the shareable edition hides too.
    found += personal_spans(view.text, numbers)
    return [view.original(span) for span in merge(found)]


def _masked_quote(match: re.Match[str]) -> str:
    """Every quoted value of a message about a contact field is the contact, however
    malformed (no @, a letter O for a zero); the field's label is not matched (`_QUOTED`:
    « Courriel » (email))."""
    # A lone character is what the message points at (« il contient « O » »), not a value.
    return match.group(0) if len(match.group(1)) <= 1 else f"« {HIDDEN} »"
