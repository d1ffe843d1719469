"""The words real CPTS plans use (see ../shared/REAL-PLANS.md and DOMAIN.md), shared by the
corpus documents: typology titles as plans write them, actions per typology and phase,
glossary entries and reference documents."""

from __future__ import annotations

TYPOLOGY_TITLES: dict[str, tuple[str, ...]] = {
    # The ACI's wording first, then shorter ones found in plans.
    "T1": (
        "Accueil de nombreux blessés physiques ou psychiques (attentat, incendie, explosion, "
        "émeute)",
        "Afflux de blessés physiques ou psychiques",
        "Situation avec de nombreuses victimes (AMAVI et MEDICO-PSY)",
    ),
    "T2": (
        "Prise en charge de nombreux malades, notamment les plus fragiles (épidémie "
        "saisonnière, canicule, grand froid, pollution)",
        "Épidémie saisonnière et évènements climatiques",
        "Malades nombreux : épidémies saisonnières, canicule, grand froid (EPI-CLIM)",
    ),
    "T3": (
        "Prise en charge de patients infectés par un agent émergent et campagne de vaccination "
        "exceptionnelle",
        "Risque épidémique et biologique : agent émergent, vaccination exceptionnelle",
        "Agent infectieux émergent (coronavirus, fièvres hémorragiques, arboviroses) – volet REB",
    ),
    "T4": (
        "Prise en charge immédiate et suivi des personnes exposées à un agent nucléaire, "
        "radiologique ou chimique",
        "Risque NRC (nucléaire, radiologique, chimique)",
        "Accident ou attentat nucléaire, radiologique ou chimique (NRBC)",
    ),
    "T5": (
        "Perturbation de l'offre de soins (pénurie de médicaments, routes coupées, inondation, "
        "cyberattaque)",
        "Dégradation de l'offre de soins",
        "Rupture de l'offre de soins : pénuries, intempéries, cyberattaque des cabinets",
    ),
}

PHASE_LABELS = {
    "veille": "Veille",
    "alerte": "Alerte",
    "montee_en_puissance": "Montée en puissance",
    "conduite": "Conduite de crise",
    "sortie": "Sortie de crise",
    "retex": "RETEX",
}

ACTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "T1": (
        (
            "veille",
            "Tenir à jour la liste des professionnels formés à l'AFGSU SSE et aux gestes "
            "d'urgence.",
        ),
        (
            "alerte",
            "Relayer l'alerte du SAMU aux médecins et infirmiers de garde par SMS et MSSanté.",
        ),
        (
            "montee_en_puissance",
            "Recenser les cabinets pouvant accueillir des blessés légers orientés par le "
            "Centre 15.",
        ),
        (
            "conduite",
            "Assurer la prise en charge en ville des urgences relatives adressées par la "
            "régulation.",
        ),
        (
            "conduite",
            "Orienter les personnes impliquées vers la CUMP et assurer le suivi psychologique à "
            "distance.",
        ),
        (
            "sortie",
            "Organiser le suivi des blessés sortis de l'hôpital avec les infirmiers libéraux.",
        ),
    ),
    "T2": (
        (
            "veille",
            "Repérer avant l'été les patients fragiles de chaque patientèle (personnes âgées "
            "isolées, nourrissons).",
        ),
        (
            "alerte",
            "Diffuser aux professionnels les consignes de l'ARS dès le passage en vigilance "
            "orange canicule.",
        ),
        (
            "montee_en_puissance",
            "Ouvrir des créneaux de soins non programmés supplémentaires dans les MSP.",
        ),
        (
            "conduite",
            "Appeler chaque jour les patients fragiles identifiés et signaler les situations à "
            "risque au CCAS.",
        ),
        (
            "conduite",
            "Renforcer les tournées infirmières à domicile pour l'hydratation des personnes âgées.",
        ),
        (
            "sortie",
            "Faire le bilan du nombre de patients suivis et de professionnels mobilisés "
            "pour l'ARS.",
        ),
    ),
    "T3": (
        (
            "veille",
            "Identifier les locaux pouvant accueillir un centre de vaccination ou de dépistage.",
        ),
        ("alerte", "Transmettre les messages DGS-Urgent aux professionnels de la CPTS."),
        (
            "montee_en_puissance",
            "Constituer une liste de vaccinateurs volontaires (médecins, infirmiers, "
            "pharmaciens, sages-femmes).",
        ),
        ("conduite", "Organiser un centre de vaccination exceptionnelle avec la commune et l'ARS."),
        ("conduite", "Mettre en place une filière de consultation dédiée aux patients suspects."),
        ("sortie", "Fermer le centre de vaccination et restituer les locaux et le matériel."),
    ),
    "T4": (
        (
            "veille",
            "Connaître les sites SEVESO et le périmètre du PPI de la centrale la plus proche.",
        ),
        (
            "alerte",
            "Relayer les consignes de mise à l'abri de la préfecture aux cabinets et pharmacies.",
        ),
        (
            "montee_en_puissance",
            "Vérifier avec les pharmacies le stock de comprimés d'iode et leur distribution.",
        ),
        (
            "conduite",
            "Orienter les personnes exposées vers les points de décontamination du SDIS, sans "
            "les recevoir au cabinet.",
        ),
        (
            "sortie",
            "Assurer le suivi médical à long terme des personnes exposées avec le centre "
            "hospitalier.",
        ),
    ),
    "T5": (
        (
            "veille",
            "Inciter chaque cabinet à rédiger un plan de continuité d'activité et à sauvegarder "
            "ses données hors ligne.",
        ),
        (
            "alerte",
            "Recenser les cabinets fermés ou inaccessibles (neige, inondation, panne "
            "informatique).",
        ),
        (
            "montee_en_puissance",
            "Signaler à l'ARS les ruptures de médicaments constatées par les pharmacies.",
        ),
        (
            "conduite",
            "Répartir les tournées et les patients entre les cabinets restés accessibles.",
        ),
        (
            "conduite",
            "Passer en procédure dégradée papier pour les ordonnances et les comptes rendus.",
        ),
        ("sortie", "Prévenir les patients de la reprise de l'activité habituelle des cabinets."),
    ),
}


def actions(typology: str, start: int, count: int) -> list[tuple[str, str]]:
    """`count` actions of a typology from its pool, starting at `start` (wrapping), in the
    pool's order (hence in phase order)."""
    pool = ACTIONS[typology]
    chosen = sorted({(start + i) % len(pool) for i in range(count)})
    return [pool[i] for i in chosen]


GLOSSARY: tuple[tuple[str, str], ...] = (
    ("ACI", "Accord conventionnel interprofessionnel"),
    ("AFGSU", "Attestation de formation aux gestes et soins d'urgence"),
    ("ARS", "Agence régionale de santé"),
    ("CUMP", "Cellule d'urgence médico-psychologique"),
    (
        "ORSAN",
        "Organisation de la réponse du système de santé en situations sanitaires exceptionnelles",
    ),
    ("ORSEC", "Organisation de la réponse de sécurité civile"),
    ("PCS", "Plan communal de sauvegarde"),
    ("RETEX", "Retour d'expérience"),
    ("SSE", "Situation sanitaire exceptionnelle"),
    ("SIDPC", "Service interministériel de défense et de protection civiles"),
)

REFERENCES: tuple[str, ...] = (
    "Trame nationale du plan de préparation des CPTS aux situations sanitaires exceptionnelles "
    "(DGOS, décembre 2022)",
    "Avenant 2 de l'accord conventionnel interprofessionnel des CPTS (2022)",
    "Plan ORSAN de la région (version révisée en cours d'écriture)",
    "Guide d'aide à l'organisation de l'offre de soins ambulatoire en situations sanitaires "
    "exceptionnelles (DGOS)",
    "Plans communaux de sauvegarde des communes du territoire",
)
