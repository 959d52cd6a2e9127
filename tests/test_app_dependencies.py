"""Apps depend one way (docs/architecture.md, "Dependencies").

Every import is read from the source — also those inside functions and under TYPE_CHECKING —
so a cycle cannot hide behind a function-level import. What an app needs from an app above it
comes through a registry instead.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "reintegra"

# core's shell modules sit above every app (start page, portal gate and second-factor
# middleware, backup); they are to move into an app of their own (docs/architecture.md).
SHELL = {
    ROOT / "core" / "views.py",
    ROOT / "core" / "middleware.py",
    ROOT / "core" / "backup.py",
    ROOT / "core" / "context_processors.py",
}


def app_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path in SHELL:
            continue
        app = path.relative_to(ROOT).parts[0]
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            modules = []
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            for module in modules:
                parts = module.split(".")
                if parts[0] == "reintegra" and len(parts) > 1 and parts[1] != app:
                    graph[app].add(parts[1])
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt == path[0]:
                found.append([*path, nxt])
            elif nxt not in path and nxt > path[0]:  # each cycle once, from its smallest app
                walk(nxt, [*path, nxt])

    for start in sorted(graph):
        walk(start, [start])
    return found


def test_apps_import_one_way():
    assert cycles(app_graph()) == []


def test_core_imports_no_app_outside_its_shell():
    assert app_graph().get("core", set()) == set()


def test_the_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
