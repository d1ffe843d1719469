"""The conformity grid: each item of the national template, covered or not, and where.

Items are read from the rules' raw findings (before configuration and silences): the grid
measures the plan against the national template, whatever a region has turned off. The
completeness score is the share of covered items.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Final

from cptsplan.findings.records import record
from cptsplan.load.loader import JsonPath
from cptsplan.model import Plan
from cptsplan.rules.base import REGISTRY, Finding
from cptsplan.rules.helpers import filled, get
from cptsplan.rules.pending import Pending, pending_in
from cptsplan.rules.settings import DEFAULT, Config
from cptsplan.rules.trame import TEMPLATE, TemplateItem

__all__ = ["TEMPLATE", "GridItem", "TemplateItem", "completeness", "conformity_grid"]


@record(frozen=True)
class GridItem:
    """One line of the grid, as the rendered annex shows it.

    - `pending`: not judged: the part is still « A_COMPLETER », or the plan does not say
      enough;
    - `path`: the part of the plan that supports a covered item (the document points to the
      section that prints it; reports keep `where`, its file and line);
    - `reported`: False when the « non » is no problem of the plan (a plan not sent yet has
      no transmission): the reviewer's table then prints no severity beside it;
    - `detail`: what the reviewer reads beside the answer: the ARS's opinion and its date,
      the guide followed, when the plan was shared;
    - `counted`: False for an item that is no content of the plan (the ARS's answer): left
      out of the completeness;
    - `applicable`: False when the item does not apply to this plan (indicators of an
      activation, for a plan never activated): the grid prints « sans objet », the
      completeness leaves it out.
    """

    __slots__ = (
        "applicable",
        "counted",
        "covered",
        "detail",
        "item",
        "path",
        "pending",
        "reported",
        "source",
        "theme",
        "where",
    )

    def __init__(
        self,
        theme: str,
        item: str,
        source: str,
        covered: bool,
        where: str | None,
        pending: bool = False,
        path: JsonPath | None = None,
        reported: bool = True,
        detail: str | None = None,
        counted: bool = True,
        applicable: bool = True,
    ) -> None:
        self.theme: Final = theme
        self.item: Final = item
        self.source: Final = source
        self.covered: Final = covered
        self.where: Final = where
        self.pending: Final = pending
        self.path: Final = path
        self.reported: Final = reported
        self.detail: Final = detail
        self.counted: Final = counted
        self.applicable: Final = applicable

    @property
    def answer(self) -> str:
        """What the grid prints: « oui », « non », « non renseigné » or « sans objet »."""
        if not self.applicable:
            return "sans objet"
        if self.pending:
            return "non renseigné"
        return "oui" if self.covered else "non"


def grid_from_findings(plan: Plan, findings: dict[str, list[Finding]]) -> list[GridItem]:
    """Each template item: « oui » only when the plan supports it, « non renseigné » when a
    placeholder or a lack of information stands in the way, « non » otherwise."""
    pending = pending_in(findings, plan)
    grid = []
    for template in TEMPLATE:
        if template.applies is not None and not template.applies(plan):
            grid.append(
                GridItem(template.theme, template.item, template.source.value, False, None,
                         applicable=False)
            )  # fmt: skip
            continue
        found = [
            (finding, REGISTRY[rule_id].placeholder_aware)
            for rule_id in template.rules
            for finding in findings.get(rule_id, [])
            if template.subject is None or finding.subject == template.subject
        ]
        anchor = template.anchor(plan) if callable(template.anchor) else template.anchor
        if found:
            # A placeholder-aware rule already told « to complete » from « missing ».
            undecided = all(
                f.unknown or (not aware and pending.defers_finding(f)) for f, aware in found
            )
        else:
            # Nothing found against it, but "oui" needs something in the plan to point to.
            undecided = (
                anchor is None
                or not filled(get(plan.data, anchor))
                or _waits(pending, anchor, template.depends)
            )
        covered = not found and not undecided
        where = _where(plan, anchor) if covered else None
        grid.append(
            GridItem(
                template.theme,
                template.item,
                template.source.value,
                covered,
                where,
                undecided,
                anchor if where is not None else None,
                reported=any(f.reported for f, _ in found) if found else True,
                detail=template.detail(plan) if template.detail else None,
                counted=template.counted,
            )
        )
    return grid


def _waits(pending: Pending, anchor: JsonPath, depends: tuple[str, ...] | None) -> bool:
    """Whether the part an item points to waits for a placeholder that its verdict reads:
    the part itself is one (or lies under one), or one of the `depends` keys under it is."""
    if depends is None:
        return pending.defers(anchor)
    size = len(anchor)
    return any(
        anchor[: len(path)] == path
        or (path[:size] == anchor and any(key in depends for key in path[size:]))
        for path in pending.paths
    )


def _where(plan: Plan, path: JsonPath | None) -> str | None:
    if path is None or get(plan.data, path) is None:
        return None
    location = plan.locate(path)
    return f"{Path(location.file).name}:{location.line}"


def conformity_grid(
    plan: Plan, today: date | None = None, config: Config = DEFAULT
) -> list[GridItem]:
    """Each national-template item, covered or not, and where it is written
    ('piloter.yaml:57'). `today` is the reference date of the rules on time."""
    from cptsplan.rules.engine import context, raw_findings

    findings = raw_findings(plan, context(today or date.today(), config))
    return grid_from_findings(plan, findings)


def completeness(grid: list[GridItem]) -> float:
    """The share of covered items among those that apply to the plan and are its content."""
    applicable = [item for item in grid if item.applicable and item.counted]
    return sum(item.covered for item in applicable) / len(applicable) if applicable else 0.0
