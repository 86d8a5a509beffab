from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "greenloop.accounts"
    label = "accounts"
    verbose_name = _("Users and audit")

    def ready(self) -> None:
        from greenloop.accounts import signals  # noqa: F401  (login/logout audit)
