"""ajv (the most used JSON Schema implementation, in strict mode) from npm, for the tests.

The versions are pinned by tests/ajv/package-lock.json; `npm ci` installs them once into
build/ajv (kept between runs, installed again when the lock changes). Without npm the tests
fail with a French message rather than being skipped: that the schema stays readable by
other tools is a promise of the format.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from .conftest import REPO

PINNED = REPO / "tests" / "ajv"
INSTALLED = REPO / "build" / "ajv"
SCRIPT = PINNED / "check.cjs"


def install_ajv() -> Path:
    """The folder holding node_modules/ajv and node_modules/ajv-formats (installed if needed)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        raise AssertionError(
            "node et npm sont nécessaires à ces tests (ajv vérifie le schéma publié) : "
            "installez Node.js 20 ou plus, par exemple `apt-get install nodejs npm`"
        )
    lock = INSTALLED / "package-lock.json"
    ready = (
        lock.exists()
        and filecmp.cmp(lock, PINNED / "package-lock.json", shallow=False)
        and (INSTALLED / "node_modules" / "ajv-formats").is_dir()
    )
    if not ready:
        INSTALLED.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(PINNED / name, INSTALLED / name)
        done = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", INSTALLED],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, f"npm ci a échoué :\n{done.stdout}\n{done.stderr}"
    return INSTALLED


def run_ajv(
    modules: Path, schemas: list[dict[str, Any]], instances: list[dict[str, Any]]
) -> dict[str, Any]:
    """Adds every schema to one ajv (strict mode, ajv-formats), compiles each, and validates
    each instance (`name`, `schema`: the `$id` to validate against, `data`) in one process.
    The answer is {"error": ...} when a schema is refused, else {"results": [...]}."""
    request = json.dumps({"schemas": schemas, "instances": instances}, ensure_ascii=False)
    done = subprocess.run(
        ["node", SCRIPT, modules], input=request, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer
