"""More layouts of other municipalities (the third sample municipality, corpus-vennewoude/, has
them all): level names printed in the margin of a two-column PDF with the levels running over
both columns, bold run-in headings with levels in stars, HTML product cards, a verslag as a table
with a ja/nee column, as questions and as prose without headings, a version table at the end of a
werkinstructie, metadata in one sentence and a running footer with a page number. Each with a case
that must not be reported. All text is written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from docmine.api import Options, audit


def _audit(folder: Path):
    return audit([folder], Options(jobs=1))


def _rules(result, prefix: str) -> list:
    return [f for f in result.findings if f.rule.startswith(prefix)]


def _levels(result) -> list[tuple[str, str]]:
    return [(c.attrs["family"], c.attrs["level"]) for d in result.documents for c in d.clauses if c.kind == "niveau"]


# --------------------------------------------------------------- level name in the margin, two columns

_FILLER = ("Het college stelt elk jaar vast welke ondersteuning de gemeente inkoopt en tegen welke prijs. "
           "Aanbieders leveren per kwartaal een verantwoording aan en bespreken die met de contractmanager. ") * 10  # basis ends the left column, plus and intensief stand in the right one


def _margin_pdf(path: Path, plus_voor_wie: str) -> None:
    """A product book on two-column pages: the variant stands only in the margin beside the code
    line, the family's levels run from the bottom of the left column into the right one."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

    W, H = A4
    margin, gutter, cw = 70, 56, (A4[0] - 140 - 56) / 2
    body = ParagraphStyle("b", fontName="Helvetica", fontSize=9.5, leading=12.4, spaceAfter=3)
    head = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceAfter=4)

    class Margin(Flowable):
        def __init__(self, text):
            super().__init__()
            self.text = text

        def wrap(self, aw, ah):
            return 0, 0

        def draw(self):
            self.canv.setFont("Helvetica-Bold", 7.5)
            self.canv.drawRightString(-8, -9.8, self.text)

    frames = [Frame(margin, 60, cw, H - 130, id="a"), Frame(margin + cw + gutter, 60, cw, H - 130, id="b")]
    story = [Paragraph("3 Ondersteuning thuis", head), Paragraph(_FILLER, body)]
    for label, code, voor_wie, omvang in (
            ("BASIS", "OT-1", "inwoners die zich zonder dagelijkse hulp niet redden met hun post en afspraken.", "1 tot 2 uur per week"),
            ("PLUS", "OT-2", plus_voor_wie, "2 tot 4 uur per week"),
            ("INTENSIEF", "OT-3", "inwoners die volledig afhankelijk zijn van begeleiding bij alles wat zij regelen.", "4 tot 8 uur per week")):
        story += [Margin(label), Paragraph(f"Productcode: {code}", body), Paragraph(f"Voor wie: {voor_wie}", body),
                  Paragraph(f"Omvang: {omvang}.", body), Paragraph("Tarief: € 61,20 per uur.", body)]
    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1, pageTemplates=[PageTemplate("two", frames)],
                          title="Productboek ondersteuning thuis 2025")
    doc.build(story)


def test_levels_named_in_the_margin_of_a_two_column_pdf_give_an_inversion(tmp_path):
    _margin_pdf(tmp_path / "productboek.pdf", "inwoners die zich grotendeels zelf redden en alleen bij tegenslag steun zoeken.")
    result = _audit(tmp_path)
    assert _levels(result) == [("Ondersteuning thuis", "basis"), ("Ondersteuning thuis", "plus"),
                               ("Ondersteuning thuis", "intensief")]
    found = _rules(result, "niveaus-omgedraaid")
    assert len(found) == 1 and "basis" in found[0].message and "plus" in found[0].message


def test_levels_named_in_the_margin_in_the_right_order_give_no_inversion(tmp_path):
    _margin_pdf(tmp_path / "productboek.pdf", "inwoners die zich met een wekelijks gesprek niet redden en vaker hulp nodig hebben.")
    result = _audit(tmp_path)
    assert len(_levels(result)) == 3
    assert not _rules(result, "niveaus-omgedraaid")


# --------------------------------------------------------------- bold run-in headings, levels in stars

