"""Importing actuals: WeCom's group statistics and our template, every error kind, and
re-imports that update a period without duplicating it."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from playbook.actuals import of_plan
from playbook.actuals_columns import template
from playbook.actuals_import import preview
from playbook.actuals_table import import_changes as changes
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"
TODAY = date(2026, 11, 23)


def _read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def _preview(data: bytes, name: str = "file.csv", cadence="month", **kwargs):
    return preview(data, name, cadence, TODAY, kwargs.pop("custom", {}), **kwargs)


def test_wecom_daily_rows_by_owner_add_up_to_months():
    found = _preview(_read("wecom_group_stats.csv"))
    assert found.layout == "wecom" and found.ok, found.errors
    read_as = {c.name: (c.role, c.target) for c in found.columns}
    assert read_as["群成员总数"] == ("value", "members")
    assert read_as["退群成员数"] == ("value", "left")
    assert read_as["新增客户群数"] == ("ignored", "")
    september, october = found.periods["m2026_09"], found.periods["m2026_10"]
    # members and groups: the last day of the month, owners added (183 + 61; 2 + 1)
    assert (september.members, september.groups) == (244, 3)
    # flows added over days and owners: 6+2+5+2, 2+1+2+1, 210+55+230+60
    assert (september.new, september.left, september.messages) == (15, 6, 555)
    # posters: each owner's busiest day (44 and 15), owners added
    assert september.posters == 59
    assert (october.members, october.groups, october.new, october.left) == (340, 5, 104, 8)
    assert (october.posters, october.messages) == (100, 1010)  # 70 + 10 + 20
    # owners' groups on average: 张敏 242 members in 3 groups ≈ 81 each
    assert [(g.name, g.size, g.groups) for g in october.largest] == [
        ("张敏", 81, 3),
        ("李强", 60, 1),
        ("王芳", 38, 1),
    ]


def test_the_same_wecom_rows_by_week_fall_into_one_iso_week():
    found = _preview(_read("wecom_group_stats.csv"), cadence="week")
    assert list(found.periods) == ["w2026_40"]
    assert found.periods["w2026_40"].posters == 105  # 70 + 15 + 20


def test_an_excel_file_reads_like_its_csv():
    frame = pd.read_csv(DATA / "wecom_group_stats.csv", dtype=str)
    out = io.BytesIO()
    frame.to_excel(out, index=False)
    found = _preview(out.getvalue(), "统计.xlsx")
    assert found.ok
    assert found.periods == _preview(_read("wecom_group_stats.csv")).periods


def test_a_wecom_file_without_dates_takes_the_chosen_day():
    frame = pd.read_csv(DATA / "wecom_group_stats.csv", dtype=str)
    by_owner = frame[frame["日期"] == "2026-10-02"].drop(columns=["日期"])
    data = by_owner.to_csv(index=False).encode()
    assert [e.kind for e in _preview(data).errors] == ["no_period"]
    found = _preview(data, default_day=date(2026, 10, 31))
    assert found.periods["m2026_10"].members == 340


def test_our_template_with_groups_and_money():
    found = _preview(_read("actuals_template_sample.csv"))
    assert found.layout == "template" and found.ok, found.errors
    august = found.periods["m2026_08"]
    assert (august.members, august.new, august.events, august.attendance) == (240, 32, 2, 80)
    assert august.revenue == pytest.approx(5700.5)
    assert [(g.name, g.events) for g in august.largest] == [("车主一群", 2), ("车主二群", 0)]


def test_the_downloaded_template_reads_back_with_every_column_known():
    custom = {"support": ("服务支持", "Support")}
    for kind in ("csv", "xlsx"):
        blank = template("zh", custom, kind)
        frame = (
            pd.read_excel(io.BytesIO(blank)) if kind == "xlsx" else pd.read_csv(io.BytesIO(blank))
        )
        # groups, members, new, left, posters, messages, events, attendance, buyers,
        # revenue, spend, questions, answered, then the custom KPI
        frame.loc[0] = ["2026-10", "一群", 1, 20, 3, 1, 8, 90, 1, 12, 2, 600, 300, 6, 4, 12.5]
        data = frame.to_csv(index=False).encode()
        found = _preview(data, custom=custom)
        assert found.ok, found.errors
        assert found.periods["m2026_10"].custom == {"support": 12.5}


def _errors(csv_text: str, **kwargs):
    return [(e.kind, e.row, e.column) for e in _preview(csv_text.encode(), **kwargs).errors]


def test_every_error_kind_is_reported_with_its_row():
    head = "周期,成员数,新增成员\n"
    assert _errors("周期,成员数,粉丝数\n2026-10,5,1\n") == [("unknown_column", 1, "粉丝数")]
    assert _errors(head + "2026-10,五,1\n") == [("not_numeric", 2, "成员数")]
    assert _errors(head + "2026-09,5,1\n2026-10,-5,1\n") == [("negative", 3, "成员数")]
    assert _errors(head + "2026-10,5.5,1\n") == [("not_whole", 2, "成员数")]
    assert _errors(head + "2026-10,5,1\n2026-10,6,1\n") == [("duplicate_period", 3, "周期")]
    assert _errors(head + "2026-12,5,1\n") == [("future_date", 2, "周期")]
    assert _errors(head + "十月,5,1\n") == [("bad_date", 2, "周期")]
    assert _errors("成员数\n5\n") == [("no_period", None, "")]
    assert _errors("周期,成员数\n") == [("empty", None, "")]
    assert _errors("周期,成员数,发言成员\n2026-10,5,9\n") == [("inconsistent", None, "m2026_10")]
    assert [e.kind for e in _preview(b"\x00\xff\xfe garbage", "x.xlsx").errors] == ["unreadable"]


def test_a_file_with_errors_has_nothing_to_store():
    found = _preview("周期,成员数\n2026-10,5\n2026-11,x\n".encode())
    assert not found.ok


def test_reimporting_updates_the_period_with_one_revision_and_is_idempotent(store, meta):
    plan_id = store.create(meta).plan.id
    found = _preview(_read("wecom_group_stats.csv"))
    first = store.update(plan_id, changes(found, of_plan(store.get(plan_id).plan), "month"))
    again = store.update(plan_id, changes(found, of_plan(first.plan), "month"))
    assert again.version == first.version  # the same file changes nothing
    corrected = (
        _read("wecom_group_stats.csv")
        .decode()
        .replace("2026-10-02,王芳,1,0,38", "2026-10-02,王芳,1,0,48")
    )
    fixed = _preview(corrected.encode())
    after = store.update(plan_id, changes(fixed, of_plan(again.plan), "month"), source="import")
    assert after.version == first.version + 1
    assert of_plan(after.plan).periods["m2026_10"].members == 350
    assert list(of_plan(after.plan).periods) == ["m2026_09", "m2026_10"]
    # a number typed by hand (events) survives a re-import of a file without it
    typed = store.update(plan_id, {"sections.actuals.periods.m2026_10.events": 2})
    final = store.update(
        plan_id, changes(_preview(_read("wecom_group_stats.csv")), of_plan(typed.plan), "month")
    )
    october = of_plan(final.plan).periods["m2026_10"]
    assert (october.events, october.members) == (2, 340)
    assert store.revisions(plan_id)[0].changed == ["sections.actuals.periods"]


def test_a_row_without_a_group_name_counts_toward_the_period():
    found = _preview("周期,群名称,成员数,新增成员\n2026-10,一群,50,5\n2026-10,,30,2\n".encode())
    assert found.ok
    assert (found.periods["m2026_10"].members, found.periods["m2026_10"].new) == (80, 7)


def test_history_names_an_import_and_restores_the_numbers_before_it(store, meta):
    from playbook.content import content
    from playbook.describe import path_label

    plan_id = store.create(meta).plan.id
    first = store.update(
        plan_id,
        changes(
            _preview(_read("wecom_group_stats.csv")), of_plan(store.get(plan_id).plan), "month"
        ),
    )
    corrected = (
        _read("wecom_group_stats.csv")
        .decode()
        .replace("2026-10-02,王芳,1,0,38", "2026-10-02,王芳,1,0,48")
    )
    store.update(plan_id, changes(_preview(corrected.encode()), of_plan(first.plan), "month"))
    label = path_label(store.revisions(plan_id)[0].changed[0], content(), "zh")
    assert label == "实际数据 · 各周期数字"
    restored = store.restore(plan_id, first.version)
    assert of_plan(restored.plan).periods["m2026_10"].members == 340
