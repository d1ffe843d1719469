"""Write the rule catalogue of docs/regles.md from the registry (between its two markers).

python tools/regles_doc.py          # rewrite the catalogue
python tools/regles_doc.py --check  # exit 1 if docs/regles.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "regles.md"
BEGIN = "<!-- catalogue : début (généré par tools/regles_doc.py, ne pas modifier à la main) -->"
END = "<!-- catalogue : fin -->"
sys.path.insert(0, str(REPO / "src"))


def catalogue() -> str:
    from cptsplan.rules import FAMILIES, all_rules
    from cptsplan.rules.base import severity_reason

    rules = all_rules()
    errors = [rule for rule in rules if rule.severity.name == "ERROR"]
    lines = [
        f"{len(rules)} règles, en {len(FAMILIES)} familles ; {len(errors)} sont des erreurs par "
        "défaut. La colonne « pourquoi » dit d'où vient la sévérité : celle de la source, ou "
        "la raison d'un écart.",
        "",
    ]
    for family, title in FAMILIES.items():
        members = [rule for rule in rules if rule.family == family]
        lines += [
            f"### {title}",
            "",
            "| règle | sévérité | source | ce qui est vérifié | pourquoi cette sévérité |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| [`{r.id}`](#{r.id}) | {r.severity.label_fr} | {r.source.value} | "
            f"{r.description} | {severity_reason(r)} |"
            for r in members
        ]
        lines.append("")
        for rule in members:
            lines += [
                f"#### {rule.id}",
                "",
                f"*{rule.severity.label_fr}, source : {rule.source.value}* — "
                f"{severity_reason(rule)}.",
                "",
                rule.explanation,
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"


def updated(text: str) -> str:
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n\n{catalogue()}\n{END}{tail}"


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in sys.argv:
        if new != text:
            print("docs/regles.md n'est pas à jour : lancez python tools/regles_doc.py")
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
