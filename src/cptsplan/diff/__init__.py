"""`cptsplan diff`: what changed between two versions of a plan (see compare.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cptsplan.diff.compare import compare
from cptsplan.diff.history import VERSION_NAME, version_in
from cptsplan.diff.labels import title
from cptsplan.diff.load import (
    Revision,
    default_base,
    document_file_of,
    load_side,
    read_plan,
    revision_folder,
    side_of,
    version_commit,
)
from cptsplan.diff.result import Change, DiffResult, Element, Group, Side
from cptsplan.errors import UsageError
from cptsplan.load.source import PlanSource, reusable

EDITIONS = ("interne", "diffusable")


def diff_data(
    old: dict[str, Any],
    new: dict[str, Any],
    old_side: Side,
    new_side: Side,
    edition: str = "interne",
    mask_contacts: bool = False,
) -> DiffResult:
    """Compare two plans' data. The diffusable edition compares the redacted plans (no
    directory number or e-mail in any text) and never shows contact values."""
    if edition not in EDITIONS:
        raise UsageError(
            f"édition inconnue : {edition}", "éditions possibles : interne, diffusable"
        )
    notes: list[str] = []
    if edition == "diffusable":
        shown = shown_sides(old, new)
        # « depuis la version 04.65.71.00.10 »: a version (digits and dots) that is a
        # directory number is named as the edition prints it, in the text and the JSON.
        for side, raw, data in ((old_side, old, shown[0]), (new_side, new, shown[1])):
            if _version_of(data) != _version_of(raw):
                side.version = str(_version_of(data))
        old, new = shown
        mask_contacts = True
    # A section of an unreadable file is unknown, not removed (nor added on the other
    # side): the other side's is taken for it, so that it is left out of the comparison.
    unknown_old = [key for key in new if key not in old] if old_side.unread else []
    unknown_new = [key for key in old if key not in new] if new_side.unread else []
    old = {**old, **{key: new[key] for key in unknown_old}}
    new = {**new, **{key: old[key] for key in unknown_new}}
    for side, unknown in ((old_side, unknown_old), (new_side, unknown_new)):
        if side.unread:
            left_out = ", ".join(f"« {title((key,))} »" for key in unknown)
            notes.append(
                f"{', '.join(side.unread)} n'a pas pu être lu (voir cptsplan validate) : ses "
                "sections manquent à la comparaison"
                + (f" ({left_out} : non comparé, ni supprimé ni ajouté)" if unknown else "")
            )
        if side.valid is False:
            notes.append(
                f"{side.source} ne passe pas la vérification du format : comparé tel qu'écrit"
            )
    formats = (old_side.format_version, new_side.format_version)
    if None not in formats and formats[0] != formats[1]:
        notes.append(
            f"version du format changée ({old_side.format_version} → {new_side.format_version}) "
            ": seules les parties présentes des deux côtés sont comparées champ par champ"
        )
    groups = compare(old, new, mask_contacts)
    return DiffResult(old_side, new_side, edition, groups, notes)


def shown_sides(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both sides as the diffusable edition shows them, each redacted with the contacts of
    both directories (see `_redacted`)."""
    return _redacted(old, new), _redacted(new, old)


def _version_of(data: dict[str, Any]) -> Any:
    document = data.get("document")
    return document.get("version") if isinstance(document, dict) else None


