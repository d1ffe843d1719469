"""Structural comparison of two plans' data.

Lists whose items carry an `id` (references.ID_COLLECTIONS) are matched by id: a moved item is
not « removed + added », and a reordering is reported once per list (« ordre modifié »). An id
that disappears while an item with another id and the same content (≥ RENAME_SIMILARITY of its
JSON text, id excluded) appears is a renaming; references to the old id then count as equal.
Other lists are aligned like lines of text (difflib on the items' JSON), so an action added in
the middle is one addition, and an item changed in place is compared field by field. Lists of
texts whose items are only reordered get one « ordre modifié ».
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from cptsplan.diff.labels import element_label, field_path_label, schema_order, title
from cptsplan.diff.result import Change, Element, Group
from cptsplan.diff.words import word_diff
from cptsplan.schema.placeholders import is_marker
from cptsplan.schema.references import ID_COLLECTIONS

RENAME_SIMILARITY = 0.8
PAIR_SIMILARITY = 0.5
"""Two list items without id at the same place are one item changed above this similarity."""
CONTACT_FIELDS = ("telephones", "email", "mssante", "adresse")
"""Directory coordinates (redact.py): masked as « coordonnées modifiées »."""

Path = tuple[str | int, ...]
_KIND_OF: dict[Path, str] = {path: kind for kind, path in ID_COLLECTIONS.items()}


class _Context:
    """`renamed`: old id -> new id, every kind together (ids are compared as whole strings
    only)."""

    __slots__ = ("changes", "mask_contacts", "renamed", "renames_by_kind")

    def __init__(self, mask_contacts: bool) -> None:
        self.mask_contacts = mask_contacts
        self.renamed: dict[str, str] = {}
        self.renames_by_kind: dict[str, dict[str, str]] = {}
        self.changes: list[Change] = []


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < RENAME_SIMILARITY or matcher.quick_ratio() < RENAME_SIMILARITY:
        return 0.0
    return matcher.ratio()


def _get(data: Any, path: Path) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(str(part))
    return data


def _ids(items: Any) -> dict[str, tuple[int, dict[str, Any]]]:
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found.setdefault(item["id"], (index, item))
    return found


def find_renames(old: dict[str, Any], new: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Per kind of id, old id -> new id for the items whose id changed and content did not."""
    renames: dict[str, dict[str, str]] = {}
    for kind, path in ID_COLLECTIONS.items():
        before, after = _ids(_get(old, path)), _ids(_get(new, path))
        gone = [i for i in before if i not in after]
        came = [i for i in after if i not in before]
        if not gone or not came:
            continue
        texts = {i: _text({k: v for k, v in after[i][1].items() if k != "id"}) for i in came}
        candidates = []
        for old_id in gone:
            old_text = _text({k: v for k, v in before[old_id][1].items() if k != "id"})
            for new_id in came:
                score = _similarity(old_text, texts[new_id])
                if score >= RENAME_SIMILARITY:
                    candidates.append((score, old_id, new_id))
        taken: set[str] = set()
        for _score, old_id, new_id in sorted(candidates, key=lambda c: -c[0]):
            if old_id not in renames.get(kind, {}) and new_id not in taken:
                renames.setdefault(kind, {})[old_id] = new_id
                taken.add(new_id)
    return renames


def compare(old: dict[str, Any], new: dict[str, Any], mask_contacts: bool) -> list[Group]:
    context = _Context(mask_contacts)
    context.renames_by_kind = find_renames(old, new)
    for mapping in context.renames_by_kind.values():
        context.renamed.update(mapping)
    _dict(old, new, (), context, "", None, 0)
    return _group(context.changes)


def _same(old: Any, new: Any, context: _Context) -> bool:
    if old == new:
        return True
    return isinstance(old, str) and context.renamed.get(old) == new


