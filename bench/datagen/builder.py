"""Builds the rows of one synthetic case, deterministically from (seed, case index).

Every case gets its own `random.Random`, so the data do not depend on the batch size
and a run that was interrupted continues with exactly the rows it would have made.
Rows are model instances (bulk-inserted by `run.py`); free text goes through the
models' encrypted fields, so it is stored as real AES-GCM ciphertext.
"""

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from reintegra.cases.models import (
    PHASE_ORDER,
    Case,
    CaseEvent,
    CaseNote,
    CasePhase,
    Client,
    IncapacityPeriod,
    Intake,
    Participant,
    fold_name,
)
from reintegra.consents.models import Consent
from reintegra.notifications.models import Notification

from . import plan, pools
from .common import ZURICH, Batch, CaseContext, OrgPlan, ascii_slug, new_uuid

# Share of open cases per current phase: intake, assessment, planning, monitoring, evaluation.
PHASE_WEIGHTS = [15, 20, 20, 30, 15]
PARTICIPANT_ROLES = ["employer_contact", "physician", "insurer", "works_council", "family", "provider", "other"]
SHARE_PURPOSES = ["share_with_employer", "share_with_physician", "share_with_insurer", "share_with_provider"]
NOTE_KINDS = ["note", "note", "contact", "contact", "case_conference"]


