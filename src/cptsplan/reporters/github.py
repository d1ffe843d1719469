"""GitHub Actions workflow commands (`--format github`): one annotation per problem, shown on
the pull request's diff, then the plain-text summary for the job log.

Escaping follows the runner's rules: in the message, `%`, CR and LF are percent-encoded; in
property values (file, title), `:` and `,` are too.
"""

from __future__ import annotations

from ..api import CheckResult
from ..problems import Problem, Severity
from .text import summary_lines

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    location = problem.location
    properties = ",".join(
        [
            f"file={escape_property(location.file)}",
            f"line={location.line}",
            f"col={location.col}",
            f"title={escape_property(f'cptsplan [{problem.rule}]')}",
        ]
    )
    message = problem.message + (f"\n{problem.hint}" if problem.hint else "")
    return f"::{COMMANDS[problem.severity]} {properties}::{escape_data(message)}"


def report(result: CheckResult) -> str:
    lines = [annotation(problem) for plan in result.reports for problem in plan.problems]
    lines.extend(summary_lines(result))
    return "\n".join(lines) + "\n"
