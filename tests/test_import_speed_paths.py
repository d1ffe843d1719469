"""The faster paths of the import (issue 18's duration goal) give what the plain ones gave:
each replaced computation is compared here with the one it replaced, on inputs made to hit
its edge cases, and the document's own XML read in a thread while pandoc runs gives what
the import read after pandoc before (same blocks, same plan, same errors)."""

from __future__ import annotations

import random
import re
import threading
from collections import Counter
from pathlib import Path

import pytest

from cptsplan.errors import UsageError
from cptsplan.importer import build, generic, lookup, placing, read, revisions
from cptsplan.importer.person_names import TITLES
from tests.import_corpus import doc_messy

# The patterns revisions.py used before the « < » was written once for all the marks.
_OLD_MARKS = {
    "word/document.xml": re.compile(
        rb"(?P<insertions><w:ins[ >])|(?P<deletions><w:del[ >])|(?P<moves><w:moveFrom[ >])"
        rb"|(?P<objects><o:OLEObject[ >]|<w:altChunk[ >])"
        rb'|(?P<hidden><w:vanish(?:\s*/>|\s+w:val="(?:1|true|on)"))'
    ),
    "word/comments.xml": re.compile(rb"(?P<comments><w:comment[ >])"),
    "content.xml": re.compile(
        rb"(?P<changes><text:changed-region[ >])|(?P<comments><office:annotation[ >])"
        rb"|(?P<objects><draw:object(?:-ole)?[ >])"
    ),
}
_FRAGMENTS = [
    b"<w:ins ", b"<w:ins>", b"<w:instrText>", b"<w:insideH/>", b"<w:del ", b"<w:delText>",
    b"<w:moveFrom>", b"<w:moveFromRangeStart/>", b"<o:OLEObject ", b"<w:altChunk r:id='x'/>",
    b"<w:vanish/>", b"<w:vanish />", b'<w:vanish w:val="0"/>', b'<w:vanish w:val="true"/>',
    b'<w:vanish  w:val="on"/>', b"<w:comment ", b"<w:commentReference/>", b"<w:p>", b"</w:p>",
    b"<text:changed-region>", b"<text:changed-region-x>", b"<office:annotation>",
    b"<office:annotation-end/>", b"<draw:object ", b"<draw:object-ole>", b"<draw:objects>",
    b"<", b"<<w:ins ", b" ", b"text", b"\n",
]  # fmt: skip


def test_revision_marks_are_found_as_the_alternation_found_them() -> None:
    draw = random.Random(18)
    for _ in range(300):
        body = b"".join(draw.choice(_FRAGMENTS) for _ in range(draw.randint(0, 60)))
        for kind in ("docx", "odt"):
            for part, pattern in revisions._PARTS[kind].items():
                new = [(m.lastgroup, m.end()) for m in pattern.finditer(body)]
                old = [(m.lastgroup, m.end()) for m in _OLD_MARKS[part].finditer(body)]
                assert new == old


def test_revision_counts_of_a_reviewed_document_are_unchanged(tmp_path: Path) -> None:
    import zipfile

    body = b"".join(random.Random(7).choice(_FRAGMENTS) for _ in range(40_000))
    path = tmp_path / "relu.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", body)
        archive.writestr("word/comments.xml", b"<w:comment w:id='1'/>" * 3)
    expected = Counter(m.lastgroup for m in _OLD_MARKS["word/document.xml"].finditer(body))
    counts = revisions.revision_counts(path, "docx")
    assert counts["comments"] == 3
    assert all(counts[what] == expected.get(what, 0) for what in counts if what != "comments")
    assert sum(counts.values()) > 100  # the sample holds marks of every kind


_TEXTS = [
    "", " ", "a", "Ab", "\u2010", "\u2011", "06\u201112\u201134", "\u00a0", "\u202f", "\u2060",
    "\u200b", "\ufeff", "\u00ad", "\n", "\t", "ß", "İ", "Σ", "ς", "Élevé", "œ", "-", "_", "’",
    "ﬁ", "１２", "|", " / ", "x\u2010y",
]  # fmt: skip


def _sample(draw: random.Random) -> str:
    return "".join(draw.choice(_TEXTS) for _ in range(draw.randint(0, 12)))


def test_clean_is_unchanged() -> None:
    spaces = re.compile(r"[ \t\u00a0\u202f\u2007]+")

    def old(text: str) -> str:
        text = read._INVISIBLE.sub("", text).translate(read._HYPHENS)
        lines = [spaces.sub(" ", line).strip() for line in text.split("\n")]
        return "\n".join(line for line in lines if line)

    draw = random.Random(3)
    for _ in range(3000):
        text = _sample(draw)
        assert read.clean(text) == old(text)


