"""The reviewer's table (`validate DOSSIER --tableau`) goes to the ARS or is shared within a
region: like the diffusable edition, it never prints a person's contact, not even the
malformed value an error is about (« numéro mal formé : « 06 39 98 20 0 » »). The
coordinator's own report still quotes it: that is how they find and mend it."""

from __future__ import annotations

import csv
import html
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from cptsplan.privacy.outside import HIDDEN, for_reviewer

from .conftest import MINIMAL_EXAMPLE, run_cli

DATE = "2026-12-07"
BAD_MOBILE = "06 39 98 20 0"  # nine digits: phonenumbers cannot read it
LETTER_O = "O6 39 98 2O 02"
PERSONAL_MSSANTE = "elise.faure.perso@gmail.com"
SPACED_EMAIL = "elise faure@orange.fr"
NO_AT_EMAIL = "paul.bruneau.orange.fr"
MOBILE_IN_VERSION = "07 61 22 33 44"
EMAIL_IN_NAME = "zoe.kermarrec(at)gmail.com"
CONTACTS = (BAD_MOBILE, LETTER_O, PERSONAL_MSSANTE, SPACED_EMAIL, NO_AT_EMAIL,
            MOBILE_IN_VERSION)  # fmt: skip
EMAIL_WORDS = {PERSONAL_MSSANTE: "faure.perso", SPACED_EMAIL: "orange", NO_AT_EMAIL: "orange",
               EMAIL_IN_NAME: "kermarrec"}  # fmt: skip
"""Each e-mail by a word of its own (« faure » is also the name printed in the plan)."""


def _digits(text: str) -> str:
    """Digits between letters joined; the letter O read as the zero it stands for."""
    return re.sub(r"\D", "", re.sub(r"(?<=\d)[oO]|[oO](?=\d)", "0", text))


def _leaked(text: str) -> list[str]:
    text = html.unescape(text)
    chunks = [_digits(chunk) for chunk in re.split(r"[^\W\dOo_]{2,}", text)]
    found = []
    for contact in CONTACTS:
        digits = _digits(contact)
        if len(digits) >= 8 and any(digits in chunk for chunk in chunks):
            found.append(contact)
    found += [email for email, word in EMAIL_WORDS.items() if word in text.lower()]
    return found


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plans = tmp_path_factory.mktemp("gdpr-tableau") / "plans"
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    for old, new in (
        ('numero: "06 39 98 20 01"', f'numero: "{BAD_MOBILE}"'),
        ('numero: "06 39 98 20 02"', f'numero: "{LETTER_O}"'),
        (
            "mssante: elise.faure@medecin.mssante.fr",
            f'mssante: {PERSONAL_MSSANTE}\n    email: "{SPACED_EMAIL}"',
        ),
        ("mssante: paul.bruneau@infirmier.mssante.fr", f"email: {NO_AT_EMAIL}"),
        ("nom: CPTS du Plateau de Vèze", f"nom: CPTS du Plateau de Vèze ({EMAIL_IN_NAME})"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    text = re.sub(
        r"(?m)^(  version: ).*$", rf'\g<1>"1.0 (Dr Faure {MOBILE_IN_VERSION})"', text, count=1
    )
    (plans / "plateau").mkdir(parents=True)
    (plans / "plateau" / "plan.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(MINIMAL_EXAMPLE, plans / "minimale")
    return plans


def _table_texts(plans: Path, suffix: str, *options: str) -> str:
    target = plans.parent / f"relecture{options[-1] if options else ''}{suffix}"
    result = run_cli("validate", plans, "--date", DATE, "--tableau", target, *options)
    assert result.exit_code == 1, result.stdout
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(target)
        return "\n".join(
            str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
            for cell in row if cell is not None
        )  # fmt: skip
    if suffix == ".csv":
        with target.open(encoding="utf-8-sig", newline="") as stream:
            return "\n".join(";".join(row) for row in csv.reader(stream, delimiter=";"))
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("options", [(), ("--jobs", "2")])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".html"])
def test_the_reviewers_table_prints_no_contact_not_even_a_malformed_one(
    plans: Path, suffix: str, options: tuple[str, ...]
) -> None:
    text = _table_texts(plans, suffix, *options)
    assert _leaked(text) == []
    # The reviewer still reads what is wrong, and where.
    assert "9 chiffres au lieu de 10" in text
    assert "la lettre O à la place d" in html.unescape(text)
    assert "adresse MSSanté non valide" in text
    assert HIDDEN in text
    assert "CPTS du Plateau de Vèze" in text


def test_the_coordinators_own_report_still_quotes_the_value_to_mend(plans: Path) -> None:
    result = run_cli("validate", plans / "plateau", "--date", DATE)
    assert result.exit_code == 1
    printed = " ".join(result.stdout.split())  # the terminal may wrap a long line
    for contact in (BAD_MOBILE, LETTER_O, PERSONAL_MSSANTE, NO_AT_EMAIL, MOBILE_IN_VERSION):
        assert contact in printed


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        (
            "numéro de téléphone mal formé : « 06 39 98 20 0 » : 9 chiffres au lieu de 10",
            "annuaire[0].telephones[0].numero",
            f"numéro de téléphone mal formé : « {HIDDEN} » : 9 chiffres au lieu de 10",
        ),
        (
            "« Courriel » (email) : adresse électronique mal formée « jean dupont@x.fr »",
            "annuaire[3].email",
            f"« Courriel » (email) : adresse électronique mal formée « {HIDDEN} »",
        ),
        (
            "« rue des Lilas » : type inattendu",
            "annuaire[3].adresse",
            f"« {HIDDEN} » : type inattendu",
        ),
        # Not a contact field: quoted values are kept (a usage, a date)...
        (
            "« perso » n'est pas un usage connu",
            "annuaire[0].telephones[0].usage",
            "« perso » n'est pas un usage connu",
        ),
        ("date mal écrite : « 2026-13-45 »", "document.date_mise_a_jour", None),
        # ... but a mobile or an e-mail anywhere is hidden; a landline, a public number stay.
        (
            "appeler le Dr Roux au 06.39.98.77.12, ou roux [at] gmail [dot] com ; SAMU : 15",
            "",
            f"appeler le Dr Roux au {HIDDEN}, ou {HIDDEN} ; SAMU : 15",
        ),
        ("standard de la mairie : 03 20 12 34 56", "", None),
        ("+33 6 39 98 77 12 et +262 692 12 34 56", "", f"{HIDDEN} et {HIDDEN}"),
    ],
)
def test_for_reviewer_hides_contact_values_and_keeps_the_rest(
    text: str, path: str, expected: str | None
) -> None:
    assert for_reviewer(text, path) == (text if expected is None else expected)


