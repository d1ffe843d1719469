"""`.cptsplan.yaml`: found by walking up, rules off or re-graded, strict mode, regional
requirements; any mistake is a configuration error (exit 3) with its position."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cptsplan.config.repository_config import config_schema, find_config, load_config
from cptsplan.errors import ConfigurationError
from cptsplan.schema.plan_schema import base_schema

from .conftest import MINIMAL_EXAMPLE, run_cli

DATE = "2026-11-23"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A plan repository: the minimal example without its trainings (one warning)."""
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plans" / "cpts"
    plan.mkdir(parents=True)
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    start, end = text.index("  formations:"), text.index("  exercices:")
    (plan / "plan.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    return tmp_path


def validate(repo: Path, *extra: str) -> tuple[int, list[dict], str]:
    result = run_cli(
        "validate", repo / "plans" / "cpts", "--format", "json", "--date", DATE, *extra
    )
    if result.exit_code == 3:
        return 3, [], result.stderr
    (report,) = json.loads(result.stdout)["plans"]
    return result.exit_code, report["problems"], result.stderr


def configure(repo: Path, text: str, name: str = ".cptsplan.yaml") -> Path:
    path = repo / name
    path.write_text(text, encoding="utf-8")
    return path


def test_without_configuration_the_warning_does_not_fail(repo: Path) -> None:
    code, problems, _ = validate(repo)
    assert code == 0
    assert [(p["rule"], p["severity"]) for p in problems] == [("formations", "warning")]


def test_strict_option_fails_on_a_warning(repo: Path) -> None:
    assert validate(repo, "--strict")[0] == 1


def test_strict_in_the_configuration_fails_on_a_warning(repo: Path) -> None:
    configure(repo, "strict: true\n")
    assert validate(repo)[0] == 1


def test_a_rule_can_be_turned_off(repo: Path) -> None:
    configure(repo, "regles:\n  formations: false\n")
    assert validate(repo)[:2] == (0, [])


def test_yaml_off_also_turns_a_rule_off(repo: Path) -> None:
    configure(repo, "regles:\n  formations: off\n")
    assert validate(repo)[:2] == (0, [])


@pytest.mark.parametrize(
    ("setting", "severity"),
    [("error", "error"), ("erreur", "error"), ("info", "info"), ("{severite: error}", "error")],
)
def test_a_rule_can_change_severity(repo: Path, setting: str, severity: str) -> None:
    configure(repo, f"regles:\n  formations: {setting}\n")
    code, problems, _ = validate(repo)
    assert [p["severity"] for p in problems] == [severity]
    assert code == (1 if severity == "error" else 0)


def test_configuration_is_found_by_walking_up_but_not_above_git(repo: Path) -> None:
    plan = repo / "plans" / "cpts"
    assert find_config(plan) is None
    path = configure(repo, "strict: true\n")
    assert find_config(plan) == path
    assert find_config(plan / "plan.yaml") == path
    (repo / "plans" / ".git").mkdir()  # a repository nested below the configuration
    assert find_config(plan) is None


def test_explicit_config_option_wins(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    configure(repo, "strict: true\n")
    other = tmp_path_factory.mktemp("ailleurs") / "regional.yaml"
    other.write_text("regles:\n  formations: false\n", encoding="utf-8")
    assert validate(repo, "--config", str(other))[:2] == (0, [])


def test_regional_requirements_are_checked(repo: Path) -> None:
    configure(
        repo,
        "exigences:\n"
        "  annuaire:\n"
        "    categories: [sdis]\n"
        "    entrees:\n"
        "      - libelle: Centre antipoison\n"
        "        texte: antipoison\n"
        "  sections:\n"
        "    - chemin: anticiper.ressources.lieux\n"
        "      libelle: Lieux mobilisables (guide régional)\n",
    )
    code, problems, _ = validate(repo)
    assert code == 1
    messages = {p["rule"]: [] for p in problems}
    for p in problems:
        messages[p["rule"]].append(p["message"])
    assert len(messages["exigence-regionale-annuaire"]) == 2
    assert "SDIS" in messages["exigence-regionale-annuaire"][0]
    assert "Centre antipoison" in messages["exigence-regionale-annuaire"][1]
    assert "Lieux mobilisables" in messages["exigence-regionale-section"][0]


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("strict: true\nregle:\n  formations: false\n", ":2:1", "vouliez-vous dire « regles »"),
        ("regles:\n  formation: false\n", ":2:3", "vouliez-vous dire « formations »"),
        ("regles:\n  formations: grave\n", ":2:15", "valeurs possibles"),
        ("strict: peut-etre\n", ":1:9", "on attend true ou false"),
        ("regles:\n  formations: {severite: error, actif: false}\n", ":2:33", "« actif »"),
        ("exigences:\n  annuaire:\n    categories: [pompiers]\n", ":3:18", "sdis"),
        ("exigences:\n  sections:\n    - libelle: x\n", ":3:7", "« chemin » manque"),
        ("strict: [true\n", ":2:1", "configuration illisible"),
    ],
)
def test_mistakes_are_configuration_errors_with_their_position(
    repo: Path, text: str, position: str, words: str
) -> None:
    path = configure(repo, text)
    code, _, stderr = validate(repo)
    assert code == 3
    assert f"{path}{position}" in stderr, stderr
    assert words in stderr
    assert "Traceback" not in stderr


