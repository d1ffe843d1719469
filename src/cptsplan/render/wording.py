"""Phrases that join two plan values and must read as French when one or both are still
« A_COMPLETER »: a meeting place (`lieu_adresse`), a RETEX's date (`retex_du`)."""

from __future__ import annotations

from cptsplan.render.filters import PENDING, Markdown, Pending, date_fr, date_of, finalize
from cptsplan.schema.placeholders import ToComplete


def _pending(value: object) -> bool:
    return isinstance(value, Pending | ToComplete)


def place_and_address(name: object, address: object) -> Markdown:
    """Global `lieu_adresse`: « MSP des Forges, 3 rue du Viaduc ». An imported plan has
    neither yet, and « à compléter : lieu, à compléter » read as a stammer: the address still
    to complete says so (« MSP des Forges, adresse à compléter »), and both to complete are
    said once (« nom et adresse à compléter »: the import's hint, « lieu », only repeated
    the line's title)."""
    if _pending(name) and (_pending(address) or not address):
        return Markdown(f"nom et adresse {finalize(PENDING)}")
    if _pending(address):
        return Markdown(f"{finalize(name)}, adresse {finalize(address)}")
    if not address:
        return Markdown(str(finalize(name)))
    return Markdown(f"{finalize(name)}, {finalize(address)}")


def retex_dated(value: object) -> object:
    """Filter `retex_du`: « RETEX du 26 mars 2026 ». A date still to complete is « date du
    RETEX à compléter » (« RETEX date à compléter » read as a typing slip); no date at all
    leaves « RETEX »."""
    if _pending(value):
        return Markdown(f"date du RETEX {finalize(date_fr(value))}")
    said = date_of(value)
    return Markdown(f"RETEX {finalize(said)}") if said else "RETEX"


def with_french_apostrophes(texts: dict[str, str]) -> dict[str, str]:
    """Running header, footer and title with the apostrophe the body prints (« Cœur
    d’Ardenne »): the PDF and the DOCX printed the typed one, « Cœur d'Ardenne », in every
    page's header, under a cover that curls it."""
    return {key: text.replace("'", "\u2019") for key, text in texts.items()}
