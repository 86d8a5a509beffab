from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from greenloop.accounts.roles import SIGNED_IN, Role
from greenloop.web.nav import NavItem

SUPERVISORS = frozenset({Role.ADMIN, Role.COORDINATOR, Role.AUDITOR})


class PolicyConfig(AppConfig):
    name = "greenloop.policy"
    label = "policy"
    verbose_name = _("Policy and task supervision")
    data_loaders = [
        ("policy", _("Policy measures and tasks"), "greenloop.policy.loaders.load_policy"),
        (
            "policy_demo",
            _("Demonstration progress reports"),
            "greenloop.policy.loaders.load_demo_reports",
        ),
    ]
    job_kinds = {"policy.annual_report": "greenloop.policy.jobs.annual_report"}
    nav_items = [
        NavItem(label=_("Policy tasks"), url_name="policy:measures", roles=SIGNED_IN, order=20),
        NavItem(label=_("Supervision board"), url_name="policy:board", roles=SUPERVISORS, order=21),
    ]
