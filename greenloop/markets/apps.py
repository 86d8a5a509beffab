from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from greenloop.accounts.roles import SIGNED_IN
from greenloop.web.nav import NavItem


class MarketsConfig(AppConfig):
    name = "greenloop.markets"
    label = "markets"
    verbose_name = _("Environmental rights markets")
    data_loaders = [
        ("markets", _("Market instruments"), "greenloop.markets.loaders.load_instruments")
    ]
    nav_items = [
        NavItem(label=_("Markets"), url_name="markets:index", roles=None, order=60),
        NavItem(label=_("My accounts"), url_name="markets:accounts", roles=SIGNED_IN, order=61),
    ]
