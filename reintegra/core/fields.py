"""Model field for free text with health or personal detail: encrypted at rest."""

from typing import Any

from django.db import models

from reintegra.core import crypto


class EncryptedTextField(models.TextField):
    """A TextField stored as AES-GCM ciphertext. Not searchable or orderable by content.

    Names and references stay in plain fields so that they remain searchable;
    free text (notes, assessment items, reasons) uses this field.
    """

    description = "Text encrypted at rest (AES-GCM)"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and crypto.is_token(value):
            return crypto.decrypt(value)
        return super().to_python(value)
