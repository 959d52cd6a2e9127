"""Anonymous first contact API: the public part (no sign-in; code + X-Passphrase) and the staff inbox."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from reintegra.cases.selectors import case_type_resolve
from reintegra.core.api.pagination import CursorPagination
from reintegra.core.exceptions import InvalidInput
from reintegra.core.permissions import require
from reintegra.inquiries import throttle
from reintegra.inquiries.api.serializers import (
    CredentialsSerializer,
    IdentifySerializer,
    InquiryDetailSerializer,
    InquiryListItemSerializer,
    InquiryListSerializer,
    NoteSerializer,
    OpenCaseResultSerializer,
    OpenCaseSerializer,
    PublicMessageSerializer,
    PublicThreadSerializer,
    StaffMessageSerializer,
    TextSerializer,
)
from reintegra.inquiries.models import Inquiry
from reintegra.inquiries.permissions import can_open_case_from_inquiry
from reintegra.inquiries.selectors import inquiry_by_credentials, inquiry_get, inquiry_inbox, organisation_by_slug
from reintegra.inquiries.services import (
    Identity,
    inquiry_case_open,
    inquiry_create,
    inquiry_identify,
    inquiry_message_add,
    inquiry_note_save,
    inquiry_reply,
)

PASSPHRASE = OpenApiParameter("X-Passphrase", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True)
NOT_FOUND = _("No conversation with this code and passphrase.")
TOO_MANY = _("Too many attempts from your connection. Please wait a while and try again.")


class PublicView(APIView):
    """No sign-in, no session, no CSRF cookie: nothing that could identify the person is used or set."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]


def _thread(request: Request, code: str) -> Inquiry | Response:
    """The thread behind code + passphrase, or the 404/429 answer (wrong tries are counted per address)."""
    if throttle.lookup_refused(request):
        return Response({"detail": TOO_MANY}, status=status.HTTP_429_TOO_MANY_REQUESTS)
    inquiry = inquiry_by_credentials(code=code, passphrase=request.headers.get("X-Passphrase", ""))
    if inquiry is None:
        throttle.lookup_failed(request)
        return Response({"detail": NOT_FOUND}, status=status.HTTP_404_NOT_FOUND)
    return inquiry


