"""DOCX: paragraphs and tables in document order, heading levels, core properties."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

from ..errors import ReadError
from ..model import Document
from .builder import RawText, build_document

_HEADING = re.compile(r"^(?:heading|kop)\s*(\d)$", re.I)
_TITLE_STYLES = {"title", "titel"}


def check_zip(path: Path, rel: str, limits) -> None:
    """Refuse what is not a DOCX zip, or declares more uncompressed bytes than allowed.

    >>> check_zip(Path("geen-zip.docx"), "geen-zip.docx", Limits())  # doctest: +SKIP
    Traceback (most recent call last):
    ReadError: geen-zip.docx: geen geldig DOCX-bestand (geen zip-archief) [DM112]
    """
    if not zipfile.is_zipfile(path):
        raise ReadError.of("DM112", "docx_not_zip", path=rel)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError.of("DM112", "docx_invalid", path=rel, reason=exc) from None
    limit = getattr(limits, "max_decompressed", 0) or 0
    total = sum(i.file_size for i in infos)
    if limit and total > limit:
        raise _bomb(rel, total, limit)
    if "word/document.xml" not in names:
        raise ReadError.of("DM114", "zip_not_docx", path=rel)
    if limit:
        _check_inflated(path, rel, infos, limit, XML_PER_CHAR * (getattr(limits, "max_text", 0) or 0))


def _bomb(rel: str, total: int, limit: int) -> ReadError:
    return ReadError.of("DM106", path=rel, size_mb=total // (1024 * 1024), limit_mb=limit // (1024 * 1024))


_CHUNK = 1 << 20
# Bytes of XML (text and mark-up) a DOCX may hold per character of --max-text: python-docx keeps
# the whole XML as a tree, ~10 bytes of memory per byte of XML (100 MB of XML took 960 MB).
XML_PER_CHAR = 4


def _check_inflated(path: Path, rel: str, infos: list[zipfile.ZipInfo], limit: int, xml_limit: int = 0) -> None:
    """Unpack every member as far as its compressed data goes, counting what comes out and
    stopping as soon as the total passes ``limit`` (DM106): the sizes a zip declares can lie.
    A member that unpacks to another size than declared makes the file corrupt (DM112). More
    XML than ``xml_limit`` is more text than --max-text allows (DM117)."""
    total = xml = 0
    with open(path, "rb") as fh:
        for info in infos:
            fh.seek(info.header_offset)
            head = fh.read(30)
            if len(head) < 30 or head[:4] != b"PK\x03\x04":
                raise ReadError.of("DM112", "docx_member_head", path=rel, member=info.filename)
            name_len, extra_len = struct.unpack("<HH", head[26:30])
            fh.seek(info.header_offset + 30 + name_len + extra_len)
            size = _inflated_size(fh, info, limit - total, rel)
            total += size
            if total > limit:
                raise _bomb(rel, total, limit)
            if size != info.file_size:
                raise ReadError.of("DM112", "docx_member_size", path=rel, member=info.filename, size=size,
                                   declared=info.file_size)
            if info.filename.endswith((".xml", ".rels")):
                xml += size
                if xml_limit and xml > xml_limit:
                    raise ReadError.of("DM117", "docx_xml", path=rel, xml_mb=xml_limit // (1024 * 1024))


def _inflated_size(fh, info: zipfile.ZipInfo, room: int, rel: str) -> int:
    """Bytes the member at ``fh`` unpacks to, counted up to ``room`` + 1 (then it stops)."""
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        size = 0
        while size <= room and left > 0:
            data = fh.read(min(_CHUNK, left))
            if not data:
                break
            size += len(data)
            left -= len(data)
        return size
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise ReadError.of("DM112", "docx_member_compression", path=rel, member=info.filename)
    inflate = zlib.decompressobj(-15)
    size = 0
    try:
        while not inflate.eof and size <= room:
            data = inflate.unconsumed_tail or fh.read(min(_CHUNK, left))
            if not data:
                break
            if not inflate.unconsumed_tail:
                left -= len(data)
            size += len(inflate.decompress(data, _CHUNK))
    except zlib.error:
        raise ReadError.of("DM112", "docx_member_corrupt", path=rel, member=info.filename) from None
    return size


def _iso(value) -> str | None:
    if value is None:
        return None
    try:
        return value.isoformat()
    except AttributeError:
        return str(value)


def read_docx(path: Path, rel: str, limits) -> Document:
    """Read a DOCX: body paragraphs and tables interleaved as in the document.

    >>> doc = read_docx(Path("werkinstructie.docx"), "werkinstructie.docx", Limits())  # doctest: +SKIP
    >>> [b.level for b in doc.blocks if b.kind == "heading"]
    [1, 2]
    """
    check_zip(path, rel, limits)
    import docx

    try:
        d = docx.Document(str(path))
    except MemoryError:
        raise
    except Exception as exc:
        # lxml's "Memory allocation failed" (or "unknown error"): the worker's memory limit
        if "memory" in str(exc).lower() or str(exc).startswith("unknown error"):
            raise MemoryError(str(exc)) from None
        raise ReadError.of("DM112", "docx_unreadable", path=rel, exc_type=type(exc).__name__, exc=exc) from None
    try:
        return _render(d, rel, limits)
    except (ReadError, MemoryError):
        raise
    except Exception as exc:  # a zip that python-docx opens but whose XML is not a Word body
        raise ReadError.of("DM112", "docx_corrupt", path=rel, exc_type=type(exc).__name__) from None


def _header_footer(d) -> dict[str, str]:
    """The text of the page header and footer parts (every section, first-page and even-page
    variants, tables in them), each distinct line once: ``{"header": ..., "footer": ...}``."""
    out: dict[str, list[str]] = {"header": [], "footer": []}
    for section in d.sections:
        for key, parts in (("header", (section.header, section.first_page_header, section.even_page_header)),
                           ("footer", (section.footer, section.first_page_footer, section.even_page_footer))):
            for part in parts:
                if part.is_linked_to_previous and section is not d.sections[0]:
                    continue
                lines = [p.text for p in part.paragraphs]
                lines += [" | ".join(c.text for c in row.cells) for t in part.tables for row in t.rows]
                for line in lines:
                    line = " ".join(line.split())
                    if line and line not in out[key]:
                        out[key].append(line)
    return {k: "\n".join(v) for k, v in out.items() if v}


def _render(d, rel: str, limits=None) -> Document:
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    rt = RawText.limited(rel, limits)
    title = None
    body = d.element.body
    # Paragraph.style scans every style for the default on each call (85% of read time on a
    # one-page file); look the names up once instead.
    from docx.enum.style import WD_STYLE_TYPE

    style_names = {s.style_id: s.name for s in d.styles if s.type == WD_STYLE_TYPE.PARAGRAPH and s.style_id}
    default = d.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default_name = default.name if default is not None else ""
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, d)
            text = p.text
            if not text.strip():
                continue
            sid = child.style
            style = (style_names.get(sid, default_name) if sid else default_name) or ""
            m = _HEADING.match(style.strip())
            if style.strip().lower() in _TITLE_STYLES:
                rt.block("heading", text, level=0)
                title = title or " ".join(text.split())
            elif m:
                rt.block("heading", text, level=int(m.group(1)))
            else:
                rt.para(text)
        elif tag == "tbl":
            t = DocxTable(child, d)
            rows = []
            for row in t.rows:
                cells = []
                prev = None
                for cell in row.cells:
                    # a cell merged across columns repeats itself: its text once, the other
                    # columns empty (so the columns after it stay in their place)
                    cells.append("" if prev is not None and cell._tc is prev else " ".join(par.text for par in cell.paragraphs))
                    prev = cell._tc
                if len(cells) > 1 and not any(c.strip() for c in cells[1:]) and len({id(c._tc) for c in row.cells}) == 1:
                    cells = cells[:1]  # one cell over the whole row: a group heading
                rows.append(cells)
            rt.table(rows)
    cp = d.core_properties
    metadata = {}
    for key, value in (("title", cp.title), ("author", cp.author), ("created", _iso(cp.created)),
                       ("modified", _iso(cp.modified)), ("subject", cp.subject), ("keywords", cp.keywords),
                       ("last_modified_by", cp.last_modified_by), ("version", cp.version)):
        if value:
            metadata[key] = value.strip() if isinstance(value, str) else value
    for key, text in _header_footer(d).items():
        metadata[key] = text
    if not rt.length:
        raise ReadError.of("DM110", "docx", path=rel)
    return build_document(rel, "docx", rt, furniture=False, ocr=False, metadata=metadata,
                          title=metadata.get("title") or title)
