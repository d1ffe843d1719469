"""Layout mistakes PyYAML reports as something else, recognised from the lines around its
error: Word's dash at the start of a list item, a dash without its space, a paragraph pasted
on two lines, a key dedented out of its section.

PyYAML says « indentation incohérente » for the dash, « il manque « : » » for the pasted
paragraph (and the fix it implies, `Les: membres`, makes things worse), « : » inattendu on the
line after a dedented key. Each function here returns the line where the mistake really is,
the message and the advice that lead to the fix, or None when the lines do not fit.
"""

from __future__ import annotations

import re

Found = tuple[int, int, str, str]
"""line, column (both from 1), message, hint."""

DASHES = {
    "\u2013": "tiret demi-cadratin",
    "\u2014": "tiret cadratin",
    "\u2212": "signe moins",
    "\u2010": "trait d'union typographique",
    "\u2011": "trait d'union insécable",
    "\u2012": "tiret numérique",
    "\u2022": "puce",
}
"""What Word's autocorrect (or a copy from a document) puts where a list needs « - »."""

# Patterns as text, compiled by `re` (and kept in its cache) the first time a syntax error
# needs them: a plan that parses never does, and compiling them all cost every run 1 ms.
_DASH_BULLET = f"^([ \\t]*)([{''.join(DASHES)}])[ \\t]"
_KEY_VALUE = r"^( *)((?:- +)*)([\w-]+):[ \t]+(\S.*)$"
_KEY_ONLY = r"^( *)((?:- +)*)([\w-]+):[ \t]*(#.*)?$"
_ITEM_TEXT = r"^( *)- +(\S.*)$"
_ANY_KEY = r"^[ \t]*(?:- +)*([\w-]+):(?:[ \t]|$)"
_BLOCK = r"[|>][1-9+-]{0,2}[ \t]*(#.*)?"
_NOT_PLAIN = tuple("\"'[{|>&*!")


def dash_bullet(lines: list[str], first: int, last: int) -> Found | None:
    """A line among `first`..`last` (from 1) that starts with a typographic dash where a
    list item starts with « - »."""
    for number in range(max(first, 1), min(last, len(lines)) + 1):
        match = re.match(_DASH_BULLET, lines[number - 1])
        if match is None:
            continue
        dash = match.group(2)
        name = f"« {dash} » ({DASHES[dash]}, U+{ord(dash):04X})"
        return (
            number,
            len(match.group(1)) + 1,
            f"la ligne commence par {name} au lieu du tiret « - » des listes",
            f"remplacez « {dash} » par « - » (le trait d'union du clavier) : Word change "
            "« - » en « – » tout seul (correction automatique), et YAML ne reconnaît alors "
            "plus l'élément de liste",
        )
    return None


def glued_dash(lines: list[str], first: int, last: int) -> Found | None:
    """`-id: cump-59`: the space after the list's « - » forgotten. YAML reads a key « -id »
    and reports an indentation problem, whose advice (« même colonne ») changes nothing."""
    for number in range(max(first, 1), min(last, len(lines)) + 1):
        match = re.match(r"^( *)-([^\W\d][\w-]*):(?:[ \t]|$)", lines[number - 1])
        then = "le champ"
        if match is None:
            match, then = _glued_item_text(lines, number), "le texte"
        if match is None:
            continue
        rest = lines[number - 1][len(match.group(1)) + 1 :].strip()
        return (
            number,
            len(match.group(1)) + 1,
            "il manque une espace après le tiret « - » de l'élément de liste",
            f"écrivez « - {rest} » (un tiret, une espace, puis {then})",
        )
    return None


def _glued_item_text(lines: list[str], number: int) -> re.Match[str] | None:
    """`-Tenir le plan à jour` under `- Recevoir l'alerte`, same column: a text item whose
    space after « - » was forgotten (YAML took it for the text above, not indented)."""
    match = re.match(r"^( *)-([^\s-].*)$", lines[number - 1])
    above = _previous(lines, number)
    if match is None or above is None:
        return None
    neighbour = re.match(_ITEM_TEXT, lines[above - 1])
    return match if neighbour and neighbour.group(1) == match.group(1) else None


