"""Document 1: the national template's four themes (anticiper, adapter, piloter, évaluer)
with Word heading styles, a table of contents field, and tables for the directory, the
référents and the crisis cell."""

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
)  # fmt: skip
from .model import CorpusDocument, Truth, long_date, short_date
from .people import Directory, Region
from .wording import PHASE_LABELS, TYPOLOGY_TITLES, actions
from .writer import Writer

NAME = "themes-titres-word"
STRUCTURE = (
    "Four themes of the national template as Heading 1-3 styles, a TOC field, document "
    "control and directory as tables (Nom | Prénom | Fonction | Structure | Téléphone | Mail | "
    "MSSanté), référents titulaire/suppléant, crisis cell Fonction | Titulaire | Suppléant."
)
CPTS = "CPTS des Coteaux du Vernon"
REGION = Region(
    landline="+3353649",
    ars="ARS Nouvelle-Aquitaine",
    dd="délégation départementale de la Vienne",
    department=86,
    prefecture="Préfecture de la Vienne",
    cpam="CPAM de la Vienne",
    hospital="Centre hospitalier de Vernon-sur-Clain",
    town="Vernon-sur-Clain",
    domain="cpts-coteaux-vernon.example",
)


def build(folder: Path) -> CorpusDocument:
    people = Directory(1, REGION, styles=("espaces",))
    president = people.person(
        "mg", "MSP des Coteaux", woman=True, fonction="Présidente de la CPTS, médecin généraliste"
    )
    referent = people.person("mg", "MSP des Coteaux", woman=False, fixed=True)
    deputy = people.person("idel", "Cabinet infirmier du Clain", woman=True)
    coordinator = people.person("coord", CPTS, woman=True, mssante=False)
    pharmacist = people.person("pharma", "Pharmacie de la Halle", woman=False, fixed=True)
    physio = people.person("mk", "Cabinet de kinésithérapie des Tilleuls", woman=False)
    midwife = people.person("sf", "Cabinet de sage-femme de Vernon", woman=True)
    nurse = people.person("idel", "Centre de soins infirmiers de Saint-Genest", woman=False)
    treasurer = people.person("pharma", "Pharmacie du Pont", woman=True)
    institutions = people.institutions()
    contacts = [
        president,
        referent,
        deputy,
        coordinator,
        pharmacist,
        physio,
        midwife,
        nurse,
        treasurer,
        *institutions,
    ]

    updated = datetime.date(2026, 10, 14)
    truth = Truth(cpts=CPTS, version="2.0", date_mise_a_jour=updated, contacts=contacts)
    history = [
        (
            "1.0",
            datetime.date(2024, 3, 15),
            "Première version selon la trame nationale de décembre 2022.",
        ),
        (
            "1.1",
            datetime.date(2025, 1, 20),
            "Mise à jour de l'annuaire et ajout de la fiche canicule.",
        ),
        (
            "2.0",
            updated,
            "Mise à jour annuelle : RETEX de l'exercice inondation, nouvelle cellule de crise.",
        ),
    ]
    record_versions(truth, history)
    sent = [("ARS", datetime.date(2026, 10, 20)), ("CPAM", datetime.date(2026, 10, 21))]
    record_transmissions(truth, sent)

    w = Writer()
    w.doc.add_paragraph(
        "Plan de préparation aux situations sanitaires exceptionnelles", style="Title"
    )
    w.record("Plan de préparation aux situations sanitaires exceptionnelles")
    w.para(CPTS, bold=True, size=16)
    w.para(f"Version 2.0 – mise à jour du {long_date(updated)}")
    w.toc([
        ("Suivi du document", 1, 2), ("1. Anticiper", 1, 3), ("2. Adapter", 1, 5),
        ("3. Piloter", 1, 9), ("4. Évaluer", 1, 12), ("Annexes", 1, 13),
    ])  # fmt: skip

    w.heading("Suivi du document", 1)
    w.runs(("Version : ", True), ("2.0", False))
    w.runs(("Date de première rédaction : ", True), (long_date(history[0][1]), False))
    w.runs(("Date de dernière mise à jour : ", True), (long_date(updated), False))
    w.runs(("Prochaine revue : ", True), ("octobre 2027", False))
    w.heading("Historique des versions", 2)
    w.table(version_rows(history, header=("Version", "Date", "Objet des modifications")))
    w.heading("Transmission du plan", 2)
    w.table([
        ["Destinataire", "Date d'envoi", "Moyen"],
        ["ARS – délégation départementale de la Vienne", short_date(sent[0][1]), "MSSanté"],
        ["CPAM de la Vienne", short_date(sent[1][1]), "Courriel au délégué ACI"],
    ])  # fmt: skip

    w.heading("1. Anticiper", 1)
    w.heading("1.1 Présentation du territoire", 2)
    w.para(
        "Le territoire de la CPTS compte 14 communes et 38 500 habitants, de part et d'autre du "
        "Clain. Il est découpé en deux zones : Vernon et la vallée, les coteaux et le plateau."
    )
    w.heading("1.2 Diagnostic des risques", 2)
    w.para(
        "Risques retenus d'après le DDRM de la Vienne et les PCS des communes : inondation du "
        "Clain, canicule, épidémies saisonnières, transport de matières dangereuses sur la RN 10, "
        "centrale nucléaire de Civaux (hors PPI), cyberattaque des cabinets."
    )
    w.heading("1.3 Formations et exercices", 2)
    exercises = [
        (
            "Exercice sur table « Clain en crue »",
            datetime.date(2025, 11, 18),
            "Table",
            "RETEX le 2 décembre 2025",
        ),
        (
            "Exercice de communication avec l'ARS",
            datetime.date(2026, 4, 9),
            "Communication",
            "RETEX à chaud le jour même",
        ),
    ]
    w.table([["Exercice", "Date", "Type", "RETEX"]] + [
        [name, day.strftime("%d/%m/%Y"), kind, retex] for name, day, kind, retex in exercises
    ])  # fmt: skip
    truth.exercices = [{"nom": name, "date": day.isoformat()} for name, day, _, _ in exercises]
    truth.retex = [
        {"nom": exercises[0][0], "date": datetime.date(2025, 12, 2).isoformat()},
        {"nom": exercises[1][0], "date": exercises[1][1].isoformat()},
    ]

    w.heading("2. Adapter", 1)
    w.para("Pour chaque typologie de crise de l'ACI, les actions de la CPTS par phase de la crise.")
    for n, typology in enumerate(("T1", "T2", "T3", "T4", "T5"), start=1):
        w.heading(f"2.{n} {TYPOLOGY_TITLES[typology][0]}", 2)
        current = None
        for phase, action in actions(typology, n, 4):
            if phase != current:
                w.heading(PHASE_LABELS[phase], 3)
                current = phase
            w.items([action])
            truth.add_action(typology, action, phase)

    w.heading("3. Piloter", 1)
    w.heading("3.1 Référents SSE", 2)
    w.table([
        ["Rôle", "Nom", "Profession", "Téléphone"],
        ["Référent SSE (titulaire)", referent.full_name, referent.fonction,
         referent.phones[0].printed],
        ["Référente suppléante", deputy.full_name, deputy.fonction, deputy.phones[0].printed],
    ])  # fmt: skip
    truth.referents = [
        {"role": "Référent SSE", "titulaire": referent.full_name, "suppleant": deputy.full_name}
    ]
    w.heading("3.2 Cellule de crise", 2)
    w.para(
        "Lieu principal : salle de réunion de la MSP des Coteaux, 4 rue des Vignes, "
        "86190 Vernon-sur-Clain."
    )
    w.para("Lieu de repli : mairie de Saint-Genest, ou réunion à distance par visioconférence.")
    cell = [
        ("Décision", "decision", president, treasurer),
        ("Pilotage et coordination", "pilotage", referent, deputy),
        ("Organisation médicale", "organisation_medicale", referent, president),
        ("Organisation paramédicale", "organisation_paramedicale", deputy, nurse),
        ("Communication", "communication", coordinator, midwife),
        ("Logistique", "logistique", pharmacist, physio),
        ("Secrétariat et main courante", "secretariat", coordinator, treasurer),
    ]
    w.table([["Fonction", "Titulaire", "Suppléant"]] + [
        [label, holder.full_name, backup.full_name] for label, _, holder, backup in cell
    ])  # fmt: skip
    truth.cellule = [
        {
            "fonction": label,
            "code": code,
            "titulaire": holder.full_name,
            "suppleant": backup.full_name,
        }
        for label, code, holder, backup in cell
    ]
    w.heading("3.3 Chaîne d'alerte", 2)
    w.para(
        "L'alerte est donnée par le point focal régional de l'ARS ou par la délégation "
        "départementale. Le référent SSE la reçoit, prévient la présidente et décide avec elle "
        "de l'activation de la cellule de crise. Les professionnels sont prévenus par SMS "
        "et MSSanté."
    )
    w.heading("3.4 Communication", 2)
    w.para(
        "La CPTS relaie les messages officiels de l'ARS et de la préfecture ; elle ne diffuse pas "
        "de recommandation sanitaire qui lui soit propre. La porte-parole est la présidente."
    )

    w.heading("4. Évaluer", 1)
    w.heading("4.1 Retours d'expérience", 2)
    w.para(
        "Après l'exercice « Clain en crue », le RETEX du 2 décembre 2025 a conduit à déplacer le "
        "lieu de repli hors de la zone inondable et à compléter l'annuaire des mairies."
    )
    w.heading("4.2 Revue annuelle", 2)
    w.para(
        "Le plan est relu chaque année en septembre par le bureau et validé en conseil "
        "d'administration."
    )

    w.heading("Annexes", 1)
    w.heading("Annexe 1 – Annuaire de crise", 2)
    w.table(
        directory_rows(
            contacts, ("Nom", "Prénom", "Fonction", "Structure", "Téléphone", "Mail", "MSSanté")
        )
    )
    w.heading("Annexe 2 – Glossaire", 2)
    glossary_table(w, truth)
    w.heading("Annexe 3 – Documents de référence", 2)
    references_list(w, truth)
    return finish(w, truth, folder, NAME, STRUCTURE)
