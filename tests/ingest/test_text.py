"""Text and Markdown reader: encodings, NULs, form feeds, Markdown headings."""

from __future__ import annotations

import pytest

from docmine.errors import ReadError
from docmine.ingest import read_document


def _read(tmp_path, limits, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return read_document(p, name, limits)


def test_text_cp1252_file_decoded(tmp_path, limits):
    doc = _read(tmp_path, limits, "brief.txt", "De cliënt betaalt € 12,50 eigen bijdrage.\n".encode("cp1252"))
    assert doc.text == "De cliënt betaalt € 12,50 eigen bijdrage."
    assert doc.metadata["encoding"] == "cp1252"
    assert any("cp1252" in w for w in doc.warnings)


def test_text_utf8_with_bom_and_crlf(tmp_path, limits):
    doc = _read(tmp_path, limits, "bom.txt", "\ufeffArtikel 1 Begrippen\r\n1. De cliënt.\r\n".encode("utf-8"))
    assert doc.text == "Artikel 1 Begrippen\n1. De cliënt."
    assert doc.source_map.line(doc.text.index("1. De")) == 2


def test_text_latin1_and_mixed_encodings(tmp_path, limits):
    doc = _read(tmp_path, limits, "latin.txt", "Vóór 2015 gold de AWBZ; één cliënt.".encode("latin-1"))
    assert "Vóór 2015" in doc.text and "één cliënt" in doc.text
    mixed = "Cliënt ".encode("utf-8") + "cliënt €".encode("cp1252") + b"\x00\x00 AWBZ\x00 tekst\n"
    doc = _read(tmp_path, limits, "gemengd.txt", mixed)
    assert doc.text == "Cliënt cliënt € AWBZ tekst"


def test_text_utf16_with_bom(tmp_path, limits):
    doc = _read(tmp_path, limits, "utf16.txt", "Beschikking voor de cliënt".encode("utf-16"))
    assert doc.text == "Beschikking voor de cliënt"


def test_text_form_feed_splits_pages(tmp_path, limits):
    doc = _read(tmp_path, limits, "pagina.txt", "Eerste pagina tekst.\fTweede pagina tekst.\fDerde.".encode())
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.page_of(doc.text.index("Tweede")) == 2
    assert doc.page_of(doc.text.index("Derde")) == 3
    assert "\f" not in doc.text


def test_text_ocr_noise_repaired_and_mapped(tmp_path, limits):
    raw = "De cliént vraagt hu1p bij het huishouden.\nDe maatwerk-\nvoorziening volgt.\n"
    doc = _read(tmp_path, limits, "ocr.txt", raw.encode())
    assert doc.text == "De cliënt vraagt hulp bij het huishouden.\nDe maatwerkvoorziening volgt."
    i = doc.text.index("voorziening")
    assert raw[doc.source_map.to_original(i)] == "v"
    assert doc.source_map.line(i) == 3


def test_text_markdown_headings_become_blocks(tmp_path, limits):
    doc = _read(tmp_path, limits, "notitie.md", b"# Notitie toegang\n\n## Artikel 2 Aanvraag\n\nTekst.\n")
    assert doc.format == "md"
    assert doc.text.splitlines()[0] == "Notitie toegang"
    assert "Artikel 2 Aanvraag" in doc.text.splitlines()
    heads = [(doc.text[b.start:b.end], b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("Notitie toegang", 1), ("Artikel 2 Aanvraag", 2)]
    assert doc.title == "Notitie toegang"


@pytest.mark.parametrize("data", [b"", b"   \n\n  ", b"\x00\x00"])
def test_text_empty_file_gives_dm110(tmp_path, limits, data):
    with pytest.raises(ReadError) as e:
        _read(tmp_path, limits, "leeg.txt", data)
    assert e.value.code == "DM110" and "leeg" in e.value.message


def test_text_binary_content_gives_an_error(tmp_path, limits):
    with pytest.raises(ReadError) as e:
        _read(tmp_path, limits, "ruis.txt", bytes(range(1, 32)) * 50)
    assert e.value.code in ("DM109", "DM114")


def test_text_file_too_large_gives_dm103(tmp_path):
    from docmine.api import Limits

    p = tmp_path / "groot.txt"
    p.write_bytes(b"tekst " * 2000)
    with pytest.raises(ReadError) as e:
        read_document(p, "groot.txt", Limits(max_file_size=1000))
    assert e.value.code == "DM103"
