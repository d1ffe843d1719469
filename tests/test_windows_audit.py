"""What a coordinator on Windows meets, forced on Linux (second audit, after
test_windows_simulated.py): a `.cptsplan.yaml` written on Windows and read by a Linux CI,
read-only files and files held open by another program (Windows refuses to replace or
delete them), characters a code page lacks. Each test forces the Windows behaviour; what
only Windows itself can confirm is listed in docs/installation.md."""

from __future__ import annotations

import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import unicodedata
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from cptsplan.cli import main
from cptsplan.files import output, processes

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, git, run_cli

DATE = "2026-11-23"

# -- `plan:` in .cptsplan.yaml, written on Windows, read everywhere ---------------------------


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose plan lies in `plan/sous-dossier`, the current folder."""
    root = tmp_path / "depot"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(MINIMAL_EXAMPLE, root / "plan" / "sous-dossier")
    monkeypatch.chdir(root)
    return root


def configure(root: Path, value: str) -> None:
    (root / ".cptsplan.yaml").write_text(f"plan: '{value}'\n", encoding="utf-8")


def test_a_plan_folder_written_with_backslashes_is_found_on_linux(repository: Path) -> None:
    """Typed on Windows, `plan\\sous-dossier` worked there; the Linux CI read one file name
    with a backslash in it: « chemin introuvable » (or, given the folder, « lien symbolique
    vers un fichier absent »)."""
    configure(repository, "plan\\sous-dossier")
    for args in (("validate",), ("validate", ".")):
        result = run_cli(*args, "--bloquant", "structure")
        assert result.exit_code == 0, (args, result.stderr)
        assert "plan/sous-dossier" in result.stdout
    assert run_cli("render", ".", "-f", "md").exit_code == 0
    assert [p.suffix for p in (repository / "build").iterdir()] == [".md"]


@pytest.mark.parametrize(
    "value", ["C:\\plans", "C:plan", "\\\\serveur\\partage\\plan", "\\plan", "/plan"]
)
def test_a_drive_or_a_share_is_refused_as_outside_the_repository(
    repository: Path, value: str
) -> None:
    """On Windows `C:\\plans` is another folder of the disk: refused there, and on Linux too,
    where it used to pass the check as a name inside the repository."""
    configure(repository, value)
    result = run_cli("validate")
    assert result.exit_code == 3
    assert "la clé « plan »" in result.stderr and "hors du dépôt" in result.stderr


def test_a_plan_folder_spelt_in_another_case_is_refused_with_its_spelling(
    repository: Path,
) -> None:
    """Windows finds `Plan/Sous-Dossier` when the folder is `plan/sous-dossier`; the CI on
    Linux then finds nothing. Refused on every system, with the disk's spelling."""
    configure(repository, "Plan\\Sous-Dossier")
    for args in (("validate",), ("render", ".", "-f", "md")):
        result = run_cli(*args)
        assert result.exit_code == 3, (args, result.stderr)
        assert "s'écrit « plan/sous-dossier » sur le disque" in result.stderr
        assert "écrivez « plan: plan/sous-dossier »" in result.stderr
    assert not (repository / "build").exists()


def test_a_missing_plan_folder_is_a_configuration_error(repository: Path) -> None:
    configure(repository, "plan/nulle-part")
    for args in (("validate",), ("validate", "."), ("render", ".", "-f", "md")):
        result = run_cli(*args)
        assert result.exit_code == 3, (args, result.stderr)
        assert "le dossier du plan (« plan: »)" in result.stderr
        assert "n'existe pas" in result.stderr and "lien symbolique" not in result.stderr


# -- Files Windows refuses to replace or delete ----------------------------------------------


