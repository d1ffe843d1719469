"""docs/securite.md: what cptsplan never does with a plan repository it did not create. Here
the network part, and the page's own promise that every sentence names an existing test."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import MINIMAL_EXAMPLE, example_repository, run_cli

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "securite.md"
DATE = ["--date", "2026-11-23"]


def test_every_sentence_of_the_security_page_names_a_test() -> None:
    text = PAGE.read_text(encoding="utf-8")
    items = re.findall(r"^- (.*?)(?=\n- |\n## |\Z)", text, re.S | re.M)
    assert len(items) >= 12
    named = re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", text)
    assert len(named) >= 15
    missing = [
        f"{path}::{name}"
        for path, name in named
        if not re.search(rf"^def {name}\(", (REPO / path).read_text(encoding="utf-8"), re.M)
    ]
    assert missing == []
    silent = [item[:60] for item in items if "::test_" not in item]
    assert silent == []


def test_the_readme_links_the_security_page() -> None:
    assert "(docs/securite.md)" in (REPO / "README.md").read_text(encoding="utf-8")


def test_no_command_opens_a_network_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every way out of the process through Python's sockets is replaced by a recorder."""
    attempts: list[str] = []

    def refused(name: str) -> Any:
        def record(*args: object, **kwargs: object) -> Any:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError("réseau coupé par le test")

        return record

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refused(f"socket.{name}"))
    for name in ("getaddrinfo", "create_connection", "gethostbyname"):
        monkeypatch.setattr(socket, name, refused(name))

    plan = example_repository(tmp_path / "depot")
    out = tmp_path / "sortie"
    runs = [
        ("validate", plan, *DATE),
        ("render", plan, "-f", "docx,html,md", "-o", out / "plan", *DATE),
        ("update", plan, *DATE),
        ("diff", "--depuis", "HEAD", plan),
        ("render", plan, "--depuis", "HEAD", "-f", "html", "-o", out / "depuis.html", *DATE),
        ("annuaire", "exporter", plan, "-f", "csv", "-o", out / "annuaire.csv"),
        ("update", plan, "--ecrire", *DATE),
    ]
    for args in runs:
        result = run_cli(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
    assert attempts == []


def _without_network() -> list[str] | None:
    """A command prefix that runs a program in a network namespace of its own (no
    interface but a down loopback), or None where that cannot be done."""
    unshare = shutil.which("unshare")
    if unshare is None or sys.platform != "linux":
        return None
    for prefix in ([unshare, "-n"], [unshare, "-r", "-n"]):
        probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return prefix
    return None


@pytest.mark.skipif(_without_network() is None, reason="pas d'espace de noms réseau ici")
def test_every_command_works_without_a_network(tmp_path: Path) -> None:
    prefix = _without_network()
    assert prefix is not None
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, plan)
    cptsplan = [*prefix, sys.executable, "-m", "cptsplan"]
    no_route = subprocess.run(
        [
            *prefix,
            sys.executable,
            "-c",
            "import socket; socket.create_connection(('1.1.1.1', 53), 5)",
        ],
        capture_output=True,
        check=False,
    )
    assert no_route.returncode != 0  # the namespace really has no network
    for args in (
        ["validate", str(plan), *DATE],
        ["render", str(plan), "-f", "docx,pdf,html,md", "-o", str(tmp_path / "doc"), *DATE],
    ):
        done = subprocess.run(
            [*cptsplan, *args], capture_output=True, text=True, timeout=120, check=False
        )  # timeout: a hang guard
        assert done.returncode == 0, done.stderr
    for suffix in ("docx", "pdf", "html", "md"):
        assert (tmp_path / f"doc.{suffix}").stat().st_size > 0
