"""The conformity grid: each item of the national template, covered or not, and where.

Items are read from the rules' raw findings (before configuration and silences): the grid
measures the plan against the national template, whatever a region has turned off. The
completeness score is the share of covered items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cptsplan.load.loader import JsonPath
from cptsplan.messages.vocabulary import TYPOLOGIES, VOLETS
from cptsplan.model import Plan
from cptsplan.rules.base import REGISTRY, Finding, Source
from cptsplan.rules.couverture import response_volets
from cptsplan.rules.helpers import (
    category_ids,
    cell_communication,
    directory_path,
    filled,
    get,
    items,
)
from cptsplan.rules.pending import Pending, pending_in
from cptsplan.rules.settings import DEFAULT, Config

Anchor = JsonPath | Callable[[Plan], JsonPath | None]


@dataclass(frozen=True)
class GridItem:
    """One line of the grid, as the rendered annex shows it."""

    theme: str
    item: str
    source: str
    covered: bool
    where: str | None
    pending: bool = False
    """Not judged: the part is still « A_COMPLETER », or the plan does not say enough."""
    path: JsonPath | None = None
    """The part of the plan that supports a covered item (the document points to the section
    that prints it; reports keep `where`, its file and line)."""
    reported: bool = True
    """False when the « non » is no problem of the plan (a plan not sent yet has no
    transmission): the reviewer's table then prints no severity beside it."""
    applicable: bool = True
    """False when the item does not apply to this plan (indicators of an activation, for a
    plan never activated): the grid prints « sans objet », the completeness leaves it out."""

    @property
    def answer(self) -> str:
        """What the grid prints: « oui », « non », « non renseigné » or « sans objet »."""
        if not self.applicable:
            return "sans objet"
        if self.pending:
            return "non renseigné"
        return "oui" if self.covered else "non"


@dataclass(frozen=True)
class TemplateItem:
    theme: str
    item: str
    source: Source
    rules: tuple[str, ...]
    anchor: Anchor
    subject: str | None = None
    depends: tuple[str, ...] | None = None
    """Keys under the anchor that the item's verdict reads: a placeholder elsewhere under
    the anchor (a risk's category, for the typologies it covers) does not make it « non
    renseigné ». None: any placeholder under the anchor does."""
    applies: Callable[[Plan], bool] | None = None
    """When the item applies to the plan at all (None: always)."""


def _response_with(key: str, value: str) -> Callable[[Plan], JsonPath | None]:
    """The first response for typology (key "typologies") or volet (key "volets", named or
    derived from its typologies) `value`."""

    def anchor(plan: Plan) -> JsonPath | None:
        names = response_volets(plan) if key == "volets" else None
        for path, response in items(plan, ("adapter", "reponses")):
            if value in (names(response) if names else response.get(key, [])):
                return path
        return None

    return anchor


def _first_of(*paths: JsonPath) -> Callable[[Plan], JsonPath | None]:
    """The first of `paths` the plan writes (a fallback place, or else remote working)."""

    def anchor(plan: Plan) -> JsonPath | None:
        return next((path for path in paths if get(plan.data, path) is not None), None)

    return anchor


def _communication(audience: str) -> Callable[[Plan], JsonPath | None]:
    """Where the plan says how it communicates: its own section, or else a mission of the
    whole crisis cell that communicates with that audience."""

    def anchor(plan: Plan) -> JsonPath | None:
        written = ("piloter", "communication", audience)
        if get(plan.data, written) is not None:
            return written
        return cell_communication(plan, audience)

    return anchor


def _entry_of(category: str) -> Callable[[Plan], JsonPath | None]:
    def anchor(plan: Plan) -> JsonPath | None:
        found = sorted(category_ids(plan, category))
        return directory_path(plan, found[0]) if found else None

    return anchor


DOC, ANT, ADA, PIL, EVA, ANN = (
    "Maîtrise du document",
    "Anticiper",
    "Adapter",
    "Piloter",
    "Évaluer",
    "Annuaire de crise",
)
CELL = ("piloter", "cellule_de_crise")
EXERCISES = ("anticiper", "exercices")
ACTIVATIONS = ("evaluer", "activations")
LINKS = ("piloter", "articulation_plans")

