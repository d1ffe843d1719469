"""More mistakes a coordinator makes on Windows (Notepad, VS Code, copies from Word), each in
a copy of the complete example: the plan gets one message for the cause, on its line, whose
advice is the fix (issue « the message leads to the right fix », second round)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import COMPLETE_EXAMPLE, run_cli
from .test_messages_wrong_fix import Case, messages


def copy(tmp_path: Path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    return plan


def one_message(found: list[dict]) -> dict:
    assert len(found) == 1, [(p["rule"], p["line"], p["message"]) for p in found]
    return found[0]


def text_of(message: dict) -> str:
    return f"{message['message']} {message['hint'] or ''}"


def test_a_plan_file_saved_with_txt_is_one_error_naming_its_sections(tmp_path: Path) -> None:
    """Windows hides « .txt »: plan.yaml.txt holds four required sections, one rename fixes
    them all (there were four « créez le fichier cpts.yaml » errors)."""
    plan = copy(tmp_path)
    (plan / "plan.yaml").rename(plan / "plan.yaml.txt")
    code, found = messages(plan)
    assert code == 1
    [error] = [p for p in found if p["severity"] == "error"]
    assert Path(error["file"]).name == "plan.yaml.txt"
    for section in ("« document »", "« cpts »", "« territoire »", "« version_format »"):
        assert section in error["message"]
    assert "renommez-le en « plan.yaml »" in error["hint"]
    assert "créez le fichier" not in text_of(error)
    # One finding per cause: no « fichier ignoré » warning saying the same again.
    assert [p for p in found if p["rule"] == "fichier-ignore"] == []


def test_an_uppercase_extension_is_blamed_too(tmp_path: Path) -> None:
    plan = copy(tmp_path)
    (plan / "plan.yaml").rename(plan / "Plan.YAML")
    _, found = messages(plan)
    [error] = [p for p in found if p["severity"] == "error"]
    assert Path(error["file"]).name == "Plan.YAML"
    assert "renommez-le en « Plan.yaml »" in error["hint"]


def test_word_lock_file_beside_the_plan_is_not_read(tmp_path: Path) -> None:
    """Word leaves `~$plan.yaml` (binary) while the file is open in it."""
    plan = copy(tmp_path)
    (plan / "~$plan.yaml").write_bytes(b"\x0bjulien   \x00\x00\x00")
    (plan / ".~lock.plan.yaml#").write_text("Julien,DESKTOP,07.12.2026 03:30;\n")
    code, found = messages(plan)
    assert (code, found) == (0, [])


def test_a_block_text_not_indented_under_its_key_says_indent(tmp_path: Path) -> None:
    """`action: |` then the text at the key's indentation: the advice used to be to write
    « Tenir: à jour... » (turning the text into a key)."""
    case = Case(
        "adapter.yaml",
        "          action: >-\n            Tenir à jour",
        "          action: |\n          Tenir à jour",
        30,
        ("n'est pas en retrait sous « action: »", "à partir de la ligne 30",
         "2 espaces plus à droite que « action: »"),
        never=("Tenir:",),
        column=11,
    )  # fmt: skip
    plan = copy(tmp_path)
    target = plan / case.file
    target.write_text(
        target.read_text(encoding="utf-8").replace(case.before, case.after, 1), encoding="utf-8"
    )
    _, found = messages(plan)
    message = one_message(found)
    assert (message["line"], message["column"], message["rule"]) == (30, 11, "yaml-syntaxe")
    for expected in case.says:
        assert expected in text_of(message)
    assert "Tenir:" not in text_of(message)


def edited(tmp_path: Path, file: str, before: str, after: str) -> Path:
    plan = copy(tmp_path)
    target = plan / file
    text = target.read_text(encoding="utf-8")
    assert before in text, before
    target.write_text(text.replace(before, after, 1), encoding="utf-8")
    return plan


@pytest.mark.parametrize(
    ("file", "before", "after", "line"),
    [
        ("annuaire.yaml", "email: ars-hdf-alerte@ars-hdf.example", "email: A COMPLETER", 20),
        ("annuaire.yaml", "email: ars-hdf-alerte@ars-hdf.example", "email: à compléter", 20),
        ("annuaire.yaml", "email: ars-hdf-alerte@ars-hdf.example", "email: A_COMPLÉTER", 20),
        ("annuaire.yaml", "verifie_le: 2026-09-15", "verifie_le: A COMPLETER", 21),
        ("adapter.yaml", "responsable: thomas-delattre", "responsable: a completer", 34),
        ("adapter.yaml", "typologies: [T1]", "typologies: [à compléter]", 12),
    ],
)
def test_a_misspelt_placeholder_is_named_as_such(
    tmp_path: Path, file: str, before: str, after: str, line: int
) -> None:
    """« A COMPLETER » in an e-mail field was « forme attendue : nom@domaine.fr », advice that
    has the coordinator invent an address for a value rightly not known yet."""
    _, found = messages(edited(tmp_path, file, before, after))
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == (file, line)
    assert "n'est pas reconnu comme une valeur à compléter" in message["message"]
    assert "écrivez exactement A_COMPLETER" in message["hint"]
    assert "nom@domaine" not in text_of(message) and "AAAA" not in text_of(message)


def test_a_quoted_format_version_says_remove_the_quotes(tmp_path: Path) -> None:
    """It said « doit valoir 1, pas « 1 » », which reads as a contradiction."""
    _, found = messages(edited(tmp_path, "plan.yaml", "version_format: 1", 'version_format: "1"'))
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == ("plan.yaml", 9)
    assert "écrit entre guillemets" in message["message"]
    assert message["hint"] == "retirez les guillemets : « version_format: 1 »"


def test_a_referent_pointing_to_an_organisation_is_named(tmp_path: Path) -> None:
    """It said « aucun référent SSE titulaire nommé » while one was written."""
    plan = edited(
        tmp_path, "piloter.yaml", "- personne: julien-vermeersch\n", "- personne: samu-59\n"
    )
    _, found = messages(plan)
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"], message["column"]) == (
        "piloter.yaml", 36, 17,
    )  # fmt: skip
    assert "« samu-59 » est une organisation" in message["message"]
    assert "type: personne" in message["hint"]
    assert "aucun" not in message["message"]


@pytest.mark.parametrize(
    ("file", "before", "after", "line", "advice"),
    [
        ("annuaire.yaml",
         '      - numero: "03 53 01 00 10"\n        usage: astreinte\n        h24: true\n',
         '      - "03 53 01 00 10"\n', 17, '« - numero: "03 53 01 00 10" »'),
    ],
)  # fmt: skip
def test_a_list_item_without_its_key_says_which_key(
    tmp_path: Path, file: str, before: str, after: str, line: int, advice: str
) -> None:
    """The advice was the field's description (« Un numéro de téléphone. »)."""
    _, found = messages(edited(tmp_path, file, before, after))
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == (file, line)
    assert advice in message["hint"]


