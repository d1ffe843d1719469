"""The optimised paths of issue 20 give what the plain ones gave: `update` reads the plan once
and writes the same summary; the redaction compiles a contact's pattern only for a text that
holds all its words, and hides exactly what it hid before."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cptsplan.load import source as plan_source
from cptsplan.load.source import load_plan
from cptsplan.privacy import patient, phones
from cptsplan.privacy import redact as redaction
from cptsplan.update import start_next_version
from cptsplan.update.summary import history_summary
from tests.conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, example_repository


@pytest.fixture
def edited_repository(tmp_path: Path) -> Path:
    """The example committed as v2.1, then edited (not committed): a summary to write."""
    plan = example_repository(tmp_path)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(
        text.replace("- nom: Merlinghem-sur-Lys", "- nom: Merlinghem-sur-la-Lys", 1),
        encoding="utf-8",
    )
    return plan


def test_update_reads_each_file_of_the_plan_once(
    edited_repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: Counter[Path] = Counter()
    original = plan_source.load_file

    def counted(path: Path, *args: object, **kwargs: object) -> object:
        reads[Path(path).resolve()] += 1
        return original(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_source, "load_file", counted)
    result = start_next_version(edited_repository, today=date(2026, 11, 23))
    assert "relisez ce résumé du changement depuis la version 2.1" in result.files[0].after
    ours = {
        path: count for path, count in reads.items() if edited_repository.resolve() in path.parents
    }
    assert ours and set(ours.values()) == {1}, ours


def test_the_summary_from_the_plan_already_read_is_the_one_read_again(
    edited_repository: Path,
) -> None:
    source = load_plan(edited_repository)
    assert history_summary(edited_repository, "2.1", source) == history_summary(
        edited_repository, "2.1"
    )


def test_update_checks_the_format_of_the_plan_and_of_its_edit_but_not_of_the_old_version(
    edited_repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary only counts changes since the version sent: the old version's format
    check (a note of `cptsplan diff`) was made for nothing (≈ 3 ms of a 115 ms update). The
    working copy and the edited plan are still checked, and `diff` still checks both."""
    from cptsplan.diff import diff_since
    from cptsplan.diff import load as diff_load
    from cptsplan.update import validity

    checked: list[str] = []
    for module in (diff_load, validity):
        original = module.format_problems

        def counted(source: Any, original: Any = original) -> Any:
            checked.append(source.display)
            return original(source)

        monkeypatch.setattr(module, "format_problems", counted)
    result = start_next_version(edited_repository, today=date(2026, 11, 23))
    assert "relisez ce résumé du changement depuis la version 2.1" in result.files[0].after
    assert not [display for display in checked if "@" in display], checked
    checked.clear()
    compared = diff_since(edited_repository, None)
    assert compared.old.valid is True and compared.new.valid is True
    assert any("@" in display for display in checked), checked


