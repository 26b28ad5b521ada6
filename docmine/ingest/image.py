"""Images of pages (.png, .jpg, .tif; a multi-page TIFF is one document): read by OCR.

Every frame is one page, read like a scanned PDF page (``scan.ocr_pages``: the same page limit,
timeout, confidence per page and DM113 without OCR). An image in which OCR finds no text (a logo,
a photo) is a document without text and a warning, not an error: a folder of web pages with
their pictures still audits cleanly.
"""

from __future__ import annotations

import warnings as _warnings
from pathlib import Path

from ..errors import ReadError
from ..model import Document
from .builder import RawText, build_document
from .ocr import MAX_SIDE
from .scan import ocr_pages

_FORMATS = {"PNG": "png", "JPEG": "jpg", "TIFF": "tif", "MPO": "jpg"}


def _open(path: Path, rel: str):
    from PIL import Image, UnidentifiedImageError

    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
            img.size  # noqa: B018 - the header is read here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ReadError.of("DM106", "image", path=rel) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ReadError.of("DM112", "image", path=rel) from None
    return img


def _page(img, n: int):
    """Frame ``n`` (1-based) as a grey image, no side longer than ``MAX_SIDE``."""
    img.seek(n - 1)
    frame = img.convert("L")
    longest = max(frame.size)
    if longest > MAX_SIDE:
        frame = frame.resize((frame.width * MAX_SIDE // longest, frame.height * MAX_SIDE // longest))
    return frame


def read_image(path: Path, rel: str, limits) -> Document:
    """Read an image of one or more pages by OCR.

    >>> doc = read_image(Path("scan.png"), "scan.png", Limits())  # doctest: +SKIP
    >>> doc.metadata["ocr"]
    [{'page': 1, 'confidence': 93}]
    """
    img = _open(path, rel)
    try:
        fmt = _FORMATS.get(img.format or "", "image")
        n_pages = getattr(img, "n_frames", 1) or 1
        max_pages = getattr(limits, "max_pages", 0) or 0
        if max_pages and n_pages > max_pages:
            raise ReadError.of("DM105", "image", path=rel, pages=n_pages, limit=max_pages)
        texts, scan = ocr_pages(list(range(1, n_pages + 1)), n_pages, lambda n: _page(img, n), rel, limits,
                                what="de afbeelding", blank_ok=True)
    finally:
        img.close()
    rt = RawText()
    for n in range(1, n_pages + 1):
        if n > 1:
            rt.page_break()
        rt.add(texts.get(n, ""))
        rt.newline(1)
    metadata = {"pages": n_pages}
    scan.add_to(metadata)
    return build_document(rel, fmt, rt, furniture=True, ocr=True, metadata=metadata, warnings=scan.warnings)


__all__ = ["read_image"]
