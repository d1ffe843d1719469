"""Rédaction : ce qui reste à écrire (les « A_COMPLETER », valeurs pas encore connues) et les
sections qu'une configuration régionale rend obligatoires."""

from __future__ import annotations

from collections.abc import Iterator

from cptsplan.findings.problems import Severity
from cptsplan.load.loader import JsonPath
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import filled, get, plan_leaves
from cptsplan.schema.placeholders import ToComplete


@rule(
    "champ-a-completer",
    Severity.ERROR,
    Source.COHERENCE,
    "Aucun « A_COMPLETER » ne reste dans un plan prêt à transmettre.",
    placeholder_aware=True,
)
def placeholder(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """« A_COMPLETER » est la façon d'écrire « pas encore connu » dans n'importe quel champ :
    un texte, une date, un code INSEE, une taille, une phase, une typologie... Le squelette
    créé par « cptsplan init » en met partout où la CPTS a quelque chose à écrire, plutôt
    qu'une valeur inventée. Aucune règle ne prend un « A_COMPLETER » pour un fait (une date à
    compléter ne satisfait aucune règle de date), et le document l'imprime « à compléter ».

    Chaque champ à compléter est signalé une fois, ici, et non par les autres règles qui
    portent sur le même endroit. Dans un plan en « statut: brouillon », c'est un
    avertissement (un brouillon a le droit d'être incomplet) ; dès que le plan est prêt à
    transmettre, c'est une erreur.

    Exemples :

        document:
          date_mise_a_jour: A_COMPLETER
        adapter:
          continuite_des_soins:
            principes: "A_COMPLETER : comment les patients chroniques gardent leurs soins"
    """
    placeholders = plan_leaves(plan, ctx).placeholders
    if not placeholders:
        return
    # The field labels (and the schema messages they come with) only for a plan with one.
    from cptsplan.messages.schema_errors import field_label

    severity = Severity.WARNING if plan.status == "brouillon" else None
    for path, value in placeholders:
        hint = _hint(path, value)
        yield Finding(path, f"{field_label(path)} : à compléter", hint, severity=severity)


def _hint(path: JsonPath, value: ToComplete) -> str:
    """What to write: the skeleton's own words, or the kind of value the field takes."""
    # `nom: "CPTS du Lac A_COMPLETER : nom de la CPTS"`: the coordinator wrote the value
    # before the marker and left it; « à écrire : nom de la CPTS » read as a riddle.
    done = (
        f" ; « {value.written} » est déjà écrit : si c'est tout, retirez « A_COMPLETER » et ce "
        "qui le suit"
        if value.written and _ends_a_phrase(value.written)
        else ""
    )
    if value.hint:
        return f"à écrire : {value.hint}{done}"
    from cptsplan.messages.schema_errors import expected_value

    return f"remplacez « A_COMPLETER » par {expected_value(path)}{done}"


_OPEN_WORDS = frozenset(
    "de la le les du des à au aux l' d' et ou en par pour sur avec : - –".split()  # noqa: SIM905
)


def _ends_a_phrase(text: str) -> bool:
    """« CPTS du Lac » could be all; « … de la CPTS de la » (the skeleton's own title, the
    marker in the middle of its sentence) cannot."""
    words = text.lower().split()
    return bool(words) and words[-1] not in _OPEN_WORDS and not words[-1].endswith("'")


def parse_path(text: str) -> tuple[str | int, ...]:
    """'piloter.cellule_de_crise.fonctions[0]' -> (..., 'fonctions', 0)."""
    parts: list[str | int] = []
    for chunk in text.replace("]", "").split("."):
        name, *indexes = chunk.split("[")
        if name:
            parts.append(name)
        parts.extend(int(index) for index in indexes if index.isdigit())
    return tuple(parts)


@rule(
    "exigence-regionale-section",
    Severity.ERROR,
    Source.GUIDE,
    "Les sections exigées par la configuration régionale sont présentes et remplies.",
    why="une erreur : la région l'a elle-même déclarée dans sa configuration (« exigences: »)",
)
def regional_section(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Un guide régional peut rendre obligatoires des parties que la trame nationale laisse
    libres. Elles se déclarent dans « .cptsplan.yaml », sans code : chaque chemin doit exister
    dans le plan et ne pas être vide.

    Exemple de configuration :

        exigences:
          sections:
            - chemin: anticiper.ressources.lieux
              libelle: Lieux mobilisables (guide régional)
    """
    if ctx.requirements is None:
        return
    for section in ctx.requirements.sections:
        path = parse_path(section.path)
        if not filled(get(plan.data, path)):
            yield Finding(
                path,
                f"section exigée par la configuration régionale absente ou vide : "
                f"« {section.label or section.path} » ({section.path})",
                "remplissez cette section, ou voyez la configuration .cptsplan.yaml",
            )
