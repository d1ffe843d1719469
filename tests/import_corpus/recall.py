"""Recall per kind of item: how much of a corpus document's ground truth an imported plan
holds. The plan is the dict of its merged YAML files, in the format of docs/format.md; people
are compared through the directory (« Prénom Nom » of the entry an id names), texts after
normalising case, white space and typographic quotes, numbers in E.164.

    scores = recall(document.expected, plan)     # {"telephones": Recall(found, total, missing)...}
    lost = missing_paragraphs(document.expected["paragraphs"], rendered_text)
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

KINDS = (
    "contacts", "telephones", "emails", "referents", "cellule", "actions", "exercices",
    "retex", "version", "date_mise_a_jour", "versions", "transmissions", "glossaire",
    "references",
)  # fmt: skip


@dataclass
class Recall:
    found: int = 0
    total: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 1.0

    def count(self, ok: bool, label: str) -> None:
        self.total += 1
        if ok:
            self.found += 1
        else:
            self.missing.append(label)


def normal(text: Any) -> str:
    """Case, accents kept; white space (line breaks, tabs, non-breaking spaces) to one space;
    typographic apostrophes and quotes to plain ones; bullets, dashes and list numbers at the
    start removed; invisible characters that only steer line breaking (the word joiner of
    « 24 h/24 », zero-width spaces, soft hyphens) dropped: a reader does not see them."""
    value = unicodedata.normalize("NFC", str(text)).casefold()
    value = re.sub("[\u2060\u200b\ufeff\u00ad]", "", value)
    value = value.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    value = value.replace("\u201d", '"')
    value = re.sub(r"\s+", " ", value).strip()
    # A ticked box is a list marker too: a form's ticked line is imported as a list item
    # (an action); an unticked one keeps its box (importer/outline.checklists).
    value = re.sub(r"^(?:[-–•☐☒]|\d+[.)]|[a-z][.)]|[ivx]+\.)\s+", "", value)
    # A box alone in a cell (« RETEX réalisé » ☒ or ☐) is a yes or no, not text: the plan
    # says it by what it holds (a RETEX linked to the exercise, or none).
    value = re.sub(r"^[☐☒]$", "", value)
    # A phase written before an action (« Alerte : relayer... ») is the action's phase: the
    # plan keeps it as `phase` and prints the action under that phase's heading.
    value = _PHASE_LABEL.sub("", value)
    # A fiche's « Temps 1 – Mise en place » is the time of the steps under it: the plan
    # keeps it as their `temps` and prints them under « Étapes – Mise en place ».
    return _FICHE_TIME.sub(r"\1", value)


_FICHE_TIME = re.compile(r"^temps \d+ ?[:–—-] ?(mise en place|conduite|sortie)$")


_PHASE_LABEL = re.compile(
    r"^(?:phase (?:d'|de )?)?(?:veille|alerte|montée en puissance|conduite de crise|"
    r"gestion de crise|sortie de crise|conduite|sortie) ?[:–—] "
)


def _version(value: Any) -> str:
    """« V4 », « version 4 » and « 4 » are the same version (the format's versions are
    numbers: an import writes « 4 » for the « V4 » a document prints)."""
    return re.sub(r"^(?:version|v)\s*", "", normal(value))


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value) if value is not None else None


def _e164(number: Any) -> str | None:
    try:
        parsed = phonenumbers.parse(str(number), "FR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


class _Plan:
    def __init__(self, plan: Mapping[str, Any]) -> None:
        self.plan = plan
        self.directory = [e for e in _list(plan.get("annuaire")) if isinstance(e, Mapping)]
        self.by_id = {str(e.get("id")): e for e in self.directory}

    def get(self, *path: str) -> Any:
        node: Any = self.plan
        for key in path:
            node = node.get(key) if isinstance(node, Mapping) else None
        return node

    def rows(self, *path: str) -> list[Mapping[str, Any]]:
        """The mappings of the list at `path` (nothing when absent or malformed)."""
        return [row for row in _list(self.get(*path)) if isinstance(row, Mapping)]

    def name(self, reference: Any) -> str:
        """« prénom nom » of the entry an id names, or the text itself."""
        entry = self.by_id.get(str(reference))
        if entry is None:
            return normal(reference)
        parts = [entry.get("prenom"), entry.get("nom")]
        return normal(" ".join(str(p) for p in parts if p))

    def entry_for(self, contact: Mapping[str, Any]) -> Mapping[str, Any] | None:
        """The directory entry of an expected contact: same name, or else one of its
        addresses or numbers."""
        wanted = normal(" ".join(p for p in (contact["prenom"], contact["nom"]) if p))
        for entry in self.directory:
            if self.name(entry.get("id")) == wanted:
                return entry
        addresses = {normal(a) for a in contact["emails"] + contact["mssante"]}
        numbers = set(contact["telephones"])
        for entry in self.directory:
            if addresses & set(_addresses(entry)) or numbers & set(_numbers(entry)):
                return entry
        return None


def _addresses(entry: Mapping[str, Any]) -> list[str]:
    return [normal(a) for key in ("email", "mssante") for a in _list(entry.get(key))]


def _numbers(entry: Mapping[str, Any]) -> list[str]:
    found = []
    for phone in _list(entry.get("telephones")):
        number = phone.get("numero") if isinstance(phone, Mapping) else phone
        if (value := _e164(number)) is not None:
            found.append(value)
    return found


def recall(expected: Mapping[str, Any], plan: Mapping[str, Any]) -> dict[str, Recall]:
    """For each kind of KINDS, how many items of the ground truth the plan holds."""
    p = _Plan(plan)
    scores = {kind: Recall() for kind in KINDS}
    _directory(expected, p, scores)
    _organisation(expected, p, scores)
    _responses(expected, p, scores)
    _document(expected, p, scores)
    return scores


def _directory(expected: Mapping[str, Any], p: _Plan, scores: dict[str, Recall]) -> None:
    for contact in expected["contacts"]:
        entry = p.entry_for(contact)
        label = " ".join(x for x in (contact["prenom"], contact["nom"]) if x)
        scores["contacts"].count(entry is not None, label)
        numbers = _numbers(entry) if entry else []
        for number in contact["telephones"]:
            scores["telephones"].count(number in numbers, f"{label} {number}")
        addresses = _addresses(entry) if entry else []
        for address in contact["emails"] + contact["mssante"]:
            scores["emails"].count(normal(address) in addresses, address)


def _organisation(expected: Mapping[str, Any], p: _Plan, scores: dict[str, Recall]) -> None:
    referents = [
        (p.name(r.get("personne")), normal(r.get("role")))
        for r in p.rows("piloter", "referents_sse")
    ]
    for row in expected["referents"]:
        wanted = (
            (row["titulaire"], {"titulaire", "co_referent"}),
            (row["suppleant"], {"suppleant"}),
        )
        for person, roles in wanted:
            if person is not None:
                ok = any(name == normal(person) and role in roles for name, role in referents)
                scores["referents"].count(ok, f"{row['role']} : {person}")
    functions = p.rows("piloter", "cellule_de_crise", "fonctions")
    for row in expected["cellule"]:
        for key in ("titulaire", "suppleant"):
            if row[key] is None:
                continue
            ok = any(
                p.name(f.get(key)) == normal(row[key])
                and (
                    normal(f.get("libelle")) == normal(row["fonction"])
                    or f.get("fonction") == row["code"]
                )
                for f in functions
            )
            scores["cellule"].count(ok, f"{row['fonction']} ({key}) : {row[key]}")


def _responses(expected: Mapping[str, Any], p: _Plan, scores: dict[str, Recall]) -> None:
    responses = p.rows("adapter", "reponses")
    for typology, texts in expected["actions"].items():
        found = [
            normal(a.get("action") if isinstance(a, Mapping) else a)
            for r in responses
            if typology in _list(r.get("typologies"))
            for a in _list(r.get("actions"))
        ]
        for text in texts:
            ok = any(normal(text) in action for action in found)
            scores["actions"].count(ok, f"{typology} : {text}")
    exercises = [
        (_iso(e.get("date")), normal(e.get("intitule"))) for e in p.rows("anticiper", "exercices")
    ]
    for item in expected["exercices"]:
        name = normal(item["nom"])
        ok = any(
            day == item["date"] and (name in title or title in name) for day, title in exercises
        )
        scores["exercices"].count(ok, f"{item['nom']} ({item['date']})")
    retex_dates = {_iso(r.get("date")) for r in p.rows("evaluer", "retex")}
    for item in expected["retex"]:
        scores["retex"].count(item["date"] in retex_dates, f"{item['nom']} ({item['date']})")


def _document(expected: Mapping[str, Any], p: _Plan, scores: dict[str, Recall]) -> None:
    version = expected["version"]
    scores["version"].count(_version(p.get("document", "version")) == _version(version), version)
    updated = expected["date_mise_a_jour"]
    scores["date_mise_a_jour"].count(
        _iso(p.get("document", "date_mise_a_jour")) == updated, updated
    )
    history = {
        (_version(v.get("version")), _iso(v.get("date"))) for v in p.rows("document", "historique")
    }
    for item in expected["versions"]:
        ok = (_version(item["version"]), item["date"]) in history
        scores["versions"].count(ok, f"{item['version']} ({item['date']})")
    sent = [
        (f"{normal(t.get('destinataire'))} {p.name(t.get('destinataire'))}", _iso(t.get("date")))
        for t in p.rows("document", "transmissions")
    ]
    for item in expected["transmissions"]:
        who = item["destinataire"].casefold()
        ok = any(who in target and day == item["date"] for target, day in sent)
        scores["transmissions"].count(ok, f"{item['destinataire']} ({item['date']})")
    sigles = {normal(g.get("sigle")) for g in p.rows("glossaire")}
    for entry in expected["glossaire"]:
        scores["glossaire"].count(normal(entry["sigle"]) in sigles, entry["sigle"])
    titles = [normal(r.get("titre")) for r in p.rows("document", "references")]
    for reference in expected["references"]:
        wanted = normal(reference)
        ok = any(wanted in title or (title and title in wanted) for title in titles)
        scores["references"].count(ok, reference)


def missing_paragraphs(
    paragraphs: Iterable[str], text: str, labels: Iterable[str] = ()
) -> list[str]:
    """The paragraphs of which something is nowhere in `text` (a rendered plan, say): a phone
    number (compared in E.164, however printed), a date (compared as a date), or a piece of
    the rest, the paragraph being cut at its line breaks, at « / », « ; » and around its
    numbers and dates (an import places the lines of a cell in separate fields), a glossary
    line « SIGLE : sens » into its acronym and its meaning (two columns once printed), each piece
    compared after `normal` and without its surrounding punctuation; a piece that is one of
    `labels` (the titles of the plan's fields: « Date de première rédaction : » before the
    date that field holds) is the field's, not content. « Nothing lost » is an empty list."""
    titles = {_piece(label) for label in labels}
    haystack = normal(text)
    numbers = _numbers_in(text)
    days = {day for day, _raw in _dates_in(text)}
    lost = []
    for paragraph in paragraphs:
        rest = paragraph
        for match in phonenumbers.PhoneNumberMatcher(paragraph, "FR"):
            rest = rest.replace(match.raw_string, "\n")
        dated = _dates_in(rest)
        for _day, raw in dated:
            # « le 12/03/2026 » is a date: a plan holds it as one, without its « le ».
            rest = re.sub(rf"(?i)\b(?:le|du)\s+{re.escape(raw)}", "\n", rest)
            rest = rest.replace(raw, "\n")
        raw = [p for piece in re.split(r"\n| / | ; ", rest) for p in _glossary_line(piece)]
        pieces = [_unlabelled(_piece(piece), titles) for piece in raw]
        if (
            not _numbers_in(paragraph) <= numbers
            or any(day not in days for day, _raw in dated)
            or any(
                piece and not _found(piece, haystack) and piece not in titles for piece in pieces
            )
        ):
            lost.append(paragraph)
    return lost


