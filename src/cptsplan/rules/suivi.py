"""Ce que vérifie le relecteur de l'ARS au-delà du contenu : le plan communiqué aux membres
de la CPTS et aux acteurs de santé du territoire, discuté avec l'ARS, l'avis de l'ARS sur la
version en vigueur, la trame ou le guide suivi, et les indicateurs de crise de la CNAM pour
chaque activation réelle."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from cptsplan.findings.problems import Severity
from cptsplan.load.loader import JsonPath
from cptsplan.messages.categories import category_of
from cptsplan.messages.dates import when_fr
from cptsplan.messages.vocabulary import ARS_ANSWERS
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.document import FAVOURABLE
from cptsplan.rules.document_facts import DOCUMENT, TRANSMISSIONS, UNSENT_STATUSES
from cptsplan.rules.evaluation import ACTIVATIONS
from cptsplan.rules.helpers import earliest, filled, get, is_placeholder, items, latest

DIFFUSION = ("document", "diffusion")
EXCHANGES = ("document", "echanges_ars")
GUIDES = ("trame_nationale", "guide_regional", "modele_ars")

_TARGET_WORDS = {
    # « Professionnels non adhérents » are not the CPTS's members.
    "membres": re.compile(
        r"(?<!non )\badh[ée]rent|\bmembres? de la (cpts|communaut)", re.IGNORECASE
    ),
    "acteurs_sante": re.compile(
        r"\bacteurs?\b|\bpartenaires?\b|\b[ée]tablissements?\b|\bh[ôo]pital|\bmairies?\b"
        r"|\bcollectivit|\behpad\b|\bcentre hospitalier",
        re.IGNORECASE,
    ),
}
TARGET_LABELS = {
    "membres": "aux membres de la CPTS",
    "acteurs_sante": "aux acteurs de santé du territoire",
}


def diffusions_to(plan: Plan, target: str) -> list[tuple[JsonPath, dict[str, Any]]]:
    """The sharings of the plan with `target` (« membres » or « acteurs_sante »): by their
    `cible`, or else by the words of their `public` (« Adhérents de la CPTS »)."""
    found = []
    for path, item in items(plan, DIFFUSION):
        cible = item.get("cible")
        if cible == target or (
            not isinstance(cible, str) and _TARGET_WORDS[target].search(str(item.get("public")))
        ):
            found.append((path, item))
    return found


def _seriousness(plan: Plan) -> tuple[bool, Severity | None]:
    """(reported, severity) of a step the ACI asks of the plan in force: nothing to report
    before the plan is sent (the grid says « non »), a reminder (information) while it waits
    for the ARS's answer or says no status, an error once the ARS has validated it."""
    if plan.status in UNSENT_STATUSES or is_placeholder(get(plan.data, (*DOCUMENT, "statut"))):
        return False, None
    return True, (None if plan.status == "valide_ars" else Severity.INFO)


