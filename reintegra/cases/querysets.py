"""The visibility choke point: every read of case data starts from `Case.objects.visible_to(user)`."""

from typing import TYPE_CHECKING, Any

from django.db import connections, models
from django.db.models import Q

if TYPE_CHECKING:
    from reintegra.cases.models import Case  # noqa: F401


class CaseQuerySet(models.QuerySet["Case"]):
    """Cases. `visible_to()` also remembers the branches of its OR (managed by, deputised by,
    in these units): a slice of a filtered, ordered list (a page) is then read branch by
    branch, each branch cut at the slice's end on its own index and the union cut again, so a
    first page costs the same whether the person has 100 cases or 100,000. The OR itself stays
    in every query, so the branches only speed the read up and never widen it."""

    _branches: list[Q] | None = None

    def _clone(self) -> "CaseQuerySet":
        clone = super()._clone()  # type: ignore[misc]
        clone._branches = self._branches
        return clone  # type: ignore[no-any-return]

    def branches(self, branches: list[Q] | None) -> "CaseQuerySet":
        """Read slices branch by branch (each a `Q` the queryset's filters already imply)."""
        clone = self._chain()  # type: ignore[attr-defined]
        clone._branches = branches if branches and len(branches) > 1 else None
        return clone  # type: ignore[no-any-return]

    def __getitem__(self, k: Any) -> Any:
        if (
            isinstance(k, slice)
            and self._branches
            and k.stop is not None
            and self._result_cache is None
            and not self.query.is_sliced
            and not self.query.distinct
            and not any(getattr(a, "contains_aggregate", True) for a in self.query.annotations.values())
            and not self.query.select_for_update
            and not self.query.extra
            and self.query.order_by
            and self._iterable_class is models.query.ModelIterable
        ):
            return super(CaseQuerySet, self._by_branch(k.stop)).__getitem__(k)
        return super().__getitem__(k)

    def _by_branch(self, stop: int) -> "CaseQuerySet":
        """The first `stop` rows: each branch's first `stop` ids (every filter of this queryset
        applied, on the branch's own index), then those rows by primary key, in order. The outer
        query repeats no filter, so the planner can only drive it by the primary keys."""
        inner = [
            self.filter(branch).branches(None).prefetch_related(None).values("pk")[:stop]
            for branch in self._branches or []
        ]
        ids = union_all(inner, using=self.db)
        outer = type(self)(model=self.model, using=self._db)  # type: ignore[attr-defined]
        if connections[self.db].vendor == "postgresql" and ids:
            # `id = ANY(ARRAY(…))` is evaluated once and restricts the case scan itself; as an
            # `IN (…)` semi-join PostgreSQL places it after the wide select_related joins (more
            # than join_collapse_limit tables: no reordering) and joins every case first.
            table = connections[self.db].ops.quote_name(self.model._meta.db_table)
            where = [f'{table}."id" = ANY(ARRAY({ids.sql}))']
            outer = outer.extra(where=where, params=list(ids.params))  # type: ignore[assignment]  # noqa: S610
        else:
            outer = outer.filter(pk__in=ids)
        outer.query.select_related = self.query.select_related
        outer.query.order_by = self.query.order_by
        outer.query.deferred_loading = self.query.deferred_loading
        # Per-row annotations (the list's checklist items in SQL) refer to the case table, which
        # the outer query reads under the same alias; the branches select only the ids.
        outer.query.annotations = dict(self.query.annotations)
        outer.query.annotation_select_mask = self.query.annotation_select_mask
        outer._prefetch_related_lookups = self._prefetch_related_lookups  # type: ignore[attr-defined]
        return outer

    def visible_to(self, user: Any) -> "CaseQuerySet":
        """Cases `user` may see as staff. Nothing for anonymous users or another organisation.

        - case managers: the cases they manage or deputise, plus their units' cases where the
          organisation enables it (`case_managers_see_unit`);
        - team leads: their units' cases.
        Portal access (employer contacts, clients) by consent is added by the access issue.
        """
        from reintegra.accounts.models import Role
        from reintegra.accounts.selectors import user_memberships

        if user is None or not user.is_authenticated or not user.organisation_id:
            return self.none()
        memberships = user_memberships(user)
        roles = {role for role, _unit in memberships}
        branches: list[Q] = []
        units: list[Any] = []
        if Role.CASE_MANAGER in roles:
            branches += [Q(case_manager=user), Q(deputy=user)]
            if user.organisation.case_managers_see_unit:
                units += [unit for role, unit in memberships if role == Role.CASE_MANAGER and unit]
        lead_units = [unit for role, unit in memberships if role == Role.TEAM_LEAD and unit]
        units += lead_units
        if units:
            branches.append(Q(unit_id__in=sorted(set(units), key=str)))
        if Role.TEAM_LEAD in roles and not lead_units:
            # A team lead without a unit leads the whole organisation: one branch, no OR.
            return self.filter(organisation_id=user.organisation_id).branches(None)
        condition = Q(pk__in=[])
        for branch in branches:
            condition |= branch
        return self.filter(condition, organisation_id=user.organisation_id).branches(branches)

    def disclosed_to(self, user: Any) -> "CaseQuerySet":
        """Cases a portal user (employer contact, other participant) may see, by consent, today."""
        from django.utils import timezone

        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(disclosure_condition(user, timezone.localdate()))


def union_all(querysets: list[Any], *, using: str = "default") -> Any:
    """`SELECT * FROM (q1) UNION ALL SELECT * FROM (q2) ...` of sliced single-column querysets,
    for an `__in` lookup. SQLite plans `pk IN (a) OR pk IN (b)` as a scan of the table, and a
    LIMIT inside a compound needs derived tables, which the ORM does not write."""
    from django.core.exceptions import EmptyResultSet
    from django.db.models.expressions import RawSQL

    parts, params = [], []
    for index, queryset in enumerate(querysets):
        try:
            sql, inner_params = queryset.query.get_compiler(using=using).as_sql()
        except EmptyResultSet:  # a part that can match nothing (`pk__in=[]`)
            continue
        parts.append(f"SELECT * FROM ({sql}) AS part{index}")  # noqa: S608 (ORM-compiled SQL)
        params.extend(inner_params)
    if not parts:
        return []
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611 (ORM-compiled SQL, parameters bound)


# Which consent purpose lets a participant of a given role see the case.
ROLE_PURPOSE = {
    "employer_contact": "share_with_employer",
    "physician": "share_with_physician",
    "insurer": "share_with_insurer",
    "works_council": "share_with_works_council",
    "disability_rep": "share_with_works_council",
    "provider": "share_with_provider",
}


def disclosure_condition(user: Any, today: Any) -> Q:
    """Cases a portal participant may see: they take part, and a matching consent is active today.

    A consent that names a participant covers only that participant; one without covers
    every participant of the matching role. `share_with_participant` always names one.
    """
    from django.db.models import Exists, OuterRef

    from reintegra.cases.models import Participant
    from reintegra.consents.models import Consent

    active = Consent.objects.filter(case=OuterRef("case_id"), withdrawn_on__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    role_match: Any = Q()
    for role, purpose in ROLE_PURPOSE.items():
        role_match |= Q(role=role) & Exists(
            active.filter(purpose=purpose).filter(Q(participant__isnull=True) | Q(participant=OuterRef("pk")))
        )
    named = Exists(active.filter(purpose="share_with_participant", participant=OuterRef("pk")))
    participations = Participant.objects.filter(user=user).filter(role_match | named)
    return Q(pk__in=participations.values("case_id"))
