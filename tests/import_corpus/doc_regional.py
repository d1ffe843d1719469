"""Document 4: the structure of a regional guide (the ARS PACA guide of 2023: an informative
part and an operational part, eight cell functions each with a fiche action in three
« temps », four phases, check-lists, a RETEX method in three phases, zones, a SWOT). Fiches
are boxed one-cell tables; steps are Word numbered lists that start again in each fiche."""

from __future__ import annotations

import datetime
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
from .wording import TYPOLOGY_TITLES, actions
from .writer import Writer

NAME = "guide-regional-fiches"
STRUCTURE = (
    "Regional-guide structure (ARS PACA): informative then operational part, an identification "
    "table, 8 cell functions in a Fonction | Titulaire | Suppléant table and one boxed fiche "
    "action each (one-cell table, three « temps »), four phases with Word numbered lists "
    "restarting per typology, check-lists (☐), zones table, SWOT, RETEX method; directory "
    "Fonction | Nom | Prénom | Structure | Fixe | Portable | Courriel | MSSanté."
)
CPTS = "CPTS des Collines de l'Arc"
REGION = Region(
    landline="+3346571", ars="ARS Provence-Alpes-Côte d'Azur",
    dd="délégation départementale des Bouches-du-Rhône", department=13,
    prefecture="Préfecture des Bouches-du-Rhône", cpam="CPAM des Bouches-du-Rhône",
    hospital="Centre hospitalier du Pays de l'Arc", town="Trets-sur-Arc",
    domain="cpts-collines-arc.example",
)  # fmt: skip
PHASES = {
    "veille": "Phase 1 – Veille et anticipation",
    "alerte": "Phase 2 – Alerte",
    "conduite": "Phase 3 – Gestion de la crise",
    "sortie": "Phase 4 – Sortie de crise",
}
TEMPS = ("Temps 1 – Mise en place", "Temps 2 – Conduite", "Temps 3 – Sortie")


