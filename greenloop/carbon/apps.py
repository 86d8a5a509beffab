from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from greenloop.web.nav import NavItem


class CarbonConfig(AppConfig):
    name = "greenloop.carbon"
    label = "carbon"
    verbose_name = _("Carbon accounting")
    data_loaders = [
        (
            "carbon",
            _("Carbon inventories, factors and scenarios"),
            "greenloop.carbon.loaders.load_carbon",
        )
    ]
    nav_items = [
        # Published inventories and scenarios are open to everyone, as the pages are.
        NavItem(label=_("Carbon"), url_name="carbon:inventory", roles=None, order=40),
    ]
