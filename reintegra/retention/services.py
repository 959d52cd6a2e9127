"""Legal holds, the erasure of one case, and the retention run (daily, or "run now").

Erasure is one case per transaction: the case, everything recorded about it and — when the
person has no other case — the client and their portal account go in one commit, or nothing
does. Files on disk are deleted only after that commit (`transaction.on_commit`), so a run
interrupted midway leaves no half-erased case; at worst an orphaned file of an erased case,
never a case that lost its files. What stays: the access log's rows (purged by their own
rule), one `delete` entry per case (with the case id and organisation), the `Erasure` row of
the deletion log and the anonymous statistical record (`insights.CaseFigures`, whose link to
the case is set to NULL by the deletion). See docs/data-protection.md.
"""

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.files.storage import Storage
from django.db import IntegrityError, models, router, transaction
from django.db.models import Q
from django.db.models.deletion import Collector, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.accounts.models import Membership, Role, User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case
from reintegra.core.exceptions import Conflict, ConflictCode, InvalidInput
from reintegra.core.permissions import require
from reintegra.inquiries.models import Inquiry
from reintegra.notifications.models import Notification, Reminder
from reintegra.retention.models import Erasure, ErasureKind, LegalHold
from reintegra.retention.permissions import can_manage_retention
from reintegra.retention.selectors import DueCase, case_due, retention_due

logger = logging.getLogger(__name__)

REFUSED = gettext_lazy("Only the data-protection role sets legal holds and erases cases.")
LEGAL_HOLD_OBJECT = "legal_hold"
CASE_OBJECT = "case"

# Called with the case inside the erasing transaction, before anything is deleted: e.g. the
# insights app brings the case's anonymous statistical record up to date.
ErasureHook = Callable[[Case], None]
ERASURE_HOOKS: list[ErasureHook] = []


def erasure_hook_register(hook: ErasureHook) -> None:
    """Add `hook` (idempotent), from the contributing app's `AppConfig.ready()`."""
    if hook not in ERASURE_HOOKS:
        ERASURE_HOOKS.append(hook)


def _reason(value: str | None) -> str:
    reason = (value or "").strip()
    if not reason:
        raise InvalidInput({"reason": [_("Give a reason.")]})
    return reason


# --- legal hold -----------------------------------------------------------------------------


def _refused() -> str:
    return str(REFUSED)


def legal_hold_set(*, actor: User, case: Case, reason: str, request: Any = None) -> LegalHold:
    """Put a hold on the case: it is not erased, neither by the run nor on request, while it stands."""
    require(can_manage_retention(actor, case), _refused())
    reason = _reason(reason)
    try:
        with transaction.atomic():
            hold = LegalHold(case=case, reason=reason, set_by=actor)
            hold.full_clean(exclude=["case"])
            hold.save()
            access_log_write(
                user=actor,
                action=AccessAction.CHANGE,
                object_type=LEGAL_HOLD_OBJECT,
                object_id=hold.pk,
                case_id=case.pk,
                request=request,
                detail="set",
            )
    except IntegrityError:
        raise Conflict(
            _("This case is already on legal hold. Release the hold first if it should change."),
            code=ConflictCode.LEGAL_HOLD_EXISTS,
        ) from None
    return hold


@transaction.atomic
def legal_hold_release(*, actor: User, case: Case, request: Any = None) -> None:
    """Lift the hold: the case is erased again when its retention period has run out."""
    require(can_manage_retention(actor, case), _refused())
    hold = LegalHold.objects.select_for_update().filter(case=case).first()
    if hold is None:
        raise Conflict(_("This case is not on legal hold."), code=ConflictCode.NO_LEGAL_HOLD)
    hold_id = hold.pk
    hold.delete()
    access_log_write(
        user=actor,
        action=AccessAction.CHANGE,
        object_type=LEGAL_HOLD_OBJECT,
        object_id=hold_id,
        case_id=case.pk,
        request=request,
        detail="released",
    )


# --- erasure --------------------------------------------------------------------------------


MAX_PROTECTED_ROUNDS = 5


def _delete_tree(roots: list[models.Model], *, using: str, case_id: Any) -> list[tuple[Storage, str]]:
    """Delete `roots` with everything the models cascade to; return the stored files of those rows.

    Rows of the same case that protect others of the case (a consent naming a participant
    protects the participant) are deleted first; a protection from outside the case stops the
    erasure (ProtectedError: the transaction rolls back, the case stays as it was).
    """
    files: list[tuple[Storage, str]] = []
    for _round in range(MAX_PROTECTED_ROUNDS):
        collector = Collector(using=using)
        try:
            collector.collect(roots)
        except ProtectedError as error:
            blocking = list(error.protected_objects)
            if not blocking or any(getattr(row, "case_id", None) != case_id for row in blocking):
                raise
            files += _delete_tree(blocking, using=using, case_id=case_id)
            continue
        files += _files_of(collector)
        collector.delete()
        return files
    raise ProtectedError("Erasure: records of the case keep protecting each other.", set())


