"""README promises that no other test held (found by the README-to-tests audit, see the
table in the lead's notes): each test quotes the README line it holds."""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, REPO, example_repository, run_cli
from .cost import HANG_GUARD

REFERENCE_DATE = "2026-11-01"

posix_modes = pytest.mark.skipif(sys.platform == "win32", reason="droits POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@posix_modes
@pytest.mark.parametrize(
    ("options", "names"),
    [
        (("-f", "docx", "-f", "pdf"), ("interne.docx", "interne.pdf")),
        (("--annexe", "annuaire", "-f", "docx", "-f", "pdf"), ("interne.docx", "interne.pdf")),
        (("--annexe", "fiches", "-f", "pdf"), ("interne.pdf",)),
    ],
    ids=["plan", "annuaire", "fiches"],
)
def test_a_new_internal_document_is_readable_by_its_owner_only(
    tmp_path: Path, options: tuple[str, ...], names: tuple[str, ...]
) -> None:
    # README: « un nouveau document de l'édition interne n'est lisible que par son
    # propriétaire (0600) ». The DOCX and the PDF (written by Typst) and the directory annex,
    # the most personal document, not only the Markdown and HTML of test_files_output.py.
    previous = os.umask(0o022)
    try:
        result = run_cli(
            "render", MINIMAL_EXAMPLE, "-e", "interne", *options, "-o", tmp_path / "interne",
            "--date", REFERENCE_DATE,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        assert {name: mode(tmp_path / name) for name in names} == dict.fromkeys(names, 0o600)
    finally:
        os.umask(previous)


@posix_modes
def test_an_existing_pdf_keeps_its_rights(tmp_path: Path) -> None:
    # README: « un document existant garde ses droits ».
    command = ("render", MINIMAL_EXAMPLE, "-f", "pdf", "--date", REFERENCE_DATE)
    assert run_cli(*command, "-e", "interne", "-o", tmp_path / "i").exit_code == 0
    os.chmod(tmp_path / "i.pdf", 0o640)
    before = (tmp_path / "i.pdf").read_bytes()
    (tmp_path / "i.pdf").write_bytes(b"ancien")
    assert run_cli(*command, "-e", "interne", "-o", tmp_path / "i").exit_code == 0
    assert (tmp_path / "i.pdf").read_bytes() == before
    assert mode(tmp_path / "i.pdf") == 0o640


def test_without_status_nor_transmission_the_warning_offers_both_ways(tmp_path: Path) -> None:
    # README: « Sans statut, un plan qui n'a aucune transmission enregistrée reçoit un
    # avertissement qui propose les deux issues » : record the sending, or say it is not sent.
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    start, end = text.index("  transmissions:"), text.index("  partenaires_redaction:")
    assert "  statut:" not in text[:start]
    (tmp_path / "plan.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_cli("validate", tmp_path / "plan.yaml", "--date", REFERENCE_DATE)
    assert result.exit_code == 0, result.stdout
    for rule, sending in (("transmission-ars", "l'envoi à l'ARS"),
                          ("transmission-cpam", "l'envoi à la CPAM")):  # fmt: skip
        block = result.stdout[result.stdout.index(f"avertissement [{rule}]") :]
        hint = block[block.index("aide :") :].splitlines()[0]
        assert sending in hint, hint
        assert "statut: pret_a_transmettre" in hint, hint


def test_render_since_a_revision_outside_git_is_a_usage_error_writing_nothing(
    tmp_path: Path,
) -> None:
    # docs/rendu.md (linked from the README): « Une révision inconnue de git, ou un plan hors
    # d'un dépôt git, est une erreur d'utilisation (code 2) : rien n'est écrit. »
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, plan)
    out = tmp_path / "sortie"
    out.mkdir()
    result = run_cli(
        "render", plan, "--depuis", "HEAD", "-f", "md", "-o", out / "plan",
        "--date", REFERENCE_DATE,
    )  # fmt: skip
    assert result.exit_code == 2, result.stderr
    assert "dépôt git" in result.stderr and "Traceback" not in result.stderr
    assert list(out.iterdir()) == []


def test_the_validate_sample_of_the_readme_is_what_validate_prints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """README « Vérifier » shows a command and the line it prints, at the date of `make
    demo` (given in the command: the example's deadlines pass with time)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("$ cptsplan validate examples/cpts-du-val-de-lys") :]
    command, sample = block.splitlines()[:2]
    assert "--date" in command
    monkeypatch.chdir(REPO)  # the sample names the example from the repository's root
    result = run_cli(*command.split()[2:])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == sample


def most_common_type_size(pdf: Path) -> float:
    """The size most of the PDF's text is set in, as a PDF reader computes it."""
    sizes: list[float] = []
    for page in pypdf.PdfReader(pdf).pages:

        def seen(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip():
                sizes.append(round(abs(size * tm[3] * cm[3]), 1))

        page.extract_text(visitor_text=seen)
    return statistics.mode(sizes)


def default_docx_type_size(docx: Path) -> int:
    with zipfile.ZipFile(docx) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S)
    assert defaults is not None
    size = re.search(r'<w:sz w:val="(\d+)"', defaults.group(0))
    assert size is not None
    return int(size.group(1))


def test_the_fiches_alone_are_printed_larger_than_in_the_plan(tmp_path: Path) -> None:
    # README: « --annexe fiches produit les fiches réflexes seules, une par page, en grands
    # caractères » (for the crisis kit): larger type than the plan itself, in PDF and DOCX.
    common = ("-e", "interne", "-f", "pdf", "-f", "docx", "--date", REFERENCE_DATE)
    plan = run_cli("render", COMPLETE_EXAMPLE, *common, "-o", tmp_path / "plan")
    fiches = run_cli(
        "render", COMPLETE_EXAMPLE, "--annexe", "fiches", *common, "-o", tmp_path / "fiches"
    )
    assert plan.exit_code == 0 and fiches.exit_code == 0, plan.stderr + fiches.stderr
    assert most_common_type_size(tmp_path / "fiches.pdf") >= 1.15 * most_common_type_size(
        tmp_path / "plan.pdf"
    )
    assert default_docx_type_size(tmp_path / "fiches.docx") >= 1.1 * default_docx_type_size(
        tmp_path / "plan.docx"
    )


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("peut-être", "« peut-être » n'est pas une valeur permise ; valeurs permises : oui, non\n"),
        ("A_COMPLETER", "par l'une des valeurs : oui, non\n"),
    ],
)
def test_a_yes_no_field_asks_for_oui_or_non_in_french(
    tmp_path: Path, value: str, words: str
) -> None:
    # README: « Tous les messages sont en français » and « oui/non valent oui/non ». The
    # messages listed the allowed values as Python prints them: « oui, non, True, False ».
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    assert "      pcs: true\n" in text
    text = text.replace("      pcs: true\n", f"      pcs: {value}\n", 1)
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", tmp_path / "plan.yaml", "--date", REFERENCE_DATE)
    assert words in result.stdout, result.stdout
    assert "True" not in result.stdout and "False" not in result.stdout


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


