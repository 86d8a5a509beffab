"""The year-end written report: one per lead department, and the coordinator's provincial
summary across all measures, as a :class:`greenloop.reports.Document` (DOCX and PDF)."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.utils.translation import gettext as _

from greenloop.orgs.models import Organization
from greenloop.policy import selectors
from greenloop.policy.models import (
    DivisionStatus,
    Measure,
    ProgressReport,
    ReportState,
    Task,
    TaskStatus,
)
from greenloop.reports import Document, charts

STATUS_ORDER = [*TaskStatus.values, "missing"]


def _status_label(status: str) -> str:
    return str(dict(TaskStatus.choices).get(status, _("No report")))


def _names(orgs: list[Organization]) -> str:
    return "、".join(org.short_name_zh or org.name_zh for org in orgs)


def _reports(year: int) -> dict[tuple[int, int], ProgressReport]:
    return {
        (r.task_id, r.department_id): r
        for r in ProgressReport.objects.filter(
            year=year, task__measure__document=selectors.current_document()
        ).select_related("department")
    }


def _summary_sentence(counts: Counter[str], total: int) -> str:
    parts = [
        _("%(label)s %(n)d") % {"label": _status_label(status), "n": counts[status]}
        for status in STATUS_ORDER
        if counts[status]
    ]
    return _("%(total)d tasks: %(parts)s.") % {"total": total, "parts": "，".join(parts)}


def _proposed_note(doc: Document, tasks: list[Task]) -> None:
    proposed = sum(1 for task in tasks if task.division_status == DivisionStatus.PROPOSED)
    if proposed:
        doc.paragraph(
            _(
                "The lead and cooperating departments of %(n)d of these tasks are a proposed "
                "division (from the departments' duties) that the coordinator has not confirmed."
            )
            % {"n": proposed}
        )


def provincial_report(year: int) -> Document:
    document = selectors.current_document()
    reports = _reports(year)
    tasks = list(selectors.tasks(document))
    measures = list(selectors.measures(document))
    demo = any(r.demonstration for r in reports.values())
    doc = Document(
        title=_(
            "Report on the progress of the green, low-carbon and circular development "
            "economic system in %(year)d"
        )
        % {"year": year},
        subtitle=document.title if document else "",
        issuer=_("Provincial Development and Reform Commission"),
        demonstration=demo,
    )
    by_measure: dict[int, list[tuple[Task, Organization, ProgressReport | None]]] = defaultdict(
        list
    )
    for task in tasks:
        for org in task.lead_departments.all():
            by_measure[task.measure_id].append((task, org, reports.get((task.pk, org.pk))))
    all_items = [item for items in by_measure.values() for item in items]
    counts: Counter[str] = Counter(r.status if r else "missing" for _t, _o, r in all_items)
    accepted = sum(1 for _t, _o, r in all_items if r and r.state == ReportState.ACCEPTED)

    doc.heading(1, _("Overview"))
    if demo:
        doc.paragraph(
            _(
                "This report is built from demonstration data: the progress reports it summarises "
                "were generated as examples and are not real progress."
            )
        )
    doc.paragraph(
        _(
            "In %(year)d the %(measures)d measures of the policy were carried out through "
            "%(tasks)d tasks led by %(depts)d departments and governments. Of %(items)d "
            "year-end reports expected, %(received)d were filed and %(accepted)d accepted."
        )
        % {
            "year": year,
            "measures": len(measures),
            "tasks": len(tasks),
            "depts": len({org.pk for _t, org, _r in all_items}),
            "items": len(all_items),
            "received": sum(1 for _t, _o, r in all_items if r),
            "accepted": accepted,
        }
    )
    doc.paragraph(_summary_sentence(counts, len(all_items)))
    _proposed_note(doc, tasks)
    doc.figure(
        charts.bar(
            [str(m.number) for m in measures],
            {
                _status_label(status): [
                    sum(
                        1
                        for _t, _o, r in by_measure[m.pk]
                        if (r.status if r else "missing") == status
                    )
                    for m in measures
                ]
                for status in STATUS_ORDER
            },
            title=_("Reports by measure and status"),
            ylabel=_("tasks"),
            stacked=True,
        ),
        caption=_("Reports by measure and status, %(year)d") % {"year": year},
    )
    history = selectors.progress_over_years(document)
    if len(history) > 1:
        doc.figure(
            charts.line(
                [h["year"] for h in history],
                {_("Mean percent complete"): [h["mean_percent"] for h in history]},
                title=_("Mean percent complete over the years"),
                ylabel="%",
            ),
            caption=_("Mean percent complete of all reports by year"),
        )

    doc.heading(1, _("Progress by measure"))
    for measure in measures:
        items = by_measure[measure.pk]
        doc.heading(2, measure.title)
        measure_counts: Counter[str] = Counter(r.status if r else "missing" for _t, _o, r in items)
        doc.paragraph(_summary_sentence(measure_counts, len(items)))
        if items:
            doc.table(
                [_("No."), _("Task"), _("Lead"), _("Progress")],
                [
                    [
                        str(task.sequence),
                        task.title,
                        org.short_name_zh or org.name_zh,
                        f"{_status_label(r.status)} {r.percent}%" if r else _("No report"),
                    ]
                    for task, org, r in items
                ],
            )
    doc.heading(1, _("Problems"))
    lagging = selectors.lagging_tasks(year, document)
    doc.paragraph(
        _("%(n)d tasks were at risk or delayed in this year and the year before.")
        % {"n": len(lagging)}
    )
    if lagging:
        doc.table(
            [_("Measure"), _("Task"), _("Lead")],
            [[m.measure.label, m.title, org.short_name_zh or org.name_zh] for m, org in lagging],
        )
    missing = [(t, o) for t, o, r in all_items if r is None or r.state != ReportState.ACCEPTED]
    doc.paragraph(
        _("%(n)d year-end reports were not filed or not yet accepted.") % {"n": len(missing)}
    )
    return doc


def department_report(year: int, org: Organization) -> Document:
    document = selectors.current_document()
    reports = _reports(year)
    led = list(selectors.tasks(document, lead=org.code))
    cooperating = list(
        selectors.tasks(document).filter(cooperating_departments=org).exclude(lead_departments=org)
    )
    mine = [(task, reports.get((task.pk, org.pk))) for task in led]
    demo = any(r.demonstration for _t, r in mine if r)
    doc = Document(
        title=_("%(org)s: progress of its tasks in %(year)d") % {"org": org.name_zh, "year": year},
        subtitle=document.title if document else "",
        issuer=org.name_zh,
        demonstration=demo,
    )
    counts: Counter[str] = Counter(r.status if r else "missing" for _t, r in mine)
    doc.heading(1, _("Overview"))
    if demo:
        doc.paragraph(
            _(
                "This report is built from demonstration data: the progress reports it summarises "
                "were generated as examples and are not real progress."
            )
        )
    doc.paragraph(
        _("%(org)s leads %(n)d tasks of the policy and cooperates on %(m)d.")
        % {"org": org.name_zh, "n": len(led), "m": len(cooperating)}
    )
    doc.paragraph(_summary_sentence(counts, len(mine)))
    _proposed_note(doc, led)
    doc.heading(1, _("Progress of the tasks it leads"))
    current: Measure | None = None
    for task, report in mine:
        if current is None or task.measure_id != current.pk:
            current = task.measure
            doc.heading(2, f"{current.label}{current.title}", numbered=False)
        doc.heading(3, task.title)
        if report is None:
            doc.paragraph(_("No report filed."))
            continue
        doc.paragraph(
            _("Status: %(status)s; %(percent)d%% complete; report %(state)s.")
            % {
                "status": report.get_status_display(),
                "percent": report.percent,
                "state": report.get_state_display(),
            }
        )
        if report.narrative:
            doc.paragraph(report.narrative)
        for code, value in sorted((report.key_figures or {}).items()):
            doc.paragraph(f"{code}: {value}")
        if report.next_steps:
            doc.paragraph(_("Next steps: %(text)s") % {"text": report.next_steps})
        for contribution in report.contributions.select_related("department"):
            doc.paragraph(
                _("%(org)s (cooperating): %(text)s")
                % {"org": contribution.department.name_zh, "text": contribution.text}
            )
    if cooperating:
        doc.heading(1, _("Tasks it cooperates on"))
        doc.table(
            [_("No."), _("Task"), _("Lead")],
            [
                [str(t.sequence), t.title, _names(list(t.lead_departments.all()))]
                for t in cooperating
            ],
        )
    return doc


def annual_report(year: int, org: Organization | None = None) -> Document:
    return department_report(year, org) if org is not None else provincial_report(year)
