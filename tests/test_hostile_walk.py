"""Every hostile input of tests/hostile/ (and the ones that cannot be stored in git, built
here: huge files, FIFOs, symbolic links, non-UTF-8 names) through `cptsplan validate` and
`cptsplan render -f md`, as a user would run them. For each: an exit code from 0 to 4, no
traceback, an answer (a run that hangs is stopped), nothing written but the output file, no
temporary folder left, no machine file in the output, and the input unchanged (issue 8,
« Must show »).

tests/hostile/yaml/: one-file plans; tests/hostile/plans/: plan folders (with a
`.cptsplan.yaml` for some); tests/hostile/gabarits/: template folders, used as the
`templates/` folder beside the minimal example.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE

HOSTILE = Path(__file__).resolve().parent / "hostile"
SECONDS = 120.0
"""A hang guard, not a measure: a run still going after this is stopped and fails (hostile
files are timed by benchmarks/bench_validate.py; a busy machine stretches seconds)."""
MACHINE_FILE = Path("/etc/passwd")
MACHINE_TEXT = "root:x:0:0"
MINIMAL = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
DIRECTORY = (
    "annuaire: # exigé : au moins une entrée ; chaque identifiant cité plus haut doit y figurer\n"
)


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    """Writes the input under the given folder; returns the path given to cptsplan."""
    validate: bool = True
    pending: str | None = None
    """Why the case still fails on this branch: the issue class another change fixes."""


def copy_file(source: Path) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        target = folder / source.name
        shutil.copyfile(source, target)
        return target

    return build


def copy_folder(source: Path) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        target = folder / source.name
        shutil.copytree(source, target, symlinks=True)
        return target

    return build


def with_templates(build_templates: Callable[[Path], None]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        plan = folder / "plan.yaml"
        plan.write_text(MINIMAL, encoding="utf-8")
        (folder / "templates").mkdir()
        build_templates(folder / "templates")
        return plan

    return build


def template_folder(source: Path) -> Callable[[Path], Path]:
    return with_templates(lambda target: shutil.copytree(source, target, dirs_exist_ok=True))


def minimal_with(old: str, new: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        plan = folder / "plan.yaml"
        plan.write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
        return plan

    return build


def voisines(items: str, entries: str = "") -> Callable[[Path], Path]:
    """The minimal plan with a long `cpts_voisines` list (a list of unique references)."""

    def build(folder: Path) -> Path:
        text = MINIMAL.replace(
            "territoire: # exigé\n", f"territoire:\n  cpts_voisines:\n{items}", 1
        )
        if entries:
            text = text.replace(DIRECTORY, "annuaire:\n" + entries, 1)
        (folder / "plan.yaml").write_text(text, encoding="utf-8")
        return folder / "plan.yaml"

    return build


def fifo(folder: Path) -> Path:
    path = folder / "plan.yaml"
    os.mkfifo(path)
    return path


def symlinked_plan_file(folder: Path) -> Path:
    plan = folder / "plan"
    plan.mkdir()
    (plan / "plan.yaml").write_text(MINIMAL, encoding="utf-8")
    (plan / "notes.yaml").symlink_to(MACHINE_FILE)
    return plan


def newline_in_folder_name(folder: Path) -> Path:
    plan = folder / "cpts\n::error file=plan.yaml,line=1::annotation forgée"
    plan.mkdir()
    (plan / "plan.yaml").write_text(MINIMAL.replace("taille_aci: 1", "taille_aci: 9"), "utf-8")
    return plan


def link(name: str) -> Callable[[Path], None]:
    return lambda templates: (templates / name).symlink_to(MACHINE_FILE)


def non_utf8_name(folder: Path) -> Path:
    plan = folder / "plan"
    plan.mkdir()
    (plan / "plan.yaml").write_text(MINIMAL, encoding="utf-8")
    Path(os.fsdecode(os.fsencode(plan) + b"/notes-\xff\xfe.yaml")).write_bytes(b"cpts_extra: 1\n")
    return plan


def complete_example_with(change: Callable[[Path], None]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        plan = folder / "cpts-du-val-de-lys"
        shutil.copytree(COMPLETE_EXAMPLE, plan)
        change(plan)
        return plan

    return build


def unclosed_quote(plan: Path) -> None:
    path = plan / "annuaire.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"03 53 01 00 10"', '"03 53 01 00 10', 1), encoding="utf-8")


PENDING: dict[str, str] = {}
"""Cases known to fail, by name (none left once the four parts of issue 8 landed)."""
"""Static cases that only pass once another helper's change is merged."""


def static_cases() -> list[Case]:
    cases = []
    for path in sorted((HOSTILE / "yaml").iterdir()):
        cases.append(Case(f"yaml/{path.name}", copy_file(path)))
    for path in sorted((HOSTILE / "plans").iterdir()):
        cases.append(Case(f"plans/{path.name}", copy_folder(path)))
    for path in sorted((HOSTILE / "gabarits").iterdir()):
        cases.append(Case(f"gabarits/{path.name}", template_folder(path), validate=False))
    return [Case(case.name, case.build, case.validate, PENDING.get(case.name)) for case in cases]


