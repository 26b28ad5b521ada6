"""Levels, required elements and work-instruction metadata read from the layouts other
municipalities use: a user's own level names, tables with merged cells and columns in any order,
HTML definition lists, DOCX page headers and footers, checklists with boxes, forms with empty
fields, and long PDFs with a table of contents. Each with a case that must not be reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from docmine.api import Options, audit


def _audit(folder: Path):
    return audit([folder], Options(jobs=1))


def _rules(result, prefix: str) -> list:
    return [f for f in result.findings if f.rule.startswith(prefix)]


# --------------------------------------------------------------- a user's level names (CLI, 2 jobs)

def _catalogue_docx(path: Path, zilver_doelgroep: str,
                    goud_doelgroep: str = "De inwoner is grotendeels in staat zijn week te plannen, maar heeft hulp nodig bij geldzaken.") -> None:
    import docx

    d = docx.Document()
    d.core_properties.author = ""
    d.add_heading("Productbeschrijving begeleiding thuis 2024", level=0)
    d.add_paragraph("De gemeente kent drie pakketten begeleiding thuis. Het pakket volgt uit het onderzoek.")
    for name, doelgroep, uren, tarief in (
            ("brons", "De inwoner redt zich grotendeels zelf en heeft af en toe hulp nodig bij de post.", "1", "58,10"),
            ("zilver", zilver_doelgroep, "2", "61,40"),
            ("goud", goud_doelgroep, "4", "66,90")):
        d.add_heading(f"Begeleiding thuis {name}", level=2)
        d.add_paragraph(f"Doelgroep: {doelgroep}")
        d.add_paragraph(f"Omvang: {uren} uur per week.")
        d.add_paragraph(f"Tarief: € {tarief} per uur.")
    d.save(str(path))


def _second_document(path: Path) -> None:
    path.write_text("Nieuwsbrief sociaal team\n\nHet sociaal team verhuist in mei naar het gemeentehuis.\n", encoding="utf-8")


def _cli_audit(folder: Path, out: Path, *extra: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "docmine", "audit", str(folder), "-o", str(out), "--no-cache", "-q",
                           "--fail-on", "never", "--jobs", "2", *extra], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads((out / "findings.json").read_text(encoding="utf-8"))


def test_a_users_level_names_order_the_levels_and_an_inversion_is_found(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _catalogue_docx(docs / "productbeschrijving.docx",
                    "De inwoner is niet in staat zijn week te plannen en raakt zonder hulp zijn overzicht kwijt.")
    _second_document(docs / "nieuwsbrief.txt")
    pack = tmp_path / "eigen.yml"
    pack.write_text("vocabulary:\n  level_orders: [[brons, zilver, goud]]\n", encoding="utf-8")

    with_pack = _cli_audit(docs, tmp_path / "met", "--rules", str(pack))
    inverted = [f for f in with_pack["findings"] if f["rule"] == "niveaus-omgedraaid"]
    assert len(inverted) == 1
    assert "goud" in inverted[0]["message"] and "zilver" in inverted[0]["message"]
    assert "grotendeels in staat" in inverted[0]["excerpt"]

    # without the user's order docmine does not know these names: no levels at all
    without = _cli_audit(docs, tmp_path / "zonder")
    assert not [f for f in without["findings"] if f["type"] == "levels"]


def test_a_users_level_names_in_the_right_order_give_no_inversion(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _catalogue_docx(docs / "productbeschrijving.docx",
                    "De inwoner is grotendeels in staat zijn week te plannen, maar heeft hulp nodig bij geldzaken.",
                    "De inwoner is niet in staat zijn week te plannen en raakt zonder hulp zijn overzicht kwijt.")
    _second_document(docs / "nieuwsbrief.txt")
    pack = tmp_path / "eigen.yml"
    pack.write_text("vocabulary:\n  level_orders: [[brons, zilver, goud]]\n", encoding="utf-8")
    found = _cli_audit(docs, tmp_path / "met", "--rules", str(pack))
    assert not [f for f in found["findings"] if f["rule"] == "niveaus-omgedraaid"]


# --------------------------------------------------------------- a table with merged cells, columns in any order

def _merged_table_docx(path: Path, tarieven: tuple[str, str, str]) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Productenboek Wmo 2024", level=0)
    d.add_paragraph("Alle producten met hun niveaus, tarieven en doelgroep in één overzicht.")
    header = ["Tarief 2024", "Voor wie", "Niveau", "Code", "Product", "Frequentie"]
    rows = [
        ["Ondersteuning thuis"] * 6,  # one cell over the whole row: a group heading
        [f"€ {tarieven[0]} per uur", "Inwoners die hun huishouden grotendeels zelf doen.", "licht", "HH-1", "Huishoudelijke ondersteuning", "2 uur per week"],
        [f"€ {tarieven[1]} per uur", "Inwoners die de was en de boodschappen niet meer zelf doen.", "middel", "HH-2", None, "3 uur per week"],
        [f"€ {tarieven[2]} per uur", "Inwoners die niets van het huishouden zelf kunnen doen.", "zwaar", "HH-3", None, "4 uur per week"],
    ]
    t = d.add_table(rows=len(rows) + 1, cols=len(header))
    for j, h in enumerate(header):
        t.cell(0, j).text = h
    for i, row in enumerate(rows, start=1):
        for j, v in enumerate(row):
            if v is not None and not (i == 1 and j > 0):
                t.cell(i, j).text = v
    t.cell(1, 0).merge(t.cell(1, len(header) - 1))
    t.cell(2, 4).merge(t.cell(4, 4))  # the product name merged down over its three levels
    d.save(str(path))


def test_a_table_with_merged_cells_and_columns_in_any_order_gives_each_level(tmp_path):
    _merged_table_docx(tmp_path / "productenboek.docx", ("31,20", "33,80", "32,10"))
    result = _audit(tmp_path)
    doc = result.documents[0]
    levels = [c for c in doc.clauses if c.kind == "niveau"]
    assert [(c.attrs["family"], c.attrs["level"], c.attrs["code"]) for c in levels] == [
        ("Huishoudelijke ondersteuning", "licht", "HH-1"), ("Huishoudelijke ondersteuning", "middel", "HH-2"),
        ("Huishoudelijke ondersteuning", "zwaar", "HH-3")]
    assert levels[1].attrs["doelgroep"].startswith("Inwoners die de was")
    falling = _rules(result, "niveaus-dalend")
    assert len(falling) == 1 and "€ 32,10 bij zwaar" in falling[0].message


def test_a_table_whose_tariffs_rise_gives_no_falling_level(tmp_path):
    _merged_table_docx(tmp_path / "productenboek.docx", ("31,20", "33,80", "36,10"))
    assert not _rules(_audit(tmp_path), "niveaus-dalend")


# --------------------------------------------------------------- an HTML product page with definition lists

def _product_page(path: Path, laag: str, hoog: str) -> None:
    def level(n: int, code: str, voor_wie: str, inzet: str, prijs: str) -> str:
        return (f"<h3>Dagactiviteiten trede {n} ({code})</h3><dl><dt>Voor wie</dt><dd>{voor_wie}</dd>"
                f"<dt>Inzet</dt><dd>{inzet}</dd><dt>Prijs</dt><dd>{prijs}</dd></dl>")
    path.write_text(
        "<html><head><title>Dagactiviteiten | Wegwijzer Zorg</title></head><body>"
        "<nav><a href='/'>Home</a></nav><h1>Dagactiviteiten</h1>"
        "<p>De gemeente kent twee treden. De consulent bepaalt welke trede past.</p>"
        + level(1, "DA-1", laag, "2 dagdelen per week", "€ 38,20 per dagdeel")
        + level(2, "DA-2", hoog, "3 dagdelen per week", "€ 45,60 per dagdeel")
        + "<footer>Wegwijzer Zorg, laatst bijgewerkt 4 april 2024</footer></body></html>", encoding="utf-8")


def test_an_html_definition_list_gives_the_fields_and_an_inversion(tmp_path):
    _product_page(tmp_path / "dagactiviteiten.html",
                  "Inwoners die niet in staat zijn zelf hun dag in te delen.",
                  "Inwoners die in staat zijn zelf hun dag in te delen, maar graag anderen ontmoeten.")
    result = _audit(tmp_path)
    levels = [c for c in result.documents[0].clauses if c.kind == "niveau"]
    assert [(c.attrs["level"], c.attrs["code"], c.attrs["tarief"]["amount"]) for c in levels] == [("1", "DA-1", 38.2), ("2", "DA-2", 45.6)]
    assert levels[0].attrs["omvang"][0]["value"] == 2.0
    assert len(_rules(result, "niveaus-omgedraaid")) == 1


def test_an_html_definition_list_in_the_right_order_gives_no_inversion(tmp_path):
    _product_page(tmp_path / "dagactiviteiten.html",
                  "Inwoners die in staat zijn zelf hun dag in te delen, maar graag anderen ontmoeten.",
                  "Inwoners die niet in staat zijn zelf hun dag in te delen.")
    assert not _rules(_audit(tmp_path), "niveaus-omgedraaid")


# --------------------------------------------------------------- work-instruction metadata in the DOCX header and footer

def _werkinstructie_docx(path: Path, footer: str) -> None:
    import docx

    d = docx.Document()
    d.core_properties.author = ""
    d.core_properties.title = ""
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "Werkinstructie melding mantelzorg | versie 2.3 | 14-03-2023"
    sec.footer.paragraphs[0].text = footer
    d.add_heading("Werkinstructie melding mantelzorg", level=0)
    d.add_heading("Stappen", level=1)
    d.add_paragraph("Stap 1 Noteer de melding in het registratiesysteem.")
    d.add_paragraph("Stap 2 Bel de mantelzorger binnen drie werkdagen terug.")
    d.save(str(path))


def test_metadata_in_the_docx_header_and_footer_counts(tmp_path):
    _werkinstructie_docx(tmp_path / "werkinstructie.docx", "Eigenaar: P. de Boer, teamleider mantelzorg")
    result = _audit(tmp_path)
    meta = result.documents[0].metadata["werkinstructie"]
    assert meta["versienummer"] == "2.3" and meta["datum"] == "2023-03-14" and meta["redacteur"].startswith("P. de Boer")
    assert not _rules(result, "werkinstructie-documentgegevens")


def test_a_docx_footer_without_an_owner_leaves_the_redacteur_missing(tmp_path):
    _werkinstructie_docx(tmp_path / "werkinstructie.docx", "Gemeente Waterland · sociaal team")
    found = _rules(_audit(tmp_path), "werkinstructie-documentgegevens")
    assert [f.message for f in found] == ["Deze werkinstructie mist een redacteur (auteur of eigenaar)."]


# --------------------------------------------------------------- a checklist verslag with boxes

def _checklist_docx(path: Path, resultaat: tuple[str, str]) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Gespreksverslag Wmo")
    d.add_paragraph("Kruis aan wat in het keukentafelgesprek is besproken en noteer de uitkomst.")
    rows = [("Besproken", "Stap", "Uitkomst"),
            ("☒", "Hulpvraag", "Mevrouw vraagt hulp bij het schoonhouden van haar woning."),
            ("☒", "Problemen in zelfredzaamheid en participatie", "Zij kan door artrose niet meer stofzuigen."),
            (resultaat[0], "Gewenst resultaat", resultaat[1]),
            ("☒", "Ondersteuning naar aard en omvang", "Zwaar huishoudelijk werk, twee uur per week."),
            ("☒", "Eigen mogelijkheden, gebruikelijke hulp en sociaal netwerk", "Haar buurman doet de boodschappen."),
            ("☒", "Andere (algemene) voorzieningen", "De was- en strijkservice is besproken."),
            ("☒", "Vaststelling maatwerkvoorziening", "Hulp bij het huishouden, twee uur per week, twee jaar.")]
    t = d.add_table(rows=len(rows), cols=3)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    d.save(str(path))


def test_an_unticked_empty_step_of_a_checklist_is_missing(tmp_path):
    _checklist_docx(tmp_path / "verslag.docx", ("☐", ""))
    found = _rules(_audit(tmp_path), "verslag-wmo-stappen")
    assert [f.message for f in found] == ["In dit verslag van het Wmo-onderzoek ontbreekt de stap: het gewenste resultaat."]


def test_a_ticked_checklist_is_complete(tmp_path):
    _checklist_docx(tmp_path / "verslag.docx", ("☒", "Een schoon en leefbaar huis."))
    assert not _rules(_audit(tmp_path), "verslag-wmo-stappen")


# --------------------------------------------------------------- a beschikking as a form with an empty field

def _form_pdf(path: Path, einddatum: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    rows = [("Beschikking maatwerkvoorziening Wmo", ""), ("Naam inwoner", "mevrouw J. Kok"),
            ("Voorziening", "Hulp bij het huishouden licht (HH-1), in natura"), ("Omvang", "2 uur per week"),
            ("Beoogd resultaat", "Een schoon en leefbaar huis"), ("Ingangsdatum", "1 mei 2024"), ("Einddatum", einddatum),
            ("Bezwaar", "U kunt binnen zes weken bezwaar maken bij het college.")]
    y = 780
    for label, value in rows:
        c.drawString(60, y, label)
        if value:
            c.drawString(200, y, value)
        y -= 22
    c.save()


def test_an_empty_field_of_a_form_beschikking_is_missing(tmp_path):
    _form_pdf(tmp_path / "beschikking.pdf", "")
    found = _rules(_audit(tmp_path), "beschikking-verplichte-onderdelen")
    assert [f.message for f in found] == ["In deze beschikking ontbreekt de duur of einddatum."]


def test_a_filled_in_form_beschikking_is_complete(tmp_path):
    _form_pdf(tmp_path / "beschikking.pdf", "30 april 2026")
    assert not _rules(_audit(tmp_path), "beschikking-verplichte-onderdelen")


# --------------------------------------------------------------- a long PDF handbook with a table of contents

def _handbook_pdf(path: Path, with_toc: bool) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    chapters = ["Inleiding", "De melding", "Het gesprek aan de keukentafel", "Huishoudelijke verzorging", "Het besluit",
                "Bezwaar en beroep", "Verantwoording"]
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    if with_toc:
        c.setFont("Helvetica-Bold", 14)
        c.drawString(60, 780, "Inhoud")
        c.setFont("Helvetica", 10)
        for n, title in enumerate(chapters, start=1):
            c.drawString(60, 750 - n * 18, f"{n} {title} " + ". " * 30 + f"{n + 1}")
        c.drawString(60, 750 - 9 * 18, f"{len(chapters) + 1} Artikel 47 van de verordening " + ". " * 22 + "9")
        c.showPage()
    for n, title in enumerate(chapters, start=1):
        c.setFont("Helvetica-Bold", 13)
        c.drawString(60, 780, f"{n} {title}")
        c.setFont("Helvetica", 10)
        body = (f"Dit hoofdstuk beschrijft wat de consulent doet bij {title.lower()}. "
                "De consulent legt elke stap vast in het dossier van de inwoner.")
        c.drawString(60, 750, body[:95])
        c.drawString(60, 735, body[95:])
        c.drawString(60, 60, f"Handboek toegang Waterland 2024 - pagina {n + 1}")
        c.showPage()
    c.save()


def test_a_table_of_contents_gives_no_finding(tmp_path):
    _handbook_pdf(tmp_path / "handboek.pdf", with_toc=True)
    result = _audit(tmp_path)
    doc = result.documents[0]
    toc = [b for b in doc.blocks if b.kind == "toc"]
    assert len(toc) == 1 and doc.text[toc[0].start:toc[0].end].startswith("1 Inleiding")
    assert not [f for f in result.findings if f.start is not None and toc[0].start <= f.start < toc[0].end]
    assert not [c for c in doc.clauses if toc[0].start <= c.start < toc[0].end]
    # the chapter itself is read and checked: its outdated term is found once, in the body
    hv = [f for f in result.findings if f.rule == "huishoudelijke-verzorging"]
    assert hv and all(f.page > 1 for f in hv)


@pytest.mark.parametrize("text", [
    "Uitkomst van de telling\n\nWijk Noord 12\nWijk Oost 9\nWijk Zuid 15\n",  # numbers that go down: no contents
    "Beslispunten\n\nDe raad besluit tot 3\nHet college voert uit 4\n",  # two lines only
])
def test_lines_ending_in_numbers_are_not_a_table_of_contents(text):
    from docmine.ingest.toc import toc_spans

    assert toc_spans(text) == []


# --------------------------------------------------------------- a table with one column per level

def _level_columns_docx(path: Path, tarieven: tuple[str, str, str]) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Productbeschrijving ambulante begeleiding 2025", level=0)
    d.add_heading("Ambulante begeleiding", level=1)
    rows = [("Kenmerk", "Licht", "Middel", "Zwaar"),
            ("Doelgroep", "Inwoners die op één gebied even steun nodig hebben.", "Inwoners met problemen op meerdere gebieden.",
             "Inwoners die zonder dagelijkse begeleiding niet thuis kunnen wonen."),
            ("Omvang", "1 uur per week", "3 uur per week", "6 uur per week"),
            ("Tarief", f"€ {tarieven[0]} per uur", f"€ {tarieven[1]} per uur", f"€ {tarieven[2]} per uur")]
    t = d.add_table(rows=len(rows), cols=4)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    d.save(str(path))


def test_a_table_with_a_column_per_level_gives_each_level(tmp_path):
    _level_columns_docx(tmp_path / "productbeschrijving.docx", ("60,10", "67,40", "64,90"))
    result = _audit(tmp_path)
    levels = [c for c in result.documents[0].clauses if c.kind == "niveau"]
    assert [(c.attrs["family"], c.attrs["level"], c.attrs["omvang"][0]["value"]) for c in levels] == [
        ("Ambulante begeleiding", "licht", 1.0), ("Ambulante begeleiding", "middel", 3.0), ("Ambulante begeleiding", "zwaar", 6.0)]
    assert levels[2].attrs["doelgroep"].startswith("Inwoners die zonder dagelijkse")
    falling = _rules(result, "niveaus-dalend")
    assert len(falling) == 1 and "€ 64,90 bij zwaar" in falling[0].message


def test_a_table_with_a_column_per_level_and_rising_tariffs_is_in_order(tmp_path):
    _level_columns_docx(tmp_path / "productbeschrijving.docx", ("60,10", "64,90", "67,40"))
    assert not _rules(_audit(tmp_path), "niveaus-dalend")


# --------------------------------------------------------------- levels as list items

@pytest.mark.parametrize("laag, hoog, falling", [
    ("2 uur per week, € 58,00 per uur", "1,5 uur per week, € 66,00 per uur", True),
    ("1,5 uur per week, € 58,00 per uur", "3 uur per week, € 66,00 per uur", False),
])
def test_levels_as_list_items_under_a_family_heading(tmp_path, laag, hoog, falling):
    (tmp_path / "arrangementen.md").write_text(
        "# Arrangementen jeugdhulp 2025\n\n## Gezinsbegeleiding\n\n"
        f"- Laag: ouders die de opvoeding grotendeels zelf aankunnen; {laag}.\n"
        f"- Hoog: gezinnen waar de veiligheid van de kinderen in het geding is; {hoog}.\n\n"
        "De tarieven gelden voor 2025.\n", encoding="utf-8")
    result = _audit(tmp_path)
    levels = [c for c in result.documents[0].clauses if c.kind == "niveau"]
    assert [(c.attrs["family"], c.attrs["level"]) for c in levels] == [("Gezinsbegeleiding", "laag"), ("Gezinsbegeleiding", "hoog")]
    assert bool(_rules(result, "niveaus-dalend")) is falling


@pytest.mark.parametrize("groep_zwaar, found", [(14, True), (6, False)])
def test_a_heavier_level_in_a_larger_group_is_reported(tmp_path, groep_zwaar, found):
    (tmp_path / "arrangementen.txt").write_text(
        "Arrangementen dagbesteding 2025\n\nDagbesteding licht (DB1)\n"
        "Aanbod: activiteiten in een groep van ten hoogste 10 deelnemers.\nTarief: € 40,00 per dagdeel.\n\n"
        "Dagbesteding zwaar (DB2)\n"
        f"Aanbod: activiteiten met een gedragsdeskundige in een groep van ten hoogste {groep_zwaar} deelnemers.\n"
        "Tarief: € 52,00 per dagdeel.\n", encoding="utf-8")
    falling = _rules(_audit(tmp_path), "niveaus-dalend")
    assert bool(falling) is found
    if found:
        assert f"groepen tot {groep_zwaar} deelnemers bij zwaar" in falling[0].message