@pytest.mark.parametrize(
    ("file", "before", "after", "line", "meant"),
    [
        ("annuaire.yaml", "h24: true", "h24: vrai", 19, "oui"),
        ("annuaire.yaml", "h24: true", "h24: Faux", 19, "non"),
        ("adapter.yaml", "typologies: [T1]", "typologies: [Typologie 1]", 12, "T1"),
        ("adapter.yaml", "typologies: [T1]", "typologies: [t 1]", 12, "T1"),
        ("adapter.yaml", "volets: [AMAVI]", "volets: [MEDICO PSY]", 11, "MEDICO-PSY"),
        ("adapter.yaml", "- phase: montee_en_puissance", "- phase: Montée en puissance", 43,
         "montee_en_puissance"),
    ],
)  # fmt: skip
def test_a_choice_written_in_words_suggests_the_permitted_value(
    tmp_path: Path, file: str, before: str, after: str, line: int, meant: str
) -> None:
    """« vrai » and « Typologie 1 » had no suggestion at all."""
    _, found = messages(edited(tmp_path, file, before, after))
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == (file, line)
    assert message["hint"] == f"vouliez-vous dire « {meant} » ?"


def test_a_text_starting_with_hash_is_explained_as_a_comment(tmp_path: Path) -> None:
    """`remarques: #appeler le poste 2` is an empty value: the advice « remplissez-la »
    puzzled whoever had filled it."""
    plan = edited(
        tmp_path,
        "annuaire.yaml",
        "remarques: Délégué ACI des CPTS, jours ouvrés.",
        "remarques: #appeler le poste 2",
    )
    _, found = messages(plan)
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == ("annuaire.yaml", 116)
    assert "« #appeler le poste 2 » est lu comme un commentaire" in message["hint"]
    assert 'remarques: "#appeler le poste 2"' in message["hint"]
    assert "remplissez" not in message["hint"]


@pytest.mark.parametrize("written", ["v2.1", "V 2.1", "version 2.1"])
def test_a_version_with_a_v_is_one_message_giving_the_number(tmp_path: Path, written: str) -> None:
    """« v2.1 » also gave three « la version 1.0 de l'historique est postérieure » warnings
    (the refused version compared as « 0 »)."""
    before, after = 'version: "2.1"\n  # Envoy', f"version: {written}\n  # Envoy"
    plan = edited(tmp_path, "plan.yaml", before, after)
    _, found = messages(plan)
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == ("plan.yaml", 13)
    assert 'écrivez seulement le numéro, entre guillemets : "2.1"' in message["hint"]


