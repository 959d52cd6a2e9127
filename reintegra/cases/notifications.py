"""The notifications the cases app sends (kinds registered with the notifications app)."""

from django.utils.translation import gettext_lazy as _

from reintegra.notifications.kinds import register_kind

CASE_REASSIGNED = "case_reassigned"


def register_kinds() -> None:
    register_kind(
        CASE_REASSIGNED,
        label=_("Case handed over to you"),
        subject=_("Case %(reference)s handed over to you by %(by)s"),
    )
