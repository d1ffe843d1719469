"""The one Jinja environment of cptsplan, and template errors turned into French messages.

Templates write Pandoc Markdown. Every `{{ value }}` goes through `filters.finalize`, which
escapes plan text so that it stays text; helpers that build markup return `filters.Markdown`.
Autoescaping is off (it would HTML-escape), and the environment is sandboxed: templates found
next to a plan may come from someone else's repository, and must not reach Python internals.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..errors import ConfigurationError
from . import filters
from .resources import TemplateDirs

FILTERS = {
    "date_fr": filters.date_fr,
    "paragraphes": filters.paragraphs,
    "md": filters.md,
    "gras": filters.bold,
    "italique": filters.emphasis,
    "oui_non": filters.yes_no,
    "nombre": filters.number_fr,
}

GLOBALS = {
    "tableau": filters.table,
    "puces": filters.bullets,
    "liste_numerotee": filters.numbered,
    "joindre": filters.join_md,
    "phrases": filters.sentences,
    "periode": filters.period,
}


_ENVIRONMENTS: dict[tuple[Path, ...], SandboxedEnvironment] = {}


def build_environment(dirs: TemplateDirs) -> SandboxedEnvironment:
    """The environment for these template folders, built once per process (Jinja then checks
    the files' modification times, so an edited template is read again)."""
    key = tuple(dirs.search_path)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(dirs)
    return _ENVIRONMENTS[key]


def _new_environment(dirs: TemplateDirs) -> SandboxedEnvironment:
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in dirs.search_path])
    environment = SandboxedEnvironment(
        loader=loader,
        autoescape=False,
        finalize=filters.finalize,
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
        # Compiling the templates costs more than rendering them: keep the compiled code
        # between runs, in Jinja's per-user private cache folder (keyed by source checksum).
        bytecode_cache=_bytecode_cache(),
    )
    environment.filters.update(FILTERS)
    environment.globals.update(GLOBALS)
    return environment


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return jinja2.FileSystemBytecodeCache(pattern="__cptsplan_%s.cache")
    except (OSError, RuntimeError):
        return None


def render_template(
    environment: jinja2.Environment,
    name: str,
    context: Mapping[str, Any],
    output: list[str] | None = None,
) -> str:
    """Render `name`; any failure inside a template becomes a ConfigurationError that names
    the template file and line. The text is streamed into `output` as it is produced, so a
    helper called late in a template can read what was rendered before it."""
    chunks = output if output is not None else []
    try:
        template = environment.get_template(name)
        for chunk in template.generate(context):
            chunks.append(chunk)
        return "".join(chunks)
    except jinja2.TemplateSyntaxError as error:
        where = _display(error.filename or error.name or name)
        raise ConfigurationError(
            f"gabarit {where}, ligne {error.lineno} : erreur de syntaxe Jinja : {error.message}",
            "corrigez le gabarit ou retirez-le pour revenir au gabarit fourni avec cptsplan",
        ) from error
    except jinja2.TemplateNotFound as error:
        raise ConfigurationError(
            f"gabarit introuvable : {error.name}",
            "un gabarit personnalisé inclut un fichier qui n'existe ni dans votre dossier de "
            "gabarits ni parmi les gabarits fournis",
        ) from error
    except ConfigurationError:
        raise
    except Exception as error:
        where, line = _template_frame(error)
        detail = f"{type(error).__name__} : {error}" if str(error) else type(error).__name__
        location = f"gabarit {where}, ligne {line}" if where else f"gabarit {name}"
        raise ConfigurationError(
            f"{location} : erreur pendant le rendu : {detail}",
            "corrigez le gabarit ou retirez-le pour revenir au gabarit fourni avec cptsplan",
        ) from error


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """Jinja rewrites tracebacks so that template frames carry the template file and line."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(".j2"):
            found = (_display(frame.filename), frame.lineno)
    return found


def _display(filename: str) -> str:
    path = Path(filename)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
