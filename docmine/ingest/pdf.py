"""PDF: pypdfium2 for the text layer of every page; pdfplumber only on pages that look like tables.

pdfplumber alone parses about 3 pages/s here; PDFium reads the text layer ~50x faster. Its layout
analysis is worth its cost only for tables, so a cheap test on the PDFium text picks the pages
that hold several lines with numeric/euro columns and only those pages go through pdfplumber.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from ..errors import ReadError
from ..model import Document, Table
from .builder import RawText, build_document, text_too_large
from .ocr import render_scale
from .pdf_layout import LineStyle, headings, page_lines
from .scan import ocr_pages, unavailable_reason

_NUMBER = re.compile(r"(?:€\s*)?\d+(?:[.,]\d+)*(?:\s*%)?")
_DECIMAL = re.compile(r"\d[.,]\d\d\b")
# Characters of a page above which its tables are not looked for: a dense A4 page holds ~6,000;
# pdfplumber's layout analysis keeps an object per character (a page of 1.1 million took 2.3 GB
# and 35 s).
TABLE_PAGE_MAX_CHARS = 30_000
_UNIT = re.compile(r"\b(uur|uren|dagdel(en)?|etmaal|etmalen|minuten|contactmomenten|per (week|maand|jaar))\b", re.I)
_PAGE_NO = re.compile(r"\b(pagina|page|blz\.?)\s*\d+", re.I)
# a yes/no answer standing between other words, as a form's ja/nee column reads in a line
_ANSWER = re.compile(r"\S\s(?:ja|nee)(?:\s\S|\s*$)")
_PDF_DATE = re.compile(r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")


def _open(path: Path, rel: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg or "security" in msg:
            raise ReadError.of("DM111", path=rel) from None
        raise ReadError.of("DM112", "pdf", path=rel) from None


def _render(pdf, n: int):
    """Page ``n`` (1-based) as a grey PIL image at the resolution OCR reads best."""
    page = pdf[n - 1]
    try:
        return page.render(scale=render_scale(*page.get_size()), grayscale=True).to_pil()
    finally:
        page.close()


def looks_like_table(page_text: str) -> bool:
    """Cheap test on a page's text: at least two lines with two or more numeric/euro columns.

    >>> looks_like_table("Laag 2 uur € 55,00\\nMidden 4 uur € 60,50\\n")
    True
    >>> looks_like_table("Artikel 3\\nDe cliënt ontvangt een beschikking.")
    False
    >>> looks_like_table("Hulpvraag ja Hulp bij de post\\nNetwerk nee\\nResultaat ja Zelf koken")
    True
    """
    hits = answers = 0
    for line in page_text.splitlines():
        if len(line) > 200 or _PAGE_NO.search(line):
            continue
        if _ANSWER.search(line):  # a ja/nee column of a form or checklist
            answers += 1
            if answers >= 3:
                return True
        nums = _NUMBER.findall(line)
        if not nums:
            continue
        money = "€" in line or any(_DECIMAL.search(x) for x in nums)
        if (money and len(nums) >= 1) or len(nums) >= 3 or (len(nums) >= 2 and _UNIT.search(line)):
            hits += 1
            if hits >= 2:
                return True
    return False


def extract_tables(path: str | Path, pages: list[int]) -> list[Table]:
    """Tables on the given 1-based pages, found by pdfplumber's layout analysis.

    >>> extract_tables("arrangementen.pdf", [3])  # doctest: +SKIP
    [Table(rows=[['Niveau', 'Omvang', 'Tarief'], ...], page=3)]
    """
    return [t for t, _bbox, _h in _plumber_tables(path, pages)]


def _draws_nothing(page) -> bool:
    """True when a PDFium page has no path (and no form) object: pdfplumber finds tables by their
    ruling lines (its default strategy), which come only from paths, so there it finds none."""
    import pypdfium2.raw as pdfium_c

    for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, k)) in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            return False
    return True


def _plumber_tables(path: str | Path, pages: list[int], no_lines: frozenset[int] | set[int] = frozenset()):
    """``no_lines``: pages that draw no lines (PDFium): opened like the others, not analysed."""
    import pdfplumber

    out = []
    with pdfplumber.open(str(path)) as pdf:
        for n in pages:
            if not 1 <= n <= len(pdf.pages):
                continue
            page = pdf.pages[n - 1]
            if n in no_lines:  # no ruling lines, no tables: skip the layout analysis (~0.15 s CPU a page)
                page.close()
                continue
            try:
                found = page.find_tables()
            except Exception:  # layout analysis failed on this page: keep the PDFium text
                continue
            for t in found:
                rows = [[(c or "").strip() for c in row] for row in t.extract()]
                rows = [r for r in rows if any(r)]
                if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                    out.append((Table(rows, page=n), t.bbox, float(page.height)))
            page.close()
    return out


def _pdf_date(value: str | None) -> str | None:
    if not value:
        return None
    m = _PDF_DATE.match(value.strip())
    if not m or not m.group(2):
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3) or "01"
    s = f"{y}-{mo}-{d}"
    if m.group(4):
        s += f"T{m.group(4)}:{m.group(5) or '00'}:{m.group(6) or '00'}"
    return s


SCAN_TEXT_MAX = 100  # characters: no more text than this over a page-sized image (a stamp, a page number): a scan


def _looks_scanned(page, text: str) -> bool:
    """A page to read by OCR: no text layer, or hardly any text over an image that covers at
    least half the page (a scanner's stamp or page number over the scan)."""
    stripped = text.strip()
    if not stripped:
        return True
    if len(stripped) > SCAN_TEXT_MAX:
        return False
    import pypdfium2.raw as pdfium_c

    w, h = page.get_size()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= 0.5 * w * h:
            return True
    return False


class _Pages:
    """The text of a PDF's pages as PDFium reads them, and what is known of each page: for the
    table analysis table-like by the cheap test (run once: 0.25 ms a page), drawing no lines, too
    crowded for it; for OCR whether it looks scanned. Stops at the document's time and text limits."""

    def __init__(self, rel: str, limits, tables: bool, t0: float) -> None:
        self.rel = rel
        self.tables = tables
        self.timeout = getattr(limits, "timeout", 0) or 0
        self.max_text = getattr(limits, "max_text", 0) or 0
        self.t0 = t0
        self.total = 0
        self.texts: list[str] = []
        self.table_like: list[bool] = []
        self.no_lines: set[int] = set()  # table-like pages without ruling lines
        self.crowded: list[int] = []  # pages with too much text for the table analysis
        self.scanned: list[int] = []  # pages to read by OCR (1-based)
        self.styles: list[list[LineStyle]] = []  # the type of each page's lines (pdf_layout)

    def read(self, pdf, i: int, n_pages: int) -> None:
        try:
            page = pdf[i]
            tp = page.get_textpage()
            raw = tp.get_text_range()
            # the fonts by character index: only when the text has one character per index
            text, styles = page_lines(tp.raw if len(raw) == tp.count_chars() else None, raw, page.get_height())
            tp.close()
            self._add(text, i + 1, page)
            self.styles.append(styles)
            page.close()
        except (ReadError, MemoryError):
            raise
        except Exception:  # a broken page: note it, read the rest (maybe OCR can read it)
            if len(self.texts) == i:
                self.texts.append("")
                self.table_like.append(False)
                self.scanned.append(i + 1)
            del self.styles[len(self.texts) - 1:]
            self.styles.append([])
        if self.timeout and time.monotonic() - self.t0 > self.timeout:
            raise ReadError.of("DM108", "reading", path=self.rel, seconds=self.timeout, page_no=i + 1, pages=n_pages)

    def _add(self, text: str, n: int, page) -> None:
        self.total += len(text)
        if self.max_text and self.total > self.max_text:
            raise text_too_large(self.rel, self.max_text)
        crowded = len(text) > TABLE_PAGE_MAX_CHARS
        if crowded:
            self.crowded.append(n)
        like = self.tables and not crowded and looks_like_table(text)
        if like:
            try:
                if _draws_nothing(page):
                    self.no_lines.add(n)
            except Exception:  # cannot tell: pdfplumber looks at the page as before
                pass
        scanned = _looks_scanned(page, text)
        self.texts.append(text)
        self.table_like.append(like)
        if scanned:
            self.scanned.append(n)

    def warnings(self) -> list[str]:
        if not self.crowded:
            return []
        return [f"pagina {_pages_named(self.crowded)} bevat meer dan {TABLE_PAGE_MAX_CHARS} tekens; "
                f"tabellen daarop zijn niet gezocht"]


def _pages_named(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:10])) + (" ..." if len(numbers) > 10 else "")


