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