def _runin_docx(path: Path, drie_sterren: str) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Jeugdhulp regio Oosterkempen 2025", level=0)
    d.add_heading("Opvoedondersteuning", level=1)
    for head, text in (
            ("Opvoedondersteuning 1 ster (OO-1).", "Voor ouders met een enkele vraag over slapen of eten. Een pedagoog geeft "
                                                   "adviezen aan huis. Inzet: 1 uur per week."),
            ("Opvoedondersteuning 2 sterren (OO-2).", "Voor gezinnen die op meer terreinen vastlopen en waar de ouders het overzicht "
                                                      "kwijt zijn. Een gezinsbegeleider met hbo-niveau maakt met het gezin een plan. "
                                                      "Inzet: 2 uur per week."),
            ("Opvoedondersteuning 3 sterren (OO-3).", drie_sterren)):
        p = d.add_paragraph()
        p.add_run(head).bold = True
        p.add_run(" " + text)
    t = d.add_table(rows=1, cols=3)
    for i, h in enumerate(("Arrangement", "Code", "Tarief")):
        t.cell(0, i).text = h
    for name, code, tarief in (("Opvoedondersteuning 1 ster", "OO-1", "€ 70,00 per uur"),
                               ("Opvoedondersteuning 2 sterren", "OO-2", "€ 78,00 per uur"),
                               ("Opvoedondersteuning 3 sterren", "OO-3", "€ 85,00 per uur")):
        cells = t.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = name, code, tarief
    d.save(str(path))


def test_run_in_headings_with_stars_give_levels_and_two_alike_are_reported(tmp_path):
    _runin_docx(tmp_path / "jeugdhulp.docx", "Voor gezinnen die op meer terreinen vastlopen en waar de ouders het overzicht "
                                             "kwijt zijn. Een gezinsbegeleider met hbo-niveau maakt met het gezin een plan. "
                                             "Inzet: 3 uur per week.")
    result = _audit(tmp_path)
    assert [lvl for _, lvl in _levels(result)] == ["1 ster", "2 sterren", "3 sterren"]
    found = _rules(result, "niveaus-gelijk")
    assert len(found) == 1 and "3 sterren" in found[0].message


def test_run_in_headings_with_stars_that_differ_are_not_alike(tmp_path):
    _runin_docx(tmp_path / "jeugdhulp.docx", "Voor gezinnen waar de veiligheid van de kinderen in het geding is. Een team van "
                                             "een gedragswetenschapper en twee hulpverleners komt dagelijks. Inzet: 8 uur per week.")
    result = _audit(tmp_path)
    assert len(_levels(result)) == 3
    assert not _rules(result, "niveaus-gelijk")


# --------------------------------------------------------------- HTML product cards

def _cards_html(path: Path, hoe_vaak_c: str) -> None:
    cards = []
    for cat, voor, vaak, prijs in (("A", "Ouderen die veel zelf kunnen en gezelschap zoeken.", "1 dagdeel per week", "€ 30,00"),
                                   ("B", "Ouderen die bij elke activiteit aansturing nodig hebben.", "2 tot 3 dagdelen per week", "€ 42,00"),
                                   ("C", "Ouderen met ernstige gedragsproblemen die voortdurend toezicht nodig hebben.", hoe_vaak_c, "€ 58,00")):
        cards.append(f'<article class="kaart"><h3>Categorie {cat}</h3>'
                     f'<div class="label">Bedoeld voor</div><div class="waarde">{voor}</div>'
                     f'<div class="label">Hoe vaak</div><div class="waarde">{vaak}</div>'
                     f'<div class="label">Kosten</div><div class="waarde">{prijs} per dagdeel</div></article>')
    path.write_text('<html lang="nl"><head><meta charset="utf-8"><title>Dagactiviteiten</title></head><body>'
                    "<h1>Dagactiviteiten</h1><h2>Dagactiviteiten ouderen</h2>" + "".join(cards) + "</body></html>",
                    encoding="utf-8")


@pytest.mark.parametrize("hoe_vaak_c, falling", [("1 tot 2 dagdelen per week", True), ("4 tot 5 dagdelen per week", False)])
def test_html_cards_give_the_fields_of_each_level(tmp_path, hoe_vaak_c, falling):
    _cards_html(tmp_path / "dagactiviteiten.html", hoe_vaak_c)
    result = _audit(tmp_path)
    assert _levels(result) == [("Dagactiviteiten ouderen", x) for x in "abc"]
    assert bool(_rules(result, "niveaus-dalend")) is falling
    assert not _rules(result, "niveaus-diagnose")  # the group's need is described, no diagnosis gates it


