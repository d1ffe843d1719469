"""`cptsplan annuaire exporter`: the vCard read back by an independent parser (vobject), the
CSV by the csv module, as a phone and a spreadsheet would read them."""

from __future__ import annotations

import csv
import io
import shutil
import stat
from pathlib import Path

import pytest
import vobject

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, run_cli
from .test_render_support import REFERENCE_DATE

HOSTILE_ENTRIES = """\
  - id: cabinet-virgule
    type: organisme
    nom: "Cabinet Dupont, Durand; associés \\\\ fils"
    categorie: professionnel_sante
    structure: "Pôle santé; site nord"
    commune: Vèze-la-Rivière
    telephones:
      - numero: "0465710099"
        usage: standard
      - numero: "+32 2 555 12 12"
        usage: direct
    email: accueil@cabinet-dupont.example
    verifie_le: 2026-10-02
    remarques: |-
      Première ligne, avec virgule; point-virgule.
      Deuxième ligne : ÉÈÀ ç œ — un long texte pour plier les lignes à soixante-quinze octets.
  - id: formule
    type: personne
    nom: "=HYPERLINK(\\"http://example.org\\")"
    prenom: "@Jean"
    fonction: "-2+3"
    telephones:
      - numero: A_COMPLETER
"""


def export(plan: Path, fmt: str, output: Path, *more: str) -> object:
    return run_cli(
        "annuaire", "exporter", plan, "-f", fmt, "-o", output, "--date", REFERENCE_DATE, *more
    )


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan")
    shutil.copy(MINIMAL_EXAMPLE / "plan.yaml", folder / "plan.yaml")
    with open(folder / "plan.yaml", "a", encoding="utf-8") as stream:
        stream.write(HOSTILE_ENTRIES)
    return folder


@pytest.fixture(scope="module")
def complete_vcf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("vcf") / "annuaire.vcf"
    result = export(COMPLETE_EXAMPLE, "vcf", output)
    assert result.exit_code == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def hostile_outputs(hostile_plan: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    for fmt in ("vcf", "csv"):
        result = export(hostile_plan, fmt, folder / f"annuaire.{fmt}")
        assert result.exit_code == 0, result.stderr
    return folder


def cards(path: Path) -> list[vobject.base.Component]:
    return list(vobject.readComponents(path.read_text(encoding="utf-8")))


def by_name(path: Path, name: str) -> vobject.base.Component:
    return next(card for card in cards(path) if card.fn.value == name)


def test_one_vcard_4_per_directory_entry(complete_vcf: Path) -> None:
    found = cards(complete_vcf)
    assert len(found) == 53
    assert {card.version.value for card in found} == {"4.0"}
    assert len({card.uid.value for card in found}) == 53


def test_person_card_has_name_phones_labels_and_mssante(complete_vcf: Path) -> None:
    card = by_name(complete_vcf, "Claire Vandamme")
    assert card.kind.value == "individual"
    assert (card.n.value.family, card.n.value.given) == ("Vandamme", "Claire")
    assert card.org.value == ["Cabinet médical du Beffroi"]
    assert "Présidente de la CPTS" in card.title.value
    phones = {tel.value: tel for tel in card.contents["tel"]}
    mobile = phones["+33 6 39 98 10 01"]
    assert mobile.params["TYPE"] == ["cell", "work"] and mobile.params["PREF"] == ["1"]
    direct = phones["+33 3 53 01 30 01"]
    assert direct.params["TYPE"] == ["voice", "work"]
    labels = {label.group: label.value for label in card.contents["x-ablabel"]}
    assert labels[mobile.group] == "mobile, 24 h/24"
    emails = {email.value: email for email in card.contents["email"]}
    mssante = emails["claire.vandamme@medecin.mssante.fr"]
    assert labels[mssante.group] == "MSSanté"
    assert "claire.vandamme@cpts-valdelys.example" in emails
    note = card.note.value
    assert "Joignable 24 h/24 : +33 6 39 98 10 01" in note
    assert "Suppléant : Bruno Caron (06 39 98 10 02)" in note
    assert "Coordonnées vérifiées le" in note and "ne pas diffuser" in note
    assert card.rev.value.startswith("2026")


def test_organisation_card_is_kind_org(complete_vcf: Path) -> None:
    card = by_name(
        complete_vcf, "ARS Hauts-de-France – point focal régional (veille et sécurité sanitaires)"
    )
    assert card.kind.value == "org"
    assert "n" not in card.contents
    assert card.rev.value == "20260915T000000Z"
    assert card.categories.value == ["CPTS du Val de Lys", "ARS"]


def test_vcard_lines_are_folded_at_75_octets_with_crlf(complete_vcf: Path) -> None:
    data = complete_vcf.read_bytes()
    assert data.decode("utf-8")  # UTF-8
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)  # no bare LF: every line ends with CRLF
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long values were folded


