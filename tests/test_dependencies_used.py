"""No pinned dependency goes unused (#13): every runtime pin in requirements.txt is imported by the
project's code or settings, or is named here with where it is used; and requirements.lock pins only
what requirements*.txt need (directly or through the packages they depend on)."""

import re
from importlib.metadata import PackageNotFoundError, distribution, packages_distributions
from pathlib import Path

from packaging.requirements import Requirement

BASE = Path(__file__).resolve().parents[1]
# Used without an import of their own in our code.
USED_ELSEWHERE = {
    "gunicorn": "the production server (README, config/wsgi.py)",
    "psycopg": "Django's PostgreSQL backend (DATABASE_URL)",
    "psycopg-binary": "psycopg's compiled implementation",
}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(name: str) -> list[str]:
    lines = (BASE / name).read_text().splitlines()
    return [_norm(line.split("==")[0]) for line in lines if "==" in line and not line.startswith("#")]


def _source() -> str:
    files = [*(BASE / "reintegra").rglob("*.py"), *(BASE / "config").rglob("*.py")]
    return "\n".join(path.read_text() for path in files if "tests" not in path.parts)


def test_every_runtime_pin_is_used() -> None:
    modules: dict[str, set[str]] = {}
    for module, dists in packages_distributions().items():
        for dist in dists:
            modules.setdefault(_norm(dist), set()).add(module)
    source = _source()
    unused = []
    for pin in _pins("requirements.txt"):
        if pin in USED_ELSEWHERE:
            continue
        names = modules.get(pin, set())
        if not any(re.search(rf"(import|from)\s+{re.escape(m)}\b|[\"']{re.escape(m)}[.\"']", source) for m in names):
            unused.append(pin)
    assert unused == [], f"pinned but never imported or configured: {unused}"


def test_the_lock_pins_only_what_is_needed() -> None:
    wanted = set(_pins("requirements.txt")) | set(_pins("requirements-dev.txt"))
    needed, stack = set(wanted), list(wanted)
    while stack:
        try:
            requires = distribution(stack.pop()).requires or []
        except PackageNotFoundError:
            continue
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            name = _norm(requirement.name)
            if name not in needed:
                needed.add(name)
                stack.append(name)
    assert [pin for pin in _pins("requirements.lock") if pin not in needed] == []
