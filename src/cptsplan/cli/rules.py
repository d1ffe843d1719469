"""`cptsplan rules [ID]`: the rule catalogue, or one rule explained."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Annotated

import typer

from cptsplan.cli.common import usage

if TYPE_CHECKING:
    from cptsplan.rules import Rule


def rules(
    rule_id: Annotated[
        str | None,
        typer.Argument(
            metavar="RÈGLE", help="Identifiant d'une règle à expliquer.", show_default=False
        ),
    ] = None,
) -> None:
    """Liste les règles de conformité (identifiant, sévérité par défaut, source,
    description), ou explique une règle avec un exemple.

    Chaque règle se désactive ou change de sévérité dans .cptsplan.yaml, et se met en silence
    pour un endroit du plan dans la section « silences ».
    """
    from cptsplan.rules import FAMILIES, all_rules, get_rule, rule_ids

    if rule_id is None:
        typer.echo(catalogue_text(all_rules(), FAMILIES))
        return
    rule = get_rule(rule_id)
    if rule is None:
        close = difflib.get_close_matches(rule_id, sorted(rule_ids()), n=1, cutoff=0.5)
        usage(
            f"règle inconnue : {rule_id}",
            f"vouliez-vous dire « {close[0]} » ?" if close else "la liste : cptsplan rules",
        )
    typer.echo(
        "\n".join(
            [
                f"{rule.id} : {rule.description}",
                "",
                f"Sévérité par défaut : {rule.severity.label_fr} ({rule.severity.label})",
                f"Source : {rule.source.value}",
                f"Famille : {FAMILIES[rule.family]}",
                "",
                rule.explanation,
            ]
        )
    )


def catalogue_text(rules: list[Rule], families: dict[str, str]) -> str:
    """Plain aligned columns, grouped by family: readable in a terminal and in a CI log."""
    width_id = max(len(rule.id) for rule in rules)
    width_severity = max(len(rule.severity.label_fr) for rule in rules)
    width_source = max(len(rule.source.value) for rule in rules)
    lines: list[str] = []
    for family, title in families.items():
        members = [rule for rule in rules if rule.family == family]
        if not members:
            continue
        lines += ["", f"{title} :"] if lines else [f"{title} :"]
        lines += [
            f"  {rule.id:<{width_id}}  {rule.severity.label_fr:<{width_severity}}  "
            f"{rule.source.value:<{width_source}}  {rule.description}"
            for rule in members
        ]
    lines += ["", f"{len(rules)} règles. Détail d'une règle : cptsplan rules IDENTIFIANT"]
    return "\n".join(lines)
