"""Case API: evaluation, closing, approving a closure, reopening, and notes."""

from typing import Any, cast

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.api import serializers as s
from reintegra.cases.api.views import CaseChildListView, _user, case_payload
from reintegra.cases.inputs import EvaluationData
from reintegra.cases.models import Case, NoteAmendment, NoteKind, Participant
from reintegra.cases.selectors import case_for_change, case_get, note_readable_get, notes_readable
from reintegra.cases.services.closure import case_close, case_reopen, closure_approve
from reintegra.cases.services.common import ensure_open
from reintegra.cases.services.evaluation import evaluation_of, evaluation_save
from reintegra.cases.services.notes import note_add, note_amend
from reintegra.core.api.pagination import cursor_pagination
from reintegra.core.exceptions import InvalidInput


class CaseCloseView(APIView):
    @extend_schema(
        request=s.CloseSerializer,
        responses={200: s.CaseSerializer, 202: OpenApiResponse(description="waiting for a team lead's approval")},
    )
    def post(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        data = s.CloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        closure = case_close(
            actor=user,
            case=case,
            reason=values["reason"],
            agreed_with_client=values["agreed_with_client"],
            note=values.get("note", ""),
            override_reason=values.get("override_reason") or "",
        )
        fresh = case_get(user=user, case_id=case.pk, log=False)
        if closure.closed_on is None:
            return Response(
                {"detail": "The closure waits for a team lead's approval.", "case": case_payload(fresh)},
                status=status.HTTP_202_ACCEPTED,
            )
        return Response(case_payload(fresh))


class CaseCloseApproveView(APIView):
    @extend_schema(request=None, responses={200: s.CaseSerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        closure_approve(actor=user, case=case)
        return Response(case_payload(case_get(user=user, case_id=case.pk, log=False)))


class CaseReopenView(APIView):
    closed_case_writes = True  # reopening is what a closed case is for (cases.middleware)

    @extend_schema(request=s.ReasonSerializer, responses={200: s.CaseSerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        data = s.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case_reopen(actor=user, case=case, reason=data.validated_data["reason"])
        return Response(case_payload(case_get(user=user, case_id=case.pk, log=False)))


class NoteListView(CaseChildListView):
    closed_case_writes = True  # aftercare notes: the service refuses other kinds on a closed case
    serializer_class = s.NoteSerializer
    object_type = "note"
    pagination_class = cursor_pagination("-created_at", "-id")

    def records(self, case: Case) -> Any:
        return _with_amendments(notes_readable(user=self.request.user, case=case).select_related("author"))

    @extend_schema(request=s.NoteSerializer, responses={201: s.NoteSerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        data = s.NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        ids = values.pop("present", [])
        present = list(Participant.objects.filter(case=case, pk__in=ids))
        if len(present) != len(set(ids)):
            raise InvalidInput({"present": [_("Choose participants of this case.")]})
        note = note_add(actor=user, case=case, present=present, **values)
        return Response(s.NoteSerializer(note).data, status=status.HTTP_201_CREATED)


def _with_amendments(notes: Any) -> Any:
    return notes.prefetch_related(
        "present", Prefetch("amendments", queryset=NoteAmendment.objects.select_related("by"))
    )


class NoteDetailView(APIView):
    @extend_schema(responses=s.NoteSerializer, operation_id="v1_cases_note_detail")
    def get(self, request: Request, case_id: Any, note_id: Any) -> Response:
        """A note with its amendments (a restricted note: only for the case manager and the deputy, 404 otherwise)."""
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request, log=False)
        note = note_readable_get(user=user, case=case, note_id=note_id)
        access_log_write(
            user=user, action=AccessAction.READ, object_type="note", object_id=note.pk, case_id=case.pk, request=request
        )
        return Response(s.NoteSerializer(_with_amendments(type(note).objects.filter(pk=note.pk)).get()).data)


class NoteAmendView(APIView):
    closed_case_writes = True  # aftercare notes: the service refuses other kinds on a closed case

    @extend_schema(request=s.NoteAmendSerializer, responses={200: s.NoteSerializer})
    def post(self, request: Request, case_id: Any, note_id: Any) -> Response:
        """Amend a note's text with a reason; the earlier wording stays in `amendments`."""
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        note = note_readable_get(user=user, case=case, note_id=note_id)
        if note.kind != NoteKind.AFTERCARE:
            ensure_open(case)  # 409 before the body is looked at, as for every other write
        data = s.NoteAmendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note_amend(actor=user, case=case, note=note, **data.validated_data)
        return Response(s.NoteSerializer(_with_amendments(type(note).objects.filter(pk=note.pk)).get()).data)


class EvaluationView(APIView):
    """The evaluation: part of the case, written with the case's version."""

    @staticmethod
    def _payload(case: Case) -> dict[str, Any]:
        evaluation = evaluation_of(case)
        return {
            "outcome": evaluation.outcome or None,
            "final_ratings": evaluation.final_ratings,
            "t_score": evaluation.t_score,
            "summary": evaluation.summary or "",
            "aftercare_needed": evaluation.aftercare_needed,
            "follow_up_on": evaluation.follow_up_on.isoformat() if evaluation.follow_up_on else None,
            "satisfaction": evaluation.satisfaction or None,
            "version": case.version,
        }

    @extend_schema(responses=s.EvaluationSerializer)
    def get(self, request: Request, case_id: Any) -> Response:
        return Response(self._payload(case_get(user=_user(request), case_id=case_id, request=request)))

    @extend_schema(request=s.EvaluationSerializer, responses=s.EvaluationSerializer)
    def put(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        data = s.EvaluationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version")
        values["final_ratings"] = [{"goal": str(r["goal"]), "score": r["score"]} for r in values["final_ratings"]]
        evaluation_save(actor=user, case=case, version=version, data=cast(EvaluationData, values))
        return Response(self._payload(case_get(user=user, case_id=case.pk, log=False)))