def _metadata(meta: dict) -> dict:
    """Title, author, creation and modification dates from the PDF's document information."""
    metadata = {}
    for key, name in (("Title", "title"), ("Author", "author")):
        value = (meta.get(key) or "").strip()
        if value and value.lower() not in ("untitled", "anonymous", "unknown", "(anonymous)"):
            metadata[name] = value
    for key, name in (("CreationDate", "created"), ("ModDate", "modified")):
        d = _pdf_date(meta.get(key))
        if d:
            metadata[name] = d
    return metadata


def read_pdf(path: Path, rel: str, limits, tables: bool = True) -> Document:
    """Read a PDF: text per page (PDFium), tables on table-like pages (pdfplumber).

    >>> doc = read_pdf(Path("verordening.pdf"), "verordening.pdf", Limits())  # doctest: +SKIP
    >>> doc.pages[0].number
    1
    """
    t0 = time.monotonic()
    pdf = _open(path, rel)
    try:
        n_pages = len(pdf)
        max_pages = getattr(limits, "max_pages", 0) or 0
        if max_pages and n_pages > max_pages:
            raise ReadError.of("DM105", path=rel, pages=n_pages, limit=max_pages)
        if n_pages == 0:
            raise ReadError.of("DM112", "pdf_no_pages", path=rel)
        pages = _Pages(rel, limits, tables, t0)
        for i in range(n_pages):
            pages.read(pdf, i, n_pages)
        page_texts = pages.texts
        try:
            meta = pdf.get_metadata_dict()
        except Exception:
            meta = {}
        # scanned pages: OCR, while the PDF is open to render them (without OCR: only the pages
        # without any text count as missing; a stamp over a scan stays what is read)
        scanned = pages.scanned
        if scanned and unavailable_reason(limits) is not None:
            scanned = [n for n in scanned if not page_texts[n - 1].strip()]
        ocr_texts, scan = ocr_pages(scanned, n_pages, lambda n: _render(pdf, n), rel, limits, started=t0)
        for n, text in ocr_texts.items():
            page_texts[n - 1] = text
            pages.styles[n - 1] = []  # OCR text: no fonts known
    finally:
        pdf.close()

    warnings = list(scan.warnings) + pages.warnings()

    # tables: only where the cheap test says so
    table_pages = [i + 1 for i, like in enumerate(pages.table_like) if like]
    per_page: dict[int, list[tuple[Table, tuple, float]]] = {}
    if table_pages:
        try:
            for tab, bbox, height in _plumber_tables(path, table_pages, pages.no_lines):
                per_page.setdefault(tab.page, []).append((tab, bbox, height))
        except MemoryError:
            raise
        except Exception as exc:  # pdfplumber could not parse what PDFium could: keep the text
            warnings.append(f"tabellen konden niet worden herkend ({type(exc).__name__})")

    rt = RawText.limited(rel, limits)
    for i, (text, heads) in enumerate(zip(page_texts, headings(pages.styles))):
        n = i + 1
        if i:
            rt.page_break()
        lines = _Lines(rt, text.split("\n"), heads)
        if n in per_page:
            _add_page_with_tables(lines, per_page[n], n)
        else:
            lines.add(0, len(lines.lines))
        rt.newline(1)
    metadata = _metadata(meta)
    metadata["pages"] = n_pages
    scan.add_to(metadata)
    if table_pages:
        metadata["table_pages"] = table_pages
    doc = build_document(rel, "pdf", rt, furniture=True, ocr=True, metadata=metadata,
                         title=metadata.get("title"), warnings=warnings)
    _running_by_place(doc.metadata, pages.styles)
    return doc


