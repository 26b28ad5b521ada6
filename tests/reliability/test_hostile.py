"""Hostile and broken input, audited together with good documents.

For every bad file: the audit finishes, the good documents' findings are all there, the bad file
is listed under ``errors`` with a specific code and reason, and stderr holds no traceback.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

GOOD_WMO = (
    "Werkinstructie huishoudelijke hulp\n\n"
    "Datum: 12 maart 2024\nVersie: 1.0\nRedacteur: J. de Vries\n\n"
    "Voor persoonlijke verzorging is de AWBZ voorliggend. De consulent stelt de compensatieplicht vast.\n"
)


def _pdf_bytes(text: str, pages: int = 2, encrypt: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt, invariant=1)
    for n in range(pages):
        c.drawString(72, 760, f"{text} (pagina {n + 1})")
        c.showPage()
    c.save()
    return buf.getvalue()


def _scanned_pdf(pages: int = 3) -> bytes:
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (200, 280), 255)
    for x in range(20, 180):
        img.putpixel((x, 40), 0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(pages):
        c.drawImage(ImageReader(img), 50, 50, 400, 560)
        c.showPage()
    c.save()
    return buf.getvalue()


def _zip_bomb_docx() -> bytes:
    """A DOCX-shaped zip whose central directory declares a 4 GB document.xml."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>" * 10)
    data = bytearray(buf.getvalue())
    i = data.find(b"PK\x01\x02")
    while i != -1:
        struct.pack_into("<I", data, i + 24, 0xFFFFFFF0)  # uncompressed size in central directory
        i = data.find(b"PK\x01\x02", i + 4)
    return bytes(data)


