"""Scanned documents: pages without a text layer read by OCR (Tesseract, Dutch model).

The scans are made here: text drawn with Pillow in a real TrueType font, turned a little,
speckled, black-and-white, stored in a PDF without any text layer. Tests that need Tesseract
skip with the reason when it is not installed (CI installs it, so they run there).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools.scan_pdf import FONT_DIR, render_page, write_scan_pdf  # noqa: E402

import docmine  # noqa: E402
from docmine.api import Limits, Options  # noqa: E402
from docmine.errors import ReadError  # noqa: E402
from docmine.ingest import read_document  # noqa: E402
from docmine.ingest.ocr import status  # noqa: E402

_OCR = status()
needs_ocr = pytest.mark.skipif(not _OCR.available, reason=f"OCR niet beschikbaar: {_OCR.reason} "
                               "(pip install \"docmine[ocr]\"; apt-get install tesseract-ocr tesseract-ocr-nld)")
needs_fonts = pytest.mark.skipif(not (FONT_DIR / "DejaVuSerif.ttf").is_file(),
                                 reason="Debian fonts-dejavu-core ontbreekt (apt-get install fonts-dejavu-core)")

PAGE_1 = [
    "# Werkinstructie herbeoordeling hulp bij het huishouden",
    "Datum: 14 maart 2013",
    "",
    "# Doel",
    "Deze werkinstructie beschrijft hoe de consulent een lopende voorziening voor hulp bij het huishouden "
    "opnieuw beoordeelt en hoe de uitkomst wordt vastgelegd.",
    "",
    "# Stap 1 Voorbereiden",
    "Lees het dossier en de vorige beschikking. Plan een huisbezoek binnen twee weken na de melding.",
]
PAGE_2 = [
    "# Stap 2 Het gesprek",
    "Vraag de cliënt hoe het gaat en welke hulp de huisgenoten bieden. Een cliënt die eerder "
    "AWBZ-zorg ontving, wordt voor het aantal uren opnieuw geïndiceerd door de consulent.",
    "",
    "# Stap 3 Vastleggen",
    "Leg de uitkomst vast in het verslag en stuur dat binnen tien werkdagen naar de cliënt.",
]


@pytest.fixture(scope="module")
def scan_folder(tmp_path_factory) -> Path:
    if not (FONT_DIR / "DejaVuSerif.ttf").is_file():
        pytest.skip("Debian fonts-dejavu-core ontbreekt")
    d = tmp_path_factory.mktemp("scans")
    write_scan_pdf([PAGE_1, PAGE_2], d / "werkinstructie-herbeoordeling-2013.pdf", seed=7, angle=0.6, specks=600)
    return d


@pytest.fixture(scope="module")
def scan_audit(scan_folder):
    if not _OCR.available:
        pytest.skip(f"OCR niet beschikbaar: {_OCR.reason}")
    return docmine.audit([str(scan_folder)], Options(cache_dir=scan_folder / ".cache"))


def _on(result, rule: str) -> list:
    return [f for f in result.findings if f.rule == rule]


@needs_ocr
@needs_fonts
def test_ocr_scanned_werkinstructie_outdated_terms_found_on_page_2_marked_as_ocr(scan_audit) -> None:
    assert not scan_audit.errors, [e.to_dict() for e in scan_audit.errors]
    awbz = _on(scan_audit, "awbz-vervallen")
    assert awbz and all(f.page == 2 for f in awbz), [(f.excerpt, f.page) for f in awbz]
    assert any("AWBZ" in f.excerpt for f in awbz)
    indiceren = _on(scan_audit, "indiceren")
    assert [f.page for f in indiceren] == [2], [(f.excerpt, f.page) for f in indiceren]
    assert "ndiceerd" in indiceren[0].excerpt  # geïndiceerd, whatever OCR made of the diaeresis
    for f in awbz + indiceren:
        assert f.ocr is True
        assert isinstance(f.ocr_confidence, int) and 50 <= f.ocr_confidence <= 100


@needs_ocr
@needs_fonts
def test_ocr_scanned_werkinstructie_incomplete_header_found(scan_audit) -> None:
    doc = scan_audit.documents[0]
    assert doc.type == "werkinstructie", doc.type_evidence
    missing = _on(scan_audit, "werkinstructie-documentgegevens")
    said = " ".join(f.message for f in missing)
    assert "versienummer" in said and "redacteur" in said, said
    assert "datum" not in said.replace("redacteur", "")  # the date is there, OCR read it
    assert all(f.ocr and f.page == 1 for f in missing)


@needs_ocr
@needs_fonts
def test_ocr_pages_and_confidence_in_document_metadata(scan_audit) -> None:
    meta = scan_audit.documents[0].metadata
    assert [p["page"] for p in meta["ocr"]] == [1, 2]
    assert all(60 <= p["confidence"] <= 100 for p in meta["ocr"]), meta["ocr"]
    assert meta["ocr_engine"].startswith("Tesseract ")


@needs_ocr
@needs_fonts
def test_ocr_findings_json_and_terminal_say_scan(scan_folder, tmp_path) -> None:
    out = tmp_path / "rapport"
    proc = subprocess.run([sys.executable, "-m", "docmine", "audit", str(scan_folder), "-o", str(out), "--no-cache",
                           "--fail-on", "warning"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # warnings found (geïndiceerd, the header)
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    by_rule = {f["rule"]: f for f in data["findings"]}
    assert by_rule["awbz-vervallen"]["ocr"] is True and by_rule["awbz-vervallen"]["page"] == 2
    assert isinstance(by_rule["awbz-vervallen"]["ocr_confidence"], int)
    assert data["documents"][0]["metadata"]["ocr"][1]["page"] == 2
    assert "gescande tekst (OCR" in proc.stdout and "werkinstructie-herbeoordeling-2013.pdf" in proc.stdout
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "met OCR uit een scan" in html


@needs_ocr
@needs_fonts
def test_ocr_only_the_pages_without_text_layer_are_ocrd(tmp_path) -> None:
    """A PDF with a text page and a scanned page: the text page keeps its text layer and its
    findings are not marked as OCR; the scanned page is read by OCR."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    p = tmp_path / "gemengd.pdf"
    c = canvas.Canvas(str(p), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, "Beleidsregels hulp bij het huishouden 2014")
    c.drawString(72, 740, "De compensatieplicht van de gemeente geldt voor iedere inwoner.")
    c.showPage()
    c.drawImage(ImageReader(render_page(PAGE_2, seed=3, angle=-0.3, specks=200).convert("L")), 0, 0, *A4)
    c.showPage()
    c.save()
    result = docmine.audit([str(p)], Options(jobs=1))
    assert not result.errors, [e.to_dict() for e in result.errors]
    assert [x["page"] for x in result.documents[0].metadata["ocr"]] == [2]
    comp = _on(result, "compensatieplicht")
    assert comp and comp[0].page == 1 and comp[0].ocr is False and comp[0].ocr_confidence is None
    awbz = _on(result, "awbz-vervallen")
    assert awbz and awbz[0].page == 2 and awbz[0].ocr is True


