"""Unquoted values: what the coordinator typed is what the plan holds and the document prints,
typed by the field (YAML 1.2 and the schema), never by YAML 1.1 guesses."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from cptsplan.load.scalars import read_plain
from cptsplan.load.source import load_plan

from .conftest import COMPLETE_EXAMPLE, run_cli

HEADER = "version_format: 1\n"


def plan_with(tmp_path: Path, body: str):
    path = tmp_path / "plan.yaml"
    path.write_text(HEADER + body, encoding="utf-8")
    return load_plan(path, "plan.yaml")


def number_like_texts(count: int) -> list[str]:
    """Texts a coordinator may type that YAML 1.1 or 1.2 would read as numbers."""
    rng = random.Random(8)
    fixed = ["010", "007", "1.10", "1:30", "12:05:00", "1e3", "0x1F", "0o17", "+5", "-0",
             "1_000", "2.50", ".5", "5.", "00", "0612345678", "1.0", "3.14159", "500"]  # fmt: skip
    digits = "0123456789"
    made = set(fixed)
    while len(made) < count:
        whole = "".join(rng.choice(digits) for _ in range(rng.randint(1, 6)))
        shape = rng.choice(["{w}", "0{w}", "{w}.{f}", "{w}.{f}0", "{w}:{m}", "{w}e{e}"])
        made.add(
            shape.format(w=whole, f=rng.randint(0, 99), m=f"{rng.randint(0, 59):02d}",
                         e=rng.randint(1, 3))
        )  # fmt: skip
    return sorted(made)


def test_text_or_number_fields_keep_what_was_typed(tmp_path: Path) -> None:
    """Property: in a text-or-number field, every number-looking text prints as typed."""
    texts = number_like_texts(300)
    items = "".join(
        f"      - designation: objet {index}\n        quantite: {text}\n"
        for index, text in enumerate(texts)
    )
    source = plan_with(tmp_path, f"anticiper:\n  ressources:\n    materiel:\n{items}")
    values = [item["quantite"] for item in source.data["anticiper"]["ressources"]["materiel"]]
    assert [str(value) for value in values] == texts
    assert [p for p in source.problems if p.severity.name == "ERROR"] == []
    # a plain number stays a number (rules and sums keep working)
    assert values[texts.index("500")] == 500 and isinstance(values[texts.index("500")], int)


def test_integer_fields_get_integers_and_refuse_what_is_not_one(tmp_path: Path) -> None:
    source = plan_with(
        tmp_path,
        "cpts:\n  population: 010\n  taille_aci: 1:30\n"
        "territoire:\n  communes:\n    - nom: A\n      population: " + "9" * 100_000 + "\n",
    )
    assert source.data["cpts"]["population"] == 10
    assert source.data["cpts"]["taille_aci"] == "1:30"  # not 90: the schema refuses it
    [too_long] = [p for p in source.problems if p.rule == "yaml-nombre-trop-grand"]
    assert (too_long.location.line, too_long.location.col) == (8, 19)
    assert "100000 caractères" in too_long.message


@pytest.mark.parametrize("digits", ["9" * 100_000, "0x" + "f" * 100_000])
def test_huge_numbers_are_a_french_error_not_a_traceback(tmp_path: Path, digits: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(f"cpts:\n  population: {digits}\n", encoding="utf-8")
    result = run_cli("validate", "--format", "json", path)
    assert result.exit_code == 1
    rules = {p["rule"] for plan in json.loads(result.stdout)["plans"] for p in plan["problems"]}
    assert "yaml-nombre-trop-grand" in rules


def test_yes_no_fields_accept_oui_non_and_warn_on_yaml_1_1_words(tmp_path: Path) -> None:
    phones = "".join(
        f'      - numero: "03 00 00 00 0{i}"\n        h24: {word}\n'
        for i, word in enumerate(["oui", "non", "true", "false", "yes", "off"])
    )
    source = plan_with(tmp_path, f"annuaire:\n  - id: a\n    telephones:\n{phones}")
    values = [phone["h24"] for phone in source.data["annuaire"][0]["telephones"]]
    assert values == [True, False, True, False, True, False]
    warnings = [(p.rule, p.location.line, p.severity.name) for p in source.problems]
    assert warnings == [("yaml-oui-non", 14, "WARNING"), ("yaml-oui-non", 16, "WARNING")]
    assert "écrivez « oui »" in (source.problems[0].hint or "")


def test_quoted_oui_and_non_in_a_yes_no_field_are_yes_and_no(tmp_path: Path) -> None:
    """The schema lists « oui » and « non » as the values of a yes/no field, and an editor
    accepts them quoted. Kept as the text "non", a commune without PCS was printed « oui »
    in the territory's table, and a phone « h24: "non" » counted as answered day and night
    for the alert's entry point. A quoted « oui » in a text field stays text."""
    source = plan_with(
        tmp_path,
        'territoire:\n  communes:\n    - nom: A\n      pcs: "non"\n    - nom: B\n'
        "      pcs: 'oui'\n"
        'annuaire:\n  - id: a\n    nom: "oui"\n    telephones:\n'
        '      - numero: "03 00 00 00 01"\n        h24: "non"\n',
    )
    assert [c["pcs"] for c in source.data["territoire"]["communes"]] == [False, True]
    assert source.data["annuaire"][0]["telephones"][0]["h24"] is False
    assert source.data["annuaire"][0]["nom"] == "oui"
    assert not source.problems


