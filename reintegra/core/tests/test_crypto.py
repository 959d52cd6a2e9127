import base64

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from reintegra.core import crypto
from reintegra.core.fields import EncryptedTextField

OLD = base64.b64encode(b"o" * 32).decode()
NEW = base64.b64encode(b"n" * 32).decode()


@given(st.text())
def test_roundtrip_any_text(text):
    assert crypto.decrypt(crypto.encrypt(text)) == text


def test_ciphertext_hides_the_text_and_differs_each_time():
    first, second = crypto.encrypt("Diagnose: Burnout"), crypto.encrypt("Diagnose: Burnout")
    assert "Burnout" not in first
    assert first != second


def test_tampered_value_is_refused():
    token = crypto.encrypt("Rückenschmerzen")
    prefix, key_id, payload = token.split(":")
    raw = bytearray(base64.b64decode(payload))
    raw[-1] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(f"{prefix}:{key_id}:{base64.b64encode(bytes(raw)).decode()}")


def test_rotation_newest_key_encrypts_old_keys_still_decrypt():
    with override_settings(REINTEGRA_ENCRYPTION_KEYS=[OLD]):
        old_token = crypto.encrypt("alt")
    with override_settings(REINTEGRA_ENCRYPTION_KEYS=[NEW, OLD]):
        assert crypto.decrypt(old_token) == "alt"
        assert crypto.needs_rotation(old_token)
        assert not crypto.needs_rotation(crypto.encrypt("neu"))
    with override_settings(REINTEGRA_ENCRYPTION_KEYS=[NEW]), pytest.raises(crypto.DecryptionError):
        crypto.decrypt(old_token)


@pytest.mark.parametrize("keys", [[], ["not base64!"], [base64.b64encode(b"short").decode()]])
def test_bad_key_configuration_is_a_clear_error(keys):
    with override_settings(REINTEGRA_ENCRYPTION_KEYS=keys), pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")


def test_field_encrypts_on_the_way_in_and_decrypts_on_the_way_out():
    field = EncryptedTextField()
    stored = field.get_prep_value("Schlafstörungen")
    assert stored.startswith("v1:")
    assert field.from_db_value(stored, None, None) == "Schlafstörungen"
    assert field.get_prep_value("") == ""
    assert field.from_db_value(None, None, None) is None
