"""OCR speed: scanned pages per second, one document on one core and several on all cores.

    python benchmarks/ocr_speed.py [--pages 12] [--docs 4]

Makes image-only PDFs with ``tools/scan_pdf.py`` (full A4 pages of Dutch policy text, ~40 lines
each, DejaVu Serif 11 pt at 300 dpi, turned a little, specks), then prints
  1. one document of ``--pages`` pages read by ``read_document`` in this process (rendering with
     PDFium, OCR with Tesseract's Dutch model, normalisation): pages/s on one core;
  2. ``--docs`` such documents audited with ``docmine.audit`` on all cores (one document per
     worker, as in a real audit; no cache): pages/s for the whole audit;
and the mean OCR confidence. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.scan_pdf import write_scan_pdf  # noqa: E402

WORDS = ("de cliënt ontvangt een maatwerkvoorziening als de eigen mogelijkheden en het sociale netwerk "
         "onvoldoende zijn om de zelfredzaamheid en participatie te verbeteren het college onderzoekt de "
         "hulpvraag binnen zes weken na de melding en legt de uitkomst vast in een verslag waarin de "
         "consulent beschrijft welke ondersteuning nodig is").split()


def page_lines(rnd: random.Random, n: int) -> list[str]:
    lines = [f"# Werkinstructie onderdeel {n}", ""]
    for _ in range(6):
        lines.append(" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(60, 75))).capitalize() + ".")
        lines.append("")
    return lines


def make_scan(path: Path, pages: int, seed: int) -> None:
    rnd = random.Random(seed)
    write_scan_pdf([page_lines(rnd, k + 1) for k in range(pages)], path, seed=seed, specks=150)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=12, help="pages per document")
    ap.add_argument("--docs", type=int, default=4, help="documents for the all-cores audit")
    args = ap.parse_args()

    import docmine
    from docmine.api import Limits, Options
    from docmine.ingest import read_document
    from docmine.ingest.ocr import engine

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for k in range(args.docs):
            make_scan(d / f"scan{k}.pdf", args.pages, seed=100 + k)
        engine()  # the model loads once per worker process (~0.2 s): not counted per page
        t = time.perf_counter()
        doc = read_document(d / "scan0.pdf", "scan0.pdf", Limits(max_ocr_pages=10_000))
        one = time.perf_counter() - t
        conf = [p["confidence"] for p in doc.metadata["ocr"]]
        print(f"one document, one core: {args.pages} pages in {one:.2f} s = {args.pages / one:.2f} pages/s "
              f"({one / args.pages:.2f} s a page); mean OCR confidence {sum(conf) / len(conf):.0f}%")
        t = time.perf_counter()
        result = docmine.audit([str(d)], Options(limits=Limits(max_ocr_pages=10_000)))
        wall = time.perf_counter() - t
        total = args.docs * args.pages
        assert not result.errors, result.errors
        print(f"{args.docs} documents, all {os.cpu_count()} cores (docmine.audit): {total} pages in {wall:.2f} s "
              f"= {total / wall:.2f} pages/s")


if __name__ == "__main__":
    main()
