"""Each plan file is parsed once (issue 20): the limits are checked on the same libyaml events
the data is built from (load/yaml_stream.py). What the loader gives back is what the former
two passes gave (limits on the events, then the node tree composed by libyaml and walked by
the builder): same data, positions, problems, on every YAML file of the project and on
random texts made of the constructs the builder treats apart."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from cptsplan.load import loader as plan_loader
from cptsplan.load import yaml_limits
from cptsplan.load.loaded import LoadedFile
from cptsplan.load.source import load_plan
from tests.conftest import COMPLETE_EXAMPLE

ROOT = Path(__file__).resolve().parent.parent
SCALARS = ["x", "010", "1:30", "oui", "", "~", "3.5", "'q'", '"dq"', '"a\\x01b"', "“1.0”", "«x»",
           "Salle #2 de la maison", "a # note", "!!int 5", "!!str s", "! bang", "!truc z",
           "|\n  bloc", "[1, 2]", "{a: 1, a: 2}", "[a, [b, [c]]]", "\u00a0x",
           "!<tag:cptsplan,2026:untagged-scalar> v"]  # fmt: skip
KEYS = ["nom", "a", "a", "b", "<<", "'<<'", "!!str k", "\u00a0k", "k\u00a0", '"k\\x02"', "[x]",
        "{y: 1}", "nom"]  # fmt: skip
TAILS = ["", "", "", "---\nautre: 1\n", "- liste\n", "scalaire\n", "a: [\n", "\tb: 1\n",
         "c: &z 1\n", "d: " + "[" * 45 + "]" * 45 + "\n",
         "e: [" + ",".join(["1"] * 5001) + "]\n"]  # fmt: skip


def _node(rng: random.Random, depth: int, indent: int) -> str:
    pad = " " * indent
    draw = rng.random()
    if draw < 0.01:
        return rng.choice([" &a v", " *a"])  # refused wherever it is: rare, or nothing else is seen
    if depth > 3 or draw < 0.45:
        return " " + rng.choice(SCALARS).replace("\n", "\n" + pad)
    if draw < 0.75:
        keys = [f"{pad}{rng.choice(KEYS)}:" + _node(rng, depth + 1, indent + 2)
                for _ in range(rng.randint(1, 4))]  # fmt: skip
        return rng.choice(["", "", "", " !!map", " !"]) + "\n" + "\n".join(keys)
    items = []
    for _ in range(rng.randint(1, 3)):
        first = rng.choice(KEYS[:4])
        item = f"{pad}- {first}:" + _node(rng, depth + 1, indent + 4)
        for _ in range(rng.randint(0, 3)):  # the first key again: a « - » forgotten
            key = rng.choice([first, *KEYS[:5]])
            item += f"\n{pad}  {key}:" + _node(rng, depth + 1, indent + 4)
        items.append(item)
    return rng.choice(["", "", "", " !!seq"]) + "\n" + "\n".join(items)


def _texts() -> list[tuple[str, str]]:
    paths = [path for folder in ("tests", "examples") for path in (ROOT / folder).rglob("*.y*ml")]
    found = [
        (str(path), path.read_text(encoding="utf-8", errors="replace")) for path in sorted(paths)
    ]
    rng = random.Random(20261206)
    for index in range(400):
        body = "\n".join(f"{rng.choice(KEYS[:4])}:" + _node(rng, 0, 2) for _ in range(3))
        found.append((f"aléatoire-{index}", body + "\n" + rng.choice(TAILS)))
    return found


def _two_passes(path: Path, text: str) -> LoadedFile:
    """The former reading: limits on the events, then libyaml's node tree walked."""
    result = LoadedFile(path=path, display="plan.yaml")
    fast = plan_loader._FastPlanLoader
    try:
        prescan = fast(text)  # the limits on the events, nothing built
        try:
            yaml_limits.Events(prescan).drain()
        finally:
            prescan.dispose()
        loader = fast(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml_limits.Refusal as exc:
        line, col = plan_loader._mark_position(exc.mark)
        problem = plan_loader._problem(result, line, col, exc.rule, exc.message, exc.hint)
        result.problems.append(problem)
        return result
    except yaml.YAMLError as exc:
        plan_loader._report_error(text, result, exc)
        return result
    plan_loader._build_root(node, text, result)
    return result


def _everything(loaded: LoadedFile) -> tuple[Any, ...]:
    positions = [*loaded.value_positions.items(), None, *loaded.key_positions.items()]
    return (loaded.data, positions, loaded.problems, loaded.plain, loaded.curly)


@pytest.mark.parametrize("loader_class", ["libyaml", "python"])
def test_one_pass_reads_what_the_two_passes_read(
    tmp_path: Path, loader_class: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if loader_class == "python":  # a machine without libyaml
        monkeypatch.setattr(plan_loader, "_FastPlanLoader", plan_loader._PlanLoader)
    texts = _texts()
    if loader_class == "python":
        # PyYAML's pure-Python reader is twenty times slower than libyaml (22 s for every
        # file): every third file and random text, each kind of file still among them.
        texts = texts[::3]
    differences = []
    for name, text in texts:
        if plan_loader.FORBIDDEN.search(text) is not None:
            continue  # refused before parsing (load_file's _decode)
        ours = LoadedFile(path=tmp_path / "plan.yaml", display="plan.yaml")
        plan_loader._parse(text, ours)
        if _everything(ours) != _everything(_two_passes(tmp_path / "plan.yaml", text)):
            differences.append(name)
    assert differences == []


def test_each_file_of_the_plan_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """One parser per file, and each event asked for once (the limits and the data share
    them); the configuration files are read by the same loader."""
    parsers: Counter[int] = Counter()
    events: Counter[int] = Counter()
    base = plan_loader._FastPlanLoader

    class Counted(base):  # type: ignore[misc, valid-type]
        def __init__(self, text: str) -> None:
            super().__init__(text)
            self.text_id = hash(text)
            parsers[self.text_id] += 1

        def get_event(self) -> Any:
            events[self.text_id] += 1
            return super().get_event()

    monkeypatch.setattr(plan_loader, "_FastPlanLoader", Counted)
    source = load_plan(COMPLETE_EXAMPLE)
    assert not [p for p in source.problems if p.rule.startswith("yaml-")]
    assert len(parsers) == len(source.files) >= 5
    assert set(parsers.values()) == {1}
    for loaded in source.files:
        text = loaded.path.read_text(encoding="utf-8")
        scanned = yaml.CSafeLoader(text)
        try:
            stream = sum(1 for _ in iter(scanned.get_event, None))
        finally:
            scanned.dispose()
        assert events[hash(text)] == stream  # every event once, none asked for twice
