"""Every command that writes, under the conditions that break writing (issue « bad input
loses nothing »): a full disk, a folder that refuses new files, a name no system accepts,
an interruption in the middle of `init`. Each asserts what a user notices: the exit code of
the README's table, a French message saying what and where, no traceback, the user's files
byte-identical and nothing cut or temporary left behind. Permissions are simulated (the
tests may run as root, who ignores them); the full disk is an ENOSPC from the system."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .conftest import MINIMAL_EXAMPLE, example_repository, run_cli
from .cost import HANG_GUARD

DATE = "2026-11-23"
FULL = "plus de place sur le disque"


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (outside .git) with its bytes: what a user would find."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(folder).parts
    }


def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while a file is written: flushing it to disk fails with ENOSPC."""

    def fsync(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    return folder


def contacts(tmp_path: Path) -> Path:
    source = tmp_path / "contacts.csv"
    source.write_text("Nom;Prénom;Fonction\nDupont;Jean;Médecin\n", encoding="utf-8")
    return source


# -- A full disk: French cause, exit 4, previous output intact ------------------------------


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (("render", "@plan", "-f", "md", "-o", "@out", "--date", DATE), "plan.md"),
        (("annuaire", "exporter", "@plan", "-f", "csv", "-o", "@out", "--date", DATE), "a.csv"),
        (("annuaire", "importer", "@contacts", "-o", "@out", "--force"), "a.yaml"),
        (("validate", "@plan", "--tableau", "@out", "--date", DATE), "t.csv"),
    ],
)
def test_a_full_disk_is_said_in_french_and_keeps_the_previous_file(
    plan: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
    name: str,
) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    (out / name).write_bytes(b"ancien")
    places = {"@plan": plan, "@out": out / name, "@contacts": contacts(tmp_path)}
    before = files_of(tmp_path)
    disk_full(monkeypatch)
    result = run_cli(*(str(places.get(arg, arg)) for arg in command))
    assert result.exit_code == 4, result.stderr
    assert f"{out / name} : {FULL}" in result.stderr
    assert "Traceback" not in result.stderr and "No space" not in result.stderr
    assert files_of(tmp_path) == before  # nothing changed, nothing temporary left


def test_update_on_a_full_disk_leaves_the_plan_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = example_repository(tmp_path)
    before = files_of(tmp_path)
    disk_full(monkeypatch)
    result = run_cli("update", plan, "--ecrire", "--date", DATE)
    assert result.exit_code == 4
    assert f"{FULL} (les fichiers du plan sont intacts)" in result.stderr
    assert files_of(tmp_path) == before


