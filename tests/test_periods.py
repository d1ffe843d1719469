"""Dates known only approximately (« depuis mai 2023 », « 2e semestre 2025 »): a month, a
semester, a quarter or a year is accepted where plans date past events, transmissions and
deadlines, no rule draws a finding from a day the plan does not give, the documents print
it in French, and a wrong one gets a French message that lists the accepted forms."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cptsplan.load.source import PlanSource, load_plan
from cptsplan.model import Plan, build_plan
from cptsplan.render.change_values import Readable
from cptsplan.render.filters import date_fr, period
from cptsplan.rules import get_rule, rule_ids
from cptsplan.rules.base import RuleContext
from cptsplan.rules.suivi import answer_detail
from cptsplan.schema.periods import Period, date_or_period, parse_period
from cptsplan.update.checklist import checklist

from .conftest import FIXTURES, run_cli
from .test_render_support import docx_texts, pdf_pages, unbreak

PLAN = FIXTURES / "periodes"
DATE_RULES = (
    "exercice-annuel",
    "exercice-sans-retex",
    "activation-sans-retex",
    "action-corrective-en-retard",
    "date-future",
    "historique-incoherent",
    "activation-indicateurs-cnam",
)


# The value itself -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last", "label"),
    [
        ("2023-05", date(2023, 5, 1), date(2023, 5, 31), "mai 2023"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "février 2024"),
        ("2025-S1", date(2025, 1, 1), date(2025, 6, 30), "1er semestre 2025"),
        ("2025-S2", date(2025, 7, 1), date(2025, 12, 31), "2e semestre 2025"),
        ("2024-T1", date(2024, 1, 1), date(2024, 3, 31), "1er trimestre 2024"),
        ("2024-T3", date(2024, 7, 1), date(2024, 9, 30), "3e trimestre 2024"),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "2024"),
    ],
)
def test_a_period_knows_its_first_and_last_day_and_its_french_name(
    text: str, first: date, last: date, label: str
) -> None:
    value = parse_period(text)
    assert value is not None
    assert (value.first, value.last, value.label, value.text) == (first, last, label, text)
    assert date_fr(value) == label


@pytest.mark.parametrize("text", ["2024-13", "2024-00", "2024-S3", "2024-T5", "0000", "mai 2023"])
def test_what_is_not_a_period(text: str) -> None:
    assert parse_period(text) is None


def test_a_full_date_stays_a_date() -> None:
    assert date_or_period("2026-02-15") == date(2026, 2, 15)


def test_the_activation_period_reads_as_french() -> None:
    may, june = Period("mois", 2023, 5), Period("mois", 2023, 6)
    assert period(may) == "depuis mai 2023"
    assert period(Period("semestre", 2025, 2)) == "depuis le 2e semestre 2025"
    assert period(may, june) == "de mai 2023 à juin 2023"
    assert period(Period("mois", 2023, 4), Period("trimestre", 2023, 3)) == (
        "d'avril 2023 au 3e trimestre 2023"
    )
    assert period(may, may) == "en mai 2023"
    # Full dates are written as before.
    assert (
        period(date(2025, 6, 30), date(2025, 7, 4)) == "du 30 juin 2025 au 4 juillet 2025 (5 jours)"
    )


# Rules: a finding only where it holds for every day of the period -------------------------


@cache
def _source() -> PlanSource:
    return load_plan(PLAN, str(PLAN))


def _data() -> dict[str, Any]:
    return copy.deepcopy(build_plan(_source()).data)


def _plan(data: dict[str, Any]) -> Plan:
    directory = {entry["id"]: entry for entry in data.get("annuaire", [])}
    return Plan(data=data, source=_source(), directory=directory)


def _findings(rule_id: str, data: dict[str, Any], today: date) -> list[str]:
    rule = get_rule(rule_id)
    assert rule is not None
    ctx = RuleContext(today=today, requirements=None, known_rules=rule_ids())
    return [finding.message for finding in rule.check(_plan(data), ctx)]


def _exercise(data: dict[str, Any], when: object, retex: bool = True) -> dict[str, Any]:
    exercise = data["anticiper"]["exercices"][0]
    exercise["date"] = when
    if not retex:
        exercise.pop("retex", None)
    return data


@pytest.mark.parametrize(
    ("when", "too_old"),
    [
        ("2025-S2", False),  # the case: first day 1 July 2025, after 15 June 2025
        ("2025-06", False),  # 30 June 2025 is within 12 months: it may be
        ("2025", False),  # it depends on the day: not known, no finding
        ("2025-05", True),  # even 31 May 2025 is more than 12 months before
        ("2024-T4", True),
        ("2024", True),
    ],
)
def test_yearly_exercise_is_too_old_only_if_the_last_day_is(when: str, too_old: bool) -> None:
    data = _exercise(_data(), date_or_period(when))
    found = _findings("exercice-annuel", data, date(2026, 6, 15))
    assert bool(found) is too_old, found


def test_a_period_starting_after_today_is_not_yet_an_exercise() -> None:
    data = _exercise(_data(), date_or_period("2026-S2"))
    assert _findings("exercice-annuel", data, date(2026, 6, 15))


def test_an_exercise_is_past_without_retex_only_once_its_period_is_over() -> None:
    data = _exercise(_data(), date_or_period("2026-06"), retex=False)
    assert _findings("exercice-sans-retex", data, date(2026, 6, 30)) == []
    found = _findings("exercice-sans-retex", data, date(2026, 7, 1))
    assert len(found) == 1 and "de juin 2026 n'a pas de RETEX" in found[0]


def test_a_corrective_action_is_late_only_after_the_last_day_of_its_deadline() -> None:
    data = _data()
    data["evaluer"]["retex"][0]["actions_correctives"][0]["echeance"] = date_or_period("2026-T2")
    assert _findings("action-corrective-en-retard", data, date(2026, 6, 30)) == []
    found = _findings("action-corrective-en-retard", data, date(2026, 7, 1))
    assert len(found) == 1 and "échéance du 2e trimestre 2026" in found[0]


def _activation(start: str, end: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": "activation-canicule", "titre": "Canicule"}
    item["debut"] = date_or_period(start)
    if end:
        item["fin"] = date_or_period(end)
    return item


def test_an_activation_is_over_only_after_the_last_day_of_its_end() -> None:
    data = _data()
    data["evaluer"]["activations"] = [_activation("2026-08", "2026-08")]
    assert _findings("activation-sans-retex", data, date(2026, 8, 31)) == []
    found = _findings("activation-sans-retex", data, date(2026, 9, 1))
    assert len(found) == 1 and "terminée en août 2026" in found[0]


def test_an_activation_known_by_its_months_counts_as_an_exercise_and_gives_its_duration() -> None:
    data = _data()
    data["anticiper"]["exercices"] = []
    data["evaluer"]["activations"] = [_activation("2025-07", "2025-08")]
    assert _findings("exercice-annuel", data, date(2026, 6, 15)) == []
    assert _findings("exercices", data, date(2026, 6, 15)) == []
    # Its duration is known by its months: only the counts are missing, not « durée ».
    found = _findings("activation-indicateurs-cnam", data, date(2026, 6, 15))
    assert len(found) == 1 and "durée" not in found[0]


def test_a_date_is_in_the_future_only_if_the_first_day_is() -> None:
    data = _data()
    transmission = data["document"]["transmissions"][0]
    transmission["date"] = date_or_period("2026-T4")
    assert _findings("date-future", data, date(2026, 11, 23)) == []
    transmission["date"] = date_or_period("2027")
    assert _findings("date-future", data, date(2026, 11, 23)) == [
        "date dans le futur : 2027 (date de référence : 23 novembre 2026)"
    ]


def test_history_is_out_of_order_only_if_surely_so() -> None:
    data = _data()
    history = data["document"]["historique"]
    history[:] = [
        {"version": "0.9", "date": date_or_period("2026"), "resume": "Brouillon."},
        {"version": "1.0", "date": date(2026, 9, 18), "resume": "Première version."},
    ]
    assert _findings("historique-incoherent", data, date(2026, 11, 23)) == []
    history[0]["date"] = date_or_period("2026-10")
    assert len(_findings("historique-incoherent", data, date(2026, 11, 23))) == 1


def test_the_grid_says_when_the_plan_was_sent() -> None:
    assert answer_detail(_plan(_data())) == "pas encore d'avis, version transmise en septembre 2026"


def test_update_checklist_reads_periods_honestly() -> None:
    data = _exercise(_data(), date_or_period("2025-S2"))
    data["evaluer"]["revue_annuelle"] = {"derniere_revue": date_or_period("2025-T3")}
    texts = [item.text for item in checklist(_plan(data), date(2026, 6, 15), None)]
    assert not any("aucun exercice" in text for text in texts), texts
    assert not any("dernière revue" in text for text in texts), texts
    assert any("échéance dépassée (4e trimestre 2026)" in text for text in checklist_at(data))


def checklist_at(data: dict[str, Any]) -> list[str]:
    return [item.text for item in checklist(_plan(data), date(2027, 1, 5), None)]


# The whole plan through the command line -------------------------------------------------


def _problems(path: Path, *options: str) -> tuple[int, list[dict[str, Any]]]:
    result = run_cli("validate", "--format", "json", path, *options)
    document = json.loads(result.stdout)
    return result.exit_code, [p for plan in document["plans"] for p in plan["problems"]]


def test_the_fixture_with_every_form_is_valid_and_no_date_rule_fires() -> None:
    code, problems = _problems(PLAN, "--date", "2026-11-23")
    assert code == 0, [p["message"] for p in problems if p["severity"] == "error"]
    assert [p for p in problems if p["rule"] in DATE_RULES] == []
    assert not [p for p in problems if p["rule"].startswith("schema")]


BAD_VALUES = {
    "2024-13": "formes acceptées : AAAA-MM-JJ",
    "2024-S3": "AAAA-S1 ou AAAA-S2 (un semestre)",
    "2024-T5": "AAAA-T1 à AAAA-T4 (un trimestre)",
    "mai 2023": "écrivez 2023-05 (pour « mai 2023 »)",
    "2e semestre 2025": "écrivez 2025-S2 (pour « 2e semestre 2025 »)",
    "3e trimestre 2024": "écrivez 2024-T3",
}


@pytest.mark.parametrize("value", sorted(BAD_VALUES))
def test_a_wrong_period_gets_a_french_message_at_its_place(tmp_path: Path, value: str) -> None:
    text = (PLAN / "plan.yaml").read_text(encoding="utf-8")
    assert "      date: 2025-S2 # un semestre\n" in text
    (tmp_path / "plan.yaml").write_text(
        text.replace("date: 2025-S2 # un semestre", f'date: "{value}"'), encoding="utf-8"
    )
    line = text.splitlines().index("      date: 2025-S2 # un semestre") + 1
    code, problems = _problems(tmp_path)
    assert code == 1
    errors = [p for p in problems if p["severity"] == "error"]
    assert len(errors) == 1, errors
    error = errors[0]
    assert (error["rule"], error["line"], error["column"]) == ("schema-date", line, 13)
    assert f"date ou période mal écrite « {value} »" in error["message"]
    assert BAD_VALUES[value] in error["hint"]
    assert "A_COMPLETER" in error["hint"]
    assert not re.search(r"is not valid|does not match|anyOf", error["message"] + error["hint"])


def test_an_impossible_day_is_still_explained_as_such(tmp_path: Path) -> None:
    text = (PLAN / "plan.yaml").read_text(encoding="utf-8")
    changed = text.replace("date: 2025-S2 # un semestre", "date: 2025-02-30")
    (tmp_path / "plan.yaml").write_text(changed, encoding="utf-8")
    code, problems = _problems(tmp_path)
    assert code == 1
    assert any("la date 2025-02-30 n'existe pas" in p["message"] for p in problems)


# Documents -------------------------------------------------------------------------------

LABELS = (
    "2e semestre 2025",  # the exercise
    "4e trimestre 2026",  # the corrective action's deadline
    "RETEX d'octobre 2025",
    "septembre 2026",  # the transmission to the ARS
    "oui, de 2019",  # the commune's PCS
)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("periodes") / "plan"
    formats = [arg for fmt in ("md", "html", "docx", "pdf") for arg in ("-f", fmt)]
    result = run_cli("render", PLAN, *formats, "--date", "2026-11-23", "-o", out)
    assert result.exit_code == 0, result.stderr
    return {
        "md": out.with_suffix(".md").read_text(encoding="utf-8"),
        "html": out.with_suffix(".html").read_text(encoding="utf-8"),
        "docx": "\n".join(docx_texts(out.with_suffix(".docx"))),
        "pdf": "\n".join(pdf_pages(out.with_suffix(".pdf"))),
    }


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", unbreak(text).replace("\u2019", "'").replace("&#x27;", "'"))


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_every_document_prints_the_periods_in_french(documents: dict[str, str], fmt: str) -> None:
    shown = _flat(documents[fmt])
    missing = [label for label in LABELS if label not in shown]
    assert missing == []
    # Never the form written in the file, nor a day the plan does not give.
    for written in ("2025-S2", "2026-T4", "2025-10", "1er juillet 2025"):
        assert written not in shown


def test_the_change_annex_names_a_period_in_french() -> None:
    readable = Readable({})
    assert readable.value("anticiper.exercices[0].date", "2025-S2") == "2e semestre 2025"
    assert readable.value("anticiper.exercices[0].date", "2025-03-17") == "17 mars 2025"


# Import: what a document writes, read into the plan's form -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mai 2023", "2023-05"),
        ("depuis mai 2023", "2023-05"),
        ("2e semestre 2025", "2025-S2"),
        ("second semestre 2025", "2025-S2"),
        ("3e trimestre 2024", "2024-T3"),
        ("fin 2024", "2024"),  # « fin » names no precise period: the year, nothing invented
        ("05/2023", "2023-05"),
        ("le 17 mars 2026", date(2026, 3, 17)),  # a full date stays a date
        ("Guide ARS 2023", None),
        ("5e semestre 2024", None),
    ],
)
def test_the_importer_reads_a_period_where_the_field_takes_one(text: str, expected: object) -> None:
    from cptsplan.importer.dates import parse_when, takes_a_date
    from cptsplan.importer.generic import resolve
    from cptsplan.schema.plan_schema import base_schema

    exercise = base_schema()["properties"]["anticiper"]["properties"]["exercices"]["items"]
    field = resolve(exercise["properties"]["date"])
    assert takes_a_date(field)
    assert parse_when(text, field) == expected
    # The version's own date takes a day only: no period is made up for it.
    update = resolve(base_schema()["properties"]["document"]["properties"]["date_mise_a_jour"])
    assert parse_when(text, update) == (expected if isinstance(expected, date) else None)


def test_year_zero_is_explained_not_an_internal_error(tmp_path: Path) -> None:
    """Found while writing the date-or-period message: « 0000-02-30 » matched the date form,
    and explaining why the day does not exist crashed on year 0 (erreur-interne)."""
    text = (PLAN / "plan.yaml").read_text(encoding="utf-8")
    changed = text.replace("date_mise_a_jour: 2026-09-18 # exigé", "date_mise_a_jour: 0000-02-30")
    (tmp_path / "plan.yaml").write_text(changed, encoding="utf-8")
    code, problems = _problems(tmp_path)
    assert code == 1
    assert [p["rule"] for p in problems if p["severity"] == "error"] == ["schema-date"]
    assert any("il n'y a pas d'année 0000" in p["message"] for p in problems)


def test_update_shows_its_checklist_with_periods_in_french(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_bytes((PLAN / "plan.yaml").read_bytes())
    result = run_cli("update", tmp_path, "--date", "2027-01-05", "--forcer")
    assert result.exit_code == 0, result.stderr
    assert "échéance dépassée (4e trimestre 2026)" in result.stdout
    assert (tmp_path / "plan.yaml").read_bytes() == (PLAN / "plan.yaml").read_bytes()  # dry run
