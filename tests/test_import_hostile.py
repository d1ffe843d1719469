"""Hostile or wrong documents given to `cptsplan import`: refused in French with exit code 2
before pandoc reads them, nothing written; an existing folder is never overwritten."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from .conftest import run_cli

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"/>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(path: Path, body: str, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>',
        )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def refused(tmp_path: Path, document: Path, words: str) -> None:
    out = tmp_path / "mon-plan"
    result = run_cli("import", document, "-o", out)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "erreur :" in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".mon-plan")] == []


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bombe.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", f"<w:document {W}/>")
        with archive.open("word/media/vide.bin", "w") as stream:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):
                stream.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    refused(tmp_path, path, "démesuré")


def test_billion_laughs_and_external_entities_are_refused(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "rires.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", laughs)
    refused(tmp_path, path, "DTD")
    external = tmp_path / "externe.docx"
    docx(
        external,
        "<w:p/>",
        {"word/styles.xml": b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'},
    )
    refused(tmp_path, external, "DTD")


def test_ten_thousand_tables_are_refused(tmp_path: Path) -> None:
    table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    refused(tmp_path, docx(tmp_path / "tableaux.docx", table * 10_000), "tableaux")


def test_macros_are_refused(tmp_path: Path) -> None:
    refused(tmp_path, docx(tmp_path / "plan.docm", "<w:p/>"), "macros")
    hidden = docx(tmp_path / "cache.docx", "<w:p/>", {"word/vbaProject.bin": b"\0" * 10})
    refused(tmp_path, hidden, "macros")


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("plan.docx", b"%PDF-1.7\n...", "PDF"),
        ("plan.pdf", b"%PDF-1.4\n...", "PDF"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".doc"),
        ("plan.docx", b"ceci n'est pas un document", "n'est pas un vrai fichier"),
        ("plan.txt", b"texte", "non pris en charge"),
    ],
)
def test_other_kinds_of_files_are_refused_with_how_to_save_as_docx(
    tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    refused(tmp_path, path, words)
    result = run_cli("import", path, "-o", tmp_path / "x")
    assert "Enregistrer sous" in result.stderr or "enregistrer" in result.stderr.lower()


def test_a_non_empty_folder_is_never_overwritten_unless_forced(tmp_path: Path) -> None:
    from docx import Document

    document = tmp_path / "plan.docx"
    word = Document()
    word.add_paragraph("Plan SSE de la CPTS du Val")
    word.save(str(document))
    out = tmp_path / "mon-plan"
    out.mkdir()
    (out / "notes.txt").write_text("à garder", encoding="utf-8")
    result = run_cli("import", document, "-o", out)
    assert result.exit_code == 2 and "--forcer" in result.stderr
    assert (out / "notes.txt").read_text(encoding="utf-8") == "à garder"
    result = run_cli("importer", document, "-o", out, "--forcer")
    assert result.exit_code == 0, result.stderr
    assert (out / "plan" / "plan.yaml").is_file() and not (out / "notes.txt").exists()


def test_a_damaged_document_is_refused_without_traceback(tmp_path: Path) -> None:
    refused(tmp_path, docx(tmp_path / "abime.docx", "<w:p/>"), "endommagé")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from .import_corpus import build_hostile

    return build_hostile(tmp_path_factory.mktemp("hostiles"))


def test_every_hostile_document_of_the_corpus_is_refused(
    hostile: dict[str, Path], tmp_path: Path
) -> None:
    """The corpus's hostile documents (tests/import_corpus/hostile.py): exit 2, a French
    message, no traceback, nothing written (the deep nesting included: pandoc never sees it)."""
    assert len(hostile) >= 15
    for name, document in hostile.items():
        out = tmp_path / name
        result = run_cli("import", document, "-o", out)
        assert result.exit_code == 2, (name, result.stdout, result.stderr)
        assert result.stderr.startswith("erreur : "), name
        assert "Traceback" not in result.stderr, name
        assert not out.exists(), name
    assert not Path("/tmp/cptsplan-evil-absolu").exists()


def test_forcer_never_empties_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx import Document

    document = tmp_path / "plan.docx"
    Document().save(str(document))
    (tmp_path / "notes.txt").write_text("à garder", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("import", document, "-o", ".", "--forcer")
    assert result.exit_code == 2 and "dossier courant" in result.stderr
    assert (tmp_path / "notes.txt").exists() and document.exists()


def _word_plan(tmp_path: Path) -> Path:
    from docx import Document

    document = tmp_path / "plan.docx"
    word = Document()
    word.add_paragraph("Plan SSE de la CPTS du Val")
    word.save(str(document))
    return document


def test_forcer_over_an_earlier_import_replaces_its_git_history(tmp_path: Path) -> None:
    """The usual second try: `import --forcer` into the folder a first import made, with its
    git repository (whose objects git writes read-only)."""
    document, out = _word_plan(tmp_path), tmp_path / "mon-plan"
    assert run_cli("import", document, "-o", out).exit_code == 0
    (out / "plan" / "plan.yaml").write_text("# modifié\n", encoding="utf-8")
    result = run_cli("import", document, "-o", out, "--forcer")
    assert result.exit_code == 0, result.stderr
    assert "Plan SSE" in (out / "plan" / "plan.yaml").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failed_forced_import_leaves_the_old_folder_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new folder cannot be put in place (a viewer holds a file on Windows, a full
    disk): the folder being replaced was deleted first, half of it on Windows, and the
    message said « rien n'a été écrit ». It is now renamed aside, and put back."""
    import os

    document, out = _word_plan(tmp_path), tmp_path / "mon-plan"
    out.mkdir()
    (out / "notes.txt").write_text("à garder", encoding="utf-8")
    real_replace = os.replace

    def refuse(source: object, target: object) -> None:
        if str(source).startswith(str(tmp_path / ".mon-plan.import-")):
            raise PermissionError(13, "Accès refusé")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", refuse)
    result = run_cli("import", document, "-o", out, "--forcer")
    assert result.exit_code == 4  # a write that failed, as for every writer
    assert "rien n'a été écrit, son ancien contenu est intact" in result.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_old_folder_that_cannot_be_removed_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replaced, but the old copy could not be removed (Windows: a file held open): the
    import succeeds and says where the old copy stays, rather than leave it unsaid."""
    from cptsplan.files import processes

    document, out = _word_plan(tmp_path), tmp_path / "mon-plan"
    out.mkdir()
    (out / "notes.txt").write_text("ancien", encoding="utf-8")
    monkeypatch.setattr(processes, "remove_tree", lambda folder: False)
    result = run_cli("import", document, "-o", out, "--forcer")
    assert result.exit_code == 0, result.stderr
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".mon-plan.ancien-")]
    assert len(left) == 1 and (left[0] / "notes.txt").read_text(encoding="utf-8") == "ancien"
    assert f"mis de côté dans {left[0]}" in result.stderr


def test_the_old_folder_is_removed_on_windows_though_git_wrote_it_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to delete a read-only file: simulated by a deletion that refuses a
    file while it is read-only, as Windows does; remove_tree clears the flag and retries."""
    import os
    import stat
    import sys

    from cptsplan.files.processes import remove_tree

    folder = tmp_path / ".ancien"
    (folder / ".git" / "objects" / "ab").mkdir(parents=True)
    locked = folder / ".git" / "objects" / "ab" / "cdef"
    locked.write_bytes(b"x")
    os.chmod(locked, stat.S_IREAD)
    real_unlink = os.unlink

    def windows_unlink(path: object, *args: object, **kwargs: object) -> None:
        if not os.stat(path, dir_fd=kwargs.get("dir_fd")).st_mode & stat.S_IWRITE:  # type: ignore[arg-type]
            raise PermissionError(13, "Accès refusé", str(path))
        real_unlink(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "unlink", windows_unlink)
    assert remove_tree(folder) is True
    assert not folder.exists()
