"""Tracked changes, comments and embedded objects left in a Word or LibreOffice plan.

pandoc reads a document as it would be with every tracked change accepted (an insertion kept,
a deletion gone) and leaves comments out. That is the plan its authors meant, but the
coordinator must know it: a deletion not yet agreed on is not in the import, nor a
reviewer's comment. An embedded object (a directory pasted as an Excel sheet) keeps its
content in a file of its own, of which the document shows only a picture: the import cannot
read it, and says so. Hidden text (« Masqué ») is read as the rest, and said. The report
says how many there were (the document is read after importer/safety.py checked it, in
small chunks: bounded memory whatever its size).
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

from cptsplan.importer.xmlparts import WORD_BODY, main_part

CHUNK = 64 * 1024
# Each mark is its tag without the « < » that opens it (_PARTS writes it once for all).
_MARKS: dict[str, dict[str, tuple[str, bytes]]] = {
    "docx": {
        "insertions": (WORD_BODY, rb"w:ins[ >]"),
        "deletions": (WORD_BODY, rb"w:del[ >]"),
        "moves": (WORD_BODY, rb"w:moveFrom[ >]"),
        "comments": ("word/comments.xml", rb"w:comment[ >]"),
        # An OLE object (an Excel sheet), or a whole document inserted as a chunk.
        "objects": (WORD_BODY, rb"o:OLEObject[ >]|w:altChunk[ >]"),
        "hidden": (WORD_BODY, rb'w:vanish(?:\s*/>|\s+w:val="(?:1|true|on)")'),
    },
    "odt": {
        "changes": ("content.xml", rb"text:changed-region[ >]"),
        "comments": ("content.xml", rb"office:annotation[ >]"),
        "objects": ("content.xml", rb"draw:object(?:-ole)?[ >]"),
    },
}
_PARTS: dict[str, dict[str, re.Pattern[bytes]]] = {
    kind: {
        part: re.compile(
            b"<(?:"
            + b"|".join(
                b"(?P<%s>%s)" % (what.encode(), mark)
                for what, (where, mark) in marks.items()
                if where == part
            )
            + b")"
        )
        for part in dict.fromkeys(where for where, _ in marks.values())
    }
    for kind, marks in _MARKS.items()
}
"""Each part's marks in one pattern (named by what they count), so that a part is read
once: every mark opens with « < » and its own tag name, so no two overlap. The « < » is
written once, before the alternatives (the marks above leave it out): a pattern that starts
with a literal lets the regex engine jump from one « < » to the next, where one that
starts with an alternation tries every mark at every byte (64 ms for the 725 KB body of a
60-page plan, against 4 ms)."""


def revision_counts(path: Path, kind: str) -> dict[str, int]:
    """How many tracked insertions, deletions (or ODT changes) and comments the document
    holds; empty when it cannot be read (the import then already failed)."""
    counts = dict.fromkeys(_MARKS.get(kind, {}), 0)
    try:
        with zipfile.ZipFile(path) as archive:
            names, body = set(archive.namelist()), main_part(archive, kind)
            for part, marks in _PARTS.get(kind, {}).items():
                part = body if part == WORD_BODY else part  # word/document2.xml, perhaps
                if part in names:
                    counts.update(_count(archive, part, marks))
    except (OSError, zipfile.BadZipFile):
        return {}
    return counts


def revision_notices(counts: dict[str, int]) -> list[str]:
    """The report's lines about them, in French; none when there are none."""
    notices = []
    kinds = ("insertions", "deletions", "moves", "changes")
    changes = sum(counts.get(what, 0) for what in kinds)
    if changes:
        detail = ""
        if "insertions" in counts:
            moves = counts.get("moves", 0)
            detail = (
                f" ({_count_of(counts.get('insertions', 0), 'ajout')}, "
                f"{_count_of(counts.get('deletions', 0), 'suppression')}"
                f"{', ' + _count_of(moves, 'déplacement') if moves else ''})"
            )
        pending = _count_of(
            changes, "modification suivie non acceptée", "modifications suivies non acceptées"
        )
        notices.append(
            f"Le document contient {pending}{detail} : "
            "l'import a pris le texte tel qu'il serait une fois toutes acceptées (ajouts "
            "gardés, suppressions retirées, texte déplacé pris à sa nouvelle place). Si "
            "certaines n'étaient pas encore validées, corrigez le plan importé."
        )
    if counts.get("comments"):
        notices.append(
            f"Le document contient {_count_of(counts['comments'], 'commentaire')} de relecture "
            ": les commentaires ne sont pas repris dans le plan ; relisez-les dans Word ou "
            "LibreOffice."
        )
    if counts.get("hidden"):
        notices.append(
            "Le document contient du texte masqué (mise en forme « Masqué », invisible à "
            "l'écran et à l'impression) : l'import l'a repris comme le reste, rien n'est perdu. "
            "Vérifiez qu'il a sa place dans le plan (une note de travail, une consigne du "
            "modèle...) ; dans Word, « Afficher tout » (¶) le montre."
        )
    if counts.get("objects"):
        objects = _count_of(counts["objects"], "objet incorporé", "objets incorporés")
        notices.append(
            f"Le document contient {objects} "
            "(tableau Excel, graphique, autre document collé comme objet ou inséré) : son "
            "contenu n'est pas dans le texte du document (un objet n'y montre que son image) "
            "et n'a pas été repris. Ouvrez-le dans Word ou LibreOffice (double-clic) et "
            "reportez son contenu dans le plan (un annuaire : dans plan/annuaire.yaml, ou "
            "collé comme tableau avant l'import)."
        )
    return notices


def _count_of(number: int, singular: str, plural: str | None = None) -> str:
    # French: « 0 ajout », « 1 ajout », « 2 ajouts ».
    return f"{number} {singular if number <= 1 else plural or singular + 's'}"


def _count(archive: zipfile.ZipFile, part: str, marks: re.Pattern[bytes]) -> Counter[str]:
    found: Counter[str] = Counter()
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK):
            window = tail + chunk
            # A mark cut by the chunk's end is counted in the next window, never twice.
            found.update(m.lastgroup or "" for m in marks.finditer(window) if m.end() > len(tail))
            tail = window[-24:]
    return found