def _walk(
    old: Any, new: Any, path: Path, ctx: _Context, shown: str, element: Element | None, start: int
) -> None:
    if _same(old, new, ctx):
        return
    if ctx.mask_contacts and _is_contact(path):
        # The same phones in another order are not new coordinates: the internal edition says
        # « ordre modifié » of them, and so does this one (without the values).
        masked = "ordre" if _reordered(old, new) else "coordonnees"
        ctx.changes.append(_change(ctx, masked, path, shown, element, start, masked=True))
        return
    if isinstance(old, dict) and isinstance(new, dict):
        _dict(old, new, path, ctx, shown, element, start)
    elif isinstance(old, list) and isinstance(new, list):
        kind = _KIND_OF.get(path) if all(isinstance(p, str) for p in path) else None
        if kind is not None:
            _by_id(old, new, path, ctx, shown, kind)
        else:
            _aligned(old, new, path, ctx, shown, element, start)
    else:
        texts = isinstance(old, str) and isinstance(new, str)
        # « A_COMPLETER » replaced by a value reads « à compléter » → value, not word by word.
        words = word_diff(old, new) if texts and not (is_marker(old) or is_marker(new)) else None
        ctx.changes.append(
            _change(ctx, "modification", path, shown, element, start, old=old, new=new,
                    words=words)
        )  # fmt: skip


def _reordered(old: Any, new: Any) -> bool:
    """The same items in another order (as `_aligned` tells an order change)."""
    if not isinstance(old, list) or not isinstance(new, list):
        return False
    return sorted(_text(item) for item in old) == sorted(_text(item) for item in new)


def _is_contact(path: Path) -> bool:
    return len(path) >= 3 and path[0] == "annuaire" and path[2] in CONTACT_FIELDS


def _dict(
    old: dict[str, Any], new: dict[str, Any], path: Path, ctx: _Context, shown: str,
    element: Element | None, start: int,
) -> None:  # fmt: skip
    order = [key for key in schema_order(path) if key in old or key in new]
    order += [key for key in new if key not in order]
    order += [key for key in old if key not in order]
    for key in order:
        if key == "id" and element is not None:
            continue  # a renaming is reported by itself
        child, child_shown = (*path, key), f"{shown}.{key}" if shown else key
        if key not in old:
            ctx.changes.append(
                _change(ctx, "ajout", child, child_shown, element, start, new=new[key])
            )
        elif key not in new:
            ctx.changes.append(
                _change(ctx, "suppression", child, child_shown, element, start, old=old[key])
            )
        else:
            _walk(old[key], new[key], child, ctx, child_shown, element, start)


def _by_id(
    old: list[Any], new: list[Any], path: Path, ctx: _Context, shown: str, kind: str
) -> None:
    before, after = _ids(old), _ids(new)
    renames = ctx.renames_by_kind.get(kind, {})
    back = {new_id: old_id for old_id, new_id in renames.items()}
    matched: list[str] = []
    for identifier, (index, item) in after.items():
        item_path = (*path, index)
        element = Element(kind, identifier, element_label(kind, identifier, item))
        item_shown = f"{shown}[{identifier}]"
        old_id = back.get(identifier, identifier)
        if old_id not in before:
            ctx.changes.append(
                _change(ctx, "ajout", item_path, item_shown, element, len(item_path), new=item)
            )
            continue
        matched.append(old_id)
        if old_id != identifier:
            ctx.changes.append(
                _change(ctx, "renommage", item_path, item_shown, element, len(item_path),
                        old=old_id, new=identifier)
            )  # fmt: skip
        _walk(before[old_id][1], item, item_path, ctx, item_shown, element, len(item_path))
    for identifier, (index, item) in before.items():
        if identifier not in renames and identifier not in after:
            item_path = (*path, index)
            element = Element(kind, identifier, element_label(kind, identifier, item))
            ctx.changes.append(
                _change(ctx, "suppression", item_path, f"{shown}[{identifier}]", element,
                        len(item_path), old=item)
            )  # fmt: skip
    kept = set(matched)
    previous = [i for i in before if i in kept]
    if matched != previous:
        ctx.changes.append(
            _change(ctx, "ordre", path, shown, None, len(path),
                    old=previous, new=[renames.get(i, i) for i in matched])
        )  # fmt: skip
    # Items without a well-formed id (a draft): compared by position, like other lists.
    loose_old = [
        item for item in old if not (isinstance(item, dict) and isinstance(item.get("id"), str))
    ]
    loose_new = [
        item for item in new if not (isinstance(item, dict) and isinstance(item.get("id"), str))
    ]
    if loose_old or loose_new:
        _aligned(loose_old, loose_new, path, ctx, shown, None, len(path))