@needs_ocr
@needs_fonts
def test_ocr_page_limit_reads_the_first_pages_and_says_which_were_left(tmp_path) -> None:
    p = tmp_path / "lang.pdf"
    write_scan_pdf([PAGE_1, PAGE_2, PAGE_2], p, seed=11, specks=100)
    doc = read_document(p, "lang.pdf", Limits(max_ocr_pages=1))
    assert [x["page"] for x in doc.metadata["ocr"]] == [1]
    assert "AWBZ" not in doc.text
    assert any("2, 3" in w and "--max-ocr-pages" in w for w in doc.warnings), doc.warnings


@needs_ocr
@needs_fonts
def test_ocr_result_comes_from_the_cache_the_second_time(scan_folder, scan_audit) -> None:
    again = docmine.audit([str(scan_folder)], Options(cache_dir=scan_folder / ".cache"))
    assert again.stats["cache"]["hits"] == 1 and again.stats["cache"]["misses"] == 0
    assert again.documents[0].metadata["ocr"] == scan_audit.documents[0].metadata["ocr"]
    assert [(f.rule, f.page, f.ocr, f.ocr_confidence) for f in again.findings] == \
           [(f.rule, f.page, f.ocr, f.ocr_confidence) for f in scan_audit.findings]


def _blank_scan(path: Path) -> None:
    """An image-only PDF (no fonts needed: the page is never read here)."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(img).rectangle((150, 150, 1000, 220), fill=0)
    img.save(str(path), resolution=150)


def test_ocr_without_tesseract_model_dm113_says_what_to_install(tmp_path) -> None:
    """No Dutch Tesseract model where Tesseract looks (TESSDATA_PREFIX, Tesseract's own setting,
    pointing at an empty folder): the scan is DM113 naming the pip extra and the Debian
    packages; the audit ends with exit code 2 and no traceback."""
    docs, empty = tmp_path / "docs", tmp_path / "geen-tessdata"
    docs.mkdir()
    empty.mkdir()
    _blank_scan(docs / "scan.pdf")
    _blank_scan(docs / "logo.png")  # a picture in the folder: skipped without OCR (as before), no error
    env = dict(os.environ, TESSDATA_PREFIX=str(empty))
    proc = subprocess.run([sys.executable, "-m", "docmine", "audit", str(docs), "-o", str(tmp_path / "r"), "--no-cache"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads((tmp_path / "r" / "findings.json").read_text(encoding="utf-8"))
    errors = report["errors"]
    assert [e["document"] for e in errors] == ["scan.pdf"]
    skipped = {s["path"]: s for s in report["skipped"]}  # the picture is listed, with what to install
    assert "OCR" in skipped["logo.png"]["reason"] and 'pip install "docmine[ocr]"' in skipped["logo.png"]["hint"]
    err = errors[0]
    assert err["code"] == "DM113" and err["document"] == "scan.pdf"
    assert "OCR" in err["message"]
    assert 'pip install "docmine[ocr]"' in err["hint"]
    assert "tesseract-ocr tesseract-ocr-nld" in err["hint"]
    assert 'pip install "docmine[ocr]"' in proc.stdout  # the terminal says it too


def test_ocr_switched_off_dm113_says_so(tmp_path) -> None:
    _blank_scan(tmp_path / "scan.pdf")
    with pytest.raises(ReadError) as e:
        read_document(tmp_path / "scan.pdf", "scan.pdf", Limits(ocr=False))
    assert e.value.code == "DM113"
    assert "--no-ocr" in e.value.message and "--no-ocr" in (e.value.hint or "")


@needs_ocr
@needs_fonts
def test_ocr_page_images_png_and_multipage_tiff_are_audited(tmp_path) -> None:
    """Images of pages: a PNG and a two-page TIFF are read by OCR, findings marked with their
    page; a picture without text (a logo) is read as a document without text, not an error."""
    from PIL import Image

    render_page(PAGE_2, seed=5, angle=0.3, specks=100).save(tmp_path / "stap2.png", dpi=(300, 300))
    first, second = (render_page(p, seed=6 + k, specks=100) for k, p in enumerate((PAGE_1, PAGE_2)))
    first.save(tmp_path / "instructie.tif", save_all=True, append_images=[second], compression="group4", dpi=(300, 300))
    Image.new("RGB", (240, 120), (20, 90, 160)).save(tmp_path / "logo.jpg")
    result = docmine.audit([str(tmp_path)], Options(jobs=2))
    assert not result.errors, [e.to_dict() for e in result.errors]
    assert sorted(d.path for d in result.documents) == ["instructie.tif", "logo.jpg", "stap2.png"]
    tif = [f for f in result.findings if f.document == "instructie.tif" and f.rule == "awbz-vervallen"]
    assert tif and tif[0].page == 2 and tif[0].ocr
    png = [f for f in result.findings if f.document == "stap2.png" and f.rule == "indiceren"]
    assert png and png[0].page == 1 and png[0].ocr
    logo = next(d for d in result.documents if d.path == "logo.jpg")
    assert not logo.text and any("geen tekst" in w for w in logo.warnings)
    assert not [f for f in result.findings if f.document == "logo.jpg"]


@needs_ocr
@needs_fonts
@pytest.mark.parametrize("jobs", [1, 2])
def test_ocr_of_a_long_scan_stops_at_the_timeout_and_the_audit_goes_on(tmp_path, jobs) -> None:
    """OCR takes over a second a page: a 6-page scan does not fit in --timeout 1. It is DM108
    (in a worker: the worker is killed, OCR and all; in one process: between two pages), not
    cached, and the other documents are audited."""
    write_scan_pdf([PAGE_1, PAGE_2] * 3, tmp_path / "lang.pdf", seed=21, specks=50)
    (tmp_path / "a.txt").write_text("Werkinstructie\n\nDe cliënt ontving AWBZ-zorg.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Beleidsregel\n\nDe compensatieplicht geldt.\n", encoding="utf-8")
    result = docmine.audit([str(tmp_path)], Options(jobs=jobs, limits=Limits(timeout=1.0), cache_dir=tmp_path / ".c"))
    assert [(e.document, e.code) for e in result.errors] == [("lang.pdf", "DM108")]
    assert {f.document for f in result.findings} == {"a.txt", "b.txt"}


@needs_ocr
@needs_fonts
def test_ocr_a_scan_with_a_stamp_in_its_text_layer_is_still_read(tmp_path) -> None:
    """A scanner that writes a little text over the scan (a stamp, a page number): the page is
    still a scan and read by OCR, stamp and all; a page of real text with a small picture is not."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    p = tmp_path / "gestempeld.pdf"
    c = canvas.Canvas(str(p), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(render_page(PAGE_2, seed=4, angle=0.2, specks=100).convert("L")), 0, 0, *A4)
    c.setFont("Helvetica", 8)
    c.drawString(420, 20, "Ingescand 14-03-2013 pag. 1")
    c.showPage()
    c.setFont("Helvetica", 11)
    c.drawImage(ImageReader(render_page(["# Logo"], seed=1, specks=0).convert("L")), 450, 760, 80, 60)
    c.drawString(72, 700, "De compensatieplicht van de gemeente geldt voor iedere inwoner.")
    c.showPage()
    c.save()
    doc = read_document(p, "gestempeld.pdf", Limits())
    assert [x["page"] for x in doc.metadata["ocr"]] == [1]
    assert "AWBZ" in doc.text[doc.pages[0].start:doc.pages[0].end]
    assert "De compensatieplicht van de gemeente geldt" in doc.text[doc.pages[1].start:doc.pages[1].end]