def test_update_in_a_folder_refusing_new_files_says_so_not_close_the_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only plan folder (a network share, a synced folder) was reported as « fermez
    le fichier plan.yaml dans l'éditeur »: no editor held it, closing one changed nothing."""
    plan = example_repository(tmp_path)
    before = files_of(tmp_path)

    def refused(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = run_cli("update", plan, "--ecrire", "--date", DATE)
    assert result.exit_code == 4
    assert f"le dossier {plan} n'accepte pas de nouveau fichier : accès refusé" in result.stderr
    assert "éditeur" not in result.stderr
    assert files_of(tmp_path) == before


# -- Names no system accepts: refused before any work (exit 2), not a traceback -------------

LONG = "a" * 300


@pytest.mark.parametrize(
    "command",
    [
        ("render", "@plan", "-f", "md", "-o", f"@tmp/{LONG}.md", "--date", DATE),
        ("apercu", "@plan", "-o", f"@tmp/{LONG}"),
        ("annuaire", "exporter", "@plan", "-o", f"@tmp/{LONG}.vcf", "--date", DATE),
        ("annuaire", "importer", "@contacts", "-o", f"@tmp/{LONG}.yaml"),
        ("init", f"@tmp/{LONG}"),
        ("init", "@tmp/" + "/".join(["b" * 200] * 25)),
        ("import", "@tmp/plan.docx", "-o", f"@tmp/{LONG}"),
    ],
)
def test_a_path_no_system_accepts_is_refused_in_french(
    plan: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    source = contacts(tmp_path)
    before = files_of(tmp_path)
    args = [
        a.replace("@plan", str(plan))
        .replace("@tmp", str(tmp_path))
        .replace("@contacts", str(source))
        for a in command
    ]
    result = run_cli(*args)  # run_cli lets an exception through: a traceback fails here
    assert result.exit_code == 2, result.stderr
    assert "caractères" in result.stderr and "rien n'est écrit" in result.stderr
    assert files_of(tmp_path) == before


@pytest.mark.parametrize("name", ["CON", "depot.", "nul"])
@pytest.mark.parametrize("command", ["init", "import"])
def test_a_repository_name_windows_refuses_is_refused(
    tmp_path: Path, name: str, command: str
) -> None:
    """A repository created as `CON` or `depot.` on Linux cannot be cloned on Windows."""
    document = tmp_path / "plan.docx"
    document.write_bytes(b"pas lu : le nom est refuse avant")
    if command == "init":
        result = run_cli("init", tmp_path / name, "--nom", "X", "--territoire", "Y")
    else:
        result = run_cli("import", document, "-o", tmp_path / name)
    assert result.exit_code == 2
    assert "Windows" in result.stderr and "rien n'est écrit" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


# -- init: every file whole, or absent ------------------------------------------------------


def test_init_on_a_full_disk_leaves_no_cut_file_and_a_second_init_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files were written in place: a disk full in the middle of one left it cut (or empty),
    and the next `init`, which never replaces a file, kept it as « déjà présent »."""
    reference = tmp_path / "reference"
    assert run_cli("init", reference, "--nom", "X", "--territoire", "Y").exit_code == 0
    expected = files_of(reference)
    real_fsync = os.fsync
    calls = []

    def fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 4:  # the fourth file: the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    folder = tmp_path / "depot"
    result = run_cli("init", folder, "--nom", "X", "--territoire", "Y")
    assert result.exit_code == 4
    assert FULL in result.stderr and "Traceback" not in result.stderr
    partial = files_of(folder)
    assert len(partial) == 3
    assert all(expected[name] == data for name, data in partial.items())  # whole or absent
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert run_cli("init", folder, "--nom", "X", "--territoire", "Y").exit_code == 0
    assert files_of(folder).keys() == expected.keys()
    assert files_of(folder) == expected


# Runs `cptsplan init` and sends itself `signal` once the third file is written to disk.
INIT_DRIVER = r"""
import os, signal, sys
signum, folder = int(sys.argv[1]), sys.argv[2]
calls = []
real = os.fsync
def fsync(descriptor):
    real(descriptor)
    calls.append(descriptor)
    if len(calls) == 3:
        os.kill(os.getpid(), signum)
os.fsync = fsync
from cptsplan.cli import main
sys.argv = ["cptsplan", "init", folder, "--nom", "X", "--territoire", "Y"]
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_init_leaves_only_whole_files(tmp_path: Path, signum: int) -> None:
    """SIGTERM ended `init` wherever it was (no handler): the file being written stayed
    empty or cut, and was kept by the next `init`."""
    reference = tmp_path / "reference"
    assert run_cli("init", reference, "--nom", "X", "--territoire", "Y").exit_code == 0
    expected = files_of(reference)
    folder = tmp_path / "depot"
    done = subprocess.run(
        [sys.executable, "-c", INIT_DRIVER, str(int(signum)), str(folder)],
        capture_output=True, text=True, timeout=HANG_GUARD, check=False,
    )  # fmt: skip
    assert done.returncode == 128 + signum, done.stderr
    assert "aucun fichier à moitié écrit" in done.stderr and "Traceback" not in done.stderr
    left = files_of(folder)
    assert 0 < len(left) < len(expected)
    assert [name for name in left if name.endswith(".tmp")] == []
    assert all(expected[name] == data for name, data in left.items())


# -- annuaire exporter: an existing folder receives the default name, as --help says --------


def test_annuaire_export_into_an_existing_folder(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    result = run_cli("annuaire", "exporter", plan, "-f", "vcf", "-o", out, "--date", DATE)
    assert result.exit_code == 0, result.stderr
    assert [p.suffix for p in out.iterdir()] == [".vcf"]
    assert "BEGIN:VCARD" in next(out.iterdir()).read_text(encoding="utf-8")


def test_annuaire_import_force_does_not_replace_a_whole_plan_file(
    plan: Path, tmp_path: Path
) -> None:
    """`--force -o plan/plan.yaml` replaced the plan's main file, all its sections, with the
    directory alone: the plan was lost (git aside)."""
    target = plan / "plan.yaml"
    source = contacts(tmp_path)
    before = files_of(tmp_path)
    result = run_cli("annuaire", "importer", source, "-o", target, "--force")
    assert result.exit_code == 2
    assert "d'autres parties du plan que l'annuaire (" in result.stderr
    assert "document" in result.stderr.split("annuaire (", 1)[1]
    assert "rien n'est écrit" in result.stderr
    assert files_of(tmp_path) == before
    directory = tmp_path / "annuaire.yaml"
    directory.write_text("annuaire: []\n", encoding="utf-8")
    result = run_cli("annuaire", "importer", source, "-o", directory, "--force")
    assert result.exit_code == 0, result.stderr
    assert "Dupont" in directory.read_text(encoding="utf-8")


# -- A full temporary disk: pandoc's and Typst's working files ------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ("render", "@plan", "-f", "docx", "-o", "@out/plan.docx", "--date", DATE),
        ("render", "@plan", "-f", "pdf", "-o", "@out/plan.pdf", "--date", DATE),
        ("annuaire", "importer", "@contacts", "-o", "@out/annuaire.yaml", "--force"),
    ],
)
def test_a_full_temporary_disk_is_said_not_a_traceback(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """The working files written under TMPDIR (pandoc's reference document, Typst's source,
    the directory checked before it is written) raised a bare OSError: a traceback."""
    out = tmp_path / "sortie"
    out.mkdir()
    for name in ("plan.docx", "plan.pdf", "annuaire.yaml"):
        (out / name).write_bytes(b"ancien")
    source = contacts(tmp_path)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    before = files_of(tmp_path)
    real_write_bytes, real_write_text = Path.write_bytes, Path.write_text

    def full(path: Path) -> None:
        if path.is_relative_to(temporary):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))

    def write_bytes(self: Path, data: bytes) -> int:
        full(self)
        return real_write_bytes(self, data)

    def write_text(self: Path, text: str, *args: object, **kwargs: object) -> int:
        full(self)
        return real_write_text(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    monkeypatch.setattr(Path, "write_text", write_text)
    places = {"@plan": str(plan), "@contacts": str(source)}
    args = [places.get(a, a.replace("@out", str(out))) for a in command]
    result = run_cli(*args)
    assert result.exit_code == 4, result.stderr
    assert "impossible d'écrire les fichiers de travail" in result.stderr
    assert FULL in result.stderr and "TMPDIR" in result.stderr
    kept = {name: data for name, data in files_of(tmp_path).items() if "_jinja2" not in name}
    assert kept == before
    # The private folder removed (Jinja's cache of compiled templates may stay there).
    assert [p.name for p in temporary.iterdir() if p.name.startswith("cptsplan-")] == []


@pytest.mark.parametrize("fmt", ["csv", "vcf"])
def test_annuaire_export_refuses_a_yaml_name_it_would_break_the_plan_with(
    plan: Path, fmt: str
) -> None:
    """`-o plan/extra.yaml` wrote a CSV that the next `validate` read as a plan file."""
    before = files_of(plan)
    target = plan / "extra.yaml"
    result = run_cli("annuaire", "exporter", plan, "-f", fmt, "-o", target, "--date", DATE)
    assert result.exit_code == 2
    assert "il serait lu comme un fichier du plan" in result.stderr
    assert f"--output {plan / 'extra'}.{fmt}" in result.stderr
    assert files_of(plan) == before
    assert run_cli("validate", plan, "--date", DATE).exit_code == 0


# -- The command's own output redirected to a full disk -------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full: Linux only")
@pytest.mark.parametrize(
    "command",
    [("schema",), ("validate", "@plan", "-f", "sarif", "--date", DATE), ("rules",)],
)
def test_a_report_redirected_to_a_full_disk_exits_4_in_french(
    plan: Path, command: tuple[str, ...]
) -> None:
    """`cptsplan validate -f sarif > rapport.sarif` on a full disk: a traceback and exit 1,
    which CI reads as « problems in the plan »; the report file was silently cut."""
    args = [str(plan) if a == "@plan" else a for a in command]
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cptsplan", *args],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=HANG_GUARD, check=False,
        )  # fmt: skip
    assert done.returncode == 4, done.stderr
    assert "la sortie de la commande n'a pas pu être écrite : plus de place sur le disque" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr


