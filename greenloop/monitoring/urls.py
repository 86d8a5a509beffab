from django.urls import URLPattern, URLResolver, path

from greenloop.monitoring import views

app_name = "monitoring"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.indicator_list, name="indicators"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator"),
    path("targets/", views.scoreboard, name="scoreboard"),
    path("targets/report.<str:fmt>", views.scoreboard_report, name="report"),
    path("index/", views.gdi, name="gdi"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/template.xlsx", views.template_download, name="template"),
    path("inbox/upload/", views.upload_file, name="upload"),
    path("inbox/<int:upload_id>/review/", views.review, name="review"),
]
