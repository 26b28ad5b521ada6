"""Readers: one per format, each returning the same Document (text, pages, source map, metadata).

``read_document`` looks at the content's magic bytes first and the suffix second. A file whose
content does not match its suffix is read as what it really is when that is clear (with a warning),
otherwise it gets DM114 "mislabelled".
"""

from __future__ import annotations

import hashlib
import os
import stat
import zipfile
from pathlib import Path

from ..errors import ReadError
from ..formats import special_kind
from ..model import Document

__all__ = ["read_document", "sniff", "ReadError"]

_SUFFIX_KIND = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".pdf": "pdf", ".docx": "docx",
                ".html": "html", ".htm": "html", ".xhtml": "html", ".xml": "xml",
                ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}
_NAMES = {"pdf": "een PDF", "docx": "een Word-document (DOCX)", "html": "HTML", "cvdr": "CVDR-XML",
          "xml": "XML", "txt": "platte tekst", "md": "platte tekst", "text": "platte tekst", "zip": "een zip-archief",
          "binary": "binaire gegevens", "empty": "leeg", "image": "een afbeelding"}


_CTRL_BYTES = bytes(b for b in range(256) if 0 < b < 9 or (13 < b < 32 and b != 27))

def sniff(data: bytes) -> str:
    """What the bytes are: pdf, docx, zip, cvdr, xml, html, text, binary or empty.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"<!DOCTYPE html><html>"), sniff(b"Artikel 1")
    ('pdf', 'html', 'text')
    """
    if not data.strip():
        return "empty"
    head = data[:1024]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"  # PNG, JPEG, TIFF: a scanned page
    sample = data[:4096]
    lstrip = sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lstrip.startswith(b"<?xml") or lstrip.startswith(b"<!doctype") or lstrip.startswith(b"<"):
        if b"<cvdr" in sample.lower():
            return "cvdr"
        if b"<html" in sample.lower() or lstrip.startswith(b"<!doctype html"):
            return "html"
        if lstrip.startswith(b"<?xml"):
            return "xml"
        if any(t in lstrip[:200] for t in (b"<head", b"<body", b"<p>", b"<div", b"<h1", b"<title")):
            return "html"
    if b"\x00" in sample and sample.count(b"\x00") > len(sample) // 3:
        return "text"  # UTF-16 (the text reader decodes it)
    ctrl = len(sample) - len(sample.translate(None, _CTRL_BYTES))  # bytes 1-8 and 14-31 except ESC
    if ctrl > len(sample) * 0.1:
        return "binary"
    return "text"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            return "docx" if "word/document.xml" in z.namelist() else "zip"
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"


def read_document(path: Path, rel: str, limits) -> Document:
    """Read one file of any supported format into a Document.

    Raises ReadError (code DM1xx, Dutch message, hint) for anything that cannot be read.

    >>> from docmine.api import Limits
    >>> doc = read_document(Path("corpus/verordening.txt"), "verordening.txt", Limits())  # doctest: +SKIP
    >>> doc.format, doc.pages[0].number
    ('txt', 1)
    """
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReadError.of("DM100", path=rel) from None
    except PermissionError:
        raise ReadError.of("DM102", path=rel) from None
    except OSError as exc:
        raise ReadError.of("DM104", path=rel, reason=exc.strerror or exc) from None
    if not stat.S_ISREG(st.st_mode):  # path.is_file() without a second stat
        raise _not_regular(st.st_mode, rel)
    max_size = getattr(limits, "max_file_size", 0) or 0
    if max_size and st.st_size > max_size:
        raise ReadError.of("DM103", path=rel, size_mb=st.st_size / 1048576, limit_mb=max_size / 1048576)
    data = _read_regular(path, rel, max_size)
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise ReadError.of("DM110", path=rel)

    expected = _SUFFIX_KIND.get(path.suffix.lower(), "txt")
    actual = sniff(data)
    if actual == "zip":
        actual = _zip_kind(path)
    doc = _dispatch(path, rel, data, expected, actual, limits)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.size = len(data)
    return doc


def _not_regular(mode: int, rel: str) -> ReadError:
    kind = special_kind(mode)
    if kind is None:
        return ReadError.of("DM101", path=rel)
    return ReadError.of("DM115", path=rel, kind=kind)


