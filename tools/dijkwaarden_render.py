"""Renderers for the Dijkwaarden development corpus (see tools/build_corpus_dijkwaarden.py).

Source markup (one block per line; shared by the PDF and DOCX renderers):

    @key: value          document properties at the top: title, author, date (YYYY-MM-DD),
                         header (running header / DOCX header part), footer (running footer /
                         DOCX footer part; "{n}" and "{m}" become page number and page count in PDF),
                         pagesize (A4 or A5), subject
    = text               document title
    # text .. #### text  headings of depth 1-4 (in a PDF with [[toc]] they go into the contents;
                         "heading {{toc:other text}}" puts another text in the contents, as a
                         contents page that was not refreshed after a heading changed)
    - text               bullet item
    |a|b|c|              table row; the first row of a run is the header row.  A cell "^^" is
                         merged into the cell above it, a cell "<<" into the cell on its left.
    [[page]]             page break
    [[toc]]              table of contents with dotted leaders and page numbers (PDF)
    [[two]] / [[one]]    continue on a new page in two columns / in one column (PDF)
    [[space]]            vertical white space
    **text**             a bold paragraph
    anything else        a paragraph
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

# --------------------------------------------------------------------------- markup


def parse_markup(text: str) -> tuple[dict, list[tuple[str, object]]]:
    meta: dict = {}
    blocks: list[tuple[str, object]] = []
    table: list[list[str]] | None = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            table = table if table is not None else []
            table.append([c.strip() for c in line[1:-1].split("|")])
            continue
        if table is not None:
            blocks.append(("table", table))
            table = None
        if not line.strip():
            continue
        if line.startswith("@") and not blocks and ":" in line:
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
        elif line in ("[[page]]", "[[toc]]", "[[two]]", "[[one]]", "[[space]]"):
            blocks.append((line[2:-2], None))
        elif line.startswith("= "):
            blocks.append(("title", line[2:]))
        elif re.match(r"#{1,4} ", line):
            depth = len(line.split(" ", 1)[0])
            blocks.append((f"h{depth}", line[depth + 1:]))
        elif line.startswith("- "):
            blocks.append(("bullet", line[2:]))
        elif line.startswith("**") and line.endswith("**"):
            blocks.append(("bold", line[2:-2]))
        else:
            blocks.append(("p", line))
    if table is not None:
        blocks.append(("table", table))
    return meta, blocks


# --------------------------------------------------------------------------- PDF (reportlab platypus)


def render_pdf(blocks, meta: dict, path: Path) -> None:
    """A PDF with running header/footer, optional contents page and two-column pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate,
                                    Paragraph, Spacer, Table, TableStyle)
    from reportlab.platypus.tableofcontents import TableOfContents

    size = A5 if meta.get("pagesize") == "A5" else A4
    W, H = size
    small = size == A5
    margin = 46 if small else 62
    base = 9.6 if small else 10

    def st(name, font="Helvetica", fs=base, lead=None, before=0, after=4, indent=0):
        return ParagraphStyle(name, fontName=font, fontSize=fs, leading=lead or fs * 1.35,
                              spaceBefore=before, spaceAfter=after, leftIndent=indent)

    styles = {
        "title": st("title", "Helvetica-Bold", base + 6, after=10),
        "h1": st("h1", "Helvetica-Bold", base + 3, before=8, after=5),
        "h2": st("h2", "Helvetica-Bold", base + 1.5, before=6, after=4),
        "h3": st("h3", "Helvetica-Bold", base + 0.5, before=5, after=3),
        "h4": st("h4", "Helvetica-BoldOblique", base, before=4, after=2),
        "p": st("p"),
        "bold": st("bold", "Helvetica-Bold"),
        "bullet": st("bullet", indent=12),
        "cell": st("cell", fs=base - 1.2, after=0),
        "cellh": st("cellh", "Helvetica-Bold", fs=base - 1.2, after=0),
    }
    has_toc = any(k == "toc" for k, _ in blocks)
    total = {"pages": 0}

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable):
            level = getattr(flowable, "toc_level", None)
            if level is not None:
                self.notify("TOCEntry", (level, flowable.toc_text, self.page))

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5 if small else 8)
        canvas.setFillGray(0.3)
        if meta.get("header"):
            canvas.drawString(margin, H - margin * 0.6, meta["header"])
            canvas.setLineWidth(0.4)
            canvas.line(margin, H - margin * 0.6 - 4, W - margin, H - margin * 0.6 - 4)
        if meta.get("footer"):
            text = meta["footer"].replace("{n}", str(doc.page)).replace("{m}", str(total["pages"] or "?"))
            canvas.drawCentredString(W / 2, margin * 0.45, text)
        canvas.restoreState()
        total["seen"] = max(total.get("seen", 0), doc.page)

    top, bottom = margin * 1.05, margin * 0.95
    fw, fh = W - 2 * margin, H - top - bottom
    gut = 16
    cw = (fw - gut) / 2
    one = PageTemplate("one", [Frame(margin, bottom, fw, fh, id="f1")], onPage=decorate)
    two = PageTemplate("two", [Frame(margin, bottom, cw, fh, id="fa"),
                               Frame(margin + cw + gut, bottom, cw, fh, id="fb")], onPage=decorate)

    def para(text, style):
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    def table(rows, width):
        ncol = max(len(r) for r in rows)
        rows = [r + [""] * (ncol - len(r)) for r in rows]
        lens = [min(max(max(len(r[c]) for r in rows), 5), 48) for c in range(ncol)]
        widths = [width * n / sum(lens) for n in lens]
        data, spans = [], []
        for ri, r in enumerate(rows):
            line = []
            for ci, c in enumerate(r):
                if c == "^^":
                    top_ri = ri
                    while top_ri > 0 and rows[top_ri][ci] == "^^":
                        top_ri -= 1
                    spans.append(("SPAN", (ci, top_ri), (ci, ri)))
                    line.append("")
                elif c == "<<":
                    left = ci
                    while left > 0 and r[left] == "<<":
                        left -= 1
                    spans.append(("SPAN", (left, ri), (ci, ri)))
                    line.append("")
                else:
                    line.append(para(c, styles["cellh" if ri == 0 else "cell"]))
            data.append(line)
        t = Table(data, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")] + spans))
        return t

    def story():
        out, width = [], fw
        if has_toc:
            toc = TableOfContents(dotsMinLevel=0)
            toc.levelStyles = [st(f"toc{i}", fs=base, lead=base * 1.5, indent=14 * i, after=0) for i in range(4)]
        for kind, val in blocks:
            if kind == "page":
                out.append(PageBreak())
            elif kind == "toc":
                out.append(toc)
            elif kind == "two":
                out += [NextPageTemplate("two"), PageBreak()]
                width = cw
            elif kind == "one":
                out += [NextPageTemplate("one"), PageBreak()]
                width = fw
            elif kind == "space":
                out.append(Spacer(1, 18))
            elif kind == "table":
                out += [table(val, width), Spacer(1, 8)]
            elif kind == "bullet":
                out.append(Paragraph("\u2013 " + escape(val), styles["bullet"]))
            else:
                text, _, short = val.partition(" {{toc:")
                p = para(text, styles[kind])
                if has_toc and kind in ("h1", "h2", "h3", "h4"):
                    p.toc_level = int(kind[1]) - 1
                    p.toc_text = short[:-2] if short else text
                out.append(p)
        return out

    def build(target):
        doc = Doc(target, pagesize=size, invariant=1, pageTemplates=[one, two], leftMargin=margin,
                  rightMargin=margin, topMargin=top, bottomMargin=bottom,
                  title=meta.get("title", ""), author=meta.get("author", "Gemeente Dijkwaarden"),
                  subject=meta.get("subject", ""), creator="Microsoft Word", producer="Dijkwaarden DMS")
        if has_toc:
            doc.multiBuild(story())
        else:
            doc.build(story())

    build(io.BytesIO())              # first pass: count the pages for "pagina n van m"
    total["pages"] = total["seen"]
    total["seen"] = 0
    build(str(path))


# --------------------------------------------------------------------------- DOCX (python-docx)


def fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with fixed timestamps and permissions, so that a build is byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def render_docx(blocks, meta: dict, path: Path) -> None:
    """A Word file: heading styles, bullets, tables (with merged cells), real header/footer parts."""
    from docx import Document
    from docx.shared import Pt

    when = dt.datetime.strptime(meta.get("date", "2023-01-02"), "%Y-%m-%d").replace(hour=9)
    d = Document()
    cp = d.core_properties
    cp.title = meta.get("title", "")
    cp.author = meta.get("author", "")
    cp.last_modified_by = meta.get("author", "")
    cp.created = when
    cp.modified = when
    cp.revision = int(meta.get("revision", "1"))
    cp.comments = ""
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    sec = d.sections[0]
    if meta.get("header"):
        sec.header.paragraphs[0].text = meta["header"]
    if meta.get("footer"):
        sec.footer.paragraphs[0].text = meta["footer"]
    for kind, val in blocks:
        if kind == "title":
            d.add_heading(val, level=0)
        elif kind in ("h1", "h2", "h3", "h4"):
            d.add_heading(val, level=int(kind[1]))
        elif kind == "bullet":
            d.add_paragraph(val, style="List Bullet")
        elif kind == "bold":
            d.add_paragraph().add_run(val).bold = True
        elif kind == "p":
            d.add_paragraph(val)
        elif kind == "page":
            d.add_page_break()
        elif kind == "space":
            d.add_paragraph("")
        elif kind == "table":
            _docx_table(d, val)
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    if meta.get("nodate"):
        data = _without_core_dates(data)
    path.write_bytes(fixed_zip(data, when))


def _without_core_dates(data: bytes) -> bytes:
    """Drop the created/modified dates from docProps/core.xml (a file exported without them)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", body)
            dst.writestr(info, body)
    return out.getvalue()


def markup_to_text(blocks, markdown: bool = False) -> str:
    """A plain-text (or Markdown) export of markup, as a user would save it from Word."""
    out: list[str] = []
    for kind, val in blocks:
        if kind == "title":
            out += ["# " + val if markdown else val.upper(), ""]
        elif kind in ("h1", "h2", "h3", "h4"):
            level = int(kind[1]) + 1
            out += ["", ("#" * level + " " + val) if markdown else val, ""]
        elif kind == "bullet":
            out.append(("- " if markdown else "  * ") + val)
        elif kind in ("p", "bold"):
            out += [val, ""] if markdown else [val]
        elif kind == "table":
            out += ["\t".join(r) for r in val]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


def _docx_table(d, rows: list[list[str]]) -> None:
    ncol = max(len(r) for r in rows)
    rows = [r + [""] * (ncol - len(r)) for r in rows]
    t = d.add_table(rows=len(rows), cols=ncol)
    t.style = "Table Grid"
    for ri, r in enumerate(rows):
        for ci, c in enumerate(r):
            if c in ("^^", "<<"):
                continue
            cell = t.cell(ri, ci)
            cell.text = c
            if ri == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    for ri, r in enumerate(rows):          # merge after filling, so that merged text is not doubled
        for ci, c in enumerate(r):
            if c == "^^":
                t.cell(ri - 1, ci).merge(t.cell(ri, ci))
            elif c == "<<":
                t.cell(ri, ci - 1).merge(t.cell(ri, ci))
    d.add_paragraph("")


# --------------------------------------------------------------------------- CVDR XML


HOOFDSTUK = re.compile(r"^Hoofdstuk (\d+[a-z]?)\.? (.+)$")
PARAGRAAF = re.compile(r"^Paragraaf (\d+(?:\.\d+)?)\.? (.+)$")
ARTIKEL = re.compile(r"^Artikel (\d+(?:\.\d+)?[a-z]?)\.? (.+)$")
LID = re.compile(r"^(\d+)\. (.+)$")
ONDERDEEL = re.compile(r"^([a-z]|\d°)\. (.+)$")
EXTREF = re.compile(r"\[\[ref:([^|\]]+)\|([^\]]+)\]\]")


def _inline(text: str) -> str:
    """Escape text and turn [[ref:BWB|text]] into an extref to wetten.overheid.nl."""
    out, pos = [], 0
    for m in EXTREF.finditer(text):
        out.append(escape(text[pos:m.start()]))
        out.append(f'<extref doc="https://wetten.overheid.nl/jci1.3:c:{escape(m.group(1))}" struct="BWB">'
                   f"{escape(m.group(2))}</extref>")
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def parse_regulation(text: str) -> dict:
    """Title, aanhef, hoofdstukken with artikelen (leden, onderdelen), toelichting, sluiting."""
    lines = [ln.rstrip() for ln in text.splitlines() if ln.strip()]
    reg: dict = {"title": lines[0], "aanhef": [], "hoofdstukken": [], "sluiting": [], "toelichting": []}
    state, art, lid = "aanhef", None, None
    for ln in lines[1:]:
        if ln.startswith("Aldus vastgesteld") or ln.startswith("Aldus besloten"):
            state = "sluiting"
        elif ln == "Toelichting":
            state = "toelichting"
            continue
        if state in ("sluiting", "toelichting"):
            reg[state].append(ln)
            continue
        m = HOOFDSTUK.match(ln)
        if m:
            state = "tekst"
            reg["hoofdstukken"].append({"nr": m.group(1), "titel": m.group(2), "artikelen": []})
            continue
        if state == "aanhef":
            reg["aanhef"].append(ln)
            continue
        m = ARTIKEL.match(ln)
        if m:
            art = {"nr": m.group(1), "titel": m.group(2), "al": [], "li": [], "leden": []}
            reg["hoofdstukken"][-1]["artikelen"].append(art)
            lid = None
            continue
        m = LID.match(ln)
        if m and not ln[0].isalpha():
            lid = {"nr": m.group(1), "al": [m.group(2)], "li": []}
            art["leden"].append(lid)
            continue
        m = ONDERDEEL.match(ln)
        if m:
            (lid["li"] if lid else art["li"]).append((m.group(1), m.group(2)))
            continue
        (lid["al"] if lid else art["al"]).append(ln)
    return reg


def cvdr_xml(reg: dict, meta: dict) -> str:
    """CVDR XML in the structure lokaleregelgeving.overheid.nl publishes (owmskern, owmsmantel,
    cvdripm; body/regeling with aanhef, regeling-tekst, regeling-sluiting)."""
    ns = ('xmlns="http://standaarden.overheid.nl/cvdr/terms/" xmlns:dcterms="http://purl.org/dc/terms/" '
          'xmlns:overheid="http://standaarden.overheid.nl/owms/terms/" '
          'xmlns:overheidrg="http://standaarden.overheid.nl/cvdr/meta/" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://standaarden.overheid.nl/cvdr/terms/  '
          'http://decentrale.regelgeving.overheid.nl/cvdr/xsd/cvdr.xsd"')
    src = "".join(f'<dcterms:source resourceIdentifier="1.0:c:{b}">{escape(t)}</dcterms:source>'
                  for t, b in meta["sources"])
    x = [f'<?xml version="1.0" encoding="utf-8"?><cvdr {ns}><!--export0.92-->',
         "<meta><owmskern>",
         f"<dcterms:identifier>{meta['identifier']}</dcterms:identifier>",
         f"<dcterms:title>{escape(reg['title'])}</dcterms:title><dcterms:language>nl</dcterms:language>",
         '<dcterms:type scheme="overheid:Informatietype">regeling</dcterms:type>',
         f'<dcterms:creator scheme="overheid:Gemeente">{meta.get("gemeente", "Dijkwaarden")}</dcterms:creator>',
         f"<dcterms:modified>{meta['modified']}</dcterms:modified></owmskern><owmsmantel>",
         f'<dcterms:isFormatOf resourceIdentifier="https://zoek.officielebekendmakingen.nl/{meta["publicatie"]}">'
         f"{meta['publicatie']}</dcterms:isFormatOf>",
         f"<dcterms:alternative>{escape(meta.get('alternative', reg['title']))}</dcterms:alternative>{src}",
         f'<overheid:isRatifiedBy scheme="overheid:BestuursorgaanGemeente">{meta["orgaan"]}</overheid:isRatifiedBy>',
         "<dcterms:subject>maatschappelijke zorg en welzijn</dcterms:subject>",
         f"<dcterms:issued>{meta['issued']}</dcterms:issued>",
         "<dcterms:rights>De tekst in dit document is vrij van auteursrecht en databankrecht</dcterms:rights>",
         "</owmsmantel><cvdripm>",
         f"<overheidrg:inwerkingtredingDatum>{meta['inwerking']}</overheidrg:inwerkingtredingDatum>",
         f"<overheidrg:betreft>{meta.get('betreft', 'nieuwe regeling')}</overheidrg:betreft>",
         f"<overheidrg:kenmerk>{meta.get('kenmerk', 'n.v.t.')}</overheidrg:kenmerk>",
         "</cvdripm></meta>",
         f"<body><intitule>{escape(reg['title'])}</intitule><regeling><aanhef><preambule>"]
    x += [f"<al>{_inline(a)}</al>" for a in reg["aanhef"]]
    x.append("</preambule></aanhef><regeling-tekst>")

    def lijst(items):
        return ('<lijst type="expliciet">' + "".join(f'<li nr="{escape(n)}."><al>{_inline(t)}</al></li>'
                                                    for n, t in items) + "</lijst>")

    for h in reg["hoofdstukken"]:
        x.append(f"<hoofdstuk><kop><label>Hoofdstuk</label><nr>{h['nr']}</nr><titel>{escape(h['titel'])}</titel></kop>")
        for a in h["artikelen"]:
            x.append(f"<artikel><kop><label>Artikel</label><nr>{a['nr']}</nr><titel>{escape(a['titel'])}</titel></kop>")
            x += [f"<al>{_inline(t)}</al>" for t in a["al"]]
            if a["li"]:
                x.append(lijst(a["li"]))
            for lid in a["leden"]:
                x.append(f"<lid><lidnr>{lid['nr']}.</lidnr>" + "".join(f"<al>{_inline(t)}</al>" for t in lid["al"]))
                if lid["li"]:
                    x.append(lijst(lid["li"]))
                x.append("</lid>")
            x.append("</artikel>")
        x.append("</hoofdstuk>")
    x.append("</regeling-tekst><regeling-sluiting>")
    sl = reg["sluiting"]
    x.append(f"<slotformulering><al>{escape(sl[0])}</al></slotformulering><ondertekening>")
    x += [f"<functie>{escape(s)}</functie>" for s in sl[1:]]
    x.append("</ondertekening></regeling-sluiting>")
    if reg["toelichting"]:
        x.append("<toelichting><kop><titel>Toelichting</titel></kop><structuurtekst>")
        x += [f"<al>{_inline(t)}</al>" for t in reg["toelichting"]]
        x.append("</structuurtekst></toelichting>")
    x.append("</regeling></body></cvdr>\n")
    return "".join(x)
