"""The command line speaks French, the framework's own texts included (help, usage mistakes)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_EXAMPLE, run_cli

COMMANDS = (
    "validate",
    "schema",
    "render",
    "rules",
    "init",
    "diff",
    "update",
    "annuaire",
    "annuaire exporter",
    "annuaire importer",
)
ENGLISH = re.compile(
    r"Usage:|Commands:|Arguments:|Show this message|\[required\]|\[default|"
    r"Error|Try '|Invalid value|Missing|No such|Did you mean|<str>|<int>|<path>|\bTEXT\b|INTEGER"
)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_is_in_french(command: str) -> None:
    result = run_cli(*command.split(), "--help")
    assert result.exit_code == 0
    assert ENGLISH.search(result.stdout) is None, result.stdout
    assert "Utilisation : cptsplan" in result.stdout
    assert "-h, --help" in result.stdout and "Affiche cette aide et quitte." in result.stdout


def test_main_help_lists_the_commands_under_a_french_heading() -> None:
    text = run_cli("--help").stdout
    assert "Commandes :" in text and "COMMANDE [ARGUMENTS]..." in text
    assert "valider (validate)" in text


def test_defaults_and_required_marks_are_in_french() -> None:
    assert "[par défaut : 0 ; au moins 0]" in run_cli("validate", "--help").stdout
    assert "[obligatoire]" in run_cli("render", "--help").stdout
    assert "--date AAAA-MM-JJ" in run_cli("render", "--help").stdout


def test_a_french_command_name_suggests_the_command() -> None:
    result = run_cli("validr")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "erreur : commande inconnue : validr (vouliez-vous dire « validate » ?)",
        "utilisation : cptsplan [OPTIONS] COMMANDE [ARGUMENTS]...",
        "aide : cptsplan --help",
    ]


def test_french_command_names_run_the_command() -> None:
    result = run_cli("valider", MINIMAL_EXAMPLE, "--schema-seulement")
    assert result.exit_code == 0, result.stderr
    assert run_cli("regles").stdout == run_cli("rules").stdout


def test_a_mistyped_french_name_names_the_right_command() -> None:
    result = run_cli("produir")
    assert "vouliez-vous dire « render » ?" in result.stderr


def test_missing_argument() -> None:
    result = run_cli("render")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "erreur : il manque l'argument PLAN",
        "utilisation : cptsplan render [OPTIONS] {PLAN}",
        "aide : cptsplan render --help",
    ]


def test_bad_option_value() -> None:
    result = run_cli("validate", "--jobs", "beaucoup", MINIMAL_EXAMPLE)
    assert result.exit_code == 2
    assert "erreur : valeur refusée pour --jobs : « beaucoup » n'est pas un nombre entier" in (
        result.stderr
    )
    result = run_cli("validate", "--jobs", "-1", MINIMAL_EXAMPLE)
    assert "erreur : valeur refusée pour --jobs : -1 n'est pas accepté : au moins 0" in (
        result.stderr
    )


def test_unknown_option_suggests_the_close_one() -> None:
    result = run_cli("validate", "--fromat", "json")
    assert result.exit_code == 2
    assert "erreur : option inconnue : --fromat (vouliez-vous dire « --format » ?)" in (
        result.stderr
    )


def test_option_without_its_value_and_extra_arguments() -> None:
    assert "erreur : l'option --date attend une valeur" in run_cli("validate", "--date").stderr
    result = run_cli("schema", "en-trop")
    assert result.exit_code == 2
    assert "erreur : argument(s) en trop : en-trop" in result.stderr


def test_no_command_shows_the_french_help() -> None:
    result = run_cli()
    assert result.exit_code == 2
    assert "Utilisation : cptsplan" in result.stderr
    assert ENGLISH.search(result.stderr) is None


def test_validate_without_a_path_checks_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(MINIMAL_EXAMPLE, tmp_path / "plan")
    monkeypatch.chdir(tmp_path / "plan")
    assert run_cli("validate", "--schema-seulement").exit_code == 0
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan" / "plan.yaml").write_text("document: [\n", encoding="utf-8")
    result = run_cli("validate", "--schema-seulement")
    assert result.exit_code == 1
    assert "plan.yaml" in result.stdout


def test_help_headings_follow_french_typography() -> None:
    text = run_cli("render", "--help").stdout
    assert "\nArguments :\n" in text and "\nOptions :\n" in text


def test_init_questions_follow_french_typography(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from cptsplan.cli import app
    from cptsplan.cli import init as cli_init

    monkeypatch.setattr(cli_init, "_interactive", lambda: True)
    result = CliRunner().invoke(app, ["init", str(tmp_path)], input="CPTS du Lac\nBords\n")
    assert result.exit_code == 0, result.output
    assert "Nom de la CPTS : " in result.output and "Territoire couvert : " in result.output


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("valider", "validate"),
        ("vérifier", "validate"),
        ("produire", "render"),
        ("regles", "rules"),
        ("règles", "rules"),
        ("schéma", "schema"),
        ("initialiser", "init"),
        ("comparer", "diff"),
        ("mettre-a-jour", "update"),
        ("importer", "import"),
        ("apercu", "preview"),
    ],
)
def test_each_french_command_name_runs_its_command(french: str, english: str) -> None:
    """The names the README and the main help list: the same command, the same help."""
    typed, original = run_cli(french, "--help"), run_cli(english, "--help")
    assert typed.exit_code == 0
    assert typed.stdout.replace(f"cptsplan {french}", f"cptsplan {english}") == original.stdout
