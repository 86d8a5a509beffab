from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from greenloop.web.nav import NavItem


class WebConfig(AppConfig):
    name = "greenloop.web"
    label = "web"
    verbose_name = _("Web shell")
    nav_items = [NavItem(label=_("Cockpit"), url_name="home", order=0)]