def _all_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The redaction as it was: a contact's pattern runs on every text holding its longest
    word (no word of the contact required besides)."""
    monkeypatch.setattr(redaction, "_ascii_words", lambda contact: ())


def test_redaction_of_the_example_is_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    data = load_plan(COMPLETE_EXAMPLE).data
    fast = redaction.redact(data)
    _all_patterns(monkeypatch)
    assert redaction.redact(data) == fast


TEXTS = [
    "Écrire à coordination@cpts-valdelys.fr ou à coordination [at] cpts-valdelys [dot] fr.",
    "La coordination écrit à COORDINATION@CPTS-VALDELYS.FR ; le Dr Roux à j.roux@sante.fr",
    "coordination (at) cpts-valdelys (point) fr, coordination arobase cpts-valdelys point fr",
    "Coordination de la cellule : voir l'annuaire ; coordination@autre.fr n'est pas à nous.",
    "Réunion au 12 rue des Tilleuls, 59000 Lille ; 12, rue des tilleuls 59000 LILLE aussi.",
    "coordination@cpts-valdelys.fr.truc et j.roux@sante.fr-x et xj.roux@sante.fr",
    "Vérifier ſ.roux@ſante.fr et j.roux@sante.fr — en Unicode.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_redaction_of_texts_is_unchanged(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    finder_args = (
        [],
        ["coordination@cpts-valdelys.fr", "j.roux@sante.fr"],
        ["12 rue des Tilleuls 59000 Lille"],
    )
    fast = redaction.ContactFinder(*finder_args).scrub(text)
    _all_patterns(monkeypatch)
    assert redaction.ContactFinder(*finder_args).scrub(text) == fast
    assert "cpts-valdelys.fr" not in fast.lower() or "autre" in text


def test_the_only_non_ascii_characters_a_case_blind_ascii_word_matches_are_folded() -> None:
    """The redaction skips a contact's pattern when a word is missing from the folded text:
    sound only if every character the case-blind pattern matches with an ASCII word
    character is folded to it. Checked over the whole of Unicode."""
    import re

    ascii_word = re.compile(r"[a-z0-9_]", re.IGNORECASE)
    lookalikes = {chr(point) for point in range(128, 0x110000) if ascii_word.fullmatch(chr(point))}
    assert lookalikes == {"İ", "ı", "ſ", "\u212a"}
    for character in lookalikes:
        folded = redaction._folded(character)
        assert re.fullmatch(folded, character, re.IGNORECASE) and folded.isascii()


def _counts(result: object) -> dict[str, int]:
    counted: dict[str, int] = {}
    for group in result.groups:  # type: ignore[attr-defined]
        if group.changes:
            name = f"{group.theme_title}, {group.section_title}"
            counted[name] = counted.get(name, 0) + len(group.changes)
    return counted


def test_the_summary_counts_what_the_diffusable_comparison_counts(
    edited_repository: Path,
) -> None:
    """The history summary compares the texts as written (it prints only the schema's
    labels and counts, no plan value): on the example, with a changed text, a changed
    directory entry and a changed contact, the same parts and counts as the comparison of
    the redacted plans it used before."""
    from cptsplan.diff import diff_since

    directory = edited_repository / "annuaire.yaml"
    text = directory.read_text(encoding="utf-8")
    first = text.index("email:")
    end = text.index("\n", first)
    directory.write_text(text[:first] + "email: nouvelle.adresse@example.fr" + text[end:], "utf-8")
    plain = diff_since(edited_repository, None, edition="interne", mask=True)
    redacted = diff_since(edited_repository, None, edition="diffusable")
    assert _counts(plain) == _counts(redacted)
    assert len(_counts(plain)) == 2
    summary = history_summary(edited_repository, "2.1")
    assert "Annuaire de crise (1)" in summary and "nouvelle.adresse" not in summary
    assert "relisez ce résumé des 2 changements depuis la version 2.1" in summary


def _reference_refusal(source: plan_source.PlanSource, path: Path, text: str) -> str | None:
    """`schema_refusal` as it was: every file copied into a temporary folder and read again."""
    import tempfile

    from cptsplan.findings.problems import Severity
    from cptsplan.schema_check.format_check import format_problems

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for loaded in source.files:
            copy = folder / loaded.path.name
            copy.write_bytes(text.encode() if loaded.path == path else loaded.path.read_bytes())
        root = folder if source.root.is_dir() else folder / path.name
        edited = load_plan(root, source.display)
        errors = [p for p in edited.problems if p.severity == Severity.ERROR]
        if not errors:
            errors = [p for p in format_problems(edited).problems if p.severity == Severity.ERROR]
    return f"{errors[0].location} : {errors[0].message}" if errors else None


def _version(written: str) -> Callable[[str], str]:
    return lambda text: re.sub(r"(?m)^  version: .*$", f"  version: {written}", text, count=1)


EDITS: dict[str, Callable[[str], str]] = {
    "unchanged": lambda text: text,
    "next version": _version('"9.9"'),
    "version refused": _version("deux"),
    "Word quotes": _version("“9.9”"),
    "broken YAML": _version('["9.9"'),
    "section twice": lambda text: text + "\nannuaire: []\n",
    "section moved here": lambda text: text + "\nexercices_a_venir: []\n",
    "wrong type": lambda text: text.replace("version_format: 1", "version_format: oui", 1),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("example", [COMPLETE_EXAMPLE, MINIMAL_EXAMPLE])
def test_update_checks_the_edited_plan_as_a_full_reading_would(
    tmp_path: Path, example: Path, edit: str
) -> None:
    """The plan `update` is about to write is checked with its edited file alone read again:
    the same verdict and the same first error as reading every file again."""
    from cptsplan.update.validity import schema_refusal

    source = load_plan(example, "plan")
    owner = next(f for f in source.files if source.file_of("document") == f.display)
    text = EDITS[edit](owner.path.read_text(encoding="utf-8"))
    expected = _reference_refusal(source, owner.path, text)
    assert schema_refusal(source, owner.path, text) == expected
    if edit in ("unchanged", "next version"):
        assert expected is None
    elif edit != "section moved here":
        assert expected is not None


# The personal-data patterns as they were written before they were made to start with a
# character class (issue 20): the same matches, groups and spans on texts made of what they
# look for, and of what borders it.
PLAIN_PATTERNS = {
    "NIR": (
        rf"(?<![\w.])([12]){patient._SEP}(\d{{2}}){patient._SEP}(0[1-9]|1[0-2]|[2-9]\d)"
        rf"{patient._SEP}(\d{{2}}|2[AB]){patient._SEP}(\d{{3}}){patient._SEP}(\d{{3}})"
        rf"{patient._SEP}(\d{{2}})(?![\w])"
    ),
    "RUN": r"\+?\d+(?:[ .\-/()]{0,4}\+?\d+)*",
    "DATE": r"(?<![\d.])\d{1,2}([/.-])\d{1,2}\1(?:1[89]|2[01])\d\d(?!\d)",
    "DDN": rf"\bD\.?D\.?N\.?\s*:?\s*(?:le\s+)?{patient._DATE}",
    "AGE": (
        r"\b(?:M\.|Mr|Mme|Mlle|Monsieur|Madame|[Pp]atiente?)"
        rf"\s+{patient._NAME}\s*[,(]?\s*(?:âgée?\s+de\s+)?\d{{1,3}}\s*ans\b"
    ),
}
FAST_PATTERNS = {
    "NIR": patient.nir_pattern(),
    "RUN": phones._RUN,
    "DATE": phones._DATE,
    "DDN": patient.identity_patterns()[2],
    "AGE": patient.identity_patterns()[3],
}
PATTERN_PIECES = (
    "1", "2", "0", "7", "12", "84", "2A", "2B", "451", "089", "46", "06", "39", "2026", "1999",
    " ", ".", "-", "/", "_", "+", "++", "+33", "(", ")", "a", "é", "x", "٣", "\u00a0", "\n",
    "1 84 12 76 451 089 46", "2.84.12.2A.451.089.46", "184127645108946", "2-99-01-2B-001-002-03",
    "06/07/2026", "6-7-1999", "12.10.2020", "1/1/1899", "12 mars 1950", "1er mai 84", "ans",
    " ans", "84 ans", "DDN", "D.D.N.", "DDN :", "le ", "M.", "Mr", "Mme", "Mlle", "Monsieur",
    "Madame", "patient", "Patiente", "Durand", "Jean-Paul", "âgée de ", "xM", "dD", ",", "(",
    "Mme Durand, 84 ans", "M. Martin 7 ans", "patiente Roux (90 ans", "Mr Jean Paul 101 ans",
    "Madame Élise Roy âgée de 80 ans", "DDN 12/03/1950", "D.D.N. : le 1er mai 1950",
)  # fmt: skip


def test_the_personal_data_patterns_find_what_their_plain_forms_find() -> None:
    generator = random.Random(20)
    for _ in range(3000):
        text = "".join(generator.choice(PATTERN_PIECES) for _ in range(generator.randint(0, 30)))
        for name, plain in PLAIN_PATTERNS.items():
            expected = [(m.span(), m.groups()) for m in re.finditer(plain, text)]
            found = [(m.span(), m.groups()) for m in FAST_PATTERNS[name].finditer(text)]
            assert found == expected, (name, text)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each file (by its displayed name) is parsed from now on."""
    from cptsplan.load import loader

    counts = Counter[str]()
    parse = loader._parse

    def counted(text: str, result: loader.LoadedFile) -> None:
        counts[result.display] += 1
        parse(text, result)

    monkeypatch.setattr(loader, "_parse", counted)
    return counts


