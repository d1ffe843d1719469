"""A plain `cptsplan validate` (a pre-commit hook, a CI job) runs without typer (cli/quick.py):
the same call, the same output and exit code as through typer, and anything unusual is left
to typer, which reads and explains it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cptsplan.cli import quick
from cptsplan.cli import render as typer_render
from cptsplan.cli import update as typer_update
from cptsplan.cli import validate as typer_validate
from cptsplan.cli.lazy import load_command
from tests.conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, example_repository

DATE = "2026-11-23"


@pytest.mark.parametrize("name", sorted(quick.QUICK_COMMANDS))
def test_the_quick_table_is_exactly_the_options_of_the_typer_command(name: str) -> None:
    """An option added to the command and not here would only be slower (typer reads it);
    one removed there and kept here would be accepted without typer: both tables agree."""
    command = load_command(name)
    table = quick.QUICK_COMMANDS[name]
    typer_options: dict[str, tuple[str, str]] = {}
    defaults: dict[str, object] = {}
    arguments = []
    for parameter in command.params:
        assert parameter.name is not None
        if parameter.param_type_name == "argument":
            arguments.append((parameter.name, int(parameter.required), parameter.nargs))
            continue
        defaults[parameter.name] = parameter.default
        if getattr(parameter, "is_flag", False):
            kind = quick.FLAG
        elif parameter.multiple:
            kind = quick.REPEATED
        else:
            kind = {"int range": quick.COUNT, "path": quick.PATH}.get(
                parameter.type.name, quick.TEXT
            )
        for option in parameter.opts:
            typer_options[option] = (parameter.name, kind)
        for option in parameter.secondary_opts:  # `--dry-run` of `--ecrire/--dry-run`
            typer_options[option] = (parameter.name, quick.FLAG_OFF)
    assert typer_options == table.options
    assert defaults == table.defaults
    # One argument: a single path (nargs 1, required) or any number of them (nargs -1).
    ((argument, required, nargs),) = arguments
    assert table.arguments[:2] == (argument, required)
    assert (table.arguments[2] == 1) == (nargs == 1)


def _typer_call(
    args: list[str], monkeypatch: pytest.MonkeyPatch, runner: Any = None, app: Any = None
) -> tuple[str, dict[str, Any]]:
    """The work function typer's reading of `cptsplan ARGS` calls, and its arguments."""
    from typer.testing import CliRunner

    if app is None:
        from cptsplan.cli import app

    calls: list[tuple[str, dict[str, Any]]] = []

    def recorder(work: str, first: str) -> Any:
        def record(value: object, **options: object) -> None:
            calls.append((work, {first: value, **options}))

        return record

    for module, work, first in (
        (typer_validate, "validation:validate_plans", "paths"),
        (typer_render, "rendering:render_documents", "plan"),
        (typer_update, "updating:start_update", "plan"),
    ):
        function = work.split(":")[1]
        monkeypatch.setattr(module, function, recorder(f"cptsplan.cli.{work}", first))
    result = (runner or CliRunner()).invoke(app, args)
    assert result.exit_code == 0, result.output
    assert len(calls) == 1
    return calls[0]


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "plan"],
        ["valider", "plan", "autre plan"],
        ["Vérifier", "plan"],
        ["validate", "--strict", "plan", "-f", "json", "--date", DATE],
        ["validate", "-f", "sarif", "-f", "junit", "plan"],
        ["validate", "--format", "resume", "--resume", "--schema-seulement", "a", "b", "c"],
        ["validate", "--bloquant", "structure", "--jobs", "3", "plans"],
        ["validate", "-j", "0", "--config", "autre/.cptsplan.yaml", "plans"],
        ["validate", "plans", "--tableau", "relecture.xlsx", "-j", "12"],
        ["validate", "--format", "texte-inconnu", "plan"],  # the command says it, not typer
        ["validate", "--bloquant", "rien", "plan"],
        ["validate", "Mes Documents/plan SSE", "--date", "pas une date"],
        ["render", "plan"],
        ["produire", "plan", "-f", "docx", "-f", "pdf,html", "--edition", "diffusable"],
        ["render", "-o", "sortie/plan.docx", "--brouillon", "plan", "--date", DATE],
        ["render", "plan", "--templates", "gabarits", "--depuis", "v2.0", "-a", "fiches"],
        ["render", "plan", "-e", "interne", "--annexe", "annuaire", "--output", "x"],
        ["render", "plan", "--format", "odt"],  # the command says it, not typer
        ["update", "plan"],
        ["mettre-a-jour", "plan", "--ecrire", "--majeure", "--forcer", "--date", DATE],
        ["update", "--ecrire", "plan", "--dry-run", "--version", "3.0"],
        ["update", "plan", "--version", "2.2", "--majeure"],  # the command says it
    ],
)
def test_both_readings_make_the_same_call(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    call = quick.quick_call(args)
    assert call is not None, "a plain validate must be read without typer"
    assert call == _typer_call(args, monkeypatch)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--version"],
        ["validate", "--help"],
        ["validate", "-h", "plan"],
        ["validate", "--format=json", "plan"],
        ["validate", "-fjson", "plan"],
        ["validate", "--", "-plan-au-tiret"],
        ["validate", "--inconnue", "plan"],
        ["validate", "--jobs", "-1", "plan"],
        ["validate", "--jobs", "deux", "plan"],
        ["validate", "--jobs", "²", "plan"],
        ["validate", "plan", "--format"],
        ["validate", "--format", "--strict", "plan"],
        ["validate", "", "plan"],
        ["validate", "-", "plan"],
        ["validate", "--config", "", "plan"],
        ["render"],
        ["render", "plan", "autre"],
        ["render", "plan", "-f"],
        ["render", "plan", "--format=pdf"],
        ["render", "--help"],
        ["render", "plan", "--inconnue"],
        ["update"],
        ["update", "plan", "--no-ecrire"],
        ["update", "plan", "--version"],
        ["diff", "plan"],
    ],
)
def test_anything_unusual_is_left_to_typer(args: list[str]) -> None:
    assert quick.quick_call(args) is None


