"""Build the generated files of corpus/ from tools/corpus_src/ (deterministic).

    /work/venv/bin/python tools/build_corpus.py          # writes into corpus/

Hand-written documents (most .txt and .html files) live in corpus/ itself; this script writes:
the CVDR XML of the Wmo verordening, the Jeugd verordening as .txt and .docx (one regulation in
two formats), three yearly versions of the Jeugd arrangementen, two beschikkingen on one letter
template, two werkinstructies as .docx, the Wmo arrangementsbeschrijving as .pdf and an old werkinstructie
as a scanned, image-only PDF (tools/scan_pdf.py).
Running it twice gives byte-identical files (fixed dates, invariant PDF, fixed zip timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.scan_pdf import pages_from_text, write_scan_pdf  # noqa: E402

SRC = ROOT / "tools" / "corpus_src"
OUT = ROOT / "corpus"
MUNICIPALITY = "Lindenwaard"


# --------------------------------------------------------------------------- regulation text

HOOFDSTUK = re.compile(r"^Hoofdstuk (\d+[a-z]?) (.+)$")
ARTIKEL = re.compile(r"^Artikel (\d+[a-z]?) (.+)$")
LID = re.compile(r"^(\d+)\. (.+)$")
ONDERDEEL = re.compile(r"^([a-z])\. (.+)$")


def parse_regulation(text: str) -> dict:
    """Parse the plain text layout of a regulation into title, preamble, chapters, closing."""
    lines = [ln.rstrip() for ln in text.splitlines()]
    title = lines[0]
    body = lines[1:]
    reg: dict = {"title": title, "aanhef": [], "hoofdstukken": [], "sluiting": []}
    state = "aanhef"
    art = lid = None
    for ln in body:
        if not ln:
            continue
        if ln.startswith("Aldus vastgesteld"):
            state = "sluiting"
        if state == "sluiting":
            reg["sluiting"].append(ln)
            continue
        m = HOOFDSTUK.match(ln)
        if m:
            state = "tekst"
            reg["hoofdstukken"].append({"nr": m.group(1), "titel": m.group(2), "artikelen": []})
            continue
        if state == "aanhef":
            if ln != title:
                reg["aanhef"].append(ln)
            continue
        m = ARTIKEL.match(ln)
        if m:
            art = {"nr": m.group(1), "titel": m.group(2), "al": [], "leden": []}
            reg["hoofdstukken"][-1]["artikelen"].append(art)
            lid = None
            continue
        m = LID.match(ln)
        if m:
            lid = {"nr": m.group(1), "al": m.group(2), "li": []}
            art["leden"].append(lid)
            continue
        m = ONDERDEEL.match(ln)
        if m:
            target = lid["li"] if lid else art.setdefault("li", [])
            target.append((m.group(1), m.group(2)))
            continue
        art["al"].append(ln)
    return reg


def _lijst(items: list[tuple[str, str]]) -> str:
    lis = "".join(f'<li nr="{escape(nr)}."><al>{escape(t)}</al></li>' for nr, t in items)
    return f'<lijst type="expliciet">{lis}</lijst>'


def cvdr_xml(reg: dict, meta: dict) -> str:
    """CVDR XML in the shape lokaleregelgeving.overheid.nl publishes."""
    head = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<cvdr xmlns="http://standaarden.overheid.nl/cvdr/terms/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:overheid="http://standaarden.overheid.nl/owms/terms/" xmlns:overheidrg="http://standaarden.overheid.nl/cvdr/meta/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://standaarden.overheid.nl/cvdr/terms/  '
        'http://decentrale.regelgeving.overheid.nl/cvdr/xsd/cvdr.xsd">\n'
    )
    sources = "".join(
        f'<dcterms:source resourceIdentifier="1.0:c:{b}">{escape(t)}</dcterms:source>' for t, b in meta["sources"]
    )
    m = (
        f'<meta><owmskern><dcterms:identifier>{meta["identifier"]}</dcterms:identifier>'
        f'<dcterms:title>{escape(reg["title"])}</dcterms:title><dcterms:language>nl</dcterms:language>'
        '<dcterms:type scheme="overheid:Informatietype">regeling</dcterms:type>'
        f'<dcterms:creator scheme="overheid:Gemeente">{MUNICIPALITY}</dcterms:creator>'
        f'<dcterms:modified>{meta["modified"]}</dcterms:modified></owmskern>'
        f'<owmsmantel><dcterms:isFormatOf resourceIdentifier="">{escape(meta["publicatie"])}</dcterms:isFormatOf>'
        f'<dcterms:alternative>{escape(reg["title"])}</dcterms:alternative>{sources}'
        '<overheid:isRatifiedBy scheme="overheid:BestuursorgaanGemeente">gemeenteraad</overheid:isRatifiedBy>'
        '<dcterms:subject>maatschappelijke zorg en welzijn</dcterms:subject>'
        f'<dcterms:issued>{meta["issued"]}</dcterms:issued></owmsmantel>'
        f'<cvdripm><overheidrg:inwerkingtredingDatum>{meta["inwerking"]}</overheidrg:inwerkingtredingDatum>'
        '<overheidrg:betreft>nieuwe regeling</overheidrg:betreft><overheidrg:kenmerk>n.v.t.</overheidrg:kenmerk>'
        '</cvdripm></meta>\n'
    )
    parts = [f'<body><intitule>{escape(reg["title"])}</intitule><regeling><aanhef><preambule>']
    parts += [f"<al>{escape(a)}</al>" for a in reg["aanhef"]]
    parts.append("</preambule></aanhef>\n<regeling-tekst>\n")
    for h in reg["hoofdstukken"]:
        parts.append(f'<hoofdstuk><kop><label>Hoofdstuk</label><nr>{h["nr"]}</nr><titel>{escape(h["titel"])}</titel></kop>\n')
        for a in h["artikelen"]:
            parts.append(f'<artikel><kop><label>Artikel</label><nr>{a["nr"]}</nr><titel>{escape(a["titel"])}</titel></kop>')
            parts += [f"<al>{escape(t)}</al>" for t in a["al"]]
            if a.get("li"):
                parts.append(_lijst(a["li"]))
            for lid in a["leden"]:
                parts.append(f'<lid><lidnr>{lid["nr"]}.</lidnr><al>{escape(lid["al"])}</al>')
                if lid["li"]:
                    parts.append(_lijst(lid["li"]))
                parts.append("</lid>")
            parts.append("</artikel>\n")
        parts.append("</hoofdstuk>\n")
    parts.append("</regeling-tekst>\n<regeling-sluiting>")
    sl = reg["sluiting"]
    parts.append(f"<slotformulering><al>{escape(sl[0])}</al></slotformulering>")
    parts.append("<ondertekening>" + "".join(f"<functie>{escape(x)}</functie>" for x in sl[1:]) + "</ondertekening>")
    parts.append("</regeling-sluiting></regeling></body></cvdr>\n")
    return head + m + "".join(parts)


# --------------------------------------------------------------------------- DOCX

FIXED = dt.datetime(2019, 3, 25, 9, 0, 0)


def _fix_zip(data: bytes, when: tuple = (2019, 3, 25, 9, 0, 0)) -> bytes:
    """Rewrite a zip with fixed timestamps and order so the DOCX build is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def _new_docx(title: str, author: str, created: dt.datetime):
    from docx import Document as Docx

    d = Docx()
    cp = d.core_properties
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.created = created
    cp.modified = created
    cp.revision = 1
    return d


