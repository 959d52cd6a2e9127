"""OpenAPI naming of the plan's enumerations.

Several apps have fields called `status`, `form` or `action` with different choices; left to
drf-spectacular's enum hook, each shared name collides (warnings, hashed names). The plan's
choice fields therefore reference enum components with names of their own.
"""

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers


class NamedChoiceField(serializers.ChoiceField):
    """A choice field whose choices appear in the schema as the enum component `enum_name`."""

    def __init__(self, *, enum_name: str, **kwargs: Any) -> None:
        self.enum_name = enum_name
        super().__init__(**kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        field: NamedChoiceField = self.target
        values: list[Any] = list(field.choices)
        if field.allow_blank and "" not in values:
            values.append("")
        kind = "integer" if all(isinstance(value, int) for value in values) else "string"
        component = ResolvedComponent(
            name=field.enum_name,
            type=ResolvedComponent.SCHEMA,
            object=field.enum_name,
            schema={"type": kind, "enum": values},
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref
