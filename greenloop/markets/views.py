"""Pages: markets index, one market, accounts, registry operations; PDFs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def index(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


market = account = accounts = statement_pdf = certificate_pdf = registry = index
