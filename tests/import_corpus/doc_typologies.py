"""Document 2: organised by the five ACI typologies, written as non-engineers write: every
title is a bold (sometimes underlined) Normal paragraph numbered by hand (« I. », « A. »,
« 1) »), lists are dashes typed in Normal paragraphs, référents are three co-equal
volunteers named in prose, the crisis cell is prose too."""

from __future__ import annotations

import datetime
from pathlib import Path

from .common import directory_rows, finish, record_transmissions, record_versions, version_rows
from .model import CorpusDocument, Truth, short_date
from .people import Directory, Region
from .wording import GLOSSARY, PHASE_LABELS, REFERENCES, TYPOLOGY_TITLES, actions
from .writer import Writer

NAME = "typologies-pseudo-titres"
STRUCTURE = (
    "Five ACI typologies; titles are bold or underlined Normal paragraphs with manual numbering "
    "(« I. », « A. », « 1) »); dash lists typed by hand; three co-equal référents and the "
    "crisis cell in prose; directory Fonction | NOM Prénom | Portable | Fixe | Courriel | "
    "MSSanté; glossary as « SIGLE : meaning » paragraphs."
)
CPTS = "CPTS Ille-et-Rance"
REGION = Region(
    landline="+3326191",
    ars="ARS Bretagne",
    dd="délégation départementale d'Ille-et-Vilaine",
    department=35,
    prefecture="Préfecture d'Ille-et-Vilaine",
    cpam="CPAM d'Ille-et-Vilaine",
    hospital="Centre hospitalier de Combourg-sur-Rance",
    town="Combourg-sur-Rance",
    domain="cpts-ille-rance.example",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")


def build(folder: Path) -> CorpusDocument:
    people = Directory(2, REGION, styles=("points", "espaces", "collé"))
    gp1 = people.person("mg", "MSP de la Rance", woman=True)
    gp2 = people.person("mg", "Cabinet médical des Halles", woman=False, fixed=True)
    pharmacist = people.person("pharma", "Pharmacie de la Gare", woman=True, fixed=True)
    coordinator = people.person("coord", CPTS, woman=False, mssante=False)
    nurse = people.person("idel", "Cabinet infirmier du Canal", woman=True)
    physio = people.person("mk", "Cabinet de kinésithérapie de Tinténiac", woman=True)
    dentist = people.person("cd", "Cabinet dentaire des Tilleuls", woman=False)
    institutions = people.institutions()
    mayor = people.organisation(
        "Mairie de Combourg-sur-Rance",
        "Plan communal de sauvegarde, registre des personnes vulnérables",
        "accueil@mairie-combourg-rance.example",
    )
    contacts = [gp1, gp2, pharmacist, coordinator, nurse, physio, dentist, *institutions, mayor]

    updated = datetime.date(2026, 9, 3)
    truth = Truth(cpts=CPTS, version="1.2", date_mise_a_jour=updated, contacts=contacts)
    history = [
        (
            "1.0",
            datetime.date(2023, 6, 12),
            "Première version, validée par le conseil d'administration.",
        ),
        ("1.1", datetime.date(2024, 9, 10), "Actions menées 2023/2024, nouvel annuaire."),
        ("1.2", updated, "Perspectives 2025-2026 et RETEX de l'exercice cyberattaque."),
    ]
    record_versions(truth, history)
    sent = [("ARS", datetime.date(2026, 9, 15)), ("CPAM", datetime.date(2026, 9, 15))]
    record_transmissions(truth, sent)

    w = Writer()
    w.para("PLAN DE GESTION DES SITUATIONS SANITAIRES EXCEPTIONNELLES", bold=True, size=16)
    w.para(CPTS, bold=True, size=14)
    w.para(f"Version 1.2 – Mise à jour : {short_date(updated)}")
    titles = iter(ROMAN)

    def title(text: str) -> None:
        w.para(f"{next(titles)}. {text}", bold=True)

    title("PRÉSENTATION DE LA CPTS")
    w.para(
        "La CPTS Ille-et-Rance rassemble 182 professionnels de santé de 11 communes, pour "
        "41 000 habitants. Sa mission « réponse aux crises sanitaires graves » a commencé en 2023."
    )
    title("SUIVI DU DOCUMENT")
    w.para("A. Historique des versions", bold=True, underline=True)
    w.table(version_rows(history, header=("N° de version", "Date", "Modifications")))
    w.para("B. Transmission", bold=True, underline=True)
    w.para(
        f"Le plan a été transmis à l'ARS Bretagne (délégation départementale d'Ille-et-Vilaine) "
        f"le {short_date(sent[0][1])} et à la CPAM d'Ille-et-Vilaine le {short_date(sent[1][1])}."
    )

    title("ORGANISATION DE LA CPTS EN CAS DE CRISE")
    w.para("A. Les référents SSE", bold=True, underline=True)
    w.para(
        f"La CPTS a désigné trois référents SSE volontaires, qui se partagent la mission à parts "
        f"égales : le Dr {gp1.full_name} (médecin généraliste), le Dr {gp2.full_name} (médecin "
        f"généraliste) et {pharmacist.full_name} (pharmacienne). Il n'y a ni titulaire ni "
        "suppléant : "
        f"le premier joint prévient les deux autres."
    )
    truth.referents = [
        {"role": "co_referent", "titulaire": person.full_name, "suppleant": None}
        for person in (gp1, gp2, pharmacist)
    ]
    w.para("B. La cellule de crise", bold=True, underline=True)
    w.para(
        "La cellule de crise se réunit au siège de la CPTS, 2 place du Marché à "
        "Combourg-sur-Rance, "
        "ou à distance. Elle est composée de :"
    )
    cell = [
        ("Coordination", "pilotage", gp1, gp2),
        ("Organisation des soins", "organisation_medicale", gp2, nurse),
        ("Communication", "communication", coordinator, physio),
        ("Logistique", "logistique", pharmacist, dentist),
    ]
    for label, _, holder, backup in cell:
        w.para(f"– {label} : {holder.full_name} (suppléance : {backup.full_name})")
    truth.cellule = [
        {
            "fonction": label,
            "code": code,
            "titulaire": holder.full_name,
            "suppleant": backup.full_name,
        }
        for label, code, holder, backup in cell
    ]
    w.para(
        "La cellule associe selon la situation les mairies, le centre hospitalier, le SDIS "
        "et l'ARS."
    )

    title("RÉPONSES PAR TYPOLOGIE DE CRISE")
    for n, typology in enumerate(("T1", "T2", "T3", "T4", "T5"), start=1):
        w.para(f"{n}) Typologie {n} : {TYPOLOGY_TITLES[typology][1]}", bold=True)
        current = None
        for phase, action in actions(typology, n + 2, 3):
            if phase != current:
                w.para(f"Phase : {PHASE_LABELS[phase]}", underline=True)
                current = phase
            w.para(f"- {action}")
            truth.add_action(typology, action, phase)

    title("EXERCICES ET RETOURS D'EXPÉRIENCE")
    w.para("Actions menées 2023/2024", bold=True)
    first = datetime.date(2024, 11, 14)
    first_retex = datetime.date(2024, 11, 28)
    w.para(
        f"Le {short_date(first)}, exercice sur table « cyberattaque d'un laboratoire » avec la "
        f"MSP de la Rance ; RETEX le {short_date(first_retex)} : procédure dégradée papier "
        "à écrire."
    )
    second = datetime.date(2025, 6, 5)
    w.para(
        f"Le {short_date(second)}, exercice d'alerte des professionnels par SMS (taux de réponse "
        f"64 % en une heure) ; RETEX à chaud le jour même."
    )
    w.para("Perspectives 2025", bold=True)
    w.para("- Exercice commun avec la CPTS voisine sur une canicule, à l'automne.")
    truth.exercices = [
        {"nom": "Exercice sur table « cyberattaque d'un laboratoire »", "date": first.isoformat()},
        {"nom": "Exercice d'alerte des professionnels par SMS", "date": second.isoformat()},
    ]
    truth.retex = [
        {"nom": truth.exercices[0]["nom"], "date": first_retex.isoformat()},
        {"nom": truth.exercices[1]["nom"], "date": second.isoformat()},
    ]

    title("ANNUAIRE DE CRISE")
    w.table(
        directory_rows(
            contacts, ("Fonction", "NOM Prénom", "Portable", "Fixe", "Courriel", "MSSanté")
        )
    )
    title("GLOSSAIRE")
    for sigle, meaning in GLOSSARY:
        w.para(f"{sigle} : {meaning}")
    truth.glossaire = [{"sigle": s, "definition": d} for s, d in GLOSSARY]
    title("DOCUMENTS DE RÉFÉRENCE")
    for n, reference in enumerate(REFERENCES, start=1):
        w.para(f"{n}. {reference}")
    truth.references = list(REFERENCES)
    return finish(w, truth, folder, NAME, STRUCTURE)
