"""PDF headings from type and running headers/footers as metadata (issue 17, one layout model):
a line set larger or in bold than the body is a heading block with a level from its size, as a
DOCX heading style or an HTML <h2> is; bold words in a sentence and a bold paragraph are not.
What a running footer says (version, date, owner) is kept as the document's footer metadata, as
the DOCX reader keeps its footer part. End to end: product levels whose only marks are bold
headings, and a werkinstructie whose version and owner stand only in its footer. All text is
written for these tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from docmine.api import Options, audit
from docmine.ingest.pdf import read_pdf
from docmine.limits import Limits

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
BOLD_BODY = ParagraphStyle("bold", parent=BODY, fontName="Helvetica-Bold")
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=10)
SECTION = ParagraphStyle("section", fontName="Helvetica", fontSize=14, leading=18, spaceAfter=6)

_PROSE = ("Wie zich meldt bij het sociaal team krijgt binnen een week een gesprek. De consulent bespreekt "
          "wat de inwoner zelf kan, wat familie en buren doen en welke hulp daarnaast nodig is. ")


def _pdf(path: Path, story: list, footer: str | None = None, header: str | None = None) -> Path:
    def furniture(canvas, doc):
        canvas.setFont("Helvetica", 8)
        if header:
            canvas.drawString(72, A4[1] - 40, header.format(n=doc.page))
        if footer:
            canvas.drawString(72, 30, footer.format(n=doc.page))

    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def _headings(path: Path) -> list[tuple[int, str]]:
    doc = read_pdf(path, path.name, Limits())
    return [(b.level, " ".join(doc.text[b.start:b.end].split())) for b in doc.blocks if b.kind == "heading"]


def test_larger_and_bold_lines_are_headings_with_levels_by_size(tmp_path):
    story = [Paragraph("Werkwijze toegang", TITLE),
             Paragraph("De melding", SECTION), Paragraph(_PROSE * 2, BODY),
             Paragraph("Wie mag melden", BOLD_BODY), Paragraph(_PROSE, BODY),
             Paragraph("Het gesprek aan de keukentafel", SECTION), Paragraph(_PROSE * 3, BODY),
             Paragraph("Afspraken vastleggen", BOLD_BODY), Paragraph(_PROSE, BODY)]
    assert _headings(_pdf(tmp_path / "werkwijze.pdf", story)) == [
        (1, "Werkwijze toegang"), (2, "De melding"), (3, "Wie mag melden"),
        (2, "Het gesprek aan de keukentafel"), (3, "Afspraken vastleggen")]


def test_a_heading_wrapped_over_two_lines_is_one_heading(tmp_path):
    narrow = ParagraphStyle("narrow", parent=SECTION, rightIndent=180)
    story = [Paragraph("Ondersteuning bij het voeren van het eigen huishouden", narrow), Paragraph(_PROSE * 2, BODY)]
    assert _headings(_pdf(tmp_path / "huishouden.pdf", story)) == [
        (1, "Ondersteuning bij het voeren van het eigen huishouden")]


@pytest.mark.parametrize("styled", [
    "Bij een spoedmelding belt de consulent <b>dezelfde dag</b> terug en maakt een afspraak.",
    "<b>Let op:</b> een melding van een buurman telt pas als de inwoner zelf instemt.",
    "<b>De consulent legt elk gesprek binnen twee werkdagen vast.</b>",
    "<b>Deze alinea staat helemaal vet omdat de schrijver haar belangrijk vond. Zij loopt over meer dan "
    "twee regels en is daarom een gewone alinea, ook al eindigt zij niet met een punt, want wie leest dit "
    "nu als kop boven een hoofdstuk met zoveel woorden</b>",
])
def test_bold_words_in_a_sentence_or_a_bold_paragraph_are_no_heading(tmp_path, styled):
    story = [Paragraph(_PROSE * 2, BODY), Paragraph(styled, BODY), Paragraph(_PROSE * 2, BODY)]
    assert _headings(_pdf(tmp_path / "alinea.pdf", story)) == []


def _werkinstructie() -> list:
    """Three steps, each on its own page."""
    story = [Paragraph("Werkinstructie huisbezoek plannen", TITLE)]
    for n, step in enumerate(("Bel de inwoner binnen vijf werkdagen na de melding.",
                              "Stuur een brief met de datum en het tijdstip van het bezoek.",
                              "Leg het bezoek vast in het dossier en meld het aan de collega van de wijk."), 1):
        story += [Paragraph(f"Stap {n}", BOLD_BODY), Paragraph(_PROSE * n + step, BODY)]
        if n < 3:
            story.append(PageBreak())
    return story


def test_a_running_footer_is_kept_as_the_documents_footer(tmp_path):
    path = _pdf(tmp_path / "wi.pdf", _werkinstructie(),
                footer="Versie 2.4 | 3 maart 2025 | eigenaar: P. Bakker | pagina {n} van 3",
                header="Gemeente Lindenwaard - team Toegang")
    doc = read_pdf(path, path.name, Limits())
    assert doc.metadata["footer"] == "Versie 2.4 | 3 maart 2025 | eigenaar: P. Bakker | pagina 1 van 3"
    assert doc.metadata["header"] == "Gemeente Lindenwaard - team Toegang"
    assert "Versie 2.4" not in doc.text  # still no page furniture in the text


def test_a_bare_page_number_is_no_footer_and_a_single_page_has_none(tmp_path):
    doc = read_pdf(p := _pdf(tmp_path / "nummers.pdf", _werkinstructie(), footer="- {n} -"), p.name, Limits())
    assert "footer" not in doc.metadata
    one = _pdf(tmp_path / "een.pdf", [Paragraph(_PROSE, BODY)], footer="Versie 1.0 | pagina {n}")
    assert "footer" not in read_pdf(one, one.name, Limits()).metadata


_HTML = """<html><body style="font-family: sans-serif; font-size: 11pt">
<h1>Werkwijze Wmo-loket</h1>
<p>Het loket helpt inwoners die een vraag hebben over ondersteuning thuis. De medewerker luistert, kijkt wat de
inwoner zelf kan en verwijst door waar dat nodig is; daarna volgt binnen zes weken een verslag.</p>
<h2>Thuisbegeleiding</h2>
<h3>Licht</h3><p>Voor inwoners die zich grotendeels zelf redden. Omvang: 2 uur per week.</p>
<h3>Midden</h3><p>Voor inwoners die zich niet zelf redden. Omvang: 5 uur per week.</p>
<p>Soms staat er een <b>vet woord</b> in de zin. <b>Let op:</b> dit is geen kop.</p>
<p><b>Deze vette alinea loopt over meer dan twee regels omdat de schrijver haar belangrijk vond, en zij is
dus geen kop maar gewone tekst die veel langer doorgaat dan een kop ooit zou doen in een nette nota.</b></p>
<p><b>Zwaar</b></p><p>Voor inwoners die zich helemaal niet zelf redden. Omvang: 8 uur per week.</p>
</body></html>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium ontbreekt")
def test_headings_in_a_pdf_printed_by_a_browser(tmp_path):
    """Another PDF writer: subset fonts ("AAAAAA+LiberationSans-Bold"), sizes in a scaled text
    matrix, spaces PDFium adds between words; a bold line of body size right under a bold paragraph."""
    (tmp_path / "loket.html").write_text(_HTML, encoding="utf-8")
    pdf = tmp_path / "loket.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", str(tmp_path / "loket.html")], check=True, capture_output=True, timeout=120)
    assert _headings(pdf) == [(1, "Werkwijze Wmo-loket"), (2, "Thuisbegeleiding"), (3, "Licht"), (3, "Midden"), (4, "Zwaar")]


