"""Where a plan repository installs cptsplan from (`cptsplan init --source`).

No package named « cptsplan » is published on PyPI, and the name is free: a CI file that
installed it by name would fail today and would run whatever a third party publishes under
that name tomorrow. So a repository installs from an explicit source its owner sets once: the
project's git repository at a release tag or commit, or a wheel they host. A bare package
name, an unpinned git address or plain HTTP is refused; with no source at all, the CI job
stops with a French message that says what to set.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from cptsplan.errors import UsageError

EXAMPLE = "cptsplan @ git+https://<adresse du dépôt de cptsplan>@v0.2.0"
"""How a source is written (shown in messages and in the generated files)."""

_FORBIDDEN = re.compile(r"[\s\"'`$\\;&|<>(){}]")
_NAMED = re.compile(r"^cptsplan(\[[a-z0-9,_-]+\])?\s+@\s+(?P<url>\S+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    requirement: str
    """What pip installs, as given (`cptsplan @ git+https://…@v0.2.0`, a wheel URL…)."""
    git_repository: str | None = None
    """For a git source: the repository address and the pinned revision (pre-commit's
    `repo:` and `rev:`)."""
    git_revision: str | None = None


def parse_source(text: str) -> Source:
    """Check that `text` names an explicit, pinned source; raise a French UsageError if not."""
    text = text.strip()
    named = _NAMED.match(text)
    url = named.group("url") if named else text
    if not url or _FORBIDDEN.search(url):
        raise _refused(text, "elle contient des espaces, guillemets ou caractères de commande")
    if url.startswith("git+"):
        return _git_source(text, url)
    if url.lower().endswith(".whl"):
        if url.lower().startswith(("http://", "git+http://")):
            raise _refused(text, "une adresse http:// n'est pas chiffrée ; utilisez https://")
        return Source(text)
    raise _refused(
        text,
        "ce n'est ni une adresse git épinglée (git+https://…@version) ni un fichier wheel "
        "(.whl) ; un nom de paquet seul serait cherché sur PyPI, où « cptsplan » n'est pas "
        "publié (n'importe qui pourrait y publier un paquet de ce nom)",
    )


def _git_source(text: str, url: str) -> Source:
    if not url.startswith("git+https://"):
        raise _refused(text, "seules les adresses git+https:// sont acceptées (chiffrées)")
    address, at, revision = url.removeprefix("git+").rpartition("@")
    if not at or "/" in revision or not revision or address.endswith(":/"):
        raise _refused(
            text,
            "l'adresse git doit finir par une version précise (étiquette ou commit) : "
            "…@v0.2.0 ; sans elle, chaque installation prendrait ce qui a été poussé en "
            "dernier",
        )
    return Source(text, address, revision)


def _refused(text: str, why: str) -> UsageError:
    return UsageError(
        f"source d'installation de cptsplan refusée : « {text} » : {why}",
        f"par exemple --source \"{EXAMPLE}\", ou l'adresse d'un fichier "
        "cptsplan-0.2.0-py3-none-any.whl que vous hébergez (https://…)",
    )


def skeleton_values(source: Source | None) -> dict[str, str]:
    """The markers of the skeleton's CI, pre-commit and README files."""
    requirement = source.requirement if source else ""
    return {
        # Written inside double quotes (YAML, shell) and single quotes (GitHub expression):
        # parse_source refuses quotes, backslashes and `$` in a source.
        "@@SOURCE@@": requirement,
        "@@SOURCE_TEXTE@@": f"`{requirement}`" if requirement else "(pas encore réglée)",
        "# @@CROCHET@@\n": pre_commit_block(source),
    }


def pre_commit_block(source: Source | None) -> str:
    """The `repos:` entry of `.pre-commit-config.yaml`. A git source: the hook published by
    cptsplan, at the pinned revision (pre-commit installs it). A wheel: a local hook whose
    environment pre-commit builds from that wheel. No source: the cptsplan installed on the
    workstation (pipx or uv, see docs/installation.md)."""
    if source is not None and source.git_repository:
        return (
            f"  - repo: {json.dumps(source.git_repository)}\n"
            f"    rev: {json.dumps(source.git_revision)}\n"
            "    hooks:\n"
            "      - id: cptsplan-validate\n"
        )
    local = (
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: cptsplan-validate\n"
        "        name: Vérifier le plan SSE (cptsplan validate)\n"
        "        entry: cptsplan validate --bloquant structure\n"
        "        pass_filenames: false\n"
        "        files: \\.ya?ml$\n"
        "        require_serial: true\n"
        # Shown even when the commit is allowed: the placeholders left to write.
        "        verbose: true\n"
    )
    if source is None:
        return local + "        language: system\n"
    return (
        local
        + "        language: python\n"
        + f"        additional_dependencies: [{json.dumps(source.requirement)}]\n"
    )


BARE_INSTALL = re.compile(
    # The install command, its options and other plain arguments, then « cptsplan » alone
    # (maybe quoted, with extras or a version): not `cptsplan @ <url>`, not a wheel path.
    r"\b(?:pip3?|pipx|uv[ \t]+pip|uv[ \t]+tool)[ \t]+install(?:[ \t]+[^\s\"'@<>()`]+)*?[ \t]+"
    r"[\"']?cptsplan"
    r"(?:\[[\w,-]+\])?(?:(?:==|>=|<=|~=|!=|>|<)[\w.*]+)?[\"']?(?![\w@/.-])(?![ \t]*@)"
)
"""A command that installs « cptsplan » by name from a package registry (tests look for it
in every generated and documented file)."""