def _save_docx(d, path: Path, when: dt.datetime) -> None:
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(_fix_zip(buf.getvalue(), when.timetuple()[:6]))


def regulation_docx(reg: dict, path: Path, created: dt.datetime, author: str) -> None:
    """The regulation as a Word file: Title, Heading 1 per hoofdstuk, Heading 2 per artikel,
    leden and onderdelen as plain paragraphs that start with their number."""
    d = _new_docx(reg["title"], author, created)
    d.add_heading(reg["title"], level=0)
    for a in reg["aanhef"]:
        d.add_paragraph(a)
    for h in reg["hoofdstukken"]:
        d.add_heading(f'Hoofdstuk {h["nr"]} {h["titel"]}', level=1)
        for a in h["artikelen"]:
            d.add_heading(f'Artikel {a["nr"]} {a["titel"]}', level=2)
            for t in a["al"]:
                d.add_paragraph(t)
            for nr, t in a.get("li", []):
                d.add_paragraph(f"{nr}. {t}")
            for lid in a["leden"]:
                d.add_paragraph(f'{lid["nr"]}. {lid["al"]}')
                for nr, t in lid["li"]:
                    d.add_paragraph(f"{nr}. {t}")
    d.add_paragraph(reg["sluiting"][0])
    block = []
    for ln in reg["sluiting"][1:]:
        block.append(ln)
    # signatures: "De griffier," + name as one paragraph each pair
    for i in range(0, len(block), 2):
        d.add_paragraph("\n".join(block[i:i + 2]))
    _save_docx(d, path, created)