def _aligned(
    old: list[Any], new: list[Any], path: Path, ctx: _Context, shown: str,
    element: Element | None, start: int,
) -> None:  # fmt: skip
    before = [_text(ctx.renamed.get(v, v) if isinstance(v, str) else v) for v in old]
    after = [_text(v) for v in new]
    if before == after:  # equal once renamed ids are followed
        return
    if sorted(before) == sorted(after):
        ctx.changes.append(_change(ctx, "ordre", path, shown, element, start, old=old, new=new))
        return
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            i, j = i1 + k, j1 + k
            if _pairable(old[i], new[j], before[i], after[j]):
                _walk(old[i], new[j], (*path, j), ctx, f"{shown}[{j}]", element, start)
            else:
                _removed(old[i], i, path, ctx, shown, element, start)
                _added(new[j], j, path, ctx, shown, element, start)
        for i in range(i1 + pairs, i2):
            _removed(old[i], i, path, ctx, shown, element, start)
        for j in range(j1 + pairs, j2):
            _added(new[j], j, path, ctx, shown, element, start)


def _pairable(old: Any, new: Any, old_text: str, new_text: str) -> bool:
    if isinstance(old, dict) and isinstance(new, dict):
        matcher = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False)
        return matcher.quick_ratio() >= PAIR_SIMILARITY and matcher.ratio() >= PAIR_SIMILARITY
    return not isinstance(old, dict | list) and not isinstance(new, dict | list)


def _added(value: Any, index: int, path: Path, ctx: _Context, shown: str,
           element: Element | None, start: int) -> None:  # fmt: skip
    ctx.changes.append(
        _change(ctx, "ajout", (*path, index), f"{shown}[{index}]", element, start, new=value)
    )


def _removed(value: Any, index: int, path: Path, ctx: _Context, shown: str,
             element: Element | None, start: int) -> None:  # fmt: skip
    ctx.changes.append(
        _change(ctx, "suppression", (*path, index), f"{shown}[{index}]", element, start, old=value)
    )


def _change(
    ctx: _Context, kind: str, path: Path, shown: str, element: Element | None, start: int,
    *, old: Any = None, new: Any = None, words: list[tuple[str, str]] | None = None,
    masked: bool = False,
) -> Change:  # fmt: skip
    theme = str(path[0]) if path else ""
    section = str(path[1]) if len(path) > 1 and isinstance(path[1], str) else ""
    # Inside an item: the fields after it; elsewhere the fields after the section, or the
    # section's own title when the change is the section itself.
    first = start if element is not None else min(len(path) - 1, 2 if section else 1)
    if ctx.mask_contacts and path and path[0] == "annuaire":
        if _is_contact(path):
            # A coordinate added or removed is as private as one that is modified; only a
            # reordering (`_walk`) says what it is, still without the values.
            kind = "ordre" if kind == "ordre" else "coordonnees"
            old, new, words, masked = None, None, None, True
        else:
            old, new = _without_contacts(old), _without_contacts(new)
    return Change(kind, theme, section, shown, field_path_label(path, first), element,
                  old, new, words, masked)  # fmt: skip


def _without_contacts(value: Any) -> Any:
    """An entry without its coordinates; a whole directory (new in the plan) entry by entry."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in CONTACT_FIELDS}
    if isinstance(value, list):
        return [_without_contacts(entry) for entry in value]
    return value


def _group(changes: list[Change]) -> list[Group]:
    groups: dict[tuple[str, str], Group] = {}
    for change in changes:
        key = (change.theme, change.section)
        if key not in groups:
            section_title = title((change.theme, change.section)) if change.section else ""
            groups[key] = Group(change.theme, title((change.theme,)), change.section, section_title)
        groups[key].changes.append(change)
    return list(groups.values())
