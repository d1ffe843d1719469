"""Advice for a value that is nearly right: the placeholder misspelt (« A COMPLETER »), a
choice written in words (« vrai », « Typologie 1 »), a list item without its key, a list
written « a, b, c ». Each gives the value to write, where the generic advice gave a format
or a description."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from cptsplan.findings.problems import Problem
from cptsplan.load.loader import JsonPath
from cptsplan.load.yaml_messages import INVISIBLE_SPACES, character_name
from cptsplan.messages.field_labels import field_label, schema_at
from cptsplan.messages.make import Locator
from cptsplan.messages.make import make as _make
from cptsplan.messages.shortening import shorten
from cptsplan.schema.placeholders import MARKER, to_complete


def misspelt_marker(value: object) -> bool:
    """« A COMPLETER », « à compléter », « A_COMPLÉTER »: the placeholder, not quite spelt."""
    if not isinstance(value, str) or value == MARKER or len(value) > 20:
        return False
    letters = unicodedata.normalize("NFKD", value)
    compact = "".join(c for c in letters if c.isalpha()).lower()
    if compact == "acompleter":
        return True
    # A letter missed or doubled (« A_COMPLETE », « A_COMPLTER »): read as an id, it was
    # answered « ajoutez une entrée avec « id: a_complete » ».
    return bool(re.match(r"[aà][\s_-]*compl", value.strip(), re.IGNORECASE)) and (
        difflib.SequenceMatcher(a=compact, b="acompleter").ratio() >= 0.8
    )


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


_NOT_KNOWN = re.compile(
    r"(non|pas) (encore )?(connue?s?|renseignee?s?|communiquee?s?|definie?s?)|inconnue?s?|nc|"
    r"n ?c|a (definir|preciser|voir|venir|determiner|confirmer|renseigner)|en attente|tbd|"
    r"nsp|[x?]+([ /.-]+[x?]+)*|[x?]+[ /.-]+[x?]+[ /.-]+\d{4}"
)
"""What a coordinator writes for « not known yet »: « non connu », « NC », « à définir »,
« ?? », « XX/XX/2024 » (compared without accents or capitals)."""


def said_unknown(value: object) -> bool:
    """A value that says it is not known yet, in words the schema does not take."""
    if not isinstance(value, str) or len(value) > 30:
        return False
    letters = unicodedata.normalize("NFKD", value.strip().lower())
    plain = "".join(c for c in letters if not unicodedata.combining(c)).replace(".", " ")
    return _NOT_KNOWN.fullmatch(" ".join(plain.split()).strip(" ")) is not None


def unknown_problem(value: str, path: JsonPath, locate: Locator, period: bool) -> Problem:
    """« date: non connu »: the coordinator said the right thing, in words the field does not
    take. The format's list of forms would have them invent a date; the placeholder is the
    answer, and the plan stays a valid draft."""
    year = re.search(r"\b(\d{4})$", value.strip())
    partial = f" ; si seule l'année est connue, écrivez {year[1]}" if year and period else ""
    return _make(
        locate,
        path,
        "schema-valeur",
        f"{field_label(path)} : « {shorten(value)} » dit que la valeur n'est pas encore "
        "connue, mais ce champ ne le comprend pas écrit ainsi",
        f"écrivez {MARKER} (en majuscules, avec « _ ») : le plan reste un brouillon valide, "
        f"et ce champ est signalé à compléter{partial}",
    )


_SAID_IN_FRENCH = {
    "vrai": ("oui", "true"),
    "faux": ("non", "false"),
    "true": ("oui",),  # `h24: "true"`: the quotes made it a text
    "false": ("non",),
    # An action's status said in words (« statut: terminée »).
    "fini": ("faite",),
    "finie": ("faite",),
    "termine": ("faite",),
    "terminee": ("faite",),
    "realise": ("faite",),
    "realisee": ("faite",),
    "commence": ("en_cours",),
    "commencee": ("en_cours",),
    "prevu": ("a_faire",),
    "prevue": ("a_faire",),
    # The plan's status (« statut: envoyé »).
    "envoye": ("transmis",),
    "envoyee": ("transmis",),
    "valide": ("valide_ars",),
    "validee": ("valide_ars",),
    "pret": ("pret_a_transmettre",),
    "prete": ("pret_a_transmettre",),
}


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
    for word in _SAID_IN_FRENCH.get(_compact(value), ()):
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
    if isinstance(value, str) and value.strip() == MARKER:
        # `[A_COMPLETER]` for a list of sections: « - id: A_COMPLETER » would be refused in
        # turn (an identifier is a name the CPTS chooses, never « à compléter »).
        return empty_list_hint()
    key = required[0]
    shown = f'"{value}"' if isinstance(value, str) and re.fullmatch(r"[\d +.]+", value) else value
    return f"écrivez le nom du champ devant la valeur : « - {key}: {shown} »"


def empty_list_hint() -> str:
    """A list of sections (risks, exercises...) not known yet: the empty list says so."""
    return (
        "une liste dont aucun élément n'est encore connu s'écrit vide, « [] » (les règles "
        "disent ce qui manque) ; chaque élément est ensuite une section, « - id: un-nom » "
        "suivi de ses champs, qui peuvent valoir A_COMPLETER"
    )


def list_hint(value: str, path: JsonPath = ()) -> str:
    """`auteurs: a, b, c` is one text for YAML: the brackets make it a list."""
    if value.strip() == MARKER and (schema_at((*path, 0)) or {}).get("type") == "object":
        return empty_list_hint()  # `diagnostic_risques: A_COMPLETER`: not « [A_COMPLETER] »
    dashes = "".join(ch for ch in value.lstrip()[:1] if ch in "–—−•")
    if dashes:
        return (
            f"les éléments d'une liste commencent par « - » (trait d'union), pas par « {dashes} » "
            "(Word remplace « - » par un tiret long) : une ligne « - élément » par élément"
        )
    items = [item.strip() for item in value.split(",")]
    if len(value) > 80 or any(len(item.split()) > 4 for item in items):
        # Sentences: their own commas would cut them into several items between brackets.
        return (
            "une liste s'écrit un élément par ligne, chacun précédé de « - » et en retrait "
            f"sous la clé : « - {shorten(value, 50)} »"
        )
    listed = ", ".join(item for item in items if item)
    return (
        f"écrivez la liste entre crochets : « [{shorten(listed, 70)}] », ou un élément par ligne, "
        "chacun précédé de « - »"
    )


def colon_hint(value: dict[object, object], path: JsonPath, locate: Locator) -> str | None:
    """`- Objectif : tenir le plan à jour` where a text is expected: French puts a space
    before « : », and « : » followed by a space makes YAML read « Objectif » as a key. The
    advice was the field's description (« Texte libre. »), which says nothing of the fix."""
    if len(value) != 1 or not path:
        return None
    [(key, rest)] = value.items()
    if not isinstance(key, str) or isinstance(rest, dict | list):
        return None
    written_key, written_value = locate((*path, key), True), locate((*path, key), False)
    # « Objectif : » or « Objectif: »: the gap between the key and its value tells.
    gap = written_value.col - written_key.col - len(key)
    colon = " :" if written_key.line == written_value.line and gap >= 3 else ":"
    text = f"{key}{colon} {'' if rest is None else shorten(str(rest), 60)}".rstrip()
    start = "- " if isinstance(path[-1], int) else f"{path[-1]}: "
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f"« : » suivi d'une espace, après « {key} », fait lire ce texte comme « clé: valeur » : "
        f'mettez tout le texte entre guillemets : {start}"{quoted}"'
    )