TEMPLATE: tuple[TemplateItem, ...] = (
    TemplateItem(
        DOC,
        "Mise à jour de moins de 12 mois",
        Source.ACI,
        ("mise-a-jour-ancienne",),
        ("document", "date_mise_a_jour"),
    ),
    TemplateItem(
        DOC,
        "Historique des versions, version courante comprise",
        Source.ACI,
        ("historique-version-courante",),
        ("document", "historique"),
    ),
    TemplateItem(
        DOC,
        "Transmission à l'ARS",
        Source.ACI,
        ("transmission-ars",),
        ("document", "transmissions"),
        depends=("destinataire",),
    ),
    TemplateItem(
        DOC,
        "Transmission à la CPAM",
        Source.ACI,
        ("transmission-cpam",),
        ("document", "transmissions"),
        depends=("destinataire",),
    ),
    TemplateItem(
        DOC,
        "Rédaction avec un établissement de santé",
        Source.ACI,
        ("redaction-etablissement",),
        ("document", "partenaires_redaction"),
    ),
    TemplateItem(
        DOC,
        "Rédaction avec une collectivité",
        Source.ACI,
        ("redaction-collectivite",),
        ("document", "partenaires_redaction"),
    ),
    TemplateItem(
        ANT,
        "Diagnostic des risques couvrant les cinq typologies",
        Source.GUIDE,
        ("typologie-sans-scenario",),
        ("anticiper", "diagnostic_risques"),
        depends=("typologies",),
    ),
    TemplateItem(ANT, "Formations", Source.GUIDE, ("formations",), ("anticiper", "formations")),
    TemplateItem(ANT, "Exercices", Source.GUIDE, ("exercices",), _first_of(EXERCISES, ACTIVATIONS)),
    *(
        TemplateItem(
            ADA,
            f"Réponse {t} : {label}",
            Source.ACI,
            ("typologie-sans-reponse",),
            _response_with("typologies", t),
            t,
        )
        for t, label in TYPOLOGIES.items()
    ),
    *(
        TemplateItem(
            ADA,
            f"Volet ORSAN {v} : {label}",
            Source.GUIDE,
            ("volet-sans-reponse",),
            _response_with("volets", v),
            v,
        )
        for v, label in VOLETS.items()
    ),
    TemplateItem(
        ADA,
        "Continuité des soins des patients chroniques",
        Source.ACI,
        ("continuite-soins",),
        ("adapter", "continuite_des_soins"),
    ),
    TemplateItem(
        ADA,
        "Besoins de soins à maintenir",
        Source.GUIDE,
        ("continuite-soins-besoins",),
        ("adapter", "continuite_des_soins", "besoins"),
    ),
    TemplateItem(
        PIL,
        "Autorités de déclenchement",
        Source.ACI,
        ("declenchement-autorites",),
        ("piloter", "declenchement", "autorites"),
    ),
    TemplateItem(
        PIL,
        "Action dans la limite des moyens",
        Source.ACI,
        ("declenchement-limites-moyens",),
        ("piloter", "declenchement", "limites_moyens"),
    ),
    TemplateItem(
        PIL,
        "Référent SSE nommé",
        Source.CNAM,
        ("referent-sse-titulaire",),
        ("piloter", "referents_sse"),
    ),
    TemplateItem(
        PIL,
        "Suppléant du référent SSE",
        Source.GUIDE,
        ("referent-sse-suppleant",),
        ("piloter", "referents_sse"),
    ),
    TemplateItem(
        PIL,
        "Lieu principal de la cellule de crise",
        Source.CNAM,
        ("cellule-lieu-principal",),
        (*CELL, "lieu_principal"),
    ),
    TemplateItem(
        PIL,
        "Lieu de repli ou fonctionnement à distance",
        Source.GUIDE,
        ("cellule-lieu-repli",),
        _first_of((*CELL, "lieu_repli"), (*CELL, "mode_distanciel")),
    ),
    TemplateItem(
        PIL,
        "Fonctions de la cellule, avec titulaire et suppléant",
        Source.GUIDE,
        ("cellule-fonctions", "cellule-fonction-suppleant", "suppleant-identique"),
        (*CELL, "fonctions"),
    ),
    TemplateItem(
        PIL,
        "Point d'entrée de l'alerte",
        Source.GUIDE,
        ("alerte-point-entree",),
        ("piloter", "chaine_alerte", "point_entree"),
    ),
    TemplateItem(
        PIL,
        "Cascade d'alerte interne",
        Source.GUIDE,
        ("alerte-cascade",),
        ("piloter", "chaine_alerte", "cascade"),
    ),
    TemplateItem(
        PIL,
        "Communication interne",
        Source.GUIDE,
        ("communication-interne",),
        _communication("interne"),
    ),
    TemplateItem(
        PIL,
        "Communication externe",
        Source.GUIDE,
        ("communication-externe",),
        _communication("externe"),
    ),
    TemplateItem(
        PIL,
        "Remontée d'informations aux autorités",
        Source.GUIDE,
        ("remontee-informations",),
        ("piloter", "remontee_informations"),
    ),
    TemplateItem(PIL, "Articulation avec l'ORSAN", Source.ACI, ("articulation-orsan",), LINKS),
    TemplateItem(PIL, "Articulation avec l'ORSEC", Source.ACI, ("articulation-orsec",), LINKS),
    TemplateItem(
        PIL, "Articulation avec les PCS des communes", Source.ACI, ("articulation-pcs",), LINKS
    ),
    TemplateItem(
        EVA, "Retours d'expérience (RETEX)", Source.GUIDE, ("retex",), ("evaluer", "retex")
    ),
    TemplateItem(
        EVA,
        "Exercice dans les 12 derniers mois",
        Source.GUIDE,
        ("exercice-annuel",),
        _first_of(EXERCISES, ACTIVATIONS),
    ),
    TemplateItem(
        ANN,
        "Point focal de l'ARS joignable 24 h/24",
        Source.GUIDE,
        ("annuaire-ars",),
        _entry_of("ars"),
    ),
    TemplateItem(ANN, "SAMU - Centre 15", Source.GUIDE, ("annuaire-samu",), _entry_of("samu")),
    TemplateItem(
        ANN, "Préfecture", Source.GUIDE, ("annuaire-prefecture",), _entry_of("prefecture")
    ),
    TemplateItem(ANN, "CPAM", Source.GUIDE, ("annuaire-cpam",), _entry_of("cpam")),
)


