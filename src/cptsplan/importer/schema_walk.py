"""Walks of the plan schema that the import needs beyond the tables: the required fields a
section started by a table still lacks (`fill_required`), and the free-text fields outside
lists that prose can go to (`text_fields`)."""

from __future__ import annotations

from functools import cache
from typing import Any

from cptsplan.importer.generic import missing_value, resolve
from cptsplan.importer.sections import plain


def fill_required(data: dict[str, Any]) -> None:
    """A section a table started (`continuite_des_soins` from its Besoin | Organisation
    table) gets its other required fields as `A_COMPLETER`, never invented."""
    from cptsplan.schema.plan_schema import base_schema

    def walk(node: Any, schema: dict[str, Any]) -> None:
        schema = resolve(schema)
        if isinstance(node, list) and isinstance(schema.get("items"), dict):
            for item in node:
                walk(item, schema["items"])
        if not isinstance(node, dict) or "properties" not in schema:
            return
        for name in schema.get("required", []):
            if name not in node and name in schema["properties"]:
                value = missing_value(schema["properties"][name])
                if value is not None:
                    node[name] = value
        for name, child in node.items():
            if name in schema["properties"]:
                walk(child, schema["properties"][name])

    walk(data, base_schema())


@cache
def text_fields() -> list[tuple[tuple[str, ...], str, str]]:
    """(path, title, title of its object) of every free-text field outside lists."""
    from cptsplan.schema.plan_schema import base_schema

    found: list[tuple[tuple[str, ...], str, str]] = []

    def walk(node: dict[str, Any], path: tuple[str, ...], parent: str) -> None:
        node = resolve(node)
        for key, child in node.get("properties", {}).items():
            field = resolve(child)
            title = plain(str(child.get("title") or field.get("title", "")))
            if field.get("type") == "string" and int(field.get("maxLength", 0)) >= 20000:
                found.append(((*path, key), title, parent))
            elif "properties" in field:
                walk(child, (*path, key), title)

    walk(base_schema(), (), "")
    return found
