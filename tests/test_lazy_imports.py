"""A command imports only what it uses (issue 20), and the shortcuts that spare an import
give the very results of the library they replace."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import phonenumbers
import pytest

from cptsplan.annuaire.common import international
from cptsplan.privacy import phones
from tests.conftest import COMPLETE_EXAMPLE, example_repository

PROBE = """
import sys
from cptsplan.cli import main
sys.argv = ["cptsplan", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("MODULES", " ".join(sorted(sys.modules)))
"""


QUICK_PROBE = """
import builtins, sys
compiled = []
_compile = builtins.compile
def counting(source, *args, **kwargs):
    if isinstance(source, str):  # not a module's source (bytes), read when no .pyc is written
        compiled.append(source)
    return _compile(source, *args, **kwargs)
builtins.compile = counting
from cptsplan.cli.quick import quick_command
command = quick_command(sys.argv[1:])
assert command is not None, "not a quick command line"
try:
    command()
except SystemExit:
    pass
print("MODULES", " ".join(sorted(sys.modules)))
phones = sys.modules.get("cptsplan.privacy.phones")  # update reads no phone number
safetext = sys.modules.get("cptsplan.privacy.safetext")
lazy = phones._compiled.cache_info().currsize if phones is not None else 0
if safetext is not None:
    lazy += safetext.xml_forbidden.cache_info().currsize
    lazy += safetext._unsafe.cache_info().currsize
print("LAZY", lazy)
print("COMPILED", len(compiled))
patient = sys.modules.get("cptsplan.privacy.patient")  # its patterns: compiled by the rules
rule_patterns = (
    patient.nir_pattern.cache_info().currsize + patient.identity_patterns.cache_info().currsize
    if patient is not None else 0
)
print("RULE_PATTERNS", rule_patterns)
"""
"""The path `cptsplan validate` (or `update`) really takes (cli.run, without its os._exit)."""


def imported(*args: str) -> set[str]:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    line = next(line for line in completed.stdout.splitlines() if line.startswith("MODULES"))
    return set(line.split()[1:])


def test_validate_of_the_complete_example_imports_neither_phonenumbers_nor_jinja() -> None:
    """The example's numbers are written in national form: read without libphonenumber."""
    modules = imported("validate", str(COMPLETE_EXAMPLE), "--date", "2026-11-23")
    assert "cptsplan.api" in modules  # the probe did run the command
    assert "phonenumbers" not in modules
    assert "jinja2" not in modules
    assert "rfc3986_validator" not in modules


def test_a_quick_validate_of_a_valid_plan_compiles_no_lazy_pattern_nor_text() -> None:
    """The lenient phone patterns and XML_FORBIDDEN serve documents only, `copy` a plan with
    schema errors only (partial.py): at import they cost every validate about 1.5 ms, and a
    first `compile` 1 ms more (issue 20)."""
    found = _quick_probe("validate", str(COMPLETE_EXAMPLE), "--date", "2026-11-23")
    modules = set(found["MODULES"].split())
    assert "cptsplan.api" in modules
    assert "copy" not in modules
    assert "weakref" not in modules
    assert found["LAZY"] == "0"
    # No text compiled (a NamedTuple class body's field types, under `from __future__ import
    # annotations`): a process's first `compile` costs about 1 ms.
    assert found["COMPILED"] == "0"


def test_update_compiles_none_of_the_patterns_of_the_rules_it_does_not_run(
    tmp_path: Path,
) -> None:
    """`update` reads the rules' configuration but runs no rule: no rule family is imported
    (importing them all cost about 8 ms, rules/__init__.py), and the NIR and identity
    patterns, 1.3 ms to compile, wait for a rule that uses them (issue 20)."""
    plan = example_repository(tmp_path)
    found = _quick_probe("update", str(plan), "--date", "2026-11-23")
    modules = found["MODULES"].split()
    assert "cptsplan.rules.settings" in modules  # the configuration is read
    families = ("alerte", "annuaire", "cellule", "donnees", "document", "redaction")
    assert not [name for name in families if f"cptsplan.rules.{name}" in modules]
    assert "cptsplan.rules.registry" not in modules
    assert found["RULE_PATTERNS"] == "0"


def _quick_probe(*args: str) -> dict[str, str]:
    completed = subprocess.run(
        [sys.executable, "-c", QUICK_PROBE, *args], capture_output=True, text=True, check=False
    )
    return dict(line.split(" ", 1) for line in completed.stdout.splitlines() if " " in line)


def _numbers() -> list[str]:
    rng = random.Random(20)
    found = ["06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78", "01 23 45 67 89",
             "09 70 00 00 00", "0800 00 00 00", "0262 12 34 56", "0590123456", " 07 00 00 00 01 ",
             "03 20 12 34 56", "0102030405"]  # fmt: skip
    for _ in range(300):
        digits = "0" + str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        separator = rng.choice(["", " ", ".", "-"])
        found.append(separator.join(digits[i : i + 2] for i in range(0, 10, 2)))
    return found


@pytest.mark.parametrize("written", _numbers())
def test_national_numbers_read_without_phonenumbers_as_phonenumbers_reads_them(
    written: str,
) -> None:
    fast = phones.parse_number(written)
    assert isinstance(fast, phones.FrenchNumber)
    slow = phonenumbers.parse(written, "FR")
    assert phonenumbers.is_possible_number(slow)
    assert phones.e164(fast) == phones.e164(slow)
    assert phones.is_french_mobile(fast) == phones.is_french_mobile(slow)
    assert phones.full(fast) == slow
    national = phonenumbers.format_number(slow, phonenumbers.PhoneNumberFormat.NATIONAL)
    assert phones.printed_number(written) == national.replace(" ", phones.NO_BREAK_SPACE)
    assert international(written) == phonenumbers.format_number(
        slow, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


def test_uris_accepted_without_the_validator_are_those_it_accepts() -> None:
    """Random texts from the characters that matter in a URI (and some that may not be in
    one): every one the shortcut accepts, rfc3986-validator accepts too."""
    from rfc3986_validator import validate_rfc3986

    from cptsplan.schema.formats import SIMPLE_URI

    rng = random.Random(3986)
    alphabet = "abcXYZ019._~!$&'()*+,;=:@-/?#%[] \"<>\\^`{|}\n"
    accepted = 0
    for _ in range(50_000):
        start = rng.choice(["http://", "https://", "a+b.c://", "h:", "mailto:", "1a://"])
        text = start + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        if SIMPLE_URI.fullmatch(text):
            accepted += 1
            assert validate_rfc3986(text, "URI"), text
    assert accepted > 1_000
    for address in ("https://www.ars.sante.fr/plan-blanc?annee=2026#page-2", "http://a:8080/"):
        assert SIMPLE_URI.fullmatch(address)


def test_render_of_the_complete_example_does_not_import_phonenumbers(tmp_path: Path) -> None:
    """Its numbers are French, written in national form: printed without libphonenumber."""
    output = tmp_path / "plan.md"
    modules = imported(
        "render", str(COMPLETE_EXAMPLE), "-f", "md", "-o", str(output), "--date", "2026-11-23"
    )
    assert output.is_file()
    assert "phonenumbers" not in modules


@pytest.mark.parametrize(
    ("fmt", "absent"),
    [
        # A DOCX, an HTML or a Markdown needs neither the Typst writer nor the names rule;
        # conversions run in plain threads, without a thread pool (processes.side_by_side).
        # The example's own edition (interne) needs no redaction, a whole plan not the
        # directory's helpers of an annex alone, bundled templates no time limit (ctypes).
        (
            "docx",
            [
                "cptsplan.render.pdf",
                "cptsplan.render.names",
                "typst",
                "concurrent.futures",
                "cptsplan.privacy.redact",
                "cptsplan.annuaire.common",
                "ctypes",
                "importlib.resources",
            ],
        ),
        ("md", ["cptsplan.render.pdf", "cptsplan.render.names", "cptsplan.render.docx"]),
        # A PDF needs neither the DOCX's running texts nor the print layout of the annexes.
        ("pdf", ["cptsplan.render.docx", "cptsplan.render.annexes_docx"]),
    ],
)
def test_render_imports_only_the_code_of_the_formats_asked(
    tmp_path: Path, fmt: str, absent: list[str]
) -> None:
    output = tmp_path / f"plan.{fmt}"
    modules = imported(
        "render", str(COMPLETE_EXAMPLE), "-f", fmt, "-o", str(output), "--date", "2026-11-23"
    )
    assert output.is_file() and output.stat().st_size > 1000
    assert "cptsplan.render.document" in modules  # the probe did run the command
    assert [name for name in absent if name in modules] == []


def test_an_annex_alone_still_gets_its_print_layout(tmp_path: Path) -> None:
    output = tmp_path / "fiches.docx"
    modules = imported(
        "render", str(COMPLETE_EXAMPLE), "--annexe", "fiches", "-f", "docx", "-o", str(output),
        "--date", "2026-11-23",
    )  # fmt: skip
    assert output.is_file()
    assert "cptsplan.render.annexes_docx" in modules
