"""Authentication backend: the signed-in user comes with their organisation in one query."""

from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from reintegra.accounts.models import User


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> User | None:  # type: ignore[override]
        try:
            user = User.objects.select_related("organisation").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