def test_squeezing_values_one_by_one_is_squeezing_their_joined_text() -> None:
    """margins.keep_margins squeezes each value (cached) instead of their joined text."""
    draw = random.Random(5)
    for _ in range(2000):
        values = [_sample(draw) for _ in range(draw.randint(0, 6))]
        joined = re.sub(r"[\W_]+", "", " ".join(values).casefold())
        assert "".join(placing.squeeze(value) for value in values) == joined


def test_name_words_are_unchanged() -> None:
    def old(entry: dict[str, object]) -> list[str]:
        text = f"{entry.get('prenom') or ''} {entry.get('nom') or ''}"
        return [w for w in lookup._tokens(text) if w not in TITLES]

    entries: list[dict[str, object]] = [
        {"nom": "ROUSSEAU", "prenom": "Agnès"}, {"nom": "Dr Claire Vandamme"}, {"nom": None},
        {"prenom": "Jean-Marc", "nom": "Le Goff"}, {"nom": "SAMU 59"}, {}, {"nom": 42},
        {"nom": "Pr Élodie D'Hondt", "prenom": ""},
    ]  # fmt: skip
    for entry in entries:
        assert list(lookup.names_of(entry)) == old(entry)


def test_header_words_of_the_candidates_are_computed_as_before() -> None:
    words = generic._candidate_words()
    assert len(words) == len(generic.candidates())
    for _path, item in generic.candidates():
        fields = item["properties"]
        old = [(n, generic._words(n, f)) for n, f in fields.items() if n != "id"]
        assert words[id(item)] == old == generic._field_words(item)


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus's messy plan: a text box, grouped shapes pandoc misses, a header and a
    footer, tracked changes and a comment (everything the thread reads)."""
    return doc_messy.build(tmp_path_factory.mktemp("rapide")).path


def test_the_threaded_reading_gives_what_the_sequential_one_gave(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cptsplan.importer.margins import margin_lines
    from cptsplan.importer.revisions import revision_counts

    threaded = build.import_document(messy)
    assert not [t for t in threading.enumerate() if t.name == "cptsplan-import-xml"]

    class InTurn(build._OwnXml):
        """The same readings, one after the other in the importing thread, after pandoc."""

        def start(self) -> None:
            pass

        def join(self, timeout: float | None = None) -> None:
            self.run()

    monkeypatch.setattr(build, "_OwnXml", InTurn)
    in_turn = build.import_document(messy)
    assert threaded.plan == in_turn.plan
    assert threaded.report == in_turn.report
    counts = revision_counts(messy, "docx")
    assert counts["insertions"] and counts["comments"]  # what the thread reads is there
    assert margin_lines(messy, "docx")
    assert "1 commentaire de relecture" in threaded.report


def test_an_error_of_the_thread_reaches_the_import(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cptsplan.importer import rescue

    def fails(path: Path, kind: str) -> object:
        raise UsageError("lecture impossible")

    monkeypatch.setattr(rescue, "document_paragraphs", fails)
    with pytest.raises(UsageError, match="lecture impossible"):
        build.import_document(messy)


def test_a_document_pandoc_cannot_read_ends_the_thread_too(
    messy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cptsplan.errors import RenderingError
    from cptsplan.files import pandoc

    def damaged(data: bytes, reader: str) -> bytes:
        raise RenderingError("Unexpected end of input")

    monkeypatch.setattr(pandoc, "read_document", damaged)
    with pytest.raises(UsageError, match="endommagé"):
        build.import_document(messy)
    assert not [t for t in threading.enumerate() if t.name == "cptsplan-import-xml"]


def test_without_a_thread_to_be_had_the_import_reads_in_line(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process at its limit of threads (« can't start new thread »): the import still
    works, reading the XML in line as it did before the thread (review r3)."""
    threaded = build.import_document(messy)

    def refused(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(build._OwnXml, "start", refused)
    in_line = build.import_document(messy)
    assert in_line.plan == threaded.plan
    assert in_line.report == threaded.report


def test_ctrl_c_during_pandoc_does_not_wait_for_the_xml_reading(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reading thread is a daemon so that Ctrl+C ends an import at once; the import
    used to wait for it anyway (finally: join). Counted, not timed: the reading is held
    until the test lets it go, and the import has already ended by then."""
    from cptsplan.files import pandoc
    from cptsplan.importer import rescue

    release = threading.Event()
    real = rescue.document_paragraphs

    def held(path: Path, kind: str) -> object:
        release.wait(30)
        return real(path, kind)

    def interrupted(data: bytes, reader: str) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(rescue, "document_paragraphs", held)
    monkeypatch.setattr(pandoc, "read_document", interrupted)
    try:
        with pytest.raises(KeyboardInterrupt):
            build.import_document(messy)
        assert not release.is_set()
        assert [t for t in threading.enumerate() if t.name == "cptsplan-import-xml"]
    finally:
        release.set()
        for thread in threading.enumerate():
            if thread.name == "cptsplan-import-xml":
                thread.join()