def test_the_older_version_shares_the_unchanged_files_and_compares_the_same(
    edited_repository: Path, parses: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`update` compares the working copy with the version sent to the ARS: the files that
    did not change are taken from the working copy instead of being parsed again. The
    comparison is the same as with every file parsed, and neither side is changed by it."""
    import copy

    from cptsplan.diff import diff_since

    source = load_plan(edited_repository)
    before = copy.deepcopy(source.data)
    shared = diff_since(edited_repository, None, mask=True, loaded=(source, True))
    # At the version sent (« plan@<commit> »), only the file changed since is parsed, once:
    # while the version was searched for in the history (as « document.yaml »), not again.
    assert sorted(Path(name).name for name in parses if "@" in name) == []
    assert parses["document.yaml"] == 1
    import cptsplan.diff

    monkeypatch.setattr(cptsplan.diff, "reusable", lambda _source: {})  # every file parsed
    alone = diff_since(
        edited_repository, None, mask=True, loaded=(load_plan(edited_repository), True)
    )
    assert shared.groups == alone.groups and shared.notes == alone.notes
    assert [group.changes for group in shared.groups if group.changes]  # something compared
    assert source.data == before


def test_diff_reads_the_working_copy_once(edited_repository: Path, parses: Counter[str]) -> None:
    """`cptsplan diff` (base: the version sent to the ARS) parses each file of the working copy
    once, and at the base only the file changed since, once (it read the working copy twice;
    the base's document file was parsed twice: to find the version sent, then to compare)."""
    from cptsplan.diff import diff_since

    result = diff_since(edited_repository, None)
    working = [count for name, count in parses.items() if name.startswith(f"{edited_repository}/")]
    at_base = sorted(Path(name).name for name in parses if "@" in name)
    assert working == [1] * 6
    assert at_base == [] and parses["document.yaml"] == 1
    assert [group for group in result.groups if group.changes]


def test_the_import_line_key_is_the_per_character_filter_it_replaced() -> None:
    """importer/read.key keeps letters and digits with one regex pass; the old per-character
    test (str.isalnum) is the yardstick, on every character of the BMP and on mixed lines."""
    import random
    import unicodedata

    from cptsplan.importer.read import key

    def old(text: str) -> str:
        text = unicodedata.normalize("NFKC", text).casefold()
        return "".join(c for c in text if c.isalnum())

    characters = [chr(i) for i in range(0x10000) if not 0xD800 <= i <= 0xDFFF]
    assert [c for c in characters if key(c) != old(c)] == []
    draw = random.Random(7)
    for _ in range(2000):
        line = "".join(draw.choice(characters[:0x3000]) for _ in range(draw.randint(0, 40)))
        assert key(line) == old(line)


def test_the_schema_with_placeholders_is_the_one_built_from_a_deep_copy() -> None:
    """`accept_placeholders` shares the parts it leaves unchanged with the file's schema
    instead of copying it whole first: the same schema as from a deep copy, and the file's
    schema is left untouched, even by a second build."""
    import copy
    import json

    from cptsplan.schema import placeholders
    from cptsplan.schema.plan_schema import base_schema

    base = base_schema()
    before = json.dumps(base, sort_keys=True)
    built = placeholders.accept_placeholders(base)
    again = placeholders.accept_placeholders(base)
    assert json.dumps(base, sort_keys=True) == before
    reference = placeholders.accept_placeholders(copy.deepcopy(base))
    assert built == reference == again
    assert built["$defs"] is not base["$defs"]
    assert json.dumps(built, sort_keys=True) != before  # the marker was added somewhere


def test_the_compiled_validator_checks_only_the_formats_jsonschema_checks() -> None:
    """The formats turned off are listed (walking the schema for them cost 0.7 ms): each one
    is a format jsonschema-rs checks by itself, and every format the schema names is either
    checked by `format_checks` or turned off."""
    import jsonschema_rs

    from cptsplan.schema.plan_schema import (
        COMPILED_BUILT_IN_FORMATS,
        _no_check,
        base_schema,
        format_checks,
        plan_schema,
    )

    def names(node: Any) -> set[str]:
        if isinstance(node, list):
            return set().union(*map(names, node)) if node else set()
        if not isinstance(node, dict):
            return set()
        found = {node["format"]} if isinstance(node.get("format"), str) else set()
        return found.union(*(names(value) for value in node.values()))

    checks = format_checks()
    for schema in (base_schema(), plan_schema()):
        assert names(schema) != set()
        assert names(schema) <= set(checks) | set(COMPILED_BUILT_IN_FORMATS)
    junk = ["\x00 :: pas valable ((", "", "[", "a", "999999999999999999999999"]
    formats = dict.fromkeys(COMPILED_BUILT_IN_FORMATS, _no_check) | checks
    for name in COMPILED_BUILT_IN_FORMATS:
        schema = {"format": name}
        built_in = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
        assert not all(built_in.is_valid(value) for value in junk), name
        if name not in checks:
            ours = jsonschema_rs.Draft202012Validator(
                schema, formats=formats, validate_formats=True, ignore_unknown_formats=True
            )
            assert all(ours.is_valid(value) for value in junk), name


def test_records_compare_print_and_hash_as_the_dataclasses_they_replaced() -> None:
    """findings/records.record: the equality, repr and hash a dataclass gave each class."""
    from dataclasses import dataclass, field

    from cptsplan.findings.records import record
    from cptsplan.load.scalars import Notice
    from cptsplan.privacy.normalise import Visible
    from cptsplan.rules.settings import Config, EntryRequirement, Requirements, RuleSetting

    @dataclass(frozen=True)
    class NoticeBefore:
        rule: str
        error: bool
        message: str
        hint: str

    @dataclass(frozen=True)
    class VisibleBefore:
        text: str
        positions: tuple[int, ...] | None

    @dataclass(frozen=True)
    class ConfigBefore:
        path: Path | None = None
        strict: bool = False
        rules: dict[str, RuleSetting] = field(default_factory=dict)
        requirements: Requirements = field(default_factory=Requirements)
        reminder_days: int = 60
        blocking: object = None
        plan_folder: Path | None = None

    pairs: list[tuple[object, object]] = [
        (Notice("r", True, "m", "h"), NoticeBefore("r", True, "m", "h")),
        (Visible("a b", (0, 2, 3)), VisibleBefore("a b", (0, 2, 3))),
        (Visible("x", None), VisibleBefore("x", None)),
    ]

    def fields(text: str) -> str:  # the repr without the class name
        return text[text.index("(") :]

    for ours, theirs in pairs:
        assert fields(repr(ours)) == fields(repr(theirs))
        assert repr(ours).startswith(type(ours).__qualname__ + "(")
        assert hash(ours) == hash(theirs)
    assert fields(repr(Config())) == fields(repr(ConfigBefore()))
    assert Config() == Config() and Config(strict=True) != Config()
    assert Config() != ConfigBefore()  # another class, as between two dataclasses
    assert Config().rules is not Config().rules  # a fresh dict each, as default_factory
    assert EntryRequirement("a", h24=True) == EntryRequirement("a", None, None, True)
    assert len({EntryRequirement("a"), EntryRequirement("a"), EntryRequirement("b")}) == 2
    with pytest.raises(TypeError):
        hash(Config())  # a dict inside: unhashable, as the frozen dataclass was

    @record()
    class Mutable:
        __slots__ = ("a",)

        def __init__(self, a: int) -> None:
            self.a = a

    assert Mutable(1) == Mutable(1) and Mutable(1) != Mutable(2)
    assert Mutable.__hash__ is None  # a mutable dataclass with equality is unhashable
    assert (Mutable(1) == 1) is False


def test_validate_of_the_complete_example_compiles_no_unused_pattern_module() -> None:
    """The schema messages and importlib.resources are imported only when needed: a valid
    plan's validate reaches neither (their import is lazy, issue 20)."""
    from tests.test_lazy_imports import imported

    modules = imported("validate", str(COMPLETE_EXAMPLE), "--date", "2026-11-23")
    assert "cptsplan.api" in modules
    assert "cptsplan.messages.schema_errors" not in modules
    assert "cptsplan.messages.suggestions" not in modules
    assert "importlib.resources" not in modules


def test_findings_contexts_and_periods_compare_as_their_dataclasses_did() -> None:
    from dataclasses import dataclass, field

    from cptsplan.findings.problems import Location, Severity
    from cptsplan.rules.base import Finding, RuleContext
    from cptsplan.schema.periods import Period

    @dataclass(frozen=True)
    class FindingBefore:
        path: tuple[str | int, ...]
        message: str
        hint: str | None = None
        subject: str | None = None
        location: Location | None = None
        severity: Severity | None = None
        unknown: bool = False
        depends_on: tuple[tuple[str | int, ...], ...] | None = None
        reported: bool = True
        because: str | None = None

    @dataclass(frozen=True)
    class ContextBefore:
        today: date
        requirements: object = None
        known_rules: frozenset[str] = field(default_factory=frozenset)
        reminder_days: int = 60
        shared: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def fields(text: str) -> str:
        return text[text.index("(") :]

    finding = Finding(("a", 0), "m", location=Location("f.yaml", 2, 3), unknown=True)
    before = FindingBefore(("a", 0), "m", location=Location("f.yaml", 2, 3), unknown=True)
    assert fields(repr(finding)) == fields(repr(before)) and hash(finding) == hash(before)
    assert finding == Finding(("a", 0), "m", None, None, Location("f.yaml", 2, 3), None, True)
    day = date(2026, 11, 23)
    context, context_before = (
        RuleContext(day, None, frozenset({"r"})),
        ContextBefore(day, None, frozenset({"r"})),
    )
    context.shared["x"] = 1  # not compared, not shown, not hashed
    assert context == RuleContext(day, None, frozenset({"r"}))
    assert fields(repr(context)) == fields(repr(context_before))
    assert hash(context) == hash(context_before)
    assert RuleContext(day).shared is not RuleContext(day).shared
    assert Period("mois", 2023, 5) == Period("mois", 2023, 5) != Period("mois", 2023, 6)
    assert repr(Period("annee", 2024)) == "Period(kind='annee', year=2024, number=0)"


def test_placeholders_compare_print_and_hash_as_their_dataclasses_did() -> None:
    import pickle
    from dataclasses import dataclass

    from cptsplan.schema.placeholders import ToComplete
    from cptsplan.schema_check.partial import Invalid

    @dataclass(frozen=True)
    class Before:
        hint: str = ""
        flag: bool = False
        written: str = ""

    value = ToComplete("un nom", True, "Dr Roux")
    before = repr(Before("un nom", True, "Dr Roux"))
    assert repr(value) == "ToComplete" + before[before.index("(") :]
    assert hash(value) == hash(Before("un nom", True, "Dr Roux"))
    assert value == ToComplete("un nom", True, "Dr Roux") != ToComplete("un nom")
    assert Invalid() != ToComplete() and Invalid() == Invalid()  # classes differ, as before
    assert repr(Invalid("x")) == "Invalid(hint='x', flag=False, written='')"
    assert pickle.loads(pickle.dumps(Invalid("x"))) == Invalid("x")  # reports from workers
    assert not value and str(value) == "Dr Roux à compléter"


def _plan_folders(scratch: Path) -> list[Path]:
    """The examples, the fixtures, and the complete example with one plain value in three
    (identifiers included: those the schema sets aside) written « A_COMPLETER »."""
    import shutil

    from tests.conftest import FIXTURES

    draft = scratch / "brouillon"
    shutil.copytree(COMPLETE_EXAMPLE, draft)
    for path in draft.glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").split("\n")
        plain = re.compile(r"^(\s+(?:- )?[a-z_]+: )([^\"'\[{>|&*!#\s].*)$")
        for number, line in enumerate(lines):
            if number % 3 == 0 and (match := plain.match(line)):
                lines[number] = f"{match.group(1)}A_COMPLETER"
        path.write_text("\n".join(lines), encoding="utf-8")
    folders = [COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, draft]
    folders += sorted(p for p in (FIXTURES / "invalid").iterdir() if p.suffix == ".yaml")[:40]
    folders += sorted(p for p in (FIXTURES / "valid").iterdir() if p.suffix == ".yaml")[:40]
    return folders


def test_the_leaves_walk_gives_what_iter_values_gave(tmp_path: Path) -> None:
    """rules/helpers.plan_leaves walks the plan recursively (once a generator over a stack):
    the same texts and placeholders, in the same order, set-aside values left out."""
    from cptsplan.api import PlanTarget, check_plan
    from cptsplan.rules.engine import context
    from cptsplan.rules.helpers import iter_values, plan_leaves
    from cptsplan.schema.placeholders import ToComplete

    placeholders_seen = 0
    for folder in _plan_folders(tmp_path):
        plan = check_plan(PlanTarget(folder, str(folder))).plan
        if plan is None:
            continue
        strings: list[object] = []
        placeholders: list[object] = []
        for path, leaf in iter_values(plan.data, str | ToComplete):  # type: ignore[arg-type]
            if isinstance(leaf, str):
                strings.append((path, leaf))
            elif type(leaf) is ToComplete:
                placeholders.append((path, leaf))
        leaves = plan_leaves(plan, context(date(2026, 11, 23)))
        assert leaves.strings == strings, folder
        assert leaves.placeholders == placeholders, folder
        placeholders_seen += len(placeholders)
    assert placeholders_seen > 100  # the draft is full of them


def test_a_loaded_file_compares_and_prints_as_its_dataclass_did() -> None:
    from dataclasses import dataclass, field

    from cptsplan.load.loaded import LoadedFile

    @dataclass
    class Before:
        path: Path
        display: str
        data: Any = None
        value_positions: dict[Any, Any] = field(default_factory=dict)
        key_positions: dict[Any, Any] = field(default_factory=dict)
        problems: list[Any] = field(default_factory=list)
        plain: dict[Any, Any] = field(default_factory=dict)
        curly: dict[Any, Any] = field(default_factory=dict)
        raw: bytes = field(default=b"", repr=False, compare=False)

    ours = LoadedFile(Path("p.yaml"), "p.yaml", {"a": 1}, {("a",): (1, 4)}, raw=b"a: 1")
    theirs = Before(Path("p.yaml"), "p.yaml", {"a": 1}, {("a",): (1, 4)}, raw=b"a: 1")
    assert repr(ours) == "LoadedFile" + repr(theirs)[repr(theirs).index("(") :]
    assert ours == LoadedFile(Path("p.yaml"), "p.yaml", {"a": 1}, {("a",): (1, 4)}, raw=b"")
    assert ours != LoadedFile(Path("p.yaml"), "p.yaml", {"a": 2}, {("a",): (1, 4)})
    assert LoadedFile(Path("a"), "a").problems is not LoadedFile(Path("a"), "a").problems


def test_a_location_compares_prints_hashes_and_sorts_as_its_dataclass_did() -> None:
    import pickle
    from dataclasses import dataclass

    from cptsplan.findings.problems import Location

    @dataclass(frozen=True)
    class Before:
        file: str
        line: int = 1
        col: int = 1

    where = Location("plan.yaml", 3, 7)
    before = Before("plan.yaml", 3, 7)
    assert repr(where) == "Location" + repr(before)[repr(before).index("(") :]
    assert hash(where) == hash(before) and str(where) == "plan.yaml:3:7"
    assert where == Location("plan.yaml", 3, 7) != Location("plan.yaml", 3)
    assert Location("a") == Location("a", 1, 1)
    assert pickle.loads(pickle.dumps(where)) == where


def test_a_record_whose_init_hides_a_field_is_refused_at_import() -> None:
    """`record` compares the fields `__init__` takes: it used an `assert` (gone under
    `python -O`), and *args or keyword-only fields went unchecked."""
    import pytest

    from cptsplan.findings.records import record

    class Kwonly:
        __slots__ = ("a", "b")

        def __init__(self, a: int, *, b: int) -> None:
            self.a, self.b = a, b

    class Missing:
        __slots__ = ("a", "b")

        def __init__(self, a: int) -> None:
            self.a = a

    for cls in (Kwonly, Missing):
        with pytest.raises(TypeError):
            record()(cls)


def _reference_listing(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """plan_files and refused_files as they were: `refusal` (two `resolve()`) for each."""
    refusal = plan_source.refusal
    candidates = plan_source._candidates(folder)
    files = [c for c in candidates if c.is_file() and refusal(c, folder) is None]
    refused = []
    for child in candidates:
        if child.is_dir():
            continue
        why = refusal(child, folder)
        if why is not None:
            refused.append((child, why))
    return files, refused


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX links and tubes")
def test_the_plan_files_and_refusals_are_those_each_file_resolved_gave(tmp_path: Path) -> None:
    import os

    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "secret.yaml").write_text("a: 1\n", encoding="utf-8")
    real = tmp_path / "vrai"
    real.mkdir()
    for name in ("plan.yaml", "annuaire.yml", ".cptsplan.yaml", "~$plan.yaml", "notes.txt"):
        (real / name).write_text("a: 1\n", encoding="utf-8")
    (real / "dossier.yaml").mkdir()
    (real / "lien-dedans.yaml").symlink_to(real / "plan.yaml")
    (real / "lien-dehors.yaml").symlink_to(outside / "secret.yaml")
    (real / "lien-casse.yaml").symlink_to(real / "absent.yaml")
    (real / "lien-dossier.yaml").symlink_to(outside)
    (real / "boucle.yaml").symlink_to(real / "boucle.yaml")
    os.mkfifo(real / "tube.yaml")
    via_link = tmp_path / "par-un-lien"
    via_link.symlink_to(real)
    for folder in (real, via_link, Path(os.path.relpath(real))):
        files, refused = _reference_listing(folder)
        assert plan_source.plan_files(folder) == files
        assert plan_source.refused_files(folder) == refused
        assert len(files) == 3 and len(refused) == 4
        source = load_plan(folder)
        assert [loaded.path for loaded in source.files] == [path for path, _ in refused] + files
    for example in (COMPLETE_EXAMPLE, MINIMAL_EXAMPLE):
        assert (plan_source.plan_files(example), []) == _reference_listing(example)


def _shown(value: object) -> str:
    """The repr without the class name (the reference class has another name)."""
    text = repr(value)
    return text[text.index("(") :]


def test_a_problem_compares_prints_hashes_pickles_and_is_replaced_as_its_dataclass_was() -> None:
    import dataclasses
    import pickle

    from cptsplan.findings.problems import Location, Problem, Severity
    from cptsplan.findings.records import replace

    @dataclasses.dataclass(frozen=True, slots=True)
    class ProblemBefore:
        location: Location
        severity: Severity
        rule: str
        message: str
        path: str = ""
        hint: str | None = None

    samples = [
        (Location("plan.yaml", 3, 5), Severity.ERROR, "r", "m", "a.b[0]", "h"),
        (Location("plan.yaml"), Severity.WARNING, "r", "m"),
        (Location("annuaire.yaml", 2), Severity.INFO, "x", "« é »", "", None),
    ]
    for values in samples:
        ours, theirs = Problem(*values), ProblemBefore(*values)
        assert _shown(ours) == _shown(theirs)
        assert hash(ours) == hash(theirs)
        assert ours == Problem(*values) and pickle.loads(pickle.dumps(ours)) == ours
        for changes in ({"hint": "autre"}, {"message": "m2", "severity": Severity.ERROR}, {}):
            again, before = replace(ours, **changes), dataclasses.replace(theirs, **changes)
            assert _shown(again) == _shown(before)
            assert again is not ours
        with pytest.raises(TypeError):
            replace(ours, colonne=1)
    assert len({Problem(*samples[0]), Problem(*samples[0])}) == 1
    assert Problem(*samples[0]) != Problem(*samples[1])


def test_check_gives_the_rules_the_configuration_it_found_as_they_found_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """api.check looks for each plan's `.cptsplan.yaml` once; the rules used to look again:
    the same reports, one `find_config` fewer per plan."""
    import shutil

    from cptsplan import api
    from cptsplan.config import repository_config

    plans = tmp_path / "plans"
    for name, config in (("cpts-a", "regles:\n  donnees-patient-nir: false\n"), ("cpts-b", None)):
        shutil.copytree(COMPLETE_EXAMPLE, plans / name)
        if config:
            (plans / name / ".cptsplan.yaml").write_text(config, encoding="utf-8")
    (plans / ".cptsplan.yaml").write_text("strict: true\n", encoding="utf-8")
    today = date(2026, 11, 23)
    expected = []
    for target in api.discover([plans]):
        finder = repository_config.ConfigFinder()
        report = api.check_plan(target, api.conformity_rules(today, finder))
        config = finder.for_plan(target.path)
        report.configuration = str(config.path) if config.path else None
        report.blocking = config.blocking
        report.plan_name, report.plan = report.name, None
        expected.append(report)
    looked = Counter[Path]()
    real = repository_config.find_config

    def find_config(path: Path) -> Path | None:
        looked[path] += 1
        return real(path)

    monkeypatch.setattr(repository_config, "find_config", find_config)
    result = api.check([plans], today=today)
    assert result.reports == expected
    assert {report.configuration for report in expected} == {
        str(plans / "cpts-a" / ".cptsplan.yaml"),
        str(plans / ".cptsplan.yaml"),
    }
    assert sorted(looked.values()) == [1, 1]  # once per plan


def test_the_reports_compare_and_print_as_their_dataclasses_did() -> None:
    import dataclasses
    import pickle

    from cptsplan.checked.reports import CheckResult, PlanReport, PlanTarget
    from cptsplan.findings.problems import Location, Problem, Severity

    @dataclasses.dataclass(frozen=True)
    class PlanTargetBefore:
        path: Path
        display: str

    @dataclasses.dataclass
    class PlanReportBefore:
        target: Any
        problems: list[Problem]
        plan: Any = None
        files: list[str] = dataclasses.field(default_factory=list)
        completeness: float | None = None
        grid: list[Any] | None = None
        strict: bool = False
        blocking: Any = None
        plan_name: str | None = None
        configuration: str | None = None
        next_update: date | None = None
        schema_valid: bool = True
        version: Any = None
        status: str | None = None
        last_update: Any = None
        source: str | None = None

    target = PlanTarget(Path("plans/a"), "plans/a")
    assert _shown(target) == _shown(PlanTargetBefore(Path("plans/a"), "plans/a"))
    assert hash(target) == hash(PlanTargetBefore(Path("plans/a"), "plans/a"))
    problem = Problem(Location("a.yaml", 2, 3), Severity.WARNING, "r", "m")
    changes: dict[str, Any] = {"completeness": 0.5, "strict": True, "version": "2.1"}
    ours = PlanReport(target, [problem], files=["a.yaml"], **changes)
    theirs = PlanReportBefore(target, [problem], files=["a.yaml"], **changes)
    assert _shown(ours) == _shown(theirs)
    assert PlanReport(target, []).files == [] and PlanReport(target, []).files is not ours.files
    assert ours == PlanReport(target, [problem], files=["a.yaml"], **changes)
    assert ours != PlanReport(target, [problem], files=["a.yaml"])
    assert pickle.loads(pickle.dumps(ours)) == ours  # reports come back from workers
    with pytest.raises(TypeError):
        hash(ours)  # mutable, as the dataclass was
    result = CheckResult([ours], date(2026, 11, 23))
    assert repr(result) == f"CheckResult(reports={[ours]!r}, today={result.today!r})"
    assert result.count(Severity.WARNING) == 1 and int(result.exit_code(strict=True)) == 1


def test_a_plan_location_compares_prints_and_hashes_as_its_dataclass_did() -> None:
    import dataclasses

    from cptsplan.repository.location import PlanLocation, locate_plan

    @dataclasses.dataclass(frozen=True)
    class PlanLocationBefore:
        plan: Path
        home: Path

    ours = locate_plan(COMPLETE_EXAMPLE)
    theirs = PlanLocationBefore(ours.plan, ours.home)
    assert _shown(ours) == _shown(theirs) and hash(ours) == hash(theirs)
    assert ours == PlanLocation(ours.plan, ours.home) != PlanLocation(ours.plan, Path("x"))


def test_the_update_values_compare_and_print_as_their_dataclasses_did() -> None:
    import dataclasses

    from cptsplan.update import FileChange, UpdateResult
    from cptsplan.update.changes import Change
    from cptsplan.update.checklist import ChecklistItem
    from cptsplan.update.gitstate import GitState

    @dataclasses.dataclass(frozen=True)
    class ChangeBefore:
        label: str
        before: str | None
        after: str

    @dataclasses.dataclass(frozen=True)
    class ItemBefore:
        theme: str
        text: str
        where: str

    @dataclasses.dataclass(frozen=True)
    class GitStateBefore:
        in_repository: bool
        uncommitted: list[str]
        unknown: str | None = None

    @dataclasses.dataclass(frozen=True)
    class FileChangeBefore:
        path: Path
        display: str
        before: str
        after: str

    pairs: list[tuple[object, object]] = [
        (Change("version", "2.1", "2.2"), ChangeBefore("version", "2.1", "2.2")),
        (Change("statut", None, "brouillon"), ChangeBefore("statut", None, "brouillon")),
        (ChecklistItem("annuaire", "t", "plan.yaml:3"), ItemBefore("annuaire", "t", "plan.yaml:3")),
        (FileChange(Path("p"), "p", "a", "b"), FileChangeBefore(Path("p"), "p", "a", "b")),
    ]
    for ours, theirs in pairs:
        assert _shown(ours) == _shown(theirs) and hash(ours) == hash(theirs)
    assert _shown(GitState(True, ["a"])) == _shown(GitStateBefore(True, ["a"]))
    assert GitState(True, ["a"]) == GitState(True, ["a"]) != GitState(True, [], "x")
    result = UpdateResult("2.1", "2.2", date(2026, 11, 23), [], [], [], date(2027, 11, 23))
    assert result.warnings == [] and result.written is False
    assert result == UpdateResult("2.1", "2.2", date(2026, 11, 23), [], [], [], date(2027, 11, 23))
    assert repr(result).startswith("UpdateResult(old_version='2.1', new_version='2.2', ")
    assert repr(result).endswith(", written=False, warnings=[])")


def test_a_printable_text_is_shown_as_the_escaping_pattern_shows_it() -> None:
    """safetext.visible skips its pattern for a printable text: every character the pattern
    escapes is one `str.isprintable` refuses (all of Unicode), and texts built from the
    characters around them come out the same both ways."""

    from cptsplan.privacy import safetext

    unsafe = re.compile(safetext._UNSAFE)
    escaped = [c for c in map(chr, range(0x110000)) if unsafe.match(c)]
    assert escaped and not any(c.isprintable() for c in escaped)
    draw = random.Random(20)
    pool = [*escaped[:200], "a", "é", "«", "\u00a0", "\u202f", "✔", "😀", " ", "#", ":"]
    for _ in range(3000):
        text = "".join(draw.choice(pool) for _ in range(draw.randint(0, 12)))
        assert safetext.visible(text) == unsafe.sub(safetext._escape, text)
        assert type(safetext.visible(text)) is str
