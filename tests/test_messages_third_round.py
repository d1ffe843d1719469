"""A third round of a coordinator's mistakes, each in a copy of the complete example (a fresh
review of « one message per mistake, at its line, with the advice that fixes it »): French
typography in YAML, a theme named by its noun, an entry whose id the schema refuses, a block
under the wrong theme, characters nobody sees, numbers and dates written the French way."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import COMPLETE_EXAMPLE
from .test_messages_more import copy, edited, one_message, text_of
from .test_messages_wrong_fix import messages


def line_of(file: str, text: str) -> int:
    content = (COMPLETE_EXAMPLE / file).read_text(encoding="utf-8")
    assert text in content, text
    return content[: content.index(text)].count("\n") + 1


def errors_of(plan: Path) -> list[dict]:
    code, found = messages(plan)
    assert code == 1
    return [p for p in found if p["severity"] == "error"]


def where(message: dict) -> tuple[str, int]:
    return Path(message["file"]).name, message["line"]


MISSION = "- Tenir le plan à jour et préparer sa revue annuelle."


@pytest.mark.parametrize("colon", [" :", ":"])
def test_a_list_item_with_a_colon_is_told_to_be_quoted(tmp_path: Path, colon: str) -> None:
    """French puts a space before « : »: `- Objectif : tenir…` is a key for YAML, and the
    advice was « Texte libre. »."""
    after = f"- Objectif{colon} tenir le plan à jour et préparer sa revue annuelle."
    message = one_message(errors_of(edited(tmp_path, "piloter.yaml", MISSION, after)))
    assert where(message) == ("piloter.yaml", line_of("piloter.yaml", MISSION))
    assert f'- "Objectif{colon} tenir le plan à jour' in message["hint"]
    assert "guillemets" in message["hint"]
    assert "Texte libre" not in message["hint"]


@pytest.mark.parametrize(
    ("file", "section", "written"),
    [
        ("evaluer.yaml", "evaluer", "evaluation"),
        ("piloter.yaml", "piloter", "pilotage"),
        ("anticiper.yaml", "anticiper", "Anticipation"),
        ("adapter.yaml", "adapter", "adaptation"),
    ],
)
def test_a_theme_named_by_its_noun_is_one_message_naming_the_theme(
    tmp_path: Path, file: str, section: str, written: str
) -> None:
    """`evaluation:` for `evaluer:` gave two errors, « section manquante » (with the advice
    to add a line, which would leave the wrong one) and « clé inconnue » with the list of
    every section."""
    plan = edited(tmp_path, file, f"\n{section}:\n", f"\n{written}:\n")
    message = one_message(errors_of(plan))
    assert where(message) == (file, line_of(file, f"\n{section}:\n") + 1)
    assert message["hint"] == f"vouliez-vous dire « {section} » ?"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("- id: crue-lys\n", "- id: Crue Lys\n"),
        ("- id: crue-lys\n", "- id: crue-lys\u200b\n"),
        ("- id: crue-lys\n", "- Id: crue-lys\n"),
    ],
)
def test_an_id_written_wrongly_gives_no_error_on_each_reference(
    tmp_path: Path, before: str, after: str
) -> None:
    """The entry's own message gives the fix; every reference to it was also « ne correspond
    à aucune … : ajoutez … avec « id: crue-lys » », which would make the entry twice."""
    message = one_message(errors_of(edited(tmp_path, "anticiper.yaml", before, after)))
    assert where(message) == ("anticiper.yaml", line_of("anticiper.yaml", before))
    assert message["rule"] != "reference-inconnue"


def test_a_block_under_the_wrong_theme_says_where_it_belongs(tmp_path: Path) -> None:
    """`retex:` pasted under `piloter:`: one « clé inconnue » listing Piloter's keys and five
    « RETEX inconnu » for the RETEX inside the pasted block."""
    plan = edited(tmp_path, "evaluer.yaml", "evaluer:\n  retex:\n", "evaluer:\n  retex_:\n")
    evaluer = (plan / "evaluer.yaml").read_text(encoding="utf-8")
    start, end = evaluer.index("  retex_:\n"), evaluer.index("\n  procedure_retex:")
    block = evaluer[start:end].replace("  retex_:\n", "  retex:\n", 1)
    (plan / "evaluer.yaml").write_text(evaluer[:start] + evaluer[end + 1 :], encoding="utf-8")
    piloter = (plan / "piloter.yaml").read_text(encoding="utf-8").rstrip("\n")
    (plan / "piloter.yaml").write_text(f"{piloter}\n{block}\n", encoding="utf-8")
    message = one_message(errors_of(plan))
    assert where(message) == ("piloter.yaml", piloter.count("\n") + 2)
    assert "« retex » fait partie de la section « evaluer »" in message["hint"]


def test_an_id_written_twice_does_not_hide_the_entry_it_repeats(tmp_path: Path) -> None:
    """The CUMP's entry given the SAMU's id: « l'annuaire n'a pas d'entrée pour le SAMU »
    although it has one (the entries by id kept only the second)."""
    _, found = messages(edited(tmp_path, "annuaire.yaml", "- id: cump-59\n", "- id: samu-59\n"))
    assert [p for p in found if p["rule"] == "annuaire-samu"] == []
    assert [p["rule"] for p in found if p["rule"] == "identifiant-duplique"] == [
        "identifiant-duplique"
    ]


@pytest.mark.parametrize(
    ("file", "before", "after", "named"),
    [
        ("plan.yaml", "date_mise_a_jour: 2026-10-05", "date_mise_a_jour: 2026-10-05\u00a0",
         "U+00A0 (espace insécable) à la fin"),
        ("plan.yaml", "date_mise_a_jour: 2026-10-05", "date_mise_a_jour: 2026-10-05\u200b",
         "U+200B (espace sans chasse) à la fin"),
        ("annuaire.yaml", "- id: cump-59\n", "- id: cump-59\u200b\n", "U+200B"),
        ("evaluer.yaml", "statut: faite", "statut: 'faite '", "finit par une espace"),
        ("evaluer.yaml", "responsable: helene-dewaele", "responsable: helene-dewaele\u2060",
         "U+2060"),
    ],
)  # fmt: skip
def test_a_character_nobody_sees_is_named(
    tmp_path: Path, file: str, before: str, after: str, named: str
) -> None:
    """The message shows a value that looks right (« 2026-10-05 ») and the advice repeated
    it (« écrivez 2026-10-05 », « vouliez-vous dire « faite » ? »)."""
    message = one_message(errors_of(edited(tmp_path, file, before, after)))
    assert where(message) == (file, line_of(file, before))
    assert named in message["hint"]
    assert "écrivez 2026-10-05" not in message["hint"]
    assert "vouliez-vous dire" not in message["hint"]


def test_a_misspelt_placeholder_in_a_reference_is_named(tmp_path: Path) -> None:
    """« A_COMPLETE » was taken for an id: « ajoutez une entrée avec « id: a_complete » »."""
    before = "responsable: helene-dewaele"
    plan = edited(tmp_path, "evaluer.yaml", before, "responsable: A_COMPLETE")
    message = one_message(errors_of(plan))
    assert where(message) == ("evaluer.yaml", line_of("evaluer.yaml", before))
    assert "écrivez exactement A_COMPLETER" in message["hint"]
    assert "ajoutez" not in text_of(message)


def test_a_placeholder_with_a_note_in_a_date_says_to_write_it_alone(tmp_path: Path) -> None:
    """The advice was « si la valeur n'est pas encore connue, écrivez A_COMPLETER », which
    the coordinator had done."""
    before = "date_peremption: 2028-05-31"
    after = "date_peremption: 'A_COMPLETER : date à vérifier'"
    message = one_message(errors_of(edited(tmp_path, "anticiper.yaml", before, after)))
    assert where(message) == ("anticiper.yaml", line_of("anticiper.yaml", before))
    assert "A_COMPLETER s'écrit seul" in message["message"]
    assert "« date_peremption: A_COMPLETER  # date à vérifier »" in message["hint"]


@pytest.mark.parametrize(
    ("before", "after", "advice"),
    [
        ("population: 58260", "population: 58 260", "entre les milliers : 58260"),
        ("population: 58260", "population: 58.260", "sans virgule ni point"),
        ("participants: 12", "participants: 12,5", "sans virgule : par exemple 12"),
        ("participants: 12", 'participants: "12"', "retirez les guillemets : « participants: 12 »"),
    ],
)  # fmt: skip
def test_a_whole_number_written_the_french_way_gets_the_number(
    tmp_path: Path, before: str, after: str, advice: str
) -> None:
    """The advice was the field's description (« Nombre d'habitants du territoire. »)."""
    file = "plan.yaml" if before.startswith("population") else "anticiper.yaml"
    message = one_message(errors_of(edited(tmp_path, file, before, after)))
    assert where(message) == (file, line_of(file, before))
    assert advice in message["hint"]


@pytest.mark.parametrize(
    ("after", "meant"),
    [("2026-03-17 14h", "2026-03-17"), ("17/03/2026 à 14 h 30", "2026-03-17"),
     ("17/03/26", "2026-03-17")],
)  # fmt: skip
def test_a_date_with_an_hour_or_a_short_year_gets_the_date(
    tmp_path: Path, after: str, meant: str
) -> None:
    before = "date: 2026-03-17"
    message = one_message(errors_of(edited(tmp_path, "anticiper.yaml", before, f"date: {after}")))
    assert where(message) == ("anticiper.yaml", line_of("anticiper.yaml", before))
    assert message["hint"].startswith(f"écrivez {meant} ")


def test_an_unknown_reference_names_its_kind_with_the_right_gender(tmp_path: Path) -> None:
    plan = edited(tmp_path, "adapter.yaml", "risques: [crue-lys", "risques: [crue-lis")
    message = one_message(errors_of(plan))
    assert "ne correspond à aucun risque du diagnostic" in message["message"]


def test_a_placeholder_reference_asks_for_an_identifier(tmp_path: Path) -> None:
    """« remplacez « A_COMPLETER » par le texte voulu » invited a name in an id field."""
    before = "responsable: helene-dewaele"
    plan = edited(tmp_path, "evaluer.yaml", before, "responsable: A_COMPLETER")
    [message] = [p for p in errors_of(plan) if p["rule"] == "champ-a-completer"]
    assert message["hint"] == (
        "remplacez « A_COMPLETER » par l'identifiant d'une entrée de l'annuaire"
    )


def test_a_web_address_without_https_gets_the_address(tmp_path: Path) -> None:
    before = "site_web: https://www.cpts-valdelys.example"
    plan = edited(tmp_path, "plan.yaml", before, "site_web: www.cpts-valdelys.example")
    message = one_message(errors_of(plan))
    assert "https://www.cpts-valdelys.example" in message["hint"]


def test_two_mistakes_in_one_action_of_a_response_are_both_reported(tmp_path: Path) -> None:
    """A list inside a list, both accepting « A_COMPLETER »: the response's umbrella held one
    mistake, the umbrella of its actions, and only the closest of that one's was told."""
    before = "        - phase: veille\n          action: >-"
    plan = edited(tmp_path, "adapter.yaml", before, "        - phase: Veile\n          acton: >-")
    found = errors_of(plan)
    line = line_of("adapter.yaml", before)
    assert sorted((where(p), p["hint"]) for p in found) == [
        (("adapter.yaml", line), "vouliez-vous dire « veille » ?"),
        (("adapter.yaml", line + 1), "vouliez-vous dire « action » ?"),
    ]