def _read_regular(path: Path, rel: str, max_size: int) -> bytes:
    """The bytes of a regular file: opened without waiting (a FIFO put in its place since the
    ``stat`` would block an ordinary open) and checked again once open; at most ``max_size``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except PermissionError:
        raise ReadError.of("DM102", path=rel) from None
    except IsADirectoryError:
        raise ReadError.of("DM101", path=rel) from None
    except OSError as exc:
        raise ReadError.of("DM112", path=rel, reason=exc.strerror or exc) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(st.st_mode, rel)
        try:
            data = fh.read(st.st_size + 1)  # one byte more: has it grown since?
            if len(data) > st.st_size:
                data += fh.read(max(max_size + 1 - len(data), 0)) if max_size else fh.read()
        except OSError as exc:
            raise ReadError.of("DM112", path=rel, reason=exc.strerror or exc) from None
    if max_size and len(data) > max_size:  # it grew since the stat
        raise ReadError.of("DM103", "while_reading", path=rel, limit_mb=max_size / 1048576)
    return data


def _dispatch(path: Path, rel: str, data: bytes, expected: str, actual: str, limits) -> Document:
    # the readers as module attributes (imported once below: five imports per call cost 0.02 ms)
    read_cvdr, read_docx, read_html = _cvdr.read_cvdr, _docx.read_docx, _html.read_html
    read_pdf, read_text, read_image = _pdf.read_pdf, _text.read_text, _image.read_image

    def mislabelled(reason: str | None = None) -> ReadError:
        return ReadError.of("DM114", "unreadable" if reason else None, path=rel, reason=reason,
                            suffix=path.suffix or "(zonder extensie)", actual=_NAMES.get(actual, actual))

    # content and suffix agree
    if expected == "pdf" and actual == "pdf":
        return read_pdf(path, rel, limits)
    if actual == "image":  # a page image, whatever its name: read by OCR
        return read_image(path, rel, limits) if expected == "image" else _as(read_image(path, rel, limits), path, actual)
    if expected == "docx":
        if actual == "docx":
            return read_docx(path, rel, limits)
        if actual == "zip":
            raise ReadError.of("DM114", "zip_not_docx", path=rel)
        if actual in ("binary", "text"):
            raise ReadError.of("DM112", "docx_not_zip", path=rel)
    if expected == "html" and actual in ("html", "text", "xml"):
        return read_html(data, rel, limits)
    if expected == "xml":
        if actual == "cvdr":
            return read_cvdr(data, rel, limits)
        if actual == "xml":
            return read_cvdr(data, rel, limits)  # gives DM101 for XML that is not CVDR, DM107/DM112 when unsafe/broken
        if actual == "html":
            return _as(read_html(data, rel, limits), path, actual)
    if expected in ("txt", "md") and actual == "text":
        return read_text(data, rel, expected, limits)
    if expected == "pdf" and actual in ("binary", "text") and b"%PDF" not in data[:1024]:
        if actual == "binary":
            raise ReadError.of("DM112", "pdf_no_header", path=rel)
        raise mislabelled()

    # content and suffix disagree: read what it really is when that is clear
    try:
        if actual == "pdf":
            doc = read_pdf(path, rel, limits)
        elif actual == "docx":
            doc = read_docx(path, rel, limits)
        elif actual == "cvdr":
            doc = read_cvdr(data, rel, limits)
        elif actual == "html" and expected in ("txt", "md"):
            doc = read_html(data, rel, limits)
        elif actual == "text" and expected == "xml":
            raise mislabelled()
        else:
            raise mislabelled()
    except ReadError as exc:
        if exc.code in ("DM114", "DM111", "DM113", "DM105", "DM106", "DM107", "DM108"):
            raise
        raise mislabelled(exc.message) from None
    return _as(doc, path, actual)


def _as(doc: Document, path: Path, actual: str) -> Document:
    doc.warnings.append(f"bestand heet {path.suffix or '(zonder extensie)'} maar bevat {_NAMES.get(actual, actual)}; "
                        f"gelezen als {doc.format.upper()}")
    return doc


from . import cvdr as _cvdr, docx as _docx, html as _html, image as _image, pdf as _pdf, text as _text  # noqa: E402