def _run(args: list[str], *, through_typer: bool, cwd: Path | None = None) -> tuple[int, str, str]:
    """`cptsplan ARGS` in a fresh process, as the console script runs it (quick when it can),
    or forced through typer (cli.main)."""
    if through_typer:
        code = "import sys; from cptsplan.cli import main; sys.argv[0] = 'cptsplan'; main()"
        command = [sys.executable, "-c", code, *args]
    else:
        command = [sys.executable, "-X", "importtime", "-m", "cptsplan", *args]
    done = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", cwd=cwd, check=False
    )
    errors = done.stderr
    if not through_typer:
        imported = [line for line in errors.splitlines() if line.startswith("import time:")]
        assert imported, "the probe did not run"
        assert not any(line.rstrip().endswith(("| typer", "| click")) for line in imported)
        errors = "\n".join(line for line in errors.splitlines() if line not in imported)
        errors += "\n" if errors else ""
    return done.returncode, done.stdout, errors


@pytest.mark.parametrize(
    "args",
    [
        ["validate", str(COMPLETE_EXAMPLE), "--date", DATE],
        ["valider", str(MINIMAL_EXAMPLE), "-f", "json", "--date", DATE],
        ["validate", str(MINIMAL_EXAMPLE), "--resume", "--date", DATE],
        ["validate", str(MINIMAL_EXAMPLE), "--strict", "-f", "github", "--date", DATE],
        ["validate", "chemin/introuvable"],
        ["validate", str(MINIMAL_EXAMPLE), "-f", "xml"],
        ["validate", str(MINIMAL_EXAMPLE), "--date", "32/13/2026"],
    ],
)
def test_without_typer_the_same_output_and_exit_code(args: list[str]) -> None:
    """What a coordinator or a CI log reads is the same, whichever way the line was read;
    the quick process never imports typer."""
    assert _run(args, through_typer=False) == _run(args, through_typer=True)


def test_a_plan_with_problems_exits_1_the_same_way_without_typer(tmp_path: Path) -> None:
    broken = tmp_path / "plan"
    broken.mkdir()
    (broken / "plan.yaml").write_text("cpts:\n  nom: [\n", encoding="utf-8")
    args = ["validate", str(broken), "-f", "json", "--date", DATE]
    quick_run = _run(args, through_typer=False)
    assert quick_run[0] == 1
    assert quick_run == _run(args, through_typer=True)


