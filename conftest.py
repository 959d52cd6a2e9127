"""Test set-up shared by every suite.

- `--postgres` runs the suite against a real, ephemeral PostgreSQL cluster that
  pytest-postgresql starts (through tests/support/pg_ctl_shim.sh when root).
- STRICT=1 turns every skip into a failure: CI may not pass by skipping. Tests marked
  `postgres_only` are deselected (not skipped) without `--postgres`.
- Every database test may use both aliases (`default` and the access log's `audit`).
- Hypothesis runs without deadlines (a loaded machine must not fail a property test).
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests check results, not speed: no per-example deadline (CI machines are shared and slow).
hypothesis_settings.register_profile("reintegra", deadline=None)
hypothesis_settings.load_profile("reintegra")

# The people most tests need (org, unit, alice, bob, lead, dora, admin, employer, charlie).
pytest_plugins = ["tests.support.people", "tests.support.cases"]

ROOT = Path(__file__).resolve().parent
STRICT = os.environ.get("STRICT") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test thread; Django's ORM guards
# against that unless told the thread is safe for synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--postgres", action="store_true", help="run against an ephemeral PostgreSQL cluster")


def _pg_ctl() -> str | None:
    real = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if real:
        return str(ROOT / "tests/support/pg_ctl_shim.sh") if os.geteuid() == 0 else str(real[-1])
    return shutil.which("pg_ctl")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--postgres"):
        executable = _pg_ctl()
        if executable is None:
            message = "PostgreSQL server binaries (pg_ctl) are missing: apt-get install postgresql"
            if STRICT:
                raise pytest.UsageError(message)
            config.issue_config_time_warning(pytest.PytestWarning(message), stacklevel=1)
        else:
            config.option.postgresql_exec = executable
            if not config.option.basetemp and not hasattr(config, "workerinput"):
                # Not under /tmp/pytest-of-root: pytest resets that folder to 0700 whenever a
                # session (or an xdist worker) starts, which locks the postgres user out of
                # a running cluster's data directory.
                config.option.basetemp = tempfile.mkdtemp(prefix="reintegra-pg-")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"STRICT=1: skipped tests count as failures. Reason: {reason}"
    return report


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--postgres"):
        # PostgreSQL-only tests (the two-server drill) belong to the `--postgres` run: left out of
        # the SQLite run rather than skipped, so STRICT=1 counts neither a skip nor a pass.
        kept = [item for item in items if item.get_closest_marker("postgres_only") is None]
        if len(kept) != len(items):
            config.hook.pytest_deselected(items=[item for item in items if item not in kept])
            items[:] = kept
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and "databases" not in marker.kwargs:
            kwargs = dict(marker.kwargs, databases="__all__")
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
        if item.get_closest_marker("browser") is None and "page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request: pytest.FixtureRequest) -> None:
    """With --postgres, point both aliases at the ephemeral cluster before test DBs are made."""
    from pytest_django.fixtures import _set_suffix_to_test_databases

    if request.config.getoption("--postgres"):
        if _pg_ctl() is None:
            pytest.skip("PostgreSQL server binaries (pg_ctl) are missing: apt-get install postgresql")
        proc = request.getfixturevalue("postgresql_proc")
        from django.conf import settings

        for alias, name in (("default", "reintegra"), ("audit", "reintegra_audit")):
            settings.DATABASES[alias].update(
                {
                    "ENGINE": "django.db.backends.postgresql",
                    "NAME": name,
                    "USER": proc.user,
                    "PASSWORD": proc.password or "",
                    "HOST": proc.host,
                    "PORT": proc.port,
                    "OPTIONS": {},
                    "CONN_MAX_AGE": 0,
                }
            )
            settings.DATABASES[alias]["TEST"]["NAME"] = f"test_{name}"
            # A connection made earlier (e.g. while collecting) still wraps SQLite: drop it, so the
            # next use builds a PostgreSQL connection from the changed settings.
            from django.db import connections

            try:
                existing = getattr(connections._connections, alias)
            except AttributeError:
                continue
            existing.close()
            del connections[alias]
    worker = getattr(request.config, "workerinput", {}).get("workerid")
    if worker:
        _set_suffix_to_test_databases(suffix=worker)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """A real headless Chromium (Debian's package), driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is missing at {CHROMIUM}: apt-get install chromium (browser tests need it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, locale="de-CH")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
