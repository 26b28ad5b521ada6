"""A large audit's HTML report is an index plus a page per folder (municipality); a small one keeps
its single page. Audits of real files in three folders, split with the setting
``folder-pages-above`` (docmine.toml) set to 0; the pages are opened in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as DocxDocument

from docmine.cli import main

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium ontbreekt (CI installeert het)")

OOSTDORP_VERORDENING = """Verordening maatschappelijke ondersteuning Oostdorp 2021

Artikel 3 Voorliggende voorzieningen
1. Het college verstrekt geen maatwerkvoorziening als de cliënt aanspraak heeft op AWBZ-zorg.
2. Een algemene voorziening gaat voor als die passend is.
"""
OOSTDORP_WERKINSTRUCTIE = """Werkinstructie keukentafelgesprek
Datum: 12 april 2022
Versie: 1.3
Redacteur: team Wmo Oostdorp

Stap 1. Vraag naar de gebruikelijke hulp van huisgenoten.
Stap 2. De consulent stelt daarna de indicatie vast en legt die vast in het dossier.
"""
WESTDORP_BELEIDSREGEL = ["Beleidsregels bijzondere bijstand Westdorp 2020",
                         "Artikel 2 Doelgroep",
                         "Inwoners met een uitkering op grond van de WWB kunnen bijzondere bijstand aanvragen.",
                         "Het college beslist binnen acht weken op de aanvraag."]
ALGEMEEN = """Nota sociaal domein 2023

De gemeenten werken samen aan ondersteuning dicht bij huis. De wijkteams kennen de inwoners.
Huishoudelijke verzorging wordt in de regio nog steeds als eerste ingezet.
"""


def _corpus(root: Path) -> Path:
    """Three folders of a region (one with a space in its name) and a note directly in it."""
    (root / "Gemeente Oostdorp").mkdir(parents=True)
    (root / "westdorp").mkdir()
    (root / "Gemeente Oostdorp" / "verordening-wmo-2021.txt").write_text(OOSTDORP_VERORDENING, encoding="utf-8")
    (root / "Gemeente Oostdorp" / "werkinstructie-gesprek.txt").write_text(OOSTDORP_WERKINSTRUCTIE, encoding="utf-8")
    doc = DocxDocument()
    for line in WESTDORP_BELEIDSREGEL:
        doc.add_paragraph(line)
    doc.save(str(root / "westdorp" / "beleidsregels-bijzondere-bijstand.docx"))
    (root / "nota-sociaal-domein.txt").write_text(ALGEMEEN, encoding="utf-8")
    return root


def _audit(folder: Path, out: Path, *extra: str):
    result = CliRunner().invoke(main, ["audit", str(folder), "-o", str(out), "-q", "--fail-on", "never", *extra])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> tuple[Path, Path]:
    """(audited folder, report folder) of an audit split per folder by the settings file."""
    base = tmp_path_factory.mktemp("regio")
    (base / "docmine.toml").write_text("folder-pages-above = 0\n", encoding="utf-8")
    folder = _corpus(base / "regio")
    out = base / "rapport"
    _audit(folder, out)
    return folder, out


def test_over_the_threshold_the_report_is_an_index_and_a_page_per_folder(region):
    _, out = region
    pages = sorted(p.name for p in (out / "mappen").iterdir())
    assert pages == ["Gemeente-Oostdorp.html", "hoofdmap.html", "westdorp.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="(mappen/[^"]+)"', index)
    assert sorted(links) == ["mappen/Gemeente-Oostdorp.html", "mappen/hoofdmap.html", "mappen/westdorp.html"]
    assert "docmine-data" not in index  # the findings are in the pages, not in the index
    assert 'id="controle-awbz-vervallen"' in index  # findings.sarif links each rule to its explanation here
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))  # the contract: every finding, as ever
    assert {f["document"].split("/")[0] for f in data["findings"]} >= {"Gemeente Oostdorp", "westdorp"}
    assert f'<span class="num" id="count-total">{len(data["findings"])}</span>' in index


def test_under_the_threshold_the_report_stays_one_page_and_old_folder_pages_go(region, tmp_path):
    folder, out = region
    again = tmp_path / "rapport"
    _audit(folder, again, "--folder-pages-above", "0")
    assert (again / "mappen" / "westdorp.html").is_file()
    _audit(folder, again, "--folder-pages-above", "3")  # 4 documents: still split
    assert (again / "mappen").is_dir()
    _audit(folder, again, "--folder-pages-above", "4")  # not more than 4: one page, the old pages removed
    assert not (again / "mappen").exists()
    page = (again / "index.html").read_text(encoding="utf-8")
    assert "docmine-data" in page and "Alle mappen" not in page


@needs_chromium
def test_index_links_open_each_folder_page_with_its_own_findings(browser, region):
    _, out = region
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: requests.append(req.url))
    page.goto((out / "index.html").as_uri())
    rows = page.locator("#mappen-tabel tbody tr")
    assert rows.count() == 3
    names = [rows.nth(k).locator("th a").inner_text() for k in range(3)]
    assert set(names) == {"Gemeente Oostdorp", "westdorp", "(de map zelf)"}
    seen = 0
    for name in names:
        page.goto((out / "index.html").as_uri())
        page.get_by_role("link", name=name, exact=True).click()
        page.wait_for_load_state("load")
        prefix = "" if name == "(de map zelf)" else name + "/"
        expected = [f for f in data["findings"] if (f["document"].startswith(prefix) if prefix else "/" not in f["document"])]
        assert expected, name  # every folder of this corpus has a finding
        page.wait_for_selector("#findings > li")
        assert page.locator("#findings > li").count() == len(expected)
        shown = page.locator("#findings > li .meta .path").all_inner_texts()
        assert len(shown) == len(expected) and all(text.startswith(prefix) and ("/" in text) == bool(prefix) for text in shown)
        seen += len(expected)
        page.get_by_role("link", name="← Alle mappen").click()
        page.wait_for_selector("#mappen-tabel")
    assert seen == len(data["findings"])
    # the search field above the table
    page.fill("#mappen-tabel-q", "westdorp")
    assert page.locator("#mappen-tabel tbody tr:not([hidden])").count() == 1
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    page.close()
