"""One careless mistake in a copy of the complete example gives one error, on the right line,
with advice that leads to the fix (issue 8, « Messages that mislead a coordinator »).

Each case is the complete example with one edit: (file, text before, text after, and for the
cases that need it, ids renamed everywhere in the plan first).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import COMPLETE_EXAMPLE, run_cli

TODAY = "2026-11-23"


@dataclass(frozen=True)
class Mistake:
    file: str
    before: str
    after: str
    rule: str
    line: int
    advice: str
    renames: dict[str, str] = field(default_factory=dict)
    not_in_advice: str | None = None
    error_file: str | None = None
    """The file the error is in, when not the edited one."""
    pending: str | None = None
    """The issue class (another change) this case waits for."""


MISTAKES = {
    "guillemet-non-ferme-dans-l-annuaire": Mistake(
        "annuaire.yaml",
        '- numero: "03 53 01 00 10"',
        '- numero: "03 53 01 00 10',
        "yaml-syntaxe",
        17,
        "fermez le guillemet",
    ),
    "nom-au-lieu-de-l-identifiant": Mistake(
        "adapter.yaml",
        "responsable: claire-vandamme\n",
        "responsable: Claire Vandamme\n",
        "reference-inconnue",
        163,
        "écrivez « claire-vandamme »",
    ),
    "nom-puis-prenom-au-lieu-de-l-identifiant": Mistake(
        "adapter.yaml",
        "responsable: claire-vandamme\n",
        "responsable: VANDAMME Claire\n",
        "reference-inconnue",
        163,
        "écrivez « claire-vandamme »",
    ),
    "identifiant-en-majuscules": Mistake(
        "adapter.yaml",
        "partenaires: [samu-59, ch-lys, chu-lille, polyclinique",
        "partenaires: [SAMU-59, ch-lys, chu-lille, polyclinique",
        "reference-inconnue",
        94,
        "vouliez-vous dire « samu-59 » ?",
    ),
    "titulaire-et-suppleant": Mistake(
        "piloter.yaml",
        "- personne: referent-sse-titulaire\n",
        "- personne: referent-sse\n",
        "reference-inconnue",
        36,
        "vouliez-vous dire « referent-sse-titulaire » ?",
        renames={
            "julien-vermeersch": "referent-sse-titulaire",
            "sophie-lefebvre": "referent-sse-suppleant",
        },
        not_in_advice="suppleant",
    ),
    "le-suppleant-n-est-pas-le-titulaire": Mistake(
        "piloter.yaml",
        "- personne: julien-vermeersch\n",
        "- personne: referent-sse\n",
        "reference-inconnue",
        36,
        "ajoutez une entrée de l'annuaire avec « id: referent-sse »",
        renames={"sophie-lefebvre": "referent-sse-suppleant"},
        not_in_advice="suppleant",
    ),
    "identifiant-avec-une-espace": Mistake(
        "annuaire.yaml",
        "- id: Claire Vandamme\n",  # the renames below made the mistake everywhere
        "- id: Claire Vandamme\n",
        "schema-format",
        494,
        "minuscules",
        renames={"claire-vandamme": "Claire Vandamme"},
    ),
    "annuaire-enregistre-en-txt": Mistake(
        "annuaire.yaml",
        "",
        "",
        "schema-manquant",
        1,
        "renommez-le en « annuaire.yaml »",
        error_file="annuaire.yaml.txt",
    ),
}


MISTAKES |= {
    "deux-points-manquant": Mistake(
        "piloter.yaml",
        "      role: titulaire\n",
        "      role titulaire\n",
        "yaml-syntaxe",
        37,
        "« : »",
    ),
    "espace-insecable-dans-l-indentation": Mistake(
        "piloter.yaml",
        "      role: titulaire\n",
        " \u00a0    role: titulaire\n",
        "yaml-espace-invisible",
        37,
        "insécable",
    ),
    "guillemets-courbes-de-word": Mistake(
        "plan.yaml",
        'version: "2.1"',
        "version: “2.1”",
        "yaml-guillemets-courbes",
        13,
        "guillemets droits",
    ),
}


def broken_copy(tmp_path: Path, mistake: Mistake) -> Path:
    plan = tmp_path / "cpts-du-val-de-lys"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    for path in plan.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for old, new in mistake.renames.items():
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    target = plan / mistake.file
    if mistake.before:
        text = target.read_text(encoding="utf-8")
        assert text.count(mistake.before) >= 1, mistake.before
        target.write_text(text.replace(mistake.before, mistake.after, 1), encoding="utf-8")
    else:  # the file saved under another name by the editor
        target.rename(target.with_name(target.name + ".txt"))
    return plan


def problems(plan: Path) -> tuple[int, list[dict]]:
    result = run_cli("validate", "--format", "json", "--date", TODAY, plan)
    document = json.loads(result.stdout)
    return result.exit_code, [p for report in document["plans"] for p in report["problems"]]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=[pytest.mark.xfail(strict=False, reason=mistake.pending)]
            if mistake.pending
            else [],
        )
        for name, mistake in sorted(MISTAKES.items())
    ],
)
def test_one_mistake_gives_one_error_at_its_line_with_advice(tmp_path: Path, name: str) -> None:
    mistake = MISTAKES[name]
    plan = broken_copy(tmp_path, mistake)
    exit_code, found = problems(plan)
    assert exit_code == 1
    errors = [p for p in found if p["severity"] == "error"]
    assert len(errors) == 1, [(p["line"], p["message"]) for p in errors[:5]]
    error = errors[0]
    assert error["rule"] == mistake.rule
    assert Path(error["file"]).name == (mistake.error_file or mistake.file)
    assert error["line"] == mistake.line
    advice = f"{error['message']} {error['hint'] or ''}"
    others = " ".join(f"{p['message']} {p['hint'] or ''}" for p in found if p is not error)
    assert mistake.advice in advice or mistake.advice in others, advice
    if mistake.not_in_advice:
        assert mistake.not_in_advice not in (error["hint"] or "")


def test_a_file_ignored_for_its_extension_is_named(tmp_path: Path) -> None:
    plan = broken_copy(tmp_path, MISTAKES["annuaire-enregistre-en-txt"])
    (plan / "notes.YAML").write_text("cpts: {}\n", encoding="utf-8")
    (plan / "README.md").write_text("# notes\n", encoding="utf-8")
    _, found = problems(plan)
    # Each said once: the missing section's error on annuaire.yaml.txt says why and how
    # (no « fichier ignoré » warning repeating it); notes.YAML, which no error needs, is
    # named by its warning.
    said = {Path(p["file"]).name: p for p in found if "n'a pas été lu" in p["message"]}
    assert sorted(said) == ["annuaire.yaml.txt", "notes.YAML"]
    assert said["annuaire.yaml.txt"]["severity"] == "error"
    assert "renommez-le en « annuaire.yaml »" in said["annuaire.yaml.txt"]["hint"]
    assert said["notes.YAML"]["rule"] == "fichier-ignore"


def test_an_id_refused_for_its_form_says_what_form_ids_take(tmp_path: Path) -> None:
    plan = broken_copy(tmp_path, MISTAKES["identifiant-avec-une-espace"])
    _, found = problems(plan)
    (error,) = [p for p in found if p["severity"] == "error"]
    text = f"{error['message']} {error['hint']}"
    assert "minuscules" in text and "sans espace" in text
    assert "« claire-vandamme »" in text  # the id it could take
