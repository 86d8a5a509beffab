from django.urls import URLPattern, URLResolver, path

from greenloop.policy import views

app_name = "policy"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.MeasuresView.as_view(), name="measures"),
    path("measures/<int:number>/", views.MeasureView.as_view(), name="measure"),
    path("tasks/<slug:code>/", views.TaskView.as_view(), name="task"),
    path("reports/<int:pk>/", views.ReportView.as_view(), name="report"),
    path("evidence/<int:pk>/", views.AttachmentView.as_view(), name="attachment"),
    path("documents/", views.DocumentsView.as_view(), name="documents"),
    path("documents/<slug:code>/", views.DocumentView.as_view(), name="document"),
    path("board/", views.BoardView.as_view(), name="board"),
    path("board.xlsx", views.BoardExportView.as_view(), name="board_xlsx"),
    path("division.xlsx", views.DivisionExportView.as_view(), name="division_xlsx"),
    path("division/import/", views.DivisionImportView.as_view(), name="division_import"),
    path("annual/<int:year>.<str:fmt>", views.AnnualReportView.as_view(), name="annual"),
]
