"""Rappels : ce qui arrive à échéance bientôt. Les règles sur les 12 mois (mise à jour
annuelle, vérification des coordonnées) tombent d'un coup le lendemain de la limite ; ces
rappels préviennent avant, assez tôt pour faire le travail (60 jours par défaut, réglables
dans `.cptsplan.yaml` : `rappels: {jours_avant: 30}`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cptsplan.findings.problems import Severity
from cptsplan.messages.dates import french_date
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import items, year_after


def days_left(day: object, ctx: RuleContext) -> tuple[date, int] | None:
    """The 12-month limit of `day` and the days until it, when it falls within the reminder
    window (from `reminder_days` days before it to the limit itself); None otherwise."""
    if not isinstance(day, date) or ctx.reminder_days <= 0:
        return None
    limit = year_after(day)
    left = (limit - ctx.today).days
    return (limit, left) if 0 <= left <= ctx.reminder_days else None


def next_update(plan: Plan) -> date | None:
    """The date before which the yearly update must be done (None while it is unknown)."""
    updated = plan.last_update
    return year_after(updated) if isinstance(updated, date) else None


def _in(left: int) -> str:
    return "aujourd'hui" if left == 0 else ("demain" if left == 1 else f"dans {left} jours")


@rule(
    "mise-a-jour-echeance",
    Severity.WARNING,
    Source.ACI,
    "La mise à jour annuelle arrive à échéance : rappel avant la limite des 12 mois.",
    why=(
        "un rappel avant l'échéance de l'ACI : l'erreur « mise-a-jour-ancienne » vient une fois"
        " la date passée"
    ),
)
def update_due(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """L'ACI demande une mise à jour au moins annuelle. Le lendemain de la limite, la règle
    « mise-a-jour-ancienne » signale une erreur ; ce rappel prévient avant, à partir de
    60 jours avant la limite (réglable : « rappels: jours_avant » dans .cptsplan.yaml), avec
    la date à tenir.

    Exemple : « date_mise_a_jour: 2025-12-01 » donne, avec --date 2026-10-02, « mise à jour
    annuelle à faire avant le 1er décembre 2026 (dans 60 jours) ».
    """
    found = days_left(plan.last_update, ctx)
    if found is not None:
        limit, left = found
        yield Finding(
            ("document", "date_mise_a_jour"),
            f"mise à jour annuelle à faire avant le {french_date(limit)} ({_in(left)})",
            "relisez le plan, mettez à jour les coordonnées et les dates, ajoutez la nouvelle "
            "version à l'historique, puis transmettez-la à l'ARS et à la CPAM",
        )


@rule(
    "contact-verification-echeance",
    Severity.WARNING,
    Source.GUIDE,
    "Les coordonnées vérifiées il y a presque 12 mois sont à revérifier bientôt.",
)
def contact_check_due(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Chaque entrée de l'annuaire doit avoir été vérifiée depuis moins de 12 mois (règle
    « contact-verification-ancienne »). Ce rappel prévient à l'avance, entrée par entrée
    (60 jours par défaut, réglables), pour qu'un annuaire faux ne soit jamais découvert le
    jour d'une crise.

    Exemple : « verifie_le: 2025-12-10 » donne, avec --date 2026-11-01, « à revérifier avant
    le 10 décembre 2026 (dans 39 jours) ».
    """
    for path, entry in items(plan, ("annuaire",)):
        found = days_left(entry.get("verifie_le"), ctx)
        if found is not None:
            limit, left = found
            yield Finding(
                (*path, "verifie_le"),
                f"coordonnées de « {plan.display_name(str(entry.get('id')))} » à revérifier "
                f"avant le {french_date(limit)} ({_in(left)})",
                "appelez ou écrivez pour vérifier, puis mettez « verifie_le » à la date du jour",
            )