def continued_text(lines: list[str], line: int) -> Found | None:
    """`line` (from 1) has no « : » and most likely continues the text of the line above
    (a paragraph pasted on two lines) rather than being a key whose « : » was forgotten."""
    if not 1 < line <= len(lines):
        return None
    here = lines[line - 1]
    words = here.split()
    indent = len(here) - len(here.lstrip(" "))
    above = _previous(lines, line)
    if above is None or not words:
        return None
    if (block := _unindented_block(lines[above - 1], line, indent)) is not None:
        return block
    if re.fullmatch(r" *- *", lines[above - 1]) and len(lines[above - 1].rstrip()) - 1 == indent:
        # A « - » alone on its line, the item's text below it at the same column.
        text = here.strip() if len(here.strip()) <= 40 else here.strip()[:39] + "…"
        return (line, indent + 1,
                f"le texte de l'élément de liste de la ligne {above} est sous son « - », "
                "pas en retrait",
                f"écrivez le texte sur la ligne {above}, après « - » et une espace (« - "
                f"{text} »)")  # fmt: skip
    first = words[0]
    keys = set(re.findall(_ANY_KEY, "\n".join(lines), re.MULTILINE))
    looks_like_key = re.fullmatch(r"[a-z_][a-z0-9_]*", first) is not None and len(words) <= 2
    glued = re.match(r"[\w-]+:", first) is not None  # `version:"1.0"`: a key, space forgotten
    if first in keys or looks_like_key or glued:
        return None
    text = lines[above - 1]
    start = f"la ligne {line} semble continuer le texte de la ligne {above}"
    if (match := re.match(_KEY_VALUE, text)) and not match.group(4).startswith(_NOT_PLAIN):
        column = len(match.group(1)) + len(match.group(2))
        if indent > column:
            return None  # a well-indented continuation is valid YAML
        key = match.group(3)
        return (line, indent + 1, f"{start}, mais elle n'est pas en retrait",
                f"mettez cette ligne (et les suivantes du même texte) en retrait de 2 espaces "
                f"de plus que « {key}: », ou écrivez « {key}: >- » puis tout le texte sur les "
                "lignes suivantes, en retrait")  # fmt: skip
    if (match := re.match(_KEY_ONLY, text)) and len(match.group(1)) + len(match.group(2)) == indent:
        key = match.group(3)
        return (line, indent + 1,
                f"le texte de « {key}: » (ligne {above}) n'est pas en retrait sous « {key}: »",
                f"décalez le texte de 2 espaces vers la droite, toutes ses lignes, ou écrivez "
                f"« {key}: >- » puis le texte en retrait")  # fmt: skip
    if (match := re.match(_ITEM_TEXT, text)) and indent <= len(match.group(1)):
        return (line, indent + 1, f"{start} (élément de liste), mais elle n'est pas en retrait",
                "mettez la suite du texte 2 espaces plus à droite que le « - » de la ligne "
                f"{above}, ou écrivez l'élément sur une seule ligne")  # fmt: skip
    return None


def _unindented_block(above: str, line: int, indent: int) -> Found | None:
    """`action: |` (or `>-`) then the text at the key's own indentation: YAML reads an empty
    text and takes the first line of the text for a key. The fix is the indentation, not a
    « : » (which the generic advice proposed: « Tenir: à jour... »)."""
    match = re.match(_KEY_VALUE, above)
    if match is None or not re.fullmatch(_BLOCK, match.group(4)):
        return None
    column = len(match.group(1)) + len(match.group(2))
    if indent > column:
        return None
    key, mark = match.group(3), match.group(4).split("#")[0].strip()
    return (line, indent + 1,
            f"le texte qui suit « {key}: {mark} » n'est pas en retrait sous « {key}: »",
            f"décalez toutes les lignes du texte, à partir de la ligne {line}, de façon qu'elles "
            f"commencent au moins 2 espaces plus à droite que « {key}: »")  # fmt: skip


def dedented_key(lines: list[str], line: int) -> Found | None:
    """PyYAML stumbles on `line` (« : » inattendu) because the key above it was dedented out
    of its section: `lieu:` / `nom: Salle` (same column) / `  adresse: …`. The mistake is on
    the line above; without a section opening just above that, `line` is the one too far
    right."""
    if not 1 < line <= len(lines):
        return None
    here = lines[line - 1]
    indent = len(here) - len(here.lstrip(" "))
    above = _previous(lines, line)
    if above is None:
        return None
    match = re.match(_KEY_VALUE, lines[above - 1])
    if match is None:
        return None
    column = len(match.group(1)) + len(match.group(2))
    if column >= indent:
        return None
    key, after = match.group(3), here.strip().split(":", 1)[0]
    opener = _previous(lines, above)
    section = re.match(_KEY_ONLY, lines[opener - 1]) if opener is not None else None
    if opener is not None and section and len(section.group(1)) + len(section.group(2)) == column:
        return (above, column + 1,
                f"indentation : « {key}: » n'est pas en retrait sous « {section.group(3)}: » "
                f"(ligne {opener})",
                f"ajoutez {indent - column} espaces au début de la ligne {above}, pour aligner "
                f"« {key}: » sur « {after}: » (ligne {line})")  # fmt: skip
    return (line, indent + 1,
            f"indentation : « {after}: » est plus en retrait que « {key}: » (ligne {above})",
            f"alignez « {after}: » sur « {key}: » ; si la valeur de la ligne {above} contient "
            "« : », mettez-la entre guillemets")  # fmt: skip


