"""Shapes of organisation found in real CPTS plans (co-referents, member organisations of the
crisis cell, volunteer network, mobilisation conditions, vulnerabilities, fiches réflexes in
three times, real activations): each fixture validates and every value it holds is read back
from the rendered DOCX, PDF and HTML, in both editions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cptsplan.api import load_checked_plan
from cptsplan.messages import vocabulary
from cptsplan.messages.dates import french_date
from cptsplan.model import Plan
from cptsplan.render.filters import period

from .conftest import FIXTURES, run_cli
from .test_render_support import (
    REFERENCE_DATE,
    docx_texts,
    html_text_and_tags,
    normalized,
    pdf_pages,
    unbreak,
)

FORMS = FIXTURES / "formes-organisation"
EDITIONS = ("interne", "diffusable")
FORMATS = ("docx", "pdf", "html")


def _referents(plan: Plan) -> list[str]:
    values = ["Les co-référents exercent la mission à parts égales"]
    for item in plan.data["piloter"]["referents_sse"]:
        values += [vocabulary.REFERENT_ROLES[item["role"]], plan.display_name(item["personne"])]
        values += [", ".join(item.get("typologies", [])), *item.get("missions", [])]
        values += [item["formation"]] if "formation" in item else []
    return values


def _cell(plan: Plan) -> list[str]:
    cell = plan.data["piloter"]["cellule_de_crise"]
    shared = cell["partagee_avec"]
    names = cell["membres_organisations"] + cell["invites"] + shared["cpts"]
    return [
        "Missions de la cellule",
        "Organisations membres de la cellule",
        "Invités extérieurs",
        *cell["missions"],
        *map(plan.display_name, names),
        shared["modalites"],
    ]


def _network(plan: Plan) -> list[str]:
    network = plan.data["anticiper"]["ressources"]["reseau_volontaires"]
    return [
        "Réseau de volontaires",
        network["description"],
        f"Professionnels de santé volontaires {network['professionnels']}",
        f"Bénévoles non professionnels de santé {network['benevoles']}",
        *map(plan.display_name, network["correspondants_mairies"]),
        network["mobilisation"],
    ]


def _mobilisation(plan: Plan) -> list[str]:
    trigger = plan.data["piloter"]["declenchement"]
    return [
        trigger["conditions_mobilisation"],
        trigger["role_cpts"],
        *trigger["ne_relevent_pas_sse"],
    ]


def _vulnerabilities(plan: Plan) -> list[str]:
    zones = {zone["id"]: zone["nom"] for zone in plan.data["territoire"].get("zones", [])}
    values = ["Vulnérabilités du territoire"]
    for item in plan.data["anticiper"]["vulnerabilites"]:
        values += [item["titre"], vocabulary.VULNERABILITY_TYPES[item["type"]]]
        values += [item["description"], *item.get("communes", []), *item.get("mesures", [])]
        values += [zones[zone] for zone in item.get("zones", [])]
    return values


def _fiches(plan: Plan) -> list[str]:
    risks = {risk["id"]: risk["intitule"] for risk in plan.data["anticiper"]["diagnostic_risques"]}
    values = []
    for fiche in plan.data["adapter"]["fiches_reflexes"]:
        values += [fiche["titre"], *fiche.get("etapes", [])]
        values += [risks[fiche["risque"]]] if "risque" in fiche else []
        if "fonction" in fiche:
            values.append(
                f"Fonction de la cellule : {vocabulary.CELL_FUNCTIONS[fiche['fonction']]}"
            )
        for step in fiche.get("etapes_par_temps", []):
            values += [f"Étapes – {vocabulary.FICHE_TIMES[step['temps']]}", step["etape"]]
    return values


def _activations(plan: Plan) -> list[str]:
    retex = {item["id"]: item["intitule"] for item in plan.data["evaluer"]["retex"]}
    values = ["Activations réelles du plan"]
    for item in plan.data["evaluer"]["activations"]:
        values += [item["titre"], item["declencheur"], item["description"], item["duree"]]
        values += [f"du {french_date(item['debut'])} au {french_date(item['fin'])}"]
        values += [str(item["professionnels_mobilises"]), str(item["nombre_actions"])]
        values += [*map(plan.display_name, item["demande_par"]), retex[item["retex"]]]
        values += [*item["typologies"], *item["actions_menees"]]
    return values


CASES: dict[str, Callable[[Plan], list[str]]] = {
    "referents-co-egaux": _referents,
    "cellule-organisations": _cell,
    "reseau-volontaires": _network,
    "conditions-mobilisation": _mobilisation,
    "vulnerabilites": _vulnerabilities,
    "fiches-par-temps": _fiches,
    "activation-reelle": _activations,
}


def test_every_fixture_has_a_case() -> None:
    assert {path.stem for path in FORMS.glob("*.yaml")} == set(CASES)


@pytest.mark.parametrize("name", list(CASES))
def test_fixture_is_valid_without_errors(name: str) -> None:
    result = run_cli("validate", FORMS / f"{name}.yaml", "--date", REFERENCE_DATE)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "avertissement" not in result.stdout, result.stdout


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], str]:
    """(fixture, edition, format) -> normalised text; each fixture and edition rendered once."""
    folder = tmp_path_factory.mktemp("formes")
    found: dict[tuple[str, str, str], str] = {}
    for name in CASES:
        for edition in EDITIONS:
            output = folder / f"{name}-{edition}"
            args: list[str | Path] = ["render", FORMS / f"{name}.yaml", "--edition", edition]
            for fmt in FORMATS:
                args += ["-f", fmt]
            result = run_cli(*args, "--output", output, "--date", REFERENCE_DATE)
            assert result.exit_code == 0, result.stderr
            found[name, edition, "docx"] = normalized(" ".join(docx_texts(_file(output, "docx"))))
            pdf = unbreak("\n".join(pdf_pages(_file(output, "pdf"))))
            found[name, edition, "pdf"] = normalized(pdf)
            html, _ = html_text_and_tags(_file(output, "html"))
            found[name, edition, "html"] = normalized(html)
    return found


def _file(output: Path, fmt: str) -> Path:
    return output.with_name(f"{output.name}.{fmt}")


def _plan(name: str) -> Plan:
    report = load_checked_plan(FORMS / f"{name}.yaml")
    assert report.plan is not None
    return report.plan


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", list(CASES))
def test_every_value_reaches_the_document(
    texts: dict[tuple[str, str, str], str], name: str, edition: str, fmt: str
) -> None:
    text = texts[name, edition, fmt]
    missing = [value for value in CASES[name](_plan(name)) if normalized(value) not in text]
    assert missing == []


def test_town_hall_correspondents_contacts_only_in_the_internal_edition(
    texts: dict[tuple[str, str, str], str],
) -> None:
    number = "06 39 98 20 06"
    for fmt in FORMATS:
        assert number in texts["reseau-volontaires", "interne", fmt]
        assert number not in texts["reseau-volontaires", "diffusable", fmt]


def test_members_and_guests_label_when_the_plan_does_not_separate_them(
    texts: dict[tuple[str, str, str], str],
) -> None:
    """A cell without `membres_organisations` lists its `invites` as members and guests."""
    assert "Membres et invités extérieurs" in texts["activation-reelle", "interne", "docx"]
    assert "Membres et invités extérieurs" not in texts["cellule-organisations", "interne", "docx"]


def test_activation_period_reads_as_french() -> None:
    assert (
        period(date(2025, 6, 30), date(2025, 7, 4)) == "du 30 juin 2025 au 4 juillet 2025 (5 jours)"
    )
    assert period(date(2025, 7, 1), date(2025, 7, 1)) == "le 1er juillet 2025 (1 jour)"
    assert period(date(2026, 11, 2)) == "depuis le 2 novembre 2026"
    assert period(date(2026, 1, 12), date(2026, 1, 20), "9 jours, dont 3 en cellule") == (
        "du 12 janvier 2026 au 20 janvier 2026 (9 jours, dont 3 en cellule)"
    )
