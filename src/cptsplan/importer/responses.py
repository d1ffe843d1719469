"""Responses per typology with their actions by phase (from Phase | Action | Qui tables or
from lists under a typology heading), fiches réflexes (headings, boxed one-cell tables,
numbered steps) and exercises with their dates."""

from __future__ import annotations

import re
from typing import Any

from cptsplan.importer.draft import MISSING, Draft
from cptsplan.importer.fiche_tables import fiche_title, read_fiche_table
from cptsplan.importer.phases import (
    label_phase,
    phase_of,
    prefixed_phase,
    table_phase,
    undecided_alone,
    without_phase,
)
from cptsplan.importer.read import Block
from cptsplan.importer.response_parts import ResponseParts
from cptsplan.importer.sections import plain, typologies_in, typology_of
from cptsplan.importer.tables import cell, columns

ACTION_COLUMNS: dict[str, tuple[str, ...]] = {
    "phase": ("phase", "temps", "etape", "moment"),
    "action": ("action", "mesure", "que faire", "tache", "quoi"),
    "qui": ("qui", "responsable", "acteur", "pilote", "porteur"),
    "delai": ("delai", "quand", "echeance"),
    "typologie": ("typologie", "situation", "risque"),
}


def _title(text: str) -> str:
    return re.sub(r"^(?:\d+(?:\.\d+)*[.)]?|[IVX]+[.)]|[A-H][.)])\s+", "", text).strip()[:500]


def read_responses(draft: Draft) -> ResponseParts:
    """The responses, their actions, and their partners, means and fiches (the fiches are
    linked by the caller once they are read: `ResponseParts.link`)."""
    responses: dict[int, dict[str, Any]] = {}
    phase: dict[int, str | None] = {}
    parts = ResponseParts()
    for block in draft.blocks:
        context = draft.contexts[block.index]
        title = fiche_title(block) if block.kind == "table" else None
        if title is not None and read_fiche_table(draft, block, title, responses, add_action):
            continue
        if context.section != "reponses" or not context.typology:
            if block.kind == "table":
                _compact_table(draft, block, responses)
            continue
        if block.index in draft.headings:
            key = _response_key(draft, block.index)
            parts.heading(key, block)
            if key != block.index:  # « Phase : Alerte » under the typology's heading
                phase[key] = phase_of(block.text)
            continue
        key = _response_key(draft, context.heading_index)
        response = responses.get(key) or _new_response(draft, key, context.typology, responses)
        if parts.read(draft, key, response, block):
            continue
        if block.kind == "table":
            _action_table(draft, block, response, key)
        elif block.kind == "item":
            add_action(
                draft,
                response,
                key,
                prefixed_phase(block.text) or phase.get(key),
                without_phase(block.text),
                block,
            )
        elif block.kind == "para" and block.text.rstrip().endswith(":") and label_phase(block.text):
            phase[key] = label_phase(block.text)
            draft.take(block)
    adapter = draft.section("adapter")
    adapter["reponses"] = list(responses.values())
    for number, response in enumerate(adapter["reponses"]):
        for rank, action in enumerate(response["actions"]):
            path = ("adapter", "reponses", number, "actions", rank)
            if _WHERE in action:
                draft.origins[path] = action.pop(_WHERE)
            if _FROM in action:
                draft.placed.setdefault(action.pop(_FROM), []).append(path)
    return parts


_FROM = " ligne"
"""The (block, row) an action was read from, kept on it until its path is known: the row's
content is then compared with this action, not with the whole plan (where « Alerte », a
phase cell, was found in « Dès l'alerte » of another action and lost)."""
_WHERE = " repris de"
"""Where an action whose phase is left to complete comes from, kept on the action until
its place in the plan is known (the end of read_responses), then its YAML comment: the
coordinator finds the line of the document to decide its phase from."""


def _response_key(draft: Draft, heading: int) -> int:
    """The response a block belongs to: the nearest heading that names a typology (so that
    « Phase d'alerte » under « T2 Canicule » stays in the canicule response)."""
    index = heading
    while index >= 0:
        if typology_of(draft.blocks[index].text) and index in draft.headings:
            return index
        above = draft.contexts[index].heading_index
        if above == index:
            above = max((h for h in draft.headings if h < index), default=-1)  # no sort
        index = above
    return heading


