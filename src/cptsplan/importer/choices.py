"""A choice of the plan format read from a document: by its code (« interne », « Élevé »
-> eleve) or by the label the plan prints for it (« Directeur général de l'ARS » ->
directeur_general_ars, « Liste de diffusion » -> liste_diffusion), from the vocabularies
the renderer uses (messages/vocabulary.py), so that what cptsplan writes it reads back."""

from __future__ import annotations

from functools import cache
from typing import Any

from cptsplan.importer.sections import plain


def choice(text: str, choices: list[Any]) -> Any:
    found = _by_code(text, choices)
    if found is not None:
        return found
    wanted = plain(text).strip(" .")
    codes = {c for c in choices if isinstance(c, str)}
    for vocabulary in vocabularies():
        if len(codes & set(vocabulary)) >= min(2, len(codes)):
            for code, label in vocabulary.items():
                said = plain(label)
                # « Plan ORSAN (ARS), niveau régional »: the label, then what else the cell
                # says (as a code followed by a comma is, in _by_code)
                if code in codes and (wanted == said or wanted.startswith(said + ",")):
                    return code
    return None


@cache
def vocabularies() -> list[dict[str, str]]:
    from cptsplan.messages import vocabulary

    return [
        value
        for name, value in vars(vocabulary).items()
        if name.isupper()
        and isinstance(value, dict)
        and all(isinstance(v, str) for v in value.values())
    ]


def _by_code(text: str, choices: list[Any]) -> Any:
    wanted = plain(text).replace("'", " ")
    for code in choices:
        if isinstance(code, bool):
            continue
        label = plain(str(code)).replace("_", " ")
        if wanted == label or wanted.startswith(label + " ") or wanted.startswith(label + ","):
            return code
    if wanted.startswith("oui") and True in choices:
        return True
    if wanted.startswith("non") and False in choices:
        return False
    return None
