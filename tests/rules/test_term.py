"""The term type: Dutch matching (lemmas, compounds, OCR, case), context and dates."""

from __future__ import annotations

from datetime import date

import pytest

from rulehelp import run

AWBZ = """rules:
  - id: awbz
    type: term
    severity: error
    message: De AWBZ bestaat niet meer.
    terms: [AWBZ, Algemene Wet Bijzondere Ziektekosten]
    unless: [historisch, citaat]
    repealed: 2015-01-01
"""

INDICEREN = """rules:
  - id: indiceren
    type: term
    severity: warning
    message: Geen Wmo-term.
    terms: [indiceren, indicatie]
    except_laws: [Wlz]
    unless: [historisch, Wlz-indicatie, contra-indicatie]
"""

IV = """rules:
  - id: iv
    type: term
    severity: warning
    message: Schrijf maatwerkvoorziening.
    terms: [individuele voorziening]
    except_laws: [Jeugdwet]
"""


@pytest.mark.parametrize("text,excerpt", [
    ("De cliënt is geïndiceerd voor hulp.", "geïndiceerd"),
    ("De consulent indiceerde twee uur.", "indiceerde"),
    ("Het aantal indicaties stijgt.", "indicaties"),
    ("Na twee jaar volgt een herindicatie.", "herindicatie"),
    ("De indicatiestelling volgt later.", "indicatiestelling"),
    ("De cliént is geindiceerd.", "geindiceerd"),
])
def test_term_lemmas_and_compounds_match(make_rule, text, excerpt):
    found = run(make_rule(INDICEREN), text)
    assert [f.excerpt for f in found] == [excerpt]


@pytest.mark.parametrize("text", [
    "Met een Wlz-indicatie woont mevrouw in een instelling.",
    "Er is een medische contra-indicatie.",
    "Het CIZ geeft een indicatie voor de Wlz af.",
    "Het bedrag is indicatief.",
    "Vóór 2015 werd iedereen geïndiceerd.",
])
def test_term_exceptions_and_context_do_not_match(make_rule, text):
    assert run(make_rule(INDICEREN), text) == []


@pytest.mark.parametrize("text,excerpt", [
    ("De AWBZ is voorliggend.", "AWBZ"),
    ("Hij krijgt AWBZ-zorg.", "AWBZ-zorg"),
    ("Volgens de A.W.B.Z. is dat zo.", "A.W.B.Z."),
    ("Dit staat in de Algemene Wet Bijzondere\nZiektekosten.", "Algemene Wet Bijzondere\nZiektekosten"),
])
def test_term_acronyms_ocr_and_multiword_match(make_rule, text, excerpt):
    assert [f.excerpt for f in run(make_rule(AWBZ), text)] == [excerpt]


@pytest.mark.parametrize("text", [
    "Ten tijde van de AWBZ ging dat anders.",
    "De AWBZ is in 2015 opgegaan in de Wlz.",
    "Vóór 2015 viel dit onder de AWBZ.",
    'Artikel 3 luidde: "de AWBZ is voorliggend".',
    "De awbz-achtige constructie is onbekend.",
])
def test_term_history_quotes_and_case_do_not_match(make_rule, text):
    assert run(make_rule(AWBZ), text) == []


def test_term_document_before_repeal_gets_one_stale_info(make_rule):
    found = run(make_rule(AWBZ), "De AWBZ is voorliggend. Ook AWBZ-zorg telt.", date_=date(2013, 5, 1))
    assert len(found) == 1
    assert found[0].severity == "info"
    assert "verouderd" in found[0].message and "01-01-2015" in found[0].message


def test_term_law_context_scopes_individuele_voorziening(make_rule):
    rule = make_rule(IV)
    assert run(rule, "Het college verstrekt een individuele voorziening.", law="Wmo")
    assert run(rule, "Het college verstrekt een individuele voorziening.", law="Jeugdwet") == []
    assert run(rule, "Het college verstrekt jeugdhulp als individuele voorziening.") == []


def test_term_compensatieplicht_ocr_noise(make_rule):
    rule = make_rule("""rules:
  - id: cp
    type: term
    severity: warning
    message: Oud.
    terms: [compensatieplicht]
""")
    assert [f.excerpt for f in run(rule, "De cornpensatieplicht geldt.")] == ["cornpensatieplicht"]
    assert [f.excerpt for f in run(rule, "De compensatie plicht geldt.")] == ["compensatie plicht"]
    assert run(rule, "De gemeente compenseert niets.") == []


