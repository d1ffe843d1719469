"""Each rule triggers on a mutated copy of the complete example and stays silent on the
example itself (data-driven, as yamllint tests its rules)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

import pytest

from cptsplan.config.repository_config import EntryRequirement, Requirements, SectionRequirement
from cptsplan.findings.problems import Severity
from cptsplan.load.source import PlanSource, load_plan
from cptsplan.model import Plan, build_plan
from cptsplan.privacy.patient import find_nir
from cptsplan.rules import Finding, all_rules, get_rule, rule_ids
from cptsplan.rules.base import RuleContext
from cptsplan.rules.engine import run
from cptsplan.rules.formats import email_ok, phone_ok
from cptsplan.schema.placeholders import ToComplete

from .conftest import COMPLETE_EXAMPLE

REFERENCE = date(2026, 11, 23)
Data = dict[str, Any]


@cache
def _source() -> PlanSource:
    return load_plan(COMPLETE_EXAMPLE, str(COMPLETE_EXAMPLE))


@cache
def _base() -> Data:
    return build_plan(_source()).data


def complete_data() -> Data:
    """A deep copy of the complete example's merged data (dates already converted)."""
    return copy.deepcopy(_base())


def plan_of(data: Data) -> Plan:
    """A plan over mutated data; positions still come from the example's files."""
    directory = {entry["id"]: entry for entry in data.get("annuaire", [])}
    return Plan(data=data, source=_source(), directory=directory)


def context(requirements: Requirements | None = None, today: date = REFERENCE) -> RuleContext:
    return RuleContext(today=today, requirements=requirements, known_rules=rule_ids())


def findings(rule_id: str, data: Data, ctx: RuleContext | None = None) -> list[Finding]:
    rule = get_rule(rule_id)
    assert rule is not None, rule_id
    return list(rule.check(plan_of(data), ctx or context()))


def with_nir(text: str) -> str:
    """A 13-digit number and its valid key: 97 - (number mod 97)."""
    number = text.replace(" ", "")
    return f"{text} {97 - int(number) % 97:02d}"


# --- mutations: each one removes or breaks one thing -------------------------------------


def where(data: Data, *path: str) -> Any:
    for part in path:
        data = data[part]
    return data


