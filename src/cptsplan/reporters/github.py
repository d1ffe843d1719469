"""GitHub Actions workflow commands (`--format github`): one annotation per problem, shown on
the pull request's diff, then the plain-text summary for the job log.

Escaping follows the runner's rules: in the message, `%`, CR and LF are percent-encoded; in
property values (file, title), `:` and `,` are too. Before that, every piece of plan data (file
and folder names, values quoted in messages) goes through `safetext.visible`: a newline or a
control character in it is shown escaped, so that no plan can end an annotation early, start a
line of its own or send a command to the runner. The summary lines are plain log lines: they
are defused too (no line starts with `::`, none holds `##[`).
"""

from __future__ import annotations

import os
from pathlib import PureWindowsPath

from cptsplan.api import CheckResult
from cptsplan.findings.problems import Problem, Severity
from cptsplan.privacy.safetext import defuse_workflow_commands, visible
from cptsplan.reporters.text import summary_lines

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repository_path(file: str, windows: bool = os.name == "nt") -> str:
    """The file as GitHub names it in the repository, with forward slashes: on a Windows
    runner the plan's files are shown `plan\\plan.yaml`, which no annotation would match."""
    return PureWindowsPath(file).as_posix() if windows else file


def annotation(problem: Problem) -> str:
    location = problem.location
    properties = ",".join(
        [
            f"file={escape_property(visible(repository_path(location.file)))}",
            f"line={location.line}",
            f"col={location.col}",
            f"title={escape_property(f'cptsplan [{visible(problem.rule)}]')}",
        ]
    )
    # The newline before the hint is the reporter's own: encoded %0A, shown as a line break.
    message = visible(problem.message) + (f"\n{visible(problem.hint)}" if problem.hint else "")
    return f"::{COMMANDS[problem.severity]} {properties}::{escape_data(message)}"


def report(result: CheckResult) -> str:
    lines = [annotation(problem) for plan in result.reports for problem in plan.problems]
    lines.extend(defuse_workflow_commands(line) for line in summary_lines(result))
    return "\n".join(lines) + "\n"