def invisible_hint(value: object) -> str | None:
    """A value refused for a character nobody sees: a no-break space after a date pasted
    from Word, a zero-width space in an id, a space inside the quotes of a choice. The
    message shows the value as it looks (« 2026-10-05 »), and the format's advice (« écrivez
    2026-10-05 ») repeated it: the character is named instead."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    hidden = [c for c in value if c in INVISIBLE_SPACES or unicodedata.category(c) == "Cf"]
    if hidden:
        first = hidden[0]
        where = _where(value, first)
        return (
            f"la valeur contient un caractère invisible, {character_name(first)}{where} : "
            "effacez-le (il vient souvent d'un copier-coller depuis Word ou une page web)"
        )
    if value != value.strip() and value.strip():
        side = "commence" if value[:1].isspace() else "finit"
        return f"la valeur {side} par une espace, à l'intérieur des guillemets : retirez-la"
    return None


def _where(value: str, char: str) -> str:
    if value.endswith(char):
        return " à la fin"
    if value.startswith(char):
        return " au début"
    return ""


_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        [
            "zéro",
            "un",
            "deux",
            "trois",
            "quatre",
            "cinq",
            "six",
            "sept",
            "huit",
            "neuf",
            "dix",
            "onze",
            "douze",
        ]
    )
} | {"une": 1, "zero": 0, "aucun": 0, "aucune": 0}


def number_hint(value: object, path: JsonPath) -> str | None:
    """A whole number written as a French writer would (« 58 260 », « 12,5 », « "12" »):
    the advice was the field's description, which does not say what to change."""
    if isinstance(value, float):  # « 58.260 »: YAML read 58.26
        return (
            "un nombre entier s'écrit sans virgule ni point, même entre les milliers : "
            "58260, pas 58.260 ni 58 260"
        )
    if not isinstance(value, str):
        return None
    written = value.strip()
    if re.fullmatch(r"\d+", written):
        key = path[-1] if path and isinstance(path[-1], str) else None
        return f"retirez les guillemets : « {key}: {written} »" if key else "retirez les guillemets"
    if re.fullmatch(r"\d{1,3}(?:[ .']\d{3})+", written):
        digits = re.sub(r"\D", "", written)
        return f"écrivez le nombre sans espace ni point entre les milliers : {digits}"
    if re.fullmatch(r"\d+[,.]\d+", written):
        whole = re.split(r"[,.]", written)[0]
        return f"un nombre entier s'écrit sans virgule : par exemple {whole}"
    if (spelt := _NUMBER_WORDS.get(written.lower())) is not None:  # `taille_aci: deux`
        return f"écrivez le nombre en chiffres : {spelt}"
    if number := re.fullmatch(r"\D*?(\d+)\D*", written):  # « taille 2 », « 2 (40 000 à… »
        return f"écrivez seulement le nombre : {number.group(1)}"
    return None


