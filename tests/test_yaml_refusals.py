"""What has no place in a plan is refused on reading, in French, with its position, and never
with a traceback: explicit YAML tags, control characters, and files too big to be a plan."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from cptsplan.load.loader import load_file
from cptsplan.load.yaml_limits import MAX_ITEMS, MAX_KEYS, MAX_VALUES

from .conftest import run_cli

TAGS = ["!!int abc", "!!float abc", "!!bool x", '!!int ""', "!!int 12", "!!timestamp 2026-01-01",
        "!!binary aGVsbG8=", "!truc x", "!!python/object:os.system x", "!!set {a: null}",
        "!!omap [a: 1]", "!!map {a: 1}", "!!str texte", "!!seq [1]"]  # fmt: skip


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return load_file(path, "plan.yaml")


@pytest.mark.parametrize("value", TAGS)
def test_explicit_tags_are_refused_where_they_are(tmp_path: Path, value: str) -> None:
    loaded = load_text(tmp_path, f"cpts:\n  nom: CPTS\n  population: {value}\n")
    [problem] = loaded.problems
    assert problem.rule == "yaml-type-non-supporte"
    assert (problem.location.line, problem.location.col) == (3, 15)
    assert "étiquette YAML non acceptée : " + value.split()[0] in problem.message
    assert loaded.data is None  # the file counts as unread: nothing else is said about it


def test_tagged_keys_are_refused_too(tmp_path: Path) -> None:
    """Even `!!str`, which changes nothing: quotes say « text » to every reader."""
    problems = load_text(tmp_path, "cpts:\n  !!str nom: CPTS\n  ? !!int 5\n  : x\n").problems
    assert [(p.rule, p.location.line) for p in problems] == [
        ("yaml-type-non-supporte", 2),
        ("yaml-type-non-supporte", 3),
    ]


@pytest.mark.parametrize("value", ["!!int abc", "!!float abc", "!!bool x", '!!int ""'])
def test_tags_in_the_plan_are_an_error_not_a_traceback(tmp_path: Path, value: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"version_format: 1\nextra: {value}\n", encoding="utf-8")
    result = run_cli("validate", "--format", "json", plan)
    assert result.exit_code == 1
    problems = [p for doc in json.loads(result.stdout)["plans"] for p in doc["problems"]]
    assert [p["rule"] for p in problems] == ["yaml-type-non-supporte"]


@pytest.mark.parametrize("value", ["!!int abc", "!!float abc", "!!bool x", '!!int ""'])
def test_tags_in_the_configuration_are_a_configuration_error(tmp_path: Path, value: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".cptsplan.yaml").write_text(f"strict: {value}\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("version_format: 1\n", encoding="utf-8")
    result = run_cli("validate", plan)
    assert result.exit_code == 3
    assert "étiquette YAML non acceptée" in result.stderr + result.stdout
    assert ".cptsplan.yaml:1:9" in result.stderr + result.stdout


def test_yes_words_in_the_configuration_still_mean_yes(tmp_path: Path) -> None:
    from cptsplan.config.repository_config import load_config

    path = tmp_path / ".cptsplan.yaml"
    path.write_text("strict: oui\nregles:\n  formations: off\n", encoding="utf-8")
    config = load_config(path)
    assert config.strict is True and config.enabled("formations") is False


FORBIDDEN = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),
             0xFFFE, 0xFFFF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF]  # fmt: skip


@pytest.mark.parametrize("where", ["value", "key"])
def test_control_characters_from_escapes_are_refused_with_their_position(
    tmp_path: Path, where: str
) -> None:
    """Property: every forbidden code point written as an escape, in a key or a value."""
    for code in FORBIDDEN:
        escape = f"\\u{code:04X}"
        value = where == "value"
        text = f'cpts:\n  nom: "CPTS{escape}"\n' if value else f'cpts:\n  "n{escape}": x\n'
        loaded = load_text(tmp_path, text)
        assert [p.rule for p in loaded.problems] == ["yaml-caractere-interdit"], hex(code)
        problem = loaded.problems[0]
        expected = (2, 8) if value else (2, 3)
        assert (problem.location.line, problem.location.col) == expected, hex(code)
        assert f"U+{code:04X}" in problem.message
        assert loaded.data is None


def test_raw_control_characters_are_refused_at_their_place(tmp_path: Path) -> None:
    for char in ["\x1b", "\x07", "\x85", "\ufffe", "\x7f"]:
        [problem] = load_text(tmp_path, f"cpts:\n  nom: CPTS {char}x\n").problems
        assert problem.rule == "yaml-caractere-interdit"
        assert (problem.location.line, problem.location.col) == (2, 13)


def test_ordinary_escapes_stay_accepted(tmp_path: Path) -> None:
    loaded = load_text(tmp_path, 'cpts:\n  nom: "a\\tb\\nc \\u00e9 \\U0001F600"\n')
    assert loaded.problems == [] and loaded.data == {"cpts": {"nom": "a\tb\nc é \U0001f600"}}


MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(done.returncode, peak)
print(done.stdout + done.stderr)
"""


