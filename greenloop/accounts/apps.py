from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from greenloop.accounts.roles import Role
from greenloop.web.nav import NavItem


class AccountsConfig(AppConfig):
    name = "greenloop.accounts"
    label = "accounts"
    verbose_name = _("Users and audit")
    nav_items = [
        NavItem(
            label=_("Audit trail"),
            url_name="audit-list",
            roles=frozenset({Role.ADMIN, Role.AUDITOR}),
            order=900,
        ),
        NavItem(
            label=_("Administration"),
            url_name="admin:index",
            roles=frozenset({Role.ADMIN}),
            order=1000,
        ),
    ]

    def ready(self) -> None:
        from greenloop.accounts import signals  # noqa: F401  (login/logout audit)