# Runs `cptsplan update` whose first rename of a plan file waits, and says when it waits.
UPDATE_DRIVER = r"""
import os, sys, time
from pathlib import Path

started, real = Path(sys.argv[1]), os.replace

def slow_replace(source, target, *args, **kwargs):
    if str(target).endswith(".yaml") and not started.exists():
        started.write_text("renommage")
        time.sleep(60)
    return real(source, target, *args, **kwargs)

os.replace = slow_replace
from cptsplan.cli import main

sys.argv = ["cptsplan", "update", *sys.argv[2:]]
main()
"""


def interrupted(command: list[str], started: Path, signum: int, cwd: Path | None = None) -> None:
    """Run `command`, send it `signum` once it says (the file `started`) that it is writing,
    and check it ends with 128 + signum and says it was interrupted."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # Waits, not measures: HANG_GUARD only stops a test that would never end.
        deadline = time.monotonic() + HANG_GUARD
        while not started.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert started.exists(), process.communicate()[1].decode("utf-8")
        process.send_signal(signum)
        _, error = process.communicate(timeout=HANG_GUARD)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signum, error.decode("utf-8")
    assert "interrompu" in error.decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="signaux envoyés par os.kill : POSIX")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "arret"])
def test_an_interrupted_update_leaves_the_plan_files_whole_and_no_temporary_file(
    tmp_path: Path, signum: int
) -> None:
    # README « Codes de sortie » : « 130 / 143 | commande interrompue (Ctrl+C, arrêt) : rien
    # n'est remplacé, aucun dossier temporaire ne reste ». `update --ecrire` stopped by
    # SIGTERM left « .plan.yaml.<random>.tmp » (the new plan.yaml) in the plan folder, which
    # the README's own « git add -A » then commits.
    plan = example_repository(tmp_path / "depot")
    before = files_of(plan)
    started = tmp_path / "started"
    command = [sys.executable, "-c", UPDATE_DRIVER, str(started), str(plan), "--ecrire"]
    command += ["--date", REFERENCE_DATE]
    interrupted(command, started, signum)
    assert files_of(plan) == before


# Runs a cptsplan command whose first fsync or rename (a temporary file or folder written
# beside the output, before or while it is put in place) waits, and says when it waits.
FSYNC_DRIVER = r"""
import os, sys, time
from pathlib import Path

