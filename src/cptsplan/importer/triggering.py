"""Who triggers the plan and within what limits, read from the sentences plans write for it:
« Le plan est déclenché par le directeur général de l'ARS, le préfet ou le ministre » gives
`piloter.declenchement.autorites` (the authorities the format knows), « La CPTS agit dans la
limite de ses moyens humains et techniques » gives `limites_moyens`. The paragraph itself is
not taken: it usually says more (when the CPTS is mobilised, what is not an SSE), and stays
in the text to place, whole, for the coordinator to file. Nothing is invented: an authority
is listed only when a sentence about triggering names it."""

from __future__ import annotations

import re

from cptsplan.importer.draft import Draft
from cptsplan.importer.sections import plain

# In the order of the format's list (schemas/plan.schema.json).
_AUTHORITIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "directeur_general_ars",
        re.compile(
            r"\b(?:directeur|directrice) general(?:e)? de (?:l.)?(?:ars|agence regionale de sante)"
            r"|\bdg ?ars\b|\bdg de l.ars\b"
        ),
    ),
    ("prefet", re.compile(r"\bprefet(?:e|s)?\b|\bprefecture\b")),
    ("ministre", re.compile(r"\bministres?\b|\bministere\b")),
)
_ORDER = tuple(name for name, _ in _AUTHORITIES)
_TRIGGER = re.compile(r"\bdeclench")
_LIMITS = re.compile(r"\blimites? de (?:ses|leurs|nos) moyens\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def read_triggering(draft: Draft) -> None:
    for block in draft.blocks:
        if block.kind not in ("para", "item") or block.index in draft.headings:
            continue
        for sentence in _SENTENCE.split(block.text):
            lowered = plain(sentence)
            named = {name for name, pattern in _AUTHORITIES if pattern.search(lowered)}
            if named and _TRIGGER.search(lowered):
                known = draft.section("piloter", "declenchement").setdefault("autorites", [])
                if not known:
                    path = ("piloter", "declenchement", "autorites")
                    draft.record("texte_libre", path, block)
                known[:] = [name for name in _ORDER if name in known or name in named]
            if _LIMITS.search(lowered):
                declenchement = draft.section("piloter", "declenchement")
                if "limites_moyens" not in declenchement:
                    declenchement["limites_moyens"] = sentence.strip()[:2000]
                    path = ("piloter", "declenchement", "limites_moyens")
                    draft.record("texte_libre", path, block)
