"""A directory number typed with one digit lost or doubled (« 03 53 01 30 0 ») is that
number to whoever reads it, and the diffusable edition hides it, landlines too: the promise
is that no directory number is printed, however written (privacy/near_numbers.py). Valid
numbers that differ by a digit, codes, counts and dates stay."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cptsplan.privacy.finished import hide_mobiles
from cptsplan.privacy.outside import HIDDEN, for_reviewer, people_finder
from cptsplan.privacy.redact import REPLACEMENT, contact_finder, redact

from .conftest import COMPLETE_EXAMPLE, run_cli

HOME = {
    "id": "dr-roux",
    "type": "personne",
    "nom": "Roux",
    "telephones": [{"numero": "03 53 01 30 01", "usage": "autre"}],
}
SWITCHBOARD = {
    "id": "ars",
    "type": "organisme",
    "nom": "ARS",
    "telephones": [{"numero": "03 53 01 00 20", "usage": "standard"}],
}
DIRECTORY = {"annuaire": [HOME, SWITCHBOARD]}


def redacted(text: str) -> str:
    return str(redact({**DIRECTORY, "texte": text})["texte"])


NEAR = [
    "03 53 01 30 0",  # the last digit forgotten
    "03 53 01 30 011",  # one typed twice
    "03 53 013 30 01",
    "03 53 01 3 01",  # inside
    "3 53 01 30 01",  # the leading 0 forgotten
    "03.53.01.30.0",
    "03-53-01-30-011",
    "035301300",  # no separator
    "03530130011",
    "+33 3 53 01 30 0",
    "+ 33 3 53 01 30 0",
    "0033 3 53 01 30 0",
    "(+33) 3 53 01 30 0",
    "+33 (0)3 53 01 30 0",
    "03 53 01 00 2",  # the ARS's line, also the directory's
]


@pytest.mark.parametrize("number", NEAR)
@pytest.mark.parametrize(
    "sentence", ["Dr Roux : {}.", "domicile {} la nuit", "Canicule 2025 {}", "({})"]
)
def test_a_directory_number_typed_a_digit_short_or_long_is_hidden(
    number: str, sentence: str
) -> None:
    """Found by probing: each was printed whole in the diffusable edition (only mobiles were
    read so, by their shape); « Canicule 2025 … », a title, escaped the mobiles' reading
    too (a year before it with the same separator)."""
    assert redacted(sentence.format(number)) == sentence.format(REPLACEMENT)


@pytest.mark.parametrize(
    "text",
    [
        "03 53 01 30 02",  # another valid number, one digit changed: maybe public
        "03 53 01 03 01",  # two digits swapped: a valid number too
        "03 53 01 30 01 | 1",  # the number, then a count in the next cell
        "FINESS 035301300 ; SIREN 353013001",  # an identifier's name before it
        "réf.A03 53 01 30 0 ; 03 53 01 30 0B",  # glued to a word
        "Codes 59000 59100 ; 3 530 habitants ; le 03/05/2026 à 13 h 01",
        "03 53 01 30 ; 53 01 30 01",  # two digits short: no longer this number
    ],
)
def test_other_numbers_codes_and_counts_stay(text: str) -> None:
    expected = text.replace("03 53 01 30 01", REPLACEMENT)
    assert redacted(text) == expected


def test_the_documents_last_check_and_the_reviewers_table_hide_it_too() -> None:
    """A custom template's words (finished.py) and the reviewer's table (outside.py) read
    the plan's contacts with the same finder."""
    finder = contact_finder(DIRECTORY)
    assert hide_mobiles("Astreinte : 03 53 01 30 0", "[X]", finder) == "Astreinte : [X]"
    people = people_finder([HOME])
    assert for_reviewer("Guide (tél. 03 53 01 30 011)", people=people) == f"Guide (tél. {HIDDEN})"


def test_a_rendered_plan_prints_no_near_directory_number(tmp_path: Path) -> None:
    """The example's pharmacist's direct line (03 53 01 30 17) typed a digit short in an
    activation's title: printed in every format of the diffusable edition, heading and
    bookmarks included; the internal edition prints it as typed."""
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    path = plan / "evaluer.yaml"
    text = path.read_text(encoding="utf-8")
    before = "titre: Canicule de fin juin et début juillet 2025"
    assert before in text
    path.write_text(text.replace(before, before + " 03 53 01 30 1", 1), encoding="utf-8")
    for edition in ("diffusable", "interne"):
        out = tmp_path / f"{edition}.md"
        result = run_cli("render", plan, "-f", "md", "-e", edition, "-o", out)
        assert result.exit_code == 0, result.stderr
        document = out.read_text(encoding="utf-8")
        assert "Canicule de fin juin et début juillet 2025" in document
        shown = re.search(r"2025\W+03\W+53\W+01\W+30\W+1\b", document) is not None
        assert shown == (edition == "interne"), edition
