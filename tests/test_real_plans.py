"""What a coordinator notices on plans as they really are: a first-year plan about to be
sent, responses written by typology only, a plan with one mistake, a plan with fields still
« A_COMPLETER », and an editor checking a file with the published schema.

Each plan is a copy of a bundled example with one realistic change; documents are rendered
once per test and read back (PDF text, DOCX text with headers and footers).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from .conftest import COMPLETE_EXAMPLE, FIXTURES, MINIMAL_EXAMPLE, run_cli
from .test_render_support import (
    REFERENCE_DATE,
    docx_document,
    docx_texts,
    docx_xml,
    pdf_pages,
    unbreak,
)

FIRST_YEAR = FIXTURES / "premiere-annee" / "plan.yaml"
DEMO_DATE = "2026-11-23"
"""The complete example is checked at the date `make demo` uses."""
TRANSMISSION_RULES = ("transmission-ars", "transmission-cpam")
SCHEMA_RULE_PREFIXES = ("schema-", "yaml-", "reference-", "identifiant-")


def validate_json(plan: Path, date: str = DEMO_DATE) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and every problem `validate --format json` reports for one plan."""
    result = run_cli("validate", "--format", "json", "--date", date, plan)
    document = json.loads(result.stdout)
    return result.exit_code, [p for plan in document["plans"] for p in plan["problems"]]


def is_schema_problem(problem: dict[str, Any]) -> bool:
    return str(problem["rule"]).startswith(SCHEMA_RULE_PREFIXES)


