"""Dependencies that carry their weight (issue 20): a pin is a decision, and it stays one.

typer is pinned below 0.29 because 0.29 imports pydantic at start-up (+115 ms on every
command). A resolver that would install typer 0.29 or later because the pin was loosened,
or dropped, fails here: whoever changes it must measure the start-up again (benchmarks/
bench_startup.py) and change DECIDED_TYPER below with the reason.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

from packaging.requirements import Requirement
from packaging.version import Version

from tests.conftest import REPO

DECIDED_TYPER = Version("0.29")
"""The first typer version not allowed: it imports pydantic (+115 ms per command)."""


def _requirements() -> dict[str, Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        found[requirement.name.lower()] = requirement
    return found


def test_typer_029_and_later_are_not_resolved_without_a_decision() -> None:
    specifier = _requirements()["typer"].specifier
    assert specifier.contains("0.28.0"), "typer 0.28 (the version tested) doit rester permise"
    for later in (DECIDED_TYPER, Version("0.29.1"), Version("0.30"), Version("1.0")):
        assert not specifier.contains(later), (
            f"pyproject.toml laisse passer typer {later} : décidez (mesurez le démarrage, "
            "benchmarks/bench_startup.py) puis changez DECIDED_TYPER dans ce test"
        )
    installed = Version(importlib.metadata.version("typer"))
    assert installed < DECIDED_TYPER and specifier.contains(installed)


def test_the_pin_says_why() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    (line,) = [line for line in text.splitlines() if re.match(r'\s*"typer[<>=]', line)]
    assert "pydantic" in line


def test_phone_numbers_come_from_the_lite_package() -> None:
    """phonenumberslite: the same module without 48 MB of geocoding, carrier and time-zone
    data that cptsplan never uses."""
    requirements = _requirements()
    assert "phonenumberslite" in requirements and "phonenumbers" not in requirements
    assert importlib.metadata.version("phonenumberslite")
