"""Reporters turn a `CheckResult` into text for a terminal or a CI system. Chosen by name."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from cptsplan.api import CheckResult

Reporter = Callable[[CheckResult], str]

# name -> "module:function"; modules are imported only when chosen (start-up time).
REPORTERS: dict[str, str] = {
    "text": "text:report",
    "resume": "resume:report",
    "json": "json_report:report",
    "github": "github:report",
    "sarif": "sarif:report",
    "junit": "junit:report",
}


def get_reporter(name: str) -> Reporter:
    module_name, function = REPORTERS[name].split(":")
    module = import_module(f"{__name__}.{module_name}")
    reporter: Reporter = getattr(module, function)
    return reporter