def test_a_dash_without_its_space_is_named(tmp_path: Path) -> None:
    """The advice was « les éléments … doivent commencer à la même colonne »: they did."""
    before = "  - id: cump-59\n"
    message = one_message(errors_of(edited(tmp_path, "annuaire.yaml", before, "  -id: cump-59\n")))
    assert where(message) == ("annuaire.yaml", line_of("annuaire.yaml", before))
    assert "il manque une espace après le tiret" in message["message"]
    assert message["hint"].startswith("écrivez « - id: cump-59 »")


@pytest.mark.parametrize(
    ("file", "before", "after", "advice"),
    [
        ("annuaire.yaml", "    categorie: ars\n", "    categorie: ars samu\n",
         "une seule valeur ici : choisissez entre « ars » et « samu »"),
        ("anticiper.yaml", "typologies: [T5, T2]", "typologies: [T5 – T2]",
         "séparez les valeurs par des virgules : [T5, T2]"),
    ],
)  # fmt: skip
def test_two_permitted_values_in_one_are_told_apart(
    tmp_path: Path, file: str, before: str, after: str, advice: str
) -> None:
    """`categorie: ars samu` for the ARS was answered « vouliez-vous dire « samu » ? »."""
    message = one_message(errors_of(edited(tmp_path, file, before, after)))
    assert where(message) == (file, line_of(file, before))
    assert message["hint"] == advice