def test_vcard_escapes_commas_semicolons_backslashes_and_newlines(hostile_outputs: Path) -> None:
    card = by_name(hostile_outputs / "annuaire.vcf", "Cabinet Dupont, Durand; associés \\ fils")
    assert card.org.value == ["Cabinet Dupont, Durand; associés \\ fils", "Pôle santé; site nord"]
    assert "Première ligne, avec virgule; point-virgule.\nDeuxième ligne : ÉÈÀ ç œ" in (
        card.note.value
    )
    phones = [tel.value for tel in card.contents["tel"]]
    assert phones == ["+33 4 65 71 00 99", "+32 2 555 12 12"]


def test_placeholder_number_is_not_exported(hostile_outputs: Path) -> None:
    card = by_name(hostile_outputs / "annuaire.vcf", '@Jean =HYPERLINK("http://example.org")')
    assert "tel" not in card.contents
    assert "A_COMPLETER" not in (hostile_outputs / "annuaire.vcf").read_text(encoding="utf-8")


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv_opens_in_french_spreadsheets(tmp_path: Path) -> None:
    output = tmp_path / "annuaire.csv"
    assert export(COMPLETE_EXAMPLE, "csv", output).exit_code == 0
    rows = read_csv(output)
    assert len(rows) == 53
    assert list(rows[0])[:5] == ["Identifiant", "Type", "Catégorie", "Nom", "Prénom"]
    assert {
        "Téléphone 1",
        "Usage téléphone 1",
        "24 h/24 téléphone 1",
        "Courriel",
        "MSSanté",
    } <= set(rows[0])
    claire = next(row for row in rows if row["Identifiant"] == "claire-vandamme")
    assert claire["Prénom"] == "Claire" and claire["Catégorie"] == "Professionnel de santé"
    assert claire["Téléphone 1"] == "06 39 98 10 01" and claire["24 h/24 téléphone 1"] == "oui"
    assert claire["MSSanté"] == "claire.vandamme@medecin.mssante.fr"
    assert claire["Vérifié le"].count("/") == 2
    assert b"\r\n" in output.read_bytes()


def test_csv_numbers_in_one_national_format_and_formulas_guarded(hostile_outputs: Path) -> None:
    rows = read_csv(hostile_outputs / "annuaire.csv")
    cabinet = next(row for row in rows if row["Identifiant"] == "cabinet-virgule")
    assert cabinet["Nom"] == "Cabinet Dupont, Durand; associés \\ fils"
    assert cabinet["Téléphone 1"] == "04 65 71 00 99"
    assert cabinet["Téléphone 2"] == "'+32 2 555 12 12"  # a leading + would be a formula
    assert "Deuxième ligne" in cabinet["Remarques"]
    formula = next(row for row in rows if row["Identifiant"] == "formule")
    assert formula["Nom"] == '\'=HYPERLINK("http://example.org")'
    assert formula["Prénom"] == "'@Jean" and formula["Fonction"] == "'-2+3"
    assert formula["Téléphone 1"] == ""  # « A_COMPLETER » is not a number


def test_exports_are_private_files(hostile_outputs: Path) -> None:
    for name in ("annuaire.vcf", "annuaire.csv"):
        assert stat.S_IMODE((hostile_outputs / name).stat().st_mode) & 0o077 == 0


@pytest.mark.parametrize("fmt", ["vcf", "csv"])
def test_diffusable_edition_is_refused_and_nothing_written(tmp_path: Path, fmt: str) -> None:
    output = tmp_path / f"annuaire.{fmt}"
    result = export(COMPLETE_EXAMPLE, fmt, output, "--edition", "diffusable")
    assert result.exit_code == 2
    assert "édition interne" in result.stderr and "coordonnées personnelles" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_plan_with_patient_data_exports_nothing(tmp_path: Path) -> None:
    shutil.copy(MINIMAL_EXAMPLE / "plan.yaml", tmp_path / "plan.yaml")
    with open(tmp_path / "plan.yaml", "a", encoding="utf-8") as stream:
        stream.write(
            "  - id: patient\n    type: personne\n    nom: Durand\n"
            "    remarques: NIR 1 85 05 78 006 084 91\n"
        )
    result = export(tmp_path / "plan.yaml", "vcf", tmp_path / "a.vcf")
    assert result.exit_code == 1
    assert "données de patients" in result.stderr
    assert not (tmp_path / "a.vcf").exists()


def test_unknown_format_and_existing_device_are_usage_errors(tmp_path: Path) -> None:
    assert export(COMPLETE_EXAMPLE, "xlsx", tmp_path / "a.xlsx").exit_code == 2
    assert export(COMPLETE_EXAMPLE, "vcf", Path("/dev/null")).exit_code == 2