@rule(
    "plan-communique",
    Severity.ERROR,
    Source.ACI,
    "Le plan a été communiqué aux membres de la CPTS et aux acteurs de santé du territoire.",
    why=(
        "l'ACI l'exige du plan en vigueur : erreur pour un plan « valide_ars », simple rappel "
        "(information) pour un plan transmis ou sans statut, rien avant l'envoi"
    ),
)
def communicated(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI demande que le plan soit communiqué aux membres de la communauté professionnelle
    et aux acteurs en santé du territoire. Chaque partage s'enregistre sous
    « document.diffusion », avec sa cible (« membres », « acteurs_sante ») ou un public qui
    la dit (« Adhérents de la CPTS », « Acteurs du territoire »). Erreur pour un plan
    « valide_ars » (le plan en vigueur : l'ACI le demande) ; simple rappel (information)
    pour un plan transmis ou sans statut, qui attend l'avis de l'ARS ; rien à signaler avant
    l'envoi (la grille de conformité dit alors « non »).

    Exemple :

        document:
          diffusion:
            - public: Adhérents de la CPTS
              cible: membres
              date: 2026-10-08
              moyen: Liste de diffusion MSSanté et assemblée plénière
            - public: Établissements, mairies et partenaires du territoire
              cible: acteurs_sante
              date: 2026-10-15
    """
    reported, severity = _seriousness(plan)
    reads = tuple((*path, key) for path, _ in items(plan, DIFFUSION) for key in ("cible", "public"))
    for target, label in TARGET_LABELS.items():
        if not diffusions_to(plan, target):
            yield Finding(
                DIFFUSION,
                f"aucune communication du plan {label} n'est enregistrée",
                f"ajoutez sous « diffusion » le partage du plan {label} (public, cible: "
                f"{target}, date, moyen)",
                subject=target,
                severity=severity,
                reported=reported,
                depends_on=((*DOCUMENT, "statut"), *reads),
            )


def ars_exchanges(plan: Plan) -> list[JsonPath]:
    """Where the plan shows it was discussed with the ARS: its recorded exchanges, and the
    answers of the ARS to its transmissions."""
    found = [path for path, item in items(plan, EXCHANGES) if filled(item.get("objet"))]
    for path, item in items(plan, TRANSMISSIONS):
        entry = plan.directory.get(str(item.get("destinataire")), {})
        if category_of(entry) == "ars" and isinstance(item.get("reponse"), dict):
            found.append((*path, "reponse"))
    return found


@rule(
    "echanges-ars",
    Severity.ERROR,
    Source.ACI,
    "Le plan a fait l'objet de discussions avec l'ARS.",
    why=(
        "l'ACI l'exige : erreur pour un plan « valide_ars », rappel (information) pour un plan "
        "transmis ou sans statut, rien avant l'envoi"
    ),
)
def discussed_with_ars(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI demande que le plan fasse l'objet de discussions avec l'ARS, pour s'assurer de
    son articulation avec les autres plans d'urgence du territoire. Elles s'enregistrent sous
    « document.echanges_ars » (date, objet, forme) ; une réponse de l'ARS enregistrée sur
    une transmission en est une aussi. Même gravité que « plan-communique » : erreur pour un
    plan « valide_ars », rappel (information) pour un plan transmis ou sans statut.

    Exemple :

        document:
          echanges_ars:
            - date: 2026-09-15
              objet: Présentation du projet de plan à la délégation départementale
              moyen: Réunion à la délégation départementale
    """
    if ars_exchanges(plan):
        return
    reported, severity = _seriousness(plan)
    reads = tuple((*path, "objet") for path, _ in items(plan, EXCHANGES))
    yield Finding(
        EXCHANGES,
        "aucun échange avec l'ARS sur le plan n'est enregistré",
        "ajoutez sous « echanges_ars » les réunions ou échanges avec l'ARS (date, objet, forme)",
        severity=severity,
        reported=reported,
        depends_on=((*DOCUMENT, "statut"), *reads),
    )


def current_answer(plan: Plan) -> tuple[JsonPath, dict[str, Any]] | None:
    """The last answer of the ARS to a transmission of the current version, with its path."""
    version = str(get(plan.data, (*DOCUMENT, "version")))
    found = None
    for path, item in items(plan, TRANSMISSIONS):
        entry = plan.directory.get(str(item.get("destinataire")), {})
        answer = item.get("reponse")
        if (
            category_of(entry) == "ars"
            and str(item.get("version")) == version
            and isinstance(answer, dict)
        ):
            found = ((*path, "reponse"), answer)
    return found


def answer_text(answer: dict[str, Any]) -> str:
    """« conforme avec réserves, le 11 novembre 2026 »."""
    label = ARS_ANSWERS.get(str(answer.get("avis")), "à compléter").lower()
    said = when_fr(answer.get("date"))
    return f"{label}, {said}" if said else label


@rule(
    "avis-ars",
    Severity.WARNING,
    Source.ACI,
    "La version en vigueur a reçu un avis favorable de l'ARS.",
    why=(
        "un avertissement, pour un avis défavorable seulement : l'avis est la réponse de l'ARS,"
        " pas un contenu du plan ; un plan « valide_ars » sans avis est l'erreur « statut-"
        "valide-sans-avis »"
    ),
)
def ars_opinion(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ARS vérifie la conformité du plan à la trame nationale ; son avis s'enregistre sur
    la transmission à l'ARS, sous « reponse ». La règle signale un avis sur la version en
    vigueur qui demande des compléments ou juge le plan non conforme (avertissement : le plan
    est à reprendre). Tant que l'avis n'est pas arrivé, rien n'est signalé : la grille de
    conformité répond « non » (ou « non renseigné » pour un avis « en_attente ») et dit
    quand le plan a été transmis.

    Exemple :

        transmissions:
          - destinataire: ars-dd59
            date: 2026-10-06
            version: "2.1"
            reponse: {avis: conforme, date: 2026-11-11}
    """
    found = current_answer(plan)
    version = str(get(plan.data, (*DOCUMENT, "version")))
    reads = tuple(
        (*path, key)
        for path, _ in items(plan, TRANSMISSIONS)
        for key in ("destinataire", "version", "reponse")
    )
    if found is None:
        # Waiting for the answer is the normal course of a plan just sent: the grid says
        # « non », nothing is reported (a « valide_ars » plan without it is an error there).
        yield Finding(
            TRANSMISSIONS,
            f"aucun avis de l'ARS n'est enregistré sur la version {version}",
            "enregistrez l'avis sous « reponse » de la transmission à l'ARS dès sa réception",
            reported=False,
            depends_on=((*DOCUMENT, "version"), *reads),
        )
        return
    path, answer = found
    avis = answer.get("avis")
    if avis == "en_attente":
        yield Finding(
            (*path, "avis"),
            f"l'avis de l'ARS sur la version {version} est attendu",
            unknown=True,
            reported=False,
        )
    elif avis not in FAVOURABLE:
        yield Finding(
            (*path, "avis"),
            f"avis de l'ARS sur la version {version} : {answer_text(answer)}",
            "reprenez le plan selon la réponse de l'ARS, puis transmettez la nouvelle version",
        )


def followed_guides(plan: Plan) -> list[tuple[JsonPath, dict[str, Any]]]:
    return [
        (path, item)
        for path, item in items(plan, (*DOCUMENT, "references"))
        if item.get("type") in GUIDES
    ]


CNAM_INDICATORS = {
    "professionnels_mobilises": "nombre de professionnels mobilisés",
    "nombre_actions": "nombre d'actions",
}


@rule(
    "activation-indicateurs-cnam",
    Severity.WARNING,
    Source.CNAM,
    "Chaque activation terminée a ses indicateurs de crise (professionnels, actions, durée).",
    why=(
        "un avertissement : ces indicateurs comptent la mission de crise accomplie, ils ne sont"
        " pas une condition de conformité du plan"
    ),
)
def activation_indicators(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """La CNAM juge la partie crise de la mission sur le nombre de professionnels mobilisés
    et le nombre d'actions menées, pour chaque activation. Une activation réelle terminée
    (date de fin passée) les enregistre, avec sa durée (dates de début et de fin, ou
    « duree »). Un avertissement : c'est la trace de la mission accomplie, pas une condition
    de conformité du plan.

    Exemple :

        evaluer:
          activations:
            - id: activation-2026-canicule
              debut: 2026-08-10
              fin: 2026-08-18
              professionnels_mobilises: 17
              nombre_actions: 236
    """
    for path, item in items(plan, ACTIVATIONS):
        end = item.get("fin")
        last = latest(end)  # an activation « 2026-08 » is surely over only after 31 August
        if not (last is not None and last <= ctx.today):
            continue
        missing = [label for key, label in CNAM_INDICATORS.items() if item.get(key) is None]
        # A start known by its month still gives the duration roughly: not « missing ».
        if not (earliest(item.get("debut")) or filled(item.get("duree"))):
            missing.append("durée")
        if missing:
            yield Finding(
                path,
                f"l'activation « {item.get('titre')} » n'enregistre pas : {', '.join(missing)}",
                "ajoutez « professionnels_mobilises », « nombre_actions » et la durée (« debut »"
                " et « fin », ou « duree »)",
                depends_on=tuple((*path, key) for key in (*CNAM_INDICATORS, "debut", "duree")),
            )


# What the conformity grid points to and prints beside its answer, for the items above
# (trame.py): where the plan says it, and when.


def shared_with(target: str) -> Callable[[Plan], JsonPath | None]:
    def anchor(plan: Plan) -> JsonPath | None:
        found = diffusions_to(plan, target)
        return found[0][0] if found else None

    return anchor


def when_shared(target: str) -> Callable[[Plan], str | None]:
    """« le 8 octobre 2026 » (each sharing with `target` the plan dates)."""

    def detail(plan: Plan) -> str | None:
        days = [i.get("date") for _, i in diffusions_to(plan, target)]
        return " ; ".join(filter(None, map(when_fr, days))) or None

    return detail


def exchange(plan: Plan) -> JsonPath | None:
    found = ars_exchanges(plan)
    return found[0] if found else None


def when_exchanged(plan: Plan) -> str | None:
    days = [item.get("date") for _, item in items(plan, ("document", "echanges_ars"))]
    return " ; ".join(filter(None, map(when_fr, days))) or None


def answer_anchor(plan: Plan) -> JsonPath | None:
    found = current_answer(plan)
    return found[0] if found else None


def answer_detail(plan: Plan) -> str | None:
    """« conforme, le 1er décembre 2025 », or when the ARS has not answered yet, « pas encore
    d'avis, version transmise le 6 octobre 2026 »."""
    found = current_answer(plan)
    if found:
        return answer_text(found[1])
    version = str(get(plan.data, (*DOCUMENT, "version")))
    for _, item in items(plan, TRANSMISSIONS):
        entry = plan.directory.get(str(item.get("destinataire")), {})
        sent = item.get("date")
        if category_of(entry) == "ars" and str(item.get("version")) == version:
            when = when_fr(sent)
            return f"pas encore d'avis, version transmise{' ' + when if when else ''}"
    return None


def guide_anchor(plan: Plan) -> JsonPath | None:
    found = followed_guides(plan)
    return found[0][0] if found else None


def guide_titles(plan: Plan) -> str | None:
    return " ; ".join(str(item.get("titre")) for _, item in followed_guides(plan)) or None


def activated(plan: Plan) -> bool:
    return bool(list(items(plan, ACTIVATIONS)))


def indicators(plan: Plan) -> str | None:
    """« Canicule de 2025 : 46 professionnels mobilisés, 412 actions, 5 jours » per activation."""
    lines = []
    for _, item in items(plan, ACTIVATIONS):
        figures = []
        for key, unit in (("professionnels_mobilises", "professionnels mobilisés"),
                          ("nombre_actions", "actions")):  # fmt: skip
            if isinstance(item.get(key), int):
                figures.append(f"{item[key]} {unit}")
        start, end = item.get("debut"), item.get("fin")
        if isinstance(item.get("duree"), str):
            figures.append(str(item["duree"]))
        elif isinstance(start, date) and isinstance(end, date):
            days = (end - start).days + 1
            figures.append(f"{days} jour{'s' if days > 1 else ''}")
        lines.append(f"{item.get('titre')} : {', '.join(figures) or 'aucun indicateur'}")
    return " ; ".join(lines) or None