def windows_files(monkeypatch: pytest.MonkeyPatch, *held: Path) -> None:
    """Files behave as on Windows: no owner ids; a read-only file (no write permission: its
    « Lecture seule » attribute) cannot be replaced nor deleted; a file `held` open by Word
    or a PDF viewer (no FILE_SHARE_DELETE) cannot be replaced, moved nor deleted under any
    of its names (hard links included: the lock is the file's, not the name's)."""
    # The modules that write files think they run on Windows (not the whole run: pandoc and
    # git would be looked for as .exe).
    for module in (output, processes):
        monkeypatch.setattr(module, "sys", SimpleNamespace(platform="win32"))
    locked = {os.stat(path).st_ino for path in held}
    real_replace, real_unlink = os.replace, os.unlink

    def refused(path: str | Path, deleted: bool) -> bool:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return False
        return info.st_ino in locked or (deleted and not info.st_mode & stat.S_IWUSR)

    def replace(source: str | Path, destination: str | Path) -> None:
        if refused(source, deleted=False) or refused(destination, deleted=True):
            raise PermissionError(13, "Accès refusé", str(destination))
        real_replace(source, destination)

    def unlink(path: str | Path, *, dir_fd: int | None = None) -> None:
        if dir_fd is None and refused(path, deleted=True):
            raise PermissionError(13, "Accès refusé", str(path))
        real_unlink(path, dir_fd=dir_fd)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "remove", unlink)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    return folder


