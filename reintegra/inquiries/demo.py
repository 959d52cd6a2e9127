"""Demo data: two anonymous threads for Demo AG — one answered by Anna, one waiting.

The answered one has a fixed code and passphrase (printed by `load_demo`), so that the public
side can be tried at `/k/demo-ag/gespraech/`. Idempotent: nothing is added once Demo AG has threads.
"""

from reintegra.accounts.models import Organisation, User
from reintegra.inquiries import credentials
from reintegra.inquiries.models import Inquiry
from reintegra.inquiries.services import inquiry_create, inquiry_reply

DEMO_CODE = "DEMO-2345-6789-ABCD"
DEMO_PASSPHRASE = "demo-nur-zum-testen"  # noqa: S105 - documented demo access, never in production


def load() -> list[str]:
    organisation = Organisation.objects.filter(name="Demo AG").first()
    anna = User.objects.filter(username="anna").first()
    if organisation is None or anna is None:
        return []
    address = f"/k/{organisation.slug}/"
    if not Inquiry.objects.filter(organisation=organisation).exists():
        answered, _given = inquiry_create(
            organisation=organisation,
            text=(
                "Guten Tag. Ich bin seit einigen Wochen wegen einer Depression krankgeschrieben. "
                "Was passiert, wenn ich Ihnen davon erzähle? Erfährt mein Vorgesetzter davon?"
            ),
        )
        Inquiry.objects.filter(pk=answered.pk).update(
            code_digest=credentials.code_digest(DEMO_CODE),
            passphrase_hash=credentials.passphrase_hash(DEMO_PASSPHRASE),
        )
        answered.refresh_from_db()
        inquiry_reply(
            actor=anna,
            inquiry=answered,
            text=(
                "Guten Tag, danke für Ihre Nachricht. Was Sie uns erzählen, bleibt beim Case Management: "
                "Ohne Ihr Einverständnis erfährt Ihr Vorgesetzter nichts. Gerne erklären wir Ihnen in einem "
                "Gespräch, wie wir Sie bei der Rückkehr unterstützen können."
            ),
        )
        inquiry_create(
            organisation=organisation,
            text="Kann ich das Case Management auch in Anspruch nehmen, wenn ich nur teilweise krankgeschrieben bin?",
        )
    return [f"anonymous first contact: {address} (code {DEMO_CODE}, passphrase {DEMO_PASSPHRASE})"]
