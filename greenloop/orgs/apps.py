from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from greenloop.accounts.roles import SIGNED_IN
from greenloop.web.nav import NavItem


class OrgsConfig(AppConfig):
    name = "greenloop.orgs"
    label = "orgs"
    verbose_name = _("Organizations")
    nav_items = [
        NavItem(label=_("Organizations"), url_name="orgs:directory", roles=SIGNED_IN, order=80)
    ]