_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
_DATE = re.compile(
    r"\b(\d{1,2})(?:er)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b"
    r"|\b(\d{1,2})/(\d{1,2})/(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b",
    re.IGNORECASE,
)


def _dates_in(text: str) -> list[tuple[datetime.date, str]]:
    """Dates however written (« 5 octobre 2026 », « 05/10/2026 », « 2026-10-05 »): a plan
    keeps a date as a date and prints it its own way."""
    found = []
    for match in _DATE.finditer(re.sub("[\u2060\u200b\ufeff\u00ad]", "", text)):
        groups = match.groups()
        try:
            if groups[0]:
                day = datetime.date(int(groups[2]), _MONTHS[groups[1].lower()], int(groups[0]))
            elif groups[3]:
                day = datetime.date(int(groups[5]), int(groups[4]), int(groups[3]))
            else:
                day = datetime.date(int(groups[6]), int(groups[7]), int(groups[8]))
        except ValueError:
            continue
        found.append((day, match.group(0)))
    return found


def _found(piece: str, haystack: str) -> bool:
    """In the text, or, for a number's label (« Astreinte 24 h/24 » before it), its words
    and its « 24 h/24 » each there: a plan prints the number « (astreinte, 24 h/24) »."""
    if piece in haystack:
        return True
    parts = [part.strip(" ,") for part in _ALL_DAY.split(piece) if part.strip(" ,")]
    return len(parts) > 1 and all(part in haystack for part in parts)


_ALL_DAY = re.compile(r"(24 ?h ?/ ?24)")


_ACRONYM_LINE = re.compile(r"^\s*([A-Z][A-Z0-9&.-]{1,15})\s*:\s+(\S.*)$", re.S)


def _glossary_line(piece: str) -> list[str]:
    """« ACI : Accord conventionnel interprofessionnel », a glossary line: its acronym and
    its meaning, each to be found (a plan's glossary prints them in two columns)."""
    match = _ACRONYM_LINE.match(piece)
    return [match[1], match[2]] if match else [piece]


def _unlabelled(piece: str, titles: set[str]) -> str:
    """« Lieu de repli : mairie » without the title of the field that holds « mairie »."""
    label, colon, value = piece.partition(" : ")
    return value if colon and _piece(label) in titles else piece


def _numbers_in(text: str) -> set[str]:
    """Numbers line by line: two numbers on adjacent lines must not read as one."""
    return {
        phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        for line in text.splitlines()
        for match in phonenumbers.PhoneNumberMatcher(line, "FR")
    }


def _piece(text: str) -> str:
    return normal(text).strip(" :;,.-–/()")
