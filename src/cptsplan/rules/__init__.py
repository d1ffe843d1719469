"""Conformity rules of the national template, in the style of yamllint: one module per
family, a registry, an engine that applies the configuration and the silences.

Public API: `run_rules`, `conformity_grid`, `completeness`, `all_rules`, `get_rule`.

The names below are looked up on first use (PEP 562): importing a submodule that needs no
rule (`rules.settings`, `rules.helpers`: the configuration, `update`) runs this file first,
and importing every rule family here cost `update`, which runs no rule, about 8 ms. Any name
taken from this package imports the registry first, so that no caller ever sees a catalogue
without its rules (the families register themselves as they are imported, in the
registry's order).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cptsplan.rules.base import Finding, Rule, RuleContext, Source
    from cptsplan.rules.engine import Outcome
    from cptsplan.rules.engine import run as run_rules
    from cptsplan.rules.grille import (
        GridItem,
        completeness,
        conformity_grid,
        grid_from_findings,
    )
    from cptsplan.rules.registry import FAMILIES, all_rules, get_rule, rule_ids

_WHERE: dict[str, tuple[str, str]] = {
    "Finding": ("base", "Finding"),
    "Rule": ("base", "Rule"),
    "RuleContext": ("base", "RuleContext"),
    "Source": ("base", "Source"),
    "Outcome": ("engine", "Outcome"),
    "run_rules": ("engine", "run"),
    "GridItem": ("grille", "GridItem"),
    "completeness": ("grille", "completeness"),
    "conformity_grid": ("grille", "conformity_grid"),
    "grid_from_findings": ("grille", "grid_from_findings"),
    "FAMILIES": ("registry", "FAMILIES"),
    "all_rules": ("registry", "all_rules"),
    "get_rule": ("registry", "get_rule"),
    "rule_ids": ("registry", "rule_ids"),
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    importlib.import_module("cptsplan.rules.registry")  # every family registered first
    value = getattr(importlib.import_module(f"cptsplan.rules.{where[0]}"), where[1])
    globals()[name] = value
    return value


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
