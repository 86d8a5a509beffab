"""The JSON API under /api/, its OpenAPI schema at /api/openapi.json.

Each domain contributes a router (``<domain>/api.py``); errors have one shape:
``{"detail": [{"loc": [...], "msg": "..."}]}`` for invalid input (422), and
``{"detail": "..."}`` for 401/403/404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.security import SessionAuth

from greenloop import __version__


def validation_detail(error: ValidationError) -> list[dict[str, object]]:
    """A Django ValidationError as located messages, in the active language."""
    if hasattr(error, "error_dict"):
        return [
            {"loc": ["body", field], "msg": str(message)}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"loc": ["body"], "msg": str(message)} for message in error.messages]


api = NinjaAPI(
    title="greenloop API",
    version=__version__,
    description="Green, low-carbon, circular economy platform",
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
    auth=SessionAuth(),
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or _("Permission denied.")}, status=403)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": validation_detail(exc)}, status=422)


def _mount_routers() -> None:
    from greenloop.accounts.api import router as accounts_router
    from greenloop.carbon.api import router as carbon_router
    from greenloop.core.api import jobs_router
    from greenloop.core.api import router as core_router
    from greenloop.enterprise.api import router as enterprise_router
    from greenloop.geo.api import router as geo_router
    from greenloop.markets.api import router as markets_router
    from greenloop.monitoring.api import router as monitoring_router
    from greenloop.orgs.api import router as orgs_router
    from greenloop.policy.api import router as policy_router
    from greenloop.registry.api import router as registry_router

    api.add_router("/regions", geo_router)
    api.add_router("/orgs", orgs_router)
    api.add_router("/health", core_router)
    api.add_router("/jobs", jobs_router)
    api.add_router("/", accounts_router)
    # Domains: each router declares its own paths below these prefixes.
    api.add_router("/", policy_router)  # /policy/..., /progress
    api.add_router("/", monitoring_router)  # /indicators, /observations, /targets, ...
    api.add_router("/carbon", carbon_router)
    api.add_router("/markets", markets_router)
    api.add_router("/monitoring", enterprise_router)  # enterprise online monitoring
    api.add_router("/", registry_router)  # /registry/..., /trace/{batch_code}


_mount_routers()
