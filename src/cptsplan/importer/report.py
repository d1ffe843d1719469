"""The import report: per kind of item what was found and where, what was left A_COMPLETER,
what was kept as imported text, and what to check first. Printed and written as
RAPPORT-IMPORT.md in the new repository."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cptsplan.importer.draft import MISSING, Draft

REPORT_FILE = "RAPPORT-IMPORT.md"
LABELS = {
    "identite": "Identité (nom de la CPTS, titre)",
    "version_dates": "Version et dates",
    "historique": "Historique des versions",
    "transmissions": "Transmissions",
    "annuaire": "Annuaire (contacts)",
    "referents": "Référents SSE",
    "cellule": "Cellule de crise",
    "reponses": "Réponses par typologie",
    "actions": "Actions",
    "fiches": "Fiches réflexes",
    "exercices": "Exercices",
    "glossaire": "Glossaire",
    "references": "Documents de référence",
    "texte_libre": "Texte des rubriques (territoire, continuité, déclenchement...)",
    "tableaux": "Autres tableaux (risques, lieux, matériel, formations, plans...)",
    "libelles": "Valeurs écrites « Libellé : valeur », listes et éléments sous un titre "
    "(lieux de la cellule, remontée d'informations, procédure de RETEX, modèles de messages...)",
    "texte_importe": "Texte gardé à ranger (texte-importe.yaml)",
}


@dataclass
class Summary:
    blocks: int
    """Paragraphs and table rows of the document."""
    leftover: int
    """How many of them are kept as imported text: not placed, or placed only in part
    (placing.py and coverage.py say when a row's content went into fields)."""
    missing: list[str]
    notices: list[str] = field(default_factory=list)
    """What the import took as it is and the coordinator must know (tracked changes
    accepted, comments not carried: importer/revisions.py)."""
    unread: int = 0
    """Embedded objects (an Excel sheet): their content is not in the document, only a
    picture of it, so « nothing lost » holds except for them."""

    @property
    def placed_share(self) -> float:
        return 1.0 if not self.blocks else (self.blocks - self.leftover) / self.blocks


def missing_paths(value: Any, path: str = "") -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in missing_paths(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in missing_paths(v, f"{path}[{i}]")]
    return [path] if isinstance(value, str) and value.startswith(MISSING) else []


def summarise(
    draft: Draft,
    leftover: int,
    headed: set[int],
    notices: list[str] | None = None,
    unread: int = 0,
) -> Summary:
    """`headed`: the tables whose first row is a header (placing.headers), not counted."""
    units = sum(
        len(b.rows) - (b.index in headed) if b.kind == "table" else 1
        for b in draft.blocks
        if b.index not in draft.headings
    )
    return Summary(units, leftover, missing_paths(draft.data), list(notices or []), unread)


def report_text(draft: Draft, summary: Summary, source: str) -> str:
    lines = [
        f"# Rapport d'import de « {source} »",
        "",
        f"{summary.blocks} paragraphes et lignes de tableau lus (en-têtes des tableaux lus "
        "mis à part) ; "
        f"{summary.blocks - summary.leftover} rangés dans un champ du plan "
        f"({summary.placed_share:.0%}), {summary.leftover} gardés tels quels dans "
        "plan/texte-importe.yaml (imprimés en annexe « Texte repris du document d'origine »). "
        "Rien n'a été perdu ni inventé"
        + (
            ", sauf le contenu "
            + ("de l'objet incorporé" if summary.unread == 1 else "des objets incorporés")
            + " (voir « À vérifier d'abord »)."
            if summary.unread
            else "."
        ),
        "",
        "## Ce qui a été trouvé",
        "",
    ]
    for kind, label in LABELS.items():
        places = draft.found.get(kind, [])
        if kind == "texte_importe" and not places:
            continue
        shown = " ; ".join(dict.fromkeys(places[:4]))
        more = f" ; et {len(places) - 4} autres" if len(places) > 4 else ""
        lines.append(
            f"- {label} : {len(places)}"
            + (f" (repris de {shown}{more})" if places else " : rien trouvé")
        )
    lines += ["", f"## À compléter ({len(summary.missing)} champs « {MISSING} »)", ""]
    lines += [f"- {path}" for path in summary.missing[:60]]
    if len(summary.missing) > 60:
        lines.append(
            f"- et {len(summary.missing) - 60} autres (cptsplan validate --resume les liste tous)"
        )
    checks = [
        *summary.notices,
        "L'annuaire (plan/annuaire.yaml) : chaque numéro et chaque adresse, contre le document.",
        "Les référents SSE et la cellule de crise (plan/piloter.yaml) : titulaires et suppléants.",
        "Les typologies et les phases des actions (plan/adapter.yaml) : elles sont déduites "
        "des titres et des mots du document.",
        "Le texte à ranger (plan/texte-importe.yaml) : déplacez chaque passage dans le bon "
        "champ, puis supprimez-le.",
        "Dans ce dossier, lancez « cptsplan validate --resume » : ce qui reste à faire, par thème.",
    ]
    lines += ["", "## À vérifier d'abord", ""]
    lines += [f"{number}. {check}" for number, check in enumerate(checks, start=1)]
    lines.append("")
    return "\n".join(lines)