def _redacted(data: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """The redacted data, with the directory's contact fields put back so that their change
    is seen (and reported masked). Texts are redacted with the numbers and e-mails of BOTH
    directories: a number changed in the directory but still written in a text of the new
    version is no longer in the new directory, and would be shown."""
    from cptsplan.privacy.redact import CONTACT_FIELDS, redact

    own = data.get("annuaire") if isinstance(data.get("annuaire"), list) else []
    extra = other.get("annuaire") if isinstance(other.get("annuaire"), list) else []
    result = redact({**data, "annuaire": [*(own or []), *(extra or [])]})
    if "annuaire" in data:
        result["annuaire"] = result["annuaire"][: len(own or [])]
    else:
        result.pop("annuaire", None)
    before, after = data.get("annuaire"), result.get("annuaire")
    if isinstance(before, list) and isinstance(after, list):
        for entry, kept in zip(before, after, strict=False):
            if isinstance(entry, dict) and isinstance(kept, dict):
                for name in CONTACT_FIELDS:
                    if name in entry:
                        kept[name] = entry[name]
    return result


def diff_paths(old: Path, new: Path, edition: str = "interne", mask: bool = False) -> DiffResult:
    old_data, old_side = load_side(old, str(old))
    new_data, new_side = load_side(new, str(new))
    return diff_data(old_data, new_data, old_side, new_side, edition, mask)


def diff_since(
    plan: Path,
    revision: str | None,
    edition: str = "interne",
    mask: bool = False,
    *,
    loaded: tuple[PlanSource, bool] | None = None,
    check_old: bool = True,
) -> DiffResult:
    """The plan at `revision` (by default the version last sent to the ARS) against the
    working copy. `loaded`: the working copy as the caller already read it, with whether it
    passed the format check (`update` reads it once, not three times). `check_old`: False
    when only the changes are counted (update's summary): the old version's format check,
    which only a note of the full comparison uses, is not made."""
    if loaded is None:
        source = read_plan(plan, str(plan))
        new_side = side_of(source, str(plan))
    else:
        source, valid = loaded
        new_side = side_of(source, str(plan), valid=valid)
    new_data = source.data
    notes: list[str] = []
    document_file = source.file_of("document") if plan.is_dir() else None
    name = Path(document_file).name if document_file else None
    known = revision is None  # the base is then a commit git itself named
    # The files that did not change since `revision` are the working copy's, not parsed
    # again (only read: the comparison changes neither side).
    reuse = reusable(source)
    commit = None
    if revision is None:
        base, version = default_base(plan, new_data, name)
        revision, commit = base.revision, base.commit
        if base.document is not None:  # read while the base was searched for: not twice
            reuse = {base.document.raw: base.document, **reuse}
        notes.append(f"base : la version {version}, la dernière transmise à l'ARS")
        if base.also_tagged is not None:
            notes.append(
                f"les étiquettes {base.revision} et {base.also_tagged} nomment toutes deux la "
                f"version {version}, sur deux commits différents : la comparaison part de "
                f"{base.revision} ; si la version envoyée est l'autre, relancez avec --depuis "
                f"{base.also_tagged}, et supprimez l'étiquette en trop (git tag -d NOM)"
            )
    with revision_folder(plan, revision, known, commit) as read:
        old_data, old_side = load_side(
            read.path, f"{plan}@{revision}", revision, reuse, check=check_old
        )
    old_side.source = f"{plan} ({revision})"
    if (skipped := read.note(revision)) is not None:
        notes.append(skipped)
    if (wrong := wrong_tag_note(plan, revision, old_side.version, name)) is not None:
        notes.append(wrong)
    if read.moved_from is not None:
        notes.append(f"à la révision {revision}, le plan était dans « {read.moved_from or '.'} »")
    result = diff_data(old_data, new_data, old_side, new_side, edition, mask)
    result.notes[:0] = notes
    return result


def wrong_tag_note(
    plan: Path, revision: str, found: str | None, document_file: str | None = None
) -> str | None:
    """When `revision` is named like a version (`v2.1`) but the plan there has another one
    (`found`): a tag placed on the wrong commit, said with the commit to use instead.
    `document_file`: the working copy's file holding `document`, when the caller has read
    the plan (else looked up in the folder)."""
    named = VERSION_NAME.match(revision)
    if named is None or found is None or found == named.group(1):
        return None
    meant = named.group(1)
    note = (
        f"la révision {revision} désigne un commit où le plan est en version {found}, "
        f"pas {meant} : étiquette posée sur le mauvais commit ?"
    )
    commit = version_commit(plan, meant, document_file or document_file_of(plan))
    if commit is not None:
        note += (
            f" La version {meant} est au commit {commit[:12]} : --depuis {commit[:12]}, ou "
            f"déplacez l'étiquette : git tag -f {revision} {commit[:12]}"
        )
    return note


def revision_tag_note(plan: Path, revision: str, read: Revision) -> str | None:
    """`wrong_tag_note` for a caller that has only the revision's files (`render --depuis`):
    the version is read from the document file alone, not the whole plan."""
    document = read.path if read.path.is_file() else None
    if document is None and (name := document_file_of(read.path)) is not None:
        document = read.path / name
    if document is None:
        return None
    try:
        content = document.read_bytes()
    except OSError:
        return None
    return wrong_tag_note(plan, revision, version_in(content))


__all__ = [
    "EDITIONS",
    "Change",
    "DiffResult",
    "Element",
    "Group",
    "Side",
    "diff_data",
    "diff_paths",
    "diff_since",
    "revision_tag_note",
    "wrong_tag_note",
]
