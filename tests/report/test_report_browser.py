"""The HTML report in Chromium, as a policy officer opens it: errors first in the list and in
the Ernst dropdown, filters in the address bar with Dutch (and English) values, what is open
and closed on load, the highlighted text in view in its box, a rule's explanation by its link."""

from __future__ import annotations

from pathlib import Path

import pytest

from docmine.report import write_reports

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync"]
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium ontbreekt (CI installeert het)")

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
RANK = {"error": 0, "warning": 1, "info": 2}


@pytest.fixture(scope="module")
def corpus_audit():
    from docmine.api import Options, audit

    return audit([CORPUS], Options(jobs=1))


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory, corpus_audit) -> Path:
    out = tmp_path_factory.mktemp("rapport")
    return write_reports(corpus_audit, out / "docmine-report", ["html"], audited=[CORPUS])["html"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


def _open(browser, index: Path, hash_: str = "", width: int = 1400):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(index.as_uri() + hash_)
    page.wait_for_selector("#findings > li")
    page.errors = errors  # type: ignore[attr-defined]
    return page


@needs_chromium
def test_report_lists_errors_first_then_warnings_then_info(browser, corpus_report, corpus_audit):
    page = _open(browser, corpus_report)
    sevs = page.eval_on_selector_all("#findings > li", "els => els.map(e => e.className.match(/sev-(\\w+)/)[1])")
    assert sevs[0] == "error" and "info" in sevs or len(sevs) == 100
    assert [RANK[s] for s in sevs] == sorted(RANK[s] for s in sevs)
    assert page.inner_text("#findings > li:first-child .badge") == "FOUT"
    options = page.eval_on_selector_all("#f-severity option", "os => os.map(o => o.value)")
    assert options == ["", "error", "warning", "info"]
    labels = page.eval_on_selector_all("#f-severity option", "os => os.map(o => o.textContent)")
    n = corpus_audit.counts()  # 19, 50, 5 (45 and 4 where OCR cannot read the scan)
    assert labels[1].startswith(f"fout ({n['error']})") and labels[2].startswith(f"waarschuwing ({n['warning']})")
    assert labels[3].startswith(f"info ({n['info']})")
    assert not page.errors


@needs_chromium
@pytest.mark.parametrize("hash_, severity", [("#filter?ernst=fout", "error"), ("#filter?severity=fout", "error"),
                                             ("#filter?ernst=waarschuwing", "warning"), ("#filter?severity=warning", "warning"),
                                             ("#filter?ernst=info", "info")])
def test_report_filter_in_the_address_bar_takes_dutch_and_english_values(browser, corpus_report, corpus_audit, hash_,
                                                                         severity):
    page = _open(browser, corpus_report, hash_)
    n = corpus_audit.counts()[severity]
    assert page.get_attribute("#result-count", "data-count") == str(n)
    assert page.input_value("#f-severity") == severity
    assert page.locator(f"#findings > li.sev-{severity}").count() == min(n, 100) == page.locator("#findings > li").count()


@needs_chromium
def test_report_filter_on_type_and_rule_in_dutch_and_the_address_it_writes(browser, corpus_report):
    page = _open(browser, corpus_report, "#filter?soort=verouderde%20term&ernst=fout")
    assert page.input_value("#f-type") == "term" and page.input_value("#f-severity") == "error"
    n = int(page.get_attribute("#result-count", "data-count"))
    assert 0 < n < 19
    page.select_option("#f-rule", "awbz-vervallen")
    assert page.evaluate("location.hash") == "#filter?ernst=fout&soort=term&controle=awbz-vervallen"
    assert page.get_attribute("#result-count", "data-count") == "5"


@needs_chromium
@pytest.mark.parametrize("width", [800, 1400])
def test_report_what_is_open_and_closed_on_load(browser, corpus_report, width):
    page = _open(browser, corpus_report, width=width)
    # the findings come first, right under the counts
    order = page.eval_on_selector_all("main > section", "ss => ss.map(s => s.id)")
    assert order[0] == "bevindingen"
    assert page.locator("#findings > li").first.is_visible()
    # closed: the documents table, every level table, the graph and its list, the duplicate groups, the rules
    for sel in ("details#documenten", "details.levels", "details#graaf", "details#verwijzingen-lijst-blok",
                "details.dup-group", "details.rule-doc"):
        opened = page.eval_on_selector_all(sel, "ds => ds.map(d => d.open)")
        assert opened and not any(opened), sel
    assert not page.locator("table.docs").is_visible() and not page.locator("svg.graph").is_visible()
    assert page.locator("details.levels").count() == 11
    assert not page.errors


@needs_chromium
def test_report_section_filters_and_a_rule_link(browser, corpus_report):
    page = _open(browser, corpus_report)
    page.fill("#niveau-families-q", "begeleiding")
    visible = page.eval_on_selector_all("details.levels", "ds => ds.filter(d => !d.hidden).map(d => d.querySelector('summary strong').textContent)")
    assert sorted(visible) == ["Begeleiding Groep", "Begeleiding Individueel"]
    page.fill("#niveau-families-q", "")
    page.check("#niveau-families-flagged")
    assert page.eval_on_selector_all("details.levels", "ds => ds.filter(d => !d.hidden).length") == 4
    page.fill("#docs-q", "beschikking-2022")
    assert page.locator("details#documenten").evaluate("d => d.open")  # typing opens the table
    assert page.eval_on_selector_all("table.docs tbody tr", "rs => rs.filter(r => !r.hidden).length") == 1
    # a finding's rule links to the rule's explanation, which opens
    page.locator("#findings > li:first-child .meta a[href^='#controle-']").click()
    page.wait_for_function("document.querySelector('details#controle-awbz-vervallen').open")
    assert "Wat is er mis:" in page.inner_text("details#controle-awbz-vervallen")


@needs_chromium
def test_report_highlight_is_in_view_inside_its_context_box(browser, corpus_report):
    page = _open(browser, corpus_report)
    boxes = page.eval_on_selector_all("blockquote.clause.has-mark", """bqs => bqs.map(bq => {
        const m = bq.querySelector('mark'), b = bq.getBoundingClientRect(), r = m.getBoundingClientRect();
        return {scrolls: bq.scrollHeight > bq.clientHeight, inside: r.top >= b.top - 1 && r.top < b.bottom};
    })""")
    scrolling = [b for b in boxes if b["scrolls"]]
    assert scrolling, "geen contextvak dat scrolt in het rapport van corpus/"
    assert all(b["inside"] for b in boxes)