def _new_response(
    draft: Draft, key: int, typology: str, responses: dict[int, dict[str, Any]]
) -> dict[str, Any]:
    heading = draft.blocks[key] if key >= 0 else None
    title = _title(heading.text) if heading else f"Réponse {typology}"
    found = typologies_in(heading.text) if heading else []
    response: dict[str, Any] = {
        "id": draft.new_id(f"rep-{title}"),
        "titre": title or MISSING,
        "typologies": found or [typology],
        "actions": [],
    }
    responses[key] = response
    if heading is not None:
        draft.record("reponses", ("adapter", "reponses", len(responses) - 1), heading)
    return response


def add_action(
    draft: Draft,
    response: dict[str, Any],
    key: int,
    phase: str | None,
    text: str,
    block: Block,
    row: int | None = None,
    who: str = "",
    delay: str = "",
    phase_cell: str = "",
) -> None:
    """`phase_cell`: what a Phase column wrote when it gave no phase (« À définir »)."""
    action: dict[str, Any] = {"phase": phase or MISSING, "action": text}
    if phase is None:
        written = " ".join(phase_cell.split())
        said = f"phase « {written} »" if written else "phase non écrite"
        action[_WHERE] = f"repris de {draft.where(block, row)} : {said}, à compléter"
    if who:
        action["qui"] = who.replace("\n", " ")[:500]
    if delay:
        action["delai"] = delay.replace("\n", " ")[:500]
    response["actions"].append(action)
    action[_FROM] = (block.index, -1 if row is None else row)
    # An item whose phase prefix became the action's phase: what must be found in the plan
    # is the action itself (the prefix is the `phase` code, not its words).
    stated = [text] if row is None and text != block.text else None
    draft.take(block, -1 if row is None else row, values=stated)
    draft.found.setdefault("actions", []).append(draft.where(block, row))
    draft.found.setdefault(f"actions {response['typologies'][0]}", []).append(
        draft.where(block, row)
    )


def _action_table(draft: Draft, block: Block, response: dict[str, Any], key: int) -> None:
    found = columns(block.rows[0], ACTION_COLUMNS) if block.rows else {}
    if "action" not in found:
        return
    draft.take(block, 0)
    for index, row in enumerate(block.rows[1:], start=1):
        text = cell(row, found["action"])
        if not text:
            continue
        written = cell(row, found.get("phase"))
        phase, alone = table_phase(written)
        add_action(
            draft,
            response,
            key,
            phase,
            text,
            block,
            index,
            cell(row, found.get("qui")),
            cell(row, found.get("delai")),
            written,
        )
        undecided_alone(draft, block, index, found.get("phase"), phase, alone)


def _compact_table(draft: Draft, block: Block, responses: dict[int, dict[str, Any]]) -> None:
    """A plan made of tables: Typologie | Phase | Action | Qui, anywhere in the document."""
    found = columns(block.rows[0], ACTION_COLUMNS) if block.rows else {}
    if not {"action", "phase"} <= set(found) or (block.index, 0) in draft.taken:
        return
    draft.take(block, 0)
    context = draft.contexts[block.index]
    for index, row in enumerate(block.rows[1:], start=1):
        text = cell(row, found["action"])
        typology = typology_of(cell(row, found.get("typologie"))) or context.typology
        if not text or typology is None:
            continue
        key = -1000 - int(typology[1])
        response = responses.get(key)
        if response is None:
            label = cell(row, found.get("typologie")) or typology
            response = {
                "id": draft.new_id(f"rep-{typology}"),
                "titre": _title(label)[:500],
                "typologies": [typology],
                "actions": [],
            }
            responses[key] = response
            draft.record("reponses", ("adapter", "reponses", len(responses) - 1), block, index)
        written = cell(row, found["phase"])
        phase, alone = table_phase(written)
        add_action(
            draft,
            response,
            key,
            phase,
            text,
            block,
            index,
            cell(row, found.get("qui")),
            cell(row, found.get("delai")),
            written,
        )
        undecided_alone(draft, block, index, found["phase"], phase, alone)


