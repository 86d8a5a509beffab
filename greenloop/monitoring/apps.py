from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from greenloop.accounts.roles import SIGNED_IN
from greenloop.web.nav import NavItem


class MonitoringConfig(AppConfig):
    name = "greenloop.monitoring"
    label = "monitoring"
    verbose_name = _("Statistical monitoring")
    data_loaders = [
        ("indicators", _("Monitoring indicators"), "greenloop.monitoring.loaders.load_indicators"),
        (
            "observations",
            _("Observed statistics"),
            "greenloop.monitoring.loaders.load_observations",
        ),
        ("targets", _("Plan targets"), "greenloop.monitoring.loaders.load_targets"),
        (
            "gdi-reference",
            _("Published green development index results"),
            "greenloop.monitoring.loaders.load_reference",
        ),
    ]
    nav_items = [
        NavItem(label=_("Indicators"), url_name="monitoring:indicators", order=30),
        NavItem(label=_("Targets"), url_name="monitoring:scoreboard", order=31),
        NavItem(label=_("Green development index"), url_name="monitoring:gdi", order=32),
        NavItem(label=_("Review inbox"), url_name="monitoring:inbox", roles=SIGNED_IN, order=33),
    ]