def test_a_document_held_open_leaves_no_second_name_behind(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The previous document was kept under a second name (a hard link) to be put back; with
    Word holding it, Windows refused to delete that name: a `.plan.html.….old` stayed."""
    out = tmp_path / "sortie"
    out.mkdir()
    for name in ("plan.md", "plan.html"):
        (out / name).write_text(f"ancien {name}", encoding="utf-8")
    windows_files(monkeypatch, out / "plan.html")
    result = run_cli("render", plan, "-f", "md,html", "-o", out / "plan", "--date", DATE)
    assert result.exit_code == 4
    assert (
        "fermez le fichier plan.html dans le navigateur, Word ou l'éditeur de texte"
        in result.stderr
    )
    assert (out / "plan.md").read_text(encoding="utf-8") == "ancien plan.md"
    assert (out / "plan.html").read_text(encoding="utf-8") == "ancien plan.html"
    assert sorted(p.name for p in out.iterdir()) == ["plan.html", "plan.md"]


def test_a_read_only_document_is_replaced_and_stays_read_only(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document marked read-only (a copy from a CD, a shared folder): Windows refused to
    replace it (exit 4, « fermez le fichier » for a file nobody held) and to delete the
    temporary that took its permissions, left in the folder. It is replaced, as on Linux."""
    out = tmp_path / "sortie"
    out.mkdir()
    document = out / "plan.md"
    document.write_text("ancien", encoding="utf-8")
    document.chmod(0o444)
    windows_files(monkeypatch)
    result = run_cli("render", plan, "-f", "md", "-o", document, "--date", DATE)
    assert result.exit_code == 0, result.stderr
    assert document.read_text(encoding="utf-8") != "ancien"
    assert not document.stat().st_mode & stat.S_IWUSR
    assert [p.name for p in out.iterdir()] == ["plan.md"]


def test_a_read_only_plan_file_stops_update_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a read-only plan file: the message said to close it in the
    editor, and the temporary file (read-only like it) stayed in the plan folder."""
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "v2.1")
    before = (plan / "plan.yaml").read_bytes()
    (plan / "plan.yaml").chmod(0o444)
    windows_files(monkeypatch)
    result = run_cli("update", plan, "--ecrire", "--date", DATE)
    assert result.exit_code == 4
    assert "plan.yaml impossible : le fichier est en lecture seule" in result.stderr
    assert "Lecture seule" in result.stderr and "Traceback" not in result.stderr
    assert (plan / "plan.yaml").read_bytes() == before
    assert not [p for p in plan.iterdir() if p.name.startswith(".")]


# -- Characters a code page lacks ------------------------------------------------------------


def test_diff_headings_keep_their_separator_on_a_windows_code_page(tmp_path: Path) -> None:
    """« Maîtrise du document › Version du plan »: cp850 (the console's OEM code page) and
    ASCII have no « › », which was printed as « ? »."""
    old, new = tmp_path / "ancien", tmp_path / "nouveau"
    shutil.copytree(MINIMAL_EXAMPLE, old)
    shutil.copytree(MINIMAL_EXAMPLE, new)
    document = new / "plan.yaml"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace('version: "1.0"', 'version: "1.1"', 1), encoding="utf-8")
    assert document.read_text(encoding="utf-8") != text
    for encoding in ("cp850", "ascii"):
        done = subprocess.run(
            [sys.executable, "-m", "cptsplan", "diff", old, new],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": encoding},
            check=False,
        )
        lines = done.stdout.decode(encoding).splitlines()
        assert done.returncode == 0, done.stderr
        assert "Version du plan" in "".join(lines)
        assert not [line for line in lines if "?" in line], lines


def test_every_symbol_of_the_messages_has_a_plain_form() -> None:
    """Each character outside Latin letters that the messages use prints as itself or a
    plain form on cp850, cp1252 and ASCII, never as « ? » (cli/console.py)."""
    from cptsplan.cli.console import plain

    source = Path(__file__).parents[1] / "src" / "cptsplan"
    used = {
        char
        for folder in ("cli", "diff", "messages", "reporters", "update", "annuaire", "load")
        for path in (source / folder).rglob("*.py")
        for char in path.read_text(encoding="utf-8")
        if ord(char) > 127 and unicodedata.category(char)[0] in "PSN"
    }
    for encoding in ("cp850", "cp1252", "ascii"):
        missing = set()
        for char in used:
            try:
                char.encode(encoding)
            except UnicodeEncodeError:
                if plain(char, encoding) == "?":
                    missing.add(char)
        assert not missing, (encoding, sorted(missing))


# -- The command line of pandoc --------------------------------------------------------------

WINDOWS_COMMAND_LINE = 32_767
"""Characters of a command line CreateProcess accepts (longer: WinError 206)."""


def test_a_large_custom_stylesheet_fits_on_the_windows_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A custom `plan-sse.css` went to pandoc as a --variable on its command line: from 32 KB
    of CSS the HTML failed on Windows (« pandoc n'a pas pu être lancé », exit 3), from 128 KB
    on Linux too. The values now go through a file of pandoc's private folder."""
    from cptsplan.files import pandoc

    folder = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    (folder / "templates").mkdir()
    rules = "".join(f".classe-{n} {{ margin: {n % 7}px; }}\n" for n in range(2500))
    (folder / "templates" / "plan-sse.css").write_text(rules, encoding="utf-8")
    assert len(rules) > WINDOWS_COMMAND_LINE
    real_popen = subprocess.Popen
    longest = []

    def popen(command: list[str], **options: object) -> subprocess.Popen[bytes]:
        longest.append(len(subprocess.list2cmdline(command)))
        if longest[-1] > WINDOWS_COMMAND_LINE:
            raise OSError(206, "Nom de fichier ou extension trop long")
        return real_popen(command, **options)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(pandoc.subprocess, "Popen", popen)
    page = tmp_path / "plan.html"
    result = run_cli("render", folder, "-f", "html,docx", "-o", page, "--date", DATE)
    assert result.exit_code == 0, result.stderr
    assert ".classe-2499 { margin: 0px; }" in page.read_text(encoding="utf-8")
    assert longest and max(longest) < 2_000


# -- Names Windows refuses -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Plan SSE : v2", "« : »"),
        ('plan "final"', '« " »'),
        ("plan?", "« ? »"),
        ("plan<2>", "« < », « > »"),
        ("plan|x", "« | »"),
        ("plan*", "« * »"),
        ("plan\\v2", "« \\ »"),
    ],
)
def test_a_name_windows_refuses_is_refused_as_an_output(
    plan: Path, tmp_path: Path, name: str, said: str
) -> None:
    """`-o "Plan SSE : v2"` (French typography puts spaces around a colon): on Windows the
    document went into a hidden stream of a file named `Plan SSE ` (NTFS alternate data
    streams), seen empty; the other characters failed with « Invalid argument » (exit 4)
    after the whole render. Refused at once on every system (a name written on Linux would
    break the Windows clones of the repository), like the reserved names."""
    out = tmp_path / "sortie"
    out.mkdir()
    result = run_cli("render", plan, "-f", "md", "-o", out / name, "--date", DATE)
    assert result.exit_code == 2
    assert f"contient le caractère {said}" in result.stderr
    assert "que Windows n'accepte pas dans un nom de fichier : rien n'est écrit" in result.stderr
    assert not list(out.iterdir())


