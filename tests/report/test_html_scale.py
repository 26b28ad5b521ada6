"""index.html of a large audit: the page holds the findings and only the first rows of the
documents table (the others are made when asked for or searched), only the product families
with findings, and side-by-side diffs that say how much is the same instead of repeating it."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from docmine.model import AuditResult, Clause, Document, Finding, Page, Rule, SourceMap
from docmine.report import write_reports
from docmine.report.html.data import MAX_DOC_ROWS
from docmine.report.html.diff import word_diff
from docmine.report.html.levels import MANY_FAMILIES

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium ontbreekt (CI installeert het)")

TERM = Rule(id="awbz-vervallen", type="term", severity="error", message="De AWBZ bestaat sinds 1 januari 2015 niet meer.",
            suggestion="Verwijs naar de Wlz of de Wmo 2015.", source="https://wetten.overheid.nl/BWBR0035362")
LEVELS = Rule(id="niveaus-omgedraaid", type="levels", severity="error", message="De niveaus staan in de verkeerde volgorde.",
              params={"check": "inverted"})
N_DOCS = MAX_DOC_ROWS + 40
N_FAMILIES = MANY_FAMILIES + 5


def _letter(i: int) -> Document:
    text = f"Informatiebrief {i}\n\nIn deze brief over de AWBZ leest u wat er voor u verandert in {2010 + i % 10}.\n"
    return Document(path=f"brieven/brief-{i:04d}.txt", format="txt", text=text, pages=[Page(1, 0, len(text))],
                    source_map=SourceMap.identity(text), type="other", title=f"Informatiebrief nummer {i}",
                    date=date(2020, 1, 1 + i % 28))


def _arrangement() -> Document:
    lines, clauses = [], []
    pos = 0
    for k in range(N_FAMILIES):
        for rank, level in enumerate(("laag", "midden", "hoog")):
            line = f"Productfamilie {k} {level}: de cliënt heeft {rank + 1} dagdelen begeleiding nodig.\n"
            clauses.append(Clause(id=f"arrangementen.txt#familie-{k}-{level}", kind="niveau", start=pos,
                                  end=pos + len(line), text=line.strip(), title=level,
                                  attrs={"family": f"Productfamilie {k}", "level": level, "rank": rank,
                                         "doelgroep": f"{rank + 1} dagdelen"}))
            lines.append(line)
            pos += len(line)
    text = "".join(lines)
    return Document(path="arrangementen.txt", format="txt", text=text, pages=[Page(1, 0, len(text))],
                    source_map=SourceMap.identity(text), type="arrangementsbeschrijving", title="Arrangementen",
                    clauses=clauses)


@pytest.fixture(scope="module")
def large_result() -> AuditResult:
    docs = [_letter(i) for i in range(N_DOCS)] + [_arrangement()]
    findings = []
    for d in docs[:-1]:
        s = d.text.index("AWBZ")
        findings.append(Finding(rule=TERM.id, type="term", severity="error", message=TERM.message, document=d.path,
                                start=s, end=s + 4, excerpt="AWBZ", suggestion=TERM.suggestion, line=3))
    arr = docs[-1]
    flagged = arr.clauses[3]  # family 1, level laag
    findings.append(Finding(rule=LEVELS.id, type="levels", severity="error", message=LEVELS.message, document=arr.path,
                            start=flagged.start, end=flagged.end, excerpt=flagged.text, clause=flagged.id,
                            related=[{"document": arr.path, "clause": arr.clauses[4].id, "excerpt": arr.clauses[4].text}]))
    return AuditResult(version="test", root="/tmp/groot", documents=docs, findings=findings, rules=[TERM, LEVELS])


@pytest.fixture(scope="module")
def large_report(tmp_path_factory, large_result) -> Path:
    out = tmp_path_factory.mktemp("groot")
    return write_reports(large_result, out / "rapport", ["html"])["html"]


def _data(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="docmine-data">(.*?)</script>', page, re.S).group(1))


def test_large_report_puts_the_first_document_rows_in_the_page_and_the_rest_in_the_data(large_report):
    page = large_report.read_text(encoding="utf-8")
    table = re.search(r'<table class="docs".*?</table>', page, re.S).group(0)
    assert table.count("<tr data-filter-item>") == MAX_DOC_ROWS
    assert f"Toon alle documenten (nog {N_DOCS + 1 - MAX_DOC_ROWS})" in page
    data = _data(page)
    assert len(data["moreDocuments"]) == N_DOCS + 1 - MAX_DOC_ROWS
    in_page = set(re.findall(r'<th scope="row" class="path">([^<]+)</th>', table))
    assert in_page.isdisjoint(r[0] for r in data["moreDocuments"])


def test_large_report_findings_say_once_what_their_rule_shares(large_report):
    data = _data(large_report.read_text(encoding="utf-8"))
    term = [f for f in data["findings"] if f["rule"] == TERM.id]
    assert len(term) == N_DOCS
    assert all("suggestion" not in f and "severity" not in f and "source" not in f for f in term)
    assert data["rules"][TERM.id]["suggestion"] == TERM.suggestion
    assert {data["texts"][f["message"]] for f in term} == {TERM.message}
    assert sorted(data["texts"][f["document"]] for f in term) == [f"brieven/brief-{i:04d}.txt" for i in range(N_DOCS)]


def test_large_report_shows_only_product_families_with_findings(large_report):
    page = large_report.read_text(encoding="utf-8")
    assert page.count('<details class="levels"') == 1
    assert f"1 van de {N_FAMILIES} productfamilies staan hier" in page
    assert "<strong>Productfamilie 1</strong>" in page and "<strong>Productfamilie 2</strong>" not in page


def test_side_by_side_diff_says_how_many_words_are_the_same():
    same = " ".join(f"zin{i}" for i in range(120))
    left, right = word_diff(f"{same} de AWBZ betaalt", f"{same} de Wlz betaalt", same_context=8)
    assert "<del>AWBZ</del>" in left and "<ins>Wlz</ins>" in right
    assert "[… 113 woorden gelijk …]" in left and "[… 113 woorden gelijk …]" in right
    assert "zin0 zin1 zin2 zin3" in left and "zin117 zin118 zin119 de <del>" in left and "zin50" not in left
    short_left, _ = word_diff("de AWBZ betaalt", "de Wlz betaalt", same_context=8)
    assert short_left == "de <del>AWBZ</del> betaalt"


def test_side_by_side_diff_marks_a_rewritten_sentence_as_one_run():
    left, right = word_diff("Het college beslist binnen acht weken.", "Het college neemt een besluit in zes weken.")
    assert left == "Het college <del>beslist binnen acht</del> weken."
    assert right == "Het college <ins>neemt een besluit in zes</ins> weken."


@needs_chromium
def test_large_report_search_finds_a_document_beyond_the_first_rows(browser, large_report):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(large_report.as_uri())
    page.wait_for_selector("#findings > li")
    # the findings come back whole: the rule's suggestion and source, the document's path
    first = page.inner_text("#findings > li:first-child")
    assert "Verwijs naar de Wlz of de Wmo 2015." in first and "Wettelijke grondslag" in first
    last = f"brieven/brief-{N_DOCS - 1:04d}.txt"
    page.fill("#docs-q", f"brief-{N_DOCS - 1:04d}")
    visible = page.eval_on_selector_all("table.docs tbody tr", "rs => rs.filter(r => !r.hidden).map(r => r.querySelector('th').textContent)")
    assert visible == [last]
    assert page.is_hidden("#docs-more")
    page.locator("table.docs tbody tr:not([hidden]) a.doc-filter").click()
    assert page.input_value("#f-document") == last
    assert page.inner_text("#result-count").startswith("1 van")
    assert not errors


@pytest.fixture(scope="module")
def many_groups_report(tmp_path_factory) -> Path:
    """60 pairs of werkinstructies filed twice: 60 duplicate groups."""
    rule = Rule(id="dubbel-document", type="duplicate", severity="warning", message="Dit document staat 2 keer in de verzameling.")
    docs, findings = [], []
    for k in range(60):
        text = f"Werkinstructie {k}\n\nStap 1. De consulent plant gesprek nummer {k} binnen twee weken.\n"
        pair = []
        for name in (f"team-a/instructie-{k:02d}.txt", f"team-b/kopie-{k:02d}.txt"):
            pair.append(Document(path=name, format="txt", text=text, pages=[Page(1, 0, len(text))],
                                 source_map=SourceMap.identity(text), type="werkinstructie", title=f"Werkinstructie {k}"))
        docs += pair
        findings.append(Finding(rule=rule.id, type="duplicate", severity="warning", message=rule.message,
                                document=pair[0].path, start=0, end=len(text), excerpt=text,
                                related=[{"document": pair[1].path, "clause": None, "excerpt": text}]))
    result = AuditResult(version="test", root="/tmp/groepen", documents=docs, findings=findings, rules=[rule])
    return write_reports(result, tmp_path_factory.mktemp("groepen") / "rapport", ["html"])["html"]


@needs_chromium
def test_long_list_of_duplicate_groups_shows_a_page_then_all(browser, many_groups_report):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(many_groups_report.as_uri())
    page.wait_for_selector("#findings > li")
    visible = "ds => ds.filter(d => !d.hidden).length"
    assert page.eval_on_selector_all("details.dup-group", visible) == 50
    assert page.inner_text("#dubbel-groepen + p button") == "Toon alle 60 (nog 10)"
    page.fill("#dubbel-groepen-q", "kopie-57")  # a search looks past the first page
    assert page.eval_on_selector_all("details.dup-group:not([hidden])", "ds => ds.map(d => d.id)") == ["dupgroep-57"]
    page.fill("#dubbel-groepen-q", "")
    assert page.eval_on_selector_all("details.dup-group", visible) == 50
    # a finding's link to its texts side by side opens a group past the first page
    page.select_option("#f-document", "team-a/instructie-55.txt")
    page.locator("#findings > li:first-child a[href^='#dup-']").click()
    assert page.locator("details#dupgroep-55").evaluate("d => d.open && !d.hidden")
    page.locator("#dubbel-groepen + p button").click()
    assert page.eval_on_selector_all("details.dup-group", visible) == 60
    assert not errors
