"""The next version number: "2.1" -> "2.2" (minor), "2.1" -> "3.0" (`--majeure`)."""

from __future__ import annotations

import re

from cptsplan.errors import UsageError

_NUMBERED = re.compile(r"^(\d+)(?:\.(\d+))?$")


def next_version(current: object, *, major: bool = False) -> str:
    """The version that follows `current`. A version that is not « N » or « N.M » (a
    placeholder, « 2026-a »...) cannot be guessed: the coordinator gives it with --version."""
    text = current.strip() if isinstance(current, str) else None
    found = _NUMBERED.match(text) if text else None
    if found is None:
        shown = "à compléter" if text is None or "A_COMPLETER" in text else f"« {text} »"
        raise UsageError(
            f"la version actuelle du plan ({shown}) ne permet pas de proposer la suivante",
            "donnez la nouvelle version avec --version, par exemple --version 2.2",
        )
    first, second = int(found.group(1)), int(found.group(2) or 0)
    if major:
        return f"{first + 1}.0"
    return f"{first}.{second + 1}"
