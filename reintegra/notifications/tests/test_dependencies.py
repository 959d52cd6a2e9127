"""Notifications sit below the apps whose news they deliver, and their own modules depend one way.

Read from the source (every import, also inside functions and under TYPE_CHECKING), so a
cycle cannot hide behind a function-level import again.
"""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1]
# Lower layers first: a module may import only the ones before it.
LAYERS = ["kinds", "models", "emails", "tasks", "services", "reminders", "standard"]
# The apps that use notifications; notifications must not import them (kinds are registered by them).
ABOVE = ("cases", "consents", "plans", "network", "assessments", "questionnaires", "introduce", "portal", "monitoring")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def source_files() -> list[Path]:
    return [path for path in APP.rglob("*.py") if "tests" not in path.parts and "migrations" not in path.parts]


@pytest.mark.parametrize("path", source_files(), ids=lambda path: str(path.relative_to(APP)))
def test_notifications_import_none_of_the_apps_above_them(path):
    above = {name for name in imported_modules(path) if name.split(".")[:2] in [["reintegra", app] for app in ABOVE]}
    assert above == set(), path


@pytest.mark.parametrize("module", LAYERS)
def test_each_module_imports_only_the_layers_below_it(module):
    allowed = set(LAYERS[: LAYERS.index(module)]) | {"permissions"}
    own = {
        name.split(".")[2]
        for name in imported_modules(APP / f"{module}.py")
        if name.startswith("reintegra.notifications.") and len(name.split(".")) > 2
    }
    assert own <= allowed, f"{module} imports {sorted(own - allowed)}"
