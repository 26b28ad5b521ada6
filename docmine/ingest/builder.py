"""Helpers shared by the readers: build raw text with blocks/tables, then normalise it."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import ReadError
from ..model import Block, Document, Table
from .normalize import normalize, to_normalized
from .toc import toc_spans


@dataclass
class RawText:
    """Raw text under construction, with structure recorded in raw offsets.

    >>> rt = RawText()
    >>> rt.block("heading", "Artikel 1 Begripsbepalingen", level=2)
    >>> rt.para("In deze verordening wordt verstaan onder:")
    >>> rt.value().splitlines()[0]
    'Artikel 1 Begripsbepalingen'
    """

    parts: list[str] = field(default_factory=list)
    length: int = 0
    blocks: list[tuple[str, int, int, int | None, dict[str, Any]]] = field(default_factory=list)
    tables: list[tuple[list[list[str]], int, int, int | None]] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=lambda: [0])
    max_chars: int = 0  # the limit on text (0: none): past it ``add`` raises DM117 for ``rel``
    rel: str = ""

    @classmethod
    def limited(cls, rel: str, limits: Any) -> "RawText":
        """An empty RawText that refuses more text than ``limits.max_text`` for document ``rel``."""
        return cls(max_chars=getattr(limits, "max_text", 0) or 0, rel=rel)

    def add(self, s: str) -> tuple[int, int]:
        start = self.length
        if s:
            self.parts.append(s)
            self.length += len(s)
            if self.max_chars and self.length > self.max_chars:
                raise text_too_large(self.rel, self.max_chars)
        return start, self.length

    def ends_with_newlines(self) -> int:
        n = 0
        for p in reversed(self.parts):
            k = len(p) - len(p.rstrip("\n"))
            n += k
            if k < len(p):
                break
            if n >= 2:
                break
        return n

    def newline(self, n: int = 1) -> None:
        """Make sure the text ends with at least ``n`` newlines (nothing at the very start)."""
        if self.length == 0:
            return
        have = self.ends_with_newlines()
        if have < n:
            self.add("\n" * (n - have))

    def para(self, s: str, sep: int = 2) -> tuple[int, int]:
        s = " ".join(s.split())
        if not s:
            return self.length, self.length
        self.newline(sep)
        return self.add(s)

    def block(self, kind: str, s: str, level: int | None = None, sep: int = 2, **attrs: Any) -> None:
        a, b = self.para(s, sep)
        if b > a:
            self.blocks.append((kind, a, b, level, attrs))

    def span(self, kind: str, start: int, level: int | None = None, **attrs: Any) -> None:
        """Record a block from ``start`` to the current end."""
        if self.length > start:
            self.blocks.append((kind, start, self.length, level, attrs))

    def table(self, rows: list[list[str]], page: int | None = None, sep: int = 2) -> None:
        rows = [[" ".join(c.split()) for c in r] for r in rows]
        rows = [r for r in rows if any(r)]
        if not rows:
            return
        self.newline(sep)
        a = self.length
        self.add("\n".join(" | ".join(r) for r in rows))
        self.tables.append((rows, a, self.length, page))
        self.newline(sep)

    def page_break(self) -> None:
        self.newline(1)
        self.add("\f")
        self.page_starts.append(self.length)

    def value(self) -> str:
        return "".join(self.parts)


def text_too_large(rel: str, limit: int) -> ReadError:
    """DM117: a document holding more text than the limit (stopped as soon as it passes it)."""
    return ReadError.of("DM117", path=rel, millions=limit / 1e6)


def check_text_size(text: str, rel: str, limits: Any) -> None:
    """Raise DM117 when ``text`` is longer than ``limits.max_text``."""
    limit = getattr(limits, "max_text", 0) or 0
    if limit and len(text) > limit:
        raise text_too_large(rel, limit)


def build_document(rel: str, fmt: str, raw: RawText | str, *, page_starts: list[int] | None = None,
                   furniture: bool = True, ocr: bool = True, metadata: dict[str, Any] | None = None,
                   title: str | None = None, warnings: list[str] | None = None,
                   tables: list[tuple[list[list[str]], int, int, int | None]] | None = None) -> Document:
    """Normalise raw text and map the recorded blocks and tables onto the normalised text
    (``tables``: for a plain string, tables found in it, in its offsets). What running headers and
    footers said goes into the metadata as ``header`` and ``footer``, as a DOCX reader puts its
    header and footer parts there."""
    if isinstance(raw, RawText):
        text_raw = raw.value()
        starts = raw.page_starts
        blocks_raw, tables_raw = raw.blocks, raw.tables
    else:
        text_raw, starts, blocks_raw, tables_raw = raw, page_starts, [], list(tables or [])
    running: dict[str, str] = {}
    text, smap, pages = normalize(text_raw, starts, furniture=furniture, ocr=ocr, running=running)
    metadata = metadata if metadata is not None else {}
    for key, said in running.items():  # what a running header/footer said, where a DOCX keeps its header part
        metadata.setdefault(key, said)

    def span(a: int, b: int) -> tuple[int, int]:
        s = to_normalized(smap, a)
        e = to_normalized(smap, b)
        while s < e and text[s] in " \n":
            s += 1
        # the end maps to the start of what follows; pull it back over trailing whitespace
        while e > s and text[e - 1] in " \n":
            e -= 1
        return s, max(s, e)

    blocks = []
    for kind, a, b, level, attrs in blocks_raw:
        s, e = span(a, b)
        if e > s:  # not a block whose text normalisation dropped (a heading set as a running header)
            blocks.append(Block(kind, s, e, level, dict(attrs)))
    blocks.extend(Block("toc", s, e) for s, e in toc_spans(text))
    tables = []
    for rows, a, b, page in tables_raw:
        s, e = span(a, b)
        tables.append(Table(rows, s, e, page))
    doc = Document(path=rel, format=fmt, text=text, pages=pages, metadata=metadata, source_map=smap,
                   tables=tables, blocks=blocks, title=title, warnings=list(warnings or []))
    return doc


# ----------------------------------------------------------------------------- decoding


def _cp1252_fallback(exc: UnicodeError):
    """Decode the bytes UTF-8 rejects as cp1252 (latin-1 for the five bytes cp1252 lacks)."""
    bad = exc.object[exc.start:exc.end]
    out = []
    for b in bad:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(bytes([b]).decode("latin-1"))
    return "".join(out), exc.end


codecs.register_error("docmine-cp1252", _cp1252_fallback)


def decode_text(data: bytes, rel: str) -> tuple[str, str]:
    """Decode text bytes: BOMs, UTF-8, UTF-16, cp1252/latin-1 (also mixed). Returns (text, encoding).

    >>> decode_text("cliënt €".encode("cp1252"), "x.txt")
    ('cliënt €', 'cp1252')
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="docmine-cp1252"), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ReadError.of("DM109", "utf16", path=rel) from exc
    enc = utf16_without_bom(data[:4096])
    if enc:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="docmine-cp1252")
    try:
        data.decode("ascii", errors="strict")
    except UnicodeDecodeError:
        pass
    # if no valid multi-byte UTF-8 sequence occurs at all, call it cp1252
    try:
        strict_cp = data.decode("cp1252")
    except UnicodeDecodeError:
        strict_cp = None
    if strict_cp is not None and strict_cp == text:
        return text, "cp1252"
    return text, "utf-8+cp1252"


def utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when ``sample`` looks like UTF-16 text without a BOM: the
    NULs of Latin text on one side of every pair (the high byte of each character), few on the
    other. Text padded with NUL bytes has its NULs on both sides: not UTF-16.

    >>> utf16_without_bom("Artikel 1".encode("utf-16-le")), utf16_without_bom(b"Artikel 1" + bytes(64))
    ('utf-16-le', None)
    """
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    high, low = max(even, odd), min(even, odd)
    if high < half * 0.3 or low > high * 0.1:
        return None
    return "utf-16-be" if even > odd else "utf-16-le"


_BINARY_CHARS = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_BINARY_BYTES = bytes([*range(0x01, 0x09), 0x0b, *range(0x0e, 0x20), 0x7f])  # the ASCII part of _BINARY_CHARS
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")  # U+0080-U+009F in UTF-8


def looks_binary(text: str) -> bool:
    """True when a decoded text is mostly control characters (not a text file)."""
    sample = text[:8192]
    if not sample:
        return False
    # C < 32 except \n \r \t \f NUL, and 0x7F-0x9F (_BINARY_CHARS), counted in the UTF-8 bytes:
    # ASCII characters are single bytes there (all others are bytes >= 0x80) and U+0080-U+009F
    # are exactly the pairs C2 80-9F (bytes.translate: 0.013 -> 0.004 ms per text file).
    raw = sample.encode("utf-8", "surrogatepass")
    bad = len(raw) - len(raw.translate(None, _BINARY_BYTES))
    if b"\xc2" in raw:
        bad += len(_C1_UTF8.findall(raw))
    return bad > len(sample) * 0.1
