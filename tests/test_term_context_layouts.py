"""Term context in layouts with hard line wraps (PDF and text exports), FAQ pages and new ways of
speaking about the past (corpus-vennewoude/): a wrapped line is no heading, a comparison with the
old law or a retrospective chapter is history, a hulpmiddelen policy is a Wmo text. Each with a
case that must still be reported. All text is written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from docmine.api import Options, audit


def _terms(folder: Path, text: str, name: str = "werkboek.txt") -> list[str]:
    (folder / name).write_text(text, encoding="utf-8")
    return [f.excerpt for f in audit([folder], Options(jobs=1)).findings if f.type == "term"]


@pytest.mark.parametrize("above, found", [
    # a wrapped sentence that names the Wlz is no heading over the next section
    ("De consulent kijkt of de vraag bij een andere wet hoort.\nInwoners die al een Wlz-indicatie hebben, verwijst u naar het\n"
     "zorgkantoor.\n", True),
    # a real heading that names the Wlz sets the context
    ("Zorg uit de Wlz\n", False),
])
def test_a_wrapped_line_is_no_heading_for_the_law_context(tmp_path, above, found):
    text = ("Werkboek toegang Wmo 2025\n\n2 De melding\n" + above +
            "3 Het gesprek\nBij de vraag welke taken huisgenoten overnemen, toetst u aan de\n"
            "gebruikelijke zorg van partners en inwonende kinderen.\n")
    assert ("gebruikelijke zorg" in _terms(tmp_path, text)) is found


@pytest.mark.parametrize("rest, found", [
    ("instelling, vallen nu onder de Wlz.", False),
    ("instelling, vraagt de inwoner aan bij het sociaal team.", True),
])
def test_a_numbered_line_that_wraps_is_one_sentence_with_the_next(tmp_path, rest, found):
    text = ("Beleidsregels hulpmiddelen Wmo 2017\n\n2 Uitgangspunten\n"
            f"2.3 Hulpmiddelen die eerder AWBZ-gefinancierd werden, zoals de tillift in een\n{rest}\n")
    assert bool(_terms(tmp_path, text)) is found


@pytest.mark.parametrize("sentence, found", [
    ("Anders dan onder de Wet op de jeugdzorg gaat de toegang via het jeugdteam.", False),
    ("Onder de Wet op de jeugdzorg gaat de toegang via het jeugdteam.", True),
    ("Ook dit woord uit de AWBZ-tijd is uit de tekst verdwenen.", False),
    ("De AWBZ-zorg thuis loopt via de aanbieder.", True),
])
def test_a_comparison_with_the_old_law_or_its_era_is_history(tmp_path, sentence, found):
    text = f"Toelichting bij de verordening Wmo 2023\n\n{sentence}\n"
    assert bool(_terms(tmp_path, text)) is found


@pytest.mark.parametrize("heading, found", [("7 Terugblik op de decentralisatie", False), ("7 Begeleiding", True)])
def test_a_term_in_a_retrospective_chapter_is_history(tmp_path, heading, found):
    text = (f"Werkboek toegang Wmo 2025\n\n{heading}\n\nDe begeleiding en de dagbesteding zijn uit de AWBZ naar de gemeente "
            "gekomen; elke gemeente regelt ze op haar eigen manier.\n")
    assert bool(_terms(tmp_path, text)) is found


@pytest.mark.parametrize("title, found", [
    ("Beleidsregels hulpmiddelen en woonvoorzieningen 2017", True),
    ("Beleidsregels zorgkantoor 2017", False),
])
def test_a_policy_on_hulpmiddelen_is_a_wmo_text(tmp_path, title, found):
    text = (f"{title}\n\nHulpmiddelen die in een instelling worden gebruikt, vallen onder de Wlz. De Wlz regelt ook de tillift.\n"
            "Bij een aanvraag houdt de consulent rekening met de gebruikelijke zorg van de huisgenoten.\n")
    assert ("gebruikelijke zorg" in _terms(tmp_path, text)) is found


def test_faq_questions_of_a_details_list_are_their_own_paragraphs(tmp_path):
    html = ("<html lang='nl'><head><title>Vragen over de Wmo</title></head><body><h1>Vragen over de Wmo</h1>"
            "<details><summary>Wat kost hulp bij het huishouden?</summary><p>U betaalt een eigen bijdrage.</p></details>"
            "<details><summary>Hoe vraag ik het aan?</summary><p>Bel het sociaal team.</p></details></body></html>")
    (tmp_path / "vragen.html").write_text(html, encoding="utf-8")
    text = audit([tmp_path], Options(jobs=1)).documents[0].text
    assert "Wat kost hulp bij het huishouden?\n\nU betaalt een eigen bijdrage." in text


@pytest.mark.parametrize("question, found", [
    ("Wat gebeurt er als mijn beschikking afloopt?", True),  # an FAQ question of its own: the Wlz question above does not count
    ("Wat gebeurt er als mijn indicatie voor de Wlz afloopt?", False),
])
def test_a_question_heading_starts_its_own_law_context(tmp_path, question, found):
    text = ("Veelgestelde vragen over de Wmo\n\nWat is het verschil tussen de Wmo en de Wlz?\n\n"
            "De Wmo helpt u thuis te wonen; de Wlz is voor wie blijvend toezicht nodig heeft.\n\n"
            f"{question}\n\nDrie maanden voor de einddatum plannen wij een herindicatie met u.\n")
    assert ("herindicatie" in _terms(tmp_path, text, "vragen.txt")) is found


def _werkinstructie_docx(path: Path, opening: str) -> Path:
    """A werkinstructie whose steps refer Wlz clients elsewhere and whose version table names the
    Wlz twice, after an opening paragraph that says which law the work is done under."""
    import docx

    d = docx.Document()
    d.add_heading("Werkinstructie eerste gesprek plannen", 1)
    d.add_paragraph(opening)
    d.add_heading("Werkwijze", 2)
    for step in ("Bel de aanvrager binnen een week en spreek een datum voor het gesprek af.",
                 "Blijkt dat de aanvrager een Wlz-indicatie heeft, stuur hem dan door naar het zorgkantoor.",
                 "Vraag de aanvrager het laatste indicatiebesluit klaar te leggen voor het gesprek."):
        d.add_paragraph(step, style="List Number")
    d.add_heading("Versiebeheer", 2)
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("Versie", "Datum", "Wijziging"), ("1.0", "03-02-2023", "Eerste versie"),
                             ("1.1", "14-10-2024", "Verwijzing naar de Wlz en het zorgkantoor toegevoegd")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.save(path)
    return path


@pytest.mark.parametrize("opening, law, flagged", [
    # the opening paragraph says the work is done under the Wmo: the Wlz of a referral and of the
    # version table does not make it a Wlz document, and 'indicatiebesluit' is outdated there
    ("Deze instructie helpt consulenten van het wijkteam bij het plannen van het eerste gesprek na een melding Wmo.",
     "Wmo", True),
    # a document that opens with the Wlz is under the Wlz, where an indicatiebesluit is right
    ("Deze instructie helpt medewerkers van het zorgkantoor bij het plannen van het eerste gesprek over zorg uit de Wlz.",
     "Wlz", False),
])
def test_the_opening_paragraph_names_the_documents_law(tmp_path, opening, law, flagged):
    _werkinstructie_docx(tmp_path / "werkinstructie.docx", opening)
    result = audit([tmp_path], Options(jobs=1))
    assert result.documents[0].law == law
    terms = [f.excerpt for f in result.findings if f.type == "term"]
    assert any("indicatiebesluit" in t for t in terms) is flagged, terms


@pytest.mark.parametrize("title, body, flagged", [
    # a list for schools: 'indicatiestelling' is the right word in education, under no law of the social domain
    ("Instrumenten voor de indicatiestelling leerwegondersteunend onderwijs 2019",
     "De school vraagt de indicatie aan bij de regionale verwijzingscommissie. Zij toetst de leerachterstand.", False),
    # a jeugdhulp text that also speaks of education stays under the Jeugdwet: the word is outdated there
    ("Samenwerking jeugdhulp en passend onderwijs 2019",
     "Het jeugdteam geeft een indicatie voor jeugdhulp op school. De jeugdige krijgt begeleiding in de klas.", True),
])
def test_a_document_about_another_field_uses_its_own_words(tmp_path, title, body, flagged):
    terms = _terms(tmp_path, f"{title}\n\n{body}\n")
    assert any("indicatie" in t for t in terms) is flagged, terms


def test_a_user_names_another_field_by_its_title(tmp_path):
    docs, rules = tmp_path / "docs", tmp_path / "rules"
    docs.mkdir(), rules.mkdir()
    (docs / "keuring.txt").write_text("Sportmedische keuring 2022\n\nDe sportarts geeft een indicatie voor de belastbaarheid.\n",
                                      encoding="utf-8")
    (rules / "velden.yml").write_text("vocabulary:\n  other_sense_titles: {indicatie: [sportmedisch*]}\nrules: []\n", encoding="utf-8")
    plain = [f.excerpt for f in audit([docs], Options(jobs=1)).findings if f.type == "term"]
    own = [f.excerpt for f in audit([docs], Options(jobs=1, rule_dirs=[str(rules)])).findings if f.type == "term"]
    assert any("indicatie" in t for t in plain) and not own