@pytest.mark.parametrize("name", ["annuaire.", "annuaire "])
def test_a_name_ending_with_a_dot_or_a_space_is_refused(
    plan: Path, tmp_path: Path, name: str
) -> None:
    """Windows drops a final dot or space: `annuaire.` became `annuaire`, another file than
    the one asked for (and the one a Linux run wrote, which Windows cannot open)."""
    result = run_cli(
        "annuaire", "exporter", plan, "-f", "csv", "-o", tmp_path / name, "--date", DATE
    )
    assert result.exit_code == 2
    assert "un point ou une espace à la fin" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]


def test_ordinary_names_with_accents_spaces_and_dots_are_accepted(
    plan: Path, tmp_path: Path
) -> None:
    out = tmp_path / "Mes documents"
    out.mkdir()
    result = run_cli("render", plan, "-f", "md", "-o", out / "Plan SSE v2.1 – été", "--date", DATE)
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["Plan SSE v2.1 – été.md"]


# -- Which git runs -------------------------------------------------------------------------


def test_on_windows_only_git_exe_is_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PATHEXT made a `git.bat` or `git.cmd` (found before `git.exe`, or alone) the git to
    run: cmd.exe then reads `&` or `%VAR%` in the arguments (a plan folder `R&D`) as its own
    commands. Only `git.exe` is taken."""
    from cptsplan.repository import git

    scripts, programs = tmp_path / "scripts", tmp_path / "programmes"
    for folder, name in ((scripts, "git.cmd"), (scripts, "git.bat"), (programs, "git.exe")):
        folder.mkdir(exist_ok=True)
        (folder / name).write_bytes(b"")
        (folder / name).chmod(0o755)
    monkeypatch.setattr(git, "sys", SimpleNamespace(platform="win32"))
    monkeypatch.setenv("PATHEXT", ".COM;.EXE;.BAT;.CMD")
    monkeypatch.setenv("PATH", os.pathsep.join([str(scripts), str(programs)]))
    assert git.git_program() == str(programs / "git.exe")
    monkeypatch.setenv("PATH", str(scripts))
    assert git.git_program() is None


# -- Colours on a console that does not read ANSI codes --------------------------------------


class Terminal(io.TextIOWrapper):
    """A stdout that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def diff_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    old, new = tmp_path / "ancien.yaml", tmp_path / "nouveau.yaml"
    shutil.copy(MINIMAL_EXAMPLE / "plan.yaml", old)
    text = old.read_text(encoding="utf-8")
    new.write_text(text.replace('version: "1.0"', 'version: "1.1"', 1), encoding="utf-8")
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", Terminal(raw, encoding="utf-8", write_through=True))
    monkeypatch.setattr(sys, "argv", ["cptsplan", "diff", str(old), str(new)])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code in (0, None)
    return raw.getvalue().decode("utf-8")


