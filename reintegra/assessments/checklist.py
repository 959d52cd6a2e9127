"""The assessment phase's checklist items. Both read only `case.assessments` and their items,
which the case selectors prefetch (see `apps.AssessmentsConfig.ready`)."""

from typing import TYPE_CHECKING

from reintegra.assessments.models import ItemKind

if TYPE_CHECKING:
    from reintegra.cases.models import Case

PREFETCH = ["assessments__items"]
# Plain strings: an enum member hashes by its name, not by its value.
REQUIRED_KINDS = {ItemKind.PROBLEM.value, ItemKind.RESOURCE.value}


def _kinds(items: list, *, both_rated: bool) -> set[str]:
    return {str(item.kind) for item in items if not both_rated or item.both_rated}


def assessment_both_perspectives(case: "Case") -> bool:
    """Some assessment has a problem and a resource, each rated by the professionals and the client."""
    for assessment in case.assessments.all():  # type: ignore[attr-defined]
        kinds = _kinds(list(assessment.items.all()), both_rated=True)
        if REQUIRED_KINDS <= kinds:
            return True
    return False


def resources_and_problems(case: "Case") -> bool:
    """Some assessment names at least one problem and one resource."""
    for assessment in case.assessments.all():  # type: ignore[attr-defined]
        kinds = _kinds(list(assessment.items.all()), both_rated=False)
        if REQUIRED_KINDS <= kinds:
            return True
    return False


def register_items() -> None:
    """The assessment phase's items, registered with the cases app (from `AssessmentsConfig.ready()`)."""
    from reintegra.cases.checklist import register

    register("assessment_both_perspectives", assessment_both_perspectives, prefetch=PREFETCH)
    register("resources_and_problems", resources_and_problems, prefetch=PREFETCH)
