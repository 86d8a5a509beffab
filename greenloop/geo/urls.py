from django.urls import URLPattern, path

from greenloop.geo.views import RegionDetailView

urlpatterns: list[URLPattern] = [
    path("regions/<str:code>/", RegionDetailView.as_view(), name="region-detail"),
]
