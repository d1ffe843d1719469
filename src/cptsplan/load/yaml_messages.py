"""PyYAML's English errors turned into French messages at the place the mistake was made.

PyYAML often notices a mistake a line later than where it was made (a missing « : » is seen
when the next key starts), and knows nothing of the usual causes: a no-break space pasted from
a web page, Word's curly quotes. These functions put the position back where the coordinator
must look and name the cause.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from cptsplan.load.yaml_mistakes import (
    DASHES,
    continued_text,
    dash_bullet,
    dedented_key,
    glued_dash,
    misaligned_item,
    value_start,
)

INVISIBLE_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u202f\u205f\u3000\ufeff"
)
"""Characters that look like a space (or nothing) but are not one for YAML."""

# Compiled by `re` when a syntax error needs them (a plan that parses never does).
_INDENT_INVISIBLE = f"^[ \\t]*([{INVISIBLE_SPACES}])"
CURLY_QUOTES = "“”‘’„‟«»"
_CURLY = "[“”‘’„‟]"


def quotes_name(opening: str) -> str:
    """« de guillemets français (« ») », « d'apostrophes courbes (‘ ’) »: the quotes the
    coordinator sees in the file, not another pair (after « entouré »)."""
    if opening in "«»":
        return "de guillemets français (« »)"
    if opening in "‘’":
        return "d'apostrophes courbes (‘ ’)"
    return "de guillemets courbes (“ ”)"


_SYNTAX_MESSAGES: list[tuple[str, str, str | None]] = [
    (
        r"found character '\\t' that cannot start any token",
        "tabulation interdite : YAML s'indente avec des espaces",
        "remplacez les tabulations par des espaces (2 par niveau)",
    ),
    (
        r"mapping values are not allowed here",
        "« : » inattendu",
        "une valeur qui contient « : » doit être entre guillemets, ou l'indentation est incorrecte",
    ),
    (
        r"could not find expected ':'",
        "il manque « : » après une clé, ou une ligne est mal indentée",
        None,
    ),
    (
        r"expected <block end>, but found",
        "indentation incohérente",
        "les éléments d'une même liste ou section doivent commencer à la même colonne",
    ),
    (
        r"found unexpected end of stream",
        "fin de fichier inattendue : un guillemet ou un crochet n'est pas fermé",
        None,
    ),
    (
        r"found unknown escape character",
        "caractère d'échappement inconnu dans une chaîne entre guillemets doubles",
        "utilisez des guillemets simples, ou doublez la barre oblique inverse « \\\\ »",
    ),
    (  # "C:\Users\..." : « \U » starts an 8-digit code for YAML
        r"expected escape sequence of \d+ hexadecimal numbers",
        "caractère d'échappement inconnu dans une chaîne entre guillemets doubles",
        "utilisez des guillemets simples, ou doublez la barre oblique inverse « \\\\ »",
    ),
    (
        r"found invalid Unicode character escape code",
        "code de caractère invalide dans une chaîne entre guillemets doubles (« \\u... »)",
        "écrivez le caractère lui-même plutôt que son code",
    ),
    (
        r"expected a single document in the stream",
        "un fichier ne doit contenir qu'un seul document YAML",
        "retirez la ligne « --- » qui sépare un second document",
    ),
    (r"special characters are not allowed", "caractère de contrôle interdit dans le fichier", None),
    (
        r"found undefined alias",
        "les ancres et alias YAML (« & » et « * ») ne sont pas acceptés",
        None,
    ),
    (
        r"while parsing a flow",
        "liste ou section entre crochets/accolades mal fermée",
        "vérifiez les « [ ] » et « { } » et les virgules",
    ),
    (r"while scanning a quoted scalar", "guillemet non fermé", None),
    (
        r"while scanning a simple key",
        "il manque « : » après une clé, ou une ligne est mal indentée",
        None,
    ),
]

_VALUE_ERRORS = re.compile(
    r"expected <block end>|an alias|an anchor|cannot start any token|a tag|expected ',' or"
)
"""PyYAML's words when a value's first character meant something to YAML (value_start)."""

SyntaxFinding = tuple[int, int, str, str, str | None]
"""line, column, rule, message, hint."""


def character_name(char: str) -> str:
    """'U+00A0 (espace insécable)': the code, and a French name for the usual suspects."""
    names = {
        "\u00a0": "espace insécable",
        "\u202f": "espace fine insécable",
        "\u2007": "espace tabulaire",
        "\u2009": "espace fine",
        "\u200b": "espace sans chasse",
        "\ufeff": "indicateur d'ordre des octets",
        "\u3000": "espace idéographique",
        **DASHES,
        "\x1b": "échappement (ESC)",
        "\x07": "sonnerie (BEL)",
        "\x08": "retour arrière",
        "\x0c": "saut de page",
        "\x7f": "suppression (DEL)",
        "\x85": "passage à la ligne (NEL)",
        "\ufffe": "non-caractère",
        "\uffff": "non-caractère",
    }
    if char in names:
        label = names[char]
    elif "\ud800" <= char <= "\udfff":
        label = "moitié de caractère (substitut isolé)"
    elif char in INVISIBLE_SPACES:
        label = "espace spéciale"
    elif unicodedata.category(char) == "Cc":
        label = "caractère de contrôle"
    else:
        label = unicodedata.name(char, "caractère").lower()
    return f"U+{ord(char):04X} ({label})"


def invisible_indentation(text: str) -> SyntaxFinding | None:
    """A no-break (or other invisible) space in a line's indentation: YAML takes it for text,
    so the line is read as less indented than it looks, and the error shows up elsewhere."""
    match = re.search(_INDENT_INVISIBLE, text, re.MULTILINE)
    if match is None:
        return None
    offset = match.start(1)
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return (
        line,
        col,
        "yaml-espace-invisible",
        f"caractère invisible {character_name(match.group(1))} dans l'indentation",
        "remplacez-le par une espace ordinaire (ce caractère vient souvent d'un copier-coller "
        f"depuis Word ou une page web){_others(text, _INDENT_INVISIBLE, line)}",
    )


def syntax_finding(exc: yaml.MarkedYAMLError, text: str) -> SyntaxFinding:
    """The French message for a PyYAML (or libyaml) error, where the mistake was made."""
    english = " ".join(filter(None, [exc.context, exc.problem]))
    # For an unclosed quote or bracket the useful place is where it was opened; for a key
    # without « : » too (PyYAML notices it at the next line).
    opened_earlier = "end of stream" in english and exc.context_mark is not None
    missing_colon = "could not find expected ':'" in english and exc.context_mark is not None
    mark = exc.context_mark if opened_earlier or missing_colon else exc.problem_mark
    line, col = _mark_position(mark)
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    unclosed = _unclosed_quote(lines, exc.context_mark, exc.problem_mark)
    if unclosed is not None:
        return (
            *unclosed,
            "yaml-syntaxe",
            "syntaxe YAML : guillemet non fermé",
            "fermez le guillemet à la fin de la valeur, sur la même ligne",
        )
    misquoted = _VALUE_ERRORS.search(english) and value_start(source_line, col)
    if misquoted:
        _, found_col, what, advice = misquoted
        return (line, found_col, "yaml-syntaxe", f"syntaxe YAML : {what.rstrip()}", advice)
    # Word's « – » is seen a line or two later, as an indentation or « : » problem.
    layout = dash_bullet(lines, line - 3, line) or glued_dash(lines, line - 3, line)
    if not missing_colon and "mapping values are not allowed here" in english:
        # `role titulaire` or `version:"1.0"` just above, at the same indentation: YAML read
        # it as the start of a text running on to this line, and stumbles on this « : ».
        earlier = _key_without_colon(lines, line)
        if earlier is not None:
            line, col = earlier
            source_line, missing_colon = lines[line - 1], True
        else:  # or a key above was dedented out of its section
            layout = layout or dedented_key(lines, line)
    if layout is None and "expected <block end>" in english:
        layout = misaligned_item(lines, line)
    if missing_colon and layout is None:  # or a paragraph pasted on two lines
        layout = continued_text(lines, line)
    if layout is not None:
        found_line, found_col, what, advice = layout
        return (found_line, found_col, "yaml-syntaxe", f"syntaxe YAML : {what}", advice)
    if missing_colon:
        # `statut:transmis` has its « : »: what it lacks is the space after it.
        glued = re.match(r"[\w-]+:\S", source_line[col - 1 :].strip())
        what = "il manque une espace après « : »" if glued else "il manque « : » après une clé"
        return (line, col, "yaml-syntaxe", f"syntaxe YAML : {what}",
                _colon_hint(source_line, col))  # fmt: skip
    if "mapping values are not allowed here" in english and (
        quoted := _colon_in_value(source_line, col)
    ):
        return (line, col, "yaml-syntaxe",
                "syntaxe YAML : « : » suivi d'une espace dans une valeur sans guillemets",
                f"mettez toute la valeur entre guillemets : {quoted}")  # fmt: skip
    for pattern, message, hint in _SYNTAX_MESSAGES:
        if re.search(pattern, english):
            rule = "yaml-tabulation" if "\\t" in pattern else "yaml-syntaxe"
            if rule == "yaml-tabulation":
                hint = f"{hint}{_other_tabs(lines, line)}"
            elif "escape" in pattern:
                hint = _path_hint(source_line) or hint
            return (line, col, rule, f"syntaxe YAML : {message}",
                    _with_curly_hint(hint, source_line))  # fmt: skip
    return (line, col, "yaml-syntaxe", "syntaxe YAML invalide",
            _with_curly_hint(english_detail(english), source_line))  # fmt: skip


def _other_tabs(lines: list[str], line: int) -> str:
    """PyYAML stops at the first tab: an editor set to indent with tabs put one on many
    lines, and the coordinator met them one run at a time. They are all named at once."""
    return _others("\n".join(lines), r"^[ ]*\t", line)


def _others(text: str, pattern: str, line: int) -> str:
    """« ; ce fichier en a aussi au début des lignes 30, 49 »: the other lines whose start
    matches `pattern` (a multi-line pattern), after the one reported at `line`."""
    others: list[int] = []
    counted, number = 0, 1
    for match in re.finditer(pattern, text, re.MULTILINE):  # lines counted once, in order
        number += text.count("\n", counted, match.start())
        counted = match.start()
        if number != line:
            others.append(number)
        if len(others) > 10:
            break
    if not others:
        return ""
    shown = ", ".join(str(n) for n in others[:10]) + (" …" if len(others) > 10 else "")
    return f" ; ce fichier en a aussi au début des lignes {shown}"


def _key_without_colon(lines: list[str], line: int) -> tuple[int, int] | None:
    """The line above `line` (1-based) when it looks like a key whose « : » is missing."""
    if not 1 < line <= len(lines):
        return None
    here = lines[line - 1]
    indent = len(here) - len(here.lstrip(" "))
    above = next(
        (n for n in range(line - 1, 0, -1) if lines[n - 1].strip()), None
    )  # the nearest line that is not blank
    if above is None:
        return None
    text = lines[above - 1]
    stripped = text.lstrip(" ")
    if len(text) - len(stripped) != indent or stripped.startswith(("#", "- ", "-\t")):
        return None
    if re.match(r"[\w-]+:\S", stripped) or (": " not in stripped and not stripped.endswith(":")):
        return (above, indent + 1)
    return None


def _colon_in_value(source_line: str, col: int) -> str | None:
    """`remarques: Note: à voir` -> `remarques: "Note: à voir"`: the « : » PyYAML stumbles
    on is inside the value of a key on the same line, so quoting is the fix, not the
    indentation. The value's own quotes are doubled as YAML wants."""
    match = re.match(r"^( *(?:- +)*[\w-]+: +)([^\s\"'#\[{|>&*!].*)$", source_line.rstrip())
    if match is None or col - 1 <= len(match.group(1)) or re.search(_CURLY, source_line):
        return None
    value = match.group(2).replace('"', '\\"')
    return f'{match.group(1).strip()} "{value}"'