def test_windows_codes_are_said_for_what_they_are() -> None:
    """A path over 260 characters on Windows comes as ENOENT (« introuvable »): its own
    code says what it is."""
    from cptsplan.files.reasons import reason

    too_long = OSError(errno.ENOENT, "Le chemin d'accès spécifié est introuvable", "x")
    too_long.winerror = 206  # type: ignore[attr-defined]
    assert reason(too_long).startswith("nom ou chemin trop long pour Windows")
    assert reason(OSError(errno.ENOENT, "No such file")) == "dossier ou fichier introuvable"
    assert reason(OSError(errno.ENOSPC, "No space left on device")) == FULL
    assert reason(OSError(9999, "Étrange")) == "Étrange"


@pytest.mark.parametrize(
    "command",
    [
        ("render", "@plan", "-f", "md,html", "-o", "@out/plan", "--date", DATE),
        ("annuaire", "exporter", "@plan", "-f", "csv", "-o", "@out/a.csv", "--date", DATE),
        ("validate", "@plan", "--tableau", "@out/t.xlsx", "--date", DATE),
        ("init", "@out/depot", "--nom", "X", "--territoire", "Y"),
    ],
)
def test_an_output_folder_refusing_writes_is_named_with_the_cause(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """Permission denied on the output folder (simulated: the tests may run as root)."""
    out = tmp_path / "sortie"
    out.mkdir()
    (out / "plan.md").write_bytes(b"ancien")
    before = files_of(tmp_path)
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        if Path(str(kwargs.get("dir", ""))).is_relative_to(out):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    args = [str(plan) if a == "@plan" else a.replace("@out", str(out)) for a in command]
    result = run_cli(*args)
    assert result.exit_code == 4, result.stderr
    assert f"impossible d'écrire dans {out}" in result.stderr
    assert "accès refusé" in result.stderr and "Traceback" not in result.stderr
    kept = files_of(tmp_path)
    assert kept == before


def test_update_says_which_file_could_not_be_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second failure while putting the first file back (the disk filled meanwhile) was
    silenced, and the message said « les fichiers du plan sont intacts »: they were not."""
    from cptsplan.errors import CptsplanError
    from cptsplan.update.writing import write_all_atomically

    first, second = tmp_path / "plan.yaml", tmp_path / "annuaire.yaml"
    first.write_text("ancien 1\n", encoding="utf-8")
    second.write_text("ancien 2\n", encoding="utf-8")
    real_mkstemp, real_replace = tempfile.mkstemp, os.replace
    calls = []

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        calls.append(args)
        if len(calls) > 2:  # the two new versions were written; then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    def replace(source: str, destination: str | Path) -> None:
        if Path(destination).name == "annuaire.yaml":
            raise PermissionError(errno.EACCES, "Access is denied")
        real_replace(source, destination)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(CptsplanError) as raised:
        write_all_atomically([(first, "nouveau 1\n"), (second, "nouveau 2\n")])
    assert raised.value.exit_code == 4
    assert f"{first} n'a pas pu être remis dans son ancienne version" in raised.value.message
    assert "intacts" not in raised.value.message
    assert raised.value.hint is not None and "git checkout" in raised.value.hint
    assert second.read_text(encoding="utf-8") == "ancien 2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annuaire.yaml", "plan.yaml"]


def test_a_locked_directory_yaml_names_the_editor_not_a_pdf_viewer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`annuaire importer -o annuaire.yaml --force` while the YAML is open in an editor that
    locks it (Windows): « fermez-le dans le lecteur PDF ou Word » sent the user elsewhere."""
    target = tmp_path / "annuaire.yaml"
    target.write_text("annuaire: []\n", encoding="utf-8")
    real_replace = os.replace

    def replace(source: str, destination: str | Path) -> None:
        if Path(destination).name == "annuaire.yaml":
            raise PermissionError(errno.EACCES, "Access is denied", str(destination))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    result = run_cli("annuaire", "importer", contacts(tmp_path), "-o", target, "--force")
    assert result.exit_code == 4
    assert "fermez le fichier annuaire.yaml dans l'éditeur de texte" in result.stderr
    assert target.read_text(encoding="utf-8") == "annuaire: []\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annuaire.yaml", "contacts.csv"]


