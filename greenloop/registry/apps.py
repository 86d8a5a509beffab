from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from greenloop.accounts.roles import SIGNED_IN
from greenloop.web.nav import NavItem


class RegistryConfig(AppConfig):
    name = "greenloop.registry"
    label = "registry"
    verbose_name = _("Green recognition registries")
    data_loaders = [
        ("registry-schemes", _("Recognition schemes"), "greenloop.registry.loaders.load_schemes"),
        (
            "registry-listings",
            _("Green factories and parks on published lists"),
            "greenloop.registry.loaders.load_listings",
        ),
        (
            "registry-farm",
            _("Farm-product certificates and traces"),
            "greenloop.registry.loaders.load_farm_products",
        ),
    ]
    nav_items = [
        NavItem(label=_("Green lists"), url_name="registry:lists", roles=None, order=60),
        NavItem(
            label=_("Registry workbench"), url_name="registry:workbench", roles=SIGNED_IN, order=61
        ),
    ]