def werkinstructie_docx(spec: dict, path: Path) -> None:
    """A werkinstructie: Title, a metadata table (Titel/Datum/Versienummer/Redacteur as present),
    Heading 1 sections and Heading 2 steps."""
    d = _new_docx(spec["title"], spec.get("author") or "", spec["created"])
    d.add_heading(spec["title"], level=0)
    rows = spec["metadata"]
    t = d.add_table(rows=len(rows), cols=2)
    t.style = "Table Grid"
    for r, (k, v) in enumerate(rows):
        t.cell(r, 0).text = k
        t.cell(r, 1).text = v
    for kind, text in spec["body"]:
        if kind == "h1":
            d.add_heading(text, level=1)
        elif kind == "h2":
            d.add_heading(text, level=2)
        else:
            d.add_paragraph(text)
    _save_docx(d, path, spec["created"])


WI_ONBEPAALD = {
    "title": "Werkinstructie onbepaalde tijd beschikken en periodiek onderzoek Wmo",
    "author": "M. van Rooij",
    "created": dt.datetime(2019, 3, 25, 9, 0, 0),
    "metadata": [
        ("Titel", "Werkinstructie onbepaalde tijd beschikken en periodiek onderzoek Wmo"),
        ("Datum", "25-03-2019"),
        ("Versienummer", "1.2"),
        ("Redacteur", "M. van Rooij, kwaliteitsmedewerker Wmo"),
    ],
    "body": [
        ("h1", "Doel"),
        ("p", "Deze werkinstructie beschrijft wanneer een consulent een maatwerkvoorziening voor onbepaalde tijd mag toekennen en hoe het periodiek onderzoek daarna wordt gepland."),
        ("h1", "Werkwijze"),
        ("h2", "Stap 1 Beoordeel of de situatie blijvend is"),
        ("p", "Ga na of de beperkingen van de cliënt blijvend zijn en niet meer verbeteren. Raadpleeg bij twijfel de medisch adviseur. Alleen als de situatie blijvend is, mag voor onbepaalde tijd worden beschikt."),
        ("h2", "Stap 2 Leg de motivering vast"),
        ("p", "Schrijf in het verslag waarom de situatie blijvend is. Noem de bron van die informatie, bijvoorbeeld de huisarts of de medisch adviseur."),
        ("h2", "Stap 3 Maak de beschikking"),
        ("p", "Kies in het registratiesysteem bij duur de optie onbepaalde tijd. Vermeld in de beschikking wel het beoogd resultaat, de aard en de omvang van de voorziening en de ingangsdatum."),
        ("h2", "Stap 4 Plan het periodiek onderzoek"),
        ("p", "Zet in het systeem een signaal voor de herindicatie na twee jaar. Neem bij het periodiek onderzoek telefonisch contact op met de cliënt en leg de uitkomst vast in een kort verslag."),
        ("h2", "Stap 5 Archiveer"),
        ("p", "Sla de beschikking en het verslag op in het digitale dossier van de cliënt."),
    ],
}

