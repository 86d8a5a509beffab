from django.urls import URLPattern, path

from greenloop.core import views

app_name = "core"

urlpatterns: list[URLPattern] = [
    path("jobs/<uuid:job_id>/", views.job_detail, name="job"),
    path("jobs/<uuid:job_id>/status/", views.job_status, name="job-status"),
    path("jobs/<uuid:job_id>/download/", views.job_download, name="job-download"),
]
