"""Filters of the exercises table that name an exercise's RETEX once: its title without the
« RETEX » it opens with (`sans_retex`), the note printed after the exercise (`note_retex`),
and whether a title only repeats another (`deja_dit`)."""

from __future__ import annotations

import re

from cptsplan.privacy import REPLACEMENT
from cptsplan.render.filters import Markdown, Pending, escape_inline, finalize
from cptsplan.schema.placeholders import ToComplete

_RETEX_WORD = re.compile(r"\s*retex\s*[:\u2013\u2014-]\s*", re.IGNORECASE)


def without_retex_word(value: object) -> object:
    """Filter `sans_retex`: a RETEX's title without the word « RETEX » it opens with
    (« RETEX : Exercice Meuse en crue » → « Exercice Meuse en crue »), for the places that
    already say RETEX (« (RETEX : …) » after an exercise). Other values are left as they are."""
    if not isinstance(value, str) or isinstance(value, Pending | ToComplete):
        return value
    opening = _RETEX_WORD.match(value)
    bare = value[opening.end() :] if opening else value
    return bare if bare.strip() else value


_NAMES_RETEX = re.compile(r"\s*(?:retex|retour d['’]exp[ée]rience)\b", re.IGNORECASE)


def retex_note(value: object, exercise: object = None) -> object:
    """Filter `note_retex`: what the exercises table prints in brackets after `exercise` (its
    title) for its RETEX: « RETEX : » and the title, unless the title already names the RETEX
    (« RETEX à chaud : Exercice X », « RETEX de la canicule ») — it read « (RETEX : RETEX à
    chaud : Exercice X) ». The exercise's own title, repeated after a colon or a dash, is
    left out: « Exercice X (RETEX à chaud) », not « Exercice X (RETEX à chaud : Exercice X) »."""
    bare = without_retex_word(value)
    if isinstance(bare, Pending | ToComplete):  # « (RETEX : à compléter) », not « (à compléter) »
        return Markdown(f"RETEX : {finalize(bare)}")
    if not isinstance(bare, str):
        return bare
    bare = _without_title(bare, exercise)
    if _NAMES_RETEX.match(bare):
        return bare  # escaped by finalize, as any value
    return Markdown(f"RETEX : {escape_inline(bare)}")


def _without_title(note: str, title: object) -> str:
    """`note` without `title` when it ends with it after a colon or a dash (and says
    something besides)."""
    if not isinstance(title, str) or isinstance(title, Pending | ToComplete) or not title:
        return note
    ending = re.search(r"\s*[:\u2013\u2014-]\s*" + re.escape(title.strip()) + r"\W*$", note, re.I)
    rest = note[: ending.start()].strip() if ending else ""
    return rest if rest else note


_SIGNIFICANT = re.compile(r"[^\W\d_]{4,}")


def said_in(value: object, other: object) -> bool:
    """Filter `deja_dit`: every significant word of `value` is already in `other`, so that
    printing both repeats a title (« Premier test de la chaîne d'alerte (SMS groupé) (RETEX :
    Premier test de la chaîne d'alerte) »)."""
    if not isinstance(value, str) or not isinstance(other, str):
        return False
    # A contact masked in the diffusable edition is no word of the title: the RETEX that the
    # internal edition says by its date is said so in the diffusable one too.
    value = value.replace(REPLACEMENT, " ")
    words = {word.casefold() for word in _SIGNIFICANT.findall(value)}
    return bool(words) and words <= {word.casefold() for word in _SIGNIFICANT.findall(other)}
