"""What a link of the document points to, when its words do not show it: the address of a
« mailto: » link written « Écrire » in a directory, the number of a « tel: » link written
« Appeler », a web page behind « cliquez ici ». Kept after the words, « Écrire
(claire.martin@cpts.fr) », so that nothing of the document is lost. And what an image's
description says, unless Word wrote it itself."""

from __future__ import annotations

import re

LINK_TARGET = re.compile(r" \((?:(?:https?://|mailto:)?[^()\s]*(?:@|://)[^()\s]*|\+?[\d.]+)\)")
"""The « (address) » `link_target` writes after a link's words."""


def link_target(target: str, words: str) -> str:
    """« (address) » to write after the link's `words`, or nothing when they show it (a
    « tel: » link written with its number, as « 03 20 44 55 66 » for tel:+33320445566)."""
    if not target.startswith(("http", "mailto:", "tel:")):
        return ""
    address = target.removeprefix("mailto:").removeprefix("tel:")
    digits = re.sub(r"\D", "", address)[-9:]
    if address in words or (target.startswith("tel:") and digits in re.sub(r"\D", "", words)):
        return ""
    return f" ({address})"


_GENERATED = re.compile(
    r"\bdescription\s+(?:g[ée]n[ée]r[ée]e|generated|automatically\s+generated)\b", re.IGNORECASE
)
"""The end of a description Word writes itself for each picture pasted in (« Une image
contenant texte, Police, logo Description générée automatiquement », « … Description
générée avec un niveau de confiance élevé »)."""


def image_words(description: str) -> str:
    """An image's description as pandoc reads it (the text a reader of the page does not
    see but a screen reader says): kept when someone wrote it (« Organigramme de la cellule
    de crise »), not when Word made it up, which is no one's text and would turn a plan
    scanned and pasted as pictures into a draft of such sentences."""
    return "" if _GENERATED.search(description) else description
