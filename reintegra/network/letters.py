"""The referral letter: written when a referral is sent, to the provider, in the provider's language.

It says only what the client consented to share with providers (the active consent of purpose
`share_with_provider`, which sending requires): the client's name, what the referral is for (the
measure it serves and the case manager's request, written for the provider), what the consent covers
(its scope, given on, valid until) and whom to contact. Nothing else of the case goes into it: no
diagnosis, assessment, summary, incapacity, date of birth, address or AHV number.

The PDF is stored with the referral, encrypted at rest (`Referral.letter`, the scans storage), and
erased with the case; every download is logged as an export to the provider.
"""

import re
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reintegra.consents.models import Consent, ConsentStatus
from reintegra.core.formatting import format_date
from reintegra.core.languages import document_language
from reintegra.core.pdf import Letter, Letterhead
from reintegra.network.models import Provider, Referral

CONSENT_PURPOSE = "share_with_provider"


def provider_address_block(provider: Provider) -> list[str]:
    """The provider's name, the contact person and the address (lines; commas also end a line)."""
    lines = [provider.name]
    if provider.contact_person.strip():
        lines.append(_("Attn. %(name)s") % {"name": provider.contact_person.strip()})
    lines += [part.strip() for part in re.split(r"[\n,]", provider.address or "") if part.strip()]
    return lines


def _consent(case: Any) -> Consent | None:
    """The newest consent to share with providers that is active today."""
    today = timezone.localdate()
    consents = Consent.objects.filter(case=case, purpose=CONSENT_PURPOSE).order_by("-given_on", "-created_at")
    return next((c for c in consents if c.status_on(today) == ConsentStatus.ACTIVE), None)


def referral_letter_pdf(referral: Referral) -> bytes:
    """The letter to the provider, in the provider's language (else the organisation's)."""
    case = referral.case
    provider = referral.provider
    with translation.override(document_language(provider.language)):
        client = str(case.client)
        doc = Letter(
            letterhead=Letterhead.of(case.organisation),
            recipient=provider_address_block(provider),
            subject=_("Referral: %(client)s") % {"client": client},
            day=timezone.localdate(referral.sent_on) if referral.sent_on else timezone.localdate(),
        )
        doc.body(_("Dear Sir or Madam,"))
        doc.ln(2)
        doc.body(
            _(
                "With the consent of the person concerned, we refer %(client)s to you. This letter holds only "
                "what they agreed to share with you."
            )
            % {"client": client}
        )
        doc.ln(2)
        doc.field(_("Person referred"), client)
        doc.field(_("Our reference"), case.reference)
        if referral.measure is not None:
            doc.field(_("For the measure"), referral.measure.title)
        if referral.note.strip():
            doc.heading(_("Our request"))
            doc.paragraph(referral.note.strip())
        consent = _consent(case)
        doc.heading(_("Consent"))
        if consent is not None:
            given = _("Given on %(date)s") % {"date": format_date(consent.given_on)}
            if consent.valid_until:
                given += ", " + _("valid until %(date)s") % {"date": format_date(consent.valid_until)}
            doc.paragraph(given + ".")
            if consent.scope.strip():
                doc.paragraph(_("What may be shared: %(scope)s") % {"scope": consent.scope.strip()})
        doc.paragraph(
            _("Please use the information only for this referral and do not pass it on without a new consent.")
        )
        manager = case.case_manager
        contact = ", ".join(part for part in (manager.display_name, manager.email) if part)
        doc.paragraph(_("Your contact person: %(contact)s") % {"contact": contact})
        doc.ln(4)
        doc.paragraph(_("Kind regards") + "\n\n" + manager.display_name)
        return doc.render()


def referral_letter_write(referral: Referral) -> None:
    """Render the letter and store it with the referral (encrypted); the old letter file goes."""
    data = referral_letter_pdf(referral)
    old = referral.letter.name if referral.letter else ""
    referral.letter.save(f"{referral.case.reference}-referral.pdf", ContentFile(data), save=False)
    Referral.objects.filter(pk=referral.pk).update(letter=referral.letter.name)
    if old and old != referral.letter.name:
        referral.letter.storage.delete(old)