WI_KEUKENTAFEL = {
    "title": "Werkinstructie keukentafelgesprek Wmo",
    "author": "",
    "created": dt.datetime(2018, 6, 4, 10, 30, 0),
    "metadata": [
        ("Titel", "Werkinstructie keukentafelgesprek Wmo"),
        ("Datum", "04-06-2018"),
    ],
    "body": [
        ("h1", "Doel"),
        ("p", "Deze instructie helpt de consulent het gesprek met de cliënt zo te voeren dat alle wettelijke onderdelen van het onderzoek aan bod komen."),
        ("h1", "Stappen"),
        ("h2", "Stap 1 Voorbereiden"),
        ("p", "Lees de melding en het eventuele persoonlijk plan. Wijs de cliënt op gratis cliëntondersteuning."),
        ("h2", "Stap 2 Het gesprek"),
        ("p", "Bespreek de hulpvraag, de problemen in zelfredzaamheid en participatie en het resultaat dat de cliënt wil bereiken. Vraag door naar wat de cliënt zelf kan en wat het netwerk doet."),
        ("h2", "Stap 3 Uren bepalen"),
        ("p", "Bepaal hoeveel uren worden geïndiceerd aan de hand van de normtijden in het Besluit maatschappelijke ondersteuning. Houd daarbij rekening met gebruikelijke hulp van huisgenoten."),
        ("h2", "Stap 4 Verslag"),
        ("p", "Stuur het verslag binnen tien werkdagen naar de cliënt. De cliënt mag opmerkingen toevoegen."),
        ("h1", "Overzicht niveaus begeleiding"),
        ("p", "Gebruik voor de keuze van het niveau het overzicht in de Arrangementsbeschrijving Wmo 2018."),
    ],
}


# --------------------------------------------------------------------------- PDF