@needs_ocr
@needs_fonts
@pytest.mark.parametrize("angle", [-5.0, 4.0])
def test_ocr_a_sheet_laid_askew_is_straightened(tmp_path, angle) -> None:
    """A page scanned a few degrees askew (where Tesseract alone starts to misread words) is
    straightened before it is read: the outdated terms are found as on a straight scan."""
    p = tmp_path / "scheef.pdf"
    write_scan_pdf([PAGE_2], p, seed=3, angle=angle, specks=300)
    doc = read_document(p, "scheef.pdf", Limits())
    assert "AWBZ-zorg" in doc.text and "geïndiceerd" in doc.text, doc.text
    assert doc.metadata["ocr"][0]["confidence"] >= 80


@needs_ocr
@needs_fonts
def test_ocr_dutch_ij_and_words_split_over_a_false_paragraph_break_are_found(tmp_path) -> None:
    """Tesseract's Dutch model writes IJ as one letter (BĲ) and starts a paragraph where a line
    merely ends short (here after 'bij', 'toe-' and 'indice-'); the text is tidied so that it
    reads as typed text and a verb hyphenated at such a line end is found."""
    p = tmp_path / "oud.pdf"
    write_scan_pdf([["# HULP BIJ HET HUISHOUDEN",
                     "De kosten vallen onder de Algemene Wet Bijzondere Ziektekosten. Wij kijken bij de aanvraag "
                     "naar de mogelijkheden van de cliënt en zijn omgeving. Het is niet toe-",
                     "gestaan om uren te indice-", "ren zonder dat de consulent de cliënt heeft gesproken."]],
                   p, seed=9, angle=0.4, specks=100)
    result = docmine.audit([str(p)], Options(jobs=1))
    text = result.documents[0].text
    assert "HULP BIJ HET HUISHOUDEN" in text and "\u0132" not in text, text
    assert "toegestaan" in text, text
    indiceren = [f.excerpt for f in _on(result, "indiceren")]
    assert any(x.replace("-\n", "").startswith("indiceren") for x in indiceren), indiceren


