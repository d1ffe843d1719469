"""Rédaction : ce qui reste à écrire. Les textes « A_COMPLETER » laissés par le squelette de
`cptsplan init`, et les sections qu'une configuration régionale rend obligatoires."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Plan
from ..problems import Severity
from .base import Finding, RuleContext, Source, rule
from .helpers import filled, get, is_placeholder, iter_strings


@rule(
    "champ-a-completer",
    Severity.ERROR,
    Source.PRATIQUE,
    "Aucun texte « A_COMPLETER » ne reste dans le plan.",
)
def placeholder(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Le squelette créé par « cptsplan init » marque d'un « A_COMPLETER » chaque texte à
    écrire. Tant qu'il en reste, le plan n'est pas terminé. (Quand une autre règle signale
    déjà le même endroit, ce rappel est omis.)

    Exemple : « principes: A_COMPLETER : comment les patients chroniques gardent leurs
    soins ».
    """
    for path, text in iter_strings(plan.data):
        if is_placeholder(text) and not (path and path[0] == "silences"):
            yield Finding(path, "texte à compléter", _hint(text))


def _hint(text: str) -> str:
    """The skeleton writes 'A_COMPLETER : what to write': show what to write."""
    _, _, rest = text.partition("COMPLETER")
    rest = rest.strip(" :-–—").strip()
    return f"à écrire : {rest}" if rest else "remplacez « A_COMPLETER » par le texte voulu"


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
