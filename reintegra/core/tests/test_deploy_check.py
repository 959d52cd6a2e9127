import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


PRODUCTION_KEY = "cHJvZHVjdGlvbi10ZXN0LWtleS0zMi1ieXRlcy1sb24="
DEVELOPMENT_KEY = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM="


def production_env(tmp_path, **overrides):
    """Everything production requires, valid; `overrides` change or (with None) remove one."""
    env = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "x.example.org",
        "REINTEGRA_BASE_URL": "https://x.example.org",
        "REINTEGRA_ENCRYPTION_KEYS": PRODUCTION_KEY,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def run_manage(*args, extra_env=None, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "REINTEGRA_VAR_DIR": str(tmp_path),
            **(extra_env or {}),
        }
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_cleanly_with_production_settings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        extra_env={
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "reintegra.example.org",
            "REINTEGRA_BASE_URL": "https://reintegra.example.org",
            "REINTEGRA_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi10ZXN0LWtleS0zMi1ieXRlcy1sb24=",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secrets(tmp_path):
    result = run_manage("check", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_demo_data(tmp_path):
    result = run_manage(
        "load_demo",
        tmp_path=tmp_path,
        extra_env={
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "x.example.org",
            "REINTEGRA_BASE_URL": "https://x.example.org",
            "REINTEGRA_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi10ZXN0LWtleS0zMi1ieXRlcy1sb24=",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        },
    )
    assert result.returncode != 0
    assert "not allowed" in result.stderr


def test_a_wrong_encryption_key_stops_the_start(tmp_path):
    result = run_manage(
        "check",
        tmp_path=tmp_path,
        extra_env={
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "x.example.org",
            "REINTEGRA_BASE_URL": "https://x.example.org",
            "REINTEGRA_ENCRYPTION_KEYS": "c2hvcnQ=",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        },
    )
    assert result.returncode != 0
    assert "core.E001" in result.stderr


def test_production_refuses_the_public_development_key(tmp_path):
    for keys in (DEVELOPMENT_KEY, f"{PRODUCTION_KEY},{DEVELOPMENT_KEY}"):
        result = run_manage(
            "check", tmp_path=tmp_path, extra_env=production_env(tmp_path, REINTEGRA_ENCRYPTION_KEYS=keys)
        )
        assert result.returncode != 0
        assert "REINTEGRA_ENCRYPTION_KEYS holds a public development key" in result.stderr


def test_production_requires_a_database_url_instead_of_a_sqlite_file_by_default(tmp_path):
    result = run_manage("check", tmp_path=tmp_path, extra_env=production_env(tmp_path, DATABASE_URL=None))
    assert result.returncode != 0
    assert "The environment variable DATABASE_URL must be set in production." in result.stderr
    assert not (tmp_path / "reintegra.sqlite3").exists()


def test_production_starts_with_its_own_key_and_database(tmp_path):
    result = run_manage("check", tmp_path=tmp_path, extra_env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
