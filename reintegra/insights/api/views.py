"""`GET /api/v1/insights/`: the figures for team leads (their units) and organisation admins (all)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.core.api.permissions import allowed_by
from reintegra.insights.api.serializers import InsightsQuerySerializer
from reintegra.insights.permissions import can_see_insights
from reintegra.insights.selectors import REFUSED, insights_filters, insights_read

LeadsOnly = allowed_by(can_see_insights, REFUSED)


class InsightsView(APIView):
    """Caseload, durations, return to work (rate and Kaplan–Meier curve), absence, GAS, WAI,
    costs and satisfaction for the period and the period before; figures from fewer than 5
    cases are null and named in `suppressed`. Current at the time of the request."""

    permission_classes = [IsAuthenticated, LeadsOnly]

    @extend_schema(operation_id="insights_read", parameters=[InsightsQuerySerializer], responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        query = InsightsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        filters = insights_filters(
            user=request.user,  # type: ignore[arg-type]
            date_from=values.get("from"),
            date_to=values.get("to"),
            unit_id=values.get("unit"),
            case_type=values.get("case_type"),
        )
        return Response(insights_read(user=request.user, filters=filters))  # type: ignore[arg-type]
