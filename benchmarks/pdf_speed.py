"""PDF reading speed: pdfplumber alone vs docmine's reader (PDFium text + pdfplumber on table pages).

    python benchmarks/pdf_speed.py [--pages 50] [--tables 5] [--repeat 1]

Makes a realistic multi-page PDF with reportlab (running header and footer, ~40 lines of policy
text per page, hyphenated line breaks, a few tariff tables), then prints pages per second for
  1. pdfplumber alone: ``page.extract_text()`` on every page (what a plain pdfplumber reader does),
  2. docmine: ``docmine.ingest.pdf.read_pdf`` (PDFium for every page, pdfplumber only on pages whose
     text looks like a table, then normalisation),
  3. PDFium text layer only (no tables, no normalisation), for reference,
and the speed-up of 2 over 1. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WORDS = ("de cliënt ontvangt een maatwerkvoorziening als de eigen mogelijkheden en het sociale netwerk "
         "onvoldoende zijn om de zelfredzaamheid en participatie te verbeteren het college onderzoekt de "
         "hulpvraag binnen zes weken na de melding en legt de uitkomst vast in een verslag").split()


def make_pdf(path: Path, pages: int, tables: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    w, h = A4
    table_every = max(1, pages // max(1, tables)) if tables else 0
    k = 0
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 8)
        c.drawString(72, h - 36, "Beleidsregels maatschappelijke ondersteuning gemeente Testdorp 2021")
        c.drawString(72, 28, f"Gemeente Testdorp — pagina {n} van {pages}")
        c.setFont("Helvetica", 10)
        y = h - 72
        c.drawString(72, y, f"Artikel {n} Onderwerp {n}")
        y -= 16
        lines = 40
        if table_every and n % table_every == 0:
            rows = [["Niveau", "Code", "Omvang", "Tarief"]] + [
                [lvl, f"BG{n:02d}{i}", f"{2 + 2 * i} uur per week", f"€ {52 + 4 * i},{25 * i:02d}"]
                for i, lvl in enumerate(["Laag", "Midden", "Hoog", "Intensief"])]
            for r in rows:
                for j, cell in enumerate(r):
                    c.rect(72 + j * 115, y - 14, 115, 18)
                    c.drawString(76 + j * 115, y - 9, cell)
                y -= 18
            y -= 12
            lines = 28
        for i in range(lines):
            words = [WORDS[(k + j) % len(WORDS)] for j in range(13)]
            k += 7
            line = " ".join(words)
            if i % 9 == 4:
                line += " maatwerk-"
            elif i % 9 == 5:
                line = "voorziening " + line
            c.drawString(72, y, line)
            y -= 14
        c.showPage()
    c.save()


def pages_per_second(fn, pages: int, repeat: int) -> tuple[float, float]:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return pages / best, best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--tables", type=int, default=5, help="number of pages with a table")
    ap.add_argument("--repeat", type=int, default=1, help="runs per engine; the best is reported")
    args = ap.parse_args()

    import pdfplumber
    import pypdfium2 as pdfium

    from docmine.api import Limits
    from docmine.ingest.pdf import read_pdf

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "beleidsregels.pdf"
        make_pdf(path, args.pages, args.tables)
        size = os.path.getsize(path)

        def plumber_only():
            with pdfplumber.open(str(path)) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.close()

        def pdfium_only():
            pdf = pdfium.PdfDocument(str(path))
            for i in range(len(pdf)):
                tp = pdf[i].get_textpage()
                tp.get_text_range()
            pdf.close()

        result = {}

        def docmine_reader():
            result["doc"] = read_pdf(path, "beleidsregels.pdf", Limits())

        n = args.pages
        print(f"PDF: {n} pages, {args.tables} with a table, {size / 1024:.0f} KiB; cpus: {os.cpu_count()}")
        p_pps, p_s = pages_per_second(plumber_only, n, args.repeat)
        print(f"pdfplumber alone (extract_text, every page): {p_pps:8.1f} pages/s  ({p_s:.2f} s)")
        f_pps, f_s = pages_per_second(pdfium_only, n, args.repeat)
        print(f"PDFium text layer only:                      {f_pps:8.1f} pages/s  ({f_s:.2f} s)")
        d_pps, d_s = pages_per_second(docmine_reader, n, args.repeat)
        doc = result["doc"]
        print(f"docmine read_pdf (PDFium + pdfplumber on {len(doc.metadata.get('table_pages', []))} table pages, "
              f"normalised): {d_pps:8.1f} pages/s  ({d_s:.2f} s)")
        print(f"speed-up docmine vs pdfplumber alone: {d_pps / p_pps:.1f}x  (PDFium text only: {f_pps / p_pps:.1f}x)")
        print(f"tables found: {len(doc.tables)}; footer left in text: {'Gemeente Testdorp' in doc.text}; "
              f"hyphenations joined: {doc.text.count('maatwerkvoorziening')}")


if __name__ == "__main__":
    main()
