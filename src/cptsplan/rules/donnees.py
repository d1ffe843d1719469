"""Données personnelles : le plan ne contient jamais de données de patients. On cherche dans
tous les textes du plan, et dans les commentaires des fichiers, un numéro de sécurité sociale
(NIR, clé vérifiée) ou un nom de personne accompagné d'une date de naissance ou d'un âge.
Un numéro de portable écrit hors de l'annuaire est signalé : l'édition diffusable le masque.

Texts are searched in their visible form (normalise.py: NFKC, invisible characters dropped,
any space a space), so a NIR typed with no-break spaces, dots or zero-width spaces is found;
a finding shows the words around what was found and the position of the match itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from cptsplan.findings.problems import Location, Severity
from cptsplan.findings.records import record
from cptsplan.load.loader import JsonPath
from cptsplan.messages.shortening import whole_words
from cptsplan.model import Plan
from cptsplan.privacy.normalise import Span, Visible, visible
from cptsplan.privacy.patient import identity_spans, nir_spans
from cptsplan.privacy.phones import dialled, is_french_mobile, parse_number, phone_numbers
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import plan_leaves
from cptsplan.rules.mistyped import mistyped_spans, odd_length, runs_by_text

_CONTEXT_WORDS = 5
_CONTEXT_CHARS = 40
DIRECTORY_PHONES = "telephones"
_DIGIT = re.compile(r"\d")
_TEXTS = "donnees.textes"


def may_hold_digits(text: str) -> bool:
    """Whether `visible(text)` can hold a digit. Every pattern searched here (NIR, birth
    date, age, phone number) needs one; most texts of a plan have none and are skipped.
    NFKC turns some non-digits into digits (a superscript ² into 2): a text it would change
    is always kept."""
    return _DIGIT.search(text) is not None or not unicodedata.is_normalized("NFKC", text)


def masked(text: str) -> str:
    """Never repeat personal data in full in a CI log: keep the first characters only."""
    text = " ".join(visible(text).text.split())
    return text[:5].rstrip() + "…" if len(text) > 5 else text


def excerpt(text: str, span: Span, hide: bool = True) -> str:
    """'… Patient à recontacter, NIR 1 84… avant midi…': the words around the match, the
    match itself masked (`hide`) or as written; '…' where the text goes on."""
    start, end = span
    before, after = visible(text[:start]).text, visible(text[end:]).text
    words_before, words_after = before.split(), after.split()
    left = " ".join(words_before[-_CONTEXT_WORDS:])
    right = " ".join(words_after[:_CONTEXT_WORDS])
    cut_left = len(words_before) > _CONTEXT_WORDS or len(left) > _CONTEXT_CHARS
    cut_right = len(words_after) > _CONTEXT_WORDS or len(right) > _CONTEXT_CHARS
    left = whole_words(left, _CONTEXT_CHARS, from_end=True)
    right = whole_words(right, _CONTEXT_CHARS)
    if left:
        left = ("…" if cut_left else "") + left
        left += " " if before[-1:].isspace() else ""
    if right:
        right = (" " if after[:1].isspace() else "") + right
        right += "…" if cut_right else ""
    found = masked(text[start:end]) if hide else " ".join(visible(text[start:end]).text.split())
    return left + found + right


class Positions:
    """Where a match inside a value is written: the value's own position moved by the
    match's offset when the value is written on one line (plain or quoted), else the line
    of the source on which the matched text is found, else the value's position."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._lines: dict[str, list[str]] = {}

    def lines(self, display: str) -> list[str]:
        """The lines of one file of the plan, split once for all the rules of this module."""
        if display not in self._lines:
            loaded = next((f for f in self.plan.source.files if f.display == display), None)
            self._lines[display] = loaded.lines() if loaded is not None else []
        return self._lines[display]

    def of(self, path: JsonPath, text: str, span: Span) -> Location:
        value = self.plan.locate(path)
        lines = self.lines(value.file)
        if not 0 < value.line <= len(lines):
            return value
        written = lines[value.line - 1][value.col - 1 :]
        for shift in (0, 1):
            quoted = shift == 0 or written[:1] in "\"'"
            if quoted and "\n" not in text and written[shift:].startswith(text):
                return Location(value.file, value.line, value.col + shift + span[0])
        found = text[span[0] : span[1]]
        last = min(len(lines), value.line + text.count("\n") + text.count(" ") + 1)
        for number in range(value.line, last + 1):
            column = lines[number - 1].find(found, value.col - 1 if number == value.line else 0)
            if found and column >= 0:
                return Location(value.file, number, column + 1)
        return value


