"""The roles a user can hold. Importable before the app registry is ready (menus use it)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Platform administrator")
    COORDINATOR = "coordinator", _("Coordinator (provincial DRC)")
    DEPT_REPORTER = "dept_reporter", _("Department reporter")
    DEPT_REVIEWER = "dept_reviewer", _("Department reviewer")
    PREFECTURE_REPORTER = "prefecture_reporter", _("Prefecture reporter")
    ENTERPRISE = "enterprise", _("Enterprise user")
    AUDITOR = "auditor", _("Auditor (read-only)")


# Every role: for menu entries shown to any signed-in user.
SIGNED_IN = frozenset(Role.values)
