"""What starting the next version changes in the plan, and the edits that write it.

Every change is in the `document` section, so in the one file that holds it:
- `document.version`: the new number;
- `document.date_mise_a_jour`: the date of the update;
- `document.statut: brouillon`: the new version is a draft until it is sent;
- a new entry at the end of `document.historique`, whose summary is « A_COMPLETER » (validate
  reports it until the coordinator writes it);
- `document.date_prochaine_revue`, when it is already past on the update date: one year after
  the update date.
What must be checked again each year but can only be checked by a person (directory
entries, exercises, corrective actions) is not reset: it goes to the checklist.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from cptsplan.findings.records import record
from cptsplan.load.loader import LoadedFile
from cptsplan.rules.helpers import year_after
from cptsplan.update.yamledit import TextEdits, UpdateRefused, double_quoted, quoted

DRAFT = "brouillon"
SUMMARY_TO_WRITE = "A_COMPLETER : résumé des changements depuis la version {version}"


@record(frozen=True)
class Change:
    """One field changed, in French for the coordinator."""

    __slots__ = ("after", "before", "label")

    def __init__(self, label: str, before: str | None, after: str) -> None:
        self.label: Final = label
        self.before: Final = before
        self.after: Final = after


def plan_changes(
    document: dict[str, Any], old_version: str, new_version: str, today: date
) -> list[Change]:
    changes = [
        Change("version", old_version, new_version),
        Change("date de mise à jour", _text(document.get("date_mise_a_jour")), today.isoformat()),
    ]
    if document.get("statut") != DRAFT:
        changes.append(Change("statut", _text(document.get("statut")), DRAFT))
    changes.append(
        Change(
            "historique des versions",
            None,
            f"version {new_version} du {today.isoformat()} (résumé à écrire)",
        )
    )
    review = document.get("date_prochaine_revue")
    if isinstance(review, date) and review < today:
        changes.append(
            Change("date de la prochaine revue", review.isoformat(), year_after(today).isoformat())
        )
    return changes


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def edit_document(
    loaded: LoadedFile,
    text: str,
    old_version: str,
    new_version: str,
    today: date,
    summary: str | None = None,
) -> str:
    """The text of the file holding `document`, with the changes of `plan_changes` written."""
    edits = TextEdits(text, loaded.display)
    values, keys = loaded.value_positions, loaded.key_positions
    document: dict[str, Any] = loaded.data["document"]
    version_key = keys[("document", "version")]
    version_at = values[("document", "version")]
    version_quote = _quote_at(edits, version_at)
    # A version is text: « 2.10 » must not be read as a number (the schema asks for quotes).
    edits.replace_scalar(*version_at, new_version, version_quote)
    indent = " " * (version_key[1] - 1)

    # Missing keys go right after the version line, in the schema's order.
    missing_after_version: list[str] = []
    statut_at = values.get(("document", "statut"))
    if statut_at is None:
        missing_after_version.append(f"{indent}statut: {DRAFT}")
    elif document.get("statut") != DRAFT:
        edits.replace_scalar(*statut_at, DRAFT)
    update_at = values.get(("document", "date_mise_a_jour"))
    if update_at is None:
        missing_after_version.append(f"{indent}date_mise_a_jour: {today.isoformat()}")
    else:
        edits.replace_scalar(*update_at, today.isoformat())
    review_at = values.get(("document", "date_prochaine_revue"))
    review = _as_date(document.get("date_prochaine_revue"))
    if review_at is not None and review is not None and review < today:
        edits.replace_scalar(*review_at, year_after(today).isoformat())

    summary = summary or SUMMARY_TO_WRITE.format(version=old_version)
    history_key = keys.get(("document", "historique"))
    if history_key is None:
        entry = _entry(indent + "  ", new_version, version_quote, today, summary)
        missing_after_version += [f"{indent}historique:", *entry]
    else:
        edits.insert_after(
            edits.block_end(*history_key),
            _history_entry(edits, loaded, indent, new_version, version_quote, today, summary),
        )
    if missing_after_version:
        edits.insert_after(version_at[0], missing_after_version)
    return edits.result()


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _quote_at(edits: TextEdits, at: tuple[int, int]) -> str:
    first = edits.line(at[0])[at[1] - 1 : at[1]]
    return first if first in ("'", '"') else '"'  # an unquoted version is written quoted


def _history_entry(
    edits: TextEdits,
    loaded: LoadedFile,
    indent: str,
    new_version: str,
    quote: str,
    today: date,
    summary: str,
) -> list[str]:
    """The new entry, indented like the first existing one."""
    values = loaded.value_positions
    key_line = loaded.key_positions[("document", "historique")][0]
    first = values.get(("document", "historique", 0))
    history_at = values.get(("document", "historique"))
    if history_at is not None and history_at[0] == key_line:
        raise UpdateRefused(
            f"{loaded.display}, ligne {key_line} : l'historique est écrit sur une seule ligne "
            "(entre crochets)",
            "écrivez une entrée par ligne (« - version: ... ») puis relancez",
        )
    if first is None:  # an empty block list cannot exist; keep a sane default
        return _entry(indent + "  ", new_version, quote, today, summary)
    line_text = edits.line(first[0])
    dash = line_text.rfind("-", 0, first[1] - 1)
    if dash < 0:
        dash = max(first[1] - 3, 0)
    return _entry(" " * dash, new_version, quote, today, summary, first[1] - 1 - dash)


def _entry(
    dash_indent: str, version: str, quote: str, today: date, summary: str, gap: int = 2
) -> list[str]:
    keys = dash_indent + " " * gap
    return [
        f"{dash_indent}-{' ' * (gap - 1)}version: {quoted(version, quote)}",
        f"{keys}date: {today.isoformat()}",
        f"{keys}resume: {double_quoted(summary)}",
    ]
