from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from greenloop.accounts.roles import SIGNED_IN
from greenloop.web.nav import NavItem


class EnterpriseConfig(AppConfig):
    name = "greenloop.enterprise"
    label = "enterprise"
    verbose_name = _("Enterprise online monitoring")
    nav_items = [
        NavItem(
            label=_("Enterprise monitoring"),
            url_name="enterprise:overview",
            roles=SIGNED_IN,
            order=60,
        )
    ]
