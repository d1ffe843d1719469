"""Mistakes a coordinator makes editing the YAML by hand in Notepad or VS Code on Windows,
each in a copy of the complete example: the message names the mistake the coordinator
sees in the file, at its line and column, and the advice is the fix.

Each case was first seen giving a vague or wrong message: the missing space after « : »
called a missing « : », French quotes « » around a version answered with the field's
description, a Windows path in double quotes answered in PyYAML's English, a list item
indented too far silently merged into the item above.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from .conftest import COMPLETE_EXAMPLE, run_cli

TODAY = "2026-11-23"
TITLE = "exceptionnelles de la CPTS du Val de Lys\n"
"""The end of the line above the version (the history has versions too)."""


def broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    plan = tmp_path / "cpts-du-val-de-lys"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    target = plan / file
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    target.write_text(text.replace(old, new), encoding="utf-8")
    return plan


def problems(plan: Path) -> tuple[int, list[dict[str, Any]]]:
    result = run_cli("validate", "--format", "json", "--date", TODAY, plan)
    document = json.loads(result.stdout)
    return result.exit_code, [p for report in document["plans"] for p in report["problems"]]


def only_error(plan: Path) -> dict[str, Any]:
    code, found = problems(plan)
    assert code == 1
    errors = [p for p in found if p["severity"] == "error"]
    assert len(errors) == 1, [p["message"] for p in errors]
    return errors[0]


def test_french_quotes_around_a_version_are_named_with_the_straight_ones(tmp_path: Path) -> None:
    # French Word turns "2.1" into « 2.1 » by itself; the schema then said « n'a pas la forme
    # attendue » with the field's description, and nothing about the quotes.
    plan = broken(
        tmp_path, "plan.yaml", TITLE + '  version: "2.1"\n', TITLE + "  version: « 2.1 »\n"
    )
    error = only_error(plan)
    assert (error["line"], error["column"]) == (13, 12)
    assert "guillemets français (« »)" in error["message"]
    assert '"2.1"' in error["hint"]
    # The value is read as meant: no false « version missing from the history ».
    assert error["rule"] == "yaml-guillemets-courbes"


def test_french_quotes_around_a_choice_are_the_one_error(tmp_path: Path) -> None:
    plan = broken(
        tmp_path, "plan.yaml", "  classification: interne\n", "  classification: « interne »\n"
    )
    error = only_error(plan)
    assert "guillemets français" in error["message"] and '"interne"' in error["hint"]


def test_french_quotes_around_a_free_text_are_no_mistake(tmp_path: Path) -> None:
    plan = broken(
        tmp_path,
        "evaluer.yaml",
        "      intitule: Premier test de la chaîne d'alerte\n",
        "      intitule: « Premier test de la chaîne d'alerte »\n",
    )
    code, found = problems(plan)
    assert code == 0
    assert not [p for p in found if "guillemets" in p["message"]]


def test_curly_single_quotes_are_called_what_they_are(tmp_path: Path) -> None:
    plan = broken(
        tmp_path, "plan.yaml", "  classification: interne\n", "  classification: ‘interne’\n"
    )
    error = only_error(plan)
    assert "d'apostrophes courbes (‘ ’)" in error["message"]
    assert "“ ”" not in error["message"]


def test_a_missing_space_after_the_colon_is_not_called_a_missing_colon(tmp_path: Path) -> None:
    plan = broken(tmp_path, "plan.yaml", "  statut: transmis\n", "  statut:transmis\n")
    error = only_error(plan)
    assert (error["line"], error["column"]) == (15, 3)
    assert "il manque une espace après « : »" in error["message"]
    assert "il manque « : » après" not in error["message"]
    assert "« statut: transmis »" in error["hint"]


def test_a_windows_path_in_double_quotes_is_told_to_use_slashes(tmp_path: Path) -> None:
    plan = broken(
        tmp_path,
        "plan.yaml",
        "    fichier: figures/carte-zones.png\n",
        '    fichier: "figures\\carte-zones.png"\n',
    )
    error = only_error(plan)
    assert error["line"] == 439
    assert '"figures/carte-zones.png"' in error["hint"]


def test_a_disk_path_in_double_quotes_gets_french_advice_not_pyyaml(tmp_path: Path) -> None:
    # « \U » starts an 8-digit code for YAML: PyYAML's English was printed as the hint.
    plan = broken(
        tmp_path,
        "plan.yaml",
        "    fichier: figures/carte-zones.png\n",
        '    fichier: "C:\\Users\\coord\\carte-zones.png"\n',
    )
    error = only_error(plan)
    assert error["line"] == 439
    assert "détail technique" not in error["hint"] and "hexadecimal" not in error["hint"]
    assert "copiez le fichier dans le dossier du plan" in error["hint"]
    assert "figures/carte-zones.png" in error["hint"]


def test_a_disk_path_says_to_copy_the_image_into_the_plan(tmp_path: Path) -> None:
    plan = broken(
        tmp_path,
        "plan.yaml",
        "    fichier: figures/carte-zones.png\n",
        "    fichier: C:\\Users\\coord\\Documents\\carte-zones.png\n",
    )
    error = only_error(plan)
    assert (error["rule"], error["line"]) == ("figure-invalide", 439)
    assert "copiez l'image dans le dossier du plan" in error["hint"]
    assert "« figures/carte-zones.png »" in error["hint"]


def test_a_list_item_indented_too_far_is_not_silently_merged(tmp_path: Path) -> None:
    # YAML reads it as the rest of the item above: the référent's mission disappeared from
    # the list without a word.
    item = "- Tenir le plan à jour et préparer sa revue annuelle.\n"
    plan = broken(tmp_path, "piloter.yaml", "        " + item, "          " + item)
    code, found = problems(plan)
    assert code == 0  # a warning: the text is still there, in the item above
    [warning] = [p for p in found if p["rule"] == "yaml-element-colle"]
    assert (warning["line"], warning["column"], warning["severity"]) == (40, 11, "warning")
    assert "suite du texte de la ligne 39" in warning["message"]
    assert "ligne 39 (colonne 9)" in warning["hint"]


def test_a_dash_inside_a_wrapped_text_is_not_taken_for_an_item(tmp_path: Path) -> None:
    plan = broken(
        tmp_path,
        "evaluer.yaml",
        "      intitule: Premier test de la chaîne d'alerte\n",
        "      intitule: Premier test - chaîne\n        d'alerte - de nuit\n",
    )
    _, found = problems(plan)
    assert not [p for p in found if p["rule"] == "yaml-element-colle"]


INTITULE = "      intitule: Premier test de la chaîne d'alerte\n"


def test_an_apostrophe_inside_single_quotes_is_told_to_be_doubled(tmp_path: Path) -> None:
    # Was « indentation incohérente » with advice about columns.
    plan = broken(
        tmp_path, "evaluer.yaml", INTITULE, "      intitule: 'Premier test de la chaîne d'alerte'\n"
    )
    error = only_error(plan)
    assert (error["line"], error["column"]) == (9, 46)
    assert "apostrophe" in error["message"] and "indentation" not in error["message"]
    assert "'Premier test de la chaîne d''alerte'" in error["hint"]


def test_text_after_a_closing_quote_is_named(tmp_path: Path) -> None:
    plan = broken(
        tmp_path,
        "evaluer.yaml",
        INTITULE,
        '      intitule: "Premier test" de la chaîne d\'alerte\n',
    )
    error = only_error(plan)
    assert error["line"] == 9
    assert "du texte suit le guillemet" in error["message"]
    assert "intitule: « Premier test » de la chaîne d'alerte" in error["hint"]


def test_a_value_starting_with_a_bracket_is_told_to_be_quoted(tmp_path: Path) -> None:
    plan = broken(tmp_path, "evaluer.yaml", INTITULE, "      intitule: [à vérifier] Premier test\n")
    error = only_error(plan)
    assert (error["line"], error["column"]) == (9, 17)
    assert "commence par « [ »" in error["message"]
    assert 'intitule: "[à vérifier] Premier test"' in error["hint"]


def test_a_value_starting_with_a_star_gets_french_advice(tmp_path: Path) -> None:
    # Was PyYAML's « while scanning an alias expected alphabetic or numeric character ».
    plan = broken(tmp_path, "evaluer.yaml", INTITULE, "      intitule: *Premier* test\n")
    error = only_error(plan)
    assert (error["line"], error["column"]) == (9, 17)
    assert "détail technique" not in (error["hint"] or "")
    assert 'intitule: "*Premier* test"' in error["hint"]


def test_a_list_item_dedented_is_given_the_column_of_its_neighbour(tmp_path: Path) -> None:
    item = "- Tenir le plan à jour et préparer sa revue annuelle.\n"
    plan = broken(tmp_path, "piloter.yaml", "        " + item, "      " + item)
    error = only_error(plan)
    assert (error["line"], error["column"]) == (40, 7)
    assert "celui de la ligne 39" in error["message"]
    assert "colonne 9" in error["hint"] and "ajoutez 2 espaces" in error["hint"]


def test_a_section_written_in_two_files_is_not_judged_on_either_copy(tmp_path: Path) -> None:
    # `piloter:` pasted at the top of evaluer.yaml: read first, it hid the real one, and
    # the rules and the schema reported piloter's référents, cell and alert chain missing.
    plan = broken(tmp_path, "evaluer.yaml", "\nevaluer:\n", "\npiloter:\n  x: 1\nevaluer:\n")
    code, found = problems(plan)
    assert code == 1
    rules = sorted(p["rule"] for p in found)
    assert rules == ["plan-section-dupliquee", "schema-cle-inconnue"], rules


def test_a_file_saved_in_windows_1252_names_the_letter_and_the_setting(tmp_path: Path) -> None:
    plan = tmp_path / "cpts-du-val-de-lys"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    piloter = plan / "piloter.yaml"
    piloter.write_bytes(piloter.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    error = only_error(plan)
    assert error["file"].endswith("piloter.yaml")
    assert (error["line"], error["column"]) == (2, 5)  # « Thème », its « è »
    assert "« è » en Windows-1252" in error["message"]
    assert "Rouvrir avec l'encodage" in error["hint"] and "UTF-8" in error["hint"]


FIRST_WRITTEN = "  date_premiere_redaction: 2024-03-15\n"


def test_a_text_item_without_space_after_its_dash_is_named(tmp_path: Path) -> None:
    # Was « semble continuer le texte de la ligne 39 … pas en retrait ».
    item = "- Tenir le plan à jour et préparer sa revue annuelle.\n"
    plan = broken(tmp_path, "piloter.yaml", "        " + item, "        -" + item[2:])
    error = only_error(plan)
    assert (error["line"], error["column"]) == (40, 9)
    assert "il manque une espace après le tiret" in error["message"]
    assert "« - Tenir le plan à jour" in error["hint"] and "puis le texte" in error["hint"]


def test_non_connu_in_a_date_is_answered_with_the_placeholder(tmp_path: Path) -> None:
    # « non connu » is what the coordinator means; the list of date forms had them invent one.
    plan = broken(tmp_path, "plan.yaml", FIRST_WRITTEN, "  date_premiere_redaction: non connu\n")
    error = only_error(plan)
    assert (error["line"], error["column"]) == (16, 28)
    assert "« non connu » dit que la valeur n'est pas encore connue" in error["message"]
    assert error["hint"].startswith("écrivez A_COMPLETER")
    assert "AAAA-MM-JJ" not in error["hint"]


def test_a_date_known_by_its_year_only_is_told_to_write_the_year(tmp_path: Path) -> None:
    plan = broken(tmp_path, "plan.yaml", FIRST_WRITTEN, "  date_premiere_redaction: XX/XX/2024\n")
    error = only_error(plan)
    assert "si seule l'année est connue, écrivez 2024" in error["hint"]


def test_nc_in_a_full_date_field_gets_no_year_advice(tmp_path: Path) -> None:
    plan = broken(
        tmp_path, "plan.yaml", "  date_mise_a_jour: 2026-10-05\n", "  date_mise_a_jour: NC\n"
    )
    error = only_error(plan)
    assert "« NC » dit que la valeur n'est pas encore connue" in error["message"]
    assert "A_COMPLETER" in error["hint"] and "année" not in error["hint"]


def test_non_connu_in_an_optional_date_without_placeholder_says_remove_the_line(
    tmp_path: Path,
) -> None:
    plan = broken(
        tmp_path,
        "annuaire.yaml",
        "    verifie_le: 2026-09-15\n    remarques: >-\n      Point d'entrée unique",
        "    verifie_le: non connu\n    remarques: >-\n      Point d'entrée unique",
    )
    error = only_error(plan)
    assert error["message"].endswith("« non connu » n'est pas une date")
    assert "retirez la ligne « verifie_le: »" in error["hint"]


def test_an_empty_date_reads_as_absent_not_badly_written(tmp_path: Path) -> None:
    # Was « date ou période mal écrite une valeur vide ».
    plan = broken(tmp_path, "plan.yaml", FIRST_WRITTEN, "  date_premiere_redaction:\n")
    error = only_error(plan)
    assert "date ou période absente (la valeur est vide)" in error["message"]
    assert "mal écrite une valeur vide" not in error["message"]


def test_a_section_key_indented_like_its_content_is_told_to_move(tmp_path: Path) -> None:
    # `  evaluer:` then `  retex:`: the advice was « ce champ est obligatoire, remplissez-le ».
    plan = broken(tmp_path, "evaluer.yaml", "\nevaluer:\n", "\n  evaluer:\n")
    _, found = problems(plan)
    [empty] = [p for p in found if p["path"] == "evaluer"]
    assert (empty["line"], empty["rule"]) == (6, "schema-type")
    assert "remplissez" not in empty["hint"]
    assert "« retex: »" in empty["hint"] and "tout à gauche" in empty["hint"]


def test_a_phone_number_in_french_quotes_is_told_about_the_quotes(tmp_path: Path) -> None:
    # Was « mal formé » with the list of forms, which the number inside already had.
    plan = broken(
        tmp_path, "annuaire.yaml", '- numero: "03 53 01 00 10"', "- numero: « 03 53 01 00 10 »"
    )
    error = only_error(plan)
    assert (error["rule"], error["line"]) == ("telephone-mal-forme", 17)
    assert "entouré de guillemets" in error["message"]
    assert '« numero: "03 53 01 00 10" »' in error["hint"]


def test_a_key_one_space_left_of_its_neighbour_is_given_its_column(tmp_path: Path) -> None:
    entry = "    type: organisme\n    nom: ARS Hauts-de-France – point focal régional"
    plan = broken(tmp_path, "annuaire.yaml", entry, entry.replace("\n    nom:", "\n   nom:"))
    error = only_error(plan)
    assert (error["line"], error["column"]) == (12, 4)
    assert "« nom: » n'est pas aligné sur « type: » de la ligne 11" in error["message"]
    assert "colonne 5" in error["hint"] and "ajoutez 1 espace " in error["hint"]


def test_a_dash_alone_with_its_text_below_is_not_told_to_add_a_colon(tmp_path: Path) -> None:
    # Was « il manque « : » … écrivez « Tenir: le plan à jour… » », the wrong fix.
    item = "        - Tenir le plan à jour et préparer sa revue annuelle.\n"
    plan = broken(tmp_path, "piloter.yaml", item, item.replace("- ", "-\n        ", 1))
    error = only_error(plan)
    assert (error["line"], error["column"]) == (41, 9)
    assert "Tenir:" not in error["hint"]
    assert "écrivez le texte sur la ligne 40, après « - »" in error["hint"]


def test_a_dash_opening_a_wrapped_line_of_a_field_is_prose(tmp_path: Path) -> None:
    plan = broken(
        tmp_path,
        "evaluer.yaml",
        INTITULE,
        "      intitule: Premier test de la chaîne d'alerte\n        - de nuit, sans prévenir\n",
    )
    _, found = problems(plan)
    assert not [p for p in found if p["rule"] == "yaml-element-colle"]


def test_a_phone_number_in_curly_quotes_gets_one_message(tmp_path: Path) -> None:
    # The rule's error named the quotes; the reading's warning said it again at the same place.
    curly = "- numero: \u201c03 53 01 00 10\u201d"
    plan = broken(tmp_path, "annuaire.yaml", '- numero: "03 53 01 00 10"', curly)
    _, found = problems(plan)
    at_line = [p for p in found if p["line"] == 17]
    assert [p["rule"] for p in at_line] == ["telephone-mal-forme"], at_line
    assert "entouré de guillemets" in at_line[0]["message"]
