"""The README's « Utilisation » block, run literally, command by command, in its order, on the
folder `cptsplan init` makes (with git), through a year: a draft, a plan ready to send, the
transmission recorded and tagged, the next version started, what changed, the consolidated
plan. Every command exits 0 with what the README says it gives (issue 17, « Must show »).

The commands are read from the README itself; the test holds, for each, what must be seen,
and for each « # … » line of the block, what the coordinator does in between (writing the
plan, sending it, the year's changes). A command added to or removed from the block without
its check here fails `test_the_readme_block_and_this_test_list_the_same_commands`.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .conftest import COMPLETE_EXAMPLE, REPO, run_cli
from .test_render_support import extracted_pages

DEMO_DATE = date(2026, 11, 23)
"""The day the example is known to pass every time rule (Makefile's DEMO_DATE): its dates
are moved by (today - this day), so that the plan is as fresh today as the demo is then."""


def readme_block() -> list[str]:
    """The lines of the first `sh` block under « ## Utilisation »."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Utilisation\n") :]
    block = section[section.index("```sh\n") + 6 :]
    return block[: block.index("```")].splitlines()


def command_of(line: str) -> str:
    """A line without its trailing comment (`  # …`)."""
    return re.sub(r"\s+#\s.*$", "", line).strip()


def readme_commands() -> list[str]:
    return [command_of(line) for line in readme_block() if line and not line.startswith("#")]


def readme_steps() -> list[str]:
    return [line for line in readme_block() if line.startswith("#")]


# -- What the coordinator does between two commands ----------------------------------------


def yaml_editor() -> YAML:
    editor = YAML()
    editor.preserve_quotes = True
    return editor


def example_as_of_today(plan: Path) -> None:
    """The complete example in `plan`, every date moved by (today - DEMO_DATE)."""
    delta = date.today() - DEMO_DATE

    def moved(match: re.Match[str]) -> str:
        return (date.fromisoformat(match.group(0)) + delta).isoformat()

    plan.mkdir(parents=True, exist_ok=True)
    for source in COMPLETE_EXAMPLE.iterdir():
        if source.suffix == ".yaml":
            text = re.sub(r"\b20\d\d-\d\d-\d\d\b", moved, source.read_text(encoding="utf-8"))
            (plan / source.name).write_text(text, encoding="utf-8")
        elif source.is_dir():
            shutil.copytree(source, plan / source.name)


def write_the_plan(root: Path) -> None:
    """« le plan écrit dans mon-plan/plan/, statut: pret_a_transmettre » : the complete
    example as this CPTS's first version 1.0, never sent, dated today."""
    plan = root / "mon-plan" / "plan"
    for old in plan.glob("*.yaml"):
        old.unlink()
    example_as_of_today(plan)
    editor = yaml_editor()
    data = editor.load(plan / "plan.yaml")
    document = data["document"]
    document["version"] = "1.0"
    document["statut"] = "pret_a_transmettre"
    del document["historique"][1:]
    document["historique"][0]["version"] = "1.0"
    for field in ("date_premiere_redaction", "date_mise_a_jour"):
        document[field] = date.today()
    document["historique"][0]["date"] = date.today()
    del document["transmissions"]
    editor.dump(data, plan / "plan.yaml")


def send_it(root: Path) -> None:
    """« envoyé : statut: transmis et les transmissions (ARS, CPAM) dans plan.yaml »."""
    path = root / "mon-plan" / "plan" / "plan.yaml"
    editor = yaml_editor()
    data = editor.load(path)
    data["document"]["statut"] = "transmis"
    data["document"]["transmissions"] = [
        {"destinataire": who, "date": date.today(), "version": "1.0", "moyen": "MSSanté"}
        for who in ("ars-dd59", "cpam-flandres")
    ]
    editor.dump(data, path)


NEW_PLACE = "Maison de santé des Berges, salle de réunion du 1er étage"


def change_the_year(root: Path) -> None:
    """« les changements de l'année » : the crisis cell meets elsewhere."""
    path = root / "mon-plan" / "plan" / "piloter.yaml"
    editor = yaml_editor()
    data = editor.load(path)
    data["piloter"]["cellule_de_crise"]["lieu_principal"]["nom"] = NEW_PLACE
    editor.dump(data, path)


STEPS: list[Callable[[Path], None]] = [write_the_plan, send_it, change_the_year]
"""One per « # … » line of the block, in order."""


# -- What each command must show ------------------------------------------------------------


def pdf_text(path: Path) -> str:
    return "\n".join(extracted_pages(path.read_bytes()))


def build(root: Path, name: str) -> Path:
    path = root / "mon-plan" / "build" / name
    assert path.is_file(), f"{name} absent de mon-plan/build/"
    return path


def written(out: str, *names: str) -> None:
    for name in names:
        assert f"écrit : {Path('mon-plan', 'build', name)}" in out, out


def after_init(root: Path, out: str) -> None:
    assert "dépôt git créé, premier commit fait" in out
    assert (root / "mon-plan" / "plan" / "plan.yaml").is_file()


def after_resume(root: Path, out: str) -> None:
    assert out.startswith(f"Ce qui reste à faire : {Path('mon-plan', 'plan')}")
    assert "à compléter" in out


def after_draft(root: Path, out: str) -> None:
    written(out, "plan-sse-diffusable-brouillon.docx", "plan-sse-diffusable-brouillon.pdf")
    assert "BROUILLON" in pdf_text(build(root, "plan-sse-diffusable-brouillon.pdf"))


def after_ready(root: Path, out: str) -> None:
    assert f"✔ {Path('mon-plan', 'plan')} : plan « CPTS du Val de Lys » valide" in out


def after_sendable(root: Path, out: str) -> None:
    written(out, "plan-sse-v1.0-diffusable.docx", "plan-sse-v1.0-diffusable.pdf")
    text = pdf_text(build(root, "plan-sse-v1.0-diffusable.pdf"))
    assert "CPTS du Val de Lys" in text and "BROUILLON" not in text


def after_update(root: Path, out: str) -> None:
    assert "Version 1.1 commencée (version précédente : 1.0)" in out
    assert "À revoir avant d'envoyer la nouvelle version" in out


def after_diff(root: Path, out: str) -> None:
    assert "base : la version 1.0, la dernière transmise à l'ARS" in out
    assert "1.1" in out and "Berges" in out


def after_depuis(root: Path, out: str) -> None:
    pdf = "plan-sse-v1.1-interne-brouillon.pdf"
    written(out, "plan-sse-v1.1-interne-brouillon.docx", pdf)
    text = " ".join(pdf_text(build(root, pdf)).split())
    assert "Annexe A : modifications depuis la version 1.0 du" in text
    assert "salle de réunion" in text


def after_fiches(root: Path, out: str) -> None:
    written(out, "fiches-reflexes-v1.1-interne-brouillon.pdf")


def after_annuaire(root: Path, out: str) -> None:
    pdf = "annuaire-de-crise-v1.1-interne-brouillon.pdf"
    written(out, pdf)
    assert "Document interne" in pdf_text(build(root, pdf))


def after_vcf(root: Path, out: str) -> None:
    written(out, "annuaire-v1.1-interne.vcf")
    assert build(root, "annuaire-v1.1-interne.vcf").read_text("utf-8").startswith("BEGIN:VCARD")


def after_import(root: Path, out: str) -> None:
    assert "- id: " in out and "Évrard" in out


def after_table(root: Path, out: str) -> None:
    assert (root / "relecture.xlsx").stat().st_size > 0
    assert "2 plans vérifiés" in out


def after_rules(root: Path, out: str) -> None:
    assert "typologie-sans-reponse" in out


def after_schema(root: Path, out: str) -> None:
    schema = json.loads((root / "plan.schema.json").read_text(encoding="utf-8"))
    assert "document" in schema["properties"]


def after_version(root: Path, out: str) -> None:
    from cptsplan import __version__

    assert out == f"cptsplan {__version__}\n"


def nothing(root: Path, out: str) -> None:
    """A git command: its exit code is the check."""


CHECKS: dict[str, Callable[[Path, str], None]] = {
    "cptsplan init mon-plan": after_init,
    "cptsplan validate mon-plan --resume": after_resume,
    "cptsplan render mon-plan": after_draft,
    "cptsplan validate mon-plan": after_ready,
    "cptsplan render mon-plan --edition diffusable": after_sendable,
    "git -C mon-plan add -A": nothing,
    'git -C mon-plan commit -m "Version 1.0 transmise à l\'ARS et à la CPAM"': nothing,
    "git -C mon-plan tag v1.0": nothing,
    "cptsplan update mon-plan --ecrire": after_update,
    "cptsplan diff mon-plan": after_diff,
    "cptsplan render mon-plan --depuis v1.0": after_depuis,
    "cptsplan render mon-plan --annexe fiches": after_fiches,
    "cptsplan render mon-plan --annexe annuaire": after_annuaire,
    "cptsplan annuaire exporter mon-plan -f vcf": after_vcf,
    "cptsplan annuaire importer contacts.csv": after_import,
    "cptsplan validate plans/ --tableau relecture.xlsx": after_table,
    "cptsplan rules": after_rules,
    "cptsplan schema > plan.schema.json": after_schema,
    "cptsplan --version": after_version,
}


def test_the_readme_block_and_this_test_list_the_same_commands() -> None:
    assert readme_commands() == list(CHECKS)
    assert len(readme_steps()) == len(STEPS)


def what_the_reader_already_has(root: Path) -> None:
    """The two inputs the block names without making them: the coordination's contact list
    and a folder of plans to review (a reviewer's, one folder per CPTS)."""
    (root / "contacts.csv").write_text(
        "Nom;Prénom;Fonction;Téléphone\nÉvrard;Hélène;Infirmière;03 20 00 00 01\n",
        encoding="utf-8",
    )
    for name in ("cpts-a", "cpts-b"):
        example_as_of_today(root / "plans" / name)


def run_line(root: Path, command: str) -> str:
    words = shlex.split(command)
    if words[0] == "git":
        done = subprocess.run(
            words,
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            env={
                **os.environ,
                "GIT_AUTHOR_NAME": "Coordination",
                "GIT_AUTHOR_EMAIL": "coordination@example.org",
                "GIT_COMMITTER_NAME": "Coordination",
                "GIT_COMMITTER_EMAIL": "coordination@example.org",
            },
        )
        assert done.returncode == 0, (command, done.stderr)
        return done.stdout
    redirect = words.index(">") if ">" in words else None
    result = run_cli(*words[1:redirect])
    assert result.exit_code == 0, (command, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    if redirect is not None:
        (root / words[redirect + 1]).write_text(result.stdout, encoding="utf-8")
    return result.stdout


def test_a_year_following_the_readme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    what_the_reader_already_has(tmp_path)
    steps = iter(STEPS)
    done: list[str] = []
    for line in readme_block():
        if line.startswith("#"):
            next(steps)(tmp_path)
            continue
        if not line.strip():
            continue
        command = command_of(line)
        out = run_line(tmp_path, command)
        CHECKS[command](tmp_path, out)
        done.append(command)
    assert done == list(CHECKS)
    # The year is in git: the first commit (init), the version sent (tagged); the documents
    # and the internal directory export stayed out of the history (.gitignore).
    log = subprocess.run(
        ["git", "log", "--format=%s"], cwd=tmp_path / "mon-plan", capture_output=True, text=True
    ).stdout.splitlines()
    assert log == [
        "Version 1.0 transmise à l'ARS et à la CPAM",
        "Plan SSE : dépôt créé par cptsplan init",
    ]
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=tmp_path / "mon-plan", capture_output=True, text=True
    ).stdout
    assert "build/" not in tracked and ".vcf" not in tracked
