"""Inviting participants to the portal from the case (issue #14), and linking an existing account.

`POST /cases/{id}/participants/{pid}/invite/` → `201`: the e-mail carries the one-time link (never
the answer). `POST /cases/{id}/participants/{pid}/account/ {user: <id>|null}` links an existing
portal account of the organisation to the participant (or unlinks it).
"""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.accounts.models import User
from reintegra.cases.models import Participant
from reintegra.cases.selectors import case_for_change
from reintegra.core.exceptions import InvalidInput
from reintegra.core.permissions import require
from reintegra.portal.permissions import can_invite_client
from reintegra.portal.services import participant_account_link, participant_invite_status, portal_invite_create

INVITED = inline_serializer(
    "ParticipantInvited",
    {
        "participant": serializers.UUIDField(),
        "emailed": serializers.BooleanField(),
        "reminder": serializers.BooleanField(help_text="the person has an account: a sign-in reminder went out"),
        "expires_at": serializers.DateTimeField(allow_null=True),
    },
)


class AccountSerializer(serializers.Serializer):
    user = serializers.UUIDField(allow_null=True)


def participant_payload(participant: Participant) -> dict[str, Any]:
    invited = participant_invite_status([participant]).get(participant.pk)
    return {
        "id": str(participant.pk),
        "user": str(participant.user_id) if participant.user_id else None,
        "has_account": participant.user_id is not None,
        "invited_at": invited.isoformat() if invited else None,
    }


def _participant(request: Request, case_id: Any, participant_id: Any) -> tuple[Any, Participant]:
    user: Any = request.user
    case = case_for_change(user=user, case_id=case_id, request=request)
    require(can_invite_client(user, case), "Only case managers and team leads may invite people to the portal.")
    participant = Participant.objects.filter(case=case, pk=participant_id).select_related("user").first()
    if participant is None:
        raise Http404("No such participant.")
    return case, participant


class ParticipantInviteView(APIView):
    @extend_schema(request=None, responses={201: INVITED})
    def post(self, request: Request, case_id: Any, participant_id: Any) -> Response:
        case, participant = _participant(request, case_id, participant_id)
        created = portal_invite_create(actor=request.user, case=case, participant=participant)  # type: ignore[arg-type]
        body = {
            "participant": str(participant.pk),
            "emailed": created.emailed,
            "reminder": created.reminder,
            "expires_at": created.invite.expires_at.isoformat() if created.invite else None,
        }
        return Response(body, status=status.HTTP_201_CREATED)


class ParticipantAccountView(APIView):
    @extend_schema(request=AccountSerializer, responses={200: None})
    def post(self, request: Request, case_id: Any, participant_id: Any) -> Response:
        case, participant = _participant(request, case_id, participant_id)
        data = AccountSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user_id = data.validated_data["user"]
        account = None
        if user_id is not None:
            account = User.objects.filter(pk=user_id, organisation_id=case.organisation_id).first()
            if account is None:
                raise InvalidInput({"user": ["Choose an active portal account of your organisation."]})
        participant_account_link(actor=request.user, case=case, participant=participant, user=account)  # type: ignore[arg-type]
        return Response(participant_payload(participant))
