"""read_document(): content sniffing before the suffix, mislabelled files, limits, errors."""

from __future__ import annotations

import pytest
from ingest_files import DATA, pdf_bytes

from docmine.errors import ReadError
from docmine.ingest import read_document, sniff


def test_dispatch_sniffs_content():
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"PK\x03\x04rest") == "zip"
    assert sniff((DATA / "cvdr" / "cvdr_example3.xml").read_bytes()) == "cvdr"
    assert sniff(b"  <!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff("Artikel 1 Begrippen\n".encode()) == "text"
    assert sniff(b"") == "empty"


def test_dispatch_pdf_with_docx_suffix_is_read_as_pdf_with_warning(tmp_path, limits):
    p = tmp_path / "verordening.docx"
    p.write_bytes(pdf_bytes(pages=2))
    doc = read_document(p, "verordening.docx", limits)
    assert doc.format == "pdf"
    assert "Artikel 1 Begripsbepalingen" in doc.text
    assert any(".docx" in w and "PDF" in w for w in doc.warnings)


def test_dispatch_text_with_pdf_suffix_is_mislabelled(tmp_path, limits):
    p = tmp_path / "notitie.pdf"
    p.write_text("Dit is gewoon een tekstbestand over de Wmo.", encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read_document(p, "notitie.pdf", limits)
    assert e.value.code == "DM114"
    assert ".pdf" in e.value.message and "tekst" in e.value.message
    assert e.value.hint


def test_dispatch_cvdr_with_txt_suffix_is_read_as_cvdr(tmp_path, limits):
    p = tmp_path / "regeling.txt"
    p.write_bytes((DATA / "cvdr" / "cvdr_example2.xml").read_bytes())
    doc = read_document(p, "regeling.txt", limits)
    assert doc.format == "cvdr" and doc.metadata["identifier"] == "CVDR100394_2"
    assert doc.warnings


def test_dispatch_xml_that_is_not_cvdr(tmp_path, limits):
    p = tmp_path / "data.xml"
    p.write_text("<?xml version='1.0'?><rss><channel>x</channel></rss>")
    with pytest.raises(ReadError) as e:
        read_document(p, "data.xml", limits)
    assert e.value.code == "DM101"


def test_dispatch_missing_file_gives_dm100(tmp_path, limits):
    with pytest.raises(ReadError) as e:
        read_document(tmp_path / "weg.txt", "weg.txt", limits)
    assert e.value.code == "DM100"


def test_dispatch_fills_hash_and_size(tmp_path, limits):
    p = tmp_path / "a.txt"
    p.write_bytes(b"Tekst over de Jeugdwet.\n")
    doc = read_document(p, "a.txt", limits)
    import hashlib

    assert doc.sha256 == hashlib.sha256(b"Tekst over de Jeugdwet.\n").hexdigest()
    assert doc.size == 24 and doc.path == "a.txt"


def test_dispatch_error_message_names_the_file(tmp_path, limits):
    p = tmp_path / "leeg.pdf"
    p.write_bytes(b"")
    with pytest.raises(ReadError) as e:
        read_document(p, "map/leeg.pdf", limits)
    assert str(e.value).startswith("map/leeg.pdf: ")
    assert e.value.code == "DM110"


@pytest.mark.parametrize("name", ["geen-word-body.docx", "onbekende-codering.xml"])
def test_dispatch_fuzzed_inputs_give_a_read_error_not_a_crash(name, limits):
    # inputs the fuzz harness (fuzz/fuzz_docmine.py) once crashed the readers with
    with pytest.raises(ReadError) as e:
        read_document(DATA / "fuzz" / name, name, limits)
    assert e.value.code == "DM112"