def copy_complete(tmp_path: Path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    return plan


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of `old`: a test must break exactly what it says."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} in {path.name}: {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


# --------------------------------------------------------------- a. first year, ready to send


@pytest.fixture(scope="module")
def first_year_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The first-year fixture as it is (« pret_a_transmettre ») and the same plan marked
    « brouillon », each rendered to PDF, DOCX and Markdown in one call."""
    folder = tmp_path_factory.mktemp("premiere-annee")
    ready = FIRST_YEAR.read_text(encoding="utf-8")
    assert "  statut: pret_a_transmettre" in ready
    draft = folder / "brouillon.yaml"
    draft.write_text(
        ready.replace("  statut: pret_a_transmettre", "  statut: brouillon", 1), encoding="utf-8"
    )
    outputs = {}
    for name, plan in (("pret", FIRST_YEAR), ("brouillon", draft)):
        base = folder / name
        result = run_cli("render", plan, "-f", "pdf,docx,md", "-o", base, "--date", REFERENCE_DATE)
        assert result.exit_code == 0, result.stderr
        outputs[name] = base
    return outputs


def _document_words(base: Path) -> dict[str, str]:
    return {
        "pdf": " ".join(pdf_pages(base.with_suffix(".pdf"))),
        "docx": " ".join(docx_texts(base.with_suffix(".docx"))),
        "docx (XML)": docx_xml(base.with_suffix(".docx")),
    }


def test_first_year_plan_is_valid_and_not_asked_for_its_transmissions() -> None:
    data = yaml.safe_load(FIRST_YEAR.read_text(encoding="utf-8"))
    assert data["document"]["statut"] == "pret_a_transmettre"
    assert "transmissions" not in data["document"]
    assert "A_COMPLETER" not in json.dumps(data, default=str)
    code, problems = validate_json(FIRST_YEAR, REFERENCE_DATE)
    assert code == 0, problems
    assert [p for p in problems if p["rule"] in TRANSMISSION_RULES] == []


def test_ready_to_send_plan_has_no_draft_mark_but_the_same_plan_in_draft_has(
    first_year_documents: dict[str, Path],
) -> None:
    ready = _document_words(first_year_documents["pret"])
    draft = _document_words(first_year_documents["brouillon"])
    for kind in ready:
        assert "BROUILLON" not in ready[kind], kind
        assert "BROUILLON" in draft[kind], kind
    # The draft mark is on every page and in the DOCX page header, where a reader sees it.
    assert all(
        "BROUILLON" in page
        for page in pdf_pages(first_year_documents["brouillon"].with_suffix(".pdf"))
    )
    header = (
        docx_document(first_year_documents["brouillon"].with_suffix(".docx")).sections[0].header
    )
    assert "BROUILLON" in " ".join(paragraph.text for paragraph in header.paragraphs)
    # The ready plan says what it is instead.
    assert "Statut du plan Prêt à transmettre" in unbreak(ready["pdf"])


def test_grid_of_a_plan_not_sent_yet_does_not_say_it_was_sent(
    first_year_documents: dict[str, Path],
) -> None:
    markdown = first_year_documents["pret"].with_suffix(".md").read_text(encoding="utf-8")
    for item in ("Transmission à l’ARS", "Transmission à la CPAM"):
        line = next(line for line in markdown.splitlines() if f"| {item} |" in line)
        assert "| oui |" not in line, line


# --------------------------------------------------------------- b. responses by typology only


def test_responses_by_typology_only_cover_every_volet(tmp_path: Path) -> None:
    plan = copy_complete(tmp_path)
    adapter = plan / "adapter.yaml"
    text, removed = re.subn(
        r"^\s+volets: \[.*\]\n", "", adapter.read_text(encoding="utf-8"), flags=re.M
    )
    adapter.write_text(text, encoding="utf-8")
    assert removed == 6
    # No block list (« volets: » then « - AMAVI ») left behind, in any file.
    for path in plan.glob("*.yaml"):
        assert not re.search(r"^\s+volets:", path.read_text(encoding="utf-8"), flags=re.M)
    code, problems = validate_json(plan)
    assert [p for p in problems if p["severity"] == "error"] == []
    assert [p for p in problems if p["rule"] == "volet-sans-reponse"] == []
    assert code == 0


# --------------------------------------------------------------- c. one mistake, everything said


def test_schema_error_does_not_hide_a_rule_finding_elsewhere(tmp_path: Path) -> None:
    plan = copy_complete(tmp_path)
    edit(plan / "anticiper.yaml", "      date: 2024-11-19\n", "      date: 2024-11-31\n")
    piloter = plan / "piloter.yaml"
    text, removed = re.subn(
        r"^    interne: >-\n(?:      .*\n)+", "", piloter.read_text(encoding="utf-8"), flags=re.M
    )
    assert removed == 1
    piloter.write_text(text, encoding="utf-8")
    code, problems = validate_json(plan)
    assert code == 1
    dates = [p for p in problems if p["path"] == "anticiper.exercices[0].date"]
    assert len(dates) == 1 and is_schema_problem(dates[0])
    assert "n'existe pas" in dates[0]["message"]
    assert [p["path"] for p in problems if p["rule"] == "communication-interne"] == [
        "piloter.communication.interne"
    ]


def test_invalid_typology_is_reported_without_a_false_missing_response(tmp_path: Path) -> None:
    plan = copy_complete(tmp_path)
    edit(plan / "adapter.yaml", "      typologies: [T3]\n", "      typologies: [T9]\n")
    code, problems = validate_json(plan)
    assert code == 1
    wrong = [p for p in problems if p["path"] == "adapter.reponses[3].typologies[0]"]
    assert len(wrong) == 1 and "T9" in wrong[0]["message"]
    assert [p for p in problems if p["rule"] == "typologie-sans-reponse"] == []
    assert [p for p in problems if p["rule"] == "volet-sans-reponse"] == []


def test_typo_in_one_directory_entry_reports_only_the_typo(tmp_path: Path) -> None:
    plan = copy_complete(tmp_path)
    edit(
        plan / "annuaire.yaml",
        "  - id: ars-hdf-point-focal\n    type: organisme\n",
        "  - id: ars-hdf-point-focal\n    type: organisme\n    remarque: clé inconnue\n",
    )
    code, problems = validate_json(plan)
    assert code == 1
    assert [p["rule"] for p in problems] == ["schema-cle-inconnue"]


# --------------------------------------------------------------- d. fields still to complete


@pytest.fixture(scope="module")
def plan_to_complete(tmp_path_factory: pytest.TempPathFactory) -> Path:
    plan = tmp_path_factory.mktemp("a-completer") / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    edit(
        plan / "plan.yaml", "  date_mise_a_jour: 2026-10-05\n", "  date_mise_a_jour: A_COMPLETER\n"
    )
    edit(plan / "plan.yaml", '      code_insee: "59703"\n', "      code_insee: A_COMPLETER\n")
    return plan


def test_each_placeholder_is_reported_once_and_nothing_else(plan_to_complete: Path) -> None:
    code, problems = validate_json(plan_to_complete)
    # No « statut » in the example: a placeholder left is an error, as for a plan to send.
    assert code == 1
    assert sorted((p["rule"], p["path"], p["severity"]) for p in problems) == [
        ("champ-a-completer", "document.date_mise_a_jour", "error"),
        ("champ-a-completer", "territoire.communes[2].code_insee", "error"),
    ]


def test_draft_prints_a_completer_and_the_grid_does_not_guess(
    plan_to_complete: Path, tmp_path: Path
) -> None:
    output = tmp_path / "plan.md"
    result = run_cli(
        "render", plan_to_complete, "--brouillon", "-f", "md", "-o", output, "--date", DEMO_DATE
    )
    assert result.exit_code == 0, result.stderr
    lines = output.read_text(encoding="utf-8").splitlines()
    updated = [line for line in lines if line.startswith("| Dernière mise à jour")]
    assert updated and all("à compléter" in line for line in updated)
    commune = [line for line in lines if line.startswith("| Haverbecque |")]
    assert len(commune) == 1 and "à compléter" in commune[0]
    grid = [line for line in lines if "| Mise à jour de moins de 12 mois |" in line]
    assert len(grid) == 1
    assert "| non renseigné |" in grid[0] and "| oui |" not in grid[0]


# --------------------------------------------------------------- e. a section as a placeholder


def piloter_to_complete(tmp_path: Path) -> Path:
    """The minimal plan whose whole « piloter » section is written « A_COMPLETER »."""
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    start, end = text.index("\npiloter:"), text.index("\nevaluer:")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text[:start] + "\npiloter: A_COMPLETER\n" + text[end:], encoding="utf-8")
    return plan


def test_a_section_written_a_completer_gets_a_clear_french_error(tmp_path: Path) -> None:
    plan = piloter_to_complete(tmp_path)
    result = run_cli("validate", "--date", REFERENCE_DATE, plan)
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if "[schema-type]" in line)
    assert "« Piloter »" in line and "section" in line and "A_COMPLETER" in line
    assert "    chemin : piloter" in result.stdout


def test_a_section_to_complete_is_not_reported_as_absent_elsewhere(tmp_path: Path) -> None:
    plan = piloter_to_complete(tmp_path)
    _, problems = validate_json(plan, REFERENCE_DATE)
    assert [p for p in problems if p["rule"] == "articulation-pcs"] == []


# --------------------------------------------------------------- f. the published schema


def _published(*options: str) -> Draft202012Validator:
    result = run_cli("schema", *options)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _as_json(data: Any) -> Any:
    """What an editor sees: YAML dates are strings in JSON."""
    return json.loads(json.dumps(data, default=str))


def _with_placeholders(data: dict[str, Any]) -> dict[str, Any]:
    """A date, a choice, an integer and a boolean still to complete."""
    data["document"]["date_mise_a_jour"] = "A_COMPLETER"
    data["document"]["classification"] = "A_COMPLETER"
    data["cpts"]["taille_aci"] = "A_COMPLETER"
    data["territoire"]["communes"][0]["pcs"] = "A_COMPLETER"
    return data


def _errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_published_schema_accepts_a_completer_in_typed_fields() -> None:
    merged: dict[str, Any] = {}
    for path in sorted(COMPLETE_EXAMPLE.glob("*.yaml")):
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    data = _with_placeholders(_as_json(merged))
    full = _published()
    assert _errors(full, data) == []
    # Only the placeholder is accepted: a wrong value in the same field is still refused.
    data["cpts"]["taille_aci"] = "deux"
    assert len(_errors(full, data)) == 1


def test_published_fragment_schema_accepts_a_completer_in_one_file() -> None:
    data = _as_json(yaml.safe_load((COMPLETE_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")))
    assert "piloter" not in data
    fragment = _published("--fragment")
    assert _errors(fragment, _with_placeholders(data)) == []
