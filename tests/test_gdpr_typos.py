"""A mobile number typed with one digit missing or extra (« 06 39 98 10 0 ») is still
somebody's personal number but for a digit: the diffusable edition, the document's last
check and the reviewer's table hide it. Codes, counts and dates written beside or like it
stay (privacy/typos.py says where the boundary is, and why)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cptsplan.privacy.finished import hide_mobiles
from cptsplan.privacy.outside import HIDDEN, for_reviewer
from cptsplan.privacy.redact import REPLACEMENT, redact

from .conftest import COMPLETE_EXAMPLE, run_cli


def redacted(text: str) -> str:
    return str(redact({"annuaire": [], "texte": text})["texte"])


MISTYPED = [
    "06 39 98 10 0",  # nine digits: the last one forgotten
    "06 39 98 10 011",  # eleven digits: one typed twice
    "6 39 98 10 01",  # the leading 0 forgotten
    "7 61 00 00 01",
    "06.39.98.10.0",
    "06-39-98-10-0",
    "06 . 39 . 98 . 10 . 0",
    "06 39 9 10 01",  # the digit missing inside
    "06 399 98 10 01",
    "07 61 00 00 0",
    "+33 6 39 98 10 0",
    "+ 33 6 39 98 10 0",
    "0033 6 39 98 10 0",
    "(+33) 6 39 98 10 0",
    "+33 (0)6 39 98 10 0",
    "+33 (0) 6 39 98 10 011",
]


@pytest.mark.parametrize("mobile", MISTYPED)
@pytest.mark.parametrize(
    "sentence",
    [
        "Dr Roux : {}.",
        "Tél.{} la nuit",
        "(portable {})",
        "fixe 03 20 12 34 56 - portable {}",  # another number before, other separator
        "{}, sinon le 15",
        "joindre le {} mais pas le dimanche",
    ],
)
def test_a_mobile_typed_a_digit_short_or_long_is_hidden(mobile: str, sentence: str) -> None:
    """Found by probing: each of these was printed whole in the diffusable edition."""
    assert redacted(sentence.format(mobile)) == sentence.format(REPLACEMENT)


def test_a_mistyped_mobile_split_by_a_line_break_is_hidden() -> None:
    """A YAML block scalar (`|`) keeps the line break the coordinator typed in the number."""
    assert redacted("Portable :\n06 39\n98 10 0\nla nuit") == f"Portable :\n{REPLACEMENT}\nla nuit"


@pytest.mark.parametrize(
    "text",
    [
        # Digits without a separator: a FINESS or SIREN number of the 06 or 07 departments
        # has nine digits from 06/07; eleven digits are no phone's rhythm either.
        "FINESS 060780491 ; SIREN 063998100 ; réf. 06399810011",
        "FINESS 590000000, FINESS 59 000 000 0, FINESS 060 780 491",
        "FINESS 06 07 80 49 1",  # the name of an identifier before the pairs
        "SIRET 062 123 456 00012 ; SIREN 062 123 456",
        # Postal and INSEE codes of the 06 and 07 departments, populations, dates, times.
        "Codes postaux 06000 06100, 07100, 07200 ; 73 438 habitants",
        "Antibes (06004) : 73438 habitants",  # a code in brackets, a colon, a count
        "Antibes (06004) : 73 438 habitants ; Annonay (07010) : 16500 habitants",
        "Nice 06088 : 342669 habitants",
        "Relève à 06 h 30, le 06 07 2026 et le 06 07 20 26",
        "Version 06.07.12.34.5",
        # Lists: commas, semicolons and table cells are not a number's separators.
        "Lits : 06, 07, 12, 34, 5 ; secteurs 06; 07; 12; 34; 5",
        "| 06 | 39 | 98 | 10 | 0 |",
        # One separator here, another there; a month or a unit after; glued to a word.
        "06.07 12 34 5",
        "Exercices les 6 13 20 27 30 juin ; paliers 7 10 15 20 30 min",
        "Vol AF06 39 98 10 0",
        # Two slips at once (a whole pair missing, a digit missing and the 0 forgotten,
        # other digits before it with the same separator): no longer a mobile's shape.
        "06 39 98 10 ; 6 39 98 10 0 ; 12 06 39 98 10 0",
    ],
)
def test_codes_counts_dates_and_lists_stay(text: str) -> None:
    assert redacted(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "06 12 (34 56 78)",  # a bracket in the middle of a mobile: a slip, hidden whole
        "(06) 12 34 56 78",
        "06123 45678",  # the halves of a mobile: no bracket nor colon between them
        "06 : 12 : 34 : 56 : 78",  # a colon between pairs, as between the halves below
    ],
)
def test_brackets_and_colons_inside_a_mobile_still_hide_it(text: str) -> None:
    """`phones._codes` reads « (06004) : 73438 » as a code and a count, not the two halves
    of a mobile (« 06123 45678 »), because a bracket or a colon stands between the groups:
    a mobile written in pairs keeps being hidden with brackets or colons anywhere, and its
    bracket goes with it (« [coordonnée…]) » was printed)."""
    assert redacted(f"Dr Roux : {text}.") == f"Dr Roux : {REPLACEMENT}."


def test_the_halves_of_a_mobile_with_a_colon_between_them_are_a_code_and_a_count() -> None:
    """The price of « Antibes (06004) : 73438 habitants »: nobody writes a mobile so."""
    assert redacted("06123 : 45678") == "06123 : 45678"


def test_the_documents_last_check_and_the_reviewers_table_hide_a_mistyped_mobile() -> None:
    """The finished document (a custom template's words, two fields side by side) and the
    table sent to the ARS do not go through the data's redaction."""
    row = "| Dr Roux | 06 39 98 10 0 | 16 500 | Antibes (06004) : 73438 habitants |"
    assert hide_mobiles(row, "[X]") == row.replace("06 39 98 10 0", "[X]")
    assert for_reviewer("Rappeler le 06.39.98.10.011 ou 07100, 07200") == (
        f"Rappeler le {HIDDEN} ou 07100, 07200"
    )


def test_the_diffusable_document_hides_mistyped_mobiles_and_keeps_codes(tmp_path: Path) -> None:
    """End to end: a mistyped mobile written in an action and in a custom template's own
    words is not in the diffusable Markdown; the communes' codes and counts are."""
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    (plan / "templates").mkdir()
    import cptsplan.templates

    cover = (Path(cptsplan.templates.__file__).parent / "couverture.md.j2").read_text("utf-8")
    (plan / "templates" / "couverture.md.j2").write_text(
        f"{cover}\n\nCoordinatrice : 6 39 98 10 01 (portable).\n", encoding="utf-8"
    )
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    before = "avec l'ORSAN régional et avec le plan blanc du centre hospitalier de la Lys."
    assert before in text
    after = "avec l'ORSAN régional ; astreinte 06 39 98 10 0 ; Antibes (06004) : 73438 habitants."
    (plan / "plan.yaml").write_text(text.replace(before, after, 1), encoding="utf-8")
    for edition in ("diffusable", "interne"):
        out = tmp_path / f"{edition}.md"
        result = run_cli("render", plan, "-f", "md", "-e", edition, "-o", out)
        assert result.exit_code == 0, result.stderr
        document = out.read_text(encoding="utf-8")
        digits = re.sub(r"\D", "", document)
        assert ("63998100" in digits) == (edition == "interne"), edition
        assert ("Coordinatrice : 6" in document) == (edition == "interne"), edition
        assert "Antibes (06004) : 73438 habitants" in document


def test_the_run_pattern_finds_what_its_plain_form_finds() -> None:
    """typos._RUN starts with a digit class (the boundary checked after it) so that the
    engine skips to digits; it must find exactly what the plain form finds."""
    import random

    from cptsplan.privacy import typos

    plain = re.compile(r"(?<!\d)\d+(?:(?: {1,3}| ?[.-] ?)\d+)+")
    pieces = ["0", "6", "39", "123", " ", "  ", ".", "-", " . ", "a", "+", "(", ")", "\u00e9"]
    generator = random.Random(7)
    for _ in range(3000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 25)))
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in typos._RUN.finditer(text)] == expected, text


