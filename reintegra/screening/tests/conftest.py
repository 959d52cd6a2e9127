"""Screening fixtures: the shared people (alice, lead, admin, dora, employer, charlie) and CSV builders."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

HEADER = "personnel_number,first_name,last_name,birth_date,unit,start,end,kind,percent,work_days_per_week"


def csv_file(*lines: str, header: str = HEADER, encoding: str = "utf-8", name: str = "absenzen.csv"):
    return SimpleUploadedFile(name, ("\n".join([header, *lines]) + "\n").encode(encoding), "text/csv")


def day(offset: int) -> str:
    """A date `offset` days before today, ISO."""
    return str(date.today() - timedelta(days=offset))


@pytest.fixture
def api():
    def client_for(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return client_for