def _list(value: object) -> list[object]:
    """A list as such; anything else (a part set aside by the schema) as no item."""
    return value if isinstance(value, list) else []


def _comments(plan: Plan, positions: Positions) -> Iterator[tuple[Location, str]]:
    """(position of the comment, its text) for every YAML comment of the plan's files."""
    for loaded in plan.source.files:
        for number, line in enumerate(positions.lines(loaded.display), 1):
            if "#" not in line:  # most lines: no comment to look for
                continue
            stripped = line.lstrip()
            start = len(line) - len(stripped) if stripped.startswith("#") else line.find(" #")
            if start >= 0:
                yield Location(loaded.display, number, start + 1), line[start:]


@record()
class PlanTexts:
    """The texts of one plan that may hold personal data, found in one walk shared by the
    three rules below (each walked the whole plan and normalised every text, and two read
    the files again: 40 of the 42 ms of rule time on the complete example). `values`:
    (path, text, visible text) of every text value that may hold a digit."""

    __slots__ = ("comments", "plan", "positions", "values")

    def __init__(
        self,
        plan: Plan,
        positions: Positions,
        values: list[tuple[JsonPath, str, Visible]],
        comments: list[tuple[Location, str, Visible]],
    ) -> None:
        self.plan = plan
        self.positions = positions
        self.values = values
        self.comments = comments


def plan_texts(plan: Plan, ctx: RuleContext) -> PlanTexts:
    """The walk, done for the first of the rules on this plan and kept in its context."""
    texts = ctx.shared.get(_TEXTS)
    if isinstance(texts, PlanTexts) and texts.plan is plan:
        return texts
    positions = Positions(plan)
    values = [
        (path, text, visible(text))
        for path, text in plan_leaves(plan, ctx).strings
        if may_hold_digits(text)
    ]
    comments = [
        (location, text, visible(text))
        for location, text in _comments(plan, positions)
        if may_hold_digits(text)
    ]
    texts = PlanTexts(plan, positions, values, comments)
    ctx.shared[_TEXTS] = texts
    return texts


Spans = Callable[[str, Visible], list[Span]]
Build = Callable[[JsonPath, str, Span, Location], Finding]


def _everywhere(texts: PlanTexts, spans: Spans, build: Build) -> Iterator[Finding]:
    """`build` for each span found in the plan's texts and in its files' comments."""
    for path, text, view in texts.values:
        for span in spans(text, view):
            yield build(path, text, span, texts.positions.of(path, text, span))
    for location, text, view in texts.comments:
        for span in spans(text, view):
            where = Location(location.file, location.line, location.col + span[0])
            yield build((), text, span, where)


