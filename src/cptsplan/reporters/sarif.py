"""SARIF 2.1.0 (`--format sarif`), for GitHub code scanning (`upload-sarif`).

What code scanning needs: `tool.driver.rules` with the metadata, results with a `ruleId`, a
`level` and a `physicalLocation` whose URI is relative to the repository root (`uriBaseId`
%SRCROOT%). Paths are written as given on the command line; run `cptsplan validate` from the
repository root with relative paths. `partialFingerprints` let GitHub follow a result when
lines move.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from cptsplan import __version__
from cptsplan.api import CheckResult
from cptsplan.findings.problems import Problem, Severity
from cptsplan.privacy.safetext import json_safe
from cptsplan.reporters.catalog import catalog

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(file: str) -> dict[str, str]:
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return uri_of(path.resolve())
    return uri_of(path)


def uri_of(path: PurePath) -> dict[str, str]:
    """A URI with forward slashes whatever the system: `plan\\plan.yaml` on Windows is
    `plan/plan.yaml` relative to the root, `C:\\Plans\\plan.yaml` is `file:///C:/Plans/…`."""
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(_file_bytes(path.as_posix())), "uriBaseId": "%SRCROOT%"}


def _file_bytes(name: str) -> bytes:
    """A file name as the bytes on disk: one that is not UTF-8 is quoted byte for byte."""
    try:
        return os.fsencode(name)
    except UnicodeEncodeError:  # a surrogate that no file name decodes to
        return name.encode("utf-8", "surrogatepass")


def _fingerprint(problem: Problem) -> str:
    """Stable across line moves: the file, the rule and the JSON path, not the line."""
    key = "\0".join((problem.location.file, problem.rule, problem.path or problem.message))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def rule_name(rule_id: str) -> str:
    """SARIF wants a name distinct from the id, readable as an identifier (SARIF1001):
    `telephone-mal-forme` -> `TelephoneMalForme`."""
    return "".join(part[:1].upper() + part[1:] for part in rule_id.split("-") if part)


def _result(problem: Problem, index: dict[str, int]) -> dict[str, Any]:
    text = problem.message + (f" (aide : {problem.hint})" if problem.hint else "")
    return {
        "ruleId": problem.rule,
        "ruleIndex": index[problem.rule],
        "level": LEVELS[problem.severity],
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(problem.location.file),
                    "region": {
                        "startLine": problem.location.line,
                        "startColumn": problem.location.col,
                    },
                },
                **(
                    {"logicalLocations": [{"fullyQualifiedName": problem.path}]}
                    if problem.path
                    else {}
                ),
            }
        ],
        "partialFingerprints": {"cptsplanPath/v1": _fingerprint(problem)},
    }


def report(result: CheckResult) -> str:
    problems = [problem for plan in result.reports for problem in plan.problems]
    infos = catalog({problem.rule for problem in problems})
    index = {info.id: position for position, info in enumerate(infos)}
    rules = [
        {
            "id": info.id,
            "name": rule_name(info.id),
            "shortDescription": {"text": info.description},
            "fullDescription": {"text": info.explanation},
            "help": {"text": info.explanation},
            "defaultConfiguration": {"level": LEVELS[info.severity]},
            "properties": {"source": info.source, "tags": ["plan-sse", info.source]},
        }
        for info in infos
    ]
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cptsplan",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "properties": {"referenceDate": result.today.isoformat()},
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": [_result(problem, index) for problem in problems],
            }
        ],
    }
    return json_safe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
