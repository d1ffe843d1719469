"""`cptsplan annuaire importer`: a coordinator's CSV -> YAML directory entries that validate,
every unreadable row reported with its line, nothing written on a refusal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, run_cli
from .test_render_support import REFERENCE_DATE

COORDINATOR_CSV = (
    "NOM;Prénom;Fonction;Structure;Téléphone;Portable;E-mail;Adresse MSSanté;Ville;Astreinte;"
    "Date de naissance du chien\n"
    "Lefèvre;Anne;Médecin coordonnateur;EHPAD Les Tilleuls;0465710201;+33 6 39 98 30 01;"
    "anne.lefevre@ehpad.example;anne.lefevre@medecin.mssante.fr;Vèze-la-Rivière;;12/03\n"
    "Lefèvre;Anne;Infirmière;Cabinet du Pont;;06.39.98.30.02;;;Saint-Amand;;\n"
    "Mairie de Vèze;;;;04 65 71 00 60;;mairie@veze.example;;Vèze-la-Rivière;04 65 71 00 61;\n"
    '"Dupont, Durand et associés";;;;;;;;;;\n'
)


def importer(*args: str | Path) -> object:
    return run_cli("annuaire", "importer", *args)


def written(tmp_path: Path, data: bytes, *args: str | Path) -> tuple[object, Path]:
    source = tmp_path / "contacts.csv"
    source.write_bytes(data)
    output = tmp_path / "annuaire.yaml"
    return importer(source, "-o", output, *args), output


def entries(output: Path) -> list[dict]:
    return yaml.safe_load(output.read_text(encoding="utf-8"))["annuaire"]


def test_coordinator_csv_becomes_entries_with_unique_ids(tmp_path: Path) -> None:
    result, output = written(tmp_path, COORDINATOR_CSV.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    found = entries(output)
    assert [entry["id"] for entry in found] == [
        "anne-lefevre", "anne-lefevre-2", "mairie-de-veze", "dupont-durand-et-associes",
    ]  # fmt: skip
    anne = found[0]
    assert anne["type"] == "personne" and anne["nom"] == "Lefèvre"
    assert anne["structure"] == "EHPAD Les Tilleuls" and anne["commune"] == "Vèze-la-Rivière"
    assert anne["telephones"] == [
        {"numero": "04 65 71 02 01"},
        {"numero": "06 39 98 30 01", "usage": "mobile"},
    ]
    assert anne["email"] == "anne.lefevre@ehpad.example"
    assert anne["mssante"] == "anne.lefevre@medecin.mssante.fr"
    # A column the format does not know is kept, and said.
    assert "Date de naissance du chien : 12/03" in anne["remarques"]
    assert "Date de naissance du chien" in result.stderr
    mairie = found[2]
    assert mairie["type"] == "organisme"
    assert {"numero": "04 65 71 00 61", "usage": "astreinte", "h24": True} in mairie["telephones"]
    assert found[1]["telephones"] == [{"numero": "06 39 98 30 02", "usage": "mobile"}]


def test_imported_entries_validate_in_a_plan(tmp_path: Path) -> None:
    result, output = written(tmp_path, COORDINATOR_CSV.encode("utf-8"), "--plan", MINIMAL_EXAMPLE)
    assert result.exit_code == 0, result.stderr
    plan = tmp_path / "plan.yaml"
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    imported = output.read_text(encoding="utf-8").split("annuaire:\n", 1)[1]
    plan.write_text(text + imported, encoding="utf-8")
    check = run_cli("validate", plan, "--schema-seulement", "--date", REFERENCE_DATE)
    assert check.exit_code == 0, check.stdout


def test_ids_do_not_collide_with_the_plan(tmp_path: Path) -> None:
    data = "Nom;Prénom\nFaure;Dr\nFaure;Élise\n".encode()
    shutil.copy(MINIMAL_EXAMPLE / "plan.yaml", tmp_path / "plan.yaml")
    result, output = written(tmp_path, data, "--plan", tmp_path / "plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert [entry["id"] for entry in entries(output)] == ["dr-faure-2", "elise-faure"]


def test_export_then_import_gives_the_same_directory(tmp_path: Path) -> None:
    exported = tmp_path / "annuaire.csv"
    assert run_cli("annuaire", "exporter", COMPLETE_EXAMPLE, "-f", "csv", "-o", exported,
                   "--date", REFERENCE_DATE).exit_code == 0  # fmt: skip
    output = tmp_path / "annuaire.yaml"
    result = importer(exported, "-o", output)
    assert result.exit_code == 0, result.stderr
    original = yaml.safe_load((COMPLETE_EXAMPLE / "annuaire.yaml").read_text(encoding="utf-8"))
    by_id = {entry["id"]: entry for entry in original["annuaire"]}
    found = entries(output)
    assert [entry["id"] for entry in found] == list(by_id)
    for entry in found:
        source = by_id[entry["id"]]
        for name in (
            "type", "nom", "prenom", "categorie", "fonction", "email", "mssante", "suppleant",
        ):  # fmt: skip
            assert entry.get(name) == source.get(name), (entry["id"], name)
        assert [phone["numero"].replace(" ", "") for phone in entry.get("telephones", [])] == [
            phone["numero"].replace(" ", "") for phone in source.get("telephones", [])
        ]
        assert str(entry.get("verifie_le")) == str(source.get("verifie_le"))


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Nom,Prénom,Courriel\nÉvrard,Hélène,h@x.example\n".encode("cp1252"), "cp1252"),
        ("\ufeffNom;Prénom\nÉvrard;Hélène\n".encode(), "utf-8-sig"),
        ("Nom\tPrénom\r\nÉvrard\tHélène\r\n".encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_and_separators_are_found(tmp_path: Path, data: bytes, encoding: str) -> None:
    result, output = written(tmp_path, data)
    assert result.exit_code == 0, result.stderr
    entry = entries(output)[0]
    assert (entry["nom"], entry["prenom"], entry["id"]) == ("Évrard", "Hélène", "helene-evrard")
    assert encoding in output.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "vide"),
        (b"PK\x03\x04 binary", "classeur"),
        (b"Nom;Pr\x81nom\nA;B\n", "encodage"),
        (b"N\x00o\x00m\x00\n\x00", "octets nuls"),
        ("Prénom;Téléphone\nAnne;0465710201\n".encode(), "aucune colonne « Nom »"),
        (b"Nom;Prenom\n", "aucune ligne"),
    ],
)
def test_unreadable_files_are_refused_and_nothing_written(
    tmp_path: Path, data: bytes, message: str
) -> None:
    result, output = written(tmp_path, data)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not output.exists()


def test_rows_without_name_are_reported_with_their_line(tmp_path: Path) -> None:
    data = (
        "Nom;Téléphone;Courriel\n"
        "Mairie;04 65 71 00 60;\n"
        ";06 39 98 30 03;\n"
        "Cabinet;;pas-une-adresse\n"
    ).encode()
    result, output = written(tmp_path, data)
    assert result.exit_code == 1
    assert "ligne 3 : pas de nom" in result.stderr
    assert "ligne 4 : adresse de courriel illisible" in result.stderr
    assert "aucun fichier n'est écrit" in result.stderr
    assert not output.exists()
    partial = importer(tmp_path / "contacts.csv", "-o", output, "--partiel")
    assert partial.exit_code == 0
    assert [entry["nom"] for entry in entries(output)] == ["Mairie"]
    text = output.read_text(encoding="utf-8")
    assert "# NON IMPORTÉE : ligne 3 : pas de nom" in text


def test_deputy_column_becomes_a_reference_when_found(tmp_path: Path) -> None:
    data = "Nom;Prénom;Suppléant\nCaron;Bruno;Claire Dupont\nDupont;Claire;Inconnu X\n".encode()
    result, output = written(tmp_path, data)
    assert result.exit_code == 0, result.stderr
    bruno, claire = entries(output)
    assert bruno["suppleant"] == "claire-dupont"
    assert "suppleant" not in claire and claire["remarques"] == "Suppléant : Inconnu X"


def test_existing_output_is_kept_unless_forced(tmp_path: Path) -> None:
    output = tmp_path / "annuaire.yaml"
    output.write_text("mes notes\n", encoding="utf-8")
    source = tmp_path / "contacts.csv"
    source.write_text("Nom\nMairie\n", encoding="utf-8")
    refused = importer(source, "-o", output)
    assert refused.exit_code == 2 and "existe déjà" in refused.stderr
    assert output.read_text(encoding="utf-8") == "mes notes\n"
    assert importer(source, "-o", output, "--force").exit_code == 0
    assert entries(output)[0]["nom"] == "Mairie"
    assert importer(source, "-o", source, "--force").exit_code == 2  # never onto its input


def test_without_output_the_yaml_goes_to_stdout(tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text("Nom;Portable\nMairie;0639983004\n", encoding="utf-8")
    result = importer(source)
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["annuaire"][0]["telephones"] == [
        {"numero": "06 39 98 30 04", "usage": "mobile"}
    ]
    assert list(tmp_path.iterdir()) == [source]


def test_hostile_file_name_and_cells_stay_data(tmp_path: Path) -> None:
    source = tmp_path / "contacts\nannuaire: []\n#.csv"
    source.write_text('Nom;Remarques\n"Mairie\nannuaire: []";"a\u2028b: c"\n', encoding="utf-8")
    output = tmp_path / "annuaire.yaml"
    assert importer(source, "-o", output).exit_code == 0
    assert entries(output) == [
        {"id": "mairie-annuaire", "type": "organisme", "nom": "Mairie annuaire: []",
         "categorie": "collectivite", "remarques": "a b: c"},
    ]  # fmt: skip


def test_an_organisation_named_for_its_category_gets_it_without_a_category_column(
    tmp_path: Path,
) -> None:
    """« CPAM des Flandres » says what it is: without that, every imported directory would be
    told it has no CPAM, ARS or SAMU entry. A name that says nothing sure gets nothing."""
    result, output = written(
        tmp_path,
        "Nom;Prénom;Fixe\nCPAM des Flandres;;03 20 00 00 01\nSAMU 59 – Centre 15;;15\n"
        "Cabinet Durand;;03 20 00 00 02\nArs;Jean;03 20 00 00 03\n".encode(),
    )
    assert result.exit_code == 0
    assert [(e["nom"], e.get("categorie")) for e in entries(output)] == [
        ("CPAM des Flandres", "cpam"),
        ("SAMU 59 – Centre 15", "samu"),
        ("Cabinet Durand", None),
        ("Ars", None),  # a person called Ars is not the ARS
    ]


def test_a_quote_left_open_across_rows_is_an_unreadable_row(tmp_path: Path) -> None:
    """`Martin;"Paul;…` then `Durand;Anne;…`: the open quote would swallow the next row into
    a first name (one entry for two rows). Both rows are reported with their lines; an
    address written on two lines (a quoted cell without separator) is still read."""
    data = (
        "Nom;Prénom;Commune;Adresse\n"
        'Leroy;Marc;Vèze;"3 rue du Pont\nBâtiment B"\n'
        'Martin;"Paul;Vèze;1 rue Haute\n'
        "Durand;Anne;Vèze;2 rue Basse\n"
    ).encode()
    result, output = written(tmp_path, data)
    assert result.exit_code == 1 and not output.exists()
    assert "ligne 4 : un guillemet ouvert fait des lignes 4 à 5 une seule cellule" in result.stderr
    assert "ne sont pas importées" in result.stderr
    result, output = written(tmp_path, data, "--partiel")
    assert result.exit_code == 0, result.stderr
    assert [entry["nom"] for entry in entries(output)] == ["Leroy"]
    assert entries(output)[0]["adresse"] == "3 rue du Pont Bâtiment B"
    assert "NON IMPORTÉE : ligne 4" in output.read_text(encoding="utf-8")


def test_homonyms_get_ids_at_a_cost_linear_in_their_number() -> None:
    """20,000 « Jean Dupont » took 110 s: each id tried -2, -3... from the start. Counted in
    candidates tried, not in seconds."""
    from cptsplan.annuaire.ids import assign_ids

    rows = [{"nom": "Dupont", "prenom": "Jean"} for _ in range(20_000)]
    tries = assign_ids(rows, {"jean-dupont-3"})
    assert tries <= len(rows) + 2
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids) and "jean-dupont-3" not in ids
    assert ids[:4] == ["jean-dupont", "jean-dupont-2", "jean-dupont-4", "jean-dupont-5"]


def test_columns_and_notices_are_bounded(tmp_path: Path) -> None:
    """400,000 columns printed 5.7 MB of notices: columns past the 200th are counted in one
    line, ignored names listed up to 30, unrecognised numbers noticed up to 50."""
    header = "Nom;Téléphone;" + ";".join(f"C{i}" for i in range(100_000))
    rows = [f"Nom{i};12{i};" + ";" * 99_999 for i in range(3)]
    rows += [f"Autre{i};9{i}9" for i in range(200)]
    data = "\n".join([header, *rows]).encode() + b"\n"
    result, output = written(tmp_path, data)
    assert result.exit_code == 0, result.stderr
    assert len(result.stderr) < 20_000
    assert "99802 colonne(s) au-delà de la 200e ne sont pas lues" in result.stderr
    assert "et 168 autre(s)" in result.stderr  # 198 ignored names, 30 listed
    assert "autre(s) remarque(s)" in result.stderr
    assert len(entries(output)) == 203


def test_an_import_the_loader_would_refuse_is_not_written(tmp_path: Path) -> None:
    """A list past what the plan loader reads (5,000 items in a list) would give a file that
    `validate` refuses: nothing is written, and it is said why."""
    data = ("Nom;Prénom\n" + "".join(f"N{i};P{i}\n" for i in range(5_001))).encode()
    result, output = written(tmp_path, data)
    assert result.exit_code == 2 and not output.exists()
    assert "serait refusé" in result.stderr and "5001 entrées" in result.stderr