def drop(*path: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        where(data, *path[:-1]).pop(path[-1], None)

    return mutate


def assign(value: Any, *path: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        where(data, *path[:-1])[path[-1]] = value

    return mutate


def keep(predicate: Callable[[Any], bool], *path: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        target = where(data, *path[:-1])
        target[path[-1]] = [item for item in target[path[-1]] if predicate(item)]

    return mutate


def recategorize(old: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        for entry in data["annuaire"]:
            if entry.get("categorie") == old:
                entry["categorie"] = "autre"

    return mutate


def no_h24(*people: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        for entry in data["annuaire"]:
            if entry["id"] in people:
                for phone in entry.get("telephones", []):
                    phone["h24"] = False

    return mutate


def category_of(data: Data, identifier: str) -> str | None:
    return next((e.get("categorie") for e in data["annuaire"] if e["id"] == identifier), None)


def not_sent_to(category: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        data["document"]["transmissions"] = [
            t
            for t in data["document"]["transmissions"]
            if category_of(data, t["destinataire"]) != category
        ]

    return mutate


def not_drafted_with(*categories: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        data["document"]["partenaires_redaction"] = [
            p
            for p in data["document"]["partenaires_redaction"]
            if category_of(data, p["partenaire"]) not in categories
        ]

    return mutate


def first_function(key: str, value: Any) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        function = data["piloter"]["cellule_de_crise"]["fonctions"][0]
        if value is None:
            function.pop(key)
        else:
            function[key] = value(function) if callable(value) else value

    return mutate


def entry_point_without_h24(data: Data) -> None:
    point = data["piloter"]["chaine_alerte"]["point_entree"]
    no_h24(point["personne"], point.get("suppleant", ""))(data)


def cell_holder_without_h24(data: Data) -> None:
    no_h24(data["piloter"]["cellule_de_crise"]["fonctions"][0]["titulaire"])(data)


def typology_without_scenario(data: Data) -> None:
    for risk in data["anticiper"]["diagnostic_risques"]:
        risk["typologies"] = [t for t in risk["typologies"] if t != "T4"]
    data["anticiper"].pop("typologies_sans_scenario", None)


def old_exercises(data: Data) -> None:
    for exercise in data["anticiper"]["exercices"]:
        exercise["date"] = date(2024, 1, 10)


def exercise_without_retex(data: Data) -> None:
    data["anticiper"]["exercices"][0].pop("retex")


def no_exercise_nor_activation(data: Data) -> None:
    data["anticiper"]["exercices"] = []
    data["evaluer"].pop("activations", None)


def activation_without_retex(data: Data) -> None:
    data["evaluer"]["activations"][0].pop("retex")


def fiche_without_steps(data: Data) -> None:
    fiche = data["adapter"]["fiches_reflexes"][0]
    fiche["etapes"] = []
    fiche.pop("etapes_par_temps", None)


def late_action(data: Data) -> None:
    action = data["evaluer"]["retex"][0]["actions_correctives"][0]
    action.update(echeance=date(2025, 1, 31), statut="en_cours")


def reversed_history(data: Data) -> None:
    data["document"]["historique"].reverse()


def old_version_only_sent(data: Data) -> None:
    for item in data["document"]["transmissions"]:
        if item["version"] == "2.1" and category_of(data, item["destinataire"]) == "cpam":
            item["version"] = "2.0"


def first_entry(key: str, value: Any) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        entry = data["annuaire"][0]
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value

    return mutate


def bad_phone(data: Data) -> None:
    data["annuaire"][0]["telephones"][0]["numero"] = "03 20 12 34 5"


def patient_text(text: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        data["adapter"]["continuite_des_soins"]["principes"] += " " + text

    return mutate


def silences(*items: dict[str, str]) -> Callable[[Data], None]:
    return assign(list(items), "silences")


def one_response_for_all(data: Data) -> None:
    response = data["adapter"]["reponses"][0]
    response["typologies"] = ["T1", "T2", "T3", "T4", "T5"]
    data["adapter"]["reponses"] = [response]


def no_lessons_at_all(data: Data) -> None:
    data["evaluer"]["retex"] = []
    data["evaluer"].pop("procedure_retex", None)


CELL = ("piloter", "cellule_de_crise")
LINKS = ("piloter", "articulation_plans")


# rule -> (mutation, words expected in one message)
def never_discussed_with_ars(data: Data) -> None:
    data["document"].pop("echanges_ars")
    for item in data["document"]["transmissions"]:
        item.pop("reponse", None)


def more_asked_by_ars(data: Data) -> None:
    data["document"]["transmissions"][0]["reponse"] = {"avis": "complements_demandes"}


def activation_without_actions_count(data: Data) -> None:
    data["evaluer"]["activations"][0].pop("nombre_actions")


TRIGGERS: dict[str, tuple[Callable[[Data], None], str]] = {
    "typologie-sans-reponse": (
        keep(lambda r: "T5" not in r["typologies"], "adapter", "reponses"),
        "typologie T5",
    ),
    "volet-sans-reponse": (
        keep(lambda r: "REB" not in r["volets"], "adapter", "reponses"),
        "volet ORSAN REB",
    ),
    "typologie-sans-scenario": (typology_without_scenario, "typologie T4"),
    "continuite-soins": (
        assign("A_COMPLETER", "adapter", "continuite_des_soins", "principes"),
        "continuité des soins",
    ),
    "continuite-soins-besoins": (
        assign([], "adapter", "continuite_des_soins", "besoins"),
        "dialyse",
    ),
    "continuite-soins-reperage": (
        lambda d: [
            drop("adapter", "continuite_des_soins", key)(d)
            for key in ("reperage_patients_fragiles", "registre_personnes_vulnerables")
        ],
        "patients fragiles",
    ),
    "declenchement-autorites": (drop("piloter", "declenchement", "autorites"), "autorités"),
    "declenchement-limites-moyens": (
        drop("piloter", "declenchement", "limites_moyens"),
        "limite des moyens",
    ),
    "referent-sse-titulaire": (
        keep(lambda r: r["role"] != "titulaire", "piloter", "referents_sse"),
        "référent SSE titulaire",
    ),
    "referent-sse-suppleant": (
        keep(lambda r: r["role"] == "titulaire", "piloter", "referents_sse"),
        "suppléant",
    ),
    "cellule-lieu-principal": (assign("  ", *CELL, "lieu_principal", "adresse"), "adresse"),
    "cellule-lieu-repli": (
        lambda d: [drop(*CELL, key)(d) for key in ("lieu_repli", "mode_distanciel")],
        "ni lieu de repli",
    ),
    "cellule-activation": (drop(*CELL, "activation"), "activation"),
    "cellule-fonctions": (
        keep(lambda f: f["fonction"] != "communication", *CELL, "fonctions"),
        "Communication",
    ),
    "cellule-fonction-suppleant": (first_function("suppleant", None), "pas de suppléant"),
    "suppleant-identique": (
        first_function("suppleant", lambda f: f["titulaire"]),
        "à la fois titulaire et suppléant",
    ),
    "cellule-joignable-h24": (cell_holder_without_h24, "24 h/24"),
    "alerte-point-entree": (drop("piloter", "chaine_alerte", "point_entree"), "point d'entrée"),
    "alerte-point-entree-h24": (entry_point_without_h24, "24 h/24"),
    "alerte-cascade": (assign([], "piloter", "chaine_alerte", "cascade"), "cascade"),
    "alerte-emetteurs": (drop("piloter", "chaine_alerte", "emetteurs"), "qui peut alerter"),
    "communication-interne": (drop("piloter", "communication", "interne"), "interne"),
    "communication-externe": (drop("piloter", "communication", "externe"), "externe"),
    "remontee-informations": (drop("piloter", "remontee_informations"), "remontée"),
    "remontee-indicateurs-cnam": (
        assign(["Nombre de cabinets fermés"], "piloter", "remontee_informations", "indicateurs"),
        "professionnels mobilisés",
    ),
    "articulation-orsan": (keep(lambda p: p["plan"] != "orsan", *LINKS), "ORSAN"),
    "articulation-orsec": (keep(lambda p: p["plan"] != "orsec", *LINKS), "ORSEC"),
    "articulation-pcs": (keep(lambda p: p.get("commune") != "59705", *LINKS), "Saint-Aubert"),
    "articulation-etablissements": (
        keep(lambda p: p["plan"] != "plan_blanc", *LINKS),
        "plan blanc",
    ),
    "formations": (assign([], "anticiper", "formations"), "formation"),
    "exercices": (no_exercise_nor_activation, "exercice"),
    "exercice-annuel": (old_exercises, "23 novembre 2026"),
    "retex": (no_lessons_at_all, "RETEX"),
    "reponse-generique": (one_response_for_all, "T1, T2, T3, T4, T5"),
    "exercice-sans-retex": (exercise_without_retex, "n'a pas de RETEX"),
    "activation-sans-retex": (activation_without_retex, "n'a pas de RETEX"),
    "fiche-reflexe-etapes": (fiche_without_steps, "aucune étape"),
    "action-corrective-en-retard": (late_action, "31 janvier 2025"),
    "mise-a-jour-ancienne": (
        assign(date(2025, 6, 1), "document", "date_mise_a_jour"),
        "1er juin 2025",
    ),
    "date-future": (assign(date(2062, 10, 5), "document", "date_mise_a_jour"), "2062"),
    "historique-version-courante": (assign("3.0", "document", "version"), "3.0"),
    "historique-incoherent": (reversed_history, "dans l'ordre"),
    "transmission-ars": (not_sent_to("ars"), "l'ARS"),
    "transmission-cpam": (not_sent_to("cpam"), "la CPAM"),
    "statut-valide-sans-avis": (assign("valide_ars", "document", "statut"), "avis favorable"),
    "transmission-version-courante": (old_version_only_sent, "la CPAM"),
    "plan-communique": (
        keep(lambda d: d.get("cible") != "acteurs_sante", "document", "diffusion"),
        "acteurs de santé du territoire",
    ),
    "echanges-ars": (never_discussed_with_ars, "aucun échange avec l'ARS"),
    "avis-ars": (more_asked_by_ars, "compléments demandés"),
    "activation-indicateurs-cnam": (activation_without_actions_count, "nombre d'actions"),
    "revue-depassee": (assign(date(2026, 1, 1), "document", "date_prochaine_revue"), "dépassée"),
    "redaction-etablissement": (
        not_drafted_with("etablissement_sante", "etablissement_medico_social"),
        "établissement",
    ),
    "redaction-collectivite": (not_drafted_with("collectivite"), "collectivité"),
    "annuaire-ars": (recategorize("ars"), "l'ARS"),
    "annuaire-samu": (recategorize("samu"), "SAMU"),
    "annuaire-prefecture": (recategorize("prefecture"), "préfecture"),
    "annuaire-cpam": (recategorize("cpam"), "CPAM"),
    # REFERENCE is 23 November 2026: 40 days before the first of January 2027.
    "mise-a-jour-echeance": (
        assign(date(2026, 1, 2), "document", "date_mise_a_jour"),
        "avant le 2 janvier 2027 (dans 40 jours)",
    ),
    "contact-verification-echeance": (
        first_entry("verifie_le", date(2026, 1, 2)),
        "à revérifier avant le 2 janvier 2027",
    ),
    "contact-verification-ancienne": (
        first_entry("verifie_le", date(2024, 1, 1)),
        "plus de 12 mois",
    ),
    "contact-non-verifie": (first_entry("verifie_le", None), "date de vérification"),
    "telephone-mal-forme": (bad_phone, "03 20 12 34 5"),
    "courriel-mal-forme": (first_entry("email", "coordination@cpts-valdelys"), "mal formée"),
    "mssante-mal-formee": (first_entry("mssante", "dr.roux@gmail.com"), "mssante.fr"),
    "figure-invalide": (
        lambda data: data["figures"][0].update(fichier="../cpts-minimale/plan.yaml"),
        "en dehors du dossier du plan",
    ),
    "donnees-patient-nir": (patient_text(with_nir("1 84 12 76 451 089")), "NIR"),
    "donnees-patient-identifiable": (patient_text("Mme Durand, 84 ans, sous oxygène."), "Mme D"),
    "mobile-hors-annuaire": (patient_text("Dr Roux : 06 12 34 56 78."), "06 12 34 56 78"),
    "numero-annuaire-mal-recopie": (
        patient_text("Mairie : 03 53 01 04 1."),
        "« Mairie de Saint-Aubert-sur-Lys (et CCAS) »",
    ),
    "champ-a-completer": (assign(ToComplete("adresse"), "cpts", "adresse_siege"), "compléter"),
    "silence-sans-raison": (silences({"regle": "formations", "raison": "  "}), "raison"),
    "silence-regle-inconnue": (
        silences({"regle": "typologie-sans-reponses", "raison": "x"}),
        "typologie-sans-reponses",
    ),
}
CONFIGURED = {
    # Regional rules only act with requirements from .cptsplan.yaml.
    "exigence-regionale-annuaire": (
        Requirements(entries=(EntryRequirement("Centre antipoison", "autre", "antipoison"),)),
        "Centre antipoison",
    ),
    "exigence-regionale-section": (
        Requirements(sections=(SectionRequirement("anticiper.ressources.lieux[9]", "Lieu"),)),
        "anticiper.ressources.lieux[9]",
    ),
}
ENGINE_RULES = {"silence-inutile"}


def test_every_rule_has_a_triggering_case() -> None:
    assert set(TRIGGERS) | set(CONFIGURED) | ENGINE_RULES == set(rule_ids())


def test_there_are_at_least_25_rules_with_complete_metadata() -> None:
    rules = all_rules()
    assert len(rules) >= 25
    for rule in rules:
        assert rule.id == rule.id.lower() and " " not in rule.id
        assert rule.description.endswith(".") and len(rule.description) < 100
        assert "Exemple" in rule.explanation, rule.id


@pytest.mark.parametrize("rule_id", sorted(TRIGGERS))
def test_rule_triggers(rule_id: str) -> None:
    mutate, words = TRIGGERS[rule_id]
    data = complete_data()
    mutate(data)
    found = findings(rule_id, data)
    assert found, f"{rule_id} did not trigger"
    assert any(words in f.message for f in found), [f.message for f in found]


@pytest.mark.parametrize("rule_id", sorted(CONFIGURED))
def test_regional_rule_triggers_only_with_its_requirement(rule_id: str) -> None:
    requirements, words = CONFIGURED[rule_id]
    assert findings(rule_id, complete_data()) == []
    found = findings(rule_id, complete_data(), context(requirements))
    assert any(words in f.message for f in found), [f.message for f in found]


def test_regional_requirements_that_are_met_give_nothing() -> None:
    requirements = Requirements(
        categories=("sdis", "association"),
        entries=(EntryRequirement("Point focal de l'ARS", "ars", "point focal", h24=True),),
        sections=(SectionRequirement("anticiper.ressources.lieux"),),
    )
    for rule_id in CONFIGURED:
        assert findings(rule_id, complete_data(), context(requirements)) == []


@pytest.mark.parametrize("rule_id", sorted(rule_ids()))
def test_rule_is_silent_on_the_complete_example(rule_id: str) -> None:
    # A fact only the grid uses (the ARS's answer awaited) is no problem of the plan.
    assert [f for f in findings(rule_id, complete_data()) if f.reported] == []


def test_unused_silence_is_reported_by_the_engine() -> None:
    data = complete_data()
    silences({"regle": "formations", "raison": "aucune formation cette année"})(data)
    outcome = run(plan_of(data), REFERENCE)
    assert [p.rule for p in outcome.problems] == ["silence-inutile"]


def test_a_silence_with_a_reason_hides_the_finding_at_its_path() -> None:
    data = complete_data()
    data["anticiper"]["formations"] = []
    silences({"regle": "formations", "chemin": "anticiper", "raison": "prévues en 2027"})(data)
    assert run(plan_of(data), REFERENCE).problems == []


def test_a_silence_for_another_path_does_not_hide_the_finding() -> None:
    data = complete_data()
    data["anticiper"]["formations"] = []
    silences({"regle": "formations", "chemin": "piloter", "raison": "x"})(data)
    rules = sorted(p.rule for p in run(plan_of(data), REFERENCE).problems)
    assert rules == ["formations", "silence-inutile"]


def test_silence_without_chemin_covers_the_whole_plan() -> None:
    data = complete_data()
    data["anticiper"]["formations"] = []
    silences({"regle": "formations", "raison": "prévues en 2027"})(data)
    assert run(plan_of(data), REFERENCE).problems == []


def test_unknown_rule_in_a_silence_suggests_the_closest() -> None:
    data = complete_data()
    silences({"regle": "typologie-sans-reponses", "raison": "x"})(data)
    (finding,) = findings("silence-regle-inconnue", data)
    assert finding.hint == "vouliez-vous dire « typologie-sans-reponse » ?"


def test_placeholder_already_reported_by_a_precise_rule_is_not_repeated() -> None:
    data = complete_data()
    data["piloter"]["communication"]["interne"] = "A_COMPLETER : canaux"
    rules = [p.rule for p in run(plan_of(data), REFERENCE).problems]
    assert rules == ["communication-interne"]


def test_typology_counts_only_written_actions() -> None:
    data = complete_data()
    for response in data["adapter"]["reponses"]:
        if "T5" in response["typologies"]:
            response["actions"] = [{"phase": "alerte", "action": "  "}]
    (finding,) = findings("typologie-sans-reponse", data)
    assert finding.subject == "T5"


def test_means_limit_needs_text_that_says_it() -> None:
    data = complete_data()
    data["piloter"]["declenchement"]["limites_moyens"] = "La CPTS coordonne les soins de ville."
    (finding,) = findings("declenchement-limites-moyens", data)
    assert "ne dit pas" in finding.message
    data["piloter"]["declenchement"]["limites_moyens"] = "Elle agit dans la mesure de ses moyens."
    assert findings("declenchement-limites-moyens", data) == []


def test_a_placeholder_action_is_reported_once_as_a_placeholder() -> None:
    data = complete_data()
    for response in data["adapter"]["reponses"]:
        if "T5" in response["typologies"]:
            response["actions"] = [{"phase": "alerte", "action": ToComplete("recensement")}]
    problems = run(plan_of(data), REFERENCE).problems
    assert [p.rule for p in problems if p.path.startswith("adapter.reponses")] == [
        "champ-a-completer"
    ]
    assert "recensement" in (problems[0].hint or "")


def test_volets_come_from_typologies_when_responses_name_none() -> None:
    data = complete_data()
    for response in data["adapter"]["reponses"]:
        response.pop("volets", None)
    assert findings("volet-sans-reponse", data) == []
    assert findings("typologie-sans-reponse", data) == []


def test_a_plan_may_map_typologies_to_volets_its_own_way() -> None:
    data = complete_data()
    for response in data["adapter"]["reponses"]:
        response.pop("volets", None)
    data["adapter"]["correspondance_volets"] = [{"typologie": "T1", "volets": ["AMAVI"]}]
    (finding,) = findings("volet-sans-reponse", data)
    assert finding.subject == "MEDICO-PSY"
    assert get_rule("volet-sans-reponse").severity is Severity.WARNING  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("status", "severity"),
    [
        ("brouillon", None),
        ("pret_a_transmettre", None),
        ("transmis", Severity.ERROR),
        ("valide_ars", Severity.ERROR),
        (None, Severity.WARNING),
    ],
)
def test_transmissions_follow_the_status_of_the_plan(
    status: str | None, severity: Severity | None
) -> None:
    data = complete_data()
    data["document"]["transmissions"] = []
    if status is None:
        data["document"].pop("statut", None)
    else:
        data["document"]["statut"] = status
    problems = [p for p in run(plan_of(data), REFERENCE).problems if p.rule == "transmission-ars"]
    assert [p.severity for p in problems] == ([severity] if severity else [])


def test_placeholders_are_warnings_in_a_draft_and_errors_otherwise() -> None:
    data = complete_data()
    data["cpts"]["taille_aci"] = ToComplete()
    for status, severity in (("brouillon", Severity.WARNING), ("transmis", Severity.ERROR)):
        data["document"]["statut"] = status
        problems = run(plan_of(data), REFERENCE).problems
        (problem,) = [p for p in problems if p.path == "cpts.taille_aci"]
        assert (problem.rule, problem.severity) == ("champ-a-completer", severity)
        assert "un nombre" in (problem.hint or "")


def test_planned_exercise_does_not_count_as_done() -> None:
    data = complete_data()
    for exercise in data["anticiper"]["exercices"]:
        exercise["statut"] = "prevu"
    assert findings("exercice-annuel", data)
    assert findings("exercice-sans-retex", data) == []


def test_dates_follow_the_reference_date() -> None:
    later = context(today=date(2028, 1, 1))
    assert findings("mise-a-jour-ancienne", complete_data(), later)
    assert findings("contact-verification-ancienne", complete_data(), later)
    # Last update 2026-10-05: exactly twelve months later is still on time, one day more is not.
    assert not findings("mise-a-jour-ancienne", complete_data(), context(today=date(2027, 10, 5)))
    assert findings("mise-a-jour-ancienne", complete_data(), context(today=date(2027, 10, 6)))


@pytest.mark.parametrize(
    "number",
    [
        "03 20 12 34 56",
        "0320123456",
        "03.20.12.34.56",
        "03-20-12-34-56",
        "+33 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "15",
        "112",
        "3237",
        "116 117",
        "+32 2 555 12 34",
    ],
)
def test_well_formed_phone_numbers(number: str) -> None:
    assert phone_ok(number)


@pytest.mark.parametrize(
    "number",
    ["03 20 12 34 5", "00 20 12 34 56", "+33 06 12 34 56 78", "+33 6 12 34 56", "16", "0x", "abc"],
)
def test_malformed_phone_numbers(number: str) -> None:
    assert not phone_ok(number)


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ("prenom.nom@medecin.mssante.fr", True),
        ("o'brien@cpts.example", True),
        ("coordination@cpts-valdelys", False),
        ("jean dupont@exemple.fr", False),
        ("a@b.c", False),
        ("a..b@exemple.fr", False),
    ],
)
def test_email_format(address: str, ok: bool) -> None:
    assert email_ok(address) is ok


@pytest.mark.parametrize(
    "text",
    [
        with_nir("1 84 12 76 451 089"),
        with_nir("2 85 03 19 123 456").replace(" 19 ", " 2A "),
        with_nir("1 70 07 18 042 007").replace(" 18 ", " 2B "),
        with_nir("2850319123456").replace(" ", ""),
    ],
)
def test_nir_with_a_valid_key_is_found(text: str) -> None:
    assert list(find_nir(f"Patient à rappeler : {text}."))


@pytest.mark.parametrize(
    "text",
    [
        "1 84 12 76 451 089 00",  # wrong key
        "03 20 12 34 56",
        "SIRET 12345678901234",
        "3 84 12 76 451 089 46",
    ],
)
def test_numbers_that_are_not_a_nir_are_ignored(text: str) -> None:
    assert not list(find_nir(text))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("né le 12/03/1950", True),
        ("Née le 3 mars 1950 à Lille", True),
        ("Mme Durand, 84 ans", True),
        ("M. Jean Martin (72 ans)", True),
        ("patiente Leroy âgée de 91 ans", True),
        ("date de naissance : 01/02/1933", True),
        ("les personnes de plus de 75 ans", False),
        ("Mme Durand, référente de zone", False),
    ],
)
def test_identifiable_patient(text: str, found: bool) -> None:
    data = complete_data()
    data["adapter"]["continuite_des_soins"]["principes"] = text
    assert bool(findings("donnees-patient-identifiable", data)) is found


def test_a_plan_said_sent_must_show_the_sending_of_its_current_version() -> None:
    data = complete_data()
    data["document"]["version"] = "2.2"
    data["document"]["historique"].append(
        {"version": "2.2", "date": date(2026, 11, 2), "resume": "Mise à jour."}
    )
    severities = {}
    for status in ("pret_a_transmettre", "transmis"):
        data["document"]["statut"] = status
        problems = run(plan_of(data), REFERENCE).problems
        severities[status] = {
            p.severity for p in problems if p.rule == "transmission-version-courante"
        }
    assert severities == {"pret_a_transmettre": {Severity.INFO}, "transmis": {Severity.WARNING}}
