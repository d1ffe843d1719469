"""`cptsplan annuaire importer`: a CSV file -> the `annuaire:` section of a plan, in YAML.

The YAML is written by hand, every string double-quoted (JSON string syntax, which YAML
reads as is): a name like « Non », a number like « 0320 » or a date stays the text it was,
whatever YAML 1.1 would make of it unquoted. The output is refused when it exists (unless
`force`), when it is one of the files read, or when it is not a regular file; it is written
whole or not at all (output.py).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cptsplan.annuaire.csv_import import Imported, RowError, read
from cptsplan.annuaire.ids import assign_ids, resolve_deputies
from cptsplan.errors import CptsplanError, ExitCode, UsageError
from cptsplan.files.output import check_targets, write_all
from cptsplan.privacy.safetext import xml_forbidden

ORDER = (
    "id",
    "type",
    "nom",
    "prenom",
    "categorie",
    "profession",
    "fonction",
    "structure",
    "commune",
    "adresse",
    "telephones",
    "email",
    "mssante",
    "suppleant",
    "verifie_le",
    "remarques",
)
PHONE_ORDER = ("numero", "usage", "h24")


class RowsRefused(CptsplanError):
    """Rows that could not be read: nothing is written (exit 1), unless a partial import."""

    exit_code = ExitCode.PROBLEMS

    def __init__(self, errors: list[RowError], total: int) -> None:
        super().__init__(
            f"{len(errors)} ligne(s) sur {total} ne peuvent pas être importées : "
            "aucun fichier n'est écrit",
            "corrigez ces lignes dans le tableur et relancez, ou ajoutez --partiel pour "
            "importer les autres lignes (les lignes écartées sont listées en tête du YAML)",
        )
        self.errors = errors


@dataclass
class ImportResult:
    text: str
    imported: Imported
    path: Path | None


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(str(value), ensure_ascii=False)


def to_yaml(imported: Imported, source: str) -> str:
    lines = [
        f"# Annuaire importé par « cptsplan annuaire importer » depuis {_comment(source)}",
        f"# ({len(imported.entries)} entrée(s) ; fichier lu en {imported.encoding}, "
        f"séparateur « {imported.separator} »).",
        "# Données personnelles : ce fichier reste interne. Relisez chaque entrée (type,",
        "# catégorie, usage des numéros, date de vérification) avant de l'ajouter au plan.",
    ]
    for error in imported.errors:
        lines.append(f"# NON IMPORTÉE : {_comment(str(error))}")
    for notice in imported.notices:
        lines.append(f"# À vérifier : {_comment(notice)}")
    lines.append("annuaire:")
    for entry in imported.entries:
        lines.extend(_entry_lines(entry))
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    """One comment line: a line break in a file name or a cell would end the comment."""
    return xml_forbidden().sub("", " ".join(text.split()))


def _entry_lines(entry: dict[str, Any]) -> Iterator[str]:
    first = True
    for name in ORDER:
        if name not in entry:
            continue
        prefix = "  - " if first else "    "
        first = False
        if name == "telephones":
            yield f"{prefix}telephones:"
            for phone in entry["telephones"]:
                inner = "      - "
                for part in PHONE_ORDER:
                    if part in phone:
                        yield f"{inner}{part}: {scalar(phone[part])}"
                        inner = "        "
        else:
            yield f"{prefix}{name}: {scalar(entry[name])}"


def loader_refusal(text: str) -> str | None:
    """Why the plan loader would refuse `text` as a plan file (size, values, list length),
    or None: the import never writes a file that `validate` would not read."""
    from cptsplan.files.processes import private_folder
    from cptsplan.findings.problems import Severity
    from cptsplan.load.loader import MAX_FILE_BYTES, load_file

    data = text.encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        return f"plus de {MAX_FILE_BYTES // (1024 * 1024)} Mo"
    # A full temporary disk: said in French (exit 4), the folder removed on Ctrl+C too.
    with private_folder("cptsplan-import-") as folder:
        path = Path(folder) / "annuaire.yaml"
        path.write_bytes(data)
        loaded = load_file(path, "annuaire.yaml")
    errors = [p.message for p in loaded.problems if p.severity == Severity.ERROR]
    return errors[0] if errors else None


def plan_ids(plan: Path) -> set[str]:
    """Every id already used in the plan (any section: ids are unique in a whole plan)."""
    from cptsplan.load.source import load_plan

    if not plan.exists():
        raise UsageError(f"plan introuvable : {plan}")
    source = load_plan(plan)
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                found.add(value["id"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(source.data)
    return found


def import_csv(
    csv_path: Path,
    output: Path | None = None,
    force: bool = False,
    plan: Path | None = None,
    partial: bool = False,
) -> ImportResult:
    if not csv_path.is_file():
        raise UsageError(f"fichier introuvable : {csv_path}")
    if output is not None:
        check_targets([output], [csv_path])
        if os.path.lexists(output) and not force:
            raise UsageError(
                f"le fichier {output} existe déjà : il n'est pas remplacé",
                "choisissez un autre -o, ou ajoutez --force pour le remplacer",
            )
        lost = _other_sections(output)
        if lost:
            raise UsageError(
                f"le fichier {output} contient d'autres parties du plan que l'annuaire "
                f"({', '.join(lost)}) : --force le remplacerait par l'annuaire seul, et "
                "elles seraient perdues ; rien n'est écrit",
                "écrivez l'annuaire dans un fichier à part du dossier du plan (par exemple "
                "-o plan/annuaire.yaml), puis retirez l'ancien annuaire de ce fichier",
            )
    taken = plan_ids(plan) if plan is not None else set()
    imported = read(csv_path.read_bytes())
    total = len(imported.entries) + len(imported.errors)
    if imported.errors and not partial:
        raise RowsRefused(imported.errors, total)
    if not imported.entries:
        raise UsageError(
            "aucune ligne à importer : le fichier n'a que sa ligne d'en-têtes",
            "vérifiez que c'est le bon fichier",
        )
    assign_ids(imported.entries, taken)
    resolve_deputies(imported.entries, taken)
    text = to_yaml(imported, csv_path.name)
    refused = loader_refusal(text)
    if refused is not None:
        raise UsageError(
            f"l'annuaire importé ({len(imported.entries)} entrées) serait refusé à la lecture "
            f"du plan ({refused}) : aucun fichier n'est écrit",
            "un annuaire de crise compte au plus quelques centaines d'entrées : importez "
            "une partie de la liste (les contacts utiles en crise)",
        )
    if output is not None:
        write_all({output: text.encode("utf-8")}, private=True)
    return ImportResult(text, imported, output)


def _other_sections(path: Path) -> list[str]:
    """The top-level sections other than `annuaire` of an existing YAML file: `--force`
    onto the plan's main file (`-o plan/plan.yaml`) would replace the whole plan with its
    directory. Read as the plan loader reads (size and alias limits); a file it cannot read
    as a mapping holds no section to lose here."""
    from cptsplan.load.loader import load_file

    if not path.is_file() or path.suffix.lower() not in (".yaml", ".yml"):
        return []
    data = load_file(path, path.name).data
    if not isinstance(data, dict):
        return []
    return [str(key) for key in data if key != "annuaire"]