# --------------------------------------------------------------- end to end

def _audit(folder: Path):
    return audit([folder], Options(jobs=1))


def test_werkinstructie_with_version_and_owner_only_in_its_running_footer_is_complete(tmp_path):
    _pdf(tmp_path / "wi_huisbezoek.pdf", _werkinstructie(),
         footer="Versie 2.4 | 3 maart 2025 | eigenaar: P. Bakker | pagina {n} van 3")
    result = _audit(tmp_path)
    assert result.documents[0].type == "werkinstructie"
    assert [f.message for f in result.findings if f.rule == "werkinstructie-documentgegevens"] == []
    assert result.documents[0].metadata["werkinstructie"]["versienummer"] == "2.4"


def test_werkinstructie_without_the_footer_is_still_flagged(tmp_path):
    _pdf(tmp_path / "wi_huisbezoek.pdf", _werkinstructie(), footer="pagina {n} van 3")
    found = [f.message for f in _audit(tmp_path).findings if f.rule == "werkinstructie-documentgegevens"]
    assert any("versienummer" in m for m in found) and any("redacteur" in m for m in found)


_LEVELS = [("Licht", "Voor inwoners die zich grotendeels zelf redden en af en toe hulp nodig hebben bij het plannen "
                     "van de week. Omvang: 2 uur per week. Tarief: € 58,00 per uur."),
           ("Midden", "Voor inwoners die zich niet zelf redden en dagelijks hulp nodig hebben bij het huishouden "
                      "en de administratie. Omvang: 5 uur per week. Tarief: € 61,00 per uur."),
           ("Zwaar", "Voor inwoners die zich grotendeels zelf redden en een enkele keer een vraag hebben. "
                     "Omvang: 8 uur per week. Tarief: € 66,00 per uur.")]