def test_a_quoted_non_is_printed_non_and_counted_as_no(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, folder)
    plan = folder / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("pcs: true") > 1
    plan.write_text(text.replace("pcs: true", 'pcs: "non"'), encoding="utf-8")
    out = tmp_path / "plan.md"
    result = run_cli("render", folder, "-f", "md", "-o", out, "--date", "2026-11-23")
    assert result.exit_code == 0, result.stdout + result.stderr
    rows = [line for line in out.read_text(encoding="utf-8").splitlines() if "| 59" in line]
    last_cells = [line.rstrip(" |").rsplit("|", 1)[-1].strip() for line in rows]
    assert last_cells and not any(cell.startswith("oui") for cell in last_cells), rows


def test_text_fields_keep_the_text_and_say_editors_read_a_number(tmp_path: Path) -> None:
    source = plan_with(
        tmp_path,
        "document:\n  version: 1.10\n  titre: yes\n"
        "annuaire:\n  - id: a\n    telephones:\n      - numero: 0612345678\n",
    )
    assert source.data["document"]["version"] == "1.10"
    assert source.data["document"]["titre"] == "yes"  # YAML 1.1 made it true
    assert source.data["annuaire"][0]["telephones"][0]["numero"] == "0612345678"
    rules = [(p.rule, p.location.line) for p in source.problems]
    assert rules == [("yaml-texte-sans-guillemets", 3), ("yaml-texte-sans-guillemets", 8)]


def test_dates_and_yes_words_in_keys_stay_text(tmp_path: Path) -> None:
    source = plan_with(tmp_path, "document:\n  date_mise_a_jour: 2026-02-30\n")
    assert source.data["document"]["date_mise_a_jour"] == "2026-02-30"


def test_yaml_1_2_reading_when_the_field_is_unknown() -> None:
    """Unknown keys are reported by the schema; their value is what an editor shows."""
    cases = {"010": 10, "1:30": "1:30", "yes": "yes", "true": True, "~": None, "0x10": 16,
             "1.5": 1.5, "2026-01-01": "2026-01-01", "9" * 30: "9" * 30}  # fmt: skip
    assert {text: read_plain(text)[0] for text in cases} == cases


