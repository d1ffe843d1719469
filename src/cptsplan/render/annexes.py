"""`render --annexe fiches|annuaire`: one annex alone, laid out for print.

- `fiches`: the fiches réflexes, one per page, in large type (to pin up or put in the
  crisis kit), both editions (the diffusable one names the contacts without coordinates).
- `annuaire`: the crisis directory, grouped by family of actor, internal edition only (its
  whole point is the coordinates), with the privacy notice in the running header of every
  page and as a banner at the top.

Same pipeline as the plan: the same Jinja environment and filters, the edition's redacted
data, the same conversion (document.convert) and the same all-or-none writing. Only the
template, the running texts, the file names and, for the fiches' DOCX, the type size of the
reference document differ.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cptsplan.errors import UsageError
from cptsplan.files import processes
from cptsplan.files.names import version_part
from cptsplan.messages import vocabulary
from cptsplan.model import Plan, sections
from cptsplan.render.context import EDITIONS, build_context, for_edition, short_date
from cptsplan.render.environment import build_environment, render_template
from cptsplan.render.filters import Markdown, md, version_line
from cptsplan.render.resources import TemplateDirs
from cptsplan.render.wording import with_french_apostrophes
from cptsplan.schema.placeholders import ToComplete

if TYPE_CHECKING:
    from collections.abc import Sequence

Converter = Callable[..., bytes]
"""document.convert, passed in by document.render (this module is imported by it)."""

ANNEXES = {"fiches": "annexe-fiches.md.j2", "annuaire": "annexe-annuaire.md.j2"}
TITLES = {"fiches": "Fiches réflexes", "annuaire": "Annuaire de crise"}
STEMS = {"fiches": "fiches-reflexes", "annuaire": "annuaire-de-crise"}


def check_annexe(annexe: str | None, edition: str) -> None:
    """A known annex name; the directory only in the internal edition (usage error, 2)."""
    if annexe is None:
        return
    if annexe not in ANNEXES:
        raise UsageError(f"annexe inconnue : {annexe}", "annexes possibles : " + ", ".join(ANNEXES))
    if annexe == "annuaire" and edition != "interne":
        raise UsageError(
            "l'annuaire de crise à imprimer n'existe qu'en édition interne : il contient des "
            "coordonnées personnelles, que l'édition diffusable ne montre jamais",
            "ajoutez --edition interne (la classification du plan ou l'option --edition "
            "donnent ici l'édition diffusable), et gardez le document dans le cercle des "
            "destinataires du plan",
        )


def stem(annexe: str | None, version: object, edition: str, draft: bool) -> str:
    """'fiches-reflexes-v3.0-interne'; '' for the whole plan (its own name, naming.py)."""
    if annexe is None:
        return ""
    return f"{STEMS[annexe]}{version_part(version)}-{edition}" + ("-brouillon" if draft else "")


def fiche_typologies(data: dict[str, Any]) -> dict[str, list[str]]:
    """Typologies of each fiche: those of the responses that list it and of its risk."""
    risks = {
        risk.get("id"): risk.get("typologies") or []
        for risk in data["anticiper"].get("diagnostic_risques") or []
        if isinstance(risk, dict)
    }
    found: dict[str, set[str]] = {}
    for response in sections(data["adapter"].get("reponses")):
        for fiche in response.get("fiches_reflexes") or []:
            found.setdefault(fiche, set()).update(response.get("typologies") or [])
    for fiche in data["adapter"].get("fiches_reflexes") or []:
        found.setdefault(fiche["id"], set()).update(risks.get(fiche.get("risque"), []))
    order = list(vocabulary.TYPOLOGIES)
    return {
        fiche: sorted(
            (code for code in codes if isinstance(code, str)),
            key=lambda code: (order.index(code) if code in order else len(order), code),
        )
        for fiche, codes in found.items()
    }


def annex_markdown(plan: Plan, annexe: str, edition: str, draft: bool, dirs: TemplateDirs) -> str:
    # The directory's helpers: for an annex alone only (a whole plan's render spares them).
    from cptsplan.annuaire.common import PRIVACY_NOTICE, national

    plan = for_edition(plan, edition)
    context = build_context(plan, edition, draft)
    typologies = fiche_typologies(context["plan"])
    context["typologies_fiche"] = lambda identifier: typologies.get(identifier, [])
    context["numero"] = national
    for name, kinds in (
        ("coordonnees_imprimables", "telephones courriels"),
        ("coordonnees_telephones", "telephones"),
        ("coordonnees_courriels", "courriels"),
    ):
        # The diffusable edition's data has no coordinates anyway (redact.py).
        context[name] = printable_contacts(plan.data, kinds)
    context["mention_confidentialite"] = PRIVACY_NOTICE
    # « 15/09/2026 » in the directory's narrow column (the long form takes three lines),
    # without the plan's word joiners.
    context["date_courte"] = functools.partial(short_date, joiner="")
    context["annexe"] = annexe
    environment = build_environment(dirs)
    text = render_template(environment, ANNEXES[annexe], context, None, bool(dirs.custom))
    # A custom template's own words, or two fields side by side, may still print a mobile.
    if edition == "interne":
        return text
    from cptsplan.privacy.finished import REPLACEMENT, hide_mobiles

    finder = getattr(plan, "finder", None) if dirs.custom else None  # as plan_markdown
    return hide_mobiles(text, md(REPLACEMENT), finder)


def printable_contacts(data: dict[str, Any], kinds: str) -> Callable[[str | None], Markdown]:
    """'**03 53 01 00 10** (astreinte, 24 h/24) ; 03 53 01 00 21 (ligne directe) ;
    ars@... ; MSSanté : ...': numbers in one national form, the 24 h/24 ones first and in
    bold (`kinds`: "telephones", "courriels" or both)."""
    from cptsplan.annuaire.common import known, national, phones

    entries = {entry["id"]: entry for entry in data.get("annuaire") or []}

    def line(identifier: str | None) -> Markdown:
        entry = entries.get(identifier or "", {})
        parts = []
        if "telephones" in kinds:
            for phone in sorted(phones(entry), key=lambda phone: not phone.h24):
                # No-break spaces: a number is never split across two lines.
                number = md(national(phone.number).replace(" ", "\u00a0"))
                shown = f"**{number}**" if phone.h24 else number
                parts.append(f"{shown} ({md(phone.label)})" if phone.label else shown)
            pending = [
                phone
                for phone in entry.get("telephones") or []
                if isinstance(phone, dict) and isinstance(phone.get("numero"), ToComplete)
            ]
            parts += ["numéro *à compléter*"] * len(pending)
        if "courriels" in kinds:
            for field, label in (("email", ""), ("mssante", "MSSanté : ")):
                value = entry.get(field)
                if isinstance(value, ToComplete):
                    parts.append(f"{label or 'courriel : '}*à compléter*")
                elif known(value):
                    parts.append(f"{label}{md(value)}")
        return Markdown(" ; ".join(parts))

    return line


def running_texts(plan: Plan, annexe: str, edition: str, draft: bool) -> dict[str, str]:
    """Header, footer and title: the CPTS and the annex; the plan's version and date in the
    footer; for the directory, the privacy notice instead of the edition, on every page."""
    from cptsplan.annuaire.common import PRIVACY_NOTICE

    plan = for_edition(plan, edition)
    cpts = plan.data["cpts"]
    document = plan.data["document"]
    line = version_line(document["version"], document["date_mise_a_jour"])
    version = f"Plan SSE, {line[0].lower()}{line[1:]}"
    notice = PRIVACY_NOTICE if annexe == "annuaire" else EDITIONS[edition]
    return with_french_apostrophes({
        "ENTETE": f"{cpts.get('sigle') or cpts['nom']} · {TITLES[annexe]}",
        "EDITION": notice,
        "PIED": version,
        "BROUILLON": "BROUILLON " if draft else "",
        "TITRE": f"{TITLES[annexe]} – {cpts['nom']} ({version.lower()}, "
        f"{EDITIONS[edition].lower()})",
    })  # fmt: skip


def title(plan: Plan, annexe: str) -> str:
    return f"{TITLES[annexe]} – {plan.data['cpts']['nom']} (plan SSE version {plan.version})"


def render_annex(
    plan: Plan,
    annexe: str,
    edition: str,
    dirs: TemplateDirs,
    wanted: Sequence[str],
    draft: bool,
    since: str | None,
    convert: Converter,
    timestamp: int | None,
) -> tuple[str, dict[str, bytes]]:
    """The annex's Markdown and documents in memory, converted side by side like the plan's
    (with `convert`, document.py's, at the plan's `timestamp`)."""
    check_annexe(annexe, edition)
    if since:
        raise UsageError(
            "--depuis ne s'applique qu'au plan complet, pas à une annexe seule",
            "retirez --depuis ou --annexe",
        )
    plan = for_edition(plan, edition)
    markdown = annex_markdown(plan, annexe, edition, draft, dirs)
    # The print layout of an annex (and zipfile): only for `--annexe`, not the plan's render.
    from cptsplan.render.annexes_docx import fit_fiches, print_dirs

    scale = 1.0
    if annexe == "fiches":
        # Word processors have no "shrink to fit": the type size and the « suite au verso »
        # notes come from an estimate of each fiche's length (Typst measures it itself).
        markdown, scale = fit_fiches(markdown)
    dirs = print_dirs(dirs, scale, annexe == "fiches")
    texts = running_texts(plan, annexe, edition, draft)
    formats = list(dict.fromkeys(wanted))
    arguments = (dirs, texts, title(plan, annexe), draft, timestamp)
    documents = processes.side_by_side(
        {fmt: functools.partial(convert, markdown, fmt, *arguments) for fmt in formats}
    )
    return markdown, documents
