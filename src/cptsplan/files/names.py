"""The plan's version as it appears in the names of the files cptsplan writes.

`plan-sse-v2.1-interne.pdf`: the version keeps the documents sent for each version apart. A
version still to complete adds nothing (`plan-sse-diffusable-brouillon.pdf`, never
`plan-sse-v-compl-ter-…`), and any other text keeps its letters without accents, so that a
name reads the same in every file manager and on every system.
"""

from __future__ import annotations

import re
import unicodedata

from cptsplan.schema.placeholders import DISPLAY, ToComplete, is_marker

MAX_LENGTH = 40
"""Characters of version kept in a name: a long free text must not make a path too long
for Windows (260 characters in all)."""


def version_part(version: object) -> str:
    """'-v2.1' for version 2.1; '' for a version not known yet (or nothing usable)."""
    if version is None or isinstance(version, ToComplete) or is_marker(version):
        return ""
    text = str(version).strip()
    if text.lower() == DISPLAY:
        return ""
    # « é » -> « e »: the letter stays, its accent goes (NFKD splits them).
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    safe = re.sub(r"[^0-9A-Za-z.]+", "-", plain).strip("-.")[:MAX_LENGTH].strip("-.")
    if not safe:
        return ""
    return "-" + (safe if safe[0] in "vV" and safe[1:2].isdigit() else "v" + safe)
