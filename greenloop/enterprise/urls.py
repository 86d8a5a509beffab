from django.urls import URLPattern, URLResolver, path

from greenloop.enterprise import views

app_name = "enterprise"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("<slug:code>/", views.EnterpriseView.as_view(), name="detail"),
]