def test_term_acronym_that_is_a_word_skipped_in_capital_heading(make_rule):
    rule = make_rule("""rules:
  - id: wij
    type: term
    severity: error
    message: De WIJ is ingetrokken.
    terms: [WIJ]
""")
    assert run(rule, "Er staat nog een toets aan de WIJ.")
    assert run(rule, "WAT WIJ DOEN VOOR U\n\nWij helpen.") == []


def test_term_finding_points_at_line_and_page(make_rule):
    found = run(make_rule(AWBZ), "Titel\n\nEerste alinea.\n\nHier staat de AWBZ.\n")
    assert found[0].line == 5 and found[0].page == 1


def test_term_two_rules_of_one_pack_both_find_overlapping_terms(tmp_path):
    from docmine.rules import registry
    from docmine.rules.base import Context
    from docmine.rules.loader import load_rules
    from docmine.rules.testing import document_from_text

    f = tmp_path / "pack.yml"
    f.write_text("""rules:
  - id: ind
    type: term
    severity: warning
    message: a
    terms: [indicatie]
  - id: wijzer
    type: term
    severity: warning
    message: b
    terms: [indicatiewijzer]
""", encoding="utf-8")
    rules = [registry.get(r.type)(r) for r in load_rules([f], default=False)]
    doc = document_from_text("De consulent gebruikt de indicatiewijzer.")
    assert {f.rule for r in rules for f in r.check_document(doc, Context())} == {"ind", "wijzer"}


# -- precision on real documents (issue 5 follow-up) -------------------------------------------

AWBZ_V = AWBZ.replace("unless: [historisch, citaat]", "unless: [historisch, citaat, vermelding]")

TERMS_V = """rules:
  - id: oud
    type: term
    severity: warning
    message: Verouderde term.
    terms: [indiceren, indicatie, gebruikelijke zorg, compensatieplicht, AWBZ, huishoudelijke verzorging,
            individuele voorziening]
    unless: [historisch, citaat, vermelding]
"""


@pytest.mark.parametrize("text", [
    "In de Wmo 2015 gelden andere uitgangspunten dan in de AWBZ golden.",
    "Begeleiding werd tot die tijd vergoed uit de AWBZ.",
    "Dat was in de AWBZ geregeld.",
    "Destijds regelde de AWBZ de begeleiding.",
    "Toen betaalde de AWBZ de dagbesteding.",
    "Tot 1 januari 2015 regelde de AWBZ de begeleiding.",
    "Dagbesteding viel voor veel cliënten onder de AWBZ.",
])
def test_term_past_tense_cue_near_the_term_is_historical(make_rule, text):
    assert run(make_rule(AWBZ), text) == []


@pytest.mark.parametrize("text", [
    "Voor begeleiding is de AWBZ voorliggend.",
    "Dagbesteding valt onder de AWBZ.",
    "De cliënt krijgt AWBZ-zorg, zoals het college heeft besloten.",
])
def test_term_present_tense_policy_text_still_matches(make_rule, text):
    assert [f.excerpt for f in run(make_rule(AWBZ), text)][:1] in (["AWBZ"], ["AWBZ-zorg"])


def test_term_past_tense_of_the_term_itself_is_no_cue(make_rule):
    assert [f.excerpt for f in run(make_rule(INDICEREN), "De consulent indiceerde drie uur per week.")] == ["indiceerde"]
    # a past tense far from the term in a long sentence does not make it historical
    far = ("Het college stelde in 2021 vast dat een groot deel van de aanvragen binnen acht weken werd "
           "afgehandeld en dat de consulent daarna in de meeste gevallen drie uur per week indiceert.")
    assert [f.excerpt for f in run(make_rule(INDICEREN), far)] == ["indiceert"]


@pytest.mark.parametrize("text", [
    "De term indiceren wordt nog veel gebruikt.",
    "Determ indiceren wordt veelvuldig gebruikt.",  # OCR lost the space in 'De term'
    "Oude terminologie (zoals gebruikelijke zorg en huishoudelijke verzorging) staat er nog in.",
    "In de richtlijn wordt gebruikelijke zorg gebruikt i.p.v. gebruikelijke hulp.",
    "In de nota wordt nog gesproken over de compensatieplicht.",
    "De compensatieplicht (= een begrip uit de oude Wmo) staat in hoofdstuk 2.",
    "In het verslag staat ‘indicatie’ waar het besluit bedoeld is.",
    "Op pagina 12 wordt genoemd dat begeleiding vanuit de AWBZ voorliggend is.",
    "Er wordt onderscheid gemaakt tussen AWBZ-zorg voor en na 2009. Dit is niet meer relevant.",
    "Opvallend in deze nota:\n\n- de AWBZ is voorliggend voor begeleiding\n- de nota is verouderd",
    "Enkele punten uit de verouderde richtlijn:\n\n- er staat geen datum in\n- de AWBZ is voorliggend",
])
def test_term_vermelding_skips_a_term_named_as_a_term(make_rule, text):
    assert run(make_rule(TERMS_V), text) == []


