"""The notification a new anonymous inquiry sends to the organisation's case managers and team leads.

It says only that an inquiry arrived: no text of the message, nothing about the person.
"""

from django.utils.translation import gettext_lazy as _

from reintegra.notifications.kinds import register_kind

KIND = "inquiry_new"

register_kind(
    KIND,
    label=_("New anonymous inquiry"),
    subject=_("New anonymous inquiry"),
    body=_("Someone has written to case management anonymously. Open the inquiries to read and answer it."),
)
