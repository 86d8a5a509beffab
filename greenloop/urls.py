from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from greenloop.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("greenloop.accounts.urls")),
    path("", include("greenloop.core.urls")),
    path("", include("greenloop.geo.urls")),
    path("", include("greenloop.orgs.urls")),
    path("policy/", include("greenloop.policy.urls")),
    path("monitoring/", include("greenloop.monitoring.urls")),
    path("carbon/", include("greenloop.carbon.urls")),
    path("markets/", include("greenloop.markets.urls")),
    path("enterprises/", include("greenloop.enterprise.urls")),
    path("registry/", include("greenloop.registry.urls")),
    path("", include("greenloop.web.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