def _colon_hint(source_line: str, col: int) -> str:
    written = source_line[col - 1 :].strip()
    glued = re.match(r"([\w-]+):(\S.*)", written)
    if glued:
        return f"mettez une espace après « : » : « {glued.group(1)}: {glued.group(2)} »"
    parts = written.split(None, 1)
    if len(parts) == 2 and re.fullmatch(r"[\w-]+", parts[0]):
        return f"écrivez « {parts[0]}: {parts[1]} » (le nom du champ, « : », une espace, la valeur)"
    return "chaque ligne s'écrit « champ: valeur », ou « - » pour un élément de liste"


def _path_hint(source_line: str) -> str | None:
    r"""`fichier: "figures\carte.png"`, typed as Windows writes paths: the « \ » are the
    mistake, and « / » is read on every system. A path from the disk (« C:\... ») is not
    the plan's: the image must be copied into the plan's folder."""
    match = re.search(r'"([^"]*\\[^"]*)"', source_line)
    if match is None or not re.search(r"\\\w[^\\]*(\\|\.\w{2,4}$)|^[A-Za-z]:\\", match.group(1)):
        return None
    written = match.group(1)
    if re.match(r"[A-Za-z]:\\|\\\\", written):
        name = written.rsplit("\\", 1)[-1]
        return (
            "ce chemin est celui de votre ordinateur : copiez le fichier dans le dossier du "
            f"plan (par exemple dans figures/) et écrivez « figures/{name} », avec des « / »"
        )
    slashed = written.replace("\\", "/")
    return (
        f'dans un chemin, écrivez « / » au lieu de « \\ » : "{slashed}" (ou mettez le '
        "chemin entre guillemets simples)"
    )


