from django.contrib.auth import views as auth_views
from django.urls import path

from greenloop.accounts import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("audit/", views.AuditListView.as_view(), name="audit-list"),
    path("audit/export.csv", views.audit_export, name="audit-export"),
]
