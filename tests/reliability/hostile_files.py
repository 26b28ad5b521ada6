"""Hostile files for the second round of hostile-input tests (issue 15), each made by the test
from the description of the attack that found it."""

from __future__ import annotations

import io
import os
import pickle
import sqlite3
import struct
import zipfile
import zlib
from pathlib import Path

GOOD = (
    "Werkinstructie huishoudelijke hulp\n\n"
    "Datum: 12 maart 2024\nVersie: 1.0\nRedacteur: J. de Vries\n\n"
    "Voor persoonlijke verzorging is de AWBZ voorliggend. De consulent stelt de compensatieplicht vast.\n"
    "Wie geïndiceerd is, krijgt een beschikking.\n"
)

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="word/document.xml"/></Relationships>')
_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
_PARA = "<w:p><w:r><w:t>De AWBZ is voorliggend voor deze cliënt.</w:t></w:r></w:p>"
_TAIL = "</w:body></w:document>"


def docx_with_xml(path: Path | io.BytesIO, xml_mb: int) -> None:
    """A valid DOCX whose word/document.xml unpacks to ``xml_mb`` MB (1.6 MB on disk for 450)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(_HEAD.encode())
            chunk = (_PARA * 20000).encode()
            for _ in range(xml_mb * 1024 * 1024 // len(chunk)):
                fh.write(chunk)
            fh.write(_TAIL.encode())


def docx_lying_about_size(path: Path, real_mb: int) -> None:
    """A DOCX whose zip directory says word/document.xml is 1,000 bytes; it unpacks to ``real_mb`` MB."""
    buf = io.BytesIO()
    docx_with_xml(buf, real_mb)
    data = bytearray(buf.getvalue())
    i = data.find(b"PK\x01\x02")
    while i != -1:
        name_len = struct.unpack_from("<H", data, i + 28)[0]
        if bytes(data[i + 46:i + 46 + name_len]) == b"word/document.xml":
            struct.pack_into("<I", data, i + 24, 1000)
        i = data.find(b"PK\x01\x02", i + 4)
    path.write_bytes(bytes(data))


def pdf_page_with_text(path: Path, chars: int) -> None:
    """A one-page PDF holding ``chars`` characters of table-like text (short lines of amounts)
    and a ruled line, so that a table analysis would look at it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    line = "Laag 2 uur € 55,00 Midden 4 uur € 60,50 AWBZ"
    t = c.beginText(2, 830)
    t.setFont("Helvetica", 0.5)
    for _ in range(chars // len(line) + 1):
        t.textLine(line)
    c.drawText(t)
    c.line(10, 10, 500, 10)
    c.rect(20, 20, 300, 300)
    c.showPage()
    c.save()


def many_matches(path: Path, matches: int) -> None:
    """A text file of 5 bytes per match of the outdated term AWBZ (2 million: 10 MB)."""
    path.write_bytes(b"AWBZ " * matches)


def yaml_alias_bomb(anchors: int = 9, width: int = 9) -> str:
    """A rule file in which each anchor refers to the previous one ``width`` times: a few
    hundred bytes standing for ``width ** anchors`` values."""
    names = [chr(ord("a") + i) for i in range(anchors)]
    lines = [f'{names[0]}: &{names[0]} [' + ", ".join(['"x"'] * width) + "]"]
    for prev, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * width) + "]")
    lines.append("rules: [" + ", ".join([f"*{names[-1]}"] * width) + "]")
    return "\n".join(lines) + "\n"


class _RunsCode:
    """Unpickling this runs ``touch MARKER``: what a crafted cache entry would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def crafted_pickle(marker: Path) -> bytes:
    return zlib.compress(pickle.dumps({"version": 2, "findings": _RunsCode(marker)}))


def overwrite_cache_rows(cache_file: Path, payload: bytes) -> int:
    """Put ``payload`` in every row of every payload table of a docmine cache; returns how many."""
    n = 0
    with sqlite3.connect(cache_file) as db:
        for table in ("entries", "corpus", "reports"):
            n += db.execute(f"UPDATE {table} SET payload=?", (sqlite3.Binary(payload),)).rowcount
    return n
