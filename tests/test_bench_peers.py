"""The throughput peer of `make bench` waits for gunicorn on a URL the product answers."""

import pytest
from django.test import Client

from bench.peers import READY_URL

pytestmark = pytest.mark.django_db


def test_the_url_the_throughput_peer_waits_on_exists() -> None:
    response = Client().get(READY_URL)
    assert response.status_code in (200, 503), response.status_code  # 503: a database or key is missing
    assert "database" in response.json()