class CaseBuilder:
    """Makes case number `index`: client, case, five phases, intake and what hangs off the case."""

    def __init__(
        self,
        *,
        seed: int,
        anchor: date,
        orgs: list[OrgPlan],
        org_weights: list[float],
        counters: dict[tuple[Any, str, int], int],
    ) -> None:
        self.seed = seed
        self.anchor = anchor
        self.orgs = orgs
        self.org_weights = org_weights
        self.counters = counters

    def _reference(self, org: OrgPlan, prefix: str, year: int) -> str:
        key = (org.organisation_id, prefix, year)
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{prefix}-{year}-{self.counters[key]:04d}"

    def build(self, index: int, batch: Batch) -> None:
        rng = random.Random(self.seed * 10_000_019 + index)
        org = rng.choices(self.orgs, weights=self.org_weights)[0]
        manager = rng.choices(org.managers, weights=org.manager_weights)[0]
        type_id, type_key, prefix = rng.choice(org.case_types)
        age = min(int(rng.expovariate(1 / 420)), 6 * 365)
        opened_on = self.anchor - timedelta(days=age)
        ctx = CaseContext(rng, None, manager.user_id, opened_on, datetime.min.replace(tzinfo=ZURICH), self.anchor)
        created_at = ctx.created_at = ctx.at(opened_on)
        not_admitted = rng.random() < 0.05
        closed = not_admitted or rng.random() < min(0.85, age / 800)
        if closed:
            closed_on = min(self.anchor, opened_on + timedelta(days=rng.randint(20 if not_admitted else 60, 540)))
            current = 0 if not_admitted else 5
        else:
            closed_on = None
            current = rng.choices(range(5), weights=PHASE_WEIGHTS)[0]
            # A young case cannot be far along.
            current = min(current, age // 21)
        first, last = rng.choice(pools.FIRST_NAMES), rng.choice(pools.LAST_NAMES)
        client = batch.add(
            Client(
                id=new_uuid(rng),
                organisation_id=org.organisation_id,
                first_name=first,
                last_name=last,
                search_first_name=fold_name(first),
                search_last_name=fold_name(last),
                birth_date=date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28)),
                email=f"{ascii_slug(first)}.{ascii_slug(last)}.{index}@bench.invalid",
                phone=f"+41 79 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                created_at=created_at,
                updated_at=created_at,
            )
        )
        party_kind = rng.choice(["employer", "employer", "insurer", "authority", ""])
        party_name = {
            "employer": rng.choice(pools.EMPLOYERS),
            "insurer": rng.choice(pools.INSURERS),
            "authority": rng.choice(pools.AUTHORITIES),
        }.get(party_kind, "")
        deputy = rng.choice(org.deputies) if org.deputies and rng.random() < 0.15 else None
        if deputy == manager.user_id:
            deputy = None
        case = batch.add(
            Case(
                id=new_uuid(rng),
                organisation_id=org.organisation_id,
                case_type_id=type_id,
                client_id=client.id,
                unit_id=manager.unit_id,
                case_manager_id=manager.user_id,
                deputy_id=deputy,
                reference=self._reference(org, prefix, opened_on.year),
                status="closed" if closed else "open",
                summary=rng.choice(pools.SUMMARIES),
                commissioning_party_name=party_name,
                commissioning_party_kind=party_kind,
                opened_on=opened_on,
                closed_on=closed_on,
                created_at=created_at,
                updated_at=created_at,
                version=rng.randint(1, 9),
            )
        )
        ctx.case = case
        end = closed_on or self.anchor
        self._phases(ctx, batch, current, end)
        self._intake(ctx, batch, current, not_admitted)
        participants = self._participants(ctx, batch)
        self._consents(ctx, batch, participants, end)
        self._notes(ctx, batch, participants, end)
        self._events(ctx, batch, current, end)
        if type_key in ("bem", "iv-early"):
            self._incapacity(ctx, batch)
        if current >= 1:
            plan.assessment(ctx, batch)
        if current >= 2:
            goals = plan.goals_and_measures(ctx, batch, current, closed, end)
            if current >= 3:
                plan.reviews(ctx, batch, goals, end)
        if closed:
            plan.closure(ctx, batch, not_admitted, closed_on)
        elif current >= 3 and rng.random() < 0.125:
            self._notification(ctx, batch)

    def _notification(self, ctx: CaseContext, batch: Batch) -> None:
        """A 'review due' notice in the case manager's inbox (some read, some not)."""
        rng, case = ctx.rng, ctx.case
        due = self.anchor + timedelta(days=rng.randint(-10, 14))
        shown = min(due, self.anchor)
        batch.add(
            Notification(
                id=new_uuid(rng),
                recipient_id=ctx.manager,
                case_id=case.id,
                kind="review_due",
                subject=f"Überprüfung von {case.reference} fällig am {due:%-d.%-m.%Y}",
                params={"reference": case.reference, "date": f"{due:%-d.%-m.%Y}"},
                link=f"/cases/{case.id}/plan/",
                read_at=None if rng.random() < 0.6 else ctx.at(shown),
                dedupe_key=f"review_due:{case.id}:{due.isoformat()}",
                created_at=ctx.at(shown - timedelta(days=14)),
                updated_at=ctx.at(shown - timedelta(days=14)),
            )
        )

    def _phases(self, ctx: CaseContext, batch: Batch, current: int, end: date) -> None:
        span = max((end - ctx.opened_on).days, 5)
        for position, key in enumerate(PHASE_ORDER):
            if position < current:
                status, completed = "done", ctx.opened_on + timedelta(days=span * (position + 1) // 6)
            elif position == current:
                status, completed = "in_progress", None
            else:
                status, completed = "not_started", None
            batch.add(CasePhase(case_id=ctx.case.id, key=key, status=status, completed_on=completed))

    def _intake(self, ctx: CaseContext, batch: Batch, current: int, not_admitted: bool) -> None:
        decided = current > 0 or not_admitted or ctx.rng.random() < 0.5
        batch.add(
            Intake(
                case_id=ctx.case.id,
                criteria_met=(not not_admitted) if decided else None,
                criteria_answers=[True, True] if decided and not not_admitted else [],
                decision=("not_admitted" if not_admitted else "admitted") if decided else "",
                decision_reason=("Kriterien nicht erfüllt." if not_admitted else "Kriterien erfüllt.")
                if decided
                else "",
                client_informed=decided,
                commissioning_party_disclosed=decided,
                cooperation_agreed=decided and not not_admitted,
                updated_at=ctx.created_at,
            )
        )

    def _participants(self, ctx: CaseContext, batch: Batch) -> list[Participant]:
        rng = ctx.rng
        people = []
        for n in range(rng.randint(3, 8)):
            role = PARTICIPANT_ROLES[n] if n < 3 else rng.choice(PARTICIPANT_ROLES)
            people.append(
                batch.add(
                    Participant(
                        id=new_uuid(rng),
                        case_id=ctx.case.id,
                        role=role,
                        name=f"{rng.choice(pools.FIRST_NAMES)} {rng.choice(pools.LAST_NAMES)}",
                        organisation_name=rng.choice(pools.PARTICIPANT_ORGS) if rng.random() < 0.6 else "",
                        created_at=ctx.created_at + timedelta(hours=n + 1),
                        updated_at=ctx.created_at + timedelta(hours=n + 1),
                    )
                )
            )
        return people

    def _consents(self, ctx: CaseContext, batch: Batch, participants: list[Participant], end: date) -> None:
        rng = ctx.rng
        for n in range(rng.randint(3, 8)):
            given = ctx.opened_on + timedelta(days=min(n * 3, max((end - ctx.opened_on).days, 0)))
            purpose = "data_collection" if n == 0 else rng.choice([*SHARE_PURPOSES, "share_with_participant"])
            participant = rng.choice(participants) if purpose == "share_with_participant" else None
            withdrawn = given + timedelta(days=rng.randint(10, 200)) if rng.random() < 0.05 else None
            batch.add(
                Consent(
                    id=new_uuid(rng),
                    case_id=ctx.case.id,
                    purpose=purpose,
                    participant_id=participant.id if participant else None,
                    form=rng.choice(["oral", "written"]),
                    given_on=given,
                    valid_until=given + timedelta(days=365) if rng.random() < 0.7 else None,
                    scope="Daten für das Case Management" if n == 0 else "",
                    recorded_by_id=ctx.manager,
                    withdrawn_on=withdrawn if withdrawn and withdrawn <= self.anchor else None,
                    created_at=ctx.at(given),
                    updated_at=ctx.at(given),
                )
            )

    def _notes(self, ctx: CaseContext, batch: Batch, participants: list[Participant], end: date) -> None:
        rng = ctx.rng
        span = max((end - ctx.opened_on).days, 1)
        for _n in range(rng.randint(3, 8)):
            kind = rng.choice(NOTE_KINDS)
            day = ctx.opened_on + timedelta(days=rng.randint(0, span))
            note = batch.add(
                CaseNote(
                    id=new_uuid(rng),
                    case_id=ctx.case.id,
                    kind=kind,
                    text=rng.choice(pools.NOTE_TEXTS),
                    decisions=rng.choice(pools.DECISIONS) if kind == "case_conference" else "",
                    author_id=ctx.manager,
                    occurred_on=day,
                    created_at=ctx.at(day),
                    updated_at=ctx.at(day),
                )
            )
            if kind == "case_conference":
                for person in rng.sample(participants, k=min(2, len(participants))):
                    batch.note_present.append((note.id, person.id))

    def _events(self, ctx: CaseContext, batch: Batch, current: int, end: date) -> None:
        rng = ctx.rng
        span = max(int((datetime.combine(end, time(18), tzinfo=ZURICH) - ctx.created_at).total_seconds()), 60)
        kinds: list[tuple[str, dict[str, Any] | None]] = [
            ("case_created", {"reference": ctx.case.reference}),
            ("intake_saved", {"decision": "admitted"}),
        ]
        kinds += [("phase_completed", {"phase": PHASE_ORDER[p]}) for p in range(min(current, 5))]
        wanted = rng.randint(3, 8)
        while len(kinds) < wanted:
            kinds.append(
                rng.choice(
                    [
                        ("participant_added", {"role": rng.choice(PARTICIPANT_ROLES)}),
                        ("consent_recorded", {"purpose": rng.choice(SHARE_PURPOSES)}),
                        ("note_added", {"kind": rng.choice(NOTE_KINDS)}),
                        ("case_updated", None),
                    ]
                )
            )
        offsets = sorted(rng.randint(0, span) for _ in kinds[1:])
        # What the cases app's signal keeps for events saved one by one (bulk inserts send none).
        ctx.case.last_activity_at = ctx.created_at + timedelta(seconds=max([0, *offsets]))
        for (kind, new), offset in zip(kinds, [0, *offsets], strict=True):
            batch.add(
                CaseEvent(
                    case_id=ctx.case.id,
                    at=ctx.created_at + timedelta(seconds=offset),
                    actor_id=ctx.manager,
                    kind=kind,
                    summary=kind.replace("_", " ").capitalize(),
                    new=new,
                )
            )

    def _incapacity(self, ctx: CaseContext, batch: Batch) -> None:
        rng = ctx.rng
        start = ctx.opened_on - timedelta(days=rng.randint(30, 120))
        for _n in range(rng.randint(1, 2)):
            end = start + timedelta(days=rng.randint(7, 90))
            batch.add(
                IncapacityPeriod(
                    id=new_uuid(rng),
                    case_id=ctx.case.id,
                    start=start,
                    end=end if end < self.anchor else None,
                    percent=rng.choice([100, 100, 50, 70]),
                    certificate=rng.random() < 0.8,
                    created_at=ctx.created_at,
                    updated_at=ctx.created_at,
                )
            )
            start = end + timedelta(days=rng.randint(5, 60))
