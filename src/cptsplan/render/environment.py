"""The one Jinja environment of cptsplan, and template errors turned into French messages.

Templates write Pandoc Markdown. Every `{{ value }}` goes through `filters.finalize`, which
escapes plan text so that it stays text; helpers that build markup return `filters.Markdown`.
Autoescaping is off (it would HTML-escape), and the environment is sandboxed: templates found
next to a plan may come from someone else's repository, and must not reach Python internals.
"""

from __future__ import annotations

import contextlib
import os
import traceback
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from cptsplan.errors import ConfigurationError, CptsplanError, RenderingError
from cptsplan.render import filters, limits, retex_words, wording
from cptsplan.render.resources import TemplateDirs, bundled_dir, read_checked

FILTERS = {
    "date_fr": filters.date_fr,
    "date_du": filters.date_of,
    "date_le": filters.date_on,
    "paragraphes": filters.paragraphs,
    "md": filters.md,
    "gras": filters.bold,
    "italique": filters.emphasis,
    "oui_non": filters.yes_no,
    "nombre": filters.number_fr,
    "sans_retex": retex_words.without_retex_word,
    "note_retex": retex_words.retex_note,
    "deja_dit": retex_words.said_in,
    "insecable": filters.unbroken,
    "avec_libelle": filters.labelled,
    "retex_du": wording.retex_dated,
}

GLOBALS = {
    "tableau": filters.table,
    "puces": filters.bullets,
    "liste_numerotee": filters.numbered,
    "joindre": filters.join_md,
    "phrases": filters.sentences,
    "periode": filters.period,
    "intitule": filters.heading,
    "lieu_adresse": wording.place_and_address,
    "a_completer": filters.list_to_complete,
}


_ENVIRONMENTS: dict[tuple[Path, ...], SandboxedEnvironment] = {}


def build_environment(dirs: TemplateDirs) -> SandboxedEnvironment:
    """The environment for these template folders, built once per process (Jinja then checks
    the files' modification times, so an edited template is read again)."""
    key = tuple(dirs.search_path)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(dirs)
    return _ENVIRONMENTS[key]


class CheckedLoader(jinja2.BaseLoader):
    """Jinja's file loader, but every file goes through `resources.read_checked`: a symlink
    out of its folder, a FIFO or a device in a template folder is refused, never read."""

    def __init__(self, dirs: TemplateDirs) -> None:
        self.dirs = dirs

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        name = "/".join(split_template_path(template))  # refuses "..": no way out by name
        folders = [(folder, True) for folder in self.dirs.custom]
        for folder, custom in [*folders, (bundled_dir(), False)]:
            found = read_checked(folder, name, custom)
            if found is None:
                continue
            return found.text(), str(found.path), _uptodate(found.path, found.mtime_ns)
        raise jinja2.TemplateNotFound(template)


def _uptodate(path: Path, mtime: int) -> Callable[[], bool]:
    def uptodate() -> bool:
        try:
            return os.stat(path).st_mtime_ns == mtime
        except OSError:
            return False

    return uptodate


class CountedTemplate(jinja2.Template):
    """A template whose own output is watched: the innermost template that would take the
    document over `limits.MAX_OUTPUT_CHARS` stops there, and the error names it, with the
    line it was running (an included template's chunks pass through every includer)."""

    @classmethod
    def _from_namespace(
        cls,
        environment: jinja2.Environment,
        namespace: MutableMapping[str, Any],
        globals: MutableMapping[str, Any],
    ) -> jinja2.Template:
        template = super()._from_namespace(environment, namespace, globals)
        root = template.root_render_func

        def counted(context: jinja2.runtime.Context) -> Iterator[str]:
            generator = root(context)
            for chunk in generator:
                if limits.OUTPUT.total + len(chunk) > limits.MAX_OUTPUT_CHARS:
                    frame = getattr(generator, "gi_frame", None)
                    line = template.get_corresponding_lineno(frame.f_lineno) if frame else 0
                    raise limits.TemplateLimitError(
                        limits.too_long_message(), template.filename, line
                    )
                yield chunk

        template.root_render_func = counted
        return template