@pytest.mark.parametrize(
    "piece",
    [
        "06 39 98 10 0 ",
        "6 39 98 10 01 1 ",
        "jean.dupont arobase gmail point com ",
        "06⁄39 ",
        "x (a) ",
    ],
    ids=["typo", "zero-oublie", "arobase", "symbole", "a-entre-parentheses"],
)
def test_the_new_readings_cost_linear_time(piece: str) -> None:
    """Mistyped mobiles, spelt-out addresses and symbols between digits are read in time
    linear in the text (CPU time of two sizes in this process; quadratic would give 100)."""
    from .cost import LINEAR, growth

    small = piece * (10_000 // len(piece))
    large = piece * (100_000 // len(piece))
    assert growth(lambda: redacted(small), lambda: redacted(large)) < LINEAR
    assert growth(lambda: hide_mobiles(small, "[X]"), lambda: hide_mobiles(large, "[X]")) < LINEAR


def test_a_mistyped_number_in_the_directorys_unread_lines_is_hidden() -> None:
    """The directory lines that `cptsplan import` could not read (kept as text) are all
    contacts: a landline typed with a digit too many there (« 03.20.12.34.567 ») is no
    number to read, and was printed. Dates and short public numbers stay."""
    block = {
        "partie": "annuaire",
        "texte": "Mme Roy 03.20.12.34.567 ; SAMU 15, 3237 ; mis à jour le 12/03/2027",
    }
    result = redact({"annuaire": [], "texte_importe": [block]})["texte_importe"][0]["texte"]
    assert result == f"Mme Roy {REPLACEMENT} ; SAMU 15, 3237 ; mis à jour le 12/03/2027"


@pytest.mark.parametrize(
    "text",
    [
        "FINESS 060780491 5 lits ; SIREN 062123456, 7 salariés",
        "| Au moins 1 par an FINESS 060780491 | 5 octobre 2026 |",
    ],
)
def test_a_finess_number_before_a_count_or_a_day_stays(text: str) -> None:
    """Found by the injection probe: a FINESS or SIREN number of the 06 or 07 departments
    (nine digits) and the digit after it, a count or the day in the next cell of the table,
    made ten digits from 06, read as a mobile: both were masked (« FINESS [coordonnée…]
    octobre 2026 »)."""
    assert redacted(text) == text
    assert hide_mobiles(text, "[X]") == text


@pytest.mark.parametrize(
    "row",
    [
        r"| cellule de crise\. le 06\/07\/2026 | 11 février 2025 |",
        r"| exercices dans l’année 06\:30 | 2 \(mars et juin 2026\) |",
        r"| Masques FFP2 CP 06000 | 2 400 2 480 lits |",
    ],
)
def test_the_documents_last_check_reads_dates_and_codes_without_markdowns_escapes(
    row: str,
) -> None:
    """Found by injecting dates, times and codes into the complete example: the finished
    Markdown escapes punctuation (« 06\\/07\\/2026 », « 06\\:30 »), so the last check read
    no date nor time there, and the digits with those of the next cell (« 11 février »)
    made a mobile: « le [coordonnée…] | [coordonnée…] février 2025 ». A postal code followed
    by a cell's border is a code (phones._codes). With a custom template the directory's
    finder reads the document too, and made the same mistake."""
    from cptsplan.privacy.redact import contact_finder

    assert hide_mobiles(row, "[X]") == row
    assert hide_mobiles(row, "[X]", contact_finder({"annuaire": []})) == row


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        (r"Tél\. \(06\) 39 98 10 01\.", r"Tél\. [X]\."),
        (r"Tél\. 06\.39\.98\.10\.01 ou 06\.39\.98\.10\.0", r"Tél\. [X] ou [X]"),
        (r"\(+33\) 6 39 98 10 01 \(perso\)", r"[X] \(perso\)"),
    ],
)
def test_an_escaped_mobile_is_hidden_with_its_escapes(text: str, hidden: str) -> None:
    """The replacement takes the backslash of the character it starts with: one left
    before it would escape the replacement's own bracket."""
    assert hide_mobiles(text, "[X]") == hidden


def test_the_table_view_is_the_character_by_character_one() -> None:
    """`visible` reads a text that NFKC changes one character for one (no-break spaces,
    « ² ») or that holds invisible characters by a table, in C (the finished document took
    40 ms character by character, 5 ms so): the same text and the same positions as
    `character_view`, on random texts of the characters that matter."""
    import random

    from cptsplan.privacy.normalise import character_view, visible

    pool = list("ab é0123456789.-/()\n\t")
    pool += ["\u00a0", "\u202f", "\u2060", "\u200b", "\u00ad", "\u00b2", "\ufb01", "\u2026"]
    pool += ["\u2013", "\u2212", "\u0663", "\uff10"]
    generator = random.Random(3)
    for _ in range(20_000):
        text = "".join(generator.choice(pool) for _ in range(generator.randint(0, 12)))
        quick, slow = visible(text), character_view(text)
        assert quick.text == slow.text, text
        spans = [(index, index + 1) for index in range(len(quick.text))]
        assert [quick.original(s) for s in spans] == [slow.original(s) for s in spans], text