def test_several_mistakes_are_one_readable_error_line(repo: Path) -> None:
    """Each problem at its position, on the one « erreur : » line: joined by newlines, they
    printed as a literal « \\n » (the error printer never lets a message start a new line)."""
    path = configure(repo, "sortie: 3\nregle:\n  formations: false\n")
    code, _, stderr = validate(repo)
    assert code == 3
    first = stderr.splitlines()[0]
    assert first.startswith("erreur : configuration non valide : ")
    assert f"{path}:1:1" in first and f"{path}:2:1" in first
    assert "\\n" not in stderr


def test_load_config_raises_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / ".cptsplan.yaml"
    path.write_text("inconnu: 1\n", encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_config(path)
    assert caught.value.exit_code == 3


def test_one_broken_configuration_stops_before_any_output(repo: Path) -> None:
    configure(repo, "regles:\n  formation: false\n")
    result = run_cli("validate", repo / "plans", "--date", DATE)
    assert result.exit_code == 3
    assert result.stdout == ""


def test_config_schema_categories_follow_the_base_schema() -> None:
    entry = base_schema()["$defs"]["entree_annuaire"]["properties"]["categorie"]["enum"]
    assert config_schema()["$defs"]["categorie"]["enum"] == entry


def test_config_schema_has_french_titles() -> None:
    schema = config_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] and all("title" in value for value in schema["properties"].values())


def test_the_init_configuration_is_valid(tmp_path: Path) -> None:
    from cptsplan.repository.skeleton import skeleton_files

    path = tmp_path / ".cptsplan.yaml"
    path.write_text(skeleton_files()[".cptsplan.yaml"], encoding="utf-8")
    assert load_config(path).strict is False


def test_complete_example_passes_with_a_regional_configuration(tmp_path: Path) -> None:
    from .conftest import COMPLETE_EXAMPLE

    shutil.copytree(COMPLETE_EXAMPLE, tmp_path / "plan")
    configure(tmp_path, "strict: true\nexigences:\n  annuaire:\n    categories: [sdis]\n")
    result = run_cli("validate", tmp_path / "plan", "--date", DATE)
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize("kind", ["parent", "absolute", "symlink"])
def test_the_configured_plan_folder_must_lie_inside_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """`validate` without a path (the pre-commit hook, the CI) reads the `plan:` folder of the
    repository's configuration: one outside the repository would print its lines in the log."""
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "jeton.yaml").write_text("jeton: SECRET-123\n  : [\n", encoding="utf-8")
    repository = tmp_path / "depot"
    (repository / ".git").mkdir(parents=True)
    shutil.copytree(MINIMAL_EXAMPLE, repository / "plan")
    named = {"parent": "../ailleurs", "absolute": str(elsewhere), "symlink": "lien"}[kind]
    if kind == "symlink":
        (repository / "lien").symlink_to(elsewhere, target_is_directory=True)
    configure(repository, f"plan: '{named}'\n")
    monkeypatch.chdir(repository)
    result = run_cli("validate")
    assert result.exit_code == 3
    assert "la clé « plan »" in result.stderr and "hors du dépôt" in result.stderr
    assert "SECRET" not in result.stdout + result.stderr
    # A folder inside the repository, even through a link that stays inside, is read.
    configure(repository, "plan: ./sous/../plan\n")
    assert run_cli("validate", "--bloquant", "structure").exit_code == 0