def _with_curly_hint(hint: str | None, source_line: str) -> str | None:
    if not re.search(_CURLY, source_line):
        return hint
    curly = (
        "les guillemets courbes (“ ” ‘ ’) ne sont pas des guillemets pour YAML : "
        "remplacez-les par des guillemets droits (\" ou ')"
    )
    return f"{curly} ; {hint}" if hint else curly


def _unclosed_quote(
    lines: list[str], start: yaml.Mark | None, end: yaml.Mark | None
) -> tuple[int, int] | None:
    """Where a quote opened and never closed on its line, near a parse error: PyYAML reports
    such errors lines later, as an indentation problem, which misleads the reader."""
    if start is None or end is None:
        return None
    for number in range(start.line, min(end.line, len(lines) - 1) + 1):
        line = lines[number]
        value = line.split(": ", 1)[1] if ": " in line else line.lstrip(" -")
        stripped = value.lstrip()
        if stripped[:1] in ('"', "'"):
            quote = stripped[0]
            body = stripped[1:].replace("\\" + quote, "") if quote == '"' else stripped[1:]
            if quote not in body.replace(quote * 2, ""):
                return (number + 1, line.index(stripped) + 1)
    return None


def english_detail(english: str) -> str:
    return f"détail technique : {english.strip()}"


def _mark_position(mark: yaml.Mark | None) -> tuple[int, int]:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)
