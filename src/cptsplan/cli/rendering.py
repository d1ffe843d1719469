"""What `cptsplan render` does once its command line is read: check the plan, then write its
documents (DOCX, PDF, HTML, Markdown) or say why not.

A plan that does not validate is not rendered: the problems are shown as `validate` shows
them and the exit code is 1. With `--brouillon`, a plan whose only problems come from the
conformity rules is rendered anyway, with BROUILLON on every page. Jinja, pandoc and Typst are
imported only here, when a document is actually produced. Nothing here imports typer:
render.py (typer's reading of the command line) and quick.py both call render_documents.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cptsplan.cli.common import as_argument, exit_interrupted, exit_on_error, located, say
from cptsplan.errors import ExitCode, UsageError
from cptsplan.messages.dates import parse_reference_date

FORMAT_NAMES = ("docx", "pdf", "md", "html")
EDITION_NAMES = ("interne", "diffusable")


def render_documents(
    plan: Path,
    *,
    formats: list[str] | None,
    output: Path | None,
    edition: str | None,
    draft: bool,
    templates: Path | None,
    reference_date: str | None,
    since: str | None,
    annexe: str | None,
) -> None:
    """`cptsplan render` with its options read (their meaning: render.py's help)."""
    from cptsplan.files import processes
    from cptsplan.files.reasons import check_path_length
    from cptsplan.privacy.safetext import log_line

    try:
        with exit_on_error():
            chosen = parse_formats(formats)
            check_edition(edition)
            check_paths(plan, templates)
            if output is not None:
                check_path_length(output)  # a name no system accepts: said before any work
            today = parse_reference_date(reference_date)
            plan, home = located(plan)
            with processes.interruptible():
                written = _render(
                    plan, chosen, output, edition, draft, templates, today, since, annexe, home
                )
    except (processes.Interrupted, KeyboardInterrupt) as interruption:
        # pandoc killed, private folders and temporary files removed; then out at once.
        exit_interrupted(interruption, "interrompu : aucun document n'a été remplacé")
    for path in written:
        print(log_line(f"écrit : {path}"), flush=True)


def parse_formats(values: list[str] | None) -> list[str]:
    """`-f docx -f pdf` or `-f docx,pdf`; order kept, repeats dropped."""
    chosen: list[str] = []
    for value in values or ["docx", "pdf"]:
        for name in value.split(","):
            name = name.strip().lower()
            if name not in FORMAT_NAMES:
                raise UsageError(
                    f"format inconnu : {name}", "formats possibles : " + ", ".join(FORMAT_NAMES)
                )
            if name not in chosen:
                chosen.append(name)
    return chosen


def check_edition(edition: str | None) -> None:
    if edition is not None and edition not in EDITION_NAMES:
        raise UsageError(
            f"édition inconnue : {edition}", "éditions possibles : " + ", ".join(EDITION_NAMES)
        )


def check_paths(plan: Path, templates: Path | None) -> None:
    if not plan.exists():
        raise UsageError(f"chemin introuvable : {plan}")
    if not plan.is_dir() and not plan.is_file():
        # A FIFO would hang the render, a device would be read without end.
        raise UsageError(
            f"le plan {plan} n'est ni un fichier ordinaire ni un dossier (tube nommé, "
            "périphérique ?) : il n'est pas lu",
            "donnez le fichier .yaml du plan ou son dossier",
        )
    if templates is not None and not templates.is_dir():
        raise UsageError(
            f"dossier de gabarits introuvable : {templates}",
            "--templates attend un dossier contenant des gabarits (.md.j2, reference.docx...)",
        )


def _render(
    plan_path: Path,
    formats: list[str],
    output: Path | None,
    edition: str | None,
    draft: bool,
    templates: Path | None,
    today: date | None,
    since: str | None = None,
    annexe: str | None = None,
    home: Path | None = None,
) -> list[Path]:
    from cptsplan import api
    from cptsplan.findings.problems import Severity
    from cptsplan.privacy.safetext import log_line
    from cptsplan.render import RenderOptions, render_plan, template_notices
    from cptsplan.reporters.snippet import SourceLines
    from cptsplan.reporters.text import format_problem, summary_line

    if since is not None:
        from cptsplan.diff import revision_tag_note
        from cptsplan.diff.load import revision_folder

        # A revision that git does not know is a usage error (2), said before the checks;
        # a tag on the wrong commit (`v2.1` placed after `update`) would title the annex
        # with the wrong version: said here, as `diff` says it (not in the document).
        with revision_folder(plan_path, since) as read:
            tag_note = revision_tag_note(plan_path, since, read)
        if tag_note is not None:
            say(log_line(f"avertissement : {tag_note}"))
    report = api.load_checked_plan(plan_path, today=today)
    blocking = report.count(Severity.ERROR) > 0 or (
        getattr(report, "strict", False) and report.count(Severity.WARNING) > 0
    )
    # A plan that is not rendered gets the whole `validate` report; a rendered one only its
    # warnings, so that the list of written files stays readable. A draft has, by
    # definition, much left to complete (70 warnings right after `init`): listing it is
    # `validate --resume`'s job, and the render of a draft says how many and where to read them.
    # A plan whose own status says « brouillon » is rendered as one, without the option.
    draft = draft or (report.plan is not None and report.plan.status == "brouillon")
    shown = [
        problem
        for problem in report.problems
        if blocking or report.plan is None or problem.severity >= Severity.WARNING
    ]
    if shown and draft and report.plan is not None and report.schema_valid:
        say(summary_line(report))
        say(
            f"le détail : « cptsplan validate {as_argument(home or plan_path)} --resume » "
            "(ce qui reste à faire, par thème)",
        )
        shown = []
    sources = SourceLines()  # each file read once for the source lines under the problems
    for problem in shown:
        say(format_problem(problem, sources))
    if shown:
        say(summary_line(report))
    if report.plan is None or not report.schema_valid:
        say(
            "aucun document produit : le plan ne respecte pas le format (schéma) ; "
            "corrigez d'abord les erreurs ci-dessus (--brouillon ne suffit pas dans ce cas).",
        )
        raise SystemExit(int(ExitCode.PROBLEMS))
    if blocking and not draft:
        say(
            "aucun document produit : le plan ne passe pas la validation. Corrigez les "
            "erreurs ci-dessus, ou ajoutez --brouillon pour produire un brouillon.",
        )
        raise SystemExit(int(ExitCode.PROBLEMS))
    options = RenderOptions(
        formats=tuple(formats),
        edition=edition,
        draft=draft,
        templates=templates,
        output=output,
        conformity_grid=report.grid,
        since=since,
        annexe=annexe,
        home=home,
    )
    for notice in template_notices(plan_path, options):
        say(log_line(f"avertissement : {notice}"))
    return list(render_plan(report.plan, plan_path, options).values())