def test_a_valid_plan_is_checked_without_dataclasses_nor_inspect() -> None:
    """`dataclasses` and the `inspect` it imports cost about 4 ms of a 90 ms `validate`: the
    classes on its path are records (findings/records.py), the rules' documentation is read
    with `inspect` only when asked (cptsplan rules)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cptsplan", "validate", str(COMPLETE_EXAMPLE),
         "--date", DATE],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "cptsplan.api" in imported
    assert not imported & {"dataclasses", "inspect", "typer", "difflib"}


@pytest.mark.parametrize(
    "options",
    [
        ["-f", "md", "--date", DATE],
        ["-f", "docx", "-e", "diffusable", "--date", DATE],
        ["-f", "odt"],
        ["--edition", "publique"],
    ],
)
def test_render_without_typer_writes_the_same_document_and_says_the_same(
    tmp_path: Path, options: list[str]
) -> None:
    """The coordinator's `cptsplan render` runs without typer: the same lines, exit code and
    document as through typer (the Markdown byte for byte, the DOCX's text)."""
    results = []
    for through_typer in (False, True):
        output = tmp_path / ("typer" if through_typer else "rapide")
        output.mkdir()
        args = ["render", str(COMPLETE_EXAMPLE), "-o", str(output / "plan"), *options]
        code, out, errors = _run(args, through_typer=through_typer)
        written = sorted(output.iterdir())
        texts = [_document_text(path) for path in written]
        results.append((code, out.replace(str(output), "SORTIE"), errors, texts))
    assert results[0] == results[1]
    assert results[0][0] == (0 if "--date" in options else 2)


def _document_text(path: Path) -> tuple[str, str]:
    if path.suffix == ".docx":
        from docx import Document

        return path.name, "\n".join(p.text for p in Document(str(path)).paragraphs)
    return path.name, path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "options",
    [["--date", "2026-12-01"], ["--majeure", "--date", "2026-12-01"], ["--version", "2.1"]],
)
def test_update_without_typer_shows_the_same_changes(tmp_path: Path, options: list[str]) -> None:
    """The dry run of `cptsplan update` prints the same diff and checklist (and the same
    refusal for a version that does not move forward) without typer as through it."""
    plan = example_repository(tmp_path)
    before = {path.name: path.read_bytes() for path in plan.glob("*.yaml")}
    quick_run = _run(["update", str(plan), *options], through_typer=False)
    assert quick_run == _run(["update", str(plan), *options], through_typer=True)
    assert quick_run[0] == (2 if "--version" in options else 0)
    assert "Essai : rien n'est écrit" in quick_run[1] or quick_run[0] == 2
    assert {path.name: path.read_bytes() for path in plan.glob("*.yaml")} == before


@pytest.mark.parametrize(
    "arg", ["plans\\*.yaml", "%USERPROFILE%\\plan", "$HOME/plan", "~\\plan", "PROGRA~1", "plan[1]"]
)
def test_on_windows_a_line_typer_would_expand_is_left_to_typer(arg: str) -> None:
    """On Windows no shell expands wildcards, `~` or variables: typer does it for every
    argument. The quick reading does not, so such a line must go to typer there; elsewhere
    the shell has already done it and the line is read as it is."""
    args = ["validate", arg, "--date", DATE]
    assert quick.quick_call(args, windows=False) is not None
    assert quick.quick_call(args, windows=True) is None
    plain = ["validate", "C:\\Users\\Marie\\plan SSE", "-f", "json"]
    assert quick.quick_call(plain, windows=True) is not None


ENDING_PROBE = """
import sys
import cptsplan.batch.collect as collect
import cptsplan.cli.rendering as rendering
import cptsplan.api as api

what = sys.argv[2]

def ended(*args, **kwargs):
    if what == "ctrl-c":
        raise KeyboardInterrupt
    if what == "eof":
        raise EOFError
    raise BrokenPipeError(32, "Broken pipe")

collect.check_batch = api.load_checked_plan = ended
way, command = sys.argv[1], sys.argv[3:]
sys.argv = ["cptsplan", *command]
if way == "rapide":
    from cptsplan.cli import run
    run()
from cptsplan.cli.application import main
from cptsplan.cli.ending import run_to_the_end
run_to_the_end(main)
"""


