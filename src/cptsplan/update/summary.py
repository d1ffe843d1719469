"""The history entry of the new version, pre-filled with what changed since the version the
ARS has (`cptsplan diff` from its default base). It still starts with « A_COMPLETER » : the
coordinator rereads and rewrites it, and `validate` reminds them until they do."""

from __future__ import annotations

from pathlib import Path

from cptsplan.errors import CptsplanError
from cptsplan.load.source import PlanSource

TO_WRITE = "A_COMPLETER : résumé des changements depuis la version {version}"
MAX_SECTIONS = 6


def history_summary(
    plan: Path,
    old_version: str,
    source: PlanSource | None = None,
    reasons: list[str] | None = None,
) -> str:
    """« A_COMPLETER : relisez ce résumé des changements depuis la version 2.0 (...) : Adapter,
    réponses (3) ; Annuaire de crise (2) », or the bare marker when no base is known (no git,
    no transmission to the ARS) or the comparison cannot be made. `source`: the plan as
    the caller read it (it passed the format check), not read again. `reasons` receives why
    the comparison could not be made (a shallow clone, say), with what to do."""
    from cptsplan.diff import diff_since

    try:
        # The summary is printed in every edition, but it names only parts of the plan (the
        # schema's labels) and counts: no plan value reaches it, so the texts are compared
        # as written, without redacting both sides first (a third of `update`'s time).
        # Contact fields are still compared masked, as the diffusable edition counts them.
        loaded = (source, True) if source is not None else None
        # Only counted: the old version's own format check (a note of `diff`) is not made.
        result = diff_since(
            plan, None, edition="interne", mask=True, loaded=loaded, check_old=False
        )
    except CptsplanError as error:
        if reasons is not None:
            # The hint is kept when it says what to do about the repository (a shallow
            # clone), not when it is diff's own option (`--depuis`), which update has not.
            useful = error.hint and "--depuis" not in error.hint
            reasons.append(error.message + (f" ; {error.hint}" if useful else ""))
        return TO_WRITE.format(version=old_version)
    except (OSError, ValueError):
        return TO_WRITE.format(version=old_version)
    counted: dict[str, int] = {}
    for group in result.groups:
        if group.changes:
            name = f"{group.theme_title}, {group.section_title}".strip(", ")
            counted[name] = counted.get(name, 0) + len(group.changes)
    base = result.old.version or old_version
    if not counted:
        return f"A_COMPLETER : aucun changement depuis la version {base} transmise à l'ARS"
    parts = [f"{name} ({count})" for name, count in list(counted.items())[:MAX_SECTIONS]]
    if len(counted) > MAX_SECTIONS:
        parts.append(f"et {len(counted) - MAX_SECTIONS} autres parties")
    total = sum(counted.values())
    changes = "du changement" if total == 1 else f"des {total} changements"
    return (
        f"A_COMPLETER : relisez ce résumé {changes} depuis la version {base} "
        f"transmise à l'ARS (cptsplan diff) : " + " ; ".join(parts)
    )