def _previous(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` (from 1) that holds something other than a comment."""
    for number in range(line - 1, 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


_VALUE = r"^( *(?:- +)*(?:[\w-]+:[ \t]+)?)(\S.*?)[ \t]*$"
_RESERVED_START = "[{*&!@`%"


def value_start(source_line: str, col: int) -> Found | None:
    """A value whose first character means something to YAML, and text after it: `'chaîne
    d'alerte'` (the inner apostrophe closes the value), `"Premier test" de la chaîne` (text
    after the closing quote), `[à vérifier] horaires` (a list, then text), `*important*` (an
    alias). PyYAML says « indentation incohérente » or answers in English; the fix is in
    the quoting. `col` is where PyYAML stopped (from 1), on that line."""
    match = re.match(_VALUE, source_line)
    if match is None:
        return None
    key, value = match.groups()
    start = len(key) + 1
    if col <= start and value[0] not in "*&!@`%":
        return None
    label = key.strip().lstrip("- ").strip()
    inner = value[1:-1] if value[-1:] == value[0] else value[1:]
    if value[0] == "'":
        doubled = inner.replace("'", "''")
        return (
            0, col,
            "une apostrophe dans une valeur écrite entre apostrophes ('…') la termine",
            f"doublez l'apostrophe à l'intérieur : {label} '{doubled}', ou retirez les "
            "apostrophes qui entourent la valeur",
        )  # fmt: skip
    if value[0] == '"':
        french = re.sub(r'"([^"]*)"', r"« \1 »", value, count=1)
        return (
            0, col,
            "du texte suit le guillemet qui ferme la valeur",
            "des guillemets droits au début d'une valeur doivent l'entourer tout entière : "
            f"écrivez par exemple {label} {french}",
        )  # fmt: skip
    if value[0] in _RESERVED_START:
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        return (
            0, start,
            f"une valeur qui commence par « {value[0]} » a un sens pour YAML "
            + ("(une liste ou une section) " if value[0] in "[{" else ""),
            f'mettez toute la valeur entre guillemets : {label} "{quoted}"',
        )  # fmt: skip
    return None


def misaligned_item(lines: list[str], line: int) -> Found | None:
    """`- Tenir le plan à jour` two spaces left of the item above, or `nom:` one space left
    of `type:` in the same entry: PyYAML says only that the indentation is inconsistent; the
    fix is the column of the neighbour above."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    above = _previous(lines, line)
    if above is None:
        return None
    item = re.match(_ITEM_TEXT, here)
    if item is not None:
        neighbour = re.match(_ITEM_TEXT, lines[above - 1])
        indent, what = len(item.group(1)), "ce « - »"
        column = len(neighbour.group(1)) + 1 if neighbour else 0
        other = "celui"
    else:
        key = re.match(r"^( *)([\w-]+):(?:[ \t]|$)", here)
        neighbour = re.match(r"^( *(?:- +)?)([\w-]+):(?:[ \t]|$)", lines[above - 1])
        if key is None or neighbour is None:
            return None
        indent, what = len(key.group(1)), f"« {key.group(2)}: »"
        column, other = len(neighbour.group(1)) + 1, f"« {neighbour.group(2)}: »"
    if neighbour is None or column - 1 <= indent:
        return None
    missing = column - indent - 1
    return (
        line,
        indent + 1,
        f"indentation incohérente : {what} n'est pas aligné sur {other} de la ligne {above}",
        f"si c'est un élément de la même liste ou section, commencez-le à la colonne {column}, "
        f"comme {other} de la ligne {above} (ajoutez {missing} espace"
        f"{'s' if missing > 1 else ''} au début de la ligne)",
    )