started = Path(sys.argv[1])

def slow(real):
    def waiting(*args, **kwargs):
        if not started.exists():
            started.write_text(real.__name__)
            time.sleep(60)
        return real(*args, **kwargs)
    return waiting

os.fsync, os.replace = slow(os.fsync), slow(os.replace)
from cptsplan.cli import main

sys.argv = ["cptsplan", *sys.argv[2:]]
main()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="signaux envoyés par os.kill : POSIX")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "arret"])
@pytest.mark.parametrize(
    ("arguments", "output"),
    [
        (("annuaire", "exporter", "plan", "-f", "csv", "-o", "annuaire.csv"), "annuaire.csv"),
        (("annuaire", "importer", "contacts.csv", "-o", "entrees.yaml"), "entrees.yaml"),
        (("validate", "plan", "--tableau", "relecture.xlsx"), "relecture.xlsx"),
        (("import", "plan.docx", "-o", "mon-plan"), "mon-plan"),
    ],
    ids=["export", "import-csv", "tableau", "import-docx"],
)
def test_an_interrupted_export_import_or_table_leaves_nothing_temporary(
    tmp_path: Path, signum: int, arguments: tuple[str, ...], output: str
) -> None:
    # README « Codes de sortie » : 130 / 143, « rien n'est remplacé, aucun dossier temporaire
    # ne reste ». Stopped by SIGTERM, these commands left « .annuaire.csv.<random>.tmp » (a
    # copy of the directory: personal data) beside the output, and import a hidden
    # « .mon-plan.import-<random> » folder holding the whole imported plan.
    work = tmp_path / "travail"
    work.mkdir()
    shutil.copytree(MINIMAL_EXAMPLE, work / "plan")
    (work / "contacts.csv").write_text("Nom;Téléphone\nDupont;03 53 01 00 99\n", "utf-8")
    word = docx.Document()
    word.add_heading("Plan SSE de la CPTS du Val", 0)
    word.add_heading("Cellule de crise", 1)
    word.add_paragraph("La cellule se réunit à la maison de santé.")
    word.save(str(work / "plan.docx"))
    before = sorted(path.name for path in work.iterdir())
    started = tmp_path / "started"
    command = [sys.executable, "-c", FSYNC_DRIVER, str(started), *arguments]
    interrupted(command, started, signum, cwd=work)
    assert sorted(path.name for path in work.iterdir()) == before  # no output, no .tmp
    assert not (work / output).exists()


@posix_modes
def test_the_yaml_made_from_a_contact_list_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    # docs/annexes-et-exports.md (linked from the README): « l'annuaire imprimé, le vCard, le
    # CSV et le YAML importé sont des documents internes […] Les fichiers créés ne sont
    # lisibles que par leur propriétaire. » The exports are held by test_annuaire_export.py.
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("Nom;Téléphone\nDupont;03 53 01 00 99\n", encoding="utf-8")
    previous = os.umask(0o022)
    try:
        result = run_cli("annuaire", "importer", contacts, "-o", tmp_path / "entrees.yaml")
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.stderr
    assert mode(tmp_path / "entrees.yaml") == 0o600