@pytest.mark.parametrize("folder", ["CON", "version 2.", "a:b"])
def test_a_folder_to_create_with_a_name_windows_refuses_is_refused(
    plan: Path, tmp_path: Path, folder: str
) -> None:
    """`-o CON/plan.md`: the folder was created (on Linux) with the document inside, and
    the repository's Windows clones broke."""
    before = files_of(tmp_path)
    out = tmp_path / "sortie" / folder / "plan.md"
    result = run_cli("render", plan, "-f", "md", "-o", out, "--date", DATE)
    assert result.exit_code == 2
    assert "le dossier de sortie" in result.stderr or "le nom du dossier" in result.stderr
    assert files_of(tmp_path) == before and not (tmp_path / "sortie").exists()


@pytest.mark.parametrize(
    "command",
    [
        ("diff", "@plan", "--depuis", "HEAD"),
        ("render", "@plan", "--depuis", "HEAD", "-f", "md", "-o", "@out", "--date", DATE),
    ],
    ids=["diff", "render-depuis"],
)
def test_a_full_temporary_disk_while_reading_an_old_version_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    """The old version's files, copied into a temporary folder to be read, raised a bare
    OSError on a full temporary disk (a traceback, exit 1: « problems in the plan » for CI)."""
    plan = example_repository(tmp_path / "depot")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    before = files_of(tmp_path / "depot")
    real_write_bytes = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        if self.is_relative_to(temporary):
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    places = {"@plan": str(plan), "@out": str(tmp_path / "sortie")}
    result = run_cli(*(places.get(part, part) for part in command))
    assert result.exit_code == 4, result.stderr
    assert FULL in result.stderr
    assert "Traceback" not in result.stderr
    assert files_of(tmp_path / "depot") == before
    assert list(temporary.iterdir()) == []  # the old plan's copy (contacts) is gone


