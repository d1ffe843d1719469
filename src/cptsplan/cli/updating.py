"""What `cptsplan update` does once its command line is read: start the next version of the
plan (core in cptsplan.update), then print the changes and what to review.

Without `--ecrire` nothing is written: the diff of the files and the checklist are printed
(a dry run, `--dry-run` says it explicitly). See docs/mise-a-jour.md. Nothing here imports
typer: update.py (typer's reading of the command line) and quick.py both call start_update.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

from cptsplan.cli.common import exit_on_error, interrupted_exit, located, say, usage
from cptsplan.messages.dates import parse_reference_date


def start_update(
    plan: Path,
    *,
    write: bool,
    version: str | None,
    major: bool,
    reference_date: str | None,
    force: bool,
) -> NoReturn:
    """`cptsplan update` with its options read (their meaning: update.py's help)."""
    from cptsplan.update import start_next_version

    if version is not None and major:
        usage("--version et --majeure ne vont pas ensemble", "choisissez l'une des deux")
    plan, _home = located(plan)
    # SIGTERM too: the writer's temporary files beside the plan files are removed (a stray
    # « .plan.yaml.*.tmp » would be committed by « git add -A »).
    stopped = (
        "interrompu : les fichiers du plan sont tous dans leur ancienne version, ou tous "
        "dans la nouvelle (git diff le montre)"
    )
    with exit_on_error(), interrupted_exit(stopped):
        today = parse_reference_date(reference_date) or date.today()
        result = start_next_version(
            plan, today=today, version=version, major=major, write=write, force=force
        )
    from cptsplan.messages.dates import french_date
    from cptsplan.privacy.safetext import log_line

    for warning in result.warnings:
        say(log_line(f"attention : {warning}"))
    out = sys.stdout.write
    if result.written:
        out(
            f"Version {result.new_version} commencée (version précédente : "
            f"{result.old_version}). Fichiers modifiés :\n"
        )
        for change in result.files:
            out(f"  {change.display}\n")
    else:
        out(
            f"Essai : rien n'est écrit. Modifications que ferait « cptsplan update "
            f"--ecrire » (version {result.old_version} -> {result.new_version}) :\n\n"
        )
        for change in result.files:  # plan text: shown escaped, like every report line
            for line in change.diff().splitlines():
                out(log_line(line) + "\n")
    out("\nÀ revoir avant d'envoyer la nouvelle version :\n")
    theme = None
    for item in result.checklist:
        if item.theme != theme:
            theme = item.theme
            out(f"\n{theme}\n")
        out(log_line(f"  - {item.text} ({item.where})") + "\n")
    if not result.checklist:
        out("  rien de particulier\n")
    out(
        f"\n- écrire le résumé des changements dans l'historique (version {result.new_version})"
        "\n- passer le statut à « pret_a_transmettre » puis « transmis » à l'envoi"
        f"\n- prochaine mise à jour avant le {french_date(result.next_update)}\n"
    )
    raise SystemExit(0)
