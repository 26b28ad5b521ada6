"""PDF reader: PDFium text layer, footers dropped, hyphenation joined, tables via pdfplumber."""

from __future__ import annotations

import pytest

from docmine.errors import ReadError
from docmine.ingest import read_document
from docmine.ingest.pdf import extract_tables, looks_like_table

from ingest_files import make_pdf, pdf_bytes


@pytest.fixture(scope="module")
def doc(pdf_path, limits):
    return read_document(pdf_path, "verordening.pdf", limits)


def test_pdf_pages_and_page_of_known_phrases(doc):
    assert doc.format == "pdf"
    assert [p.number for p in doc.pages] == [1, 2, 3, 4]
    for phrase, page in [("Artikel 1 Begripsbepalingen", 1), ("Artikel 2 Toegang", 2),
                         ("Artikel 3 Niveaus", 3), ("Linkerkolom regel 1", 4)]:
        i = doc.text.index(phrase)
        assert doc.page_of(i) == page, phrase
        assert doc.source_map.page(i) == page, phrase


def test_pdf_running_header_and_footer_removed(doc):
    assert "Gemeente Testdorp" not in doc.text
    assert "pagina 1 van" not in doc.text
    assert "Verordening maatschappelijke ondersteuning Testdorp 2020" not in doc.text


def test_pdf_hyphenated_line_break_joined_real_hyphens_kept(doc):
    assert "een maatwerkvoorziening aan de cliënt" in doc.text
    assert "maatwerk-" not in doc.text
    assert "Wlz-indicatie" in doc.text
    assert "AWBZ-zorg" in doc.text


def test_pdf_table_rows_in_text_and_tables(doc):
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert t.page == 3
    assert t.rows[0] == ["Niveau", "Omvang", "Tarief"]
    assert ["Midden", "4 uur per week", "€ 60,50"] in t.rows
    assert doc.text[t.start:t.end].splitlines()[1] == "Laag | 2 uur per week | € 55,00"
    # the table replaced the plain text of its rows instead of being added twice
    assert doc.text.count("Midden") == 1
    assert doc.text.index("De niveaus van") < t.start < doc.text.index("Na de tabel volgt")


def test_pdf_two_column_page_reads_column_by_column(doc):
    lines = doc.text.splitlines()
    assert not [ln for ln in lines if "Linkerkolom" in ln and "Rechterkolom" in ln]
    assert doc.text.index("Linkerkolom regel 5") < doc.text.index("Rechterkolom regel 1")


def test_pdf_metadata(doc):
    assert doc.title == "Verordening maatschappelijke ondersteuning Testdorp 2020"
    assert doc.metadata["author"] == "Gemeente Testdorp"
    assert doc.metadata["pages"] == 4
    assert doc.sha256 and len(doc.sha256) == 64 and doc.size > 0


def test_pdf_source_map_points_into_the_raw_page_text(doc):
    # every normalised character maps to the same character in the extracted original
    raw_len = doc.source_map.original_length
    for phrase in ["Artikel 2 Toegang", "voorziening aan de", "Rechterkolom regel 3"]:
        i = doc.text.index(phrase)
        o = doc.source_map.to_original(i)
        assert 0 <= o < raw_len
        j = doc.source_map.to_original(i + len(phrase) - 1)
        assert j - o == len(phrase) - 1  # no edits inside these phrases: 1:1


def test_pdf_extract_tables_only_on_given_pages(pdf_path):
    assert extract_tables(pdf_path, [1, 2]) == []
    tables = extract_tables(pdf_path, [3])
    assert len(tables) == 1 and tables[0].rows[-1] == ["Hoog", "6 uur per week", "€ 64,25"]


def test_pdf_table_test_is_cheap_and_selective():
    assert looks_like_table("Laag 2 uur per week € 55,00\nMidden 4 uur per week € 60,50")
    assert not looks_like_table("Artikel 2 Toegang\n1. Het college verstrekt een voorziening.\n"
                                "Gemeente Testdorp — pagina 2 van 4")