@pytest.mark.parametrize("force", [False, True], ids=["new", "forcer"])
def test_import_on_a_full_disk_writes_nothing_and_keeps_the_old_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    """The import's files were neither flushed to disk before the rename (a power cut could
    leave a plan of empty files) nor was a write failure said as one: exit 2 (« usage ») in
    the system's English. Now each file is synced, and a full disk is exit 4 in French with
    nothing written and, with --forcer, the previous repository whole."""
    from .import_corpus import build_corpus

    document = build_corpus(tmp_path / "corpus")[0].path
    target = tmp_path / "mon-plan"
    if force:
        first = run_cli("import", document, "-o", target)
        assert first.exit_code == 0, first.stderr
    before = files_of(tmp_path)
    disk_full(monkeypatch)
    args = ["import", document, "-o", target] + (["--forcer"] if force else [])
    result = run_cli(*args)
    assert result.exit_code == 4, result.stderr
    assert FULL in result.stderr and "rien n'a été écrit" in result.stderr
    assert "Traceback" not in result.stderr
    assert files_of(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["corpus"] + (["mon-plan"] if force else [])
    )


def test_a_template_cache_that_cannot_be_written_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jinja keeps compiled templates in the temporary folder. On a full or read-only
    temporary disk its write failed, and the OSError was taken for the template's own: every
    render ended in « corrigez le gabarit » (exit 3). A custom template (never compiled
    before, so its compiled form must be written) renders as if nothing happened."""
    import jinja2.bccache

    from cptsplan.render.environment import _bytecode_cache

    def full(*_args: object, **_kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", full)
    cache = _bytecode_cache()
    assert cache is not None
    bucket = jinja2.bccache.Bucket(jinja2.Environment(), "essai", "somme")
    bucket.code = compile("x = 1", "<essai>", "exec")
    cache.dump_bytecode(bucket)  # no error: the template is compiled again next time
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "couverture.md.j2").write_text(
        "# Page de garde de {{ plan.cpts.nom }} {.unnumbered}\n", encoding="utf-8"
    )
    out = tmp_path / "sortie"
    result = run_cli(
        "render",
        MINIMAL_EXAMPLE,
        "-f",
        "md",
        "-o",
        out / "plan.md",
        "--templates",
        templates,
        "--date",
        DATE,
    )
    assert result.exit_code == 0, result.stderr
    assert "Page de garde de" in (out / "plan.md").read_text(encoding="utf-8")


def _plan_files(folder: Path) -> tuple[Path, Path]:
    """Two plan files as `update --ecrire` replaces them, in its order."""
    first, second = folder / "annuaire.yaml", folder / "plan.yaml"
    first.write_text("ancien 1\n", encoding="utf-8")
    second.write_text("ancien 2\n", encoding="utf-8")
    return first, second


def test_a_failed_put_back_leaves_no_hidden_copy_of_the_old_contacts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old bytes were written to a hidden temporary beside the file, then the rename
    failed: the « .annuaire.yaml.xxxx.tmp » (last year's contacts) stayed in the plan folder,
    where « git add -A » commits it."""
    from cptsplan.errors import CptsplanError
    from cptsplan.update.writing import write_all_atomically

    first, second = _plan_files(tmp_path)
    real_replace = os.replace
    renames: list[str] = []

    def replace(source: str, destination: str | Path) -> None:
        renames.append(Path(destination).name)
        # The first file is replaced; the second is locked; putting the first back fails.
        if Path(destination).name == "plan.yaml" or len(renames) > 2:
            raise PermissionError(errno.EACCES, "Access is denied")
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(CptsplanError) as raised:
        write_all_atomically([(first, "nouveau 1\n"), (second, "nouveau 2\n")])
    assert f"{first} n'a pas pu être remis" in raised.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annuaire.yaml", "plan.yaml"]


