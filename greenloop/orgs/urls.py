from django.urls import path

from greenloop.orgs import views

app_name = "orgs"

urlpatterns = [
    path("orgs/", views.DirectoryView.as_view(), name="directory"),
    path("orgs/<slug:code>/", views.DetailView.as_view(), name="detail"),
]
