"""The ROI estimate in words and figures, the same on the page and in the exported plan.

Every figure is formatted here once, so the page and the document cannot disagree; a
figure that is not defined says so instead of showing a number.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from calculators import group_size
from calculators.roi import Lever, Outcome, RoiInputs, RoiResult, cash_band, estimate
from playbook.i18n import t

SCENARIOS = ("low", "base", "high")


# Each estimate is worked out once per distinct inputs in the process and shared by every
# session (its models are frozen; nothing changes their lists): a page's run and the
# exported plan ask for the same one. About 15 kB an entry.
@lru_cache(maxsize=256)
def estimated(payload: str) -> tuple[str, RoiResult]:
    """The estimate of the inputs ``payload`` (their JSON) without the simulated cash by
    month, which only the cash chart and the document show; with its JSON, the key its
    charts are cached by."""
    result = estimate(RoiInputs.model_validate_json(payload), cash=False)
    return result.model_dump_json(), result


@lru_cache(maxsize=128)
def estimated_with_cash(payload: str) -> tuple[str, RoiResult]:
    """:func:`estimated` with the simulated cash by month (over the same scenarios)."""
    cash = cash_band(RoiInputs.model_validate_json(payload))
    result = estimated(payload)[1].model_copy(update={"cash": cash})
    return result.model_dump_json(), result


def estimate_for(data: RoiInputs) -> RoiResult:
    """Every figure of the estimate of ``data``, the simulated cash by month included."""
    return estimated_with_cash(data.model_dump_json())[1]


def money(value: float | None, lang: str) -> str:
    return t("roi.undefined", lang) if value is None else f"{value:,.0f}"


def number(value: float) -> str:
    """An input as typed: no trailing ".0", thousands separated."""
    return f"{value:,.10g}"


def percent(value: float | None, lang: str) -> str:
    return t("roi.undefined", lang) if value is None else f"{value:,.1f}%"


def ratio(value: float | None, lang: str) -> str:
    return t("roi.undefined", lang) if value is None else f"{value:,.2f}"


def payback(outcome: Outcome, lang: str) -> str:
    if outcome.payback_month is None:
        return t("roi.not_within", lang)
    return t("roi.month_n", lang, month=outcome.payback_month)


def headline(data: RoiInputs, result: RoiResult, lang: str) -> str:
    """Which figure the headline ROI is, beside the simulated median and chance of a loss."""
    band = result.band
    return t(
        "roi.headline",
        lang,
        months=data.horizon_months,
        roi=percent(result.base.roi_pct, lang),
        p50=percent(band.roi_p50, lang),
        loss=percent(band.loss_chance_pct, lang),
        draws=f"{band.draws:,}",
    )


def metrics(data: RoiInputs, result: RoiResult, lang: str) -> list[tuple[str, str]]:
    """(label, value) of the key figures, in the order they are shown."""
    base, band = result.base, result.band
    cac = base.cac
    pairs = [
        (t("roi.metric.roi", lang), percent(base.roi_pct, lang)),
        (t("roi.metric.p50", lang), percent(band.roi_p50, lang)),
        (t("roi.metric.loss", lang), percent(band.loss_chance_pct, lang)),
        (t("roi.metric.payback", lang), payback(base, lang)),
        (t("roi.metric.npv", lang, rate=f"{data.discount_rate_pct:g}"), money(base.npv, lang)),
        (t("roi.metric.ltv", lang), money(base.ltv, lang)),
        (t("roi.metric.cac", lang), money(None if cac is None else cac.total, lang)),
        (t("roi.metric.ltv_cac", lang), ratio(base.ltv_to_cac, lang)),
    ]
    return pairs


def explanations(data: RoiInputs, result: RoiResult, lang: str) -> list[str]:
    """One sentence per figure: how it was computed from the team's inputs."""
    base = result.base
    lines = []
    if base.roi_pct is None:
        lines.append(t("roi.explain.roi_none", lang))
    else:
        lines.append(
            t(
                "roi.explain.roi",
                lang,
                months=data.horizon_months,
                value=money(base.value, lang),
                cost=money(base.cost, lang),
                roi=percent(base.roi_pct, lang),
            )
        )
    lines.append(t("roi.explain.payback", lang))
    lines.append(t("roi.explain.npv", lang, rate=f"{data.discount_rate_pct:g}"))
    lines.append(t("roi.explain.ltv", lang, stay=f"{base.stay_months:,.1f}"))
    if base.cac is None:
        lines.append(t("roi.explain.cac_none", lang))
    else:
        lines.append(
            t(
                "roi.explain.cac",
                lang,
                paid=money(base.cac.paid, lang),
                share=f"{data.acquisition_share_pct:g}%",
                shared=money(base.cac.shared, lang),
                total=money(base.cac.total, lang),
            )
        )
    return lines


def warnings(data: RoiInputs, result: RoiResult, lang: str) -> list[str]:
    """What a finance reader would question first."""
    out = []
    if not data.levers_on():
        out.append(t("roi.warn.no_lever", lang))
    if data.purchase_on and data.baseline_share_pct == 0:
        out.append(t("roi.warn.no_baseline", lang))
    return out


def lever_rows(outcome: Outcome, lang: str) -> list[tuple[str, str, str]]:
    """(lever, value over the horizon, share of the value) for every lever that is on."""
    total = outcome.value
    rows = []
    for lever, value in outcome.by_lever.items():
        share = value / total * 100 if total > 0 else None
        rows.append((t(f"roi.lever.{lever}", lang), money(value, lang), percent(share, lang)))
    return rows


def scenario_rows(result: RoiResult, lang: str) -> list[list[str]]:
    outcomes = {"low": result.low, "base": result.base, "high": result.high}
    return [
        [
            t(f"roi.scenario.{name}", lang),
            money(o.value, lang),
            money(o.cost, lang),
            money(o.net, lang),
            percent(o.roi_pct, lang),
            payback(o, lang),
        ]
        for name, o in outcomes.items()
    ]


def scenario_headers(lang: str) -> list[str]:
    keys = ("roi.scenario", "roi.col.value", "roi.col.cost", "roi.col.net", "roi.col.roi")
    return [t(k, lang) for k in keys] + [t("roi.metric.payback", lang)]


def lever_source(lever: Lever, lang: str) -> str:
    return t(f"roi.lever.{lever}", lang) + ": " + t(f"roi.source.{lever}", lang)


def suggested_headcount(
    group_size_section: Mapping[str, Any] | BaseModel | None,
    caps: Mapping[str, int] | None = None,
) -> int | None:
    """The admins the group-size calculator recommends for the plan's own figures (None
    when the team has not used that calculator)."""
    if not group_size_section:
        return None
    data = group_size.from_section(group_size_section, caps)
    return group_size.plan_groups(data).admins_needed
