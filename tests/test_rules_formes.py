"""Rules on the shapes of real plans: co-equal referents need no deputy, a real activation
(its RETEX written or not) counts as the plan having been exercised, a fiche réflexe may be
written in three times only."""

from __future__ import annotations

from datetime import date

from .test_rules import Data, complete_data, context, findings

CO_REFERENTS = [
    {"personne": "julien-vermeersch", "role": "co_referent", "typologies": ["T1", "T2"]},
    {"personne": "sophie-lefebvre", "role": "co_referent", "typologies": ["T3", "T4"]},
    {"personne": "thomas-delattre", "role": "co_referent", "typologies": ["T5"]},
]


def with_referents(referents: list[dict]) -> Data:
    data = complete_data()
    data["piloter"]["referents_sse"] = referents
    return data


def test_three_co_equal_referents_need_no_titulaire_and_no_deputy() -> None:
    data = with_referents(CO_REFERENTS)
    assert findings("referent-sse-titulaire", data) == []
    assert findings("referent-sse-suppleant", data) == []


def test_a_lone_co_referent_still_needs_a_deputy() -> None:
    data = with_referents(CO_REFERENTS[:1])
    assert findings("referent-sse-titulaire", data) == []
    (finding,) = findings("referent-sse-suppleant", data)
    assert "co_referent" in finding.hint


def test_the_same_person_twice_is_not_two_co_referents() -> None:
    data = with_referents([CO_REFERENTS[0], {**CO_REFERENTS[0], "typologies": ["T3"]}])
    assert findings("referent-sse-suppleant", data)


def test_a_titulaire_with_a_co_referent_needs_no_deputy() -> None:
    data = with_referents([{"personne": "julien-vermeersch", "role": "titulaire"}, CO_REFERENTS[1]])
    assert findings("referent-sse-suppleant", data) == []


def with_old_exercises_and(activation: dict) -> Data:
    """The complete example, its exercises pushed back to 2024, and one activation."""
    data = complete_data()
    for exercise in data["anticiper"]["exercices"]:
        exercise["date"] = date(2024, 1, 10)
    data["evaluer"]["activations"] = [activation]
    return data


FLOOD = {
    "id": "activation-2026-crue",
    "titre": "Crue de la Lys",
    "debut": date(2026, 1, 12),
    "fin": date(2026, 1, 20),
    "retex": "retex-2026-03-cyber",
}


def test_a_recent_activation_with_its_retex_counts_as_the_yearly_exercise() -> None:
    assert findings("exercice-annuel", with_old_exercises_and(FLOOD)) == []


def test_an_activation_whose_retex_is_not_written_yet_counts_and_the_retex_is_due() -> None:
    """Issue 19: a CPTS that ran its plan for real was told « Exercices : non » because the
    RETEX of the activation was not written yet; the RETEX due is its own finding."""
    activation = {key: value for key, value in FLOOD.items() if key != "retex"}
    data = with_old_exercises_and(activation)
    assert findings("exercice-annuel", data) == []
    data["anticiper"]["exercices"] = []
    assert findings("exercices", data) == []
    (finding,) = findings("activation-sans-retex", data)
    assert "Crue de la Lys" in finding.message and "20 janvier 2026" in finding.message


def test_an_activation_older_than_twelve_months_does_not_count() -> None:
    old = {**FLOOD, "debut": date(2025, 1, 12), "fin": date(2025, 1, 20)}
    assert findings("exercice-annuel", with_old_exercises_and(old))


def test_an_activation_still_running_counts_from_its_start_and_needs_no_retex_yet() -> None:
    running = {"id": "activation-en-cours", "titre": "Pénurie", "debut": date(2026, 11, 2)}
    assert findings("activation-sans-retex", with_old_exercises_and(running)) == []
    assert (
        findings("exercice-annuel", with_old_exercises_and({**running, "retex": FLOOD["retex"]}))
        == []
    )
    # Not started yet at the reference date: it cannot stand for this year's exercise.
    future = {**running, "debut": date(2026, 12, 1), "retex": FLOOD["retex"]}
    assert findings("exercice-annuel", with_old_exercises_and(future))


def test_a_plan_never_exercised_but_activated_with_a_retex_has_been_exercised() -> None:
    data = with_old_exercises_and(FLOOD)
    data["anticiper"]["exercices"] = []
    assert findings("exercices", data) == []
    assert findings("exercice-annuel", data) == []
    assert findings("exercice-annuel", data, context(today=date(2027, 1, 15))) == []
    assert findings("exercice-annuel", data, context(today=date(2027, 2, 1)))


def test_a_fiche_in_three_times_only_has_steps() -> None:
    data = complete_data()
    fiche = data["adapter"]["fiches_reflexes"][0]
    fiche.pop("etapes")
    fiche["etapes_par_temps"] = [{"temps": "sortie", "etape": "Lever la cellule."}]
    assert findings("fiche-reflexe-etapes", data) == []
    fiche["etapes_par_temps"] = []
    (finding,) = findings("fiche-reflexe-etapes", data)
    assert fiche["titre"] in finding.message
