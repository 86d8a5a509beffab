from django.urls import URLPattern, URLResolver, path, re_path

from greenloop.registry import views

app_name = "registry"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.ListsView.as_view(), name="lists"),
    path("export.xlsx", views.export_listings, name="export"),
    path("listings/<str:number>/", views.ListingView.as_view(), name="listing"),
    path("schemes/", views.SchemesView.as_view(), name="schemes"),
    path("schemes/<slug:code>/", views.SchemeView.as_view(), name="scheme"),
    path("gi/", views.GIView.as_view(), name="gi"),
    path("farm/", views.FarmView.as_view(), name="farm"),
    path("workbench/label-checks/", views.LabelCheckView.as_view(), name="label-check"),
    path("parks/", views.ParksView.as_view(), name="parks"),
    path("parks/chart.png", views.park_chart, name="park-chart"),
    re_path(r"^parks/report\.(?P<kind>pdf|docx)$", views.park_report, name="park-report"),
    path("workbench/", views.WorkbenchView.as_view(), name="workbench"),
    path("workbench/spot-checks/", views.DrawPlanView.as_view(), name="draw-plan"),
    path("applicant/", views.ApplicantView.as_view(), name="applicant"),
    path("applications/<int:pk>/", views.ApplicationView.as_view(), name="application"),
    path(
        "applications/<int:pk>/act/", views.ApplicationActionView.as_view(), name="application-act"
    ),
    path("certificates/<str:number>.pdf", views.certificate_pdf, name="certificate-pdf"),
    path("trace/<str:code>/", views.TraceView.as_view(), name="trace"),
    path("trace/<str:code>/qr.svg", views.trace_qr, name="trace-qr"),
    path("trace/<str:code>/qr.png", views.trace_qr_png, name="trace-qr-png"),
]
