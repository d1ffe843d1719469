"""No plan data can forge a CI annotation, act on a terminal or corrupt an output file.

The hostile plan below puts newlines, workflow commands, ESC/BEL sequences, a
right-to-left override and non-characters into the CPTS name, a reference and the plan's
own folder name; every reporter, the CLI error printer and the DOCX writer must keep them
as inert, visible text."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

import pytest

from cptsplan import api
from cptsplan.render import RenderOptions, render_plan

from .conftest import MINIMAL_EXAMPLE, run_cli
from .test_render_support import REFERENCE_DATE, docx_document, docx_texts, docx_xml

FORGED = "\\n::error file=forged.yaml,line=1::FORGE ##[error]FORGE \\e]0;titre\\a \\e[2J \\u202e"
FOLDER_NAME = "plan\n::error file=dossier.yaml::FORGE\x1b[2J\x07"
# Raw controls a terminal acts upon (newlines are the printers' own, checked line by line).
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
ANNOTATION = re.compile(r"::(error|warning|notice) file=[^\n]*::")
FORMATS = ("text", "resume", "github", "junit", "json", "sarif")


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / FOLDER_NAME
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    source = folder / "plan.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace("  nom: CPTS du Plateau de Vèze", f'  nom: "CPTS du Plateau{FORGED}"', 1)
    # An unknown reference: its value is quoted in the message, with the same payload.
    text = text.replace("    - personne: dr-faure", f'    - personne: "dr-faure{FORGED}"', 1)
    source.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reports(hostile_plan: Path) -> dict[str, str]:
    found = {}
    for fmt in FORMATS:
        result = run_cli("validate", hostile_plan, "--format", fmt, "--date", REFERENCE_DATE)
        assert result.exit_code == 1, result.stdout + result.stderr
        found[fmt] = result.stdout
    return found


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_raw_control_character_is_printed(reports: dict[str, str], fmt: str) -> None:
    assert "FORGE" in reports[fmt]
    assert not RAW_CONTROL.search(reports[fmt])


@pytest.mark.parametrize("fmt", ["text", "resume", "github"])
def test_no_line_is_a_forged_workflow_command(reports: dict[str, str], fmt: str) -> None:
    problems = sum(len(plan["problems"]) for plan in json.loads(reports["json"])["plans"])
    commands = [line for line in reports[fmt].splitlines() if line.lstrip().startswith("::")]
    if fmt == "github":
        assert len(commands) == problems
        assert all(ANNOTATION.match(line) for line in commands)
        # The payload stays inside the message of a real annotation: no forged file name.
        assert not [line for line in commands if re.match(r"::\w+ file=(forged|dossier)", line)]
    else:
        assert commands == []
    others = [line for line in reports[fmt].splitlines() if line not in commands]
    assert not [line for line in others if "##[" in line]


def test_the_escapes_stay_readable(reports: dict[str, str]) -> None:
    # The folder name: whatever the loader thinks of the values, it cannot change that.
    assert "plan\\n::error file=dossier.yaml::FORGE\\x1b[2J\\x07" in reports["text"]


def test_junit_stays_valid_xml(reports: dict[str, str]) -> None:
    root = ET.fromstring(reports["junit"])
    assert root.tag == "testsuites" and "FORGE" in ET.tostring(root, "unicode")


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_reports_keep_the_exact_values(reports: dict[str, str], fmt: str) -> None:
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(reports[fmt]))
    expected = FOLDER_NAME if fmt == "json" else quote(FOLDER_NAME)  # SARIF: URIs
    assert any(expected in text for text in strings)


def test_the_error_printer_escapes_controls() -> None:
    result = run_cli("validate", "absent\x1b[2J\n::error file=x::FORGE\x07")
    assert result.exit_code == 2
    assert not RAW_CONTROL.search(result.stderr)
    assert not [line for line in result.stderr.splitlines() if line.lstrip().startswith("::")]
    assert "absent\\x1b[2J\\n::error" in result.stderr


def test_control_characters_and_non_characters_never_corrupt_a_docx(tmp_path: Path) -> None:
    """The writers are safe on their own: the plan's data is changed after loading (the
    loader may refuse such characters; the documents must not depend on it)."""
    report = api.load_checked_plan(MINIMAL_EXAMPLE, today=date.fromisoformat(REFERENCE_DATE))
    assert report.plan is not None
    data = report.plan.data
    data["cpts"]["nom"] = "CPTS du\x01 Plateau\x1b de Vèze\udcff"
    data["cpts"]["sigle"] = "CP\x02TS"
    data["document"]["titre"] = "Plan\x0b SSE\ufffe"
    response = next(r for r in data["adapter"]["reponses"] if "EPI-CLIM" in r["titre"])
    response["titre"] = "Épidémies\ufffe saisonnières\x0b (EPI-CLIM)\ud800"
    out = tmp_path / "out"
    options = RenderOptions(formats=("docx", "html", "pdf"), edition="interne", output=out)
    render_plan(report.plan, MINIMAL_EXAMPLE, options)
    document = docx_document(out.with_suffix(".docx"))  # lxml refuses a corrupt part
    assert document.paragraphs
    texts = docx_texts(out.with_suffix(".docx"))
    assert any("CPTS du Plateau de Vèze" in t for t in texts)
    assert any(t.startswith("CPTS · Plan SSE") for t in texts)  # running header, sigle
    assert any("Épidémies saisonnières (EPI-CLIM)" in t for t in texts)  # a heading
    xml = docx_xml(out.with_suffix(".docx"))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", xml)
    page = out.with_suffix(".html").read_text(encoding="utf-8")
    assert "CPTS du Plateau de Vèze" in page and "<title>Plan SSE" in page
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
