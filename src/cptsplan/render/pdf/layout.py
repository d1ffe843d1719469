"""Filling the Typst layout plan-sse.typ: the variables of pandoc's template syntax.

plan-sse.typ keeps pandoc's template syntax, so that a layout written for earlier versions
of cptsplan (copied into a plan's templates/ folder) still works: `$nom$` (or `${nom}$`),
`$if(nom)$ ... $else$ ... $endif$`, `$for(nom)$ ... $sep$ ... $endfor$`, `$--` comments and
`$$` for a dollar sign. Values are the texts of the running header and footer and the
document's title: written as Typst markup, every character escaped (writer.escape), as pandoc
escapes metadata; `body` is the document itself. A variable the layout names but cptsplan
does not give is empty (pandoc does the same). Pandoc's other template features (pipes,
partials, nested variables) are refused with the file and the line named: silently printing
`$...$` would be worse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from cptsplan.errors import ConfigurationError
from cptsplan.render.pdf.writer import escape

Value = str | bool | Sequence[str]

_TAG = re.compile(r"\$(?:(\$)|(--)|([^$\n]*)\$)")
_NAME = re.compile(r"[A-Za-z][\w-]*")
_CONTROL = re.compile(r"(if|for)\(([A-Za-z][\w-]*)\)")


class LayoutError(ConfigurationError):
    pass


def _tokens(layout: str, where: str) -> list[tuple[str, str, int]]:
    """('text', text) and ('tag', inside) pieces, with the line of each tag."""
    tokens: list[tuple[str, str, int]] = []
    position = 0
    for match in _TAG.finditer(layout):
        line = layout.count("\n", 0, match.start()) + 1
        text = layout[position : match.start()]
        if "$" in text:  # a lone dollar, with no closing one on its line
            stray = layout.count("\n", 0, position + text.index("$")) + 1
            raise _refused(where, stray, "$")
        dollar, comment, inner = match.groups()
        if dollar:
            tokens.append(("text", text + "$", line))
        elif comment:
            tokens.append(("text", text, line))
            end = layout.find("\n", match.start())
            position = len(layout) if end < 0 else end + 1
            continue
        else:
            tokens.append(("text", text, line))
            tokens.append(("tag", inner.strip(), line))
        position = match.end()
    rest = layout[position:]
    if "$" in rest:
        raise _refused(where, layout.count("\n", 0, position + rest.index("$")) + 1, "$")
    tokens.append(("text", rest, 0))
    return tokens


def _refused(where: str, line: int, tag: str) -> LayoutError:
    return LayoutError(
        f"gabarit {where}, ligne {line} : « {tag.strip()} » n'est pas une variable du modèle "
        "(syntaxe reconnue : $nom$, $if(nom)$…$else$…$endif$, $for(nom)$…$endfor$, $$ pour "
        "un dollar)",
        "corrigez le gabarit ou retirez-le pour revenir au gabarit fourni avec cptsplan",
    )


def fill(layout: str, values: Mapping[str, Value], body: str, where: str) -> str:
    """The layout with its variables replaced; `body` is written as it is (Typst markup)."""
    tokens = _tokens(layout, where)
    out: list[str] = []
    _render(tokens, 0, len(tokens), values, body, where, out)
    return "".join(out)


def _value(name: str, values: Mapping[str, Value], body: str) -> str:
    if name == "body":
        return body
    value = values.get(name)
    if value is None or value is False:
        return ""
    if value is True:
        return "true"
    if isinstance(value, str):
        return escape(value)
    return "".join(escape(item) for item in value)


def _truthy(name: str, values: Mapping[str, Value], body: str) -> bool:
    if name == "body":
        return bool(body)
    return bool(values.get(name))


def _block_end(tokens: list[tuple[str, str, int]], start: int, where: str) -> tuple[int, int]:
    """For the `if`/`for` at `start`: the index of its `else`/`sep` (or -1) and its end."""
    depth, middle = 0, -1
    for index in range(start + 1, len(tokens)):
        kind, inner, _ = tokens[index]
        if kind != "tag":
            continue
        if _CONTROL.fullmatch(inner):
            depth += 1
        elif inner in ("endif", "endfor"):
            if depth == 0:
                return middle, index
            depth -= 1
        elif inner in ("else", "sep") and depth == 0:
            middle = index
    raise _refused(where, tokens[start][2], "$" + tokens[start][1] + "$ (sans fin)")


def _render(
    tokens: list[tuple[str, str, int]],
    start: int,
    end: int,
    values: Mapping[str, Value],
    body: str,
    where: str,
    out: list[str],
) -> None:
    index = start
    while index < end:
        kind, inner, line = tokens[index]
        if kind == "text":
            out.append(inner)
            index += 1
            continue
        control = _CONTROL.fullmatch(inner)
        if control is not None:
            middle, close = _block_end(tokens, index, where)
            first_end = middle if middle >= 0 else close
            name = control.group(2)
            if control.group(1) == "if":
                if _truthy(name, values, body):
                    _render(tokens, index + 1, first_end, values, body, where, out)
                elif middle >= 0:
                    _render(tokens, middle + 1, close, values, body, where, out)
            else:
                value = values.get(name)
                if isinstance(value, str | bool):
                    items: list[Value] = [value] if value else []
                else:
                    items = list(value or [])
                for number, item in enumerate(items):
                    if number and middle >= 0:
                        _render(tokens, middle + 1, close, values, body, where, out)
                    _render(tokens, index + 1, first_end, {**values, name: item}, body, where,
                            out)  # fmt: skip
            index = close + 1
            continue
        name = inner[1:-1] if inner.startswith("{") and inner.endswith("}") else inner
        if not _NAME.fullmatch(name):
            raise _refused(where, line, "$" + inner + "$")
        out.append(_value(name, values, body))
        index += 1
