"""The published schema read by another tool: ajv in strict mode (ajv-formats for `date`,
`email`, `uri`), as a CI job or an editor extension built on it reads it.

ajv runs in one node process per test (starting node costs more than validating a plan).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cptsplan.load.source import load_plan
from cptsplan.repository.skeleton import repository_files
from cptsplan.schema.formats import is_valid_date, is_valid_email, is_valid_uri

from .ajv_support import install_ajv, run_ajv
from .conftest import EXAMPLES, FIXTURES, REPO, run_cli

FULL_ID = "urn:cptsplan:schema:plan-sse:v1"
FRAGMENT_ID = "urn:cptsplan:schema:plan-sse:v1-fragment"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
# Problems that only cptsplan can find: references and identifiers are not in the published
# schema (other tools do not know the plan's identifiers).
CPTSPLAN_ONLY = {"reference-inconnue", "identifiant-duplique"}


HOSTILE_YAML = REPO / "tests" / "hostile" / "yaml"


def published(*options: str) -> dict[str, Any]:
    result = run_cli("schema", *options)
    assert result.exit_code == 0, result.stderr
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def test_strict_ajv_refuses_what_it_should() -> None:
    """The check is really strict: the keyword cptsplan uses for references is refused."""
    schema = {"$id": "https://essai.example/essai.json", "type": "string", "x-cptsplan-ref": "a"}
    answer = run_ajv(install_ajv(), [schema], [])
    assert "unknown keyword" in answer.get("error", ""), answer


def test_full_and_fragment_schemas_have_their_own_id() -> None:
    full, fragment = published(), published("--fragment")
    assert (full["$id"], fragment["$id"]) == (FULL_ID, FRAGMENT_ID)
    assert "required" in full and "required" not in fragment


def test_the_examples_schema_files_are_the_published_ones() -> None:
    for name, options in (("plan.schema.json", ()), ("plan-fragment.schema.json", ("--fragment",))):
        written = json.loads((EXAMPLES / "schemas" / name).read_text(encoding="utf-8"))
        assert written == published(*options), (
            f"examples/schemas/{name} est à regénérer : "
            f"cptsplan schema {' '.join(options)} > examples/schemas/{name}"
        )


def plan_targets() -> list[Path]:
    """Every example (a folder is one plan) and every fixture plan (one file each)."""
    examples = [p for p in sorted(EXAMPLES.iterdir()) if p.is_dir() and any(p.glob("*.yaml"))]
    return examples + sorted(FIXTURES.rglob("*.yaml")) + sorted(HOSTILE_YAML.glob("*.yaml"))


def as_json(data: Any) -> Any:
    """What ajv gets: the plan as our loader reads it, as JSON (the loader gives JSON values
    only: a value of another type would make this fail)."""
    return json.loads(json.dumps(data, ensure_ascii=False, allow_nan=False))


def validate_verdicts(targets: list[Path]) -> dict[Path, bool]:
    """`validate --schema-seulement` on every plan at once: valid or not as to the schema,
    for the plans read as written (a YAML error, a duplicated key: nothing to compare)."""
    result = run_cli("validate", "--schema-seulement", "--format", "json", "--jobs", "1", *targets)
    reports = {Path(report["path"]): report for report in json.loads(result.stdout)["plans"]}
    verdicts = {}
    for target in targets:
        errors = [p for p in reports[target]["problems"] if p["severity"] == "error"]
        if all(p["rule"].startswith("schema-") or p["rule"] in CPTSPLAN_ONLY for p in errors):
            verdicts[target] = not any(p["rule"].startswith("schema-") for p in errors)
    return verdicts


@dataclass
class AjvRun:
    """One ajv process for the whole module: the published schemas, and every instance."""

    compile_error: str | None
    valid: dict[str, bool]
    errors: dict[str, list[Any]]
    verdicts: dict[Path, bool]
    split_files: list[Path]


@pytest.fixture(scope="module")
def ajv_run(tmp_path_factory: pytest.TempPathFactory) -> AjvRun:
    init_files = repository_files("CPTS Essai", "Essai", date(2026, 11, 1))
    assert json.loads(init_files["schemas/plan-fragment.schema.json"]) == published("--fragment")
    schemas = [published(), published("--fragment")]
    # The configuration schema as the repository holds it (an editor may point at this file)
    # and as `init` writes it: the same `$id`, so the file goes in under a test id.
    schemas.append(json.loads(init_files["schemas/config.schema.json"]))
    raw_config = json.loads((REPO / "schemas" / "config.schema.json").read_text("utf-8"))
    schemas.append(raw_config | {"$id": raw_config["$id"] + "-depot"})
    schemas += [{"$id": format_id(name), "type": "string", "format": name} for name in FORMAT_CASES]
    instances = []
    verdicts = validate_verdicts(plan_targets())
    for target in verdicts:
        data = as_json(load_plan(target).data)
        instances.append({"name": f"plan {target}", "schema": FULL_ID, "data": data})
    for name, values in FORMAT_CASES.items():
        for value in values:
            instances.append(
                {"name": f"{name} {value!r}", "schema": format_id(name), "data": value}
            )
    for value in WEB_ADDRESSES:
        data = as_json(load_plan(EXAMPLES / "cpts-minimale").data)
        data["cpts"]["site_web"] = value
        instances.append({"name": f"site_web {value}", "schema": FULL_ID, "data": data})
    split_files = split_plan_files(tmp_path_factory.mktemp("depot"))
    for path in split_files:
        instances.append(
            {
                "name": f"fichier {path}",
                "schema": modeline_id(path),
                "data": as_json(load_plan(path).data),
            }
        )
    answer = run_ajv(install_ajv(), schemas, instances)
    results = answer.get("results", [])
    return AjvRun(
        answer.get("error"),
        {item["name"]: item["valid"] for item in results},
        {item["name"]: item["errors"][:3] for item in results},
        verdicts,
        split_files,
    )


def test_published_schemas_compile_together_in_strict_ajv(ajv_run: AjvRun) -> None:
    """`cptsplan schema`, `--fragment` and the configuration schema `init` writes, loaded in
    one ajv: each compiles in strict mode, and no `$id` is used twice."""
    assert ajv_run.compile_error is None


# ------------------------------------------------------------ ajv and validate agree


def test_ajv_and_validate_agree_on_every_example_and_fixture(ajv_run: AjvRun) -> None:
    verdicts = ajv_run.verdicts
    # Enough plans of both kinds for the comparison to say something.
    assert sum(verdicts.values()) >= 20 and list(verdicts.values()).count(False) >= 6
    disagree = {
        str(target.relative_to(REPO)): (valid, ajv_run.errors[f"plan {target}"])
        for target, valid in verdicts.items()
        if ajv_run.valid[f"plan {target}"] != valid
    }
    assert disagree == {}, "validate (vrai = valide) et ajv ne sont pas d'accord"


# Values on which format checkers often differ: both must say the same.
FORMAT_CASES = {
    "date": [
        "2026-02-28",
        "2024-02-29",
        "2026-02-29",
        "2026-13-01",
        "2026-1-01",
        "2026-01-01\n",
        "２０２６-01-01",
        "26-01-01",
        "2026-01-01T00:00:00",
        "",
    ],
    "email": [
        "coordination@cpts-valdelys.example",
        "Prenom.Nom+sse@ars.sante.fr",
        "a..b@cpts.fr",
        ".a@cpts.fr",
        "a.@cpts.fr",
        "élise@cpts.fr",
        "a@élise.fr",
        "a@cpts",
        "a@b.fr\n",
        "a b@cpts.fr",
        "a@-cpts.fr",
        "a@cpts-.fr",
        "a@@cpts.fr",
        "@cpts.fr",
        "a@cpts.fr.",
        '"a"@cpts.fr',
        "a@[127.0.0.1]",
        "ſ@cpts.fr",
    ],
    "uri": [
        "https://www.cpts-valdelys.example",
        "https://www.cpts val-de-lys.example",
        "ftp://ftp.cpts.fr/plan.pdf",
        "http://[::1]:8080/a?b=c#d",
        "mailto:a@cpts.fr",
        "urn:isbn:2-07-036822-X",
        "www.cpts.fr",
        "https://cpts.fr/a%20b",
        "https://cpts.fr/%zz",
        "https://é.fr",
        "HTTPS://CPTS.FR/",
        "https://cpts.fr/\n",
        "https://cpts.fr/a b",
        "https://cpts.fr/a|b",
        "https:",
        "/relatif",
        "https://cpts.fr:port/",
    ],
}
CHECKERS = {"date": is_valid_date, "email": is_valid_email, "uri": is_valid_uri}
KNOWN_DIFFERENCES = {
    # ajv-formats' expression reads « https:/ » + « /cpts.fr:port/ » (an empty host and a
    # path); RFC 3986 has no such reading: the port must be digits. validate refuses it.
    "uri 'https://cpts.fr:port/'": (False, True),
    # RFC 3986 allows an empty path after the scheme; ajv-formats does not. The plan's web
    # addresses must start with https:// anyway (a `pattern`): both refuse it there.
    "uri 'https:'": (True, False),
}


WEB_ADDRESSES = {
    "https://www.cpts.fr": True,
    "http://www.cpts.fr/plan": True,
    "ftp://ftp.cpts.fr": False,
    "www.cpts.fr": False,
    "javascript:x()": False,
    "https://www.cpts val-de-lys.example": False,
}


def format_id(name: str) -> str:
    return f"https://essai.example/format-{name}.json"


def test_formats_mean_the_same_to_validate_and_ajv(ajv_run: AjvRun) -> None:
    ours = {
        f"{name} {value!r}": CHECKERS[name](value)
        for name, values in FORMAT_CASES.items()
        for value in values
    }
    differences = {
        name: (valid, ajv_run.valid[name]) for name, valid in ours.items()
        if valid != ajv_run.valid[name]
    }  # fmt: skip
    assert differences == KNOWN_DIFFERENCES
    # What the issue found: the address with a space and the e-mail with « .. » are refused.
    assert not ours["uri 'https://www.cpts val-de-lys.example'"]
    assert not ours["email 'a..b@cpts.fr'"] and not ours["email 'élise@cpts.fr'"]


def test_a_web_address_must_start_with_http_for_ajv(ajv_run: AjvRun) -> None:
    assert {value: ajv_run.valid[f"site_web {value}"] for value in WEB_ADDRESSES} == WEB_ADDRESSES


def test_a_web_address_must_start_with_http_for_validate(tmp_path: Path) -> None:
    text = (EXAMPLES / "cpts-minimale" / "plan.yaml").read_text(encoding="utf-8")
    assert "  site_web: " not in text
    said, outputs = {}, {}
    for value in WEB_ADDRESSES:
        plan = tmp_path / "plan.yaml"
        written = text.replace("\ncpts: # exigé\n", f"\ncpts:\n  site_web: {value}\n", 1)
        plan.write_text(written, encoding="utf-8")
        result = run_cli("validate", "--schema-seulement", plan)
        said[value], outputs[value] = result.exit_code == 0, result.stdout
        if not said[value]:
            line = next(line for line in result.stdout.splitlines() if "[schema-format]" in line)
            assert "Site internet" in line and value in line, result.stdout
            assert "https://" in result.stdout  # the hint says what to write
    assert said == WEB_ADDRESSES
    # The start is right there: the hint names what is wrong instead.
    assert "sans espace, ni accent" in outputs["https://www.cpts val-de-lys.example"]
    assert "avec https:// devant : https://www.cpts.fr" in outputs["www.cpts.fr"]


# ------------------------------------------------------ the editor's schema, file by file


def split_plan_files(folder: Path) -> list[Path]:
    """The files of the split plans: the complete example and the skeleton `init` writes."""
    for name, text in repository_files("CPTS Essai", "Essai", date(2026, 11, 1)).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    complete = sorted((EXAMPLES / "cpts-du-val-de-lys").glob("*.yaml"))
    return complete + sorted((folder / "plan").glob("*.yaml"))


def modeline_id(path: Path) -> str:
    """The `$id` of the schema the file's first line names, for yaml-language-server."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{path.name} : pas de ligne « # yaml-language-server: $schema=... » en tête"
    schema_file = (path.parent / match.group(1)).resolve()
    identifier: str = json.loads(schema_file.read_text(encoding="utf-8"))["$id"]
    return identifier


def test_each_file_of_a_split_plan_names_a_schema_it_is_valid_under(ajv_run: AjvRun) -> None:
    """What the editor shows: each file checked alone against the schema its first line
    names (the fragment). The full schema there gave five false « Missing property »."""
    assert len(ajv_run.split_files) == 12
    assert {modeline_id(path) for path in ajv_run.split_files} == {FRAGMENT_ID}
    invalid = {
        str(path): ajv_run.errors[f"fichier {path}"] for path in ajv_run.split_files
        if not ajv_run.valid[f"fichier {path}"]
    }  # fmt: skip
    assert invalid == {}


def test_a_plan_in_one_file_names_the_full_schema() -> None:
    assert modeline_id(EXAMPLES / "cpts-minimale" / "plan.yaml") == FULL_ID
