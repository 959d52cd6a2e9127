"""A JSON value encrypted at rest: questionnaire answers can hold health detail."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reintegra.core import crypto
from reintegra.core.fields import EncryptedTextField


class EncryptedJSONField(EncryptedTextField):
    """JSON (a dict of answers) stored as AES-GCM ciphertext.

    It subclasses `EncryptedTextField` so that `manage.py reencrypt` rotates it too.
    Not searchable or filterable by content; scores that reports need live in plain fields.
    """

    description = "JSON encrypted at rest (AES-GCM)"

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return crypto.encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return {}
        return json.loads(crypto.decrypt(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            text = crypto.decrypt(value) if crypto.is_token(value) else value
            try:
                return json.loads(text)
            except ValueError as exc:
                raise ValidationError(_("Enter valid JSON.")) from exc
        return value
