"""Controlled vocabularies of the plan format and their French labels.

The schema holds the allowed values; this module holds what they mean, for messages, rules
and documents. ORSAN volet names follow the 2024 revision; older names are aliases.
"""

from __future__ import annotations

VOLETS: dict[str, str] = {
    "AMAVI": "Accueil massif de victimes non contaminées",
    "MEDICO-PSY": "Prise en charge médico-psychologique",
    "EPI-CLIM": "Épidémies saisonnières et événements climatiques",
    "REB": "Risque épidémique et biologique",
    "NRC": "Risques nucléaire, radiologique et chimique",
}

VOLET_ALIASES: dict[str, tuple[str, ...]] = {
    "CLIM": ("EPI-CLIM",),
    # EPI-VAC covered both seasonal epidemics and exceptional vaccination: it maps to both.
    "EPI-VAC": ("EPI-CLIM", "REB"),
    "BIO": ("REB",),
    "NRBC": ("NRC",),
}

TYPOLOGIES: dict[str, str] = {
    "T1": "Afflux de blessés physiques ou psychiques (attentat, incendie, explosion, émeute)",
    "T2": "Afflux de malades, notamment fragiles (épidémie saisonnière, canicule, grand froid, "
    "pollution)",
    "T3": "Patients infectés par un agent émergent et campagne de vaccination exceptionnelle",
    "T4": "Prise en charge immédiate et suivi de personnes exposées à un agent NRC",
    "T5": "Perturbation de l'offre de soins (pénurie de médicaments, routes coupées, cyberattaque)",
}

PLAN_STATUSES: dict[str, str] = {
    "brouillon": "Brouillon (en cours d'écriture)",
    "pret_a_transmettre": "Prêt à transmettre",
    "transmis": "Transmis à l'ARS et à la CPAM",
    "valide_ars": "Validé par l'ARS",
}
DIFFUSION_TARGETS: dict[str, str] = {
    "membres": "membres de la CPTS",
    "acteurs_sante": "acteurs de santé du territoire",
    "autre": "autre public",
}
ARS_ANSWERS: dict[str, str] = {
    "conforme": "Conforme",
    "conforme_avec_reserves": "Conforme avec réserves",
    "complements_demandes": "Compléments demandés",
    "non_conforme": "Non conforme",
    "en_attente": "En attente de réponse",
}


TYPOLOGY_VOLETS: dict[str, tuple[str, ...]] = {
    "T1": ("AMAVI", "MEDICO-PSY"),
    "T2": ("EPI-CLIM",),
    "T3": ("REB",),
    "T4": ("NRC",),
    "T5": (),
}
"""Our default mapping (no official table was found); a plan states its own in each response."""

PHASES: dict[str, str] = {
    "veille": "Veille (temps normal)",
    "alerte": "Alerte",
    "montee_en_puissance": "Montée en puissance",
    "conduite": "Conduite de crise",
    "sortie": "Sortie de crise",
    "retex": "Retour d'expérience",
}

CELL_FUNCTIONS: dict[str, str] = {
    "decision": "Décision",
    "pilotage": "Pilotage et coordination",
    "organisation_medicale": "Organisation médicale",
    "organisation_paramedicale": "Organisation paramédicale",
    "communication": "Communication",
    "logistique": "Support et logistique",
    "secretariat": "Secrétariat et main courante",
    "referent_zone": "Référent de zone",
}

VULNERABILITY_TYPES: dict[str, str] = {
    "zone_isolee": "Zone isolée",
    "population_a_risque": "Population à risque",
    "infrastructure": "Infrastructure",
    "autre": "Autre",
}

FICHE_TIMES: dict[str, str] = {
    "mise_en_place": "Mise en place",
    "conduite": "Conduite",
    "sortie": "Sortie",
}
"""The three times of a fiche action (regional guides): setting up, running, exit."""

AUTHORITIES: dict[str, str] = {
    "directeur_general_ars": "Directeur général de l'ARS",
    "prefet": "Préfet",
    "ministre": "Ministre chargé de la santé",
}

LINKED_PLANS: dict[str, str] = {
    "orsan": "Plan ORSAN (ARS)",
    "orsec": "Dispositif ORSEC (préfecture)",
    "pcs": "Plan communal de sauvegarde",
    "pics": "Plan intercommunal de sauvegarde",
    "plan_blanc": "Plan blanc / PGTHSSE",
    "plan_bleu": "Plan bleu",
    "pdsa_sas": "PDSA / SAS",
    "plan_cpts_voisine": "Plan SSE d'une CPTS voisine",
    "pca": "Plan de continuité d'activité",
    "autre": "Autre plan",
}

RISK_CATEGORIES: dict[str, str] = {
    "naturel": "Naturel",
    "technologique": "Technologique",
    "sanitaire": "Sanitaire",
    "societal": "Sociétal",
    "cyber": "Cyber",
}

RISK_LEVELS: dict[str, str] = {"faible": "Faible", "moyen": "Moyen", "eleve": "Élevé"}

EXERCISE_TYPES: dict[str, str] = {
    "table": "Sur table",
    "terrain": "Terrain",
    "communication": "Communication",
    "jeu_serieux": "Jeu sérieux",
    "reunion_acculturation": "Réunion d'acculturation",
    "autre": "Autre",
}

ACTION_STATUSES: dict[str, str] = {"a_faire": "À faire", "en_cours": "En cours", "faite": "Faite"}
DONE_OR_PLANNED: dict[str, str] = {"realise": "réalisé", "prevu": "prévu"}
"""`statut` of an exercise or a training (read by render/change_values.py, which labels a
changed value with every vocabulary of this module: no code names it)."""

DIRECTORY_CATEGORIES: dict[str, str] = {
    "ars": "ARS",
    "prefecture": "Préfecture",
    "samu": "SAMU",
    "cpam": "CPAM",
    "sdis": "SDIS",
    "etablissement_sante": "Établissement de santé",
    "etablissement_medico_social": "Établissement médico-social",
    "collectivite": "Collectivité",
    "professionnel_sante": "Professionnel de santé",
    "pharmacie": "Pharmacies",
    "laboratoire": "Laboratoires de biologie",
    "exercice_coordonne": "Exercice coordonné (MSP, centres de santé)",
    "dac": "Dispositif d'appui à la coordination",
    "prestataire": "Prestataires",
    "cpts": "CPTS",
    "association": "Association",
    "autre": "Autre",
}


ESTABLISHMENT_TYPES: dict[str, str] = {
    "centre_hospitalier": "Centre hospitalier",
    "clinique": "Clinique",
    "hopital_proximite": "Hôpital de proximité",
    "msp": "Maison de santé pluriprofessionnelle",
    "centre_de_sante": "Centre de santé",
    "had": "Hospitalisation à domicile",
    "ssiad": "SSIAD",
    "ehpad": "EHPAD",
    "esms": "Établissement médico-social",
    "pharmacie": "Pharmacies",
    "laboratoire": "Laboratoire de biologie",
    "dac": "Dispositif d'appui à la coordination",
    "cump": "CUMP",
    "samu": "SAMU",
    "sdis": "SDIS",
    "imagerie": "Imagerie",
    "centre_dialyse": "Centre de dialyse",
    "psad": "Prestataire de santé à domicile",
    "autre": "Autre",
}
TOOL_TYPES: dict[str, str] = {
    "mssante": "MSSanté",
    "liste_diffusion": "Liste de diffusion",
    "sms": "SMS groupés",
    "messagerie_instantanee": "Messagerie instantanée",
    "visioconference": "Visioconférence",
    "site_internet": "Site internet",
    "ror": "ROR",
    "telephone": "Téléphone",
    "autre": "Autre outil",
}
PHONE_USAGES: dict[str, str] = {
    "standard": "standard",
    "direct": "ligne directe",
    "mobile": "mobile",
    "astreinte": "astreinte",
    "fax": "fax",
    "autre": "autre",
}
REFERENT_ROLES: dict[str, str] = {
    "titulaire": "Titulaire",
    "suppleant": "Suppléant(e)",
    "co_referent": "Co-référent(e), à parts égales",
}
RETEX_ORIGINS: dict[str, str] = {"exercice": "Exercice", "evenement_reel": "Événement réel"}
REFERENCE_TYPES: dict[str, str] = {
    "trame_nationale": "Trame nationale",
    "guide_regional": "Guide régional",
    "orsan": "Plan ORSAN",
    "modele_ars": "Modèle de l'ARS",
    "autre": "Autre document",
}
ROADMAP_STATUSES: dict[str, str] = {
    "a_faire": "À faire",
    "en_cours": "En cours",
    "faite": "Faite",
    "reportee": "Reportée",
    "abandonnee": "Abandonnée",
}
PLAN_LEVELS: dict[str, str] = {
    "local": "local",
    "departemental": "départemental",
    "regional": "régional",
    "national": "national",
}
MESSAGE_ORIGINS: dict[str, str] = {"cpts": "Message de la CPTS", "relaye": "Message relayé"}
FIGURE_SECTIONS: dict[str, str] = {
    "territoire": "Le territoire",
    "anticiper": "Anticiper",
    "adapter": "Adapter la réponse",
    "piloter": "Piloter la réponse",
    "evaluer": "Évaluer",
    "annexes": "Annexe des figures",
}
"""Where a figure is shown, in the order of the document."""


def normalize_volets(names: list[str]) -> list[str]:
    """Current volet names, aliases expanded, order kept, no repeats."""
    result: list[str] = []
    for name in names:
        for current in VOLET_ALIASES.get(name, (name,)):
            if current not in result:
                result.append(current)
    return result
