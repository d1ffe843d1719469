"""Maîtrise du document : mise à jour annuelle, historique de chaque version, transmission à
l'ARS et à la CPAM, prochaine revue. Les règles datées utilisent la date de référence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from cptsplan.findings.problems import Severity
from cptsplan.load.loader import JsonPath
from cptsplan.messages.categories import category_of
from cptsplan.messages.dates import dated_fr, french_date
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.document_facts import (
    DOCUMENT,
    HISTORY,
    SENT_STATUSES,
    TRANSMISSIONS,
    current_version_entry,
    later_versions,
    recipients,
    sent_to,
    transmission_findings,
    unreadable_history,
    update_before_current_version,
    version_key,
    versions_phrase,
)
from cptsplan.rules.helpers import (
    earliest,
    filled,
    get,
    items,
    latest,
    over_a_year_before,
)


@rule(
    "mise-a-jour-ancienne",
    Severity.ERROR,
    Source.ACI,
    "La dernière mise à jour date de moins de 12 mois.",
)
def stale_update(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI demande une mise à jour au moins annuelle : la date de dernière mise à jour doit
    dater de moins de 12 mois à la date de référence (option --date, aujourd'hui par défaut).

    Exemple : avec --date 2026-11-23, « date_mise_a_jour: 2025-10-05 » est trop ancienne.
    """
    updated = get(plan.data, (*DOCUMENT, "date_mise_a_jour"))
    if isinstance(updated, date) and over_a_year_before(updated, ctx.today):
        # The history may date the current version later: the date only was forgotten.
        entry = current_version_entry(plan)
        yield Finding(
            (*DOCUMENT, "date_mise_a_jour"),
            f"dernière mise à jour le {french_date(updated)} : plus de 12 mois avant le "
            f"{french_date(ctx.today)}",
            f"l'historique date la version {entry['version']} du {dated_fr(entry['date'])} : "
            "si c'est la dernière mise à jour, recopiez cette date ici"
            if entry and (earliest(entry["date"]) or updated) > updated
            else "faites la mise à jour annuelle du plan, puis changez la date et ajoutez "
            "la version à l'historique",
        )