@pytest.mark.parametrize(
    ("written", "says", "advice"),
    [
        ("03 53 01 00 10 / 03 53 01 00 11", "il contient deux numéros",
         '« - numero: "03 53 01 00 11" »'),
        ("03 53 01 00 10 (standard)", "il contient du texte après le numéro",
         '« numero: "03 53 01 00 10" » ; « standard » va dans « usage: »'),
    ],
)  # fmt: skip
def test_a_phone_line_holding_more_than_a_number(
    tmp_path: Path, written: str, says: str, advice: str
) -> None:
    """« 20 chiffres au lieu de 10 » and the list of the number's letters (« s », « t »…)."""
    before = '- numero: "03 53 01 00 10"'
    plan = edited(tmp_path, "annuaire.yaml", before, f'- numero: "{written}"')
    message = one_message(errors_of(plan))
    assert where(message) == ("annuaire.yaml", line_of("annuaire.yaml", before))
    assert message["message"].endswith(says)
    assert advice in message["hint"]


def test_a_new_key_beside_the_one_it_resembles_is_not_a_misspelling(tmp_path: Path) -> None:
    """`anciens_referents:` beside `referents_sse:` was answered « vouliez-vous dire
    « referents_sse » ? », a key the section already has."""
    before = "  referents_sse:\n"
    plan = edited(tmp_path, "piloter.yaml", before, "  anciens_referents: []\n" + before)
    message = one_message(errors_of(plan))
    assert where(message) == ("piloter.yaml", line_of("piloter.yaml", before))
    assert message["hint"].startswith("clés possibles ici : ")


