"""`cptsplan validate`: one French message per mistake, at the right file:line:col."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cptsplan.rules import rule_ids

from .conftest import COMPLETE_EXAMPLE, FIXTURES, MINIMAL_EXAMPLE, REPO, run_cli

INVALID = FIXTURES / "invalid"
VALID_SMALL = FIXTURES / "valid" / "plan-court.yaml"

# fixture -> (rule, line, col, words the message must contain, words the hint must contain)
EXPECTED: dict[str, tuple[str, int, int, str, str | None]] = {
    "cle-mal-ecrite.yaml": (
        "schema-cle-inconnue",
        35,
        3,
        "clé inconnue « cellule_de_crize »",
        "vouliez-vous dire « cellule_de_crise » ?",
    ),
    "mauvais-type.yaml": (
        "schema-type",
        14,
        15,
        "on attend un nombre entier, pas « grande »",
        None,
    ),
    "section-manquante.yaml": (
        "schema-manquant",
        31,
        1,
        "section obligatoire manquante : « articulation_plans »",
        "ORSAN",
    ),
    "identifiant-inconnu.yaml": (
        "reference-inconnue",
        33,
        17,
        "« dr-rou » ne correspond à aucune entrée de l'annuaire",
        "vouliez-vous dire « dr-roux » ?",
    ),
    "date-impossible.yaml": (
        "schema-date",
        6,
        21,
        "la date 2026-02-30 n'existe pas (février 2026 n'a que 28 jours)",
        "AAAA-MM-JJ",
    ),
    "date-mal-ecrite.yaml": ("schema-date", 6, 21, "date mal écrite « 10/03/2026 »", "AAAA-MM-JJ"),
    "periode-mal-ecrite.yaml": (
        "schema-date",
        10,
        13,
        "date ou période mal écrite « 2026-S3 »",
        "AAAA-S1 ou AAAA-S2 (un semestre)",
    ),
    "cle-dupliquee.yaml": ("yaml-cle-dupliquee", 15, 3, "clé « nom » écrite deux fois", None),
    "tabulation.yaml": ("yaml-tabulation", 14, 1, "tabulation interdite", "espaces"),
    "alias.yaml": ("yaml-alias", 13, 8, "alias", None),
    "yaml-casse.yaml": ("yaml-syntaxe", 4, 10, "guillemet non fermé", None),
    "identifiant-duplique.yaml": (
        "identifiant-duplique",
        51,
        9,
        "« dr-roux » déjà utilisé",
        "unique",
    ),
    "volet-inconnu.yaml": (
        "schema-valeur",
        24,
        16,
        "« EPI-CLIMAT » n'est pas une valeur permise",
        "vouliez-vous dire « EPI-CLIM » ?",
    ),
    "non-utf8.yaml": ("yaml-encodage", 4, 20, "n'est pas encodé en UTF-8", "UTF-8"),
    "vide.yaml": ("yaml-vide", 1, 1, "le fichier est vide", None),
}


def problems_of(path: Path, *extra: str, rules: bool = False) -> tuple[int, list[dict]]:
    """Exit code and problems; without `rules`, only those of the format (syntax, schema,
    identifiers): conformity rules also run on a plan with schema errors, on the parts that
    passed, and these small fixtures are far from conformant."""
    result = run_cli("validate", "--format", "json", path, *extra)
    document = json.loads(result.stdout)
    found = [p for plan in document["plans"] for p in plan["problems"]]
    return result.exit_code, [p for p in found if rules or p["rule"] not in rule_ids()]


def test_every_invalid_fixture_is_covered() -> None:
    assert {path.name for path in INVALID.iterdir()} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_french_message_at_the_right_place(name: str) -> None:
    rule, line, col, words, hint_words = EXPECTED[name]
    exit_code, problems = problems_of(INVALID / name)
    assert exit_code == 1
    errors = [p for p in problems if p["severity"] == "error"]
    assert len(errors) == 1, [p["message"] for p in errors]
    problem = errors[0]
    assert (problem["rule"], problem["line"], problem["column"]) == (rule, line, col)
    assert problem["file"] == str(INVALID / name)
    assert words in problem["message"]
    if hint_words:
        assert hint_words in problem["hint"]
    for english in (
        "is not valid under",
        "is a required property",
        "Additional properties",
        "is not of type",
        "does not match",
    ):
        assert english not in problem["message"] + (problem["hint"] or "")


def test_text_output_names_file_line_col_and_a_summary() -> None:
    result = run_cli("validate", INVALID / "cle-mal-ecrite.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{INVALID / 'cle-mal-ecrite.yaml'}:35:3: erreur [schema-cle-inconnue] clé inconnue" in {
        line.split(" « ")[0] for line in lines
    }
    assert "aide : vouliez-vous dire « cellule_de_crise » ?" in result.stdout
    assert "chemin : piloter.cellule_de_crize" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("✘ ")
    assert "non valide" in result.stdout.rstrip().splitlines()[-1]


def test_small_valid_plan_exits_zero_with_one_line_summary() -> None:
    # Schema-valid but far from the national template: the conformity rules are left out.
    result = run_cli("validate", "--schema-seulement", VALID_SMALL)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("✔ ")
    assert "« CPTS de l'Étang Bleu » valide" in result.stdout


@pytest.mark.parametrize("example", [COMPLETE_EXAMPLE, MINIMAL_EXAMPLE], ids=["complet", "minimal"])
def test_bundled_examples_are_valid(example: Path) -> None:
    result = run_cli("validate", example, "--date", "2026-11-23")
    assert result.exit_code == 0, result.stdout
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith(f"✔ {example} : plan « ")
    assert "erreur" not in result.stdout


def test_complete_example_is_split_and_the_directory_has_its_own_file() -> None:
    names = {path.name for path in COMPLETE_EXAMPLE.glob("*.yaml")}
    assert {"plan.yaml", "annuaire.yaml"} <= names
    assert len(names) >= 3


def test_error_in_a_split_plan_names_the_right_file(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    directory = plan / "annuaire.yaml"
    text = directory.read_text(encoding="utf-8")
    first_id_line = next(
        i for i, line in enumerate(text.splitlines(), 1) if line.strip().startswith("- id:")
    )
    lines = text.splitlines()
    lines.insert(first_id_line, "    nom_complet: Erreur volontaire")
    directory.write_text("\n".join(lines) + "\n", encoding="utf-8")
    exit_code, problems = problems_of(plan, "--date", "2026-11-23")
    errors = [p for p in problems if p["severity"] == "error"]
    assert exit_code == 1
    assert [(p["file"], p["line"], p["rule"]) for p in errors] == [
        (str(directory), first_id_line + 1, "schema-cle-inconnue")
    ]


def test_a_section_written_in_two_files_is_reported(tmp_path: Path) -> None:
    shutil.copy(VALID_SMALL, tmp_path / "plan.yaml")
    (tmp_path / "autre.yaml").write_text(
        "cpts:\n  nom: Doublon\n  taille_aci: 1\n", encoding="utf-8"
    )
    exit_code, problems = problems_of(tmp_path)
    assert exit_code == 1
    # Files are read in name order: autre.yaml comes first, so plan.yaml's section is the repeat.
    assert [(Path(p["file"]).name, p["line"], p["rule"]) for p in problems] == [
        ("plan.yaml", 12, "plan-section-dupliquee")
    ]
    assert "déjà écrite dans" in problems[0]["message"]


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = VALID_SMALL.read_text(encoding="utf-8")
    text = text.replace("taille_aci: 1", "taille_aci: 9").replace(
        "dr-roux\n      role", "dr-x\n      role"
    )
    text = text.replace("date_mise_a_jour: 2026-03-10", "date_mise_a_jour: 2026-13-01")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = problems_of(path)
    assert {p["rule"] for p in problems} == {"schema-valeur", "reference-inconnue", "schema-date"}
    assert "il n'y a pas de mois 13" in " ".join(p["message"] for p in problems)


def test_syntax_error_in_one_file_does_not_hide_schema_errors_in_another(tmp_path: Path) -> None:
    shutil.copytree(COMPLETE_EXAMPLE, tmp_path / "plan")
    piloter = tmp_path / "plan" / "piloter.yaml"
    piloter.write_text(piloter.read_text(encoding="utf-8") + "\n\tcasse: oui\n", encoding="utf-8")
    plan_file = tmp_path / "plan" / "plan.yaml"
    plan_file.write_text(
        plan_file.read_text(encoding="utf-8").replace("taille_aci: 2", "taille_aci: deux"),
        encoding="utf-8",
    )
    _, problems = problems_of(tmp_path / "plan", "--date", "2026-11-23")
    rules = sorted(p["rule"] for p in problems if p["severity"] == "error")
    assert rules == ["schema-type", "yaml-tabulation"]


def test_json_output_has_the_documented_shape() -> None:
    result = run_cli("validate", "--format", "json", INVALID / "date-impossible.yaml")
    document = json.loads(result.stdout)
    assert set(document) >= {"format_version", "tool", "reference_date", "summary", "plans"}
    assert document["format_version"] == 1
    assert set(document["summary"]) >= {"plans", "valid_plans", "errors", "warnings", "infos"}
    plan = document["plans"][0]
    assert set(plan) >= {"path", "name", "files", "valid", "errors", "warnings", "problems"}
    assert set(plan["problems"][0]) == {
        "file",
        "line",
        "column",
        "severity",
        "rule",
        "message",
        "path",
        "hint",
    }
    assert [p["path"] for p in plan["problems"] if p["rule"] == "schema-date"] == [
        "document.date_mise_a_jour"
    ]


def test_missing_path_is_a_usage_error_in_french(tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "absent")
    assert result.exit_code == 2
    assert "chemin introuvable" in result.stderr


def test_folder_without_plan_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 2
    assert "aucun plan dans le dossier" in result.stderr


def test_unknown_output_format_is_a_usage_error() -> None:
    result = run_cli("validate", "--format", "pdf", VALID_SMALL)
    assert result.exit_code == 2


def test_hostile_inputs_never_give_a_traceback(tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.yaml"
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    huge = tmp_path / "enorme.yaml"
    with huge.open("wb") as handle:
        handle.write(b"a: " + b"x" * (20 * 1024 * 1024) + b"\n")
    for path, rule in ((bomb, "yaml-alias"), (huge, "yaml-taille")):
        # A real process, with a timeout: a hang or a traceback would fail here.
        completed = subprocess.run(
            [sys.executable, "-m", "cptsplan", "validate", str(path)],
            capture_output=True,
            text=True,
            timeout=120,  # a hang guard, not a measure
            cwd=REPO,
            check=False,
        )
        assert completed.returncode == 1
        assert f"[{rule}]" in completed.stdout
        assert "Traceback" not in completed.stdout + completed.stderr


def test_schema_command_prints_the_bundled_schema() -> None:
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "piloter" in schema["required"]
    fragment = json.loads(run_cli("schema", "--fragment").stdout)
    assert "required" not in fragment
    assert fragment["properties"] == schema["properties"]


def test_help_documents_the_exit_codes() -> None:
    result = run_cli("validate", "--help")
    assert result.exit_code == 0
    for words in (
        "0 = plan valide",
        "1 = problèmes",
        "2 = mauvaise utilisation",
        "3 = erreur de configuration",
    ):
        assert words in " ".join(result.stdout.split())


def test_summary_tells_warnings_only_apart_from_errors() -> None:
    from cptsplan.api import PlanReport, PlanTarget
    from cptsplan.findings.problems import Location, Problem, Severity
    from cptsplan.reporters.text import summary_line

    warning = Problem(Location("plan.yaml", 3, 1), Severity.WARNING, "r", "m")
    report = PlanReport(PlanTarget(Path("plan"), "plan"), [warning], files=["plan.yaml"])
    line = summary_line(report)
    assert line.startswith("⚠ plan : plan valide avec réserves : 0 erreur, 1 avertissement")
