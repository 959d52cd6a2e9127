"""Generic list/create and detail/patch/delete views over the app's services.

Every view reads through `selectors.visible_to` (404 for other organisations,
403 for people who are not staff), validates with a serializer and hands the
validated data to a service. PATCH must carry `version`; a stale one answers 409 (the serializers'
`version` field is optional so that POST and PATCH share one schema component).
"""

import json
from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from rest_framework import generics, serializers
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from reintegra.introduce import selectors
from reintegra.introduce.models import ImplementationProject
from reintegra.introduce.permissions import require_editor


class PDFRenderer(BaseRenderer):
    """Lets clients ask for `application/pdf`; the views return the bytes themselves."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return data if isinstance(data, bytes) else json.dumps(data).encode()


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return data if isinstance(data, bytes) else json.dumps(data).encode()


def submitted_version(serializer: serializers.Serializer) -> int:
    version = serializer.validated_data.pop("version", None)
    if version is None:
        raise serializers.ValidationError({"version": [_("This field is required.")]})
    return int(version)


class ScopedListCreate(generics.ListCreateAPIView):
    """List and create objects of `model` in the user's organisation, optionally below a project."""

    model: ClassVar[type[Model]]
    under_project: ClassVar[bool] = False
    create_service: ClassVar[Callable[..., Any]]

    def scoped_queryset(self) -> QuerySet[Any]:
        return selectors.visible_to(self.request.user, self.model)

    def project(self) -> ImplementationProject:
        if not hasattr(self, "_project"):
            self._project = selectors.get_visible(self.request.user, ImplementationProject, self.kwargs["project_pk"])
        return self._project

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return self.model._default_manager.none()
        queryset = self.scoped_queryset()
        if self.under_project:
            queryset = queryset.filter(project=self.project())
        return queryset

    def create_kwargs(self) -> dict[str, Any]:
        return {"project": self.project()} if self.under_project else {}

    def check_create(self) -> None:
        """Who may create here, asked before the body is validated (403/404 before 400)."""
        require_editor(self.request.user, self.project() if self.under_project else None)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.check_create()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = type(self).create_service(
            actor=self.request.user, data=dict(serializer.validated_data), **self.create_kwargs()
        )


class ScopedDetail(generics.RetrieveUpdateDestroyAPIView):
    """Read, PATCH (with `version`) and delete one object of the user's organisation."""

    http_method_names = ["get", "patch", "delete", "head", "options"]
    model: ClassVar[type[Model]]
    object_name: ClassVar[str]
    update_service: ClassVar[Callable[..., Any]]
    delete_service: ClassVar[Callable[..., Any]]

    def scoped_queryset(self) -> QuerySet[Any]:
        return selectors.visible_to(self.request.user, self.model)

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return self.model._default_manager.none()
        return self.scoped_queryset()

    def extra_kwargs(self) -> dict[str, Any]:
        return {}

    def check_change(self, instance: Any) -> None:
        """Who may change or delete this object, asked before the body is validated (403 before 400)."""
        require_editor(self.request.user, instance)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.check_change(self.get_object())
        return super().update(request, *args, **kwargs)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        version = submitted_version(serializer)  # type: ignore[arg-type]
        serializer.instance = type(self).update_service(
            actor=self.request.user,
            data=dict(serializer.validated_data),
            version=version,
            **{self.object_name: serializer.instance},
            **self.extra_kwargs(),
        )

    def perform_destroy(self, instance: Any) -> None:
        type(self).delete_service(actor=self.request.user, **{self.object_name: instance}, **self.extra_kwargs())


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key that must name an object of the requesting user's organisation."""

    def __init__(self, model: type[Model], **kwargs: Any) -> None:
        self.model = model
        kwargs.setdefault("queryset", model._default_manager.all())
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        organisation_id = getattr(getattr(request, "user", None), "organisation_id", None)
        return self.model._default_manager.filter(organisation_id=organisation_id)
