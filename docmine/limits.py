"""Resource limits per document (``Options.limits``; each one a command-line option)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Limits:
    """Resource limits per document; each can be changed from the CLI."""

    max_file_size: int = 200 * 1024 * 1024  # bytes
    max_pages: int = 2000
    max_decompressed: int = 500 * 1024 * 1024  # bytes, DOCX/zip content (counted while unpacking), CVDR XML
    timeout: float = 120.0  # seconds per document
    ocr: bool = True  # read scanned pages with OCR when Tesseract is installed (--no-ocr)
    max_ocr_pages: int = 50  # scanned pages OCR'd per document (ingest.scan.DEFAULT_MAX_OCR_PAGES)
    max_text: int = 20_000_000  # characters of text per document (a 1,000-page PDF holds ~3 million)
    max_memory: int = 1024 * 1024 * 1024  # bytes of memory a worker process may take on for one document
    max_findings: int = 100  # findings per rule per document, then one "en nog N" (0: all)
