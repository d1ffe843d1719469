"""The plan files of an imported document, and the repository they are written into.

Required values the document does not give are `A_COMPLETER` (never invented). Each item
taken from the document carries a YAML comment saying where it came from. The repository is
the one `cptsplan init` writes (repository/skeleton.py), with these plan files instead of
the skeleton's; it is written into a temporary folder beside the target, then renamed, so a
failed import leaves nothing behind. The directory file holds personal contacts: it is
written with the mode of internal outputs (files/output.py).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from cptsplan.errors import RenderingError, UsageError
from cptsplan.files.reasons import reason
from cptsplan.importer.draft import MISSING, Draft

HEADER = "# yaml-language-server: $schema=../schemas/plan-fragment.schema.json\n"
FILES = {
    "plan.yaml": ("version_format", "document", "cpts", "territoire", "glossaire"),
    "anticiper.yaml": ("anticiper",),
    "adapter.yaml": ("adapter",),
    "piloter.yaml": ("piloter",),
    "evaluer.yaml": ("evaluer",),
    "annuaire.yaml": ("annuaire",),
    "texte-importe.yaml": ("texte_importe",),
}
INTRO = (
    "# Plan importé par « cptsplan import » depuis « {source} » : brouillon à relire.\n"
    "# Chaque élément repris dit d'où il vient (« repris de ... ») ; « A_COMPLETER » marque\n"
    "# ce que le document ne disait pas. Voir RAPPORT-IMPORT.md.\n"
)


def complete(draft: Draft) -> None:
    """Fill what the schema requires and the document did not give."""
    data = draft.data
    data["version_format"] = 1
    document = data.setdefault("document", {})
    cpts = data.setdefault("cpts", {})
    cpts.setdefault("nom", f"{MISSING} : nom de la CPTS")
    document.setdefault("titre", f"{MISSING} : titre du plan")
    document.setdefault("version", MISSING)
    document["statut"] = "brouillon"
    document.setdefault("date_mise_a_jour", MISSING)
    document.setdefault("classification", MISSING)
    if not document.get("historique"):
        document["historique"] = [
            {"version": MISSING, "date": MISSING, "resume": f"{MISSING} : ce qui a changé"}
        ]
    cpts.setdefault("taille_aci", MISSING)
    territoire = data.setdefault("territoire", {})
    territoire.setdefault(
        "communes", [{"nom": f"{MISSING} : nom de la commune", "code_insee": MISSING}]
    )
    data.setdefault("anticiper", {})
    adapter = data.setdefault("adapter", {})
    if not adapter.get("reponses"):
        adapter["reponses"] = [
            {
                "id": "reponse-a-completer",
                "titre": f"{MISSING} : réponse à une typologie de crise",
                "typologies": [MISSING],
                "actions": [{"phase": MISSING, "action": f"{MISSING} : action à mener"}],
            }
        ]
    for response in adapter["reponses"]:
        if not response["actions"]:
            response["actions"] = [{"phase": MISSING, "action": f"{MISSING} : action à mener"}]
    if not adapter.get("fiches_reflexes"):
        adapter.pop("fiches_reflexes", None)
    adapter.setdefault("continuite_des_soins", {"principes": f"{MISSING} : principes"})
    piloter = data.setdefault("piloter", {})
    if not piloter.get("referents_sse"):
        piloter["referents_sse"] = [{"personne": MISSING, "role": "titulaire"}]
    cellule = piloter.setdefault("cellule_de_crise", {})
    cellule.setdefault("lieu_principal", {"nom": f"{MISSING} : lieu", "adresse": MISSING})
    piloter.setdefault(
        "articulation_plans",
        [{"plan": MISSING, "articulation": f"{MISSING} : articulation avec ce plan"}],
    )
    data.setdefault("evaluer", {})
    if not data["anticiper"].get("exercices"):
        data["anticiper"].pop("exercices", None)
    if not data.get("glossaire"):
        data.pop("glossaire", None)
    if not data.get("annuaire"):
        data["annuaire"] = [
            {"id": "entree-a-completer", "type": "organisme", "nom": f"{MISSING} : contact"}
        ]
    from cptsplan.importer.schema_walk import fill_required

    fill_required(data)


def scalar(value: Any) -> str:
    if value == MISSING:
        return MISSING
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def emit(value: Any, indent: int, path: tuple[Any, ...], origins: dict[Any, str]) -> list[str]:
    """YAML lines of `value` under a key (block style, every text double-quoted)."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            where = (*path, key)
            if where in origins:
                lines.append(f"{pad}# {origins[where]}")
            lines.extend(_keyed(f"{pad}{key}:", item, indent, where, origins))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            where = (*path, index)
            if where in origins:
                lines.append(f"{pad}# {origins[where]}")
            if isinstance(item, dict) and item:
                inner = emit(item, indent + 2, where, origins)
                first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
                inner[first] = f"{pad}- " + inner[first][indent + 2 :]
                lines.extend(inner)
            else:
                lines.extend(_keyed(f"{pad}-", item, indent, where, origins))
    return lines


