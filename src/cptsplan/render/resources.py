"""Where templates and style files come from: the user's folders first, then the bundled ones.

A file in a user folder (`--templates DIR`, or a `templates/` folder next to the plan) with
the name of a bundled file replaces it. The Lua filter is not looked up here: it is part of
the safety of rendering (it alone turns template markers into raw output) and stays bundled.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

LUA_FILTER = "cptsplan.lua"


def bundled_dir() -> Path:
    return Path(str(files("cptsplan.templates")))


@dataclass(frozen=True)
class TemplateDirs:
    """Folders searched for templates, most specific first; the bundled folder is last."""

    custom: tuple[Path, ...] = ()

    @property
    def search_path(self) -> list[Path]:
        return [*self.custom, bundled_dir()]

    def find(self, name: str) -> Path:
        """The file `name` from the first folder that has it (bundled files always exist)."""
        for folder in self.custom:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        return bundled_dir() / name

    @staticmethod
    def lua_filter() -> Path:
        return bundled_dir() / LUA_FILTER


def template_dirs(plan_path: Path, option: Path | None) -> TemplateDirs:
    """`--templates DIR` first, then `templates/` beside the plan's YAML files."""
    folders: list[Path] = []
    if option is not None:
        folders.append(option)
    beside = (plan_path if plan_path.is_dir() else plan_path.parent) / "templates"
    if beside.is_dir() and (option is None or beside.resolve() != option.resolve()):
        folders.append(beside)
    return TemplateDirs(tuple(folders))
