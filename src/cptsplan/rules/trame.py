"""The items of the national template the conformity grid answers, as data: each with its
theme, its source, the rules that judge it and the part of the plan that supports it
(grille.py computes the answers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from cptsplan.findings.records import record
from cptsplan.load.loader import JsonPath
from cptsplan.messages.vocabulary import TYPOLOGIES, VOLETS
from cptsplan.model import Plan
from cptsplan.rules.base import Source
from cptsplan.rules.evaluation import ACTIVATIONS, EXERCISES
from cptsplan.rules.suivi import (
    activated,
    answer_anchor,
    answer_detail,
    exchange,
    guide_anchor,
    guide_titles,
    indicators,
    shared_with,
    when_exchanged,
    when_shared,
)
from cptsplan.rules.trame_anchors import (
    EXERCISED,
    LESSONS,
    TRAININGS,
    communication_of,
    entry_of,
    first_of,
    response_with,
)

Anchor = JsonPath | Callable[[Plan], JsonPath | None]


@record(frozen=True)
class TemplateItem:
    """`depends`: keys under the anchor that the item's verdict reads: a placeholder
    elsewhere under the anchor (a risk's category, for the typologies it covers) does not
    make it « non renseigné » (None: any placeholder under the anchor does). `applies`: when
    the item applies to the plan at all (None: always). `detail`: what to print beside the
    answer (see GridItem.detail). `counted`: False for an item that is no content of the
    plan (the ARS's answer): the grid shows it, the completeness leaves it out."""

    __slots__ = (
        "anchor",
        "applies",
        "counted",
        "depends",
        "detail",
        "item",
        "rules",
        "source",
        "subject",
        "theme",
    )  # fmt: skip

    def __init__(
        self, theme: str, item: str, source: Source, rules: tuple[str, ...], anchor: Anchor,
        subject: str | None = None, depends: tuple[str, ...] | None = None,
        applies: Callable[[Plan], bool] | None = None,
        detail: Callable[[Plan], str | None] | None = None, counted: bool = True,
    ) -> None:  # fmt: skip
        self.theme: Final = theme
        self.item: Final = item
        self.source: Final = source
        self.rules: Final = rules
        self.anchor: Final = anchor
        self.subject: Final = subject
        self.depends: Final = depends
        self.applies: Final = applies
        self.detail: Final = detail
        self.counted: Final = counted


DOC, ANT, ADA, PIL, EVA, ANN = (
    "Maîtrise du document",
    "Anticiper",
    "Adapter",
    "Piloter",
    "Évaluer",
    "Annuaire de crise",
)
CELL = ("piloter", "cellule_de_crise")
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
        DOC,
        "Plan communiqué aux membres de la CPTS",
        Source.ACI,
        ("plan-communique",),
        shared_with("membres"),
        "membres",
        detail=when_shared("membres"),
    ),
    TemplateItem(
        DOC,
        "Plan communiqué aux acteurs de santé du territoire",
        Source.ACI,
        ("plan-communique",),
        shared_with("acteurs_sante"),
        "acteurs_sante",
        detail=when_shared("acteurs_sante"),
    ),
    TemplateItem(
        DOC,
        "Plan discuté avec l'ARS",
        Source.ACI,
        ("echanges-ars",),
        exchange,
        detail=when_exchanged,
    ),
    TemplateItem(
        DOC,
        "Avis favorable de l'ARS sur la version en vigueur",
        Source.ACI,
        ("avis-ars", "statut-valide-sans-avis"),
        answer_anchor,
        detail=answer_detail,
        counted=False,
    ),
    TemplateItem(
        DOC,
        "Trame nationale ou guide régional suivi",
        Source.CNAM,
        (),  # no rule: a plan that does not say which it follows leaves it « non renseigné »
        guide_anchor,
        detail=guide_titles,
    ),
    TemplateItem(
        ANT,
        "Diagnostic des risques couvrant les cinq typologies",
        Source.GUIDE,
        ("typologie-sans-scenario",),
        ("anticiper", "diagnostic_risques"),
        depends=("typologies",),
    ),
    # These three say that the plan records some: a placeholder inside one of them (an
    # exercise's type, a RETEX's lessons) does not make that « non renseigné » (_recorded).
    TemplateItem(ANT, "Formations", Source.GUIDE, ("formations",), TRAININGS, depends=()),
    TemplateItem(ANT, "Exercices", Source.GUIDE, ("exercices",), EXERCISED, depends=()),
    *(
        TemplateItem(
            ADA,
            f"Réponse {t} : {label}",
            Source.ACI,
            ("typologie-sans-reponse",),
            response_with("typologies", t),
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
            response_with("volets", v),
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
        first_of((*CELL, "lieu_repli"), (*CELL, "mode_distanciel")),
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
        communication_of("interne"),
    ),
    TemplateItem(
        PIL,
        "Communication externe",
        Source.GUIDE,
        ("communication-externe",),
        communication_of("externe"),
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
    TemplateItem(  # as Formations and Exercices: that the plan records some
        EVA, "Retours d'expérience (RETEX)", Source.GUIDE, ("retex",), LESSONS, depends=()
    ),
    TemplateItem(
        EVA,
        "Exercice dans les 12 derniers mois",
        Source.GUIDE,
        ("exercice-annuel",),
        first_of(EXERCISES, ACTIVATIONS),
        # The rule passes only on a recent exercise whose date is known; when it does not,
        # its finding waits for a date still to complete (grille.py): nothing else matters.
        depends=(),
    ),
    TemplateItem(
        EVA,
        "Indicateurs de crise de la CNAM par activation (professionnels mobilisés, actions, durée)",
        Source.CNAM,
        ("activation-indicateurs-cnam",),
        ACTIVATIONS,
        applies=activated,
        detail=indicators,
    ),
    TemplateItem(
        ANN,
        "Point focal de l'ARS joignable 24 h/24",
        Source.GUIDE,
        ("annuaire-ars",),
        entry_of("ars"),
    ),
    TemplateItem(ANN, "SAMU - Centre 15", Source.GUIDE, ("annuaire-samu",), entry_of("samu")),
    TemplateItem(ANN, "Préfecture", Source.GUIDE, ("annuaire-prefecture",), entry_of("prefecture")),
    TemplateItem(ANN, "CPAM", Source.GUIDE, ("annuaire-cpam",), entry_of("cpam")),
)