needs_tesseract_program = pytest.mark.skipif(not shutil.which("tesseract"),
                                             reason="het programma tesseract ontbreekt (apt-get install tesseract-ocr)")


def _tesseract_runs_under(folder: Path) -> list[str]:
    """Command lines of running processes that read an image under ``folder``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if args and args[0].endswith(b"tesseract") and any(str(folder).encode() in a for a in args):
            found.append(b" ".join(args).decode("utf-8", "replace"))
    return found


@needs_ocr
@needs_fonts
@needs_tesseract_program
def test_ocr_with_the_tesseract_program_when_asked(scan_folder, tmp_path) -> None:
    """DOCMINE_OCR_ENGINE=tesseract (what runs when the extra is not installed but Debian's
    tesseract is): the same findings on the same pages, read by the command."""
    out = tmp_path / "rapport"
    env = dict(os.environ, DOCMINE_OCR_ENGINE="tesseract")
    proc = subprocess.run([sys.executable, "-m", "docmine", "audit", str(scan_folder), "-o", str(out), "--no-cache",
                           "-f", "json"], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    meta = data["documents"][0]["metadata"]
    assert meta["ocr_engine"].startswith("Tesseract ") and [p["page"] for p in meta["ocr"]] == [1, 2]
    pages = {(f["rule"], f["page"]) for f in data["findings"] if f["ocr"]}
    assert {("awbz-vervallen", 2), ("indiceren", 2), ("werkinstructie-documentgegevens", 1)} <= pages


@needs_ocr
@needs_fonts
@needs_tesseract_program
def test_ocr_a_tesseract_run_ends_with_the_worker_killed_at_its_deadline(tmp_path) -> None:
    """A worker killed at --timeout takes its tesseract run with it: nothing is left reading the
    scan after the audit ended."""
    docs, tmp = tmp_path / "docs", tmp_path / "tmp"
    docs.mkdir()
    tmp.mkdir()
    write_scan_pdf([PAGE_1, PAGE_2] * 3, docs / "lang.pdf", seed=21, specks=50)
    (docs / "a.txt").write_text("Werkinstructie\n\nDe cliënt ontving AWBZ-zorg.\n", encoding="utf-8")
    env = dict(os.environ, DOCMINE_OCR_ENGINE="tesseract", TMPDIR=str(tmp))
    proc = subprocess.run([sys.executable, "-m", "docmine", "audit", str(docs), "-o", str(tmp_path / "r"), "--no-cache",
                           "-f", "json", "--timeout", "1", "-j", "2"], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 2, proc.stderr
    errors = json.loads((tmp_path / "r" / "findings.json").read_text(encoding="utf-8"))["errors"]
    assert [(e["document"], e["code"]) for e in errors] == [("lang.pdf", "DM108")]
    assert _tesseract_runs_under(tmp) == []
