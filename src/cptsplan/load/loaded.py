"""What the loader gives back for one YAML file: its data and the position of every key and
value (kept apart from loader.py so that yaml_builder.py, which loader.py uses, can name these
types without importing loader.py back)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cptsplan.findings.problems import JsonPath as JsonPath  # re-exported for the loader
from cptsplan.findings.problems import Problem
from cptsplan.findings.records import record


@record(ignore=("raw",))
class LoadedFile:
    """One YAML file: its data and where each key and value starts.

    `plain`: source text of the unquoted values that are not simply text (numbers,
    true/false, empty, yes/no words): scalars.apply_schema_types types them by their field.
    `curly`: unquoted values wrapped in curly quotes (`“1.0”`), with the warning given about
    them: in a field that takes a precise form the schema step makes it the only error.
    `raw`: the bytes read: a file read again with the same bytes is the same file (reuse in
    load_file); not compared nor shown."""

    __slots__ = (
        "curly",
        "data",
        "display",
        "key_positions",
        "path",
        "plain",
        "problems",
        "raw",
        "value_positions",
    )  # fmt: skip

    def __init__(
        self,
        path: Path,
        display: str,
        data: Any = None,
        value_positions: dict[JsonPath, tuple[int, int]] | None = None,
        key_positions: dict[JsonPath, tuple[int, int]] | None = None,
        problems: list[Problem] | None = None,
        plain: dict[JsonPath, str] | None = None,
        curly: dict[JsonPath, Problem] | None = None,
        raw: bytes = b"",
    ) -> None:
        self.path = path
        self.display = display
        self.data = data
        self.value_positions: dict[JsonPath, tuple[int, int]] = (
            {} if value_positions is None else value_positions
        )
        self.key_positions: dict[JsonPath, tuple[int, int]] = (
            {} if key_positions is None else key_positions
        )
        self.problems: list[Problem] = [] if problems is None else problems
        self.plain: dict[JsonPath, str] = {} if plain is None else plain
        self.curly: dict[JsonPath, Problem] = {} if curly is None else curly
        self.raw = raw

    def lines(self) -> list[str]:
        """The file's lines (without a byte-order mark), from the bytes read; from the disk
        for a file refused before it was read (too large); none if it cannot be decoded."""
        try:
            if self.raw:
                return self.raw.decode("utf-8-sig").splitlines()
            return self.path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return []