def _running_by_place(metadata: dict, styles: list[list[LineStyle]]) -> None:
    """The running lines normalisation put under ``header`` or ``footer`` by their place in the
    text, sorted by their place on the page: a footer a PDF writer put before the body is a footer."""
    top = {}
    for page in styles:
        for ls in page:
            if ls.top is not None:
                top.setdefault(" ".join(ls.text.split()), ls.top)
    placed: dict[str, list[str]] = {"header": [], "footer": []}
    for key in ("header", "footer"):
        for line in filter(None, (metadata.pop(key, "") or "").split("\n")):
            upper = top.get(line)
            placed[key if upper is None else "header" if upper else "footer"].append(line)
    metadata.update({key: "\n".join(lines) for key, lines in placed.items() if lines})


class _Lines:
    """A page's lines going into ``rt``, each heading (first line, last line, level) recorded as a
    heading block when its lines go in."""

    def __init__(self, rt: RawText, lines: list[str], heads: list[tuple[int, int, int]]) -> None:
        self.rt, self.lines, self.heads = rt, lines, heads

    def add(self, a: int, b: int) -> None:
        """Lines ``[a, b)``."""
        start = self.rt.add("\n".join(self.lines[a:b]))[0]
        for first, last, level in self.heads:
            if a <= first and last < b:
                s = start + sum(len(x) + 1 for x in self.lines[a:first])
                e = s + sum(len(x) + 1 for x in self.lines[first:last + 1]) - 1
                self.rt.blocks.append(("heading", s, e, level, {}))