@pytest.mark.parametrize("text,excerpt", [
    ("Het college verstrekt een individuele voorziening i.p.v. een pgb.", "individuele voorziening"),
    ("De cliënt kiest een pgb in plaats van een individuele voorziening.", "individuele voorziening"),
    ("Voorzieningen zoals huishoudelijke verzorging worden per jaar verstrekt.", "huishoudelijke verzorging"),
    ("Zogenaamde ‘hoge’ indicaties bespreekt de consulent met de gedragswetenschapper.", "indicaties"),
    ("Aanpalende wetgeving:\n\n- de AWBZ\n- de Participatiewet", "AWBZ"),
    ("De consulent spreekt met de cliënt over de indicatie.", "indicatie"),
])
def test_term_vermelding_keeps_real_uses(make_rule, text, excerpt):
    assert [f.excerpt for f in run(make_rule(TERMS_V), text)] == [excerpt]


def test_term_vermelding_only_when_the_rule_asks_for_it(make_rule):
    text = "In de nota wordt nog gesproken over de AWBZ."
    assert run(make_rule(AWBZ_V), text) == []
    assert [f.excerpt for f in run(make_rule(AWBZ), text)] == ["AWBZ"]


@pytest.mark.parametrize("text", [
    # the Jeugdwet step list inside a Wmo document
    "Voor de Wmo legt de consulent vast:\n\n= hulpvraag\n= vaststelling maatwerk\n\n"
    "Voor de Jeugdwet legt de consulent vast:\n\n= hulpvraag\n= sociaal\n\nnetwerk\n= vaststelling individuele voorziening",
    # a section whose heading names the Jeugdwet
    "Dossierbeoordelingen Jeugdhulp\n\nDe gewenste resultaten zijn beschreven\n\n"
    "De noodzaak omtrent individuele voorziening is duidelijk en onderbouwd.",
    "Verordening jeugdhulp 2019\n\nArtikel 7A Criteria: individuele voorziening voor zover het netwerk niet volstaat.",
    # a numbered heading over both laws: the term may be the Jeugdwet's
    "5. Is de werkwijze te herkennen in het beleid Wmo\nen Jeugdwet?\nSoms is sprake van onterecht toekennen "
    "van maatwerk of een individuele voorziening.",
])
def test_term_law_context_from_list_lead_in_and_heading(make_rule, text):
    assert run(make_rule(IV), text, law="Wmo") == []


@pytest.mark.parametrize("text", [
    "Voor de Jeugdwet legt de consulent vast:\n\n= hulpvraag\n\n"
    "Voor de Wmo legt de consulent vast:\n\n= hulpvraag\n= vaststelling individuele voorziening",
    "Dossierbeoordelingen Jeugdhulp\n\nEr zijn tien dossiers bekeken.\n\nDossierbeoordelingen Wmo\n\n"
    "De noodzaak omtrent individuele voorziening is duidelijk en onderbouwd.",
    "Beleidsregels Wmo\n\nHet college verstrekt een individuele voorziening.",
])
def test_term_law_context_wmo_passage_still_matches(make_rule, text):
    assert [f.excerpt for f in run(make_rule(IV), text, law="Wmo")] == ["individuele voorziening"]


def test_term_not_near_skips_oude_wmo_next_to_nieuwe_wmo(make_rule):
    rule = make_rule("""rules:
  - id: oude-wmo
    type: term
    severity: error
    message: De Wmo 2007 bestaat niet meer.
    terms:
      - {term: oude Wmo, not_near: '\\bnieuwe\\s+wmo\\b'}
""")
    assert run(rule, "Bij de werkverdeling:\n\n4 uur voor oude Wmo\n\n6 uur voor nieuwe Wmo\n") == []
    assert [f.excerpt for f in run(rule, "Op grond van de oude Wmo heeft de inwoner recht op een scootmobiel.")] == ["oude Wmo"]
