"""One permission vocabulary (docs/architecture.md, "Permissions"): views, API views and
template code ask their app's `permissions.py` predicates, never `user_has_role` directly."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "reintegra"


def _is_view_code(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    if "tests" in parts or "migrations" in parts:
        return False
    return path.stem == "views" or "views" in parts or "api" in parts or "templatetags" in parts


def test_views_never_call_user_has_role() -> None:
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if not _is_view_code(path):
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
            imported = isinstance(node, ast.ImportFrom) and any(a.name == "user_has_role" for a in node.names)
            if name == "user_has_role" or imported:
                offenders.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}")
    assert offenders == [], "ask the app's permissions.py predicate instead: " + ", ".join(sorted(set(offenders)))