# --------------------------------------------------------------- a diagnosis named beside the need, or as the gate

@pytest.mark.parametrize("zwaar, gated", [
    ("uitsluitend jeugdigen met een vastgestelde hechtingsstoornis", True),
    ("jeugdigen met ernstige en langdurige problemen thuis, bijvoorbeeld na een trauma, die dagelijks hulp nodig hebben", False),
])
def test_a_level_gated_by_a_diagnosis_is_reported_and_a_described_need_is_not(tmp_path, zwaar, gated):
    (tmp_path / "behandeling.md").write_text(
        "# Jeugdbehandeling 2025\n\n## Behandeling thuis\n\n"
        "- Licht: jeugdigen met lichte klachten die een paar gesprekken nodig hebben; 1 uur per week, € 90,00 per uur.\n"
        "- Middel: jeugdigen met klachten die school of thuis belemmeren; 2 uur per week, € 100,00 per uur.\n"
        f"- Zwaar: {zwaar}; 4 uur per week, € 120,00 per uur.\n", encoding="utf-8")
    assert bool(_rules(_audit(tmp_path), "niveaus-diagnose")) is gated


# --------------------------------------------------------------- aard and omvang mixed, tariff beside it

@pytest.mark.parametrize("gemiddeld, mixed", [
    ("logeren met hulp bij de persoonlijke verzorging en een nachtdienst. Tarief € 160,00 per etmaal.", True),
    ("2 etmalen per maand, met hulp bij de persoonlijke verzorging. Tarief € 160,00 per etmaal.", False),
])
def test_levels_of_aard_only_beside_omvang_only_are_mixed(tmp_path, gemiddeld, mixed):
    (tmp_path / "logeren.md").write_text(
        "# Logeren 2025\n\n## Kortdurend verblijf\n\n"
        "- **Licht** — 1 etmaal per maand, met begeleiding op de achtergrond. Tarief € 140,00 per etmaal.\n"
        f"- **Gemiddeld** — {gemiddeld}\n"
        "- **Zwaar** — 4 etmalen per maand. Tarief € 200,00 per etmaal.\n", encoding="utf-8")
    result = _audit(tmp_path)
    assert [lvl for _, lvl in _levels(result)] == ["licht", "gemiddeld", "zwaar"]
    assert bool(_rules(result, "niveaus-aard-en-omvang")) is mixed


# --------------------------------------------------------------- verslagen: ja/nee table, questions, prose

