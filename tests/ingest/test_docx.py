"""DOCX reader: headings with levels, tables in reading order, core properties, zip checks."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from docmine.errors import ReadError
from docmine.ingest import read_document


@pytest.fixture(scope="module")
def doc(docx_path, limits):
    return read_document(docx_path, "werkinstructie.docx", limits)


def test_docx_headings_with_levels(doc):
    heads = [(doc.text[b.start:b.end], b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("Werkinstructie onbepaalde tijd beschikken", 0), ("Hoofdstuk 1 Doel", 1),
                     ("Artikel 1.1 Stappen", 2)]
    assert "Artikel 1.1 Stappen" in doc.text.splitlines()


def test_docx_table_in_reading_order(doc):
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert t.rows == [["Veld", "Waarde"], ["Versie", "1.2"], ["Redacteur", "J. de Vries"]]
    assert doc.text[t.start:t.end] == "Veld | Waarde\nVersie | 1.2\nRedacteur | J. de Vries"
    assert doc.text.index("hulpvraag vast") < t.start < doc.text.index("Na de tabel volgt")


def test_docx_core_properties(doc):
    assert doc.format == "docx"
    assert doc.title == "Werkinstructie onbepaalde tijd"
    assert doc.metadata["author"] == "Team Toegang"
    assert doc.metadata["created"].startswith("2021-03-04T10:00:00")
    assert doc.metadata["modified"].startswith("2022-05-06T11:30:00")


def test_docx_paragraphs_separated_by_blank_lines(doc):
    assert "Hoofdstuk 1 Doel\n\nDeze werkinstructie beschrijft hoe de consulent beschikt." in doc.text
    assert [p.number for p in doc.pages] == [1]


def test_docx_not_a_zip_gives_dm112(tmp_path, limits):
    p = tmp_path / "geen-zip.docx"
    p.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ReadError) as e:
        read_document(p, "geen-zip.docx", limits)
    assert e.value.code == "DM112"
    assert "DOCX" in e.value.message and e.value.hint


def test_docx_zip_bomb_gives_dm106(tmp_path, limits):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>" * 10)
    data = bytearray(buf.getvalue())
    i = data.find(b"PK\x01\x02")
    while i != -1:
        struct.pack_into("<I", data, i + 24, 0xFFFFFFF0)
        i = data.find(b"PK\x01\x02", i + 4)
    p = tmp_path / "bom.docx"
    p.write_bytes(bytes(data))
    with pytest.raises(ReadError) as e:
        read_document(p, "bom.docx", limits)
    assert e.value.code == "DM106"


def test_docx_zip_without_document_is_mislabelled(tmp_path, limits):
    p = tmp_path / "archief.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("leesmij.txt", "geen Word-document")
    with pytest.raises(ReadError) as e:
        read_document(p, "archief.docx", limits)
    assert e.value.code == "DM114"
