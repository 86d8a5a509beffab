"""The carbon inventory report (DOCX, PDF): Qinghai's CEADs history, the latest year by
sector and fuel, the LMDI decomposition and the bridge to official statistics. Real data
only (the illustrative electricity balance and scenario drivers stay on the pages)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from greenloop.carbon import selectors
from greenloop.carbon.engine import lmdi
from greenloop.reports import Document, charts

EFFECT_NAMES = {
    "population": "Population",
    "affluence": "GDP per capita",
    "intensity": "Energy intensity",
    "mix": "Energy mix",
    "emission_factor": "Emission factor",
    "process": "Cement process",
}


def build(region: str = "630000") -> Document | None:
    series = selectors.series(region)
    if not series:
        return None
    name = "青海省" if region == "630000" else region
    doc = Document(
        title=_("%(region)s carbon dioxide emission inventory") % {"region": name},
        subtitle=_("CEADs method, %(first)d-%(last)d")
        % {"first": series[0]["year"], "last": series[-1]["year"]},
    )
    doc.heading(1, _("Emissions by year"))
    doc.paragraph(
        _(
            "Emissions follow the IPCC sectoral approach as applied to Chinese provinces by "
            "CEADs (Shan et al. 2018, 2020); the figures are CEADs' published inventories."
        )
    )
    doc.figure(
        charts.line(
            [row["year"] for row in series],
            {_("Total (Mt CO2)"): [row["total_mt"] for row in series]},
            ylabel="Mt CO2",
        ),
        caption=_("Emissions by year"),
    )
    doc.table(
        [_("Year"), _("Total (Mt CO2)"), _("Per capita (t CO2)")],
        [
            [
                str(row["year"]),
                f"{row['total_mt']:.2f}",
                f"{row['per_capita_t']:.2f}" if row["per_capita_t"] else "—",
            ]
            for row in series
        ],
        caption=_("Emissions by year"),
    )
    last = series[-1]["year"]
    for by, title in (("sector", _("By sector")), ("fuel", _("By fuel"))):
        found = selectors.breakdown(region, last, by, "production")
        if found is None or not found.items:
            continue
        doc.heading(1, f"{title}（{last}）")
        top = sorted(found.items, key=lambda item: -item["mt_co2"])[:12]
        doc.figure(
            charts.bar([item["name"][:8] for item in top], {"Mt CO2": [i["mt_co2"] for i in top]}),
            caption=f"{title}（{last}）",
        )
        doc.table(
            [_("Sector") if by == "sector" else _("Fuel"), "Mt CO2"],
            [[item["name"], f"{item['mt_co2']:.3f}"] for item in found.items],
            caption=found.source,
        )
    years = selectors.decomposition_years(region)
    if len(years) >= 2:
        result = selectors.decomposition(region, years[0], years[-1])
        if result is not None:
            doc.heading(1, _("Decomposition (LMDI)"))
            doc.table(
                [_("Effect"), _("Additive (Mt CO2)"), _("Multiplicative (ratio)")],
                [
                    [
                        _(EFFECT_NAMES[key]),
                        f"{result['additive'][key]:.3f}",
                        f"{result['multiplicative'].get(key, 0.0):.4f}",
                    ]
                    for key in (*lmdi.EFFECTS, "process")
                ],
                caption=f"{years[0]}–{years[-1]}",
            )
    bridge = selectors.bridge() if region == "630000" else None
    if bridge:
        doc.heading(1, _("Bridge from official statistics"))
        doc.paragraph(
            _(
                "Total energy consumption %(energy).0f (10,000 tce, %(year)d) from GDP ÷ energy "
                "output rate; CEADs' fossil energy %(fossil).0f; CEADs total %(total).2f Mt CO2; "
                "non-fossil share that reconciles the two %(share).0f%%."
            )
            % {
                "energy": bridge["total_energy_tce"] / 1e4,
                "year": bridge["year"],
                "fossil": bridge["ceads_fossil_energy_tce"] / 1e4,
                "total": bridge["ceads_total_mt"],
                "share": bridge["implied_non_fossil_share"] * 100,
            }
        )
    return doc
