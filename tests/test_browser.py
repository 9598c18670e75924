"""End-to-end journeys in a real headless Chromium against a real server.

Debian's /usr/bin/chromium is driven by Playwright. Without Chromium these tests are
skipped on a developer machine; under CI=true a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT_MS = 20_000


def _require_browser() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required on CI (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(
    data_dir: Path, port: int | None = None, database_url: str | None = None
) -> Iterator[str]:
    """Start the site as `make run` does, on a free port, with its own data directory
    (or the given database, shared with other servers)."""
    port = port or _free_port()
    env = {**os.environ, "PLAYBOOK_DATA_DIR": str(data_dir)}
    env.pop("PLAYBOOK_DATABASE_URL", None)
    if database_url:
        env["PLAYBOOK_DATABASE_URL"] = database_url
    process = subprocess.Popen(
        [sys.executable, "app.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    _require_browser()
    with running_server(tmp_path_factory.mktemp("e2e-data")) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def create_plan(page, base: str, team: str, community: str) -> str:
    """Fill the home page's form in Chinese and return the wizard's URL."""
    page.goto(f"{base}/")
    form = page.get_by_test_id("stForm").filter(has_text="创建计划并开始")
    form.get_by_label("团队名称").fill(team)
    form.get_by_label("社群名称").fill(community)
    form.get_by_label("行业").click()
    page.get_by_role("option", name="汽车").click()
    form.get_by_role("button", name="创建计划并开始").click()
    page.wait_for_url(re.compile(r".*/wizard\?.*plan=[A-Za-z0-9_-]{22}"))
    return page.url


def summary_box(page, label: str = "一句话描述目标成员 *"):
    return page.get_by_role("textbox", name=label)


def type_and_save(page, box, text: str, saved_marker: str) -> None:
    box.fill(text)
    box.press("Tab")  # leaving the field saves it
    page.get_by_text(saved_marker).wait_for()


def test_typed_answer_survives_a_reload_and_reaches_a_teammate(server, page, browser):
    from playwright.sync_api import expect

    url = create_plan(page, server, "华东用户运营组", "蓝色车主俱乐部")
    answer = "已提车的车主，通勤与家庭用户为主 🚗"
    type_and_save(page, summary_box(page), answer, "第 2 版")

    page.reload()
    expect(summary_box(page)).to_have_value(answer)
    assert "plan=" in page.url

    teammate = browser.new_context()
    try:
        other = teammate.new_page()
        other.set_default_timeout(TIMEOUT_MS)
        other.goto(url)
        expect(summary_box(other)).to_have_value(answer)
        # the teammate edits another field; the first editor keeps both after a reload
        second = other.get_by_role("textbox", name="不属于本社群的人群")
        type_and_save(other, second, "二手车商", "第 3 版")
    finally:
        teammate.close()
    page.reload()
    expect(summary_box(page)).to_have_value(answer)
    expect(page.get_by_role("textbox", name="不属于本社群的人群")).to_have_value("二手车商")


def test_the_language_choice_survives_a_reload(server, page):
    from playwright.sync_api import expect

    create_plan(page, server, "Growth", "Runners' club")
    page.get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="The ten strategic variables")).to_be_visible()
    box = summary_box(page, "Target members in one sentence *")
    type_and_save(page, box, "Owners who commute daily", "revision 2")
    page.reload()
    expect(page.get_by_role("heading", name="The ten strategic variables")).to_be_visible()
    expect(summary_box(page, "Target members in one sentence *")).to_have_value(
        "Owners who commute daily"
    )
    assert "lang=en" in page.url


def test_a_language_switch_keeps_every_choice_and_saves_nothing(server, page):
    # the browser answers a choice with its label: after a switch, the old language's
    from playwright.sync_api import expect

    url = create_plan(page, server, "语言切换", "跑者之家")
    page.goto(url.replace("/wizard", "/"))
    page.get_by_text("计划信息（团队、行业、平台、阶段）").click()  # the plan details
    expect(page.get_by_role("radio", name="冷启动")).to_be_checked()
    page.get_by_text("English", exact=True).click()
    expect(page.get_by_role("radio", name="Cold start")).to_be_checked()
    expect(page.get_by_role("combobox", name="Industry")).to_have_value("Automotive")
    page.get_by_text("中文", exact=True).click()
    expect(page.get_by_role("radio", name="冷启动")).to_be_checked()
    expect(page.get_by_role("combobox", name="行业")).to_have_value("汽车")
    expect(page.get_by_text("第 1 版", exact=False)).to_be_visible()  # no change was saved
    page.reload()
    expect(page.get_by_text("第 1 版", exact=False)).to_be_visible()
    page.goto(url.replace("/wizard", "/roi"))  # a set of tabs keeps its open tab too
    costs = page.get_by_role("tab", name="成本", exact=True)
    costs.click()
    expect(costs).to_have_attribute("aria-selected", "true")
    page.get_by_text("English", exact=True).click()
    costs = page.get_by_role("tab", name="Costs", exact=True)
    expect(costs).to_have_attribute("aria-selected", "true")


def test_a_plan_survives_a_server_restart(tmp_path, page):
    from playwright.sync_api import expect

    _require_browser()
    port = _free_port()
    with running_server(tmp_path, port) as base:
        url = create_plan(page, base, "重启测试", "跑者之家")
        type_and_save(page, summary_box(page), "城市夜跑爱好者", "第 2 版")
    with running_server(tmp_path, port):
        page.goto(url)
        expect(summary_box(page)).to_have_value("城市夜跑爱好者")


def test_an_unknown_plan_link_shows_a_message_not_a_traceback(server, page):
    from playwright.sync_api import expect

    page.goto(f"{server}/?plan=AAAAAAAAAAAAAAAAAAAAAA")
    expect(page.get_by_text("找不到这个计划")).to_be_visible()
    expect(page.get_by_role("heading", name="新建计划")).to_be_visible()
    assert page.locator("[data-testid=stException]").count() == 0


def test_a_calculator_input_survives_a_reload(server, page):
    from playwright.sync_api import expect

    url = create_plan(page, server, "工具测试", "跑者之家")
    page.goto(url.replace("/wizard", "/group-size"))
    target = page.get_by_label("目标成员数（人）")
    target.fill("40")
    target.press("Enter")
    expect(page.get_by_text("半熟人社交：").first).to_be_visible()
    page.reload()
    expect(page.get_by_label("目标成员数（人）")).to_have_value("40")
    expect(page.get_by_text("半熟人社交：").first).to_be_visible()


def test_a_ticked_checklist_item_survives_a_reload(server, page):
    from playwright.sync_api import expect

    url = create_plan(page, server, "清单测试", "跑者之家")
    page.goto(url.replace("/wizard", "/checklist"))
    cautions = page.get_by_text("注意事项", exact=True)  # the group's header
    cautions.click(timeout=TIMEOUT_MS)  # its items are drawn when it is opened
    item = page.get_by_role("checkbox", name="避免过度营销")
    expect(item).not_to_be_checked(timeout=TIMEOUT_MS)
    page.get_by_text("避免过度营销", exact=True).click()  # the label toggles the box
    page.get_by_text("1/6 项已完成").wait_for()  # the header counts it, the group stays open
    expect(item).to_be_checked()
    page.reload()
    expect(page.get_by_text("1/6 项已完成")).to_be_visible(timeout=TIMEOUT_MS)
    page.get_by_text("注意事项", exact=True).click()
    expect(page.get_by_role("checkbox", name="避免过度营销")).to_be_checked()


def test_a_copied_case_pattern_appears_in_the_wizard_after_a_reload(server, page):
    from playwright.sync_api import expect

    url = create_plan(page, server, "案例测试", "跑者之家")
    page.goto(url.replace("/wizard", "/compare"))
    page.get_by_role("button", name="复制做法").nth(5).click()  # 6. bonds → 信任与承诺
    page.get_by_text("已把小米社区的做法追加到").wait_for()
    plan_id = re.search(r"plan=([A-Za-z0-9_-]+)", url).group(1)
    page.goto(f"{server}/wizard?plan={plan_id}&lang=zh&step=bonds")
    page.reload()
    box = page.get_by_role("textbox", name="信任与承诺")
    expect(box).to_have_value(re.compile(r"^\[参考 小米社区\] 每周五的版本更新"))


@pytest.mark.parametrize("label", ["PDF", "Word（DOCX）", "运营日历（iCalendar）"])
def test_a_real_download_arrives(server, page, label, tmp_path):
    url = create_plan(page, server, "导出测试", "跑者之家")
    type_and_save(page, summary_box(page), "城市夜跑爱好者", "第 2 版")
    page.goto(url.replace("/wizard", "/export"))
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).click()
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    data = target.read_bytes()
    assert download.suggested_filename.startswith("跑者之家-")
    if label == "PDF":
        from pypdf import PdfReader

        assert data.startswith(b"%PDF")
        text = "".join(p.extract_text() for p in PdfReader(target).pages)
        assert "城市夜跑爱好者" in text
    elif label.startswith("Word"):
        assert data.startswith(b"PK")
    else:
        assert data.startswith(b"BEGIN:VCALENDAR")


def test_two_teams_join_a_workshop_and_the_trainer_compares_them(server, browser, page):
    from playwright.sync_api import expect

    page.goto(f"{server}/workshop")
    page.get_by_label("工作坊名称").fill("华东训练营")
    page.get_by_role("button", name="创建工作坊").click()
    code = page.get_by_test_id("stMetricValue").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    trainer_url = page.url

    for team, answer in (("一组", "城市夜跑爱好者"), ("二组", "新手车主")):
        context = browser.new_context()
        try:
            member = context.new_page()
            member.set_default_timeout(TIMEOUT_MS)
            member.goto(f"{server}/")
            form = member.get_by_test_id("stForm").filter(has_text="加入并开始")
            form.get_by_label("培训师给的加入码").fill(code)
            form.get_by_label("团队名称").fill(team)
            form.get_by_label("社群名称").fill("跑者之家")
            form.get_by_role("button", name="加入并开始").click()
            member.wait_for_url(re.compile(r".*/wizard\?.*plan="))
            type_and_save(member, summary_box(member), answer, "第 2 版")
        finally:
            context.close()

    page.goto(trainer_url.replace("/workshop", "/teams"))
    # each team's answer, in full and labelled, without pressing anything
    expect(page.get_by_text("城市夜跑爱好者")).to_be_visible()
    expect(page.get_by_text("新手车主")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    page.wait_for_timeout(500)
    page.screenshot(path=str(Path(os.environ.get("E2E_SHOTS", "/tmp")) / "teams.png"))


def test_two_servers_sharing_postgresql_see_and_merge_each_others_edits(browser, tmp_path):
    """Two replicas behind a load balancer: an edit through one appears through the other,
    and concurrent edits to different fields through both are both kept."""
    from playwright.sync_api import expect

    from tests.conftest import postgres_admin_url

    _require_browser()
    import secrets

    import sqlalchemy as sa

    admin = sa.create_engine(postgres_admin_url(), isolation_level="AUTOCOMMIT")
    name = f"playbook_e2e_{secrets.token_hex(4)}"
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        with (
            running_server(tmp_path / "a", database_url=url) as server_a,
            running_server(tmp_path / "b", database_url=url) as server_b,
        ):
            first, second = browser.new_context(), browser.new_context()
            try:
                a, b = first.new_page(), second.new_page()
                for p in (a, b):
                    p.set_default_timeout(TIMEOUT_MS)
                wizard = create_plan(a, server_a, "副本测试", "跑者之家")
                type_and_save(a, summary_box(a), "来自服务器 A", "第 2 版")
                b.goto(wizard.replace(server_a, server_b))
                expect(summary_box(b)).to_have_value("来自服务器 A")
                # both pages are open; each edits a different field without reloading
                type_and_save(
                    a, a.get_by_role("textbox", name="不属于本社群的人群"), "A 写的", "第 3 版"
                )
                segments = b.get_by_role("textbox", name="主要成员画像与需求 *")
                type_and_save(b, segments, "B 写的", "第 4 版")
                for p in (a, b):
                    p.reload()
                    expect(p.get_by_role("textbox", name="不属于本社群的人群")).to_have_value(
                        "A 写的"
                    )
                    expect(p.get_by_role("textbox", name="主要成员画像与需求 *")).to_have_value(
                        "B 写的"
                    )
            finally:
                first.close()
                second.close()
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def test_a_server_killed_during_saves_restarts_with_the_plan_intact(tmp_path, page):
    from playwright.sync_api import expect

    from playbook.storage import Store

    _require_browser()
    port = _free_port()
    with running_server(tmp_path, port) as base:
        url = create_plan(page, base, "断电测试", "跑者之家")
        type_and_save(page, summary_box(page), "第一稿", "第 2 版")
        box = summary_box(page)
        box.fill("第二稿")
        box.press("Tab")  # a save in flight…
        pids = subprocess.run(
            ["pgrep", "-f", f"--server.port {port}"], capture_output=True, text=True
        ).stdout.split()
        for pid in pids:
            os.kill(int(pid), 9)  # …and the server is killed without warning
    plan_id = re.search(r"plan=([A-Za-z0-9_-]+)", url).group(1)
    record = Store(f"sqlite:///{tmp_path / 'playbook.sqlite3'}").get(plan_id)
    assert record.plan.answer("target", "summary") in ("第一稿", "第二稿")
    with running_server(tmp_path, port):
        page.goto(url)
        expect(summary_box(page)).to_have_value(record.plan.answer("target", "summary"))


def test_next_opens_the_following_variable_at_the_top_of_the_page(server, page):
    from playwright.sync_api import expect

    create_plan(page, server, "翻页测试", "跑者之家")
    page.set_viewport_size({"width": 1400, "height": 700})
    button = page.get_by_role("button", name="下一个")
    button.scroll_into_view_if_needed()
    main = "document.querySelector('[data-testid=stMain]').scrollTop"
    assert page.evaluate(main) > 100
    button.click()
    expect(page.get_by_role("heading", name="2. 社群入口")).to_be_visible()
    page.wait_for_function(f"{main} === 0", timeout=5000)


def test_imported_wecom_statistics_are_charted_after_confirming_and_a_reload(tmp_path, page):
    from playwright.sync_api import expect

    from playbook.plan import PlanMeta
    from playbook.storage import Store

    store = Store(f"sqlite:///{tmp_path / 'playbook.sqlite3'}")
    meta = PlanMeta(team="华东用户运营组", community="蓝色车主俱乐部", industry="automotive")
    plan_id = store.create(meta).plan.id
    store.update(plan_id, {"sections.kpis.engagement": {"on": True, "target": "≥ 30%"}})
    with running_server(tmp_path) as base:
        page.goto(f"{base}/actuals?plan={plan_id}&lang=zh")
        page.get_by_text("还没有记录任何周期的数据").wait_for()
        page.get_by_text("导入文件", exact=True).click()
        page.locator("input[type=file]").set_input_files(ROOT / "tests/data/wecom_group_stats.csv")
        page.get_by_text("列的识别（企业微信客户群统计）").wait_for()
        page.get_by_text("将写入 2 个周期").wait_for()
        assert store.get(plan_id).version == 2  # nothing is stored before confirming
        page.get_by_role("button", name="确认导入").click()
        page.get_by_text("已导入 2 个周期").wait_for()
        page.reload()
        page.get_by_text("最新：29.4%").wait_for()
        page.get_by_test_id("stVegaLiteChart").first.wait_for()
        expect(page.get_by_test_id("stVegaLiteChart").first.locator("canvas, svg")).to_be_visible()
        page.goto(f"{base}/actuals?plan={plan_id}&lang=en")
        page.get_by_text("Latest: 29.4%").wait_for()
    assert store.get(plan_id).plan.sections.actuals.periods["m2026_10"].members == 340


def test_the_pdf_of_a_plan_with_every_answer_at_its_maximum_downloads(tmp_path, page):
    """The largest plan the model accepts (every text field at its limit, 5,000-character
    KPI formulas) still gives a PDF, and the page shows no error."""
    from playbook.storage.plans import Store
    from tests.maximal import maximal_plan

    _require_browser()
    plan = maximal_plan("zh", tasks=30)
    Store(f"sqlite:///{tmp_path / 'playbook.sqlite3'}").insert(plan)
    with running_server(tmp_path) as base:
        page.goto(f"{base}/export?plan={plan.id}&lang=zh")
        with page.expect_download(timeout=180_000) as info:
            page.get_by_role("button", name="PDF").click()
        target = tmp_path / "plan.pdf"
        info.value.save_as(target)
        assert target.read_bytes().startswith(b"%PDF")
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, check=True, text=True
        ).stdout
        assert "END00" in text and "执行摘要" in text  # the longest cell printed to its end
        assert page.get_by_test_id("stAlertContentError").count() == 0


def test_the_first_request_to_a_fresh_server_may_be_a_deep_link(tmp_path, page):
    """`python app.py` serves a deep link right after a start (no "page not found")."""
    from playwright.sync_api import expect

    _require_browser()
    with running_server(tmp_path) as base:
        page.goto(f"{base}/checklist?lang=en")
        expect(page.get_by_role("heading", name="Checklist")).to_be_visible(timeout=20_000)
        page.wait_for_timeout(500)
        assert "Page not found" not in page.inner_text("body")


def test_the_html_export_fits_a_phone_and_prints_no_heading_alone(browser, tmp_path):
    from datetime import date

    from playbook.content import content
    from playbook.export.build import build_document
    from playbook.export.html_writer import to_html
    from tests.maximal import maximal_plan

    document = build_document(maximal_plan("en", tasks=5), content(), "en", date(2026, 11, 23))
    path = tmp_path / "plan.html"
    path.write_text(to_html(document), encoding="utf-8")
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(path.as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") == 390
    phone.close()
    printer = browser.new_page()
    printer.goto(path.as_uri())
    (tmp_path / "plan.pdf").write_bytes(printer.pdf(format="A4"))
    printer.close()
    pages = subprocess.run(
        ["pdftotext", str(tmp_path / "plan.pdf"), "-"], capture_output=True, check=True, text=True
    ).stdout.split("\f")[:-1]
    assert len(pages) > 20
    # a page that holds only a heading (or a heading and a line) would be nearly empty
    assert [
        i for i, page in enumerate(pages) if len([ln for ln in page.splitlines() if ln]) < 4
    ] == []


def test_a_coffee_chain_plan_from_a_template_shows_coffee_examples(server, page):
    from playwright.sync_api import expect

    page.goto(f"{server}/")
    form = page.get_by_test_id("stForm").filter(has_text="创建计划并开始")
    form.get_by_label("团队名称").fill("会员运营组")
    form.get_by_label("社群名称").fill("咖啡熟客俱乐部")
    form.get_by_label("行业").click()
    page.get_by_role("option", name="快消品 / 食品饮料").click()
    expect(page.get_by_role("listbox")).to_have_count(0)  # the first list has closed
    # scrolled into view first: a list that opens while the page scrolls closes again
    templates = form.get_by_role("combobox", name="从模板开始（可选）")
    templates.scroll_into_view_if_needed()
    templates.click()
    page.get_by_role("option", name="消费品 / 零售 / 餐饮（连锁咖啡）").click()
    form.get_by_role("button", name="创建计划并开始").click()
    page.wait_for_url(re.compile(r".*/wizard\?.*plan=[A-Za-z0-9_-]{22}"))
    expect(page.get_by_text("这一步还留着模板里的示例文字", exact=False)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(page.get_by_text("把所有领过优惠券的人都拉进群", exact=False)).to_be_visible()
    box = page.get_by_role("textbox", name="一句话描述目标成员")
    expect(box).to_have_value(re.compile(r"^【示例，请改成你们的内容】门店附近的熟客"))
    page.goto(page.url.replace("/wizard", "/review"))
    expect(page.get_by_text("处答案仍是模板里的示例文字", exact=False)).to_be_visible(
        timeout=TIMEOUT_MS
    )