def test_a_comment_cutting_a_value_short_is_a_warning_at_the_hash(tmp_path: Path) -> None:
    source = plan_with(
        tmp_path,
        "anticiper:\n  ressources:\n    lieux:\n"
        "      - nom: Salle #2 de la maison de santé\n"
        "        adresse: 1 rue X  # vérifiée en 2026\n",
    )
    assert source.data["anticiper"]["ressources"]["lieux"][0]["nom"] == "Salle"
    [cut] = source.problems
    assert (cut.rule, cut.severity.name) == ("yaml-commentaire-coupe", "WARNING")
    assert (cut.location.line, cut.location.col) == (5, 20)
    assert "« Salle »" in cut.message and "#2 de la maison de santé" in cut.message
    assert '"Salle #2 de la maison de santé"' in (cut.hint or "")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The complete example with values YAML 1.1 used to change, validated and rendered."""
    folder = tmp_path_factory.mktemp("valeurs") / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, folder)
    path = folder / "anticiper.yaml"
    text = path.read_text(encoding="utf-8")
    changes = [
        ("quantite: 2 400", "quantite: 010"),
        ("quantite: 10 000", "quantite: 1.10"),
        ("quantite: 600 kits", "quantite: 1:30"),
        ("nom: Gymnase Pierre-de-Coubertin", "nom: Gymnase #1 Coubertin"),
    ]
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    annuaire = folder / "annuaire.yaml"
    annuaire.write_text(
        annuaire.read_text(encoding="utf-8").replace("h24: true", "h24: oui"), encoding="utf-8"
    )
    validated = run_cli("validate", "--date", "2026-11-23", folder)
    assert validated.exit_code == 0, validated.stdout
    out = folder.parent / "plan.md"
    result = run_cli("render", folder, "-f", "md", "-o", out, "--date", "2026-11-23")
    assert result.exit_code == 0, result.stdout + result.stderr
    return validated.stdout, out.read_text(encoding="utf-8")


def test_the_document_prints_what_was_typed(rendered: tuple[str, str]) -> None:
    _, markdown = rendered
    rows = {
        cells[1]: cells[2]
        for line in markdown.splitlines()
        if line.startswith("| ") and len(cells := [c.strip() for c in line.split("|")]) > 3
    }
    assert rows["Masques FFP2"] == "010"  # YAML 1.1: 8
    assert rows["Masques chirurgicaux"] == "1.10"  # YAML 1.1: 1.1
    assert rows["Surblouses, charlottes, lunettes de protection"] == "1:30"  # YAML 1.1: 90


def test_oui_in_yes_no_fields_passes_validate(rendered: tuple[str, str]) -> None:
    stdout, _ = rendered
    assert "yaml-oui-non" not in stdout and "valide" in stdout


def test_a_reading_warning_does_not_stop_the_render(rendered: tuple[str, str]) -> None:
    stdout, markdown = rendered
    assert "anticiper.yaml:218:" in stdout and "[yaml-commentaire-coupe]" in stdout
    assert "Gymnase" in markdown


def test_published_schema_accepts_oui_non_for_editors() -> None:
    from cptsplan.schema.publish import published_schema

    text = json.dumps(published_schema(), ensure_ascii=False)
    assert text.count('"enum": ["oui", "non", true, false]') == 2


def yaml_1_2_reader():
    """ruamel.yaml (installed with check-jsonschema) reads YAML 1.2, as editors do."""
    ruamel = pytest.importorskip("ruamel.yaml")
    return ruamel.YAML(typ="safe", pure=True)


def test_unquoted_values_are_read_as_a_yaml_1_2_editor_reads_them() -> None:
    """Property, on every generated text: same reading as a YAML 1.2 parser (leaving out
    ruamel's own extensions to the 1.2 core schema: `1_000`, `0b101`, dates)."""
    reader = yaml_1_2_reader()
    words = ["yes", "no", "on", "off", "y", "n", "true", "True", "FALSE", "~", "null", "oui"]
    texts = [t for t in number_like_texts(300) if "_" not in t] + words
    for text in texts:
        expected = reader.load(f"a: {text}")["a"]
        assert read_plain(text)[0] == expected, text


def test_validate_and_a_yaml_1_2_editor_agree_on_yes_no_fields(tmp_path: Path) -> None:
    """The editor: a YAML 1.2 reading checked against the published schema (what
    `cptsplan schema` gives editors). Where it underlines a value, validate says something."""
    from jsonschema import Draft202012Validator

    from cptsplan.schema.publish import published_schema
    from cptsplan.schema_check.format_check import format_problems

    reader = yaml_1_2_reader()
    editor = Draft202012Validator(published_schema()["$defs"]["telephone"]["properties"]["h24"])
    for word in ["oui", "non", "true", "false", "True", "yes", "no", "on", "off", "Oui", "vrai"]:
        editor_accepts = editor.is_valid(reader.load(f"h24: {word}")["h24"])
        source = plan_with(
            tmp_path,
            "annuaire:\n  - id: a\n    type: organisme\n    nom: SAMU\n    telephones:\n"
            f'      - numero: "03 20 00 00 00"\n        h24: {word}\n',
        )
        found = source.problems + format_problems(source).problems
        said = [p for p in found if p.location.line == 8]
        assert editor_accepts == (not said), (word, [p.message for p in said])


def test_a_comment_after_a_number_or_yes_no_is_not_a_cut_text(tmp_path: Path) -> None:
    source = plan_with(
        tmp_path,
        "cpts:\n  population: 12500 #recensement\n"
        'annuaire:\n  - id: a\n    telephones:\n      - numero: "1"\n        h24: oui #vu\n',
    )
    assert source.problems == []
    assert source.data["cpts"]["population"] == 12500