def build(folder: Path) -> CorpusDocument:
    people = Directory(4, REGION, styles=("espaces", "points"))
    responsible = people.person("mg", "MSP de la Sainte-Victoire", woman=True, fixed=True)
    deputy = people.person("mg", "Cabinet médical du Cours", woman=False)
    coordinator = people.person("coord", CPTS, woman=True, mssante=False)
    nurse = people.person("idel", "Cabinet infirmier de l'Arc", woman=True)
    nurse2 = people.person("idel", "Cabinet infirmier des Platanes", woman=False)
    pharmacist = people.person("pharma", "Pharmacie de la Fontaine", woman=False, fixed=True)
    physio = people.person("mk", "Cabinet de kinésithérapie du Moulin", woman=True)
    midwife = people.person("sf", "Maison des sages-femmes de Trets", woman=True)
    dentist = people.person("cd", "Cabinet dentaire du Cours", woman=False)
    zone_ref = people.person("mg", "Centre de santé de Fuveau-les-Pins", woman=False)
    pros = [responsible, deputy, coordinator, nurse, nurse2, pharmacist, physio, midwife]
    contacts = [*pros, dentist, zone_ref, *people.institutions()]

    updated = datetime.date(2026, 11, 30)
    truth = Truth(cpts=CPTS, version="V4", date_mise_a_jour=updated, contacts=contacts)
    history = [
        ("V1", datetime.date(2023, 10, 2), "Création selon le guide méthodologique régional."),
        ("V2", datetime.date(2024, 6, 17), "Ajout des fiches actions par fonction."),
        ("V3", datetime.date(2025, 11, 24), "RETEX de l'exercice feux de forêt."),
        ("V4", updated, "Mise à jour annuelle et nouveau référent de zone."),
    ]
    record_versions(truth, history)
    sent = [("ARS", datetime.date(2026, 12, 4)), ("CPAM", datetime.date(2026, 12, 4))]
    record_transmissions(truth, sent)

    w = Writer()
    w.heading("Plan de gestion de crise sanitaire", 0)
    w.para(CPTS, bold=True, size=16)
    w.para("Élaboré selon le guide méthodologique de l'ARS PACA, de l'URPS ML PACA et du CESU 13.")
    w.heading("Fiche d'identification du plan", 1)
    w.table(
        [
            ["Nom de la CPTS", CPTS],
            ["Siège", "12 cours Gambetta, 13530 Trets-sur-Arc"],
            ["Version du document", "V4"],
            ["Date de mise à jour", long_date(updated)],
            ["Validé par", "Conseil d'administration du 26 novembre 2026"],
        ],
        header=False,
    )
    w.heading("Suivi des versions", 2)
    w.table(
        version_rows(history, header=("Version", "Date de validation", "Nature des modifications"))
    )
    w.heading("Diffusion", 2)
    w.table(
        [
            ["Destinataire", "Date", "Mode de transmission"],
            ["ARS PACA – DD13", short_date(sent[0][1]), "MSSanté"],
            ["CPAM des Bouches-du-Rhône", short_date(sent[1][1]), "MSSanté"],
        ]
    )

    w.heading("Partie 1 – Partie informative", 1)
    w.heading("1.1 Le territoire et ses zones", 2)
    zones = [
        (
            "Zone Arc amont",
            "Trets-sur-Arc, Peynier-le-Vieux, Rousset-Haut",
            "18 400",
            "96",
            zone_ref,
        ),
        (
            "Zone Sainte-Victoire",
            "Fuveau-les-Pins, Châteauneuf-le-Rouge-Bas",
            "14 900",
            "71",
            deputy,
        ),
    ]
    w.table(
        [["Zone", "Communes", "Population", "Professionnels de santé", "Référent de zone"]]
        + [[z, c, p, n, ref.full_name] for z, c, p, n, ref in zones]
    )
    w.heading("1.2 Analyse des risques", 2)
    w.para(
        "Feux de forêt en été, canicule, inondation de l'Arc, transport de matières dangereuses "
        "sur l'autoroute A8, site SEVESO de Rousset-Haut, épidémies saisonnières."
    )
    w.heading("1.3 Analyse forces, faiblesses, opportunités, menaces", 2)
    w.table(
        [
            ["Forces", "Faiblesses"],
            [
                "Réseau de 48 professionnels volontaires",
                "Peu de cabinets ont une sauvegarde hors ligne",
            ],
            ["Opportunités", "Menaces"],
            ["Contrat local de santé en cours", "Départs en retraite de médecins généralistes"],
        ],
        header=False,
    )
    w.heading("1.4 Les quatre phases de la gestion de crise", 2)
    w.items(PHASES.values(), numbered=True)

    w.heading("Partie 2 – Partie opérationnelle", 1)
    w.heading("2.1 Les référents SSE", 2)
    w.runs(("Référent SSE titulaire : ", True), (f"Dr {responsible.full_name}", False))
    w.runs(("Référent SSE suppléant : ", True), (f"Dr {deputy.full_name}", False))
    truth.referents = [
        {"role": "Référent SSE", "titulaire": responsible.full_name, "suppleant": deputy.full_name}
    ]
    w.heading("2.2 La cellule de crise et ses huit fonctions", 2)
    w.para("Lieu : salle polyvalente de la MSP de la Sainte-Victoire ; repli en visioconférence.")
    cell = [
        ("Responsable de la cellule", "decision", responsible, deputy),
        ("Coordination", "pilotage", coordinator, deputy),
        ("Expertise médicale", "organisation_medicale", deputy, zone_ref),
        ("Expertise paramédicale", "organisation_paramedicale", nurse, nurse2),
        ("Communication", "communication", midwife, coordinator),
        ("Logistique", "logistique", pharmacist, physio),
        ("Secrétariat – main courante", "secretariat", physio, midwife),
        ("Référent de zone", "referent_zone", zone_ref, nurse2),
    ]
    w.table(
        [["Fonction", "Titulaire", "Suppléant"]]
        + [[label, holder.full_name, backup.full_name] for label, _, holder, backup in cell]
    )
    truth.cellule = [
        {"fonction": f, "code": code, "titulaire": h.full_name, "suppleant": b.full_name}
        for f, code, h, b in cell
    ]
    w.heading("2.3 Fiches actions par fonction", 2)
    for n, (label, _, _, _) in enumerate(cell, start=1):
        fiche(w, f"Fiche action n°{n} – {label}", label)

    w.heading("2.4 Réponses par typologie de crise", 2)
    for n, typology in enumerate(("T1", "T2", "T3", "T4", "T5"), start=1):
        w.heading(f"Typologie {n} : {TYPOLOGY_TITLES[typology][0]}", 3)
        chosen = [(p, a) for p, a in actions(typology, 0, 6) if p in PHASES]
        current = None
        numbering = None
        for phase, action in chosen:
            if phase != current:
                w.para(PHASES[phase], bold=True)
                current = phase
            numbering = w.items(
                [action], numbered=True, restart=numbering is None, num_id=numbering
            )
            truth.add_action(typology, action, phase)

    w.heading("2.5 Check-list d'activation de la cellule", 2)
    for item in (
        "Prévenir le responsable de la cellule et le référent SSE",
        "Ouvrir la main courante (heure, décision, auteur)",
        "Informer la délégation départementale de l'ARS",
        "Convoquer les fonctions de la cellule",
    ):
        w.para(f"☐ {item}")

    w.heading("2.6 Exercices et retour d'expérience", 2)
    exercises = [
        (
            "Exercice feux de forêt avec évacuation d'un EHPAD",
            datetime.date(2025, 9, 23),
            responsible,
        ),
        ("Escape game canicule avec coupure téléphonique", datetime.date(2026, 6, 16), coordinator),
    ]
    retex = [datetime.date(2025, 10, 14), datetime.date(2026, 7, 7)]
    w.table(
        [["Intitulé", "Date", "Pilote du RETEX", "Date du RETEX"]]
        + [
            [name, short_date(day), lead.full_name, short_date(done)]
            for (name, day, lead), done in zip(exercises, retex, strict=True)
        ]
    )
    truth.exercices = [{"nom": name, "date": day.isoformat()} for name, day, _ in exercises]
    truth.retex = [
        {"nom": name, "date": done.isoformat()}
        for (name, _, _), done in zip(exercises, retex, strict=True)
    ]
    w.para("Méthode de RETEX en trois phases :", bold=True)
    w.items(
        [
            "RETEX à chaud, le jour de la levée de la cellule, animé par le pilote du RETEX.",
            "RETEX à froid dans le mois, avec les partenaires.",
            "Plan d'actions correctives, suivi par le bureau de la CPTS.",
        ],
        numbered=True,
        restart=True,
    )

    w.heading("Annexes", 1)
    w.heading("Annuaire opérationnel", 2)
    w.table(
        directory_rows(
            contacts,
            ("Fonction", "Nom", "Prénom", "Structure", "Fixe", "Portable", "Courriel", "MSSanté"),
        )
    )
    w.heading("Glossaire", 2)
    glossary_table(w, truth, header=("Sigle", "Définition"))
    w.heading("Documents de référence", 2)
    references_list(w, truth, numbered=True)
    return finish(w, truth, folder, NAME, STRUCTURE)


def fiche(w: Writer, title: str, function: str) -> None:
    """A boxed fiche action: a one-cell table, its title, then three « temps » with their steps
    numbered by hand."""
    steps = {
        TEMPS[0]: [
            f"Prendre la fonction « {function} » dès la convocation.",
            "Émarger sur la main courante.",
        ],
        TEMPS[1]: ["Tenir les points de situation toutes les quatre heures."],
        TEMPS[2]: ["Transmettre ses notes au secrétariat pour le RETEX."],
    }
    table = w.doc.add_table(rows=1, cols=1)
    table.style = w.doc.styles["Table Grid"]
    cell = table.cell(0, 0)
    w.set_cell(cell, title, bold=True)
    for temps, lines in steps.items():
        run = cell.add_paragraph().add_run(temps)
        run.underline = True
        w.record(temps)
        for n, line in enumerate(lines, start=1):
            cell.add_paragraph(f"{n}. {line}")
            w.record(f"{n}. {line}")
    w.doc.add_paragraph()