def _keyed(
    prefix: str, item: Any, indent: int, where: tuple[Any, ...], origins: dict[Any, str]
) -> list[str]:
    if isinstance(item, dict):
        return [f"{prefix} {{}}"] if not item else [prefix, *emit(item, indent + 2, where, origins)]
    if isinstance(item, list):
        return [f"{prefix} []"] if not item else [prefix, *emit(item, indent + 2, where, origins)]
    return [f"{prefix} {scalar(item)}"]


def plan_files(draft: Draft, source: str) -> dict[str, str]:
    files: dict[str, str] = {}
    for name, keys in FILES.items():
        present = {key: draft.data[key] for key in keys if key in draft.data}
        if not present:
            continue
        body = emit(present, 0, (), draft.origins)
        intro = INTRO.format(source=source) if name == "plan.yaml" else ""
        files[f"plan/{name}"] = HEADER + intro + "\n" + "\n".join(body) + "\n"
    return files


def check_target(folder: Path, force: bool) -> None:
    target = folder.resolve()
    here = Path.cwd().resolve()
    if force and (target == here or target in here.parents or target == Path.home().resolve()):
        raise UsageError(
            f"--forcer refusé pour {folder} : ce dossier contient le dossier courant ou est "
            "le dossier personnel, son contenu serait effacé",
            "choisissez un dossier neuf avec -o (par exemple -o mon-plan)",
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"{folder} existe et n'est pas un dossier", "choisissez un autre -o DOSSIER"
        )
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise UsageError(
            f"le dossier {folder} existe et n'est pas vide : rien n'a été écrit",
            "choisissez un dossier neuf avec -o, ou ajoutez --forcer pour remplacer son contenu",
        )


def write_repository(folder: Path, files: dict[str, str], force: bool) -> Path | None:
    """Write every file into a temporary sibling folder, then put it in place in one rename.
    With --forcer, the folder it replaces is first renamed aside and removed only once the
    new one is in place: a failure leaves the old folder whole, never half deleted (on
    Windows, git's read-only objects stopped a plain removal midway). Returns the old
    folder when it could not be removed afterwards (the caller says where it is)."""
    from cptsplan.files.output import PRIVATE_MODE
    from cptsplan.files.processes import remove_tree

    check_target(folder, force)
    parent = folder.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}.import-", dir=parent))
    except OSError as error:
        # Writing failed (full disk, refused folder): exit 4 as for every writer, in French.
        raise RenderingError(f"impossible d'écrire dans {parent} : {reason(error)}") from None
    aside: Path | None = None
    try:
        for relative, text in files.items():
            target = temporary / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
                stream.flush()
                # On disk before the rename that makes the folder the user's: a power cut
                # must not leave a plan of empty files.
                os.fsync(stream.fileno())
            if relative == "plan/annuaire.yaml" and os.name != "nt":
                os.chmod(target, PRIVATE_MODE)
        if folder.exists():
            aside = parent / f".{folder.name}.ancien-{secrets.token_hex(4)}"
            os.rename(folder, aside)
        try:
            os.replace(temporary, folder)
        except OSError:
            if aside is not None:
                os.rename(aside, folder)  # the old folder back where it was, whole
                aside = None
            raise
    except OSError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise RenderingError(
            f"impossible d'écrire {folder} : {reason(error)} ; rien n'a été écrit"
            + (", son ancien contenu est intact" if force and folder.exists() else "")
        ) from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        if aside is not None and not folder.exists():
            os.rename(aside, folder)
        raise
    if aside is not None and not remove_tree(aside):
        return aside
    return None
