"""Property: whatever text a problem carries (file, message, hint, path, plan name, folder),
no reporter prints a raw control character, a forged workflow command or invalid XML/JSON.

Built on report values directly, so that it holds whatever the loader accepts."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from cptsplan.api import CheckResult, PlanReport, PlanTarget
from cptsplan.findings.problems import Location, Problem, Severity
from cptsplan.reporters import REPORTERS, get_reporter

from .conftest import run_cli

PAYLOADS = [
    "\x1b]0;titre de fenêtre\x07",
    "\x1b[2J\x1b[H",
    "\x9b31m",  # C1 CSI
    "ligne\n::error file=faux.yaml,line=1::FORGE",
    "retour\r::warning::FORGE",
    "  ::stop-commands::jeton",
    "##[error]FORGE",
    "\u2028::notice::FORGE\u2029",
    "\x85NEL",
    "\u202egnp.exe",
    "\x00\x08\x7f",
    "\udcff\ud800",
]
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
ANNOTATION = re.compile(r"::(error|warning|notice) file=[^:\n]*,line=\d+,col=\d+,title=[^:\n]*::")


def result_with(payload: str) -> CheckResult:
    display = f"plans/cpts{payload}"
    problems = [
        Problem(
            Location(f"{display}/plan.yaml", 3, 5),
            severity,
            "reference-inconnue",
            f"« {payload} » ne correspond à aucune entrée",
            f"piloter.referents[0].{payload}",
            f"aide {payload}",
        )
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]
    report = PlanReport(
        PlanTarget(Path(display), display),
        problems,
        files=[f"{display}/plan.yaml"],
        completeness=0.5,
        plan_name=f"CPTS {payload}",
    )
    return CheckResult(
        [report, PlanReport(PlanTarget(Path("autre"), "autre"), [])], date(2026, 11, 1)
    )


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_no_reporter_prints_plan_text_raw(fmt: str, payload: str) -> None:
    output = get_reporter(fmt)(result_with(payload))
    output.encode("utf-8")  # printable on a UTF-8 terminal: no lone surrogate
    assert not RAW.search(output)
    lines = output.splitlines()
    commands = [line for line in lines if line.lstrip().startswith("::")]
    if fmt == "github":
        assert len(commands) == 3 and all(ANNOTATION.match(line) for line in commands)
    else:
        assert commands == []
    assert not [line for line in lines if "##[" in line and line not in commands]
    if fmt == "junit":
        ET.fromstring(output)
    if fmt in ("json", "sarif"):  # machine formats keep the exact value, escaped
        assert any(payload in text for text in strings_of(json.loads(output)))


def strings_of(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in strings_of(item)]


def test_a_folder_name_that_is_not_utf8_does_not_break_sarif(tmp_path: Path) -> None:
    folder = os.fsdecode(os.fsencode(tmp_path) + b"/plan-\xff")
    os.mkdir(folder)
    Path(folder, "plan.yaml").write_text("version_format: 1\n", encoding="utf-8")
    for fmt in ("sarif", "text", "json", "junit", "github"):
        result = run_cli("validate", folder, "--format", fmt)
        assert result.exit_code == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
    sarif = json.loads(run_cli("validate", folder, "--format", "sarif").stdout)
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for run in sarif["runs"]
        for outcome in run["results"]
        for location in outcome["locations"]
    }
    assert any("plan-%FF" in uri for uri in uris)