def _yes_no_pdf(path: Path, netwerk: tuple[str, str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    st = ParagraphStyle("p", fontName="Helvetica", fontSize=9, leading=11)
    rows = [("Onderdeel", "Besproken", "Toelichting"),
            ("Hulpvraag", "ja", "Meneer wil zijn tuin en huis weer bijhouden."),
            ("Beperkingen in zelfredzaamheid en participatie", "ja", "Hij kan na zijn val niet lang staan."),
            ("Te bereiken resultaat", "ja", "Een schoon huis."),
            ("Benodigde ondersteuning (aard en omvang)", "ja", "Schoonmaken, 3 uur per week."),
            ("Eigen kracht, gebruikelijke hulp en netwerk", *netwerk),
            ("Algemene en voorliggende voorzieningen", "ja", "De klussendienst is besproken."),
            ("Conclusie: maatwerk, omvang en duur", "ja", "Hulp bij het huishouden, 3 uur per week, een jaar.")]
    t = Table([[Paragraph(c, st) for c in r] for r in rows], colWidths=[190, 60, 220])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title="Verslag onderzoek Wmo").build(
        [Paragraph("Verslag onderzoek Wmo", st), Paragraph("Gesprek op 4 maart 2025 met de heer Aksoy.", st), t])


@pytest.mark.parametrize("netwerk, missing", [(("nee", ""), True), (("nee", "Zijn zoon doet de boodschappen."), False)])
def test_a_verslag_table_row_answered_nee_without_explanation_is_a_missing_step(tmp_path, netwerk, missing):
    _yes_no_pdf(tmp_path / "verslag_onderzoek.pdf", netwerk)
    found = [f for f in _rules(_audit(tmp_path), "verslag-wmo-stappen") if "netwerk" in f.message]
    assert bool(found) is missing


_QUESTIONS = {
    "hulpvraag": ("Waarvoor vraagt meneer ondersteuning?", "Hij wil zijn administratie weer zelf kunnen doen."),
    "problemen": ("Waar loopt hij tegenaan?", "Hij opent zijn post niet meer en mist betalingen."),
    "resultaat": ("Wat wil hij bereiken?", "Zelf zijn rekeningen op tijd betalen."),
    "omvang": ("Welke hulp is daarvoor in totaal nodig?", "Hulp bij het ordenen en betalen, samen 3 uur per week."),
    "netwerk": ("Wat kunnen meneer zelf en zijn omgeving doen?", "Zijn broer kijkt eens per maand mee; meer kan hij niet."),
    "voorzieningen": ("Kan een algemene of voorliggende voorziening helpen?", "De formulierenhulp van de bibliotheek is te weinig."),
    "vaststelling": ("Wat stellen wij vast?", "Begeleiding individueel, 2 uur per week, een jaar."),
}


@pytest.mark.parametrize("left_out", [None, "voorzieningen"])
def test_a_verslag_of_questions_and_answers_has_its_steps(tmp_path, left_out):
    import docx

    d = docx.Document()
    d.add_heading("Verslag van het onderzoek Wmo", level=0)
    d.add_paragraph("Gesprek op 3 maart 2025 bij de heer Bos thuis.")
    for key, (question, answer) in _QUESTIONS.items():
        if key != left_out:
            d.add_paragraph().add_run(question).bold = True
            d.add_paragraph(answer)
    d.save(str(tmp_path / "verslag_onderzoek.docx"))
    found = _rules(_audit(tmp_path), "verslag-wmo-stappen")
    if left_out is None:
        assert found == []
    else:
        assert len(found) == 1 and "voorzieningen" in found[0].message


_PROSE = [
    "Moeder heeft contact gezocht omdat haar dochter Noor (9 jaar) sinds de scheiding slecht slaapt en vraagt hulp voor het gezin.",
    "Thuis lopen de ruzies hoog op en op school trekt Noor zich terug; er zijn duidelijke opvoed- en opgroeiproblemen.",
    "Moeder wil dat er weer rust komt en dat Noor met plezier naar school gaat; dat is het doel van de hulp.",
    "Om dat te bereiken is begeleiding van het gezin nodig, ongeveer 2 uur per week gedurende vier maanden.",
    "Moeder staat er grotendeels alleen voor; de grootouders wonen ver weg en helpen alleen in de vakanties.",
    "De schoolmaatschappelijk werker en het gratis oudercafé van de buurt zijn besproken als andere voorzieningen; zij zijn niet genoeg.",
    "Afgesproken is dat het gezin gezinsbegeleiding krijgt, 2 uur per week, van 1 april tot en met 31 juli 2025.",
]


@pytest.mark.parametrize("drop, missing", [(None, None), (5, "voorzieningen")])
def test_a_verslag_in_prose_without_headings_has_its_steps(tmp_path, drop, missing):
    text = "\n\n".join(s for i, s in enumerate(_PROSE) if i != drop)
    (tmp_path / "verslag_gesprek_jeugdteam.txt").write_text(
        "Verslag gesprek jeugdteam\nGesprek van 12 maart 2025 met mevrouw De Wit en haar dochter.\n\n" + text + "\n",
        encoding="utf-8")
    found = _rules(_audit(tmp_path), "verslag-jeugdwet-stappen")
    if missing is None:
        assert found == []
    else:
        assert len(found) == 1 and missing in found[0].message


# --------------------------------------------------------------- werkinstructie metadata: version table, one sentence

@pytest.mark.parametrize("header, missing", [(("Versie", "Datum", "Auteur", "Wijziging"), None),
                                             (("Versie", "Datum", "Team", "Wijziging"), "redacteur")])
def test_a_version_table_at_the_end_gives_the_metadata(tmp_path, header, missing):
    import docx

    d = docx.Document()
    d.core_properties.author = ""
    d.add_heading("Werkinstructie melding woningaanpassing", level=0)
    for i, step in enumerate(("Lees de melding.", "Plan een huisbezoek met de ergotherapeut.", "Stel de beschikking op."), 1):
        d.add_paragraph(f"{i}. {step}")
    d.add_heading("Documentbeheer", level=1)
    t = d.add_table(rows=3, cols=4)
    for r, row in enumerate((header, ("1.0", "10-01-2024", "P. Jansen", "Eerste versie"),
                             ("1.1", "02-09-2024", "P. Jansen", "Stap 2 aangepast"))):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.save(str(tmp_path / "Werkinstructie_woningaanpassing.docx"))
    found = _rules(_audit(tmp_path), "werkinstructie-documentgegevens")
    assert [f.message for f in found if "versienummer" in f.message or "datum" in f.message] == []
    assert bool([f for f in found if "redacteur" in f.message]) is (missing == "redacteur")


@pytest.mark.parametrize("line, missing", [("Laatst herzien op 14 mei 2024 door R. Kok (versie 3)", None),
                                           ("Laatst herzien op 14 mei 2024 door R. Kok", "versienummer")])
def test_werkinstructie_metadata_in_one_sentence(tmp_path, line, missing):
    (tmp_path / "WI_huisbezoek.txt").write_text(
        f"WERKINSTRUCTIE HUISBEZOEK PLANNEN\n\n{line}\n\nWerkwijze\n1. Bel de inwoner binnen vijf werkdagen.\n"
        "2. Stuur een bevestiging van de afspraak.\n", encoding="utf-8")
    found = _rules(_audit(tmp_path), "werkinstructie-documentgegevens")
    assert [f.message for f in found if missing is None or missing not in f.message] == []
    assert bool(found) is (missing is not None)


# --------------------------------------------------------------- a running footer with a page number

def test_a_running_footer_with_a_changing_page_number_is_page_furniture(tmp_path):
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "werkboek.pdf"), pagesize=A5, invariant=1)
    for n in range(1, 4):
        c.setFont("Helvetica", 10)
        c.drawString(40, 520, f"Hoofdstuk {n}")
        c.drawString(40, 500, f"Op deze pagina staat de uitleg over onderwerp {n} van het werkboek.")
        c.setFont("Helvetica", 8)
        c.drawString(40, 30, f"Werkboek toegang 2025 | blad {n}")
        c.showPage()
    c.save()
    text = _audit(tmp_path).documents[0].text
    assert "blad" not in text and "Op deze pagina staat de uitleg over onderwerp 3" in text


