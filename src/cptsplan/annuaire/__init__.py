"""The crisis directory outside the plan document: vCard and CSV exports for phones and
spreadsheets (internal edition only), and the import of a coordinator's own CSV file into
YAML directory entries. No typer, no printing here: the command is cli_annuaire.py."""

from __future__ import annotations
