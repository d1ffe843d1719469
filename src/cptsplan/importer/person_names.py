"""Whether a text found where a person is expected (a référent, a cell function's holder)
is a person's name, or a role the document gives instead of a name."""

from __future__ import annotations

import re

TITLES = frozenset(
    {"dr", "dr.", "pr", "pr.", "m", "m.", "mr", "mme", "mlle", "docteur", "professeur",
     "madame", "monsieur"}
)  # fmt: skip
PARTICLES = frozenset(
    {"de", "du", "des", "le", "la", "d'", "van", "von", "der", "den", "ter", "da", "di", "dos",
     "das", "del", "della", "ben", "el", "y", "et"}
)  # fmt: skip
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ELIDED = re.compile(r"^[dl][’']", re.IGNORECASE)


def looks_like_a_name(text: str) -> bool:
    """« Claire Vandamme », « VANDAMME Claire », « Dr Le Goff (médecin) », « Anne d'Alembert »:
    every word of a person's name begins with a capital (particles, titles and what is in
    brackets aside); « Médecin généraliste » or « la présidente de la CPTS » names a role,
    which the import does not turn into a directory entry."""
    words = [w for w in _ASIDE.sub(" ", text).split() if w.lower() not in TITLES]
    named = [_ELIDED.sub("", w) for w in words if w.lower() not in PARTICLES]
    named = [w for w in named if w]
    return bool(named) and len(words) <= 6 and all(w[0].isupper() for w in named)