def test_a_line_that_only_repeats_on_one_page_is_kept(tmp_path):
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "notitie.pdf"), pagesize=A5, invariant=1)
    for n, last in ((1, "Bijlage 1 staat achterin."), (2, "Zie ook de tabel op de volgende bladzijde."), (3, "Einde van de notitie.")):
        c.drawString(40, 500, f"Tekst van pagina {n} over de nieuwe werkwijze.")
        c.drawString(40, 30, last)
        c.showPage()
    c.save()
    text = _audit(tmp_path).documents[0].text
    assert "Bijlage 1 staat achterin." in text and "Einde van de notitie." in text


_RUN_IN = ["**Vraag.** Mevrouw Smit vraagt een rolstoel om zelf naar de markt te gaan.",
           "**Wat lukt niet meer?** Zij kan na haar beroerte niet verder lopen dan de voordeur.",
           "**Doel.** Zelf boodschappen doen en haar zus bezoeken.",
           "**Nodige hulp naar aard en omvang.** Een rolstoel voor dagelijks gebruik binnen het dorp.",
           "**Eigen kracht en netwerk.** Haar zus rijdt één keer per week; meer kan zij niet.",
           "**Voorliggende voorzieningen.** De buurtbus stopt niet bij haar straat.",
           "**Afspraak.** Een rolstoel in bruikleen voor vijf jaar."]


@pytest.mark.parametrize("drop, missing", [(None, None), (5, "voorzieningen"), (0, "hulpvraag")])
def test_a_verslag_with_bold_run_in_labels_has_its_steps(tmp_path, drop, missing):
    body = "\n\n".join(s for i, s in enumerate(_RUN_IN) if i != drop)
    (tmp_path / "verslag.md").write_text(f"# Verslag onderzoek Wmo\n\nGesprek op 2 april 2025 bij mevrouw Smit thuis.\n\n{body}\n",
                                         encoding="utf-8")
    found = _rules(_audit(tmp_path), "verslag-wmo-stappen")
    if missing is None:
        assert found == []
    else:
        assert len(found) == 1 and missing in found[0].message