@rule(
    "date-future",
    Severity.WARNING,
    Source.PRATIQUE,
    "La date de mise à jour et celles de l'historique ne sont pas dans le futur.",
)
def future_date(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une date de mise à jour, de version ou de transmission postérieure à la date de
    référence est presque toujours une faute de frappe (2062 pour 2026). Une période n'est
    dans le futur que si son premier jour l'est (« 2026-T4 » le 23 novembre 2026 : non).

    Exemple d'erreur avec --date 2026-11-23 : « date_mise_a_jour: 2062-10-05 ».
    """
    candidates: list[tuple[JsonPath, object]] = [
        ((*DOCUMENT, "date_mise_a_jour"), get(plan.data, (*DOCUMENT, "date_mise_a_jour")))
    ]
    candidates += [((*path, "date"), item.get("date")) for path, item in items(plan, HISTORY)]
    candidates += [((*path, "date"), item.get("date")) for path, item in items(plan, TRANSMISSIONS)]
    for path, value in candidates:
        first = earliest(value)  # « 2026-T4 » is surely in the future only before its start
        if first is not None and first > ctx.today:
            yield Finding(
                path,
                f"date dans le futur : {dated_fr(value)} (date de référence : "
                f"{french_date(ctx.today)})",
                "vérifiez l'année ; pour tester une date, utilisez l'option --date",
            )


@rule(
    "historique-version-courante",
    Severity.ERROR,
    Source.ACI,
    "L'historique a une entrée pour la version courante du plan.",
)
def current_version_in_history(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le livrable d'une mise à jour est un plan consolidé qui montre ce qui a changé : chaque
    version, y compris la version courante (« document.version »), a son entrée dans
    l'historique avec un résumé des changements.

    Exemple :

        document:
          version: "2.1"
          historique:
            - version: "2.1"
              date: 2026-10-05
              resume: Mise à jour annuelle ...
    """
    current = str(get(plan.data, (*DOCUMENT, "version")))
    versions = {str(item.get("version")) for _, item in items(plan, HISTORY)}
    if current not in versions and not unreadable_history(plan):
        # A number behind the history's last (« 2 » after 2.1) is one mistake: said here
        # once, with both ways out, and not again on every later entry (historique-incoherent).
        later = later_versions(plan, current)
        # The new plan's history has one entry, its version still « A_COMPLETER »: that
        # entry is the one to fill, not a second one to add.
        unnumbered = [
            index
            for index, (_, item) in enumerate(items(plan, HISTORY))
            if not filled(item.get("version"))
        ]
        hint = (
            f"dans « historique », remplacez « A_COMPLETER » par « {current} » à la version "
            f"de l'entrée n° {unnumbered[-1] + 1}, et complétez sa date et son résumé"
            if len(unnumbered) == 1
            else f"l'historique va déjà jusqu'à la version {later[-1]} : pour une nouvelle "
            f"version, numérotez-la après {later[-1]} et ajoutez-la à « historique » avec sa "
            "date et le résumé des changements ; sinon corrigez « document.version »"
            if later
            else f"ajoutez à « historique » la version « {current} » avec sa date et le "
            "résumé des changements"
        )
        yield Finding(
            (*DOCUMENT, "version"),
            f"la version courante {current} n'a pas d'entrée dans l'historique",
            hint,
        )


@rule(
    "historique-incoherent",
    Severity.WARNING,
    Source.PRATIQUE,
    "L'historique est en ordre et couvre toutes les versions transmises.",
)
def inconsistent_history(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Les versions de l'historique se suivent (numéros et dates croissants), chacune une
    seule fois, aucune n'est postérieure à la version courante, et chaque version transmise
    à l'ARS ou à la CPAM a son entrée. La date de mise à jour n'est pas antérieure à celle
    de la version courante dans l'historique (une date oubliée l'an passé annonce une fausse
    échéance).

    Des dates données par période ne sont en désordre que si elles le sont à coup sûr :
    « 2026 » puis 2026-09-18 est en ordre.

    Exemple d'erreur : une transmission de la version « 1.5 » absente de l'historique.
    """
    written = get(plan.data, (*DOCUMENT, "version"))
    known = {str(item.get("version")) for _, item in items(plan, HISTORY)}
    # A version refused by the schema (« v2.1 ») or not known yet compares with nothing: read
    # as « 0 », it made every version of the history « postérieure ». A current version with
    # no entry of its own is historique-version-courante's error, which names the later ones.
    later = later_versions(plan, written) if filled(written) and str(written) in known else []
    if later:
        entry = next(
            path for path, item in items(plan, HISTORY) if str(item.get("version")) == later[0]
        )
        agreed = "postérieures" if len(later) > 1 else "postérieure"
        yield Finding(
            (*entry, "version"),
            f"l'historique a {versions_phrase(later)} {agreed} à la version courante "
            f"{written} du document",
            "mettez à jour « document.version », ou retirez de l'historique une version "
            "qui n'existe pas",
        )
    previous: dict[str, Any] | None = None
    seen: set[tuple[int, ...]] = set()
    for path, item in items(plan, HISTORY):
        version = str(item.get("version"))
        if filled(item.get("version")) and version_key(version) in seen:
            yield Finding(
                (*path, "version"),
                f"la version {version} est écrite deux fois dans l'historique",
                "gardez une seule entrée par version, avec tous ses changements",
            )
        seen.add(version_key(version))
        dates = (item.get("date"), previous.get("date") if previous else None)
        # Surely earlier: « 2024 » is not before 2024-03-01, nor after it.
        last, first = latest(dates[0]), earliest(dates[1])
        earlier = last is not None and first is not None and last < first
        if previous is not None and (
            version_key(version) < version_key(previous.get("version", "0")) or earlier
        ):
            yield Finding(
                (*path, "version"),
                f"l'historique n'est pas dans l'ordre : la version {version} suit la "
                f"version {previous.get('version')}",
                "rangez les versions de la plus ancienne à la plus récente",
            )
        previous = item
    yield from update_before_current_version(plan, ctx.today)
    for path, item in items(plan, TRANSMISSIONS):
        if str(item.get("version")) not in known and not unreadable_history(plan):
            yield Finding(
                (*path, "version"),
                f"la version transmise {item.get('version')} n'est pas dans l'historique",
                "ajoutez-la à l'historique, ou corrigez le numéro",
            )


@rule(
    "transmission-ars",
    Severity.ERROR,
    Source.ACI,
    "Un plan transmis a sa transmission à l'ARS enregistrée.",
)
def sent_to_ars(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI demande d'envoyer le plan à l'ARS, qui vérifie sa conformité à la trame
    nationale. La règle suit le statut du plan (« document.statut ») : un plan « brouillon »
    ou « pret_a_transmettre » n'a pas encore à être envoyé ; un plan « transmis » ou
    « valide_ars » doit avoir son envoi enregistré (erreur). Sans statut, l'absence d'envoi
    est un avertissement. Le destinataire est une entrée de l'annuaire de catégorie « ars ».

    Exemple :

        document:
          statut: transmis
          transmissions:
            - destinataire: ars-dd59
              date: 2026-10-06
              version: "2.1"
    """
    yield from transmission_findings(plan, "ars", "à l'ARS")


@rule(
    "transmission-cpam",
    Severity.ERROR,
    Source.ACI,
    "Un plan transmis a sa transmission à la CPAM enregistrée.",
)
def sent_to_cpam(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI demande d'envoyer le plan à la CPAM. Comme pour l'ARS, la règle suit le statut
    du plan : l'envoi n'est exigé qu'une fois le plan « transmis ». Le destinataire est une
    entrée de l'annuaire de catégorie « cpam ».

    Exemple :

        - destinataire: cpam-flandres
          date: 2026-10-06
          version: "2.1"
    """
    yield from transmission_findings(plan, "cpam", "à la CPAM")


FAVOURABLE = ("conforme", "conforme_avec_reserves")


@rule(
    "statut-valide-sans-avis",
    Severity.ERROR,
    Source.COHERENCE,
    "Un plan « valide_ars » a l'avis favorable de l'ARS enregistré sur sa transmission.",
)
def validated_without_answer(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le statut « valide_ars » dit que l'ARS a reconnu le plan conforme. Cette réponse
    s'enregistre sur la transmission de la version courante à l'ARS, avec sa date : c'est la
    trace que la CPTS produira si on la lui demande.

    Exemple :

        document:
          statut: valide_ars
          transmissions:
            - destinataire: ars-dd59
              date: 2026-10-06
              version: "2.1"
              reponse:
                avis: conforme
                date: 2026-11-11
    """
    if plan.status != "valide_ars":
        return
    version = str(get(plan.data, (*DOCUMENT, "version")))
    for _, item in items(plan, TRANSMISSIONS):
        entry = plan.directory.get(item.get("destinataire", ""), {})
        answer = item.get("reponse") or {}
        if (
            category_of(entry) == "ars"
            and str(item.get("version")) == version
            and answer.get("avis") in FAVOURABLE
        ):
            return
    yield Finding(
        (*DOCUMENT, "statut"),
        f"le plan est « valide_ars », mais aucune transmission de la version {version} à "
        "l'ARS n'a d'avis favorable enregistré",
        "ajoutez « reponse: {avis: conforme, date: AAAA-MM-JJ} » à la transmission à l'ARS, "
        "ou remettez le statut à « transmis »",
        depends_on=(*recipients(plan, "version", "reponse"), (*DOCUMENT, "version")),
    )


@rule(
    "transmission-version-courante",
    Severity.INFO,
    Source.ACI,
    "La version courante a été transmise à l'ARS et à la CPAM.",
    why=(
        "une information, un avertissement pour un plan qui se dit transmis : la nouvelle "
        "version peut être en cours de validation avant son envoi"
    ),
)
def current_version_sent(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Après chaque mise à jour, la nouvelle version est envoyée à l'ARS et à la CPAM. Tant
    qu'elle ne l'est pas, cette règle le rappelle (une information, pas une erreur : la
    version peut être en cours de validation).

    Exemple : « document.version: "2.1" » et une transmission « version: "2.1" » à chacune.
    """
    version = str(get(plan.data, (*DOCUMENT, "version")))
    for category, label in (("ars", "à l'ARS"), ("cpam", "à la CPAM")):
        if sent_to(plan, category) and not sent_to(plan, category, version):
            # A plan that says it was sent should show the sending of this very version.
            said_sent = plan.status in SENT_STATUSES
            yield Finding(
                TRANSMISSIONS,
                f"la version courante {version} n'a pas encore été transmise {label}",
                "ajoutez la transmission une fois le plan envoyé",
                severity=Severity.WARNING if said_sent else None,
                depends_on=(*recipients(plan, "version"), (*DOCUMENT, "version")),
            )


@rule(
    "revue-depassee",
    Severity.WARNING,
    Source.PRATIQUE,
    "La date de prochaine revue n'est pas dépassée.",
)
def review_overdue(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """La date de prochaine revue annoncée dans le document ne doit pas être passée à la date
    de référence.

    Exemple : « date_prochaine_revue: 2027-10-01 ».
    """
    review = get(plan.data, (*DOCUMENT, "date_prochaine_revue"))
    if isinstance(review, date) and review < ctx.today:
        yield Finding(
            (*DOCUMENT, "date_prochaine_revue"),
            f"la revue prévue le {french_date(review)} est dépassée",
            "faites la revue du plan, puis fixez la date de la suivante",
        )