@pytest.mark.parametrize(
    "written", ["05/10/2026", "5.10.2026", "5 octobre 2026", "2026-10-5", "2026-10-05 14:00"]
)
def test_a_date_written_the_french_way_gets_the_date_to_write(tmp_path: Path, written: str) -> None:
    """The advice was the format alone; the date the writer meant is clear (day first, as in
    France), so it is given. The format itself stays strict: « 05/10/2026 » is not accepted
    (editors and the published schema read AAAA-MM-JJ only)."""
    plan = edited(
        tmp_path, "plan.yaml", "date_mise_a_jour: 2026-10-05", f"date_mise_a_jour: {written}"
    )
    _, found = messages(plan)
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == ("plan.yaml", 17)
    assert message["hint"].startswith("écrivez 2026-10-05 (format AAAA-MM-JJ")


def test_a_french_date_in_a_date_or_period_field_too(tmp_path: Path) -> None:
    plan = edited(tmp_path, "evaluer.yaml", "date: 2024-11-26", "date: 26/11/2024")
    _, found = messages(plan)
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == ("evaluer.yaml", 10)
    assert "écrivez 2024-11-26" in message["hint"]


EMAIL = "email: ars-hdf-alerte@ars-hdf.example"


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("ARS <ars-hdf-alerte@ars-hdf.example>",
         "écrivez seulement l'adresse : ars-hdf-alerte@ars-hdf.example"),
        ("mailto:ars-hdf-alerte@ars-hdf.example",
         "écrivez seulement l'adresse : ars-hdf-alerte@ars-hdf.example"),
        ("ars-hdf-alerte@ars-hdf.example, autre@ars.example",
         "un seul courriel par champ : gardez « ars-hdf-alerte@ars-hdf.example »"),
        ("ars-hdf-alerte@ars-hdf,example",
         "écrivez un point à la place de la virgule : ars-hdf-alerte@ars-hdf.example"),
        ("ars-hdf alerte@ars-hdf.example", "ne contient pas d'espace"),
    ],
)  # fmt: skip
def test_an_email_pasted_from_a_mail_program_gets_the_address(
    tmp_path: Path, written: str, advice: str
) -> None:
    """The advice was « forme attendue : nom@domaine.fr » whatever the mistake."""
    _, found = messages(edited(tmp_path, "annuaire.yaml", EMAIL, f"email: {written}"))
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == ("annuaire.yaml", 20)
    assert advice in message["hint"]
    assert "alerte@ars-hdf.example" not in message["hint"] or "ars-hdf-alerte" in message["hint"]


def test_a_colon_inside_a_text_gives_the_quoted_line(tmp_path: Path) -> None:
    """The advice was « entre guillemets, ou l'indentation est incorrecte »: two fixes, one
    of them wrong here; the quoted line is given."""
    plan = edited(
        tmp_path,
        "annuaire.yaml",
        "remarques: Délégué ACI des CPTS, jours ouvrés.",
        'remarques: Note: voir le "cadre" : demain',
    )
    _, found = messages(plan)
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == ("annuaire.yaml", 116)
    assert message["hint"] == (
        'mettez toute la valeur entre guillemets : remarques: "Note: voir le \\"cadre\\" : demain"'
    )
    assert "indentation" not in text_of(message)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("notes.yaml", "Penser à appeler l'ARS\n- relire le plan\n", "des sections"),
        ("notes.yaml", "# à faire : relire le plan\n", "que des commentaires"),
        ("nouveau.yaml", "", "le fichier est vide"),
    ],
)
def test_a_stray_file_in_the_plan_folder_says_to_move_it_out(
    tmp_path: Path, name: str, content: str, says: str
) -> None:
    """Notes kept beside the plan: the advice was only « commencez par « document: » »."""
    plan = copy(tmp_path)
    (plan / name).write_text(content, encoding="utf-8")
    _, found = messages(plan)
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == (name, 1)
    assert says in message["message"]
    assert "hors du dossier du plan" in message["hint"]


