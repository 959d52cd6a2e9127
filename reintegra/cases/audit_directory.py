"""The cases app's answer to the access log's `audit.cases.CaseDirectory`: ids and references
of one organisation's cases, nothing else."""

from collections.abc import Iterable

from reintegra.cases.models import Case


class CaseReferences:
    def references(self, *, organisation_id: str, case_ids: Iterable[str]) -> dict[str, str]:
        rows = Case.objects.filter(organisation_id=organisation_id, pk__in=list(case_ids)).values_list(
            "id", "reference"
        )
        return {str(pk): reference for pk, reference in rows}

    def by_reference(self, *, organisation_id: str, reference: str) -> str | None:
        found = Case.objects.filter(organisation_id=organisation_id, reference__iexact=reference)
        pk = found.values_list("id", flat=True).first()
        return str(pk) if pk else None

    def organisation_of(self, *, case_id: str) -> str | None:
        owner = Case.objects.filter(pk=case_id).values_list("organisation_id", flat=True).first()
        return str(owner) if owner else None