def _files_of(collector: Collector) -> list[tuple[Storage, str]]:
    """Every stored file of the rows the deletion will remove (consent scans, and any future upload)."""
    files: list[tuple[Storage, str]] = []

    def file_fields(model: type[models.Model]) -> list[models.FileField]:
        return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]

    for model, instances in collector.data.items():
        for field in file_fields(model):
            for instance in instances:
                name = getattr(instance, field.attname)
                if name:
                    files.append((field.storage, str(name)))
    for queryset in collector.fast_deletes:
        fields = file_fields(queryset.model)
        if fields:
            for row in queryset.values_list(*[f.attname for f in fields]):
                files += [(field.storage, str(name)) for field, name in zip(fields, row, strict=True) if name]
    return files


def _delete_files(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:  # a file that cannot go must not stop the others; the run logs it
            logger.exception("Erasure: could not delete a stored file")


def _portal_account_only_of_client(user: User | None) -> bool:
    """True for an account that is nothing but this person's portal access (no staff role)."""
    if user is None or user.is_staff or user.is_superuser:
        return False
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    return roles <= {Role.CLIENT}


def _erase_account(user: User) -> None:
    """Delete the client's portal account; if records elsewhere protect it, empty it instead."""
    try:
        with transaction.atomic():
            user.delete()
    except ProtectedError:
        user.username = f"erased-{user.pk}"[:150]
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        Membership.objects.filter(user=user).delete()


def _erase(case: Case) -> int:
    """Remove the case and everything about the person that hangs on it; returns the files scheduled."""
    for hook in ERASURE_HOOKS:
        hook(case)
    case_key = str(case.pk)
    client = case.client
    account = client.user
    client_goes = not Case.objects.filter(client=client).exclude(pk=case.pk).exists()

    # Rows that name the case without a foreign key to it (a link, an anonymous thread's case).
    Notification.objects.filter(Q(case=case) | Q(link__contains=case_key)).delete()
    Reminder.objects.filter(Q(case=case) | Q(link__contains=case_key)).delete()
    Inquiry.objects.filter(case=case).delete()

    using = router.db_for_write(Case)
    files: list[tuple[Storage, str]] = []
    # The case first (its client is protected while it exists), then the client if nothing else
    # is theirs. CASCADE and SET_NULL as the models declare them: the statistical record keeps its row.
    for root in [case, client] if client_goes else [case]:
        files += _delete_tree([root], using=using, case_id=case.pk)
    if client_goes and account is not None and _portal_account_only_of_client(account):
        _erase_account(account)
    transaction.on_commit(lambda: _delete_files(files), using=using)
    return len(files)


def case_erase(
    *,
    actor: User | None,
    case_id: Any,
    kind: str,
    reason: str = "",
    request: Any = None,
    today: date | None = None,
) -> Erasure | None:
    """Erase one case in its own transaction; returns its deletion-log entry.

    `kind` "request" (early erasure by the data-protection role, with a reason) or "retention"
    (the run: the case is erased only if it is still due when locked — None otherwise).
    A held case is never erased (409 `legal_hold` on request).
    """
    if kind == ErasureKind.REQUEST:
        reason = _reason(reason)
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("client", "case_type").filter(pk=case_id).first()
        if case is None:
            return None
        if actor is not None:
            require(can_manage_retention(actor, case), _refused())
        if LegalHold.objects.filter(case=case).exists():
            if kind == ErasureKind.RETENTION:
                return None
            raise Conflict(
                _("This case is on legal hold and cannot be erased. Release the hold first."),
                code=ConflictCode.LEGAL_HOLD,
            )
        due: DueCase | None = None
        if kind == ErasureKind.RETENTION:
            due = case_due(case_id=case.pk, today=today)
            if due is None:
                return None
        erasure = Erasure(
            id=case.pk,
            organisation_id=case.organisation_id,
            reference=case.reference,
            case_type_key=case.case_type.key,
            closed_on=case.closed_on,
            due_on=due.due_on if due else None,
            kind=kind,
            reason=reason if kind == ErasureKind.REQUEST else "",
            erased_at=timezone.now(),
            erased_by=actor,
        )
        organisation_id = case.organisation_id
        erasure.files_deleted = _erase(case)
        erasure.save(force_insert=True)
        access_log_write(
            user=actor,
            action=AccessAction.DELETE,
            object_type=CASE_OBJECT,
            object_id=erasure.pk,
            case_id=erasure.pk,
            organisation_id=organisation_id,
            request=request,
            detail=f"erased ({kind})",
        )
    return erasure


def retention_run(
    *, actor: User | None, organisation_id: Any = None, today: date | None = None, request: Any = None
) -> list[Erasure]:
    """Erase every due case (of one organisation, or of all: the daily task), one transaction each.

    A case that fails is logged and left as it was (retained); the run goes on with the next.
    """
    if actor is not None:
        require(can_manage_retention(actor), _refused())
        organisation_id = actor.organisation_id
    erased: list[Erasure] = []
    for due in retention_due(organisation_id=organisation_id, today=today):
        try:
            erasure = case_erase(
                actor=actor, case_id=due.case_id, kind=ErasureKind.RETENTION, today=today, request=request
            )
        except Exception:
            logger.exception("Retention: case %s could not be erased; it stays as it was", due.case_id)
            continue
        if erasure is not None:
            erased.append(erasure)
    return erased
