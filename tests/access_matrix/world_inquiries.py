"""The anonymous first contact's objects for the matrix: one thread of the world's organisation."""

from __future__ import annotations

from typing import Any


def inquiry_objects(org: Any) -> dict[str, dict[str, Any]]:
    """URL keywords of the inquiry routes: the organisation's slug, a thread and its code."""
    from reintegra.inquiries.services import inquiry_create

    inquiry, given = inquiry_create(organisation=org, text="Was passiert, wenn ich von meiner Krankheit erzähle?")
    staff = {"inquiry_id": str(inquiry.pk)}
    public = {"org_slug": org.slug, "code": given.code}
    return {
        "inquiries:public": public,
        "inquiries:public_thread": public,
        "api:public-inquiry-create": public,
        "api:public-inquiry": public,
        "api:public-inquiry-messages": public,
        "api:public-inquiry-identify": public,
        "inquiries:detail": staff,
        "inquiries:reply": staff,
        "inquiries:note": staff,
        "inquiries:open_case": staff,
        "api:inquiry-detail": staff,
        "api:inquiry-reply": staff,
        "api:inquiry-open-case": staff,
    }
