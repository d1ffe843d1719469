"""Names that a line never hyphenates: the people and organisations of the directory, and
the communes of the territory.

« Ver-meersch », « Hé-lène De-waele », « Caisse pri-maire » read as mistakes in a document
sent to the ARS. The PDF layout gets one Typst show rule that sets `hyphenate: false` on every
occurrence of these names (a line may still break between two words of a name, or after
the hyphen a name is written with); the DOCX is never hyphenated (reference.docx leaves Word's
automatic hyphenation off, a test holds it).

People are matched word by word (« Vermeersch » alone in a sentence is still a name);
organisations as their whole name, so that « primaire » or « hospitalier » elsewhere in the
text keeps its hyphenation points.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from cptsplan.render.pdf.writer import string

_WORD = re.compile(r"[^\W\d_]{4,}")
"""Words of a person's name worth protecting (Typst never hyphenates shorter ones)."""
_SPECIAL = re.compile(r"[\\.+*?()|\[\]{}^$#&~-]")
MAX_NAMES = 2000
"""Names put in the rule at most (a directory has about a hundred entries)."""
MAX_NAME_CHARS = 120
"""Longer « names » are texts, not names: left out (the rule stays small for Typst)."""


def protected_names(data: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(words of people's and communes' names, whole names of organisations)."""
    words: set[str] = set()
    phrases: set[str] = set()
    for entry in data.get("annuaire") or []:
        if not isinstance(entry, dict):
            continue
        person = entry.get("type") == "personne"
        names = [entry.get("prenom"), entry.get("nom")] if person else [entry.get("nom")]
        names.append(entry.get("structure"))  # the organisation a person belongs to
        for number, name in enumerate(names):
            if not isinstance(name, str) or not name.strip():
                continue
            if (person and number < 2) or " " not in name.strip():
                words.update(w for w in _WORD.findall(name) if len(w) <= MAX_NAME_CHARS)
            elif len(name.strip()) <= MAX_NAME_CHARS:
                phrases.add(name.strip())
    # The communes too: « Saint-Au-bert-sur-Lys » is as wrong as a cut surname.
    territory = data.get("territoire")
    communes = territory.get("communes") if isinstance(territory, dict) else None
    for commune in communes if isinstance(communes, list) else []:
        if isinstance(commune, dict) and isinstance(commune.get("nom"), str):
            words.update(_WORD.findall(commune["nom"]))
    return sorted(words)[:MAX_NAMES], sorted(phrases, key=len, reverse=True)[:MAX_NAMES]


def _pattern(text: str) -> str:
    escaped = _SPECIAL.sub(lambda match: "\\" + match.group(0), text)
    # Straight apostrophes are printed curly; spaces may have become no-break ones.
    return re.sub(r"[ \u00a0\u202f]+", "[ \u00a0\u202f]+", escaped).replace("'", "['’]")


def typst_rule(words: Iterable[str], phrases: Iterable[str]) -> str:
    """The Typst show rule, or "" when there is no name to protect."""
    alternatives = [_pattern(phrase) for phrase in phrases]
    alternatives += [rf"\b{_pattern(word)}\b" for word in words]
    if not alternatives:
        return ""
    pattern = "(?:" + "|".join(alternatives) + ")"
    return f"#show regex({string(pattern)}): it => text(hyphenate: false, it)\n\n"
