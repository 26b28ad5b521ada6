"""HTML reader: headings, paragraphs, lists, tables, title; script/style/nav dropped."""

from __future__ import annotations

import pytest

from docmine.errors import ReadError
from docmine.ingest import read_document

PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Beleidsregels Wmo 2021</title>
<meta name="author" content="Gemeente Testdorp">
<style>p { color: red }</style><script>var AWBZ = 1;</script></head>
<body><nav><a href="/">Home</a> | <a href="/wmo">Wmo</a></nav>
<h1>Beleidsregels Wmo 2021</h1>
<h2>Artikel 1 Begripsbepalingen</h2>
<p>In deze beleidsregels wordt verstaan onder:<br>cliënt: de inwoner.</p>
<ol><li>Het college beslist binnen <b>acht</b> weken.</li><li>De termijn kan worden verlengd.</li></ol>
<ol type="a"><li>eerste onderdeel;</li><li>tweede onderdeel.</li></ol>
<table><tr><th>Niveau</th><th>Tarief</th></tr><tr><td>Laag</td><td>&euro; 55,00</td></tr></table>
<p>Slot &amp; ondertekening.</p>
</body></html>"""


@pytest.fixture()
def doc(tmp_path, limits):
    p = tmp_path / "beleidsregels.html"
    p.write_text(PAGE, encoding="utf-8")
    return read_document(p, "beleidsregels.html", limits)


def test_html_text_lines_and_title(doc):
    lines = doc.text.splitlines()
    assert doc.title == "Beleidsregels Wmo 2021"
    assert doc.metadata["author"] == "Gemeente Testdorp"
    assert "Artikel 1 Begripsbepalingen" in lines
    assert "cliënt: de inwoner." in lines
    assert "1. Het college beslist binnen acht weken." in lines
    assert "2. De termijn kan worden verlengd." in lines
    assert "a. eerste onderdeel;" in lines and "b. tweede onderdeel." in lines
    assert "Slot & ondertekening." in lines


def test_html_drops_script_style_nav(doc):
    assert "var AWBZ" not in doc.text
    assert "color" not in doc.text
    assert "Home" not in doc.text


def test_html_headings_and_tables(doc):
    heads = [(doc.text[b.start:b.end], b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("Beleidsregels Wmo 2021", 1), ("Artikel 1 Begripsbepalingen", 2)]
    assert doc.tables[0].rows == [["Niveau", "Tarief"], ["Laag", "€ 55,00"]]
    t = doc.tables[0]
    assert doc.text[t.start:t.end] == "Niveau | Tarief\nLaag | € 55,00"


def test_html_control_characters_and_escaped_markup(tmp_path, limits):
    p = tmp_path / "script.html"
    p.write_bytes(b"<html><head><title>Test</title><script>alert('x')</script></head><body>"
                  b"<h1>Notitie</h1><p>Tekst met &lt;script&gt;alert(1)&lt;/script&gt; en \x07\x1b[31m"
                  b" stuurtekens.</p></body></html>")
    doc = read_document(p, "script.html", limits)
    assert "alert('x')" not in doc.text
    assert "<script>alert(1)</script>" in doc.text
    assert "\x07" not in doc.text and "\x1b" not in doc.text


def test_html_empty_gives_dm110(tmp_path, limits):
    p = tmp_path / "leeg.html"
    p.write_text("<html><body><script>x()</script></body></html>")
    with pytest.raises(ReadError) as e:
        read_document(p, "leeg.html", limits)
    assert e.value.code == "DM110"