def test_diff_has_no_colour_codes_on_a_console_that_would_print_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`diff` coloured its text with ANSI codes whenever stdout was a terminal: the classic
    console of Windows 10 (cmd.exe, PowerShell 5) printed « ←[32m » around every change. The
    codes go out only where the console shows them (on Windows, once its virtual-terminal
    mode is on: only a real Windows console can confirm that call)."""
    from cptsplan.cli import console

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in diff_on_a_terminal(monkeypatch, tmp_path)  # a terminal that reads them
    monkeypatch.setattr(console, "_virtual_terminal", lambda stream: False)
    plain = diff_on_a_terminal(monkeypatch, tmp_path)
    assert "\x1b" not in plain and "Version du plan" in plain


def test_diff_has_no_colour_codes_under_no_color(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in diff_on_a_terminal(monkeypatch, tmp_path)


# -- Binary files read through os.open -------------------------------------------------------

O_BINARY = 0x8000
"""Windows' value; stripped before the real call (on Linux that bit means something else)."""


def windows_text_mode(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """os.open as on Windows: without O_BINARY a file opened for reading gives a text-mode
    descriptor, whose reads turn CRLF into LF and stop at the first Ctrl-Z (0x1A), what the
    C runtime's _read does (CPython's os.open adds no O_BINARY of its own)."""
    monkeypatch.setattr(os, "O_BINARY", O_BINARY, raising=False)
    real_open = os.open
    copies = folder / "lectures-texte"
    copies.mkdir()

    def text_open(path: str | Path, flags: int, mode: int = 0o777, **options: int | None) -> int:
        descriptor = real_open(path, flags & ~O_BINARY, mode, **options)
        if flags & (O_BINARY | os.O_WRONLY | os.O_RDWR) or not stat.S_ISREG(
            os.fstat(descriptor).st_mode
        ):
            return descriptor
        with os.fdopen(descriptor, "rb") as stream:
            data = stream.read()
        copy = copies / str(len(list(copies.iterdir())))
        copy.write_bytes(data.replace(b"\r\n", b"\n").split(b"\x1a", 1)[0])
        return real_open(copy, os.O_RDONLY)

    monkeypatch.setattr(os, "open", text_open)


def test_figures_and_the_reference_document_are_read_whole_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every DOCX failed on Windows (the bundled reference.docx, a zip, came out of os.open
    cut and altered) and every PNG figure was refused (its signature holds CRLF and Ctrl-Z)."""
    from .test_figures import png

    folder = tmp_path / "plan"
    folder.mkdir()
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    (folder / "plan.yaml").write_text(
        text + "\nfigures:\n  - id: carte\n    fichier: carte.png\n"
        "    legende: Carte du territoire\n    section: territoire\n",
        encoding="utf-8",
    )
    (folder / "carte.png").write_bytes(png())
    windows_text_mode(monkeypatch, tmp_path)
    out = tmp_path / "sortie"
    out.mkdir()
    result = run_cli("render", folder, "-f", "docx,html", "-o", out / "plan", "--date", DATE)
    assert result.exit_code == 0, result.stdout + result.stderr
    with zipfile.ZipFile(out / "plan.docx") as document:
        media = [name for name in document.namelist() if name.startswith("word/media/")]
        assert len(media) == 1 and document.read(media[0]) == png()
    assert "Carte du territoire" in (out / "plan.html").read_text(encoding="utf-8")


# -- Figure paths written on Windows ---------------------------------------------------------


def plan_with_figure(root: Path, written: str, on_disk: str) -> Path:
    from .test_figures import png

    folder = root / "plan"
    folder.mkdir()
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    (folder / "plan.yaml").write_text(
        text + f"\nfigures:\n  - id: carte\n    fichier: '{written}'\n"
        "    legende: Carte du territoire\n    section: territoire\n",
        encoding="utf-8",
    )
    (folder / on_disk).parent.mkdir(parents=True, exist_ok=True)
    (folder / on_disk).write_bytes(png())
    return folder


def test_a_figure_path_with_backslashes_is_found_on_linux(tmp_path: Path) -> None:
    """`fichier: images\\carte.png`, copied from the Explorer, worked on Windows; the CI on
    Linux said « image introuvable »."""
    folder = plan_with_figure(tmp_path, "images\\carte.png", "images/carte.png")
    result = run_cli("validate", folder, "--date", DATE)
    assert "figure-invalide" not in result.stdout, result.stdout
    out = tmp_path / "plan.html"
    assert run_cli("render", folder, "-f", "html", "-o", out, "--date", DATE).exit_code == 0
    assert "Carte du territoire" in out.read_text(encoding="utf-8")
    page = tmp_path / "plan.md"
    assert run_cli("render", folder, "-f", "md", "-o", page, "--date", DATE).exit_code == 0
    assert "](images/carte.png)" in page.read_text(encoding="utf-8")  # a link that works


@pytest.mark.parametrize("system", ["linux", "windows"])
def test_a_figure_spelt_in_another_case_is_refused_with_its_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, system: str
) -> None:
    """`Images/Carte.PNG` for images/carte.png: found on Windows (and macOS), so the plan
    passed there and failed on the CI. Refused everywhere, with the disk's spelling."""
    folder = plan_with_figure(tmp_path, "Images/Carte.PNG", "images/carte.png")
    if system == "windows":  # the file system finds the file whatever the case
        real_resolve = Path.resolve

        def resolve(self: Path, strict: bool = False) -> Path:
            lowered = Path(str(self).replace("Images/Carte.PNG", "images/carte.png"))
            return real_resolve(lowered, strict=strict)

        monkeypatch.setattr(Path, "resolve", resolve)
    result = run_cli("validate", folder, "--date", DATE)
    assert result.exit_code == 1
    assert "figure-invalide" in result.stdout
    assert "le fichier s'écrit « images/carte.png » sur le disque" in result.stdout
    assert "écrivez « fichier: images/carte.png »" in result.stdout


@pytest.mark.parametrize("written", ["C:\\Users\\moi\\carte.png", "\\\\serveur\\carte.png"])
def test_a_figure_on_a_drive_or_a_share_is_refused_as_absolute(
    tmp_path: Path, written: str
) -> None:
    folder = plan_with_figure(tmp_path, written, "carte.png")
    result = run_cli("validate", folder, "--date", DATE)
    assert result.exit_code == 1
    assert "est absolu" in result.stdout


# -- Worker processes ------------------------------------------------------------------------


def test_batch_validation_asks_windows_for_at_most_61_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ProcessPoolExecutor refuses more than 61 workers on Windows (ValueError, a traceback):
    `validate --jobs 64` on many plans, or `--jobs 0` on a machine of 64 cores."""
    from cptsplan.cli import validation

    monkeypatch.setattr(validation, "sys", SimpleNamespace(platform="win32"))
    monkeypatch.setattr(os, "cpu_count", lambda: 128)
    assert validation._workers(64) == 61
    assert validation._workers(0) == 61
    assert validation._workers(4) == 4
    monkeypatch.setattr(validation, "sys", SimpleNamespace(platform="linux"))
    assert validation._workers(0) == 128


# -- Ctrl-C while the conversions run --------------------------------------------------------


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_ctrl_c_stops_the_conversions_at_once_even_where_a_wait_cannot_be_interrupted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before Python 3.14, waiting on a lock (Thread.join without a timeout) cannot be
    interrupted on Windows: Ctrl-C during `render` waited for the end of the conversion
    (up to pandoc's time limit). Here an untimed join blocks SIGINT as Windows does; the
    wait is in slices, so the signal stops the render while the conversion still runs."""
    real_join = threading.Thread.join

    def join(self: threading.Thread, timeout: float | None = None) -> None:
        if timeout is not None:
            real_join(self, timeout)
            return
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            real_join(self)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    monkeypatch.setattr(threading.Thread, "join", join)
    release, finished = threading.Event(), threading.Event()

    def conversion() -> str:
        release.wait(10)  # a long conversion, until told to end
        finished.set()
        return "document"

    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    try:
        with processes.interruptible(), pytest.raises(processes.Interrupted):
            timer.start()
            processes.side_by_side({"pdf": conversion})
        assert not finished.is_set()
    finally:
        timer.cancel()
        release.set()