def _arrangement(path: Path, head_style: ParagraphStyle) -> None:
    story = [Paragraph("Arrangementen sociaal domein 2025", head_style), Paragraph(_PROSE, BODY),
             Paragraph("Thuisbegeleiding", head_style)]
    for name, text in _LEVELS:
        story += [Paragraph(name, head_style), Paragraph(text, BODY)]
    _pdf(path, story)


def test_levels_under_bold_headings_without_numbers_or_codes_are_read(tmp_path):
    _arrangement(tmp_path / "arrangementen.pdf", BOLD_BODY)
    result = _audit(tmp_path)
    levels = [(c.attrs["family"], c.attrs["level"]) for d in result.documents for c in d.clauses if c.kind == "niveau"]
    assert levels == [("Thuisbegeleiding", "licht"), ("Thuisbegeleiding", "midden"), ("Thuisbegeleiding", "zwaar")]
    found = [f for f in result.findings if f.rule.startswith("niveaus-")]
    assert [f.rule for f in found] == ["niveaus-omgedraaid"]
    # the quotes are what each level's prose says, not its heading ("Zwaar" is no need of its clients)
    assert "Bij midden staat 'zich niet zelf redden', bij zwaar 'zich grotendeels zelf redden':" in found[0].message


def test_the_same_levels_in_plain_type_are_not_taken_for_a_family(tmp_path):
    _arrangement(tmp_path / "arrangementen.pdf", BODY)
    result = _audit(tmp_path)
    assert [c for d in result.documents for c in d.clauses if c.kind == "niveau"] == []


@pytest.mark.parametrize("footer, kind", [("Versie 1.3 | 9 januari 2025 | eigenaar: R. Smit | pagina {n} van 3", "werkinstructie"),
                                          ("Gemeente Lindenwaard | pagina {n} van 3", "other")])
def test_version_and_owner_in_the_running_footer_make_a_procedure_a_werkinstructie(tmp_path, footer, kind):
    story = _werkinstructie()
    story[0] = Paragraph("Huisbezoek plannen", TITLE)  # no 'werkinstructie' in the title
    _pdf(tmp_path / "huisbezoek.pdf", story, footer=footer)
    assert _audit(tmp_path).documents[0].type == kind