def grid_from_findings(plan: Plan, findings: dict[str, list[Finding]]) -> list[GridItem]:
    """Each template item: « oui » only when the plan supports it, « non renseigné » when a
    placeholder or a lack of information stands in the way, « non » otherwise."""
    pending = pending_in(findings, plan)
    grid = []
    for template in TEMPLATE:
        if template.applies is not None and not template.applies(plan):
            grid.append(
                GridItem(template.theme, template.item, template.source.value, False, None,
                         applicable=False)
            )  # fmt: skip
            continue
        found = [
            (finding, REGISTRY[rule_id].placeholder_aware)
            for rule_id in template.rules
            for finding in findings.get(rule_id, [])
            if template.subject is None or finding.subject == template.subject
        ]
        anchor = template.anchor(plan) if callable(template.anchor) else template.anchor
        if found:
            # A placeholder-aware rule already told « to complete » from « missing ».
            undecided = all(
                f.unknown or (not aware and pending.defers_finding(f)) for f, aware in found
            )
        else:
            # Nothing found against it, but "oui" needs something in the plan to point to.
            undecided = (
                anchor is None
                or not filled(get(plan.data, anchor))
                or _waits(pending, anchor, template.depends)
            )
        covered = not found and not undecided
        where = _where(plan, anchor) if covered else None
        grid.append(
            GridItem(
                template.theme,
                template.item,
                template.source.value,
                covered,
                where,
                undecided,
                anchor if where is not None else None,
                reported=any(f.reported for f, _ in found) if found else True,
            )
        )
    return grid


def _waits(pending: Pending, anchor: JsonPath, depends: tuple[str, ...] | None) -> bool:
    """Whether the part an item points to waits for a placeholder that its verdict reads:
    the part itself is one (or lies under one), or one of the `depends` keys under it is."""
    if depends is None:
        return pending.defers(anchor)
    size = len(anchor)
    return any(
        anchor[: len(path)] == path
        or (path[:size] == anchor and any(key in depends for key in path[size:]))
        for path in pending.paths
    )


def _where(plan: Plan, path: JsonPath | None) -> str | None:
    if path is None or get(plan.data, path) is None:
        return None
    location = plan.locate(path)
    return f"{Path(location.file).name}:{location.line}"


def conformity_grid(
    plan: Plan, today: date | None = None, config: Config = DEFAULT
) -> list[GridItem]:
    """Each national-template item, covered or not, and where it is written
    ('piloter.yaml:57'). `today` is the reference date of the rules on time."""
    from cptsplan.rules.engine import context, raw_findings

    findings = raw_findings(plan, context(today or date.today(), config))
    return grid_from_findings(plan, findings)


def completeness(grid: list[GridItem]) -> float:
    """The share of covered items among those that apply to the plan."""
    applicable = [item for item in grid if item.applicable]
    return sum(item.covered for item in applicable) / len(applicable) if applicable else 0.0