@pytest.mark.parametrize(
    ("file", "before", "after", "advice"),
    [
        ("anticiper.yaml", "date: 2024-11-07", "date: 2024/11/07", "écrivez 2024-11-07 "),
        ("annuaire.yaml", "h24: true", 'h24: "true"', "vouliez-vous dire « oui » ?"),
        ("piloter.yaml", "    ne_relevent_pas_sse:\n      - La tension",
         "    ne_relevent_pas_sse: La tension",
         "un élément par ligne, chacun précédé de « - » et en retrait sous la clé : "
         "« - La tension hospitalière"),
    ],
)  # fmt: skip
def test_more_values_written_otherwise_get_the_value_to_write(
    tmp_path: Path, file: str, before: str, after: str, advice: str
) -> None:
    """A date with its year first and slashes; a yes/no in quotes (no advice at all); a list
    of sentences on one line (« écrivez la liste entre crochets », which their own commas
    would cut into other items)."""
    message = one_message(errors_of(edited(tmp_path, file, before, after)))
    assert where(message) == (file, line_of(file, before))
    assert advice in message["hint"]


@pytest.mark.parametrize(
    ("file", "before", "after", "says", "advice"),
    [
        ("plan.yaml", "taille_aci: 2", "taille_aci: deux", "« Taille ACI »",
         "écrivez le nombre en chiffres : 2"),
        ("evaluer.yaml", "statut: faite", "statut: terminée", "« Statut »",
         "vouliez-vous dire « faite » ?"),
        ("piloter.yaml", MISSION, "- Objectif : tenir le plan à jour.",
         "« Missions du référent » (missions)", "guillemets"),
    ],
)  # fmt: skip
def test_words_for_a_number_or_a_status_and_the_name_of_a_list_item(
    tmp_path: Path, file: str, before: str, after: str, says: str, advice: str
) -> None:
    """« deux » and « terminée » had no advice; an item of `missions:` was called « Texte »."""
    message = one_message(errors_of(edited(tmp_path, file, before, after)))
    assert where(message) == (file, line_of(file, before))
    assert message["message"].startswith(says)
    assert advice in message["hint"]


def test_a_history_entry_with_a_misspelt_version_key_is_one_message(tmp_path: Path) -> None:
    """`versoin: "2.1"`: « la version courante 2.1 n'a pas d'entrée dans l'historique » (an
    error, whose advice was to replace an « A_COMPLETER » the plan does not have) and two
    « version transmise … n'est pas dans l'historique » followed the misspelt key."""
    before = '    - version: "2.1"\n      date: 2026-10-05'
    plan = edited(tmp_path, "plan.yaml", before, '    - versoin: "2.1"\n      date: 2026-10-05')
    _, found = messages(plan)
    message = one_message(found)
    assert where(message) == ("plan.yaml", line_of("plan.yaml", before))
    assert message["hint"] == "vouliez-vous dire « version » ?"


def test_the_plan_status_said_in_words_gets_the_permitted_value(tmp_path: Path) -> None:
    plan = edited(tmp_path, "plan.yaml", "statut: transmis", "statut: envoyé")
    message = one_message(errors_of(plan))
    assert message["hint"] == "vouliez-vous dire « transmis » ?"


def test_an_emptied_history_is_one_message(tmp_path: Path) -> None:
    """`historique: []`: the schema's « au moins un élément », then « la version courante
    n'a pas d'entrée » and six « version transmise … » warnings for the same empty list."""
    plan = copy_with_history(tmp_path, "  historique: []\n")
    _, found = messages(plan)
    message = one_message(found)
    assert message["rule"] == "schema-liste-vide"


