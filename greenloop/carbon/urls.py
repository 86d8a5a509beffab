from django.urls import URLPattern, URLResolver, path, re_path

from greenloop.carbon import views

app_name = "carbon"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.InventoryView.as_view(), name="inventory"),
    path("decomposition/", views.DecompositionView.as_view(), name="decomposition"),
    path("factors/", views.FactorsView.as_view(), name="factors"),
    re_path(r"^report\.(?P<fmt>docx|pdf)$", views.report, name="report"),
    path("scenarios/", views.ScenarioListView.as_view(), name="scenarios"),
    path("scenarios/<slug:code>/", views.ScenarioDetailView.as_view(), name="scenario"),
    path("scenarios/<slug:code>/copy/", views.ScenarioCopyView.as_view(), name="scenario-copy"),
    path("scenarios/<slug:code>/edit/", views.ScenarioEditView.as_view(), name="scenario-edit"),
]
