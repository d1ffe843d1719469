"""Cross-references to the document's own sections: « § 3.2 Cellule de crise ».

The conformity grid tells an ARS reader where each expected item is: a section number and
title they can turn to (and, in the PDF and the DOCX, the page), not a line of a YAML file.
Numbers are computed here, once, from the generated Markdown, exactly as the Lua filter
(DOCX, HTML, Markdown) and Typst (PDF) number headings: levels 1 to 3, headings marked
`{.unnumbered}` skipped. Which heading prints which part of the plan is the table
`SECTIONS`, of the heading ids that the bundled templates give explicitly (`{ #id }`, with
a space: Jinja reads `{#` as the start of a comment). A part whose heading is not in the
document (a custom template, or the directory, which the diffusable edition leaves out) is
never pointed to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cptsplan.load.loader import JsonPath
from cptsplan.render.filters import Markdown, md

NUMBERED_LEVELS = 3
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$", re.MULTILINE)
# Attributes end a heading: ` {#id .class}`. Plan text cannot write one (its braces are
# escaped, `\{`), so an unescaped brace after a space is the template's.
_ATTRIBUTES = re.compile(r"(?:^|[ \t])\{([^{}]*)\}$")
_MARK = re.compile(r"[ \t]*\[[^\]]*\]\{\.marque-modification\}")
_MARKUP = re.compile(r"\\(.)|[*_]")
_LINE_START_HASH = re.compile(r"(?:^|\n)#")

DIRECTORY_ELSEWHERE = "annuaire de crise (édition interne)"
"""Where a directory entry is, in an edition that prints nothing of the directory."""
NAMES_ONLY = "acteurs-annuaire"
"""The diffusable edition's annex of the directory: names, and a title that says « sans
coordonnées »."""


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    """The text of the heading, as printed after its number."""
    identifier: str
    number: str | None
    """'3.2', or None for an unnumbered heading (the annexes)."""

    @property
    def reference(self) -> str:
        """'§ 3.2 Cellule de crise'; an annex by its title ('Annexe B : historique...')."""
        return f"§ {self.number} {self.title}" if self.number else self.title


SECTIONS: dict[JsonPath, str] = {
    ("cpts",): "la-cpts",
    ("document",): "plan-et-suivi",
    ("document", "historique"): "historique",
    ("document", "transmissions"): "transmissions",
    ("document", "echanges_ars"): "echanges-ars",
    ("document", "partenaires_redaction"): "partenaires-redaction",
    ("document", "references"): "documents-reference",
    ("territoire",): "territoire",
    ("anticiper",): "anticiper",
    ("anticiper", "diagnostic_risques"): "diagnostic-risques",
    ("anticiper", "formations"): "formations",
    ("anticiper", "exercices"): "exercices",
    ("adapter",): "adapter",
    ("adapter", "reponses"): "reponses",
    ("adapter", "continuite_des_soins"): "continuite-des-soins",
    ("adapter", "continuite_des_soins", "besoins"): "besoins-de-soins",
    ("adapter", "fiches_reflexes"): "fiches-reflexes",
    ("piloter",): "piloter",
    ("piloter", "declenchement"): "declenchement",
    ("piloter", "referents_sse"): "referents-sse",
    ("piloter", "cellule_de_crise"): "cellule-de-crise",
    ("piloter", "cellule_de_crise", "lieu_principal"): "lieux-de-reunion",
    ("piloter", "cellule_de_crise", "lieu_repli"): "lieux-de-reunion",
    ("piloter", "cellule_de_crise", "mode_distanciel"): "lieux-de-reunion",
    ("piloter", "cellule_de_crise", "fonctions"): "fonctions-cellule",
    ("piloter", "chaine_alerte"): "chaine-alerte",
    ("piloter", "chaine_alerte", "point_entree"): "point-entree-alerte",
    ("piloter", "chaine_alerte", "cascade"): "cascade-alerte",
    ("piloter", "communication"): "communication",
    ("piloter", "communication", "interne"): "communication-interne",
    ("piloter", "communication", "externe"): "communication-externe",
    ("piloter", "remontee_informations"): "remontee-informations",
    ("piloter", "articulation_plans"): "articulation-plans",
    ("evaluer",): "evaluer",
    ("evaluer", "retex"): "retex",
    ("annuaire",): "annuaire",
}
"""Plan part -> id of the heading that prints it (given by the bundled templates)."""


def response_id(index: int) -> str:
    """The id of the heading of the plan's response number `index` (from 0)."""
    return f"reponse-{index + 1}"


def _candidates(path: JsonPath) -> Iterator[str]:
    """Heading ids that may print `path`, the most precise first."""
    for length in range(len(path), 0, -1):
        part = path[:length]
        if part[:2] == ("adapter", "reponses") and length == 3 and isinstance(part[2], int):
            yield response_id(part[2])
        elif part in SECTIONS:
            yield SECTIONS[part]
    if path[:1] == ("annuaire",):
        yield NAMES_ONLY  # the entry's name is there, its phone numbers are not


def headings(markdown: str) -> list[Heading]:
    """The document's headings with the numbers every output format prints."""
    counters = [0] * 6
    found = []
    for match in _HEADING.finditer(markdown):
        level, text = len(match.group(1)), match.group(2)
        attributes = _ATTRIBUTES.search(text)
        words = attributes.group(1).split() if attributes else []
        if attributes:
            text = text[: attributes.start()]
        identifier = next((word[1:] for word in words if word.startswith("#")), "")
        number = None
        if level <= NUMBERED_LEVELS and not {".unnumbered", "-"} & set(words):
            counters[level - 1] += 1
            counters[level:] = [0] * (len(counters) - level)
            number = ".".join(str(count) for count in counters[:level])
        title = _MARKUP.sub(lambda m: m.group(1) or "", _MARK.sub("", text)).strip()
        found.append(Heading(level, title, identifier, number))
    return found


def reference(path: JsonPath | None, document: Sequence[Heading]) -> Markdown:
    """A link to the section that prints `path`: `[§ 3.2 Cellule de crise](#id){.renvoi}`
    (the PDF and the DOCX add the page); nothing when the document has no such section."""
    return _reference(path, _by_identifier(document))


def _by_identifier(document: Sequence[Heading]) -> dict[str, Heading]:
    return {heading.identifier: heading for heading in document if heading.identifier}


def _reference(path: JsonPath | None, by_id: Mapping[str, Heading]) -> Markdown:
    if path is None:
        return Markdown("")
    heading = next((by_id[i] for i in _candidates(path) if i in by_id), None)
    if heading is None:
        return md(DIRECTORY_ELSEWHERE) if path[:1] == ("annuaire",) else Markdown("")
    return Markdown(f"[{md(heading.reference)}](#{heading.identifier}){{.renvoi}}")


def references(rendered: list[str]) -> Callable[[Any], Markdown]:
    """The template helper `renvoi(ligne)`: where a grid line's item is, read from the text
    rendered so far (the grid comes after the sections it points to). The headings are read
    once (and indexed by identifier), and again only if a heading was rendered since (not for
    each line of the grid)."""
    by_id: dict[str, Heading] = {}
    seen = -1

    def renvoi(line: Any) -> Markdown:
        nonlocal by_id, seen
        if not getattr(line, "covered", False):
            return Markdown("")
        if seen < 0 or any(_LINE_START_HASH.search(chunk) for chunk in rendered[seen:]):
            by_id = _by_identifier(headings("".join(rendered)))
        seen = len(rendered)
        return _reference(getattr(line, "path", None), by_id)

    return renvoi
