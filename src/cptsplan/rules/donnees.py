"""Données personnelles : le plan ne contient jamais de données de patients. On cherche dans
tous les textes du plan, et dans les commentaires des fichiers, un numéro de sécurité sociale
(NIR, clé vérifiée) ou un nom de personne accompagné d'une date de naissance ou d'un âge."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Plan
from ..problems import Location, Severity
from .base import Finding, RuleContext, Source, rule
from .helpers import iter_strings

_NIR = re.compile(
    r"(?<![\w])([12]) ?(\d{2}) ?(0[1-9]|1[0-2]|[2-9]\d) ?(\d{2}|2[AB]) ?(\d{3}) ?(\d{3}) ?"
    r"(\d{2})(?!\w)"
)
_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre"
)
_DATE = rf"\d{{1,2}}(?:er)?[\s/.-]+(?:\d{{1,2}}|{_MONTHS})[\s/.-]+\d{{2,4}}"
_CIVILITY = r"(?:M\.|Mr|Mme|Mlle|Monsieur|Madame|[Pp]atiente?)"
_NAME = r"[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)?"
_IDENTIFIABLE = (
    re.compile(rf"\bnée?\s+le\s+{_DATE}", re.IGNORECASE),
    re.compile(rf"date\s+de\s+naissance\s*:?\s*{_DATE}", re.IGNORECASE),
    re.compile(rf"\b{_CIVILITY}\s+{_NAME}\s*[,(]?\s*(?:âgée?\s+de\s+)?\d{{1,3}}\s*ans\b"),
)


def nir_key_ok(match: re.Match[str]) -> bool:
    """The key is 97 - (the 13 digits mod 97); Corsica's 2A and 2B count as 19 and 18."""
    sex, year, month, department, commune, order, key = match.groups()
    department = {"2A": "19", "2B": "18"}.get(department, department)
    number = int(sex + year + month + department + commune + order)
    return 97 - number % 97 == int(key)


def find_nir(text: str) -> Iterator[re.Match[str]]:
    return (match for match in _NIR.finditer(text) if nir_key_ok(match))


def masked(text: str) -> str:
    """Never repeat personal data in full in a CI log: keep the first characters only."""
    return text[:5] + "…" if len(text) > 5 else text


def _comments(plan: Plan) -> Iterator[tuple[Location, str]]:
    """(position of the comment, its text) for every YAML comment of the plan's files."""
    for loaded in plan.source.files:
        try:
            text = loaded.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip()
            start = len(line) - len(stripped) if stripped.startswith("#") else line.find(" #")
            if start >= 0:
                yield Location(loaded.display, number, start + 1), line[start:]


@rule(
    "donnees-patient-nir",
    Severity.ERROR,
    Source.COHERENCE,
    "Aucun numéro de sécurité sociale (NIR) dans le plan.",
)
def nir(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le plan ne contient jamais de donnée de patient. Un NIR (13 chiffres et une clé de
    2 chiffres, commençant par 1 ou 2, départements corses 2A et 2B compris) dont la clé est
    juste est signalé, dans les textes comme dans les commentaires des fichiers.

    Exemple d'erreur : « Patient à recontacter : 1 84 12 76 451 089 46 ».
    """
    for path, text in iter_strings(plan.data):
        for match in find_nir(text):
            yield _nir_finding(path, match.group(0))
    for location, text in _comments(plan):
        for match in find_nir(text):
            where = Location(location.file, location.line, location.col + match.start())
            yield _nir_finding((), match.group(0), where)


def _nir_finding(path: tuple, found: str, location: Location | None = None) -> Finding:
    return Finding(
        path,
        f"numéro de sécurité sociale (NIR) dans le plan : « {masked(found)} »",
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
    d'une date de naissance ou d'un âge est signalé.

    Exemples d'erreur : « Mme Durand, 84 ans, sous oxygène », « né le 12/03/1950 ».
    """
    for path, text in iter_strings(plan.data):
        match = _identity_in(text)
        if match:
            yield _identifiable_finding(path, match.group(0))
    for location, text in _comments(plan):
        match = _identity_in(text)
        if match:
            where = Location(location.file, location.line, location.col + match.start())
            yield _identifiable_finding((), match.group(0), where)


def _identity_in(text: str) -> re.Match[str] | None:
    """The first name-with-birth-date-or-age found in `text`, if any."""
    for pattern in _IDENTIFIABLE:
        match = pattern.search(text)
        if match:
            return match
    return None


def _identifiable_finding(path: tuple, found: str, location: Location | None = None) -> Finding:
    return Finding(
        path,
        f"donnée de patient probable (nom avec date de naissance ou âge) : « {masked(found)} »",
        "retirez l'identité : le plan renvoie aux listes tenues par les professionnels et "
        "au registre de la mairie, sans les copier",
        location=location,
    )
