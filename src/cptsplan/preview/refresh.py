"""One refresh of the preview: check the plan, render it, replace the documents in place.

The plan is checked as `validate` checks it. A plan that cannot be read or fails the schema
is not rendered, and the documents already written stay as they are: a coordinator who saves
a half-typed line keeps the last good PDF on screen. A plan whose only errors come from the
conformity rules is rendered as a draft (BROUILLON on every page, as `render --brouillon`):
the preview shows the document as it is being written. Documents are replaced atomically
(files/output.py), so a viewer never reads half a file; on Windows, where a viewer may lock
the file it shows, the refresh says so and is tried again.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cptsplan import api
from cptsplan.config.repository_config import find_config
from cptsplan.errors import ConfigurationError, RenderingError
from cptsplan.files import pandoc
from cptsplan.findings.problems import Problem, Severity
from cptsplan.load.figures import plan_folder
from cptsplan.privacy.safetext import log_line
from cptsplan.render import RenderOptions, render_plan
from cptsplan.render.naming import output_paths
from cptsplan.reporters.text import plural

PREVIEW_STEM = "apercu"
"""`build/apercu.pdf`: one name whatever the version or the draft state, so that the viewer
keeps showing the same file."""


@dataclass(frozen=True)
class Settings:
    plan: Path
    display: str
    formats: tuple[str, ...] = ("pdf",)
    output: Path | None = None
    """Base name of the documents (no extension); None: build/apercu in the plan's folder."""
    edition: str | None = None
    templates: Path | None = None
    today: date | None = None


@dataclass(frozen=True)
class Refreshed:
    line: str
    """The one line printed for this refresh."""
    written: bool
    retry: bool = False
    """The documents could not be replaced (a viewer holds them): try again soon."""


def _seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


class Preview:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.session = pandoc.TypstSession()
        self.folder = plan_folder(settings.plan)
        # Default: build/apercu.pdf in the plan's folder, as `render` writes into build/.
        self.paths = output_paths(settings.plan, settings.formats, PREVIEW_STEM, settings.output)

    def roots(self) -> list[Path]:
        """The plan's folder (its files, figures and templates/), the custom templates, and
        the `.cptsplan.yaml` that applies to the plan."""
        roots = [self.folder]
        if self.settings.templates is not None:
            roots.append(self.settings.templates)
        config = find_config(self.settings.plan)
        if config is not None:
            roots.append(config)
        return roots

    def outputs(self) -> set[str]:
        return {str(path) for path in self.paths.values()}

    def refresh(self) -> Refreshed:
        start = time.perf_counter()
        settings = self.settings
        if not settings.plan.exists():  # renamed or moved while watched: no plan error
            return Refreshed(
                log_line(
                    f"{time.strftime('%H:%M:%S')} document précédent conservé : le plan "
                    f"{settings.display} est introuvable (renommé, déplacé ou supprimé ?) ; "
                    "l'aperçu reprend quand il revient ; s'il a été renommé, arrêtez l'aperçu "
                    "(Ctrl-C) et relancez « cptsplan apercu NOUVEAU-CHEMIN »"
                ),
                written=False,
            )
        report = api.load_checked_plan(settings.plan, settings.display, today=settings.today)
        errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
        counts = f"{plural(errors, 'erreur')}, {plural(warnings, 'avertissement')}"
        first = next((p for p in report.problems if p.severity == Severity.ERROR), None)
        clock = time.strftime("%H:%M:%S")
        if report.plan is None or not report.schema_valid:
            return Refreshed(
                log_line(
                    f"{clock} document précédent conservé : le plan ne respecte pas le format "
                    f"({counts}){_first(first)}"
                ),
                written=False,
            )
        draft = errors > 0 or report.plan.status == "brouillon"
        options = RenderOptions(
            formats=settings.formats,
            edition=settings.edition,
            draft=draft,
            templates=settings.templates,
            output=self.paths[settings.formats[0]].with_suffix(""),
            conformity_grid=report.grid,
            typst=self.session,
        )
        try:
            written = render_plan(report.plan, settings.plan, options)
        except (RenderingError, ConfigurationError) as error:
            locked = isinstance(error.__cause__, PermissionError)
            return Refreshed(
                log_line(f"{clock} document précédent conservé : {error.message}{_locked(locked)}"),
                written=False,
                retry=locked,
            )
        kind = " (brouillon)" if draft else ""
        names = ", ".join(str(path) for path in written.values())
        return Refreshed(
            log_line(
                f"{clock} aperçu{kind} mis à jour en {_seconds(time.perf_counter() - start)} : "
                f"{counts}{_first(first)} → {names}"
            ),
            written=True,
        )

    def close(self) -> None:
        self.session.close()


def _first(problem: Problem | None) -> str:
    if problem is None:
        return ""
    return f" ; première erreur : {problem.location} : {problem.message}"


def _locked(locked: bool) -> str:
    if not locked:
        return ""
    viewer = (
        " ; le document est sans doute ouvert dans une visionneuse qui le verrouille (Adobe "
        "Acrobat Reader, Word) : fermez-le là, ou ouvrez-le dans une visionneuse qui ne le "
        "verrouille pas (SumatraPDF, le navigateur) ; l'aperçu réessaie dans quelques secondes"
    )
    return viewer if sys.platform == "win32" else " ; l'aperçu réessaie dans quelques secondes"