GENERATED = [
    Case("unique-4000-sections", voisines("".join(f"    - {{a: {i}}}\n" for i in range(4000)))),
    Case(
        "1000-references-inconnues",
        voisines(
            "".join(f"    - entree-inconnue-{i}\n" for i in range(1000)),
            "".join(
                f"  - {{id: entree-{i}, type: structure, nom: S{i}, categorie: autre}}\n"
                for i in range(1000)
            ),
        ),
    ),
    Case(
        "60000-references-inconnues-5-mo",
        voisines(
            "".join(f"    - entree-inconnue-{i}\n" for i in range(60000)),
            "".join(
                f"  - {{id: entree-{i}, type: structure, nom: S{i}, categorie: autre}}\n"
                for i in range(40000)
            ),
        ),
    ),
    Case(
        "100000-noms-en-guise-d-identifiants",
        voisines("".join(f"    - Entree Numero {i}\n" for i in range(100000))),
    ),
    Case(
        "100000-cles",
        minimal_with("cpts: # exigé\n", "cpts:\n" + "".join(f"  k{i}: 1\n" for i in range(100000))),
    ),
    Case(
        "liste-en-flux-5-mo",
        minimal_with("population: 19400", "population: [" + "1," * 2_600_000 + "1]"),
    ),
    Case(
        "imbrication-profonde-en-blocs",
        minimal_with(
            "cpts: # exigé\n", "cpts:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(800))
        ),
    ),
    Case(
        "ligne-de-2-mo",
        minimal_with("departement: Cantal (15)", "departement: " + "x" * 2_000_000),
    ),
    Case("fifo-comme-plan", fifo),
    Case("fichier-du-plan-lien-vers-la-machine", symlinked_plan_file),
    Case(
        "gabarit-lien-vers-la-machine",
        with_templates(link("couverture.md.j2")),
        validate=False,
    ),
    Case("css-lien-vers-la-machine", with_templates(link("plan-sse.css")), validate=False),
    Case("nom-de-fichier-non-utf8", non_utf8_name),
    Case("saut-de-ligne-dans-le-nom-du-dossier", newline_in_folder_name),
    Case("annuaire-complet-guillemet-non-ferme", complete_example_with(unclosed_quote)),
    Case(
        "annuaire-complet-enregistre-en-txt",
        complete_example_with(
            lambda plan: (plan / "annuaire.yaml").rename(plan / "annuaire.yaml.txt")
        ),
    ),
]

CASES = static_cases() + GENERATED


def snapshot(root: Path) -> dict[str, tuple[str, ...]]:
    """Every entry under `root`: kind, mode and content (or link target), without following
    links."""
    entries: dict[str, tuple[str, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(os.fsencode(root)):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            key = os.fsdecode(os.path.relpath(path, os.fsencode(root)))
            if stat.S_ISLNK(info.st_mode):
                entries[key] = ("lien", os.fsdecode(os.readlink(path)))
            elif stat.S_ISREG(info.st_mode):
                with open(path, "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
                entries[key] = ("fichier", oct(info.st_mode), digest)
            else:
                entries[key] = ("autre", oct(info.st_mode))
    return entries


@dataclass
class Run:
    code: int | None
    output: str


def run(args: list[str], cwd: Path, env: dict[str, str]) -> Run:
    process = subprocess.Popen(
        [sys.executable, "-m", "cptsplan", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # so that a hang is killed with every child (pandoc)
    )
    try:
        out, _ = process.communicate(timeout=SECONDS)
        code = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, _ = process.communicate()
        code = None
    return Run(code, out.decode("utf-8", "replace"))


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            id=case.name,
            marks=[pytest.mark.xfail(strict=False, reason=case.pending)] if case.pending else [],
        )
        for case in CASES
    ],
)
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    inputs, work, temporary = tmp_path / "entree", tmp_path / "travail", tmp_path / "tmp"
    for folder in (inputs, work, temporary):
        folder.mkdir()
    target = case.build(inputs)
    before = snapshot(inputs)
    env = {**os.environ, "TMPDIR": str(temporary), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    commands = [["render", str(target), "-f", "md", "-o", str(work / "plan.md")]]
    if case.validate:
        commands.insert(0, ["validate", str(target), "--date", "2026-11-01"])
    for command in commands:
        result = run(command, work, env)
        what = f"cptsplan {command[0]} : {result.output[-800:]}"
        assert result.code is not None, f"plus de {SECONDS:g} s, arrêté ; {what}"
        assert 0 <= result.code <= 4, what
        assert "Traceback" not in result.output, what
        assert MACHINE_TEXT not in result.output, what
        assert snapshot(inputs) == before, f"entrée modifiée ; {what}"
        assert set(snapshot(work)) <= {"plan.md"}, what
        # Jinja's bytecode cache (one per user, mode 0700) is meant to stay.
        left = [p.name for p in temporary.iterdir() if not p.name.startswith("_jinja2-cache")]
        assert left == [], f"dossiers temporaires laissés ; {what}"
    written = work / "plan.md"
    if written.exists():
        assert MACHINE_TEXT not in written.read_text(encoding="utf-8", errors="replace")
