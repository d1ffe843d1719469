"""What templates see: the plan's data for one edition, French labels and small helpers.

In the diffusable edition the plan is redacted *before* templates see it (see redact.py), so
even a custom template cannot print a phone number or an e-mail address of the directory:
names (`nom`) come from the redacted directory too.
People are shown by name (`nom(id)`), never by their identifier.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cptsplan.findings.records import replace
from cptsplan.messages import vocabulary
from cptsplan.model import Plan, sections
from cptsplan.privacy.phones import printed_number
from cptsplan.render.figures import Figures, figure_blocks
from cptsplan.render.filters import PENDING, Markdown, Pending, date_fr, displayable
from cptsplan.rules.suivi import answer_detail, guide_titles
from cptsplan.rules.trame import TEMPLATE
from cptsplan.schema.periods import Period

EDITIONS = {"interne": "Édition interne", "diffusable": "Édition diffusable"}


class LabelMap(dict[str, str]):
    """Labels that fall back to the raw value, so that a value added to the schema before
    it gets a label still shows up instead of vanishing from the document."""

    def __missing__(self, key: object) -> str:
        return str(key)


@dataclass(frozen=True)
class Labels:
    """French labels of every enumeration of the plan format, for templates."""

    phases: dict[str, str]
    volets: dict[str, str]
    typologies: dict[str, str]
    fonctions: dict[str, str]
    vulnerabilites: dict[str, str]
    temps: dict[str, str]
    autorites: dict[str, str]
    plans: dict[str, str]
    categories_risque: dict[str, str]
    niveaux: dict[str, str]
    exercices: dict[str, str]
    statuts: dict[str, str]
    categories_annuaire: dict[str, str]
    etablissements: dict[str, str]
    outils: dict[str, str]
    usages: dict[str, str]
    roles: dict[str, str]
    origines: dict[str, str]
    types_references: dict[str, str]
    statuts_taches: dict[str, str]
    niveaux_plans: dict[str, str]
    statuts_plan: dict[str, str]
    avis: dict[str, str]
    cibles_diffusion: dict[str, str]
    origines_messages: dict[str, str]


def _labels(**maps: Mapping[str, str]) -> Labels:
    return Labels(**{name: LabelMap(values) for name, values in maps.items()})


LABELS = _labels(
    phases=vocabulary.PHASES,
    volets=vocabulary.VOLETS,
    typologies=vocabulary.TYPOLOGIES,
    fonctions=vocabulary.CELL_FUNCTIONS,
    vulnerabilites=vocabulary.VULNERABILITY_TYPES,
    temps=vocabulary.FICHE_TIMES,
    autorites=vocabulary.AUTHORITIES,
    plans=vocabulary.LINKED_PLANS,
    categories_risque=vocabulary.RISK_CATEGORIES,
    niveaux=vocabulary.RISK_LEVELS,
    exercices=vocabulary.EXERCISE_TYPES,
    statuts=vocabulary.ACTION_STATUSES,
    categories_annuaire=vocabulary.DIRECTORY_CATEGORIES,
    etablissements=vocabulary.ESTABLISHMENT_TYPES,
    outils=vocabulary.TOOL_TYPES,
    usages=vocabulary.PHONE_USAGES,
    roles=vocabulary.REFERENT_ROLES,
    origines=vocabulary.RETEX_ORIGINS,
    types_references=vocabulary.REFERENCE_TYPES,
    statuts_taches=vocabulary.ROADMAP_STATUSES,
    niveaux_plans=vocabulary.PLAN_LEVELS,
    statuts_plan=vocabulary.PLAN_STATUSES,
    avis=vocabulary.ARS_ANSWERS,
    cibles_diffusion=vocabulary.DIFFUSION_TARGETS,
    origines_messages=vocabulary.MESSAGE_ORIGINS,
)


def for_edition(plan: Plan, edition: str) -> Plan:
    """`privacy.redact.for_edition`, imported for the diffusable edition only: the internal
    edition is the plan itself, and a render of it spares the redaction's imports (its
    patterns of personal data: ≈ 2.5 ms)."""
    if edition == "interne":
        return plan
    from cptsplan.privacy.redact import for_edition as redacted

    return redacted(plan, edition)


def build_context(
    plan: Plan,
    edition: str,
    draft: bool,
    grid: list[Any] | None = None,
    figures: Figures | None = None,
) -> dict[str, Any]:
    internal = edition == "interne"
    plan = for_edition(plan, edition)
    data = with_printed_numbers(displayable(plan.data, draft))
    entries = {entry["id"]: entry for entry in sections(data.get("annuaire"))}

    def entry(identifier: str) -> dict[str, Any]:
        found: dict[str, Any] = entries.get(identifier, {})
        return found

    def name(identifier: str | None) -> str:
        found = entries.get(identifier or "")
        if found is None:
            return plan.display_name(identifier) if identifier else ""
        if isinstance(found.get("nom"), Pending):
            return PENDING  # a person still to name is shown as such, not as a blank
        parts = (found.get("prenom"), found.get("nom"))
        return " ".join(str(part) for part in parts if part and not isinstance(part, Pending))

    def person(identifier: str | None) -> str:
        """'Julien Vermeersch (référent SSE, MSP des Berges)': name and role, no contact."""
        if not identifier:
            return ""
        found = entry(identifier)
        details = [found[key] for key in ("fonction", "structure") if found.get(key)]
        if found.get("type") == "personne" and not details and found.get("profession"):
            details.append(found["profession"])
        return f"{name(identifier)} ({', '.join(details)})" if details else name(identifier)

    responses = sections(data["adapter"]["reponses"])
    groups = {
        group["id"]: group["titre"]
        for group in (data["document"].get("gouvernance") or {}).get("groupes_travail", [])
    }
    risks = {
        risk["id"]: risk["intitule"] for risk in data["anticiper"].get("diagnostic_risques", [])
    }
    zones = {zone["id"]: zone["nom"] for zone in data["territoire"].get("zones", [])}

    return {
        "plan": data,
        "edition": edition,
        "edition_libelle": EDITIONS[edition],
        "interne": internal,
        "diffusable": not internal,
        "brouillon": draft,
        "libelles": LABELS,
        "entree": entry,
        "nom": name,
        "personne": person,
        "noms": lambda identifiers: [name(identifier) for identifier in identifiers or []],
        "personnes": lambda identifiers: [person(identifier) for identifier in identifiers or []],
        # Members of the crisis cell: people (two CPTS presidents) apart from organisations.
        # The summary (« Le plan et son suivi »): what the ARS's reviewer looks for first.
        "avis_ars": lambda: answer_detail(plan),
        "trames_suivies": lambda: guide_titles(plan),
        "repartir_membres": lambda identifiers: (
            [i for i in identifiers or [] if entry(i).get("type") == "personne"],
            [i for i in identifiers or [] if entry(i).get("type") != "personne"],
        ),
        "reponses_pour": lambda code: [r for r in responses if code in r.get("typologies", [])],
        "intitules_risques": lambda ids: [risks.get(i, i) for i in ids or []],
        "groupe": lambda identifier: (
            f"groupe de travail « {groups.get(identifier, identifier)} »" if identifier else ""
        ),
        "noms_zones": lambda ids: [zones.get(i, i) for i in ids or []],
        "coordonnees": contact_line(entries) if internal else (lambda identifier: ""),
        "joignable": round_the_clock(entries) if internal else (lambda identifier: ""),
        "actions_par_phase": actions_by_phase,
        "phase_a_completer": UNPLACED_PHASE,
        "annuaire_par_categorie": lambda: directory_groups(sections(data.get("annuaire"))),
        "grille": edition_details(grid, plan),
        # « § 3.2 Cellule de crise »: set by plan_markdown, which sees the text rendered.
        "renvoi": lambda line: Markdown(""),
        "figures_de": (
            (lambda section: figure_blocks(figures, data, section))
            if figures is not None
            else (lambda section: Markdown(""))
        ),
        "glossaire": lambda: [],
        # `render --depuis REV` (changes.py): the change annex and the headings' marks.
        "modifications": None,
        "date_fr": date_fr,
        # « 15/09/2026 »: the directory's narrow « Vérifié le » column.
        "date_courte": short_date,
    }


def edition_details(grid: list[Any] | None, plan: Plan) -> list[Any] | None:
    """The grid with what it prints beside each answer read again from the edition's plan:
    the grid was computed on the whole plan, and a title it quotes (an activation's, a
    guide's) may hold a contact that the diffusable edition masks."""
    if grid is None:
        return None
    templates = {template.item: template for template in TEMPLATE}
    shown = []
    for line in grid:
        template = templates.get(str(getattr(line, "item", "")))
        if template is not None and template.detail is not None and line.detail is not None:
            line = replace(line, detail=template.detail(plan))
        shown.append(line)
    return shown


def short_date(value: object, joiner: str = "\u2060") -> str:
    if isinstance(value, date):  # a word joiner after each slash: no line break there
        return f"{value:%d}/{joiner}{value:%m}/{joiner}{value:%Y}"
    if isinstance(value, Period):
        return value.label
    return PENDING if value else ""


def with_printed_numbers(data: dict[str, Any]) -> dict[str, Any]:
    """The directory's phone numbers in the one form the documents print (phones.py):
    '0639981101' and '+33 (0)6 39 98 11 01' both become '06 39 98 11 01', for every
    template, custom ones included. Changes `data` (a copy made for the templates)."""
    for entry in data.get("annuaire") or []:
        for phone in entry.get("telephones") or [] if isinstance(entry, dict) else []:
            number = phone.get("numero") if isinstance(phone, dict) else None
            if type(number) is str:  # not a placeholder (Pending), printed « à compléter »
                phone["numero"] = printed_number(number)
    return data


def labelled_phone(phone: dict[str, Any]) -> str:
    """'06 39 98 00 15 (astreinte, 24 h/24)': the number and what the line is."""
    notes = [vocabulary.PHONE_USAGES.get(phone.get("usage", ""), "")]
    if phone.get("h24"):
        notes.append("24 h/24")
    note = ", ".join(n for n in notes if n)
    number = phone["numero"]
    if isinstance(number, Pending):
        # « Élise Faure : numéro à compléter », never « à compléter : à compléter » when the
        # name is not known either.
        number = f"numéro {number}"
    return f"{number} ({note})" if note else str(number)


def round_the_clock(entries: dict[str, dict[str, Any]]) -> Callable[[str | None], str]:
    """The number to call in a crisis (internal edition): the entry's line answered 24 h/24,
    else its first number; labelled, so that a day line is not taken for an on-call one."""

    def number(identifier: str | None) -> str:
        phones = entries.get(identifier or "", {}).get("telephones") or []
        chosen = next((phone for phone in phones if phone.get("h24")), None)
        return labelled_phone(chosen or phones[0]) if phones else ""

    return number


def contact_line(entries: dict[str, dict[str, Any]]) -> Callable[[str | None], str]:
    """'03 53 01 00 10 (astreinte, 24 h/24) ; ars@... ; MSSanté : ...' (internal edition)."""

    def line(identifier: str | None) -> str:
        found = entries.get(identifier or "", {})
        parts = [labelled_phone(phone) for phone in found.get("telephones", [])]
        if found.get("email"):
            parts.append(str(found["email"]))
        if found.get("mssante"):
            parts.append(f"MSSanté : {found['mssante']}")
        return " ; ".join(parts)

    return line


def actions_by_phase(response: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """A response's actions grouped by crisis phase, phases in the order of the crisis."""
    groups = []
    written = sections(response.get("actions"))
    for phase, label in vocabulary.PHASES.items():
        actions = [action for action in written if action["phase"] == phase]
        if actions:
            groups.append((label, actions))
    # An action whose phase is still « A_COMPLETER » is shown too, under its own heading.
    unplaced = [a for a in written if a["phase"] not in vocabulary.PHASES]
    if unplaced:
        groups.append((UNPLACED_PHASE, unplaced))
    return groups


UNPLACED_PHASE = "Phase à compléter"
"""The heading of a response's actions whose phase is still « A_COMPLETER »; the template
compares with it (`phase_a_completer`) to print a response with no phase yet as one list."""


def directory_groups(entries: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Directory entries by family, in the order of the labels; 'Autres contacts' last."""
    labels = LABELS.categories_annuaire
    groups = [
        (label, [entry for entry in entries if entry.get("categorie") == key])
        for key, label in labels.items()
        if key != "autre"
    ]
    others = [
        entry
        for entry in entries
        if entry.get("categorie") in (None, "autre") or entry.get("categorie") not in labels
    ]
    groups.append(("Autres contacts", others))
    return [(label, members) for label, members in groups if members]