def copy_with_history(tmp_path: Path, history: str) -> Path:
    plan = edited(tmp_path, "plan.yaml", "  historique:\n", "  historique:\n")
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    start, end = text.index("  historique:\n"), text.index("  transmissions:\n")
    (plan / "plan.yaml").write_text(text[:start] + history + text[end:], encoding="utf-8")
    return plan


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan `cptsplan init` writes: a draft full of « A_COMPLETER », as a coordinator
    starts filling it."""
    from .conftest import run_cli

    folder = tmp_path_factory.mktemp("init") / "mon-plan"
    assert run_cli("init", folder).exit_code == 0
    return folder / "plan"


def filled_in(skeleton: Path, tmp_path: Path, before: str, after: str, path: str) -> list[dict]:
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(skeleton, plan)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    assert before in text, before
    (plan / "plan.yaml").write_text(text.replace(before, after, 1), encoding="utf-8")
    _, found = messages(plan)
    return [p for p in found if p["path"] == path]


@pytest.mark.parametrize(
    ("path", "before", "after", "says", "advice"),
    [
        ("cpts.taille_aci", "taille_aci: A_COMPLETER", "taille_aci: A_COMPLETER (2 ?)",
         "A_COMPLETER s'écrit seul", "« taille_aci: A_COMPLETER  # (2 ?) »"),
        ("document.date_mise_a_jour", "date_mise_a_jour: A_COMPLETER", "date_mise_a_jour:",
         "on attend une date (AAAA-MM-JJ", "si la valeur n'est pas encore connue, écrivez"),
        ("document.classification", "classification: A_COMPLETER", "classification:",
         "une valeur vide", "ce champ est obligatoire, remplissez-le"),
        ("cpts.nom", 'nom: "A_COMPLETER : nom de la CPTS"',
         'nom: "CPTS du Lac A_COMPLETER : nom de la CPTS"',
         "à compléter", "« CPTS du Lac » est déjà écrit : si c'est tout, retirez « A_COMPLETER »"),
    ],
)  # fmt: skip
def test_filling_in_the_skeleton(
    skeleton: Path, tmp_path: Path, path: str, before: str, after: str, says: str, advice: str
) -> None:
    """A note beside the marker in a number (« n'est pas reconnu… », though it was); a date
    emptied (« on attend du texte »); a choice emptied (no advice); a name written before the
    marker, which was left (« à écrire : nom de la CPTS »)."""
    [message] = filled_in(skeleton, tmp_path, before, after, path)
    assert says in message["message"]
    assert advice in message["hint"]


def test_every_line_indented_with_a_tab_is_named_at_once(tmp_path: Path) -> None:
    """YAML stops at the first tab: an editor that indents with tabs put them on many lines,
    and the coordinator met them one run at a time."""
    plan = copy(tmp_path)
    target = plan / "annuaire.yaml"
    text = target.read_text(encoding="utf-8").replace("    commune: Lille\n", "\tcommune: Lille\n")
    target.write_text(text, encoding="utf-8")
    tabbed = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("\t")]
    assert len(tabbed) >= 3
    message = one_message(errors_of(plan))
    assert message["line"] == tabbed[0]
    others = ", ".join(str(n) for n in tabbed[1:])
    assert message["hint"].endswith(f"ce fichier en a aussi au début des lignes {others}")


def test_every_line_indented_with_a_no_break_space_is_named_at_once(tmp_path: Path) -> None:
    """Same for a no-break space pasted at the start of many lines."""
    plan = copy(tmp_path)
    target = plan / "annuaire.yaml"
    text = target.read_text(encoding="utf-8")
    text = text.replace("\n    commune: Lille\n", "\n\u00a0   commune: Lille\n")
    target.write_text(text, encoding="utf-8")
    marked = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("\u00a0")]
    assert len(marked) >= 3
    message = one_message(errors_of(plan))
    assert message["line"] == marked[0]
    others = ", ".join(str(n) for n in marked[1:])
    assert message["hint"].endswith(f"ce fichier en a aussi au début des lignes {others}")


def test_a_month_where_a_date_is_needed_asks_for_the_day(tmp_path: Path) -> None:
    """« octobre 2026 » in a date-only field: the generic « format attendu … 2026-02-15 »
    invited to invent a day; the advice says the day is missing, or A_COMPLETER."""
    before = "date_mise_a_jour: 2026-10-05"
    plan = edited(tmp_path, "plan.yaml", before, "date_mise_a_jour: octobre 2026")
    message = one_message(errors_of(plan))
    assert where(message) == ("plan.yaml", line_of("plan.yaml", before))
    assert message["hint"] == (
        "ce champ demande aussi le jour : 2026-10-JJ (AAAA-MM-JJ) ; si la valeur n'est pas "
        "encore connue, écrivez A_COMPLETER"
    )
