"""OCR speed: scanned pages per second, one document on one core and several on all cores.

    python benchmarks/ocr_speed.py [--pages 12] [--docs 4]

Makes image-only PDFs with ``tools/scan_pdf.py`` (full A4 pages of Dutch policy text, ~40 lines
each, DejaVu Serif 11 pt at 300 dpi, turned a little, specks), then prints
  1. one document of ``--pages`` pages read by ``read_document`` in this process (rendering with
     PDFium, OCR with Tesseract's Dutch model, normalisation): pages/s on one core, then on all
     cores (its pages are read on as many threads as it has cores);
  2. ``--docs`` such documents audited with ``docmine.audit`` on all cores (one document per
     worker, as in a real audit; no cache): pages/s for the whole audit;
and the mean OCR confidence. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
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
    from docmine.ingest.ocr import engines, free_cores

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for k in range(args.docs):
            make_scan(d / f"scan{k}.pdf", args.pages, seed=100 + k)
        engines().grow(free_cores())  # the models load once per worker process (~0.1 s each): not counted per page
        every = os.sched_getaffinity(0)
        for label, cores in (("one core", {min(every)}), (f"all {len(every)} cores", every)):
            os.sched_setaffinity(0, cores)  # OCR reads a document's pages on the cores it may use
            t, c = time.perf_counter(), time.process_time()
            doc = read_document(d / "scan0.pdf", "scan0.pdf", Limits(max_ocr_pages=10_000))
            one, cpu = time.perf_counter() - t, time.process_time() - c
            conf = [p["confidence"] for p in doc.metadata["ocr"]]
            print(f"one document, {label}: {args.pages} pages in {one:.2f} s wall, {cpu:.2f} s CPU = "
                  f"{args.pages / one:.2f} pages/s ({cpu / args.pages:.2f} s CPU a page); "
                  f"mean OCR confidence {sum(conf) / len(conf):.0f}%")
        os.sched_setaffinity(0, every)
        t = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = docmine.audit([str(d)], Options(limits=Limits(max_ocr_pages=10_000)))
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        workers_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        total = args.docs * args.pages
        assert not result.errors, result.errors
        print(f"{args.docs} documents, all {os.cpu_count()} cores (docmine.audit): {total} pages in {wall:.2f} s "
              f"= {total / wall:.2f} pages/s (workers {workers_cpu:.1f} s CPU, {workers_cpu / total:.2f} s a page)")


if __name__ == "__main__":
    main()
