"""Drill: 8 processes open cases through the service at once, for a bounded time, on SQLite
and on PostgreSQL: no errors, none lost (the stored cases are exactly those reported), every
reference unique and the numbers without gaps.

Processes, not threads: each writer has its own interpreter and its own connections, so the
database's locking (SQLite's write lock and busy timeout, PostgreSQL's row lock on the
reference counter) is what keeps them apart, as with several gunicorn workers.
"""

import json
import subprocess
import sys

import pytest

from reintegra.cases.models import Case
from tests.drills.support import ROOT, drill_env, wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.drill]

WRITERS = 8
SECONDS = 6


def test_eight_processes_write_cases_at_once_none_lost_no_error_unique_references(alice, bob, tmp_path):
    before = Case.objects.count()
    env = drill_env()
    writers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "tests.drills.writer", str(tmp_path), (alice, bob)[index % 2].username]
            + [str(SECONDS)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for index in range(WRITERS)
    ]
    try:
        wait_until(
            lambda: len(list(tmp_path.glob("ready-*"))) == WRITERS or any(w.poll() is not None for w in writers),
            timeout=60,
            what="all writers set up",
            every=0.1,
        )
        (tmp_path / "go").touch()  # all at once
        outputs = [writer.communicate(timeout=SECONDS + 60) for writer in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.wait(timeout=10)
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err.decode(errors="replace")[-3000:]
    reports = [json.loads(out.decode().strip().splitlines()[-1]) for out, _err in outputs]

    errors = [error for report in reports for error in report["errors"]]
    reported = [reference for report in reports for reference in report["references"]]
    assert errors == []
    assert all(report["references"] for report in reports)  # each writer really wrote
    assert len(reported) >= WRITERS * 2
    stored = list(Case.objects.exclude(reference="").values_list("reference", flat=True))
    assert Case.objects.count() - before == len(reported)  # none lost, none extra
    assert len(set(stored)) == len(stored)  # unique references
    assert set(reported) <= set(stored)
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in stored)
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))  # no gaps, no repeats
    print(f"{len(reported)} cases by {WRITERS} processes in {SECONDS} s, 0 errors")  # shown with -s