def run_measured(path: Path) -> tuple[int, float, str]:
    """Exit code and peak memory (MB) of `cptsplan validate` in a fresh process
    (measured by a parent of its own, so that no other child of the test run counts)."""
    command = [sys.executable, "-m", "cptsplan", "validate", "--date", "2026-11-01", str(path)]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, timeout=120
    )
    first, _, output = done.stdout.partition("\n")
    code, peak = first.split()
    return int(code), float(peak), output


HOSTILE = {
    "liste-en-ligne.yaml": lambda: "liste: [" + "1," * (2_600_000) + "1]\n",
    "cent-mille-cles.yaml": lambda: "cles:\n" + "".join(f"  k{i}: {i}\n" for i in range(100_000)),
    "longue-liste.yaml": lambda: "l:\n" + "- x\n" * 1_000_000,
    "valeurs-imbriquees.yaml": lambda: (
        "a:\n" + "".join(f"  k{i}: [{', '.join(['1'] * 999)}]\n" for i in range(200))
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_big_inputs_under_the_size_limit_are_answered_fast(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(HOSTILE[name](), encoding="utf-8")
    assert path.stat().st_size <= 5 * 1024 * 1024
    code, peak, output = run_measured(path)
    assert code == 1 and "Traceback" not in output
    assert "yaml-trop-de-valeurs" in output
    # Refused while counting, before anything is built: the peak memory says so (time,
    # which a busy machine stretches, is measured in benchmarks/).
    assert peak < 500, peak


def test_the_limits_are_far_above_a_real_plan() -> None:
    """The complete example: about 6,000 values, 53 items in its longest list."""
    assert (MAX_VALUES, MAX_ITEMS, MAX_KEYS) >= (15 * 6_000, 50 * 53, 30 * 15)


PIECES = [
    "!!int ",
    "!!bool ",
    '"\\ud800"',
    '"\\e"',
    "\u00a0",
    "“",
    " #x",
    "9" * 40,
    "0x" + "f" * 40,
    "1:30",
    "010",
    "yes",
    "oui",
    "~",
    "&a ",
    "*a",
    "<<: ",
    "? ",
    "- ",
    "[",
    "{",
    "'",
    '"',
    "\t",
    "\n",
    "!truc ",
    "! ",
    "---\n",
    "%YAML 1.1\n",
    "\\",
    ": ",
    "",
]


def test_careless_edits_of_the_example_never_crash_the_reading(tmp_path: Path) -> None:
    """Property: random insertions into a real plan file give problems, not exceptions, and
    every problem has a position inside the file."""
    from cptsplan.load.source import load_plan
    from cptsplan.schema_check.format_check import format_problems

    from .conftest import COMPLETE_EXAMPLE

    original = (COMPLETE_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    rng = random.Random(8)
    path = tmp_path / "plan.yaml"
    for _ in range(60):
        text = original
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(PIECES) + text[at:]
        path.write_text(text, encoding="utf-8")
        source = load_plan(path, "plan.yaml")
        problems = source.problems + format_problems(source).problems
        lines = text.count("\n") + 1
        assert all(1 <= p.location.line <= lines for p in problems), text
