"""The structure a newcomer relies on (DESIGN.md): no import cycle, and each heavy or outside
library used by the one layer that needs it.

The import graph is read by grimp from the source (every `import`, also inside functions and
under TYPE_CHECKING), so a cycle hidden by a late import is found too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

import grimp
import pytest

PACKAGE = "cptsplan"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, include_external_packages=True)


def cycles(nodes: Iterable[str], imported_by: Callable[[str], Iterable[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan): each one is a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in imported_by(node):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for node in sorted(nodes):
            if node not in index:
                visit(node)
    finally:
        sys.setrecursionlimit(limit)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges, edges.__getitem__) == [["a", "b", "c"]]


def own_modules(graph: grimp.ImportGraph) -> set[str]:
    return {m for m in graph.modules if m == PACKAGE or m.startswith(PACKAGE + ".")}


def test_no_import_cycle_between_modules(graph: grimp.ImportGraph) -> None:
    modules = own_modules(graph)

    def imported_by(module: str) -> set[str]:
        return graph.find_modules_directly_imported_by(module) & modules

    assert cycles(modules, imported_by) == []


def test_no_import_cycle_between_packages(graph: grimp.ImportGraph) -> None:
    """cli/, diff/, render/, reporters/, rules/, update/ and each top-level module, taken as a
    whole: none imports another that imports it back (e.g. diff/ and render/)."""

    def unit(module: str) -> str:
        return ".".join(module.split(".")[:2])

    modules = own_modules(graph) - {PACKAGE}
    units = {unit(m) for m in modules}

    def imported_by(name: str) -> set[str]:
        imported = set()
        for module in modules:
            if unit(module) == name:
                imported |= {
                    unit(other)
                    for other in graph.find_modules_directly_imported_by(module)
                    if other in modules
                }
        return imported - {name}

    assert cycles(units, imported_by) == []


def importers(graph: grimp.ImportGraph, external: str) -> set[str]:
    if external not in graph.modules:
        return set()
    return graph.find_modules_that_directly_import(external)


def test_the_core_never_imports_the_command_line_libraries(graph: grimp.ImportGraph) -> None:
    """typer and rich are for the terminal: only the command line and the reporters use them,
    so that the core (api, rules, render...) can be used from other programs."""
    for library in ("typer", "rich"):
        outside = {
            m
            for m in importers(graph, library)
            if not m.startswith((f"{PACKAGE}.cli", f"{PACKAGE}.reporters"))
            and m != f"{PACKAGE}.diff.reporters"
        }
        assert outside == set(), library


def test_the_core_never_imports_the_command_line(graph: grimp.ImportGraph) -> None:
    """Only `python -m cptsplan` starts the command line: the core never depends on it."""
    cli = f"{PACKAGE}.cli"
    outside = {
        m
        for m in own_modules(graph) - {f"{PACKAGE}.__main__"}
        if not m.startswith(cli)
        and any(o.startswith(cli) for o in graph.find_modules_directly_imported_by(m))
    }
    assert outside == set()


def test_only_render_uses_jinja(graph: grimp.ImportGraph) -> None:
    assert {m for m in importers(graph, "jinja2") if not m.startswith(f"{PACKAGE}.render")} == set()


def test_only_pandoc_module_runs_the_document_tools(graph: grimp.ImportGraph) -> None:
    """pandoc and Typst are started by pandoc.py only; the other modules that start processes
    run git (repository/git.py, the one place that builds a hardened git command) or stop
    what pandoc.py started (processes.py). diff/load.py names subprocess for a type only."""
    assert importers(graph, "typst") <= {f"{PACKAGE}.files.pandoc"}
    assert importers(graph, "pypandoc") <= {f"{PACKAGE}.files.pandoc"}
    assert importers(graph, "subprocess") <= {
        f"{PACKAGE}.files.pandoc",
        f"{PACKAGE}.files.processes",
        f"{PACKAGE}.repository.git",
    }


def test_every_module_stays_small() -> None:
    """One job per module: none over 400 lines (a newcomer reads a module in one sitting)."""
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "src" / PACKAGE
    long = {
        str(path.relative_to(source)): lines
        for path in source.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


# The stages a plan flows through, bottom to top: a package may import only the packages of
# its own layer's list below it (and `errors`, which everything may raise). Read top-down this
# is the path of a check: load -> schema -> schema_check -> model -> rules -> report, with
# the documents (render), the commands around the year (diff, update) and the command line
# on top. A new package must be placed here, which is the point: its room is a decision.
LAYERS: list[set[str]] = [
    {"errors", "findings"},
    {"schema"},
    {"load"},
    {"messages"},
    {"schema_check"},
    {"model"},
    {"privacy"},
    {"rules", "files"},
    {"config"},
    {"repository"},
    {"checked"},
    {"api"},
    {"diff", "annuaire", "tableau"},
    {"render", "update", "reporters", "importer"},
    {"preview", "batch"},
    {"cli"},
    {"__main__"},
]


def layer_of(unit: str) -> int:
    for number, names in enumerate(LAYERS):
        if unit in names:
            return number
    raise AssertionError(f"{unit} n'a pas de place dans LAYERS (tests/test_architecture.py)")


def test_every_package_imports_only_from_lower_layers(graph: grimp.ImportGraph) -> None:
    """A stage never reaches up: the loader knows nothing of rules, the rules nothing of the
    documents. Same-layer imports are allowed between modules of one package only."""
    upward = set()
    for module in own_modules(graph) - {PACKAGE}:
        unit = module.split(".")[1]
        for other in graph.find_modules_directly_imported_by(module):
            if not other.startswith(PACKAGE + ".") or other == PACKAGE:
                continue
            other_unit = other.split(".")[1]
            if other_unit == unit or other_unit in {"errors", "findings"}:
                continue
            if layer_of(other_unit) >= layer_of(unit):
                upward.add(f"{module} -> {other}")
    assert sorted(upward) == []


def test_the_root_holds_only_the_conductor_errors_model_and_packages() -> None:
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "src" / PACKAGE
    modules = {p.name for p in source.glob("*.py")}
    assert modules == {"__init__.py", "__main__.py", "api.py", "errors.py", "model.py"}


def test_every_package_says_what_it_owns() -> None:
    """Each package's `__init__` docstring opens with a paragraph of at most three lines that
    tells a newcomer which room this is (details may follow after a blank line)."""
    import ast
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "src" / PACKAGE
    silent = {}
    for init in source.rglob("__init__.py"):
        if init.parent == source:
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        if not doc or len(doc.split("\n\n")[0].splitlines()) > 3:
            silent[str(init.parent.relative_to(source))] = doc
    assert silent == {}
