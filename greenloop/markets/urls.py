from django.urls import URLPattern, URLResolver, path

from greenloop.markets import views

app_name = "markets"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("instrument/<slug:code>/", views.market, name="market"),
    path("instrument/<slug:code>/order", views.order, name="order"),
    path("instrument/<slug:code>/cancel/<int:order_id>", views.cancel, name="cancel"),
    path("accounts/", views.accounts, name="accounts"),
    path("accounts/<str:code>/", views.account, name="account"),
    path("accounts/<str:code>/statement.pdf", views.statement_pdf, name="statement_pdf"),
    path("certificates/<int:operation>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("registry/", views.registry, name="registry"),
]
