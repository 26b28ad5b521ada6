"""DOCX: paragraphs and tables in document order, heading levels, core properties."""

from __future__ import annotations

import re
import zipfile
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
        raise ReadError("geen geldig DOCX-bestand (geen zip-archief)", path=rel, code="DM112",
                        hint="open het in Word en sla het opnieuw op als .docx")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"geen geldig DOCX-bestand ({exc})", path=rel, code="DM112",
                        hint="open het in Word en sla het opnieuw op als .docx") from None
    limit = getattr(limits, "max_decompressed", 0) or 0
    total = sum(i.file_size for i in infos)
    if limit and total > limit:
        raise ReadError(f"DOCX pakt uit tot {total // (1024 * 1024)} MB, meer dan de limiet van "
                        f"{limit // (1024 * 1024)} MB (mogelijk een zip-bom)", path=rel, code="DM106",
                        hint="controleer het bestand; verhoog zo nodig de limiet met --max-decompressed")
    if "word/document.xml" not in names:
        raise ReadError("zip-archief zonder word/document.xml: geen Word-document", path=rel, code="DM114",
                        hint="geef het bestand de juiste extensie of sla het op als .docx")


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
    except Exception as exc:
        raise ReadError(f"DOCX kan niet worden gelezen ({type(exc).__name__}: {exc})", path=rel, code="DM112",
                        hint="open het in Word en sla het opnieuw op als .docx") from None
    try:
        return _render(d, rel)
    except ReadError:
        raise
    except Exception as exc:  # a zip that python-docx opens but whose XML is not a Word body
        raise ReadError(f"DOCX is beschadigd ({type(exc).__name__})", path=rel, code="DM112",
                        hint="open het in Word en sla het opnieuw op als .docx") from None


def _render(d, rel: str) -> Document:
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    rt = RawText()
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
                    if prev is not None and cell._tc is prev:  # merged cell repeats itself
                        continue
                    prev = cell._tc
                    cells.append(" ".join(par.text for par in cell.paragraphs))
                rows.append(cells)
            rt.table(rows)
    cp = d.core_properties
    metadata = {}
    for key, value in (("title", cp.title), ("author", cp.author), ("created", _iso(cp.created)),
                       ("modified", _iso(cp.modified)), ("subject", cp.subject), ("keywords", cp.keywords),
                       ("last_modified_by", cp.last_modified_by), ("version", cp.version)):
        if value:
            metadata[key] = value.strip() if isinstance(value, str) else value
    if not rt.length:
        raise ReadError("DOCX bevat geen tekst", path=rel, code="DM110", hint="controleer of dit het juiste bestand is")
    return build_document(rel, "docx", rt, furniture=False, ocr=False, metadata=metadata,
                          title=metadata.get("title") or title)
