"""The bare peer view: a fixed small HTML page for a signed-in user, through the full middleware stack."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

HELLO = b'<!DOCTYPE html><html lang="de"><head><title>Hallo</title></head><body><p>Hallo Welt</p></body></html>'


@login_required
@require_GET
def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse(HELLO, content_type="text/html; charset=utf-8")
