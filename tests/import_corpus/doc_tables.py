"""Document 3: a compact plan made of tables, as small CPTS write it: an identity table of
« label | value » rows, and for each typology a Phase | Action | Qui table whose phase cell
is merged down over its actions."""

from __future__ import annotations

import datetime
from pathlib import Path

from .common import directory_rows, finish, record_transmissions, record_versions, version_rows
from .model import CorpusDocument, Truth, short_date
from .people import Directory, Region
from .wording import GLOSSARY, PHASE_LABELS, REFERENCES, TYPOLOGY_TITLES, actions
from .writer import Writer

NAME = "tableaux-compacts"
STRUCTURE = (
    "Compact plan of tables: identity as « label | value » rows, versions, transmissions, "
    "référents side by side, crisis cell, one Phase | Action | Qui table per typology (phase "
    "cells merged vertically), exercises, directory Structure | Nom | Prénom | Fonction | Tél. | "
    "Mail / MSSanté (both addresses in one cell), glossary and references as tables."
)
CPTS = "CPTS du Lauragais Sud"
REGION = Region(
    landline="+3353649",
    ars="ARS Occitanie",
    dd="délégation départementale de la Haute-Garonne",
    department=31,
    prefecture="Préfecture de la Haute-Garonne",
    cpam="CPAM de la Haute-Garonne",
    hospital="Hôpital de Villenouvelle-en-Lauragais",
    town="Villenouvelle-en-Lauragais",
    domain="cpts-lauragais-sud.example",
)


def build(folder: Path) -> CorpusDocument:
    people = Directory(3, REGION, styles=("espaces", "international"))
    gp = people.person("mg", "MSP du Canal", woman=False)
    deputy = people.person("pharma", "Pharmacie des Arcades", woman=True, fixed=True)
    president = people.person("mg", "Cabinet médical de Baziège-le-Haut", woman=True)
    coordinator = people.person("coord", CPTS, woman=True, mssante=False)
    nurse = people.person("idel", "Cabinet infirmier du Lauragais", woman=False)
    biologist = people.person("bio", "Laboratoire de biologie du Canal", woman=False, fixed=True)
    contacts = [gp, deputy, president, coordinator, nurse, biologist, *people.institutions()]

    updated = datetime.date(2027, 1, 12)
    truth = Truth(cpts=CPTS, version="3.1", date_mise_a_jour=updated, contacts=contacts)
    history = [
        ("2.0", datetime.date(2024, 12, 2), "Refonte selon le guide régional de l'ARS Occitanie."),
        ("3.0", datetime.date(2025, 12, 8), "Mise à jour annuelle, nouveaux référents."),
        ("3.1", updated, "Correction de l'annuaire après l'exercice de janvier."),
    ]
    record_versions(truth, history)
    sent = [("ARS", datetime.date(2027, 1, 19)), ("CPAM", datetime.date(2027, 1, 26))]
    record_transmissions(truth, sent)

    w = Writer()
    w.heading(f"Plan SSE – {CPTS}", 0)
    w.table(
        [
            ["CPTS", CPTS],
            ["Territoire", "9 communes, 27 300 habitants"],
            ["Version", "3.1"],
            ["Date de mise à jour", short_date(updated)],
            ["Prochaine revue", "Décembre 2027"],
        ],
        header=False,
    )
    w.heading("Versions et transmissions", 1)
    w.table(version_rows(history, header=("Version", "Date", "Modifications")))
    w.para()
    w.table(
        [
            ["Transmis à", "Le", "Par"],
            ["ARS Occitanie – DD31", short_date(sent[0][1]), "MSSanté"],
            ["CPAM de la Haute-Garonne", short_date(sent[1][1]), "Courriel"],
        ]
    )
    w.heading("Référents et cellule de crise", 1)
    w.table(
        [
            ["Référent SSE", "Suppléante"],
            [gp.full_name, deputy.full_name],
            [gp.fonction, deputy.fonction],
        ]
    )
    truth.referents = [
        {"role": "Référent SSE", "titulaire": gp.full_name, "suppleant": deputy.full_name}
    ]
    w.para("Cellule de crise : salle du conseil de la MSP du Canal, 1 allée Riquet.")
    cell = [
        ("Direction de la cellule", "decision", president, gp),
        ("Coordination", "pilotage", gp, coordinator),
        ("Soins de ville", "organisation_medicale", nurse, president),
        ("Communication", "communication", coordinator, deputy),
        ("Logistique et matériel", "logistique", biologist, deputy),
    ]
    w.table(
        [["Fonction", "Titulaire", "Suppléant"]]
        + [[label, holder.full_name, backup.full_name] for label, _, holder, backup in cell]
    )
    truth.cellule = [
        {"fonction": f, "code": code, "titulaire": h.full_name, "suppleant": b.full_name}
        for f, code, h, b in cell
    ]

    who = {
        "veille": "Bureau de la CPTS",
        "alerte": "Référent SSE",
        "montee_en_puissance": "Coordinatrice",
        "conduite": "Professionnels volontaires",
        "sortie": "Référent SSE",
    }
    w.heading("Réponses par typologie", 1)
    for n, typology in enumerate(("T1", "T2", "T3", "T4", "T5"), start=1):
        w.heading(f"T{n} – {TYPOLOGY_TITLES[typology][2]}", 2)
        chosen = actions(typology, 0, 5)
        table = w.table([["Phase", "Action", "Qui"]] + [["", a, who[p]] for p, a in chosen])
        row = 1
        while row <= len(chosen):
            phase = chosen[row - 1][0]
            last = row
            while last < len(chosen) and chosen[last][0] == phase:
                last += 1
            w.merge(table.cell(row, 0), table.cell(last, 0), PHASE_LABELS[phase])
            row = last + 1
        for phase, action in chosen:
            truth.add_action(typology, action, phase)

    w.heading("Exercices", 1)
    exercises = [
        (datetime.date(2025, 10, 7), "Exercice tempête et coupure de courant", "Mairies, SDIS 31"),
        (datetime.date(2027, 1, 8), "Alerte par SMS des professionnels", "ARS DD31"),
    ]
    retex = [datetime.date(2025, 10, 21), datetime.date(2027, 1, 8)]
    w.table(
        [["Date", "Exercice", "Partenaires", "RETEX"]]
        + [
            [short_date(day), name, partners, short_date(done)]
            for (day, name, partners), done in zip(exercises, retex, strict=True)
        ]
    )
    truth.exercices = [{"nom": name, "date": day.isoformat()} for day, name, _ in exercises]
    truth.retex = [
        {"nom": name, "date": done.isoformat()}
        for (_, name, _), done in zip(exercises, retex, strict=True)
    ]
    w.heading("Annuaire", 1)
    w.table(
        directory_rows(
            contacts, ("Structure", "Nom ", "Prénom", "Fonction", "Tél.", "Mail / MSSanté")
        )
    )
    w.heading("Glossaire et documents de référence", 1)
    w.table([["Abréviation", "Définition"]] + [[s, d] for s, d in GLOSSARY])
    truth.glossaire = [{"sigle": s, "definition": d} for s, d in GLOSSARY]
    w.para()
    w.table([["Documents de référence"]] + [[reference] for reference in REFERENCES])
    truth.references = list(REFERENCES)
    return finish(w, truth, folder, NAME, STRUCTURE)
