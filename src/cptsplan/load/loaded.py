"""What the loader gives back for one YAML file: its data and the position of every key and
value (kept apart from loader.py so that yaml_builder.py, which loader.py uses, can name these
types without importing loader.py back)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cptsplan.findings.problems import JsonPath as JsonPath  # re-exported for the loader
from cptsplan.findings.problems import Problem


@dataclass
class LoadedFile:
    """One YAML file: its data and where each key and value starts."""

    path: Path
    display: str
    data: Any = None
    value_positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    plain: dict[JsonPath, str] = field(default_factory=dict)
    """Source text of the unquoted values that are not simply text (numbers, true/false,
    empty, yes/no words): scalars.apply_schema_types types them by their field."""
    curly: dict[JsonPath, Problem] = field(default_factory=dict)
    """Unquoted values wrapped in curly quotes (`“1.0”`), with the warning given about them:
    in a field that takes a precise form the schema step makes it the only error."""
    raw: bytes = field(default=b"", repr=False, compare=False)
    """The bytes read: a file read again with the same bytes is the same file (reuse in
    load_file)."""

    def lines(self) -> list[str]:
        """The file's lines (without a byte-order mark), from the bytes read; from the disk
        for a file refused before it was read (too large); none if it cannot be decoded."""
        try:
            if self.raw:
                return self.raw.decode("utf-8-sig").splitlines()
            return self.path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return []
