"""Scanned pages: what the readers do with a page that has no text layer.

A PDF page without text (a scan) is rendered and read by OCR (``ocr.py``) when OCR is on
(``Limits.ocr``, the CLI's ``--no-ocr``) and can run here, up to ``Limits.max_ocr_pages`` pages
per document. The OCR'd pages and their confidence go into the document's metadata
(``metadata["ocr"] = [{"page": 2, "confidence": 91}, ...]``), from which every finding on such
a page is marked as found in OCR text. Without OCR a document that is all scan is DM113 with
what to install; a document with a few scanned pages is read without them, with a warning.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import ReadError
from . import ocr

DEFAULT_MAX_OCR_PAGES = 50  # ~1-2 s a page on one core: a long scan stays well inside the default --timeout


@dataclass
class ScanResult:
    """What OCR added to a document: per OCR'd page its number and confidence, the engine's
    name and the warnings for the report."""

    pages: list[dict[str, Any]] = field(default_factory=list)
    engine: str | None = None
    warnings: list[str] = field(default_factory=list)

    def add_to(self, metadata: dict[str, Any]) -> None:
        """Record the OCR'd pages in a document's metadata (nothing when none was OCR'd)."""
        if self.pages:
            metadata["ocr"] = self.pages
            metadata["ocr_engine"] = self.engine


def _pages_text(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:10])) + (" ..." if len(numbers) > 10 else "")
    return f"pagina {shown}" if len(numbers) == 1 else f"pagina's {shown}"


def unavailable_reason(limits: Any) -> str | None:
    """Why scanned pages cannot be OCR'd here (Dutch), or None when they can."""
    if not getattr(limits, "ocr", True):
        return "OCR staat uit (--no-ocr)"
    try:
        ocr.engines()
    except ocr.OcrUnavailable as exc:
        return str(exc)
    return None


def no_ocr_error(rel: str, what: str, reason: str) -> ReadError:
    """DM113 for a document that is all scan and cannot be OCR'd: why, and what to do."""
    hint = "draai zonder --no-ocr om scans met OCR te lezen" if reason.startswith("OCR staat uit") else ocr.install_hint()
    return ReadError.of("DM113", path=rel, hint=hint, what=what, reason=reason)


def ocr_pages(numbers: list[int], total: int, render: Callable[[int], Any], rel: str, limits: Any,
              what: str = "PDF", started: float | None = None, blank_ok: bool = False) -> tuple[dict[int, str], ScanResult]:
    """OCR the pages ``numbers`` (1-based) of a document of ``total`` pages; ``render(n)`` gives
    page n as a PIL image. Returns the text per OCR'd page and the ScanResult.

    Raises DM113 when every page needs OCR and it cannot run, or found no text (unless
    ``blank_ok``: then a warning), and DM108 when the document's ``limits.timeout`` passes
    (``started``: when reading it began)."""
    result = ScanResult()
    if not numbers:
        return {}, result
    reason = unavailable_reason(limits)
    if reason is not None:
        if len(numbers) == total:
            raise no_ocr_error(rel, what, reason)
        result.warnings.append(f"{_pages_text(numbers)} zonder tekstlaag (scan): die tekst ontbreekt, want {reason}")
        return {}, result
    eng = ocr.engines()
    limit = getattr(limits, "max_ocr_pages", DEFAULT_MAX_OCR_PAGES) or 0
    todo, skipped = (numbers[:limit], numbers[limit:]) if limit else (numbers, [])
    timeout = getattr(limits, "timeout", 0) or 0
    started = time.monotonic() if started is None else started
    texts: dict[int, str] = {}
    unreadable: list[int] = []

    def rendered():
        for n in todo:
            try:
                yield n, render(n)
            except Exception:  # a broken page: the others are still read
                unreadable.append(n)

    try:
        for n, page in eng.read_pages(rendered(), min(len(todo), ocr.free_cores())):
            if page.text.strip():
                texts[n] = page.text
                result.pages.append({"page": n, "confidence": round(page.confidence)})
            if timeout and time.monotonic() - started > timeout:
                raise ReadError.of("DM108", "ocr", path=rel, seconds=timeout, page_no=n, pages=total)
    except ocr.OcrUnavailable as exc:  # the tesseract command failed on a page
        raise ReadError.of("DM113", "ocr_failed", path=rel, hint=ocr.install_hint(), what=what, reason=exc) from None
    if not texts and len(numbers) == total and not skipped and blank_ok:
        result.warnings.append(f"OCR vond geen tekst in {what} ({total} pagina's)")
    elif not texts and len(numbers) == total and not skipped:
        raise ReadError.of("DM113", "no_text", path=rel, what=what, pages=total)
    result.engine = eng.name
    if unreadable:
        result.warnings.append(f"{_pages_text(unreadable)} zonder tekstlaag en niet weer te geven voor OCR: die tekst ontbreekt")
    if skipped:
        result.warnings.append(f"{_pages_text(skipped)} niet met OCR gelezen: de limiet is {limit} gescande "
                               f"pagina's per document (verhoog die met --max-ocr-pages)")
    low = [p["page"] for p in result.pages if p["confidence"] < 70]
    if low:
        result.warnings.append(f"OCR van {_pages_text(low)} is onzeker (betrouwbaarheid onder 70%); controleer de scan")
    return texts, result


__all__ = ["DEFAULT_MAX_OCR_PAGES", "ScanResult", "no_ocr_error", "ocr_pages", "unavailable_reason"]
