"""Advice for a value that is nearly right: the placeholder misspelt (« A COMPLETER »), a
choice written in words (« vrai », « Typologie 1 »), a list item without its key, a list
written « a, b, c ». Each gives the value to write, where the generic advice gave a format
or a description."""

from __future__ import annotations

import re
import unicodedata

from cptsplan.findings.problems import Problem
from cptsplan.load.loader import JsonPath
from cptsplan.messages.field_labels import field_label, schema_at, shorten
from cptsplan.messages.make import Locator
from cptsplan.messages.make import make as _make
from cptsplan.schema.placeholders import MARKER


def misspelt_marker(value: object) -> bool:
    """« A COMPLETER », « à compléter », « A_COMPLÉTER »: the placeholder, not quite spelt."""
    if not isinstance(value, str) or value == MARKER or len(value) > 20:
        return False
    letters = unicodedata.normalize("NFKD", value)
    return "".join(c for c in letters if c.isalpha()).lower() == "acompleter"


def marker_problem(value: str, path: JsonPath, locate: Locator) -> Problem:
    """Said as such: the format's advice (« forme attendue : nom@domaine.fr ») would have
    the coordinator invent an address for a value that is rightly not known yet."""
    return _make(
        locate,
        path,
        "schema-valeur",
        f"{field_label(path)} : « {value} » n'est pas reconnu comme une valeur à compléter",
        f"écrivez exactement {MARKER} : en majuscules, sans accent, avec « _ » entre les deux mots",
    )


_SAID_IN_FRENCH = {"vrai": ("oui", "true"), "faux": ("non", "false")}


def _compact(text: str) -> str:
    letters = unicodedata.normalize("NFKD", text)
    return "".join(c for c in letters if c.isalnum()).lower()


def synonym(value: str, allowed: list[str]) -> str | None:
    """The permitted value a coordinator meant when the words are the same but written
    otherwise (« montée en puissance », « T 1 »), said in French (« vrai »), or in full
    (« Typologie 1 »): difflib finds none of the last two."""
    by_form = {_compact(a): a for a in allowed}
    if (same := by_form.get(_compact(value))) is not None:
        return same
    for word in _SAID_IN_FRENCH.get(value.strip().lower(), ()):
        if (meant := by_form.get(word)) is not None:
            return meant
    number = re.fullmatch(r"(?:typologie|type)\s*(?:n°|n|no)?\s*(\d)", value.strip(), re.I)
    return by_form.get(f"t{number.group(1)}") if number else None


def item_hint(value: str | int | float, path: JsonPath) -> str | None:
    """`- "03 53 01 00 10"` where a list wants `- numero: "03 53 01 00 10"`: the value is
    right, its key is missing. Said when the item has one required field to hold it."""
    required = (schema_at(path) or {}).get("required") or []
    if not required or isinstance(value, bool) or not isinstance(path[-1], int):
        return None
    key = required[0]
    shown = f'"{value}"' if isinstance(value, str) and re.fullmatch(r"[\d +.]+", value) else value
    return f"écrivez le nom du champ devant la valeur : « - {key}: {shown} »"


def list_hint(value: str) -> str:
    """`auteurs: a, b, c` is one text for YAML: the brackets make it a list."""
    dashes = "".join(ch for ch in value.lstrip()[:1] if ch in "–—−•")
    if dashes:
        return (
            f"les éléments d'une liste commencent par « - » (trait d'union), pas par « {dashes} » "
            "(Word remplace « - » par un tiret long) : une ligne « - élément » par élément"
        )
    items = [item.strip() for item in value.split(",")]
    listed = ", ".join(item for item in items if item)
    return (
        f"écrivez la liste entre crochets : « [{shorten(listed, 70)}] », ou un élément par ligne, "
        "chacun précédé de « - »"
    )