def test_pdf_encrypted_gives_dm111(tmp_path, limits):
    p = tmp_path / "beveiligd.pdf"
    p.write_bytes(pdf_bytes(encrypt="geheim"))
    with pytest.raises(ReadError) as e:
        read_document(p, "beveiligd.pdf", limits)
    assert e.value.code == "DM111"
    assert "wachtwoord" in e.value.message
    assert e.value.hint and e.value.path == "beveiligd.pdf"


def test_pdf_truncated_gives_dm112(tmp_path, limits):
    p = tmp_path / "afgekapt.pdf"
    p.write_bytes(pdf_bytes()[:700])
    with pytest.raises(ReadError) as e:
        read_document(p, "afgekapt.pdf", limits)
    assert e.value.code == "DM112"
    assert "afgekapt.pdf" in str(e.value)


def test_pdf_without_text_layer_gives_dm113(tmp_path, limits):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p), pagesize=A4)
    for _ in range(3):
        c.rect(100, 100, 200, 300, fill=1)
        c.showPage()
    c.save()
    with pytest.raises(ReadError) as e:
        read_document(p, "scan.pdf", limits)
    assert e.value.code == "DM113"
    assert "OCR" in e.value.message and "3 pagina" in e.value.message


def test_pdf_too_many_pages_gives_dm105(pdf_path):
    from docmine.api import Limits

    with pytest.raises(ReadError) as e:
        read_document(pdf_path, "verordening.pdf", Limits(max_pages=2))
    assert e.value.code == "DM105"


def test_pdf_with_owner_password_only_is_read(tmp_path, limits):
    from reportlab.lib import pdfencrypt

    p = tmp_path / "alleen-eigenaar.pdf"
    enc = pdfencrypt.StandardEncryption("", ownerPassword="eigenaar", canPrint=1)
    make_pdf(p, pages=2, encrypt=enc)
    doc = read_document(p, "alleen-eigenaar.pdf", limits)
    assert "Artikel 2 Toegang" in doc.text


def test_pdf_table_like_page_without_lines_skips_pdfplumber_same_document(tmp_path, limits, monkeypatch):
    # a table-like page that draws no lines is not analysed by pdfplumber (it finds tables by
    # their ruling lines); the document is the same as when it is analysed
    import dataclasses

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    import docmine.ingest.pdf as pdfmod

    p = tmp_path / "tarieven.pdf"
    c = canvas.Canvas(str(p), pagesize=A4)
    rows = [("Niveau", "Omvang", "Tarief"), ("Laag", "2 uur", "€ 55,00"), ("Midden", "4 uur", "€ 60,50"), ("Hoog", "6 uur", "€ 70,25")]
    for k, row in enumerate(rows):  # page 1: columns of numbers, no lines
        for j, cell in enumerate(row):
            c.drawString(72 + 150 * j, 700 - 20 * k, cell)
    c.showPage()
    for k, row in enumerate(rows):  # page 2: the same table with ruling lines
        for j, cell in enumerate(row):
            c.drawString(76 + 150 * j, 706 - 20 * k, cell)
    for k in range(len(rows) + 1):
        c.line(72, 720 - 20 * k, 522, 720 - 20 * k)
    for j in range(4):
        c.line(72 + 150 * j, 720, 72 + 150 * j, 720 - 20 * len(rows))
    c.showPage()
    c.save()

    seen = {}
    real = pdfmod._draws_nothing

    def record(page):
        seen[len(seen) + 1] = real(page)
        return seen[len(seen)]

    monkeypatch.setattr(pdfmod, "_draws_nothing", record)
    fast = read_document(p, "tarieven.pdf", limits)
    assert seen == {1: True, 2: False}
    assert [t.page for t in fast.tables] == [2]
    monkeypatch.setattr(pdfmod, "_draws_nothing", lambda page: False)
    slow = read_document(p, "tarieven.pdf", limits)
    assert dataclasses.asdict(fast) == dataclasses.asdict(slow)
