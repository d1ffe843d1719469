"""Whether a text found where a person is expected (a référent, a cell function's holder)
is a person's name, or a role the document gives instead of a name."""

from __future__ import annotations

TITLES = frozenset(
    {"dr", "dr.", "pr", "pr.", "m", "m.", "mr", "mme", "mlle", "docteur", "professeur",
     "madame", "monsieur"}
)  # fmt: skip
PARTICLES = frozenset({"de", "du", "des", "le", "la", "d'", "van", "von", "da", "di", "ben", "el"})


def looks_like_a_name(text: str) -> bool:
    """« Claire Vandamme », « VANDAMME Claire », « Dr Le Goff »: every word of a person's name
    begins with a capital (particles aside); « Médecin généraliste » or « la présidente de
    la CPTS » names a role, which the import does not turn into a directory entry."""
    words = [w for w in text.replace("’", "'").split() if w.lower() not in TITLES]
    named = [w for w in words if w.lower() not in PARTICLES]
    return bool(named) and len(words) <= 6 and all(w[0].isupper() for w in named)
