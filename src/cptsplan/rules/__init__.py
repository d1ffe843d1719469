"""Conformity rules of the national template, in the style of yamllint: one module per
family, a registry, an engine that applies the configuration and the silences.

Public API: `run_rules`, `conformity_grid`, `completeness`, `all_rules`, `get_rule`.
"""

from __future__ import annotations

from cptsplan.rules.base import Finding, Rule, RuleContext, Source
from cptsplan.rules.engine import Outcome
from cptsplan.rules.engine import run as run_rules
from cptsplan.rules.grille import GridItem, completeness, conformity_grid, grid_from_findings
from cptsplan.rules.registry import FAMILIES, all_rules, get_rule, rule_ids

__all__ = [
    "FAMILIES",
    "Finding",
    "GridItem",
    "Outcome",
    "Rule",
    "RuleContext",
    "Source",
    "all_rules",
    "completeness",
    "conformity_grid",
    "get_rule",
    "grid_from_findings",
    "rule_ids",
    "run_rules",
]
