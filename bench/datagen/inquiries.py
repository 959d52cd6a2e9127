"""Anonymous inquiries for the inbox page (issue #22: the inquiries inbox measured by `make bench`).

One thread per 20 generated cases for Demo AG (500 at 10k, 5,000 at 100k), each with one to
three messages, a fifth of them waiting for an answer. Bulk inserts, deterministic (seeded);
idempotent: only the threads still missing are added. Creation times are the insert's (`auto_now_add`);
the inbox orders by `last_message_at`, which is spread over a year. The passphrase hash is one hash computed
once (the inbox never checks it), the code digests are distinct by construction.
"""

import hashlib
import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from reintegra.accounts.models import Organisation
from reintegra.inquiries import credentials
from reintegra.inquiries.models import Inquiry, InquiryMessage, InquiryStatus, Sender

ORGANISATION = "Demo AG"
CASES_PER_INQUIRY = 20
QUESTIONS = [
    "Ich bin seit einigen Wochen krankgeschrieben. Erfährt mein Arbeitgeber, wenn ich mich bei Ihnen melde?",
    "Kann ich das Case Management auch in Anspruch nehmen, wenn ich nur teilweise krankgeschrieben bin?",
    "Mein Rücken macht die Arbeit im Lager schwer. Gibt es eine Möglichkeit, die Aufgaben anzupassen?",
    "Ich möchte nach der Operation schrittweise wieder einsteigen. Wie läuft das ab?",
    "Wer sieht, was ich Ihnen hier schreibe?",
]
ANSWER = (
    "Guten Tag, danke für Ihre Nachricht. Gerne erklären wir Ihnen in einem Gespräch, wie wir Sie unterstützen können."
)


def ensure_inquiries(*, cases: int, seed: int) -> int:
    """Make sure Demo AG has `cases // 20` generated threads; return how many it has."""
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    if organisation is None:
        return 0
    wanted = cases // CASES_PER_INQUIRY
    have = Inquiry.objects.filter(organisation=organisation, code_digest__startswith="bench").count()
    if have >= wanted:
        _analyze()
        return have
    rng = random.Random(seed + have)
    hashed = credentials.passphrase_hash("bench-not-a-passphrase")
    now = timezone.now()
    threads: list[Inquiry] = []
    messages: list[InquiryMessage] = []
    for n in range(have, wanted):
        started = now - timedelta(minutes=rng.randint(60, 60 * 24 * 365))
        answered = rng.random() >= 0.2
        inquiry = Inquiry(
            organisation=organisation,
            code_digest="bench" + hashlib.sha256(f"{seed}:{n}".encode()).hexdigest()[:59],
            passphrase_hash=hashed,
            status=InquiryStatus.ANSWERED if answered else InquiryStatus.OPEN,
            last_message_at=started,
        )
        # person, case management, person, ...: an answered thread ends with the answer
        count = 2 if answered else rng.choice((1, 3))
        for i in range(count):
            from_person = i % 2 == 0
            messages.append(
                InquiryMessage(
                    inquiry=inquiry,
                    sender=Sender.PERSON if from_person else Sender.CASE_MANAGEMENT,
                    text=rng.choice(QUESTIONS) if from_person else ANSWER,
                )
            )
        inquiry.last_message_at = started + timedelta(hours=count - 1)
        threads.append(inquiry)
    with transaction.atomic():
        Inquiry.objects.bulk_create(threads, batch_size=1000)
        InquiryMessage.objects.bulk_create(messages, batch_size=1000)
    _analyze()
    return wanted


def _analyze() -> None:
    """Fresh planner statistics for the inquiry tables (a few milliseconds). Taken while they were
    nearly empty (the ANALYZE after generating the cases), they make SQLite scan every message of
    every thread for the inbox's 25 (62 ms at 5,000 threads instead of 0.2 ms)."""
    with connection.cursor() as cursor:
        for model in (Inquiry, InquiryMessage):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