class PublicInquiryCreateView(PublicView):
    @extend_schema(
        operation_id="public_inquiries_create",
        request=TextSerializer,
        responses={201: CredentialsSerializer},
        auth=[],
    )
    def post(self, request: Request, org_slug: str) -> Response:
        """Ask case management a question without giving a name. The code and passphrase are shown once."""
        organisation = organisation_by_slug(org_slug)
        if throttle.new_inquiry_refused(request):
            return Response({"detail": TOO_MANY}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        body = TextSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        _inquiry, given = inquiry_create(organisation=organisation, text=body.validated_data["text"])
        throttle.new_inquiry_count(request)  # only accepted inquiries count
        return Response({"code": given.code, "passphrase": given.passphrase}, status=status.HTTP_201_CREATED)


class PublicThreadView(PublicView):
    @extend_schema(
        operation_id="public_inquiries_retrieve",
        parameters=[PASSPHRASE],
        responses=PublicThreadSerializer,
        auth=[],
    )
    def get(self, request: Request, code: str) -> Response:
        """The thread's messages (`from`: you or case_management); a wrong code or passphrase answers 404."""
        found = _thread(request, code)
        if isinstance(found, Response):
            return found
        return Response(PublicThreadSerializer(found).data)


class PublicMessageCreateView(PublicView):
    @extend_schema(
        operation_id="public_inquiries_messages_create",
        parameters=[PASSPHRASE],
        request=TextSerializer,
        responses={201: PublicMessageSerializer},
        auth=[],
    )
    def post(self, request: Request, code: str) -> Response:
        """Write back in the thread."""
        found = _thread(request, code)
        if isinstance(found, Response):
            return found
        body = TextSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        message = inquiry_message_add(inquiry=found, text=body.validated_data["text"])
        return Response(PublicMessageSerializer(message).data, status=status.HTTP_201_CREATED)


class PublicIdentifyView(PublicView):
    @extend_schema(
        operation_id="public_inquiries_identify",
        parameters=[PASSPHRASE],
        request=IdentifySerializer,
        responses={200: PublicThreadSerializer},
        auth=[],
    )
    def post(self, request: Request, code: str) -> Response:
        """Give your name with the explicit consent that case management may open a case for you."""
        found = _thread(request, code)
        if isinstance(found, Response):
            return found
        body = IdentifySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        inquiry = inquiry_identify(
            inquiry=found,
            identity=Identity(
                first_name=values["first_name"],
                last_name=values["last_name"],
                contact=values.get("contact", ""),
                consent=values["consent"],
            ),
        )
        return Response(PublicThreadSerializer(inquiry).data)


# --- staff -----------------------------------------------------------------------------------


class InquiryListView(APIView):
    @extend_schema(
        operation_id="inquiries_list",
        parameters=[
            OpenApiParameter("cursor", OpenApiTypes.STR, OpenApiParameter.QUERY, description="from `next`"),
            OpenApiParameter("page_size", OpenApiTypes.INT, OpenApiParameter.QUERY, description="1 to 100 (25)"),
        ],
        responses=InquiryListSerializer,
    )
    def get(self, request: Request) -> Response:
        """The organisation's anonymous inquiries, unanswered first, then the latest message first.

        Cursor pagination as every list: follow `next` until it is null. A cursor that is not one
        of ours is a 400 on `cursor`, a `page_size` outside 1–100 a 400 on `page_size`."""
        size = CursorPagination().get_page_size(request) or CursorPagination.page_size
        page = inquiry_inbox(user=request.user, request=request, cursor=request.query_params.get("cursor"), size=size)
        next_url = (
            replace_query_param(request.build_absolute_uri(), "cursor", page.next_cursor) if page.next_cursor else None
        )
        return Response({"results": [InquiryListItemSerializer(t).data for t in page.items], "next": next_url})


class InquiryDetailView(APIView):
    @extend_schema(operation_id="inquiries_retrieve", responses=InquiryDetailSerializer)
    def get(self, request: Request, inquiry_id: Any) -> Response:
        inquiry = inquiry_get(user=request.user, inquiry_id=inquiry_id, request=request)
        return Response(InquiryDetailSerializer(inquiry).data)

    @extend_schema(operation_id="inquiries_partial_update", request=NoteSerializer, responses=InquiryDetailSerializer)
    def patch(self, request: Request, inquiry_id: Any) -> Response:
        """Change the internal note (never shown to the person); send the thread's `version` (stale: 409)."""
        inquiry = inquiry_get(user=request.user, inquiry_id=inquiry_id, request=request, log=False)
        body = NoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        inquiry = inquiry_note_save(
            actor=request.user,  # type: ignore[arg-type]
            inquiry=inquiry,
            note=values["internal_note"],
            version=values["version"],
            request=request,
        )
        return Response(InquiryDetailSerializer(inquiry_get(user=request.user, inquiry_id=inquiry.pk, log=False)).data)


class InquiryReplyView(APIView):
    @extend_schema(operation_id="inquiries_reply", request=TextSerializer, responses={201: StaffMessageSerializer})
    def post(self, request: Request, inquiry_id: Any) -> Response:
        inquiry = inquiry_get(user=request.user, inquiry_id=inquiry_id, request=request, log=False)
        body = TextSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        message = inquiry_reply(
            actor=request.user,  # type: ignore[arg-type]
            inquiry=inquiry,
            text=body.validated_data["text"],
            request=request,
        )
        return Response(StaffMessageSerializer(message).data, status=status.HTTP_201_CREATED)


class InquiryOpenCaseView(APIView):
    @extend_schema(
        operation_id="inquiries_open_case", request=OpenCaseSerializer, responses={201: OpenCaseResultSerializer}
    )
    def post(self, request: Request, inquiry_id: Any) -> Response:
        """Open a case from a thread whose person gave their name and consent (409 before that)."""
        inquiry = inquiry_get(user=request.user, inquiry_id=inquiry_id, request=request, log=False)
        # The role first: a team lead learns "not allowed", not what was wrong with the body.
        require(
            can_open_case_from_inquiry(request.user, inquiry), _("Only a case manager opens a case from an inquiry.")
        )
        body = OpenCaseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case_type = case_type_resolve(user=request.user, value=body.validated_data["case_type"])  # type: ignore[arg-type]
        if case_type is None:
            raise InvalidInput({"case_type": [_("Unknown case type. Use bem, iv-early, general or an id.")]})
        case = inquiry_case_open(
            actor=request.user,  # type: ignore[arg-type]
            inquiry=inquiry,
            case_type=case_type,
            request=request,
        )
        return Response({"case": str(case.pk), "reference": case.reference}, status=status.HTTP_201_CREATED)