class LimitedEnvironment(SandboxedEnvironment):
    """The sandbox, plus a refusal of the two operators that build a huge value in one step
    (`'x' * 10**9`, `10 ** 10**9`), which no time limit could interrupt."""

    intercepted_binops = frozenset({"*", "**"})
    template_class = CountedTemplate

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if (
                    isinstance(sequence, str | list | tuple)
                    and isinstance(count, int)
                    and len(sequence) * count > limits.MAX_OUTPUT_CHARS
                ):
                    raise limits.TemplateLimitError(
                        f"le gabarit construit une valeur de {len(sequence) * count} "
                        f"éléments ({limits.MAX_OUTPUT_CHARS} au plus)"
                    )
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and left.bit_length() * right > limits.MAX_POWER_BITS
        ):
            raise limits.TemplateLimitError("le gabarit calcule une puissance démesurée")
        return super().call_binop(context, operator, left, right)


def _new_environment(dirs: TemplateDirs) -> SandboxedEnvironment:
    environment = LimitedEnvironment(
        loader=CheckedLoader(dirs),
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


class _SpeedOnlyCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, whose failures only cost speed: a full or
    read-only temporary disk made every render end in « corrigez le gabarit » (exit 3), the
    cache's OSError being taken for a template's own error."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # compiled again from the template
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # not kept for the next run
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return _SpeedOnlyCache(pattern="__cptsplan_%s.cache")
    except (OSError, RuntimeError):
        return None


def render_template(
    environment: jinja2.Environment,
    name: str,
    context: Mapping[str, Any],
    output: list[str] | None = None,
    custom: bool = False,
) -> str:
    """Render `name`; any failure inside a template becomes a ConfigurationError that names
    the template file and line. The text is streamed into `output` as it is produced, so a
    helper called late in a template can read what was rendered before it.

    The output is bounded (`limits.MAX_OUTPUT_CHARS`); with `custom` templates in use, so
    are time and memory (`limits.bounded`): a template that loops without end or builds a
    huge value is stopped, and named with its line."""
    chunks = output if output is not None else []
    try:
        template = environment.get_template(name)
        with limits.bounded(custom):
            limits.OUTPUT.total = 0
            for chunk in template.generate(context):
                chunks.append(chunk)
                limits.OUTPUT.total += len(chunk)
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
    except CptsplanError:
        raise
    except Exception as error:
        raise _template_error(error, name) from error


def _template_error(error: BaseException, name: str) -> CptsplanError:
    """A failure while rendering: the template's fault when a custom template is in the
    traceback (exit 3), else a fault of cptsplan's own templates on this plan (exit 4)."""
    frames = _template_frames(error)
    custom = [frame for frame in frames if not _is_bundled(frame[0])]
    if isinstance(error, limits.TemplateLimitError) and error.where is not None:
        # Raised between templates: the error itself says which one was running.
        frames = [(error.where, error.line)]
        custom = [] if _is_bundled(error.where) else frames
    where: str | None
    line: int | None
    where, line = (custom or frames)[-1] if (custom or frames) else (None, None)
    if isinstance(error, limits.TemplateTimeout):
        detail = limits.timeout_message()
    elif isinstance(error, limits.TemplateLimitError | MemoryError):
        detail = str(error) if str(error) else limits.memory_message()
    else:
        detail = f"{type(error).__name__} : {error}" if str(error) else type(error).__name__
    shown = _display(where) if where else name
    location = f"gabarit {shown}, ligne {line}" if where else f"gabarit {shown}"
    if custom or not frames:
        return ConfigurationError(
            f"{location} : erreur pendant le rendu : {detail}",
            "corrigez le gabarit ou retirez-le pour revenir au gabarit fourni avec cptsplan",
        )
    return RenderingError(
        f"{location} (fourni avec cptsplan) : erreur pendant le rendu de ce plan : {detail}",
        "ce n'est pas une erreur de votre plan ni de vos gabarits : signalez-la aux "
        "mainteneurs de cptsplan, avec ce message",
    )


def _is_bundled(filename: str) -> bool:
    return Path(filename).resolve().is_relative_to(bundled_dir().resolve())


def _template_frames(error: BaseException) -> list[tuple[str, int | None]]:
    """Jinja rewrites tracebacks so that template frames carry the template file and line."""
    return [
        (frame.filename, frame.lineno)
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.endswith(".j2")
    ]


def _display(filename: str) -> str:
    path = Path(filename)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