def _add_page_with_tables(page: _Lines, tables: list[tuple[Table, tuple, float]], n: int) -> None:
    """Put the page's lines in its RawText with each table's lines replaced by its ``a | b | c`` rows."""
    rt, lines = page.rt, page.lines
    replaced: list[tuple[int, int, Table]] = []
    for tab, _bbox, _h in tables:
        span = _locate(lines, tab.rows, replaced)
        if span:
            replaced.append((span[0], span[1], tab))
    replaced.sort(key=lambda t: t[0])
    pos = 0
    for a, b, tab in replaced:
        if a > pos:
            page.add(pos, a)
        rt.table(tab.rows, page=n, sep=1)
        pos = b
    if "\n".join(lines[pos:]).strip():
        rt.newline(1)
        page.add(pos, len(lines))
    for tab, _bbox, _h in tables:
        if not any(t is tab for _, _, t in replaced):
            rt.table(tab.rows, page=n)  # could not place it: add it after the page text


def _key(s: str) -> str:
    return "".join(s.split()).lower()


def _locate(lines: list[str], rows: list[list[str]], taken) -> tuple[int, int] | None:
    """Line range [a, b) of the page text holding the table: from the line holding every cell of
    the first row to the line holding every cell of the last row."""
    def cell_keys(row):
        return [k for k in (_key(c.split("\n")[0]) for c in row) if k]

    first, last = cell_keys(rows[0]), cell_keys(rows[-1])
    if not first or not last:
        return None
    keys = [_key(x) for x in lines]
    busy = set()
    for a, b, _ in taken:
        busy.update(range(a, b))
    whole_last = _key(" ".join(rows[-1]))
    for a, k in enumerate(keys):
        # a header cell may wrap and PDFium may read it a line later ("Bespr" / "oken" / "Toelichting")
        head = "".join(keys[a:a + 3])
        if a in busy or not (all(f in k for f in first) or k.startswith(first[0]) and all(f in head for f in first)):
            continue
        for b in range(a, min(len(keys), a + 4 * len(rows) + 10)):
            if b in busy:
                break
            if all(x in keys[b] for x in last):
                while b + 1 < len(keys) and b + 1 not in busy and keys[b + 1] and keys[b + 1] in whole_last:
                    b += 1  # the last row's cells go on over more lines
                return a, b + 1
    return None
