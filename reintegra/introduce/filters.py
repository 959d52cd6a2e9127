"""List filters of the introduce API, one explicit `FilterSet` per list that filters.

Each names its query parameters and their allowed values (the model's choices), so a wrong
value answers 400 naming the parameter and the OpenAPI schema lists the values. The UI pages
of this app show whole boards and tables (SOAR board, resource map, RACI table) and filter
nothing, so these serve the API lists only.
"""

import django_filters

from reintegra.introduce.models import (
    ActionItem,
    ActionStatus,
    Channel,
    CommunicationRule,
    CyclePhase,
    DocumentTemplate,
    Event,
    Party,
    Quadrant,
    RaciRow,
    ResourceEntry,
    ResourceKind,
    SoarItem,
    Statement,
    StatementKind,
    TemplateKind,
)


class ResourceFilter(django_filters.FilterSet):
    phase = django_filters.ChoiceFilter(choices=CyclePhase.choices)
    kind = django_filters.ChoiceFilter(choices=ResourceKind.choices)

    class Meta:
        model = ResourceEntry
        fields = ["phase", "kind"]


class StatementFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=StatementKind.choices)

    class Meta:
        model = Statement
        fields = ["kind"]


class ActionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices)

    class Meta:
        model = ActionItem
        fields = ["status"]


class SoarItemFilter(django_filters.FilterSet):
    quadrant = django_filters.ChoiceFilter(choices=Quadrant.choices)

    class Meta:
        model = SoarItem
        fields = ["quadrant"]


class RaciRowFilter(django_filters.FilterSet):
    phase = django_filters.ChoiceFilter(choices=CyclePhase.choices)

    class Meta:
        model = RaciRow
        fields = ["phase"]


class RuleFilter(django_filters.FilterSet):
    event = django_filters.ChoiceFilter(choices=Event.choices)
    recipient = django_filters.ChoiceFilter(choices=Party.choices)
    channel = django_filters.ChoiceFilter(choices=Channel.choices)
    active = django_filters.BooleanFilter()

    class Meta:
        model = CommunicationRule
        fields = ["event", "recipient", "channel", "active"]


class TemplateFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=TemplateKind.choices)

    class Meta:
        model = DocumentTemplate
        fields = ["kind"]