def test_an_interruption_that_cannot_put_a_file_back_says_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between two renames, and the first file cannot be put back: the interruption's
    « rien n'est remplacé » would be false; the file is named instead."""
    from cptsplan.errors import CptsplanError
    from cptsplan.update.writing import write_all_atomically

    first, second = _plan_files(tmp_path)
    real_replace = os.replace
    renames: list[str] = []

    def replace(source: str, destination: str | Path) -> None:
        renames.append(Path(destination).name)
        if len(renames) == 2:
            raise KeyboardInterrupt
        if len(renames) > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(CptsplanError) as raised:
        write_all_atomically([(first, "nouveau 1\n"), (second, "nouveau 2\n")])
    assert f"{first} n'a pas pu être remis" in raised.value.message


@pytest.mark.parametrize(
    ("failure", "created"),
    [(errno.EXDEV, True), (errno.EPERM, True), (errno.ENOSPC, False), (errno.EACCES, False)],
    ids=["no-links-exdev", "no-links-eperm", "full-disk", "refused"],
)
def test_init_files_fall_back_to_a_rename_only_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: int, created: bool
) -> None:
    """`create_new` gives a file its name by a hard link; any failure of the link fell back
    to a rename after an existence check (a file created meanwhile would be replaced). Only a
    file system without hard links does now; a full disk or a refused folder is exit 4."""
    from cptsplan.errors import CptsplanError
    from cptsplan.files.output import create_new

    def link(*_args: object) -> None:
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(os, "link", link)
    target = tmp_path / "README.md"
    if created:
        assert create_new(target, b"contenu\n")
        assert target.read_bytes() == b"contenu\n"
    else:
        with pytest.raises(CptsplanError) as raised:
            create_new(target, b"contenu\n")
        assert raised.value.exit_code == 4
        assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == (["README.md"] if created else [])


def test_a_name_is_measured_as_the_system_measures_it(tmp_path: Path) -> None:
    """130 accented letters are 130 characters for NTFS and 260 bytes for ext4: the name was
    refused on Windows too, with a message counting « caractères » (r1 review #10)."""
    from cptsplan.errors import UsageError
    from cptsplan.files.reasons import check_path_length

    accented = tmp_path / ("é" * 130 + ".docx")
    check_path_length(accented, characters=True)  # fine on Windows and macOS
    with pytest.raises(UsageError) as refused:
        check_path_length(accented, characters=False)
    assert "plus de 255 octets" in refused.value.message
    with pytest.raises(UsageError) as too_long:
        check_path_length(tmp_path / ("é" * 256), characters=True)
    assert "plus de 255 caractères" in too_long.value.message
    # A name the disk gave back as bytes (not UTF-8) is measured, not a traceback.
    check_path_length(tmp_path / "plan-\udce9.docx", characters=False)