def test_an_entry_whose_id_was_retyped_gives_no_wall_of_references(tmp_path: Path) -> None:
    """`ars-dd59` retyped as `ars-hdf-point-focal`: 22 « ne correspond à aucune entrée »
    errors buried the duplicate. The references make one message that lists the places,
    and the duplicate names the id the plan no longer finds."""
    plan = edited(tmp_path, "annuaire.yaml", "  - id: ars-dd59\n", "  - id: ars-hdf-point-focal\n")
    _, found = messages(plan)
    errors = [p for p in found if p["severity"] == "error"]
    unknown = [p for p in errors if p["rule"] == "reference-inconnue"]
    [duplicate] = [p for p in errors if p["rule"] == "identifiant-duplique"]
    assert len(unknown) == 1
    assert "« ars-dd59 » est cité 22 fois dans le plan, aussi en plan.yaml:67" in unknown[0]["hint"]
    assert (Path(duplicate["file"]).name, duplicate["line"]) == ("annuaire.yaml", 25)
    assert "l'identifiant « ars-dd59 », cité 22 fois" in duplicate["hint"]
    assert len(errors) <= 3  # and the entry now its own suppléant (a true finding)


def test_an_entry_copied_without_a_new_id_is_one_message(tmp_path: Path) -> None:
    copied = "  - id: cpam-flandres\n    type: organisme\n    nom: Autre caisse\n  - id: sdis-59\n"
    plan = edited(tmp_path, "annuaire.yaml", "  - id: sdis-59\n", copied)
    _, found = messages(plan)
    message = one_message(found)
    assert message["rule"] == "identifiant-duplique"
    assert message["hint"] == "chaque identifiant doit être unique : renommez l'un des deux"


@pytest.mark.parametrize(
    ("written", "says"),
    [("03 53 01 00 1", "9 chiffres au lieu de 10"), ("O3 53 01 00 10", "la lettre O")],
)
def test_a_wrong_phone_number_says_what_is_wrong(tmp_path: Path, written: str, says: str) -> None:
    before = '- numero: "03 53 01 00 10"'
    _, found = messages(edited(tmp_path, "annuaire.yaml", before, f'- numero: "{written}"'))
    message = one_message(found)
    assert (Path(message["file"]).name, message["line"]) == ("annuaire.yaml", 17)
    assert says in message["message"]


def new_plan_with(tmp_path: Path, file: str, before: str, after: str) -> list[dict]:
    """The problems of a plan made by `cptsplan init` with one edit, minus those of the
    untouched new plan (its « A_COMPLETER » to fill)."""
    folder = tmp_path / "depot"
    run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y")
    _, untouched = messages(folder / "plan")
    target = folder / "plan" / file
    text = target.read_text(encoding="utf-8")
    assert before in text, before
    target.write_text(text.replace(before, after, 1), encoding="utf-8")
    _, found = messages(folder / "plan")
    seen = {(p["rule"], p["message"]) for p in untouched}
    return [p for p in found if (p["rule"], p["message"]) not in seen]


def test_a_size_written_in_words_gets_the_number(tmp_path: Path) -> None:
    found = new_plan_with(tmp_path, "plan.yaml", "taille_aci: A_COMPLETER", "taille_aci: taille 2")
    message = one_message(found)
    assert message["hint"].startswith("écrivez seulement le nombre : 2")


def test_the_new_plan_s_version_points_to_its_history_entry_to_fill(tmp_path: Path) -> None:
    """`init` writes one history entry with « version: A_COMPLETER »: filling the plan's
    version calls for filling that entry, not adding another one."""
    found = new_plan_with(tmp_path, "plan.yaml", "  version: A_COMPLETER", '  version: "1.0"')
    [message] = [p for p in found if p["severity"] == "error"]
    assert message["rule"] == "historique-version-courante"
    assert "remplacez « A_COMPLETER » par « 1.0 » à la version de l'entrée n° 1" in message["hint"]
    assert "ajoutez" not in message["hint"]


def test_every_mistake_in_a_list_is_reported_not_only_the_first(tmp_path: Path) -> None:
    """A list also accepts « A_COMPLETER », so its mistakes failed as one `anyOf`, of which
    only the most relevant was told: two wrong values in two entries of the directory gave
    one error, and the coordinator met the second only after fixing the first."""
    plan = edited(tmp_path, "annuaire.yaml", "        h24: true\n", "        h24: Oui\n")
    text = (plan / "annuaire.yaml").read_text(encoding="utf-8")
    (plan / "annuaire.yaml").write_text(
        text.replace("        h24: false\n", "        h24: Non\n", 1), encoding="utf-8"
    )
    _, found = messages(plan)
    refused = [p for p in found if p["rule"] == "schema-valeur"]
    assert {(Path(p["file"]).name, p["message"].split(" : « ")[1][:3]) for p in refused} == {
        ("annuaire.yaml", "Oui"),
        ("annuaire.yaml", "Non"),
    }
    assert len({p["line"] for p in refused}) == 2
