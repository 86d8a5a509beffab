"""Refuse NUL characters in requests before any view sees them.

A NUL is legal in a URL (%00) and in JSON ("\\u0000") but PostgreSQL text cannot hold it: a
query filtering or storing one fails inside the database. Nothing a user means contains
one, so a request that carries one is answered 400 with the place it was found.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

JSON_NUL = b"\\u0000"


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = self._nul_in(request)
        if where is not None:
            message = _("The request contains a NUL character (in %(where)s).") % {"where": where}
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": [{"loc": [where], "msg": message}]}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)

    @staticmethod
    def _nul_in(request: HttpRequest) -> str | None:
        if "\x00" in request.path:
            return "path"
        if b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
            return "query"
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("application/json"):
            body = request.body
            if b"\x00" in body or JSON_NUL in body:
                return "body"
        form = content_type.startswith("application/x-www-form-urlencoded")
        if form and b"\x00" in unquote_to_bytes(request.body):
            return "body"
        return None
