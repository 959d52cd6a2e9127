"""The translation catalogues are complete: every project text in German, French and Italian.

`makemessages` is run on a copy of the project, so a text added to the code without a
translation is found even before anyone edits a catalogue; then `msgfmt --statistics` must
report neither untranslated nor fuzzy entries for any catalogue.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("de", "fr", "it")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("project")
    ignore = shutil.ignore_patterns("tests", "__pycache__", "*.mo", "static", "fonts")
    for part in ("reintegra", "config", "locale"):
        shutil.copytree(ROOT / part, copy / part, ignore=ignore)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    args = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "-v", "0"]
    args += [f"-l{language}" for language in LANGUAGES]
    subprocess.run(
        args, cwd=copy, check=True, env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"}
    )
    return copy


def _catalogues(base: Path) -> list[Path]:
    found = sorted(base.glob("reintegra/*/locale/*/LC_MESSAGES/django.po"))
    found += sorted(base.glob("locale/*/LC_MESSAGES/django.po"))
    return [path for path in found if path.parts[-3] in LANGUAGES]


def test_every_app_with_texts_has_all_three_catalogues() -> None:
    apps = {path.parents[3] for path in _catalogues(ROOT)}
    missing = [
        str((app / "locale" / language / "LC_MESSAGES" / "django.po").relative_to(ROOT))
        for app in apps
        for language in LANGUAGES
        if not (app / "locale" / language / "LC_MESSAGES" / "django.po").exists()
    ]
    assert not missing, f"catalogues missing: {missing}"


def test_no_project_text_is_untranslated_or_fuzzy(extracted: Path) -> None:
    problems = []
    for path in _catalogues(extracted):
        result = subprocess.run(
            ["msgfmt", "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=True
        )
        if "untranslated" in result.stderr or "fuzzy" in result.stderr:
            problems.append(f"{path.relative_to(extracted)}: {result.stderr.strip()}")
    assert not problems, "Texts without a translation (run `make messages` and translate them):\n" + "\n".join(problems)
