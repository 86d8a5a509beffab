from django.urls import path

from greenloop.web import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
]