def build_pdf(path: Path) -> None:
    """Arrangementsbeschrijving Wmo 2018: running header and footer with page numbers, a level
    table, a word hyphenated at a line end and one two-column page (Frames)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Frame, Paragraph, Table, TableStyle

    W, H = A4
    left, right, top = 60, W - 60, H - 90
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=0)
    c.setTitle("Arrangementsbeschrijving Wmo 2018")
    c.setAuthor("Gemeente Lindenwaard, team Wmo")
    c.setSubject("Productfamilies, niveaus en tarieven maatwerkvoorzieningen Wmo")
    c.setCreator("tools/build_corpus.py")
    total = 4
    state = {"page": 1, "y": top}

    def header_footer() -> None:
        c.setFont("Helvetica", 8)
        c.drawString(left, H - 40, "Gemeente Lindenwaard")
        c.drawRightString(right, H - 40, "Arrangementsbeschrijving Wmo 2018")
        c.line(left, H - 45, right, H - 45)
        c.line(left, 50, right, 50)
        c.drawString(left, 38, "Vastgesteld door het college op 10 april 2018")
        c.drawRightString(right, 38, f"Pagina {state['page']} van {total}")

    def new_page() -> None:
        c.showPage()
        state["page"] += 1
        state["y"] = top
        header_footer()

    def line(text: str, font: str = "Helvetica", size: float = 10, gap: float = 14) -> None:
        if state["y"] < 80:
            new_page()
        c.setFont(font, size)
        c.drawString(left, state["y"], text)
        state["y"] -= gap

    def para(text: str, width: float = right - left, size: float = 10) -> None:
        """Wrap words ourselves; a `~` inside a word marks where it is hyphenated at a line end."""
        words = text.split()
        cur = ""
        for w in words:
            if "~" in w:
                head, tail = w.split("~")
                line((cur + " " + head + "-").strip(), size=size)
                cur = tail
                continue
            trial = (cur + " " + w).strip()
            if c.stringWidth(trial, "Helvetica", size) > width:
                line(cur, size=size)
                cur = w
            else:
                cur = trial
        if cur:
            line(cur, size=size)
        state["y"] -= 6

    def heading(text: str, size: float = 12) -> None:
        state["y"] -= 4
        line(text, font="Helvetica-Bold", size=size, gap=18)

    header_footer()
    line("Arrangementsbeschrijving Wmo 2018", font="Helvetica-Bold", size=16, gap=24)
    line("Maatwerkvoorzieningen begeleiding, dagbesteding, kortdurend verblijf en huishoudelijke ondersteuning", size=9, gap=20)
    heading("1. Inleiding")
    para("In deze arrangementsbeschrijving staan de producten die de gemeente Lindenwaard als maatwerkvoorziening "
         "inkoopt. Per productfamilie onderscheiden wij niveaus. Het niveau volgt uit het onderzoek en uit de "
         "indicatie~stelling door de consulent. Heeft de cliënt aanspraak op AWBZ-zorg, dan gaat die voor.")
    heading("2. Begeleiding Groep")
    para("Begeleiding Groep Laag (code 02A11). Doelgroep: de cliënt is niet geheel in staat om zelfstandig of met "
         "zijn omgeving invulling te geven aan de dag. Omvang: 2 dagdelen per week. Tarief: € 38,20 per dagdeel.")
    para("Begeleiding Groep Midden (code 02A12). Doelgroep: de cliënt is in staat om zelfstandig of met zijn "
         "omgeving invulling te geven aan de dag. Omvang: 4 dagdelen per week. Tarief: € 44,60 per dagdeel.")
    para("Begeleiding Groep Hoog (code 02A13). Doelgroep: de cliënt is niet in staat om zonder intensieve "
         "begeleiding de dag door te komen. Omvang: 6 dagdelen per week. Tarief: € 52,80 per dagdeel.")
    heading("3. Begeleiding Individueel")
    para("Begeleiding Individueel Laag (code 02B21). Doelgroep: de cliënt heeft af en toe steun nodig bij het "
         "regelen van praktische zaken. Omvang: 1 uur per week. Tarief: € 56,40 per uur.")
    para("Begeleiding Individueel Midden (code 02B22). Doelgroep: de cliënt heeft wekelijks steun nodig bij het "
         "structureren van de dag en de administratie. Omvang: 3 uur per week. Tarief: € 61,90 per uur.")
    para("Begeleiding Individueel Hoog (code 02B23). Doelgroep: uitsluitend cliënten met niet-aangeboren "
         "hersenletsel (NAH). Omvang: 5 uur per week. Tarief: € 58,70 per uur.")
    new_page()
    heading("4. Dagbesteding")
    para("Dagbesteding Laag (code 03D31). Doelgroep: de cliënt kan met wat aansporing zelf deelnemen aan "
         "activiteiten. Omvang: 1 dagdeel per week. Tarief: € 31,50 per dagdeel.")
    para("Dagbesteding Midden (code 03D32). Doelgroep: de cliënt heeft bij de activiteiten regelmatig "
         "aanwijzingen nodig. Omvang: 2 dagdelen per week. Tarief: € 36,80 per dagdeel.")
    para("Dagbesteding Hoog (code 03D33). Doelgroep: de cliënt heeft bij alle activiteiten voortdurend "
         "toezicht nodig. Omvang: 9 dagdelen per week. Tarief: € 49,90 per dagdeel.")
    heading("5. Kortdurend Verblijf")
    para("Kortdurend Verblijf Laag (code 04K41). Doelgroep: de mantelzorger heeft af en toe een weekend rust "
         "nodig. Omvang: 1 etmaal per maand. Tarief: € 128,00 per etmaal.")
    para("Kortdurend Verblijf Midden (code 04K42). Doelgroep: de mantelzorger heeft elke twee weken ontlasting "
         "nodig. Omvang: 2 etmalen per maand. Tarief: € 131,50 per etmaal.")
    para("Kortdurend Verblijf Hoog (code 04K43). Doelgroep: de mantelzorger kan de zorg alleen volhouden met "
         "wekelijkse ontlasting. Omvang: 4 etmalen per maand. Tarief: € 135,00 per etmaal.")
    heading("6. Huishoudelijke Ondersteuning")
    para("Huishoudelijke Ondersteuning Basis (code 05H51). Doelgroep: de cliënt kan zijn huis niet zelf schoon "
         "en leefbaar houden. Omvang: 2,5 uur per week. Tarief: € 27,40 per uur.")
    para("Huishoudelijke Ondersteuning Plus (code 05H52). Doelgroep: de cliënt kan zijn huis niet zelf schoon "
         "en leefbaar houden. Omvang: 2,5 uur per week. Tarief: € 27,90 per uur.")
    new_page()
    heading("7. Overzicht niveaus, omvang en tarieven")
    rows = [["Product", "Code", "Niveau", "Omvang", "Tarief"],
            ["Begeleiding Groep", "02A11", "laag", "2 dagdelen per week", "€ 38,20 per dagdeel"],
            ["Begeleiding Groep", "02A12", "midden", "4 dagdelen per week", "€ 44,60 per dagdeel"],
            ["Begeleiding Groep", "02A13", "hoog", "6 dagdelen per week", "€ 52,80 per dagdeel"],
            ["Begeleiding Individueel", "02B21", "laag", "1 uur per week", "€ 56,40 per uur"],
            ["Begeleiding Individueel", "02B22", "midden", "3 uur per week", "€ 61,90 per uur"],
            ["Begeleiding Individueel", "02B23", "hoog", "5 uur per week", "€ 58,70 per uur"],
            ["Dagbesteding", "03D31", "laag", "1 dagdeel per week", "€ 31,50 per dagdeel"],
            ["Dagbesteding", "03D32", "midden", "2 dagdelen per week", "€ 36,80 per dagdeel"],
            ["Dagbesteding", "03D33", "hoog", "9 dagdelen per week", "€ 49,90 per dagdeel"],
            ["Kortdurend Verblijf", "04K41", "laag", "1 etmaal per maand", "€ 128,00 per etmaal"],
            ["Kortdurend Verblijf", "04K42", "midden", "2 etmalen per maand", "€ 131,50 per etmaal"],
            ["Kortdurend Verblijf", "04K43", "hoog", "4 etmalen per maand", "€ 135,00 per etmaal"],
            ["Huishoudelijke Ondersteuning", "05H51", "basis", "2,5 uur per week", "€ 27,40 per uur"],
            ["Huishoudelijke Ondersteuning", "05H52", "plus", "2,5 uur per week", "€ 27,90 per uur"]]
    t = Table(rows, colWidths=[150, 50, 55, 110, 110])
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
    ]))
    tw, th = t.wrapOn(c, right - left, state["y"])
    t.drawOn(c, left, state["y"] - th)
    state["y"] -= th + 20
    line("De tarieven gelden voor 2018 en worden jaarlijks geïndexeerd.", size=9)
    new_page()
    # two-column page with Frames
    heading("8. Toelichting voor consulenten")
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12.5)
    col_w = (right - left - 20) / 2
    bottom = 70
    col_h = state["y"] - bottom
    left_col = [
        Paragraph("Resultaatgericht werken. In het onderzoek bepaalt de consulent samen met de cliënt welk "
                  "resultaat de ondersteuning moet opleveren. Het niveau van een arrangement volgt uit dat "
                  "resultaat en uit wat de cliënt zelf en met zijn netwerk kan.", style),
        Paragraph("Eigen kracht. Wat huisgenoten in redelijkheid kunnen doen, wordt eerst benut. Van "
                  "partners en inwonende kinderen wordt gebruikelijke zorg verwacht, voordat een "
                  "maatwerkvoorziening wordt toegekend.", style),
    ]
    right_col = [
        Paragraph("Wisselen van niveau. Verandert de situatie van de cliënt, dan meldt de aanbieder dit aan "
                  "de gemeente. De consulent beoordeelt of een ander niveau nodig is en neemt een nieuw "
                  "besluit.", style),
        Paragraph("Verantwoording. De aanbieder rapporteert twee keer per jaar over de behaalde "
                  "resultaten. Bij Dagbesteding Hoog is vooraf een medische contra-indicatie voor "
                  "groepsactiviteiten uitgesloten door de huisarts.", style),
    ]
    Frame(left, bottom, col_w, col_h, showBoundary=0, leftPadding=0, rightPadding=0).addFromList(left_col, c)
    Frame(left + col_w + 20, bottom, col_w, col_h, showBoundary=0, leftPadding=0, rightPadding=0).addFromList(right_col, c)
    c.showPage()
    c.save()


# --------------------------------------------------------------------------- main

JEUGD_VERSIONS = {
    2018: {"DATE": "20 februari 2018", "T": ["68,50", "71,20", "84,90", "52,40", "55,10"],
           "TOEGANG": "Een verwijzing door Bureau Jeugdzorg geldt als toegang tot het arrangement. De gemeente beoordeelt de verwijzing niet opnieuw.",
           "INTRO_EXTRA": ""},
    2019: {"DATE": "19 februari 2019", "T": ["69,90", "72,60", "86,60", "53,40", "56,20"],
           "TOEGANG": "Een verwijzing door een gecertificeerde instelling geldt als toegang tot het arrangement. De gemeente beoordeelt de verwijzing niet opnieuw.",
           "INTRO_EXTRA": ""},
    2020: {"DATE": "18 februari 2020", "T": ["71,90", "74,80", "89,20", "55,00", "57,90"],
           "TOEGANG": "Een verwijzing door een gecertificeerde instelling geldt als toegang tot het arrangement. De gemeente beoordeelt de verwijzing niet opnieuw.",
           "INTRO_EXTRA": "Nieuw in deze versie is dat de aanbieder het beoogde resultaat in elk hulpverleningsplan vastlegt.\n"},
}

BESCHIKKINGEN = {
    "beschikking-2021-0412-hbh.txt": {
        "AANHEF": "Mevrouw A. de Wit", "ADRES": "Molenstraat 14\n4191 AK Lindenwaard", "DATUM": "16 april 2021",
        "KENMERK": "WMO-2021-0412", "GROET": "mevrouw De Wit", "AANVRAAG": "6 april 2021",
        "AANBIEDER": "Thuiszorg Rivierenland", "UREN": "3", "INGANG": "1 mei 2021", "EIND": "30 april 2023",
        "CONSULENT": "M. van Rooij"},
    "beschikking-2021-0587-hbh.txt": {
        "AANHEF": "De heer K. Bosman", "ADRES": "Populierenlaan 3\n4192 CE Lindenwaard", "DATUM": "9 juni 2021",
        "KENMERK": "WMO-2021-0587", "GROET": "heer Bosman", "AANVRAAG": "28 mei 2021",
        "AANBIEDER": "Zorggroep De Linde", "UREN": "2,5", "INGANG": "14 juni 2021", "EIND": "13 juni 2023",
        "CONSULENT": "S. Yildiz"},
}


def fill(template: str, values: dict) -> str:
    return re.sub(r"\{([A-Z_0-9]+)\}", lambda m: values[m.group(1)], template)


def main(out: Path = OUT) -> list[Path]:
    written: list[Path] = []

    def write(rel: str, data: str | bytes | None = None) -> Path:
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            p.write_text(data, encoding="utf-8")
        elif data is not None:
            p.write_bytes(data)
        written.append(p)
        return p

    wmo = parse_regulation((SRC / "verordening-wmo-2020.txt").read_text(encoding="utf-8"))
    write("verordeningen/verordening-maatschappelijke-ondersteuning-lindenwaard-2020.xml", cvdr_xml(wmo, {
        "identifier": "CVDR640217_1", "modified": "2019-12-20", "issued": "2019-12-12", "inwerking": "2020-01-01",
        "publicatie": "gmb-2019-318842",
        "sources": [("Wet maatschappelijke ondersteuning 2015", "BWBR0035362"), ("Gemeentewet", "BWBR0005416")],
    }))

    jeugd_text = (SRC / "verordening-jeugdhulp-2019.txt").read_text(encoding="utf-8")
    write("verordeningen/verordening-jeugdhulp-lindenwaard-2019.txt", jeugd_text)
    p = write("verordeningen/verordening-jeugdhulp-lindenwaard-2019.docx")
    regulation_docx(parse_regulation(jeugd_text), p, dt.datetime(2018, 12, 13, 20, 0, 0), "Griffie Lindenwaard")

    jt = (SRC / "beschrijving-arrangementen-jeugd.txt").read_text(encoding="utf-8")
    for year, v in JEUGD_VERSIONS.items():
        vals = {"YEAR": str(year), "DATE": v["DATE"], "TOEGANG": v["TOEGANG"], "INTRO_EXTRA": v["INTRO_EXTRA"]}
        vals.update({f"T{i + 1}": t for i, t in enumerate(v["T"])})
        write(f"arrangementen/beschrijving-arrangementen-jeugd-{year}.txt", fill(jt, vals))

    bt = (SRC / "beschikking-hbh-template.txt").read_text(encoding="utf-8")
    for name, vals in BESCHIKKINGEN.items():
        write(f"dossiers/{name}", fill(bt, vals))

    werkinstructie_docx(WI_ONBEPAALD, write("werkinstructies/werkinstructie-onbepaalde-tijd-beschikken.docx"))
    werkinstructie_docx(WI_KEUKENTAFEL, write("werkinstructies/werkinstructie-keukentafelgesprek-wmo.docx"))
    build_pdf(write("arrangementen/arrangementsbeschrijving-wmo-2018.pdf"))
    scan = (SRC / "werkinstructie-woningaanpassing-2012.txt").read_text(encoding="utf-8")
    write_scan_pdf(pages_from_text(scan), write("werkinstructies/werkinstructie-woningaanpassing-2012.pdf"),
                   seed=2012, angle=0.35, specks=150, title="Werkinstructie aanvraag woningaanpassing Wmo",
                   when=(2012, 11, 5))
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    for p in main(target):
        print(p.relative_to(target))
