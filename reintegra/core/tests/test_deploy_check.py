import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


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
        },
    )
    assert result.returncode != 0
    assert "core.E001" in result.stderr
