"""Generic list/create and detail/patch/delete views over the app's services.

Every view reads through `selectors.visible_to` (404 for other organisations), lets
`IntroducePermission` ask the app's predicates before the body is validated (403 before
400), validates with a serializer and hands the serializer's typed payload to a service.
PATCH must carry `version`; a stale one answers 409 (the serializers' `version` field is
optional so that POST and PATCH share one schema component).
"""

import json
from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from rest_framework import generics, serializers
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from reintegra.core.api.renderers import PDFRenderer  # noqa: F401  (the app's API views import it from here)
from reintegra.introduce import selectors
from reintegra.introduce.models import ImplementationProject
from reintegra.introduce.permissions import EDITORS_ONLY, MEMBERS_ONLY, can_edit_introduction, can_view_introduction


class IntroducePermission(BasePermission):
    """The app's predicates as a DRF permission, asked before the body is validated.

    Reading needs `can_view_introduction`. A write asks the view: `may_create()` on a list
    (a project of another organisation answers 404 there), `may_change(obj)` on one object.
    Views without these hooks (exports, votes) leave the rest to their service.
    """

    message = MEMBERS_ONLY

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not can_view_introduction(request.user):
            return False
        if request.method in SAFE_METHODS or not hasattr(view, "may_create"):
            return True
        self.message = getattr(view, "refusal", EDITORS_ONLY)
        return bool(view.may_create())

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        if request.method in SAFE_METHODS or not hasattr(view, "may_change"):
            return True
        self.message = getattr(view, "refusal", EDITORS_ONLY)
        return bool(view.may_change(obj))


# Every staff endpoint of the app; the public sign-up and cancellation set their own.
MEMBER_PERMISSIONS: list[type[BasePermission]] = [IsAuthenticated, IntroducePermission]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return data if isinstance(data, bytes) else json.dumps(data).encode()


def submitted_version(serializer: serializers.Serializer) -> int:
    version = serializer.validated_data.get("version")
    if version is None:
        raise serializers.ValidationError({"version": [_("This field is required.")]})
    return int(version)


class ScopedListCreate(generics.ListCreateAPIView):
    """List and create objects of `model` in the user's organisation, optionally below a project."""

    permission_classes = MEMBER_PERMISSIONS
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

    def create_kwargs(self) -> dict[str, ImplementationProject]:
        """The parent project, for objects below one."""
        return {"project": self.project()} if self.under_project else {}

    def may_create(self) -> bool:
        """Who may create here (asked by `IntroducePermission`)."""
        return can_edit_introduction(self.request.user, self.project() if self.under_project else None)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = type(self).create_service(
            actor=self.request.user,
            data=serializer.payload(),  # type: ignore[attr-defined]
            **self.create_kwargs(),
        )


class ScopedDetail(generics.RetrieveUpdateDestroyAPIView):
    """Read, PATCH (with `version`) and delete one object of the user's organisation."""

    http_method_names = ["get", "patch", "delete", "head", "options"]
    permission_classes = MEMBER_PERMISSIONS
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

    def extra_kwargs(self) -> dict[str, HttpRequest]:
        """The request, for services whose changes are logged (see InterviewDetail)."""
        return {}

    def may_change(self, instance: Any) -> bool:
        """Who may change or delete this object (asked by `IntroducePermission`)."""
        return can_edit_introduction(self.request.user, instance)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        version = submitted_version(serializer)  # type: ignore[arg-type]
        serializer.instance = type(self).update_service(
            actor=self.request.user,
            data=serializer.payload(),  # type: ignore[attr-defined]
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
