"""Descriptions of every check id a report can hold, for the CI formats that list them
(SARIF `tool.driver.rules`, JUnit test cases): conformity rules from the registry, and the
loading and schema checks that come before them."""

from __future__ import annotations

from dataclasses import dataclass

from cptsplan.findings.problems import Severity

BUILTIN_CHECKS: dict[str, str] = {
    "fichier-illisible": "Le fichier du plan peut être lu.",
    "fichier-refuse": "Les fichiers du plan sont des fichiers ordinaires de son dossier.",
    "plan-vide": "Le dossier du plan contient des fichiers YAML.",
    "fichier-ignore": "Les fichiers du dossier du plan qui ne sont pas lus sont signalés.",
    "dossier-illisible": "Le dossier du plan peut être lu.",
    "dossier-sans-plan": "Chaque dossier d'un ensemble de plans contient un plan.",
    "configuration-invalide": "Le .cptsplan.yaml du plan se charge.",
    "archive-non-lue": "Les plans du dossier ne sont pas envoyés dans une archive.",
    "lien-non-suivi": "Le dossier des plans ne contient pas de lien vers l'extérieur.",
    "document-illisible": "Le document Word ou LibreOffice du plan peut être lu (.docx, .odt).",
    "plan-trop-grand": "Le plan a une taille qu'un plan réel peut avoir.",
    "trop-d-erreurs": "Le plan a un nombre d'erreurs de format qui peut être listé.",
    "erreur-interne": "La vérification du plan va jusqu'au bout sans erreur de cptsplan.",
    "plan-section-dupliquee": "Une section n'est écrite que dans un seul fichier du plan.",
    "yaml-syntaxe": "Le fichier est du YAML valide.",
    "yaml-tabulation": "Le fichier est indenté avec des espaces, pas des tabulations.",
    "yaml-alias": "Le fichier n'utilise ni ancres ni alias YAML.",
    "yaml-profondeur": "L'imbrication du fichier reste raisonnable.",
    "yaml-taille": "Le fichier a une taille raisonnable.",
    "yaml-encodage": "Le fichier est encodé en UTF-8.",
    "yaml-vide": "Le fichier n'est pas vide.",
    "yaml-structure": "Le fichier contient des sections (clé: valeur).",
    "yaml-cle-dupliquee": "Une clé n'est écrite qu'une fois.",
    "yaml-type-non-supporte": "Les valeurs sont du texte, des nombres, des listes ou des sections.",
    "schema-manquant": "Les sections et champs obligatoires du format sont présents.",
    "schema-cle-inconnue": "Les clés sont celles du format de plan.",
    "schema-type": "Chaque valeur a le type attendu.",
    "schema-valeur": "Chaque valeur est permise.",
    "schema-date": "Les dates sont des dates réelles au format AAAA-MM-JJ.",
    "schema-format": "Les valeurs ont la forme attendue.",
    "schema-liste-vide": "Les listes obligatoires ne sont pas vides.",
    "schema-doublon": "Une liste ne contient pas deux fois la même valeur.",
    "reference-inconnue": "Chaque référence renvoie à un identifiant existant.",
    "identifiant-duplique": "Chaque identifiant est unique.",
}


@dataclass(frozen=True)
class CheckInfo:
    id: str
    description: str
    explanation: str
    severity: Severity
    source: str


def check_info(rule_id: str) -> CheckInfo:
    from cptsplan.rules import get_rule

    rule = get_rule(rule_id)
    if rule is not None:
        return CheckInfo(
            rule.id, rule.description, rule.explanation, rule.severity, rule.source.value
        )
    description = BUILTIN_CHECKS.get(rule_id, "Vérification du format du plan.")
    return CheckInfo(rule_id, description, description, Severity.ERROR, "format du plan")


def catalog(used: set[str]) -> list[CheckInfo]:
    """Every conformity rule, then the other checks that appear in the results."""
    from cptsplan.rules import all_rules

    infos = [check_info(rule.id) for rule in all_rules()]
    known = {info.id for info in infos}
    return infos + [check_info(rule_id) for rule_id in sorted(used - known)]