XML_BOMB = """<?xml version="1.0"?>
<!DOCTYPE cvdr [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<cvdr><body><regeling><regeling-tekst><artikel><al>&f;</al></artikel></regeling-tekst></regeling></body></cvdr>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE cvdr [ <!ENTITY geheim SYSTEM "file:///etc/passwd"> ]>
<cvdr><body><regeling><regeling-tekst><artikel><al>&geheim;</al></artikel></regeling-tekst></regeling></body></cvdr>
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("gemeente")
    outside = tmp_path_factory.mktemp("buiten") / "geheim.txt"
    outside.write_text("Dit bestand staat buiten de map. AWBZ.", encoding="utf-8")
    d = root / "docs"
    (d / "a").mkdir(parents=True)
    (d / "b").mkdir()
    files = {
        "goed.txt": GOOD_WMO.encode("utf-8"),
        "leeg.txt": b"",
        "afgekapt.pdf": _pdf_bytes("Verordening maatschappelijke ondersteuning")[:700],
        "kapot.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40,
        "beveiligd.pdf": _pdf_bytes("Geheime beschikking AWBZ", encrypt="geheim"),
        "gescand.pdf": _scanned_pdf(3),
        "geen-zip.docx": bytes(range(256)) * 8,
        "zipbom.docx": _zip_bomb_docx(),
        "bom.xml": XML_BOMB.encode(),
        "xxe.xml": XXE.encode(),
        "cp1252.txt": "De cliënt betaalt € 12,50. De AWBZ-zorg is hier voorliggend.\n".encode("cp1252"),
        "gemengd.txt": "Cliënt ".encode("utf-8") + "cliënt €".encode("cp1252") + b"\x00\x00 AWBZ\x00 tekst\n",
        "met spatie en é.txt": "Naam met spatie en accent. De compensatieplicht geldt.\n".encode("utf-8"),
        "script.html": b"<html><head><title>Test</title><script>alert('x')</script></head><body>"
                       b"<h1>Notitie</h1><p>Tekst met &lt;script&gt;alert(1)&lt;/script&gt; en \x07\x1b[31m"
                       b" stuurtekens. De AWBZ is voorliggend.</p></body></html>",
        "a/notitie.txt": "Notitie A. De WWB geldt hier.\n".encode(),
        "b/notitie.txt": "Notitie B. Wet werk en bijstand.\n".encode(),
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    try:
        (d / "regel\neinde.txt").write_text("Bestand met een regeleinde in de naam. AWBZ.\n", encoding="utf-8")
    except OSError:
        pass
    big = d / "enorm.txt"
    line = ("De gemeente biedt ondersteuning bij het voeren van een huishouden aan inwoners die dat nodig hebben. " * 10)
    with big.open("w", encoding="utf-8") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    (d / "lus1.txt").symlink_to(d / "lus2.txt")
    (d / "lus2.txt").symlink_to(d / "lus1.txt")
    (d / "naar-buiten.txt").symlink_to(outside)
    before = {p: p.stat().st_mtime_ns for p in d.rglob("*") if p.is_file() and not p.is_symlink()}
    out = root / "rapport"
    proc = subprocess.run(
        [sys.executable, "-m", "docmine", "audit", str(d), "--output", str(out), "--format", "json,html,sarif,csv",
         "--timeout", "120"],
        capture_output=True, text=True, timeout=900,
    )
    report = json.loads((out / "findings.json").read_text(encoding="utf-8")) if (out / "findings.json").exists() else None
    return {"dir": d, "proc": proc, "report": report, "before": before, "out": out}


def _error(hostile, name):
    rep = hostile["report"]
    assert rep is not None, hostile["proc"].stderr
    hits = [e for e in rep["errors"] if e["document"] == name]
    assert hits, f"{name} not in errors: {[e['document'] for e in rep['errors']]}"
    return hits[0]


def test_hostile_audit_finishes_without_traceback(hostile):
    proc = hostile["proc"]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 2, "unreadable documents are input errors: exit code 2"
    assert hostile["report"] is not None


@pytest.mark.parametrize(
    "name, codes, words",
    [
        ("leeg.txt", {"DM110"}, ["leeg"]),
        ("afgekapt.pdf", {"DM112"}, []),
        ("kapot.pdf", {"DM112"}, []),
        ("beveiligd.pdf", {"DM111"}, ["wachtwoord"]),
        ("gescand.pdf", {"DM113"}, ["OCR", "3"]),
        ("geen-zip.docx", {"DM112", "DM114"}, []),
        ("zipbom.docx", {"DM106"}, []),
        ("bom.xml", {"DM107"}, []),
        ("xxe.xml", {"DM107"}, []),
        ("lus1.txt", {"DM104"}, []),
        ("naar-buiten.txt", {"DM104"}, ["buiten"]),
        ("enorm.txt", {"DM117"}, ["miljoen tekens"]),  # 50 MB of text: past --max-text (20 million)
    ],
)
def test_hostile_bad_file_listed_with_specific_reason(hostile, name, codes, words):
    err = _error(hostile, name)
    assert err["code"] in codes, err
    assert err["code"] != "DM120", err
    for w in words:
        assert w.lower() in err["message"].lower(), err


def test_hostile_good_documents_still_audited(hostile):
    rep = hostile["report"]
    by_doc = {}
    for f in rep["findings"]:
        by_doc.setdefault(f["document"], []).append(f)
    for name in ["goed.txt", "cp1252.txt", "gemengd.txt", "met spatie en é.txt", "script.html", "a/notitie.txt", "b/notitie.txt"]:
        assert name in by_doc, f"no findings for {name}; documents: {sorted(by_doc)}"
    assert {d["path"] for d in rep["documents"]} >= {"a/notitie.txt", "b/notitie.txt"}


def test_hostile_decodes_cp1252_and_strips_nul(hostile):
    from docmine.api import extract

    doc = extract(hostile["dir"] / "cp1252.txt", root=hostile["dir"])
    assert "cliënt" in doc.text and "€ 12,50" in doc.text
    doc = extract(hostile["dir"] / "gemengd.txt", root=hostile["dir"])
    assert "\x00" not in doc.text and "AWBZ" in doc.text


def test_hostile_xxe_never_reads_the_external_file(hostile):
    rep = hostile["report"]
    assert "root:" not in json.dumps(rep)


def test_hostile_report_escapes_script(hostile):
    html = (hostile["out"] / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in html
    assert "alert(1)" in html or "alert(1)" in html.replace("&#x27;", "'")


def test_hostile_user_files_not_modified(hostile):
    for p, mtime in hostile["before"].items():
        assert p.stat().st_mtime_ns == mtime, f"{p} was modified"
    assert not any(p.name.startswith("findings") for p in hostile["dir"].rglob("*"))


def test_hostile_refuses_report_into_audited_documents(hostile, tmp_path):
    target = hostile["dir"] / "a"
    proc = subprocess.run([sys.executable, "-m", "docmine", "audit", str(hostile["dir"] / "a"), "--output", str(target),
                           "--format", "json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert not (target / "findings.json").exists()


def test_hostile_rule_pack_cannot_read_outside_its_folder(tmp_path):
    """A rule example naming a file outside the pack is refused, not read."""
    from docmine.errors import RuleFileError
    from docmine.rules.testing import documents_from_example

    secret = tmp_path / "geheim.txt"
    secret.write_text("AWBZ geheim", encoding="utf-8")
    pack = tmp_path / "regels"
    pack.mkdir()
    for name in [str(secret), "../geheim.txt"]:
        with pytest.raises(RuleFileError, match="buiten de map"):
            documents_from_example({"file": name}, str(pack))
    (pack / "voorbeeld.txt").write_text("De AWBZ is voorliggend.", encoding="utf-8")
    assert "AWBZ" in documents_from_example({"file": "voorbeeld.txt"}, str(pack))[0].text


def test_hostile_refused_output_folder_gets_no_cache_either(tmp_path):
    docs = tmp_path / "beleid"
    docs.mkdir()
    (docs / "notitie.txt").write_text("De AWBZ is voorliggend.\n", encoding="utf-8")
    before = sorted(p.name for p in docs.rglob("*"))
    proc = subprocess.run([sys.executable, "-m", "docmine", "audit", str(docs), "--output", str(docs)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert sorted(p.name for p in docs.rglob("*")) == before
