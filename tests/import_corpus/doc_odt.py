"""Document 5: an ODT, as a CPTS that works in LibreOffice keeps its plan. Written with
python-docx, then saved as ODT by LibreOffice (headless, private profile); the conversion is
cached by content so that a test session pays for it once. Référents per typology (titulaire
and suppléant each), the crisis cell as a bullet list, one Phase | Actions table per
typology with several paragraphs in a cell, directory columns Nom et prénom | Fonction /
structure | Téléphone | Mail / MSSanté."""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from .common import (
    directory_rows,
    finish,
    glossary_table,
    record_transmissions,
    record_versions,
    references_list,
    version_rows,
)
from .model import CorpusDocument, Truth, long_date, short_date
from .people import Directory, Region
from .wording import PHASE_LABELS, TYPOLOGY_TITLES, actions
from .writer import Writer

NAME = "libreoffice-odt"
STRUCTURE = (
    "ODT saved by LibreOffice: heading styles per theme, référents per typology (titulaire and "
    "suppléant), crisis cell as a bullet list « Fonction : titulaire (suppléant : …) », one "
    "Phase | Actions table per typology with one paragraph per action in a cell, directory "
    "Nom et prénom | Fonction / structure | Téléphone | Mail / MSSanté with line breaks."
)
CPTS = "CPTS des Rives de l'Yvette"
REGION = Region(
    landline="+3319900", ars="ARS Île-de-France", dd="délégation départementale de l'Essonne",
    department=91, prefecture="Préfecture de l'Essonne", cpam="CPAM de l'Essonne",
    hospital="Groupe hospitalier Yvette-Orge", town="Gif-les-Rives",
    domain="cpts-rives-yvette.example",
)  # fmt: skip
TIMEOUT_S = 300


def build(folder: Path, cache: Path | None = None) -> CorpusDocument:
    writer, truth = write()
    document = finish(writer, truth, folder, NAME, STRUCTURE, suffix=".odt")
    with tempfile.TemporaryDirectory(prefix="cptsplan-corpus-odt-") as work:
        source = Path(work) / f"{NAME}.docx"
        writer.save(source)
        key = _content_key(source)
        cached = cache / f"{NAME}-{key}.odt" if cache else None
        if cached is not None and cached.is_file():
            shutil.copyfile(cached, document.path)
            return document
        converted = to_odt(source, Path(work))
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.partiel")
            shutil.copyfile(converted, partial)
            os.replace(partial, cached)  # atomic: parallel test workers never read half a file
        shutil.copyfile(converted, document.path)
    return document


