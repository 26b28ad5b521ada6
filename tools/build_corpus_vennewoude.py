"""Build corpus-vennewoude/ (the third sample municipality, Vennewoude) from tools/corpus_vennewoude_src/.

    .venv/bin/python tools/build_corpus_vennewoude.py [OUT]     # default: corpus-vennewoude/

The hand-written .txt, .md and .html documents are written in corpus-vennewoude/ itself (their one
copy; VERBATIM lists them); PDF, DOCX and CVDR XML are rendered
from the markup of tools/dijkwaarden_render.py, with two layouts of its own:

* ``@@NAME`` before a block (productboek): the level name is printed in the page margin beside the
  block's first line, on two-column pages, as a printed product book does;
* a paragraph that starts with ``**Name.**`` (arrangementen jeugd): a bold run-in heading in the
  same paragraph as its text (DOCX).

Running it twice gives byte-identical files.  EXPECTED.yaml and README.md are written by hand.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dijkwaarden_render as dr  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tools" / "corpus_vennewoude_src"
OUT = ROOT / "corpus-vennewoude"

# written by hand in corpus-vennewoude/ itself (plain text, Markdown, HTML): the corpus file is
# their one source; a build into another folder copies them from there
VERBATIM = [
    "producten/wegwijzer/dagactiviteiten.html",
    "producten/Kortdurend_verblijf_en_respijt.md",
    "dossiers/beschikkingen/Beschikking_VW-2024-0451_scootmobiel.txt",
    "dossiers/beschikkingen/besluit-jeugdhulp-VJ-2024-118.html",
    "dossiers/verslagen/Verslag_jeugd_VJ-2024-118.txt",
    "dossiers/verslagen/Verslag_VW-2024-0451.md",
    "werkinstructies/wi-vervoer-op-maat.md",
    "werkinstructies/WI_spoedaanvraag.txt",
    "archief/tekstexport_beleidsregels_hulpmiddelen_2016.txt",
    "informatie/veelgestelde-vragen-wmo.html",
]

RENDER = {
    "beschikking_0412.txt": ("dossiers/beschikkingen/Besluit_VW-2024-0412_begeleiding.docx", "docx"),
    "beschikking_0433.txt": ("dossiers/beschikkingen/Beschikking_VW-2024-0433_hbh.pdf", "pdf"),
    "verslag_0412.txt": ("dossiers/verslagen/Verslag_VW-2024-0412.docx", "docx"),
    "verslag_0433.txt": ("dossiers/verslagen/Verslag_VW-2024-0433_keukentafel.pdf", "pdf"),
    "wi_huisbezoek.txt": ("werkinstructies/Werkinstructie_huisbezoek_voorbereiden.docx", "docx"),
    "wi_pgb.txt": ("werkinstructies/Werkinstructie_budgetplan_pgb.docx", "docx"),
    "werkboek_toegang_2024.txt": ("handboek/Werkboek_Toegang_Sociaal_Domein_2024.pdf", "pdf"),
    "notitie_begrippen_2024.txt": ("raad/Notitie_opschoning_begrippen_2024.docx", "docx"),
}

REGULATION = ("verordening_wmo_2022.txt", "regelgeving/Verordening_maatschappelijke_ondersteuning_Vennewoude_2022.xml", {
    "gemeente": "Vennewoude", "identifier": "CVDR661204_1", "modified": "2021-12-22", "issued": "2021-12-16", "inwerking": "2022-01-01",
    "publicatie": "gmb-2021-480122", "orgaan": "gemeenteraad", "kenmerk": "RV-2021-77",
    "sources": [("Wet maatschappelijke ondersteuning 2015", "BWBR0035362")],
})

MARGIN_PDF = ("productboek_wmo_2024.txt", "producten/Productboek_Wmo_Vennewoude_2024.pdf")
RUNIN_DOCX = ("arrangementen_jeugd_2024.txt", "producten/Arrangementen_jeugdhulp_Vennestreek_2024.docx")

RUNIN = re.compile(r"^\*\*(.+?)\*\*\s+(.*)$")


def parse_with_margins(text: str) -> tuple[dict, list]:
    """dr.parse_markup, with '@@NAME' lines turned into ('margin', NAME) blocks."""
    meta, blocks = dr.parse_markup(text)
    return meta, [("margin", v[2:]) if k == "p" and v.startswith("@@") else (k, v) for k, v in blocks]


def render_margin_pdf(blocks, meta: dict, path: Path) -> None:
    """Two-column A4 pages whose level names stand in the margin beside the first line of a block;
    a one-column page (after [[one]]) for the tariff list."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak,
                                    PageTemplate, Paragraph, Table, TableStyle)

    W, H = A4
    margin, gutter, top, bottom = 74, 58, 70, 60
    cw = (W - 2 * margin - gutter) / 2

    def st(name, font="Helvetica", fs=9.5, before=0, after=3):
        return ParagraphStyle(name, fontName=font, fontSize=fs, leading=fs * 1.3, spaceBefore=before, spaceAfter=after)

    styles = {"title": st("title", "Helvetica-Bold", 17, after=8), "h1": st("h1", "Helvetica-Bold", 12, 8, 4),
              "p": st("p"), "bold": st("bold", "Helvetica-Bold"), "cell": st("cell", fs=8.5, after=0),
              "cellh": st("cellh", "Helvetica-Bold", 8.5, after=0)}

    class MarginLabel(Flowable):
        """Draws its text left of the frame, level with the next line; takes no room itself."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

        def wrap(self, aw, ah):
            return 0, 0

        def draw(self):
            self.canv.setFont("Helvetica-Bold", 7.5)
            self.canv.setFillColor(colors.Color(0.35, 0.35, 0.35))
            self.canv.drawRightString(-8, -9.5 * 1.3 + 2.6, self.text)

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(margin, H - 40, meta.get("header", ""))
        canvas.drawString(margin, 30, meta.get("footer", "").replace("{n}", str(doc.page)))
        canvas.restoreState()

    two = PageTemplate("two", [Frame(margin, bottom, cw, H - top - bottom, id="a"),
                               Frame(margin + cw + gutter, bottom, cw, H - top - bottom, id="b")], onPage=decorate)
    one = PageTemplate("one", [Frame(margin, bottom, W - 2 * margin, H - top - bottom, id="c")], onPage=decorate)
    story = []
    for kind, val in blocks:
        if kind == "two":
            story += [NextPageTemplate("two"), PageBreak()]
        elif kind == "one":
            story += [NextPageTemplate("one"), PageBreak()]
        elif kind == "margin":
            story.append(MarginLabel(val))
        elif kind == "table":
            data = [[Paragraph(escape(c), styles["cellh" if i == 0 else "cell"]) for c in r] for i, r in enumerate(val)]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(t)
        else:
            story.append(Paragraph(escape(val), styles[kind if kind in styles else "p"]))
    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1, pageTemplates=[one, two], title=meta.get("title", ""),
                          author=meta.get("author", ""), creator="Adobe InDesign 18.2", producer="Vennewoude DTP")
    doc.build(story)


def render_runin_docx(blocks, meta: dict, path: Path) -> None:
    """A Word file whose paragraphs may open with a bold run-in heading ('**Name.** text')."""
    from docx import Document
    from docx.shared import Pt
    import datetime as dt

    when = dt.datetime.strptime(meta["date"], "%Y-%m-%d").replace(hour=9)
    d = Document()
    cp = d.core_properties
    cp.title, cp.author, cp.last_modified_by = meta.get("title", ""), meta.get("author", ""), meta.get("author", "")
    cp.created = cp.modified = when
    cp.revision = 1
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(10.5)
    for kind, val in blocks:
        if kind == "title":
            d.add_heading(val, level=0)
        elif kind in ("h1", "h2"):
            d.add_heading(val, level=int(kind[1]))
        elif kind == "table":
            dr._docx_table(d, val)
        elif kind == "p" and RUNIN.match(val):
            head, rest = RUNIN.match(val).groups()
            p = d.add_paragraph()
            p.add_run(head).bold = True
            p.add_run(" " + rest)
        else:
            d.add_paragraph(val)
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(dr.fixed_zip(buf.getvalue(), when))


def main(out: Path = OUT) -> list[Path]:
    """Write every document into `out`; return the paths written."""
    written: list[Path] = []

    def target(rel: str) -> Path:
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        written.append(p)
        return p

    for rel in VERBATIM:
        if out.resolve() != OUT.resolve():
            shutil.copyfile(OUT / rel, target(rel))
        else:
            written.append(OUT / rel)
    for src, (rel, kind) in RENDER.items():
        meta, blocks = dr.parse_markup((SRC / src).read_text(encoding="utf-8"))
        (dr.render_pdf if kind == "pdf" else dr.render_docx)(blocks, meta, target(rel))
    meta, blocks = parse_with_margins((SRC / MARGIN_PDF[0]).read_text(encoding="utf-8"))
    render_margin_pdf(blocks, meta, target(MARGIN_PDF[1]))
    meta, blocks = dr.parse_markup((SRC / RUNIN_DOCX[0]).read_text(encoding="utf-8"))
    render_runin_docx(blocks, meta, target(RUNIN_DOCX[1]))
    src, rel, meta = REGULATION
    xml = dr.cvdr_xml(dr.parse_regulation((SRC / src).read_text(encoding="utf-8")), meta)
    target(rel).write_text(xml, encoding="utf-8")
    return written


if __name__ == "__main__":
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    for path in main(dest):
        print(path.relative_to(dest))