def marker_with_text_problem(value: str, path: JsonPath, locate: Locator) -> Problem:
    """`date_peremption: "A_COMPLETER : date à vérifier"`: the placeholder takes a note in a
    text, not in a date, a number or a choice. The advice was « si la valeur n'est pas encore
    connue, écrivez A_COMPLETER », which the coordinator had done."""
    note = to_complete(value)
    said = " ".join(part for part in (note.written, note.hint) if part)
    key = path[-1] if path and isinstance(path[-1], str) else None
    line = f"{key}: {MARKER}" if key else f"- {MARKER}"
    return _make(
        locate,
        path,
        "schema-valeur",
        f"{field_label(path)} : dans ce champ, {MARKER} s'écrit seul, sans texte autour",
        f"écrivez « {line} » ; la précision peut aller dans un commentaire en fin de ligne : "
        f"« {line}  # {shorten(said, 60)} »"
        if said
        else f"écrivez « {line} »",
    )


def several_values_hint(value: str, allowed: list[str], path: JsonPath) -> str | None:
    """`categorie: ars samu` or `typologies: [T5 – T2]`: two permitted values in one. The
    closest one was proposed (« samu » for the ARS), which is a guess, not the fix."""
    parts = [part for part in re.split(r"[\s,;/+&–—-]+|\bet\b", value) if part]
    found = list(dict.fromkeys(part for part in parts if part in allowed))
    if len(found) < 2:
        return None
    if path and isinstance(path[-1], int):
        return f"séparez les valeurs par des virgules : [{', '.join(found)}]"
    choices = " et ".join(f"« {part} »" for part in found)
    return f"une seule valeur ici : choisissez entre {choices}"


def empty_section_hint(value: object, path: JsonPath, data: dict[str, Any] | None) -> str | None:
    """`  evaluer:` indented like the lines under it: YAML reads an empty section, then its
    content beside it at the first level. « remplissez-le » was the advice; the fix is the
    indentation of what follows."""
    if value is not None or len(path) != 1 or not data:
        return None
    fields = (schema_at(path) or {}).get("properties", {})
    beside = [
        key
        for key in data
        if key in fields and key not in (schema_at(()) or {}).get("properties", {})
    ]
    if not beside:
        return None
    names = ", ".join(f"« {key}: »" for key in beside[:3])
    return (
        f"ce qui devait être sous « {path[0]}: » ({names}) est écrit au même retrait que "
        f"lui : décalez ces lignes de 2 espaces vers la droite, ou écrivez « {path[0]}: » "
        "tout à gauche de la ligne"
    )