def test_a_home_landline_quoted_anywhere_is_hidden_from_the_reviewer() -> None:
    """`for_reviewer` hid e-mails, mobiles and values of contact fields, not a landline
    marked « domicile » in another field's message: the shareable edition hides it, the
    reviewer's table printed it."""
    from cptsplan.privacy.outside import HIDDEN, for_reviewer

    text = "« Dr Vandamme, domicile : 03 27 45 61 06 » n'est pas du type attendu"
    shown = for_reviewer(text, "adapter.fiches_reflexes[0].contacts")
    assert "45 61 06" not in shown and HIDDEN in shown
    public = "SAMU 59 – Centre 15 : 03 20 44 44 44"  # an organisation's line stays
    assert for_reviewer(public, "piloter.alerte") == public


def test_a_field_to_complete_keeps_its_label_in_the_reviewers_table(tmp_path: Path) -> None:
    """« Annuaire de crise n° 1 : « [coordonnée masquée] » : à compléter »: the field's label
    was masked as if it were the contact, and the reviewer could not tell what was missing."""
    plans = tmp_path / "plans"
    shutil.copytree(MINIMAL_EXAMPLE, plans / "cpts-adresse")
    plan = plans / "cpts-adresse" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "    type: organisme\n" in text
    plan.write_text(
        text.replace("    type: organisme\n", "    type: organisme\n    adresse: A_COMPLETER\n", 1),
        encoding="utf-8",
    )
    target = tmp_path / "relecture.csv"
    run_cli("validate", plans, "--date", DATE, "--tableau", target, "--strict")
    with target.open(encoding="utf-8-sig", newline="") as stream:
        cells = "\n".join(";".join(row) for row in csv.reader(stream, delimiter=";"))
    assert "[coordonnée masquée] » : à compléter" not in cells


DIRECT_LINE = "03 53 01 30 01"  # Dr Vandamme's own line in the complete example's directory
PUBLIC_LINE = "03 53 01 00 40"  # the SAMU's line: an organisation's, public
HOME = "12 rue des Lilas, 59000 Lille"


@pytest.mark.parametrize("options", [(), ("--jobs", "2")])
def test_a_directory_persons_landline_or_address_copied_into_plan_text_is_hidden(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    """Found by writing the directory's contacts into every text of the complete example:
    the grid's detail « Trame nationale ou guide régional suivi » quotes the guides' titles,
    and a person's direct landline copied there (« Trame nationale… tél. 03 53 01 30 01
    poste 12 ») was printed in the table sent to the ARS. `for_reviewer` hid mobiles and
    e-mails, not a landline nor a street it could not know to be a person's: the directory
    was dropped with the plan. An organisation's line (the SAMU's) stays readable."""
    from cptsplan.api import PARALLEL_FROM

    from .conftest import COMPLETE_EXAMPLE

    plans = tmp_path / "plans"
    shutil.copytree(COMPLETE_EXAMPLE, plans / "lys")
    plan, directory = plans / "lys" / "plan.yaml", plans / "lys" / "annuaire.yaml"
    text = plan.read_text(encoding="utf-8")
    for old, new in (
        ("CPTS aux situations sanitaires exceptionnelles\n",
         f"CPTS aux situations sanitaires exceptionnelles (Dr Vandamme, tél. {DIRECT_LINE}"
         f" poste 12 ; SAMU, {PUBLIC_LINE})\n"),
        ("titre: Guide régional d'élaboration du plan SSE des CPTS",
         "titre: Guide régional d'élaboration du plan SSE des CPTS (remis au 12 r. des Lilas)"),
    ):  # fmt: skip
        assert old in text, old
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    entries = directory.read_text(encoding="utf-8")
    old = "    email: claire.vandamme@cpts-valdelys.example\n"
    assert old in entries
    directory.write_text(entries.replace(old, f"{old}    adresse: {HOME}\n"), encoding="utf-8")
    for copy in range(2, 2 + PARALLEL_FROM):  # enough plans for workers (api.PARALLEL_FROM)
        shutil.copytree(plans / "lys", plans / f"lys-{copy}")
    target = tmp_path / "relecture.csv"
    run_cli("validate", plans, "--date", DATE, "--tableau", target, *options)
    shown = target.read_text(encoding="utf-8-sig")
    assert "Trame nationale du plan de préparation" in shown  # the detail is there
    assert "30 01" not in shown and "Lilas" not in shown
    assert HIDDEN in shown
    assert PUBLIC_LINE in shown
