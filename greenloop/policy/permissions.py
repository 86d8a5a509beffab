"""Who may see and change policy tasks and progress reports (on top of accounts.permissions).

- everyone signed in sees the policy, its tasks and their division;
- the coordinator and administrators change the division and review reports (return, accept);
- a lead department's users (reporters, reviewers) write, submit and attach evidence to their
  department's reports; no one else changes them (the coordinator only for its own tasks);
- cooperating departments see the reports of tasks they cooperate on and add contributions;
- auditors see everything and change nothing; prefecture users see their region's reports.
"""

from __future__ import annotations

from typing import Any

from greenloop.accounts.permissions import can_change_owned, can_view_owned, role_of
from greenloop.accounts.roles import Role

REVIEWERS = frozenset({Role.ADMIN, Role.COORDINATOR})
WRITERS = frozenset(
    {Role.ADMIN, Role.COORDINATOR, Role.DEPT_REPORTER, Role.DEPT_REVIEWER, Role.PREFECTURE_REPORTER}
)


def can_review(user: Any) -> bool:
    return role_of(user) in REVIEWERS


def can_edit_division(user: Any) -> bool:
    return role_of(user) in REVIEWERS


def can_write_for(user: Any, department: Any) -> bool:
    """May ``user`` write a report of ``department``?"""
    return role_of(user) in WRITERS and can_change_owned(user, department)


def cooperates_on(user: Any, task: Any) -> bool:
    org_id = getattr(user, "organization_id", None)
    return bool(org_id) and task.cooperating_departments.filter(pk=org_id).exists()


def can_view_report(user: Any, report: Any) -> bool:
    return can_view_owned(user, report.department) or cooperates_on(user, report.task)


def can_contribute(user: Any, report: Any) -> bool:
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return role in WRITERS and cooperates_on(user, report.task)
