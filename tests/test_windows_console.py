"""Every command prints on any console encoding (issue 17 §2): Windows writes redirected
output in the ANSI code page (cp1252), its console in the OEM one (cp850), some CI runners in
ASCII. Each case runs the real entry point (`main`, which sets the streams up) on streams
that encode strictly in that code page, as Windows does: before, « ✔ » ended in a
UnicodeEncodeError traceback. Reports for programs (JSON, SARIF, JUnit) stay UTF-8."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cptsplan.cli import main
from cptsplan.cli.console import plain

from .conftest import COMPLETE_EXAMPLE, FIXTURES, run_cli

ENCODINGS = ("cp1252", "cp850", "ascii")
DATE = "2026-11-23"
BROKEN = FIXTURES / "invalid" / "cle-mal-ecrite.yaml"


def run_encoded(
    monkeypatch: pytest.MonkeyPatch, encoding: str, *args: str | Path
) -> tuple[int, bytes, bytes]:
    """`cptsplan ARGS` through `main`, on stdout and stderr that encode like a Windows
    redirect in `encoding` (strict errors: what Python does by default there)."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding=encoding, write_through=True)
    stderr = io.TextIOWrapper(err, encoding=encoding, write_through=True)
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr(sys, "argv", ["cptsplan", *map(str, args)])
    with pytest.raises(SystemExit) as stop:
        main()
    stdout.flush()
    stderr.flush()
    code = stop.value.code
    return (
        (code if isinstance(code, int) else 0 if code is None else 1),
        out.getvalue(),
        err.getvalue(),
    )


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A draft made by `init`: warnings (⚠), « à compléter », guillemets."""
    folder = tmp_path_factory.mktemp("encodage") / "mon-plan"
    run_cli("init", folder, "--nom", "CPTS de l'Étang", "--territoire", "Lac")
    return folder


TEXT_CASES = {
    "valide": (("validate", COMPLETE_EXAMPLE, "--date", DATE), 0, "OK"),
    "avertissements": (("validate", "@skeleton"), 0, "!"),
    "erreurs": (("validate", BROKEN, "--date", DATE), 1, "X "),
    "resume": (("validate", "@skeleton", "-f", "resume"), 0, ""),
    "github": (("validate", BROKEN, "-f", "github", "--date", DATE), 1, "::error"),
    "aide": (("--help",), 0, "Codes de sortie"),
    "aide-validate": (("validate", "--help"), 0, "--format"),
    "aide-render": (("render", "--help"), 0, "--edition"),
    "regles": (("rules",), 0, ""),
    "regle": (("rules", "typologie-sans-reponse"), 0, ""),
    "diff": (("diff", BROKEN, COMPLETE_EXAMPLE / "plan.yaml"), 0, ""),
    "diff-markdown": (("diff", BROKEN, COMPLETE_EXAMPLE / "plan.yaml", "-f", "markdown"), 0, ""),
    "chemin-introuvable": (("validate", "nulle-part-é"), 2, "chemin introuvable"),
    "option-inconnue": (("validate", "--optiön"), 2, ""),
    "format-inconnu": (("validate", BROKEN, "-f", "wörd"), 2, "format de sortie inconnu"),
    "render-refuse": (("render", BROKEN, "-f", "md", "-o", "@tmp/x.md"), 1, "aucun document"),
    "sans-plan": (("render", "@tmp"), 2, "aucun plan dans le dossier"),
    "update": (("update", "@skeleton"), 2, "jamais transmis"),
    "update-essai": (("update", "@skeleton", "--version", "1.0", "--forcer"), 0, "Essai"),
    "init": (("init", "@tmp/depot", "--nom", "CPTS de l'Étang", "--territoire", "Lac"), 0, ""),
    "render": (
        ("render", COMPLETE_EXAMPLE, "-f", "md", "-o", "@tmp/x.md", "--date", DATE),
        0,
        "crit : ",
    ),
    "annuaire-diffusable": (("annuaire", "exporter", "@skeleton", "-e", "diffusable"), 2, ""),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("case", sorted(TEXT_CASES))
def test_every_command_prints_on_a_windows_code_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, skeleton: Path, encoding: str, case: str
) -> None:
    args, expected_code, expected_text = TEXT_CASES[case]
    values = {
        "@skeleton": skeleton,
        "@tmp": tmp_path,
        "@tmp/x.md": tmp_path / "x.md",
        "@tmp/depot": tmp_path / "depot",
    }
    code, out, err = run_encoded(monkeypatch, encoding, *(values.get(str(a), a) for a in args))
    # Click writes ASCII streams in UTF-8 itself; every other byte is the code page's.
    decoding = "utf-8" if encoding == "ascii" else encoding
    text = out.decode(decoding) + err.decode(decoding)
    assert code == expected_code, text
    assert "Traceback" not in text and "UnicodeEncodeError" not in text
    assert expected_text in text


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_the_report_keeps_its_accents_where_the_code_page_has_them(
    monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    code, out, _err = run_encoded(
        monkeypatch, encoding, "validate", COMPLETE_EXAMPLE, "--date", DATE
    )
    assert code == 0
    line = out.decode(encoding).splitlines()[-1]
    if encoding == "ascii":
        assert line.startswith("OK ") and 'plan " CPTS du Val de Lys " valide' in line
        assert "completude 100 %" in line
    else:
        assert line.startswith("OK ") and "« CPTS du Val de Lys »" in line
        assert "complétude 100 %" in line


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_reports_for_programs_stay_utf8(
    monkeypatch: pytest.MonkeyPatch, encoding: str, fmt: str
) -> None:
    code, out, _err = run_encoded(
        monkeypatch, encoding, "validate", BROKEN, "-f", fmt, "--date", DATE
    )
    assert code == 1
    text = out.decode("utf-8")  # strict: every accent written as UTF-8, as declared
    assert "é" in text and "rédaction" in text
    if fmt == "junit":
        assert ET.fromstring(out).tag == "testsuites"
    else:
        json.loads(text)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_schema_and_diff_json_stay_utf8(monkeypatch: pytest.MonkeyPatch, encoding: str) -> None:
    code, out, _err = run_encoded(monkeypatch, encoding, "schema")
    assert code == 0 and "é" in json.dumps(json.loads(out.decode("utf-8")), ensure_ascii=False)
    code, out, _err = run_encoded(
        monkeypatch, encoding, "diff", BROKEN, COMPLETE_EXAMPLE / "plan.yaml", "-f", "json"
    )
    assert code == 0
    json.loads(out.decode("utf-8"))


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_the_installed_command_under_pythonioencoding(encoding: str) -> None:
    """The real process, as `set PYTHONIOENCODING=cp1252` or a redirect sets it."""
    done = subprocess.run(
        [sys.executable, "-m", "cptsplan", "validate", BROKEN, "--date", DATE],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        check=False,
    )
    assert done.returncode == 1
    text = done.stdout.decode(encoding) + done.stderr.decode(encoding)
    assert "Traceback" not in text
    assert "X tests" in text or f"X {BROKEN}" in text


def test_plain_forms_are_what_each_code_page_can_write() -> None:
    assert plain("✔", "cp1252") == "OK" and plain("⚠", "cp850") == "!"
    assert plain("«", "ascii") == '"' and plain("é", "ascii") == "e"
    assert plain("—", "cp850") == "-"
    assert plain("☃", "ascii") == "?"


def test_utf8_streams_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _err = run_encoded(
        monkeypatch, "utf-8", "validate", COMPLETE_EXAMPLE, "--date", DATE
    )
    assert code == 0 and out.decode("utf-8").splitlines()[-1].startswith("✔")
