"""index.html: self-contained, every piece of document text escaped, and usable in a browser."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from docmine.report import write_reports
from docmine.report.html.diff import word_diff
from docmine.report.html.markup import embed_json

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync"]
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium ontbreekt (CI installeert het)")


def _html(result, tmp_path) -> str:
    return write_reports(result, tmp_path / "out", ["html"])["html"].read_text(encoding="utf-8")


def test_html_escapes_document_text(audit_result, tmp_path):
    page = _html(audit_result, tmp_path)
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts == ['<script type="application/json" id="docmine-data">', "<script>"]
    assert "alert(" not in re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S).split("<script>\n")[0] \
        .replace("&lt;script&gt;alert(3)&lt;/script&gt;", "").replace("&lt;script&gt;alert(1)&lt;/script&gt;", "")
    assert "Raadsinformatiebrief &lt;b&gt;vet&lt;/b&gt; &lt;script&gt;alert(3)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "</textarea>" not in page
    data = re.search(r'<script type="application/json" id="docmine-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and ">" not in data and "&" not in data.replace("\\u0026", "")
    parsed = json.loads(data)
    assert any("<script>alert(1)</script>" in "".join(f["ctx"]) for f in parsed["findings"])
    assert all(r["source"] is None or r["source"].startswith("https://") for r in parsed["rules"].values())


def test_html_is_self_contained(audit_result, tmp_path):
    page = _html(audit_result, tmp_path)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""))
    assert "@import" not in page and "url(http" not in page
    assert "default-src 'none'" in page


def test_html_embed_json_round_trips_hostile_text():
    text = embed_json({"t": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"t": "</script><script>alert(1)</script> & <!--"}


def test_html_word_diff_marks_changed_words_and_escapes():
    left, right = word_diff("de AWBZ <b>geldt</b> nu", "de Wlz <b>geldt</b> nu")
    assert left == "de <del>AWBZ</del> &lt;b&gt;geldt&lt;/b&gt; nu"
    assert right == "de <ins>Wlz</ins> &lt;b&gt;geldt&lt;/b&gt; nu"


def test_html_word_diff_whitespace_runs_as_strip_decides():
    """A single changed token is marked unless it is whitespace (decided on its key " "): the same
    marks as deciding with ``token.strip()``, on random texts of words, spaces, line breaks and tabs."""
    import random

    from rapidfuzz.distance import Indel

    from docmine.report.html.diff import _keys, _tokens
    from docmine.report.html.markup import e

    def reference(a, b):
        ta, tb = _tokens(e(a)), _tokens(e(b))
        left, right = ta[:], tb[:]
        for op, i1, i2, j1, j2 in Indel.opcodes(_keys(ta), _keys(tb)).as_list():
            if op == "delete" and (i2 - i1 > 1 or ta[i1].strip()):
                left[i1] = "<del>" + left[i1]
                left[i2 - 1] += "</del>"
            elif op == "insert" and (j2 - j1 > 1 or tb[j1].strip()):
                right[j1] = "<ins>" + right[j1]
                right[j2 - 1] += "</ins>"
        # runs with one whitespace token between them are one run
        merged = [re.sub(r"</del>(\s+)<del>", r"\1", "".join(left)), re.sub(r"</ins>(\s+)<ins>", r"\1", "".join(right))]
        return merged[0], merged[1]

    rnd = random.Random(8)
    pieces = ["de", "Wlz", "AWBZ", "<b>", " ", "  ", "\n", "\n\n", "\t", "\xa0", "é"]
    for _ in range(500):
        a = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(12)))
        b = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(12)))
        assert word_diff(a, b) == reference(a, b), (a, b)


def test_html_rule_errors_listed_apart_from_unreadable_documents(audit_result, tmp_path):
    from docmine.model import DocumentError

    audit_result.errors.append(DocumentError(
        "rules/werkinstructies.yml", "DM201",
        "rules/werkinstructies.yml:12: regel 'lange-zin' stopte na de tijdslimiet bij werkinstructies/a.txt",
        "vereenvoudig het patroon of verhoog 'timeout'"))
    page = _html(audit_result, tmp_path)
    unread = re.search(r'<section id="niet-gelezen".*?</section>', page, re.S).group(0)
    rules = re.search(r'<section id="controlefouten".*?</section>', page, re.S).group(0)
    assert "Niet gelezen (1)" in unread and "overig/kapot.pdf" in unread and "DM201" not in unread
    assert "Controlefouten (1)" in rules and "rules/werkinstructies.yml" in rules and "DM201" in rules
    assert 'id="count-unreadable">1<' in page and 'id="count-rule-errors">1<' in page


def test_html_no_rule_error_section_without_rule_errors(audit_result, tmp_path):
    page = _html(audit_result, tmp_path)
    assert 'id="controlefouten"' not in page and "count-rule-errors" not in page


def test_html_level_table_marks_flagged_cells(audit_result, tmp_path):
    page = _html(audit_result, tmp_path)
    table = re.search(r'<table class="level-table">.*?</table>', page, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert [re.sub("<.*?>", "", r).split("(")[0].strip()[:6] for r in rows] == ["laag", "midden", "hoog"]
    assert 'class="flag"' in rows[0] and 'class="flag"' in rows[1] and 'class="flag"' not in rows[2]
    assert "2 dagdelen per week" in rows[0] and "€ 58,00 per dagdeel" in rows[2]


# ------------------------------------------------------------------ browser

def check_report(index: Path, expected: dict) -> dict:
    """Open the report in Chromium from file://, check counts, filters, a duplicate pair and a
    level table; fail on any console error and on any request that is not a local file."""
    from playwright.sync_api import expect, sync_playwright

    network: list[str] = []
    problems: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            ctx = browser.new_context()

            def route(r):
                if r.request.url.startswith(("file:", "data:", "about:")):
                    r.continue_()
                else:
                    network.append(r.request.url)
                    r.abort()

            ctx.route("**/*", route)
            page = ctx.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else network.append(r.url))
            page.goto(index.as_uri())
            page.wait_for_selector("#findings")

            total = len(expected["findings"])
            assert page.inner_text("#count-total") == str(total)
            assert page.inner_text("#count-documents") == str(len(expected["documents"]))
            assert page.inner_text("#count-unreadable") == str(len(expected["errors"]))
            for sev in ("error", "warning", "info"):
                assert page.inner_text(f"#count-{sev}") == str(sum(f["severity"] == sev for f in expected["findings"]))
            assert page.get_attribute("#result-count", "data-count") == str(total)
            assert page.locator("#findings > li").count() == min(total, 100)

            # filter on the least frequent severity, then on a document: the list shrinks
            sevs = {f["severity"] for f in expected["findings"]}
            sev = min(sevs, key=lambda s: sum(f["severity"] == s for f in expected["findings"]))
            n_sev = sum(f["severity"] == sev for f in expected["findings"])
            page.select_option("#f-severity", sev)
            assert page.get_attribute("#result-count", "data-count") == str(n_sev)
            assert page.locator("#findings > li").count() == min(n_sev, 100)
            assert page.locator(f"#findings > li.sev-{sev}").count() == min(n_sev, 100)
            dutch = {"error": "fout", "warning": "waarschuwing", "info": "info"}[sev]
            assert f"ernst={dutch}" in page.evaluate("location.hash")
            page.reload()
            page.wait_for_selector("#findings")
            assert page.input_value("#f-severity") == sev and page.get_attribute("#result-count", "data-count") == str(n_sev)
            page.click("#f-reset")
            rules = [f["rule"] for f in expected["findings"]]
            word = min(set(rules), key=rules.count)
            page.fill("#f-q", word)
            if rules.count(word) < total:
                expect(page.locator("#result-count")).not_to_have_attribute("data-count", str(total))
            assert rules.count(word) <= int(page.get_attribute("#result-count", "data-count")) <= total
            assert f"zoek={word}" in page.evaluate("location.hash")
            page.click("#f-reset")
            assert page.get_attribute("#result-count", "data-count") == str(total)

            # keyboard: the filter controls are reachable with Tab
            page.focus("#f-severity")
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.id") == "f-type"

            # a group of duplicates, closed until opened, its pairs side by side with the differences marked
            dup = page.locator("details.dup-group").first
            assert dup.count() == 1, "geen groep dubbele documenten in het rapport"
            assert not dup.evaluate("d => d.open")
            dup.locator("summary").click()
            assert dup.evaluate("d => d.open")
            assert dup.locator("section.dup .side-by-side section").count() >= 2
            assert dup.locator(".side-by-side").first.is_visible()
            assert dup.locator("del, ins").count() >= 1

            # a level table: closed on load, opened by the reader
            lv = page.locator("details.levels").first
            assert lv.count() == 1, "geen niveautabel in het rapport"
            assert not lv.evaluate("d => d.open")
            lv.locator("summary").click()
            assert lv.locator("table.level-table").is_visible()
            assert lv.locator("tbody tr").count() >= 2
            info = {"flagged": page.locator("td.flag, th.flag").count(),
                    "text": page.inner_text("#bevindingen")}
        finally:
            browser.close()
    assert not network, f"het rapport laadt iets van het netwerk: {network}"
    assert not problems, f"fouten in de console: {problems}"
    assert not dialogs, f"het rapport voerde code uit een document uit: {dialogs}"
    return info


@needs_chromium
def test_html_in_browser_hostile_text_stays_text(audit_result, tmp_path):
    written = write_reports(audit_result, tmp_path / "out", ["html", "json"])
    expected = json.loads(written["json"].read_text(encoding="utf-8"))
    info = check_report(written["html"], expected)
    assert "<script>alert(1)</script>" in info["text"]
    assert "De AWBZ <script>alert(5)</script> bestaat niet meer." in info["text"]
    assert info["flagged"] >= 2


@needs_chromium
def test_html_in_browser_fails_when_report_loads_from_network(audit_result, tmp_path):
    written = write_reports(audit_result, tmp_path / "out", ["html", "json"])
    expected = json.loads(written["json"].read_text(encoding="utf-8"))
    bad = tmp_path / "bad"
    bad.mkdir()
    page = written["html"].read_text(encoding="utf-8")
    for inject in ('<script src="https://cdn.example.org/chart.js"></script>',
                   '<link rel="stylesheet" href="http://cdn.example.org/style.css">'):
        (bad / "index.html").write_text(page.replace("</head>", inject + "</head>", 1), encoding="utf-8")
        with pytest.raises(AssertionError, match="netwerk|console"):
            check_report(bad / "index.html", expected)
    shutil.rmtree(bad)


CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@needs_chromium
@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus/ ontbreekt")
def test_html_in_browser_report_of_corpus(tmp_path):
    from docmine.api import Options, audit

    result = audit([CORPUS], Options(jobs=1))
    written = write_reports(result, tmp_path / "docmine-report", ["html", "json"], audited=[CORPUS])
    expected = json.loads(written["json"].read_text(encoding="utf-8"))
    assert expected["findings"], "geen bevindingen in corpus/: zijn de regelpakketten geladen?"
    check_report(written["html"], expected)


def test_html_level_table_marks_only_the_cells_a_finding_is_about(tmp_path):
    """Begeleiding Individueel in the corpus PDF: hoog costs less than midden (tarief cells of
    both levels), and hoog is gated by a diagnosis (hoog's doelgroep only, not midden's)."""
    import docmine

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    result = docmine.audit([corpus / "arrangementen" / "arrangementsbeschrijving-wmo-2018.pdf"])
    html = _html(result, tmp_path)
    table = html[html.index("Niveaus van Begeleiding Individueel"):]
    table = table[:table.index("</table>")]
    rows = {m.group(1): m.group(0) for m in re.finditer(r"<tr><th[^>]*>(laag|midden|hoog)[^<]*</th>.*?</tr>", table)}
    cells = {lvl: re.findall(r"<td( class=\"flag\")?>", row) for lvl, row in rows.items()}
    # columns: doelgroep, omvang, tarief
    assert cells["laag"] == ["", "", ""]
    assert cells["midden"] == ["", "", ' class="flag"']
    assert cells["hoog"] == [' class="flag"', "", ' class="flag"']
    assert "€ 58,70 bij hoog tegen € 61,90 bij midden" in table
