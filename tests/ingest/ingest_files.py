"""Real files for the reader tests, made on the fly with reportlab and python-docx."""

from __future__ import annotations

import io
from pathlib import Path


DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
N_PAGES = 4


def make_pdf(path: Path, pages: int = N_PAGES, encrypt: str | None = None) -> Path:
    """A verordening-like PDF: running header and footer on every page, a word hyphenated across
    a line break on page 2, a table on page 3, a two-column layout on page 4."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    c.setTitle("Verordening maatschappelijke ondersteuning Testdorp 2020")
    c.setAuthor("Gemeente Testdorp")
    w, h = A4
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 9)
        c.drawString(72, h - 40, "Verordening maatschappelijke ondersteuning Testdorp 2020")
        c.drawString(72, 30, f"Gemeente Testdorp — pagina {n} van {pages}")
        c.setFont("Helvetica", 11)
        y = h - 90
        if n == 4:
            left = [f"Linkerkolom regel {i} over de toegang." for i in range(1, 6)]
            right = [f"Rechterkolom regel {i} over het budget." for i in range(1, 6)]
            for i, line in enumerate(left):
                c.drawString(72, y - 16 * i, line)
            for i, line in enumerate(right):
                c.drawString(320, y - 16 * i, line)
            c.showPage()
            continue
        lines = {
            1: ["Artikel 1 Begripsbepalingen", "In deze verordening wordt verstaan onder:",
                "a. cliënt: een ingezetene die een melding doet;", "b. college: het college van burgemeester en wethouders."],
            2: ["Artikel 2 Toegang", "1. Het college verstrekt een maatwerk-",
                "voorziening aan de cliënt die daarom vraagt.", "2. Een Wlz-",
                "indicatie gaat voor; AWBZ-", "zorg bestaat niet meer."],
            3: ["Artikel 3 Niveaus en tarieven", "De niveaus van Begeleiding Individueel zijn:"],
        }[n]
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        if n == 3:
            rows = [["Niveau", "Omvang", "Tarief"], ["Laag", "2 uur per week", "€ 55,00"],
                    ["Midden", "4 uur per week", "€ 60,50"], ["Hoog", "6 uur per week", "€ 64,25"]]
            y -= 10
            for r in rows:
                for j, cell in enumerate(r):
                    c.rect(72 + j * 150, y - 14, 150, 18)
                    c.drawString(76 + j * 150, y - 9, cell)
                y -= 18
            c.drawString(72, y - 20, "Na de tabel volgt gewone tekst.")
        c.showPage()
    c.save()
    return path


def make_docx(path: Path) -> Path:
    import datetime as dt

    import docx

    d = docx.Document()
    d.add_heading("Werkinstructie onbepaalde tijd beschikken", level=0)
    d.add_heading("Hoofdstuk 1 Doel", level=1)
    d.add_paragraph("Deze werkinstructie beschrijft hoe de consulent beschikt.")
    d.add_heading("Artikel 1.1 Stappen", level=2)
    d.add_paragraph("Eerst stelt de consulent de hulpvraag vast.")
    t = d.add_table(rows=3, cols=2)
    for i, (a, b) in enumerate([("Veld", "Waarde"), ("Versie", "1.2"), ("Redacteur", "J. de Vries")]):
        t.cell(i, 0).text = a
        t.cell(i, 1).text = b
    d.add_paragraph("Na de tabel volgt de slotzin.")
    cp = d.core_properties
    cp.title = "Werkinstructie onbepaalde tijd"
    cp.author = "Team Toegang"
    cp.created = dt.datetime(2021, 3, 4, 10, 0, 0)
    cp.modified = dt.datetime(2022, 5, 6, 11, 30, 0)
    d.save(str(path))
    return path


def pdf_bytes(**kw) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = make_pdf(Path(d) / "x.pdf", **kw)
        return p.read_bytes()