@rule(
    "donnees-patient-nir",
    Severity.ERROR,
    Source.COHERENCE,
    "Aucun numéro de sécurité sociale (NIR) dans le plan.",
)
def nir(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le plan ne contient jamais de donnée de patient. Un NIR (13 chiffres et une clé de
    2 chiffres, commençant par 1 ou 2, départements corses 2A et 2B compris) dont la clé est
    juste est signalé, dans les textes comme dans les commentaires des fichiers, quelle que
    soit la façon de l'écrire : espaces (insécables compris), points, tirets, ou rien entre
    les groupes de chiffres.

    Exemples d'erreur : « Patient à recontacter : 1 84 12 76 451 089 46 »,
    « NIR 1.84.12.76.451.089.46 ».
    """
    yield from _everywhere(plan_texts(plan, ctx), nir_spans, _nir_finding)


def _nir_finding(path: JsonPath, text: str, span: Span, location: Location) -> Finding:
    return Finding(
        path,
        f"numéro de sécurité sociale (NIR) dans le plan : « {excerpt(text, span)} »",
        "supprimez-le : le plan ne contient aucune donnée de patient (et retirez-le aussi de "
        "l'historique git)",
        location=location,
    )


@rule(
    "donnees-patient-identifiable",
    Severity.ERROR,
    Source.COHERENCE,
    "Aucune personne identifiable par son nom et sa date de naissance ou son âge.",
)
def identifiable(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Les listes de patients fragiles restent chez chaque professionnel et le registre des
    personnes vulnérables à la mairie : le plan y renvoie, il ne les copie pas. Un nom suivi
    d'une date de naissance ou d'un âge est signalé, comme une date de naissance écrite
    « né le », « née le », « né(e) le », « DDN » ou « date de naissance ».

    Exemples d'erreur : « Mme Durand, 84 ans, sous oxygène », « né le 12/03/1950 »,
    « M. Martin, DDN 12/03/1950 ».
    """
    yield from _everywhere(plan_texts(plan, ctx), identity_spans, _identifiable_finding)


def _identifiable_finding(path: JsonPath, text: str, span: Span, location: Location) -> Finding:
    return Finding(
        path,
        "donnée de patient probable (nom avec date de naissance ou âge) : "
        f"« {excerpt(text, span)} »",
        "retirez l'identité : le plan renvoie aux listes tenues par les professionnels et "
        "au registre de la mairie, sans les copier",
        location=location,
    )


@rule(
    "mobile-hors-annuaire",
    Severity.WARNING,
    Source.COHERENCE,
    "Aucun numéro de portable écrit hors de l'annuaire.",
    why=(
        "un avertissement : un portable écrit hors de l'annuaire est le plus souvent un "
        "numéro personnel mal placé, à déplacer dans l'annuaire ; l'édition diffusable le "
        "masque déjà"
    ),
)
def mobile_outside_directory(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Un numéro de portable (06, 07) est le plus souvent un numéro personnel : sa place est
    dans l'annuaire de crise, qui n'est imprimé que dans l'édition interne. Écrit ailleurs
    (dans un texte, un nom, une remarque) sans être un numéro de l'annuaire, il est signalé :
    l'édition diffusable le masque, comme tous les portables, et l'édition interne
    l'imprime là où il est écrit. Un numéro de l'annuaire recopié dans un texte n'est pas
    signalé (il est masqué de la même façon dans l'édition diffusable). Un portable tapé
    avec un chiffre de trop ou de moins (« 06 39 98 10 0 ») est signalé aussi : le jour de la
    crise, il ne répondra pas.

    Exemple d'avertissement : « En cas d'absence, appeler le Dr Roux au 06 12 34 56 78 ».
    """
    known: set[str] | None = None  # the directory's numbers, read at the first mobile found
    texts = plan_texts(plan, ctx)
    runs = runs_by_text([view.text for _, _, view in texts.values])
    for index, (path, text, view) in enumerate(texts.values):
        if len(path) > 2 and path[0] == "annuaire" and path[2] == DIRECTORY_PHONES:
            continue
        seen: set[str] = set()
        numbers = phone_numbers(view.text)
        if index in runs:
            # A French number a digit short or long is read too: it explains no digit.
            whole = [span for span, number in numbers if not odd_length(dialled(number))]
            yield from _mistyped(texts, path, text, view, runs[index], whole)
        for span, number in numbers:
            written = dialled(number)  # +262 692... and 0692... are one number
            if not is_french_mobile(number) or written in seen:
                continue
            if known is None:
                known = _directory_numbers(plan)
            if written in known:
                continue
            seen.add(written)
            original = view.original(span)
            shown = excerpt(text, original, hide=False)
            yield Finding(
                path,
                f"numéro de portable écrit hors de l'annuaire : « {shown} » ; il sera masqué "
                "dans l'édition diffusable",
                "mettez ce numéro dans l'annuaire (l'entrée de la personne ou de la structure, "
                "« telephones ») et écrivez ici le nom de l'entrée : l'édition interne "
                "l'imprimera dans l'annuaire de crise",
                location=texts.positions.of(path, text, original),
            )


def _mistyped(
    texts: PlanTexts,
    path: JsonPath,
    text: str,
    view: Visible,
    runs: list[Span],
    numbers: list[Span],
) -> Iterator[Finding]:
    """A mobile typed a digit short or long, outside the `numbers` found (mistyped.py)."""
    for span in mistyped_spans(view.text, runs, numbers):
        original = view.original(span)
        yield Finding(
            path,
            f"numéro de portable mal tapé ? « {excerpt(text, original, hide=False)} » a un "
            "chiffre de trop ou de moins ; il sera masqué dans l'édition diffusable",
            "vérifiez ce numéro ; s'il est celui d'une personne, mettez-le dans l'annuaire et "
            "écrivez ici le nom de l'entrée",
            location=texts.positions.of(path, text, original),
        )


def _directory_numbers(plan: Plan) -> set[str]:
    """Every number of the directory, in E.164 (parsing them costs about 1 ms each: only
    done when a text outside the directory holds a mobile number)."""
    return {
        dialled(number)
        for entry in plan.directory.values()
        for phone in _list(entry.get(DIRECTORY_PHONES))
        if isinstance(phone, dict)
        and (number := parse_number(visible(str(phone.get("numero", ""))).text)) is not None
    }