@pytest.mark.parametrize(
    ("what", "code", "said"),
    [("ctrl-c", 130, "interrompu\n"), ("eof", 1, "\ninterrompu\n"), ("pipe", 1, "")],
)
@pytest.mark.parametrize(
    "command",
    [
        ["validate", str(MINIMAL_EXAMPLE), "--date", DATE],
        ["render", str(MINIMAL_EXAMPLE), "-f", "md", "-o", "{out}", "--date", DATE],
    ],
)
def test_ctrl_c_end_of_input_and_a_closed_pipe_end_alike_both_ways(
    tmp_path: Path, what: str, code: int, said: str, command: list[str]
) -> None:
    """Review r3: without typer, a closed pipe (`| head`) printed a traceback and the end of
    the input too; through typer, Ctrl+C ended without a word. Both ways now end the same,
    as the process really ends (run_to_the_end), and never with a traceback."""
    args = [a.replace("{out}", str(tmp_path / "plan")) for a in command]
    ends = []
    for way in ("rapide", "typer"):
        done = subprocess.run(
            [sys.executable, "-c", ENDING_PROBE, way, what, *args],
            capture_output=True, text=True, encoding="utf-8", check=False,
        )  # fmt: skip
        ends.append((done.returncode, done.stderr))
    assert ends[0] == ends[1]
    assert ends[0][0] == code
    # render says more on Ctrl+C: « interrompu : aucun document n'a été remplacé ».
    assert ends[0][1].startswith(said.rstrip()) if said else ends[0][1] == ""
    assert not list(tmp_path.iterdir())  # nothing written


FUZZ_VALUES = [
    "plan", "x y", "0", "12", "json", "2026-01-01", "é", "a=b", "--", "-", "", "/abs",
    "C:\\x", " 3", "3 ", "00", "+1", "\u00a0", "plan\n", "valider", "-h",
]  # fmt: skip


def test_random_command_lines_read_quickly_make_the_call_typer_makes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Review r3's fuzzing, kept: 600 random command lines made of each command's options
    (taken from the typer command itself) and odd values; every one the quick reading
    accepts gives the work function what typer gives it."""
    import random

    from typer.testing import CliRunner

    from cptsplan.cli import app

    options = {
        name: [o for p in load_command(name).params for o in (*p.opts, *p.secondary_opts)
               if o.startswith("-")]
        for name in quick.QUICK_COMMANDS
    }  # fmt: skip
    aliases = {"validate": ["validate", "VÉRIFIER"], "render": ["produire"], "update": ["update"]}
    random_lines = random.Random(25)
    runner = CliRunner()
    read = 0
    for _ in range(600):
        command = random_lines.choice(sorted(options))
        args = [random_lines.choice(aliases[command])]
        for _ in range(random_lines.randint(0, 6)):
            args.append(random_lines.choice(options[command] + FUZZ_VALUES))
        found = quick.quick_call(args)
        if found is None:
            continue
        read += 1
        assert _typer_call(args, monkeypatch, runner=runner, app=app) == found, args
    assert read > 100  # the quick reading was really exercised


def test_update_ecrire_writes_the_same_files_both_ways(tmp_path: Path) -> None:
    """`update --ecrire` (review r3: only the dry run was compared): the same new version
    written, the same lines said, the same code, without typer as through it."""
    results = []
    for way in ("rapide", "typer"):
        plan = example_repository(tmp_path / way)
        code, out, errors = _run(
            ["update", str(plan), "--ecrire", "--date", "2026-12-01"], through_typer=way == "typer"
        )
        written = {path.name: path.read_text(encoding="utf-8") for path in plan.glob("*.yaml")}
        results.append((code, out.replace(str(plan), "PLAN"), errors, written))
    assert results[0] == results[1]
    assert results[0][0] == 0
    assert "Version 2.2 commencée" in results[0][1]


@pytest.mark.parametrize("options", [[], ["--brouillon"]])
def test_render_of_a_plan_with_problems_says_the_same_both_ways(
    tmp_path: Path, options: list[str]
) -> None:
    """A plan the rules refuse: not rendered (exit 1, the problems listed), or rendered as a
    draft with --brouillon; the same lines, code and document either way (review r3)."""
    plan = Path(__file__).parent / "fixtures" / "rules" / "petit-plan"  # one rule error
    results = []
    for way in ("rapide", "typer"):
        output = tmp_path / way
        output.mkdir()
        code, out, errors = _run(
            ["render", str(plan), "-f", "md", "-o", str(output / "plan"), "--date", DATE,
             *options],
            through_typer=way == "typer",
        )  # fmt: skip
        texts = [path.read_text(encoding="utf-8") for path in sorted(output.iterdir())]
        results.append((code, out.replace(str(output), "SORTIE"), errors, texts))
    assert results[0] == results[1]
    assert results[0][0] == (0 if options else 1)
    assert results[0][2]  # the problems were said