def _content_key(docx: Path) -> str:
    """The hash of the document's parts (not of the zip, whose dates change at every save)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(docx) as archive:
        for name in sorted(archive.namelist()):
            digest.update(name.encode())
            digest.update(archive.read(name))
    return digest.hexdigest()[:16]


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise RuntimeError(
            "LibreOffice (soffice) est introuvable : le corpus d'import en a besoin pour son ODT "
            "(paquet Debian libreoffice-writer-nogui)."
        )
    return found


def convert(source: Path, target_format: str, outdir: Path) -> Path:
    """LibreOffice's conversion of `source` (headless, with a private profile so that
    parallel runs never share one), within a time limit."""
    with tempfile.TemporaryDirectory(prefix="cptsplan-lo-profil-") as profile:
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless", "--norestore", "--nologo",
                "--convert-to", target_format, "--outdir", str(outdir), str(source),
            ],
            capture_output=True, timeout=TIMEOUT_S, check=True,
        )  # fmt: skip
    suffix = target_format.split(":")[0]
    result = outdir / f"{source.stem}.{suffix}"
    if not result.is_file():
        raise RuntimeError(f"LibreOffice n'a pas produit {result.name}")
    return result


def to_odt(source: Path, outdir: Path) -> Path:
    return convert(source, "odt", outdir)


def write() -> tuple[Writer, Truth]:
    people = Directory(5, REGION, styles=("espaces", "international", "points"))
    gp1 = people.person("mg", "Centre de santé municipal de Gif-les-Rives", woman=True)
    gp2 = people.person("mg", "MSP de l'Yvette", woman=False, fixed=True)
    pharmacist = people.person("pharma", "Pharmacie du Moulin", woman=True)
    nurse = people.person("idel", "Cabinet infirmier de Bures-le-Val", woman=True)
    coordinator = people.person("coord", CPTS, woman=True, mssante=False)
    physio = people.person("mk", "Cabinet de kinésithérapie de la Gare", woman=False)
    contacts = [gp1, gp2, pharmacist, nurse, coordinator, physio, *people.institutions()]

    updated = datetime.date(2026, 6, 30)
    truth = Truth(cpts=CPTS, version="1.3", date_mise_a_jour=updated, contacts=contacts)
    history = [
        ("1.0", datetime.date(2023, 12, 18), "Version initiale, modèle de l'ARS Île-de-France."),
        ("1.2", datetime.date(2025, 6, 2), "Référents par typologie."),
        ("1.3", updated, "Mise à jour de l'annuaire et des actions T3."),
    ]
    record_versions(truth, history)
    sent = [("ARS", datetime.date(2026, 7, 3)), ("CPAM", datetime.date(2026, 7, 6))]
    record_transmissions(truth, sent)

    w = Writer()
    w.heading("Plan de réponse à la gestion d'une crise sanitaire", 0)
    w.para(CPTS, bold=True, size=16)
    w.para(f"Version 1.3 du {long_date(updated)}")
    w.heading("Gestion du document", 1)
    w.table(version_rows(history, header=("Version", "Date", "Évolutions")))
    w.para(
        f"Transmis à l'ARS Île-de-France (DD91) le {short_date(sent[0][1])} ; "
        f"transmis à la CPAM de l'Essonne le {short_date(sent[1][1])}."
    )
    w.heading("Anticiper", 1)
    w.para(
        "Le plan est déclenché par le directeur général de l'ARS, le préfet ou le ministre. Une "
        "activation de l'ORSAN ne mobilise pas toujours la CPTS ; la tension hospitalière et les "
        "épidémies hivernales ordinaires ne sont pas des SSE au sens de ce plan."
    )
    exercises = [
        ("Exercice sur table canicule et coupure d'électricité", datetime.date(2025, 5, 20)),
        ("Réunion d'acculturation des professionnels", datetime.date(2026, 2, 10)),
    ]
    retex = datetime.date(2025, 6, 3)
    w.heading("Exercices", 2)
    for name, day in exercises:
        w.para(f"{name} : {short_date(day)}", style="List Bullet")
    w.para(f"RETEX de l'exercice canicule : {short_date(retex)}.")
    truth.exercices = [{"nom": name, "date": day.isoformat()} for name, day in exercises]
    truth.retex = [{"nom": exercises[0][0], "date": retex.isoformat()}]

    w.heading("Adapter", 1)
    for n, typology in enumerate(("T1", "T2", "T3", "T4", "T5"), start=1):
        w.heading(f"T{n}. {TYPOLOGY_TITLES[typology][1]}", 2)
        chosen = actions(typology, 2 * n, 4)
        phases: dict[str, list[str]] = {}
        for phase, action in chosen:
            phases.setdefault(phase, []).append(action)
            truth.add_action(typology, action, phase)
        table = w.table([["Phase", "Actions"]] + [[PHASE_LABELS[p], ""] for p in phases])
        for row, texts in enumerate(phases.values(), start=1):
            w.cell_paragraphs(table.cell(row, 1), texts)

    w.heading("Piloter", 1)
    w.heading("Référents SSE par typologie", 2)
    per_typology = [
        ("T1 et T4", gp1, gp2),
        ("T2", nurse, gp1),
        ("T3", gp2, pharmacist),
        ("T5", pharmacist, nurse),
    ]
    w.table(
        [["Typologies", "Référent", "Suppléant"]]
        + [[t, holder.full_name, backup.full_name] for t, holder, backup in per_typology]
    )
    truth.referents = [
        {"role": f"Référent {t}", "titulaire": h.full_name, "suppleant": b.full_name}
        for t, h, b in per_typology
    ]
    w.heading("Cellule de crise", 2)
    w.para("La cellule se réunit au centre de santé municipal de Gif-les-Rives.")
    cell = [
        ("Pilotage", "pilotage", gp1, gp2),
        ("Coordination des soins", "organisation_medicale", gp2, nurse),
        ("Communication", "communication", coordinator, physio),
        ("Logistique", "logistique", pharmacist, physio),
    ]
    w.items([f"{f} : {h.full_name} (suppléant : {b.full_name})" for f, _, h, b in cell])
    truth.cellule = [
        {"fonction": f, "code": code, "titulaire": h.full_name, "suppleant": b.full_name}
        for f, code, h, b in cell
    ]
    w.heading("Évaluer", 1)
    w.para("Un RETEX suit chaque crise et chaque exercice, puis une évaluation en bureau.")
    w.heading("Annexes", 1)
    w.heading("Annuaire", 2)
    w.table(
        directory_rows(
            contacts, ("Nom et prénom", "Fonction / structure", "Téléphone", "Mail / MSSanté")
        )
    )
    w.heading("Glossaire", 2)
    glossary_table(w, truth)
    w.heading("Documents de référence", 2)
    references_list(w, truth)
    return w, truth