def read_fiches(draft: Draft) -> None:
    fiches: dict[int, dict[str, Any]] = {}
    for block in draft.in_section("fiches"):
        context = draft.contexts[block.index]
        if block.index in draft.headings or context.heading_index < 0:
            continue
        if block.kind == "table" and len(block.rows) == 1 and len(block.rows[0]) == 1:
            lines = [line for line in block.rows[0][0].split("\n") if line.strip()]
            if len(lines) >= 2:
                # Row 0 of a one-cell table: where the leftovers look for what was read.
                fiche = _new_fiche(draft, fiches, -block.index - 10, lines[0], block, row=0)
                steps, timed = _steps_by_time(lines[1:])
                fiche["etapes"].extend(steps)
                if timed:
                    fiche["etapes_par_temps"] = timed
                    if not fiche["etapes"]:
                        del fiche["etapes"]
                # The fiche's number and the steps' numbers are printed by the document, and
                # so are the times (« Étapes – Mise en place »): what must be found in the
                # plan is the title and the steps, as kept.
                kept = [fiche["titre"], *steps, *(step["etape"] for step in timed)]
                draft.take(block, 0, values=[value for value in kept if value != MISSING])
            continue
        heading = draft.blocks[context.heading_index]
        if block.kind == "para":
            _fiche_line(draft, fiches, context.heading_index, heading, block)
            continue
        if block.kind != "item":
            continue
        fiche = fiches.get(context.heading_index) or _new_fiche(
            draft, fiches, context.heading_index, heading.text, heading
        )
        fiche["etapes"].append(block.text)
        draft.take(block)
    draft.section("adapter")["fiches_reflexes"] = list(fiches.values())


_STEP_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.)]\s+(?=\S)")


_TIME_LINE = re.compile(
    r"^\s*(?:temps\s*\d\s*[–—:.-]?\s*)?(mise en place|conduite|sortie)\s*:?\s*$"
)
_TIMES = {"mise en place": "mise_en_place", "conduite": "conduite", "sortie": "sortie"}


def _steps_by_time(lines: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    """A boxed fiche of a regional guide: « Temps 1 – Mise en place » then its steps,
    « Temps 2 – Conduite »... A time line is no step: the steps under it are that time's
    (`etapes_par_temps`, which the document prints under « Étapes – Mise en place »), so the
    coordinator sees each step in its time and the time lines are not numbered as steps.
    Steps before the first time line stay in `etapes`, in order."""
    steps: list[str] = []
    timed: list[dict[str, str]] = []
    time: str | None = None
    for line in lines:
        match = _TIME_LINE.match(plain(line))
        if match:
            time = _TIMES[match.group(1)]
        elif time is None:
            steps.append(_unnumbered(line))
        else:
            timed.append({"temps": time, "etape": _unnumbered(line)})
    return steps, timed


def _unnumbered(step: str) -> str:
    """A step numbered by hand in a boxed fiche (« 1. Prendre la fonction... »): the document
    numbers the steps itself (it printed « 2. 1. Prendre la fonction »)."""
    return _STEP_NUMBER.sub("", step, count=1)


FICHE_LINES = {"pour": ("pour", "qui applique"), "declenchement": ("declenchement", "quand")}
_LABEL = re.compile(r"^(?P<label>[^:]{2,30}?)\s*:\s*(?P<value>.*)$", re.S)


def _fiche_line(
    draft: Draft, fiches: dict[int, dict[str, Any]], key: int, heading: Block, block: Block
) -> None:
    """« Pour : ... », « Déclenchement : ... » under a fiche's title; « Étapes : » alone."""
    match = _LABEL.match(block.text)
    if match is None:
        return
    label, value = plain(match.group("label")).strip(), match.group("value").strip()
    if not value:
        if label in ("etapes", "contacts", "actions", "a faire"):
            draft.take(block, values=[])  # the label of the list under it
        return
    field = next((f for f, words in FICHE_LINES.items() if label in words), None)
    if field is None or (field == "pour" and len(value) > 500):
        return
    fiche = fiches.get(key) or _new_fiche(draft, fiches, key, heading.text, heading)
    fiche.setdefault(field, value)
    draft.take(block, values=[value])


def _new_fiche(
    draft: Draft,
    fiches: dict[int, dict[str, Any]],
    key: int,
    title: str,
    block: Block,
    row: int | None = None,
) -> dict[str, Any]:
    # « Fiche réflexe 2 : » is what the document prints before each fiche's title. Another
    # label (« Fiche action n°1 – ») is the plan's own wording: kept, and printed as the
    # fiche's whole heading (templates/annexes.md.j2).
    title = re.sub(
        r"^fiches?\s+r[ée]flexes?\s*(?:n°\s*)?\d*\s*[:.–-]?\s*", "", _title(title), flags=re.I
    )
    fiche: dict[str, Any] = {
        "id": draft.new_id(f"fiche-{title[:40]}"),
        "titre": title[:500] or MISSING,
        "etapes": [],
    }
    fiches[key] = fiche
    draft.record("fiches", ("adapter", "fiches_reflexes", len(fiches) - 1), block, row)
    return fiche
