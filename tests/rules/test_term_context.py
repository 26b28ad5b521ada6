"""Term context that holds on unseen text: history, transition headings, definitions, other
senses and OCR, all from the vocabulary (rules/vocabulary/termen.yml), and a user's cue reaching
the worker processes of an audit."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from docmine.rules import registry
from docmine.rules.loader import load_rules
from rulehelp import run

_SHIPPED = {r.id: r for r in load_rules([], default=True)}


def shipped(rule_id: str):
    return registry.get("term")(_SHIPPED[rule_id])


def found(rule_id: str, text: str, **kw) -> list[str]:
    return [f.excerpt for f in run(shipped(rule_id), text, **kw)]


# -- history: the sentence, the brackets, the heading, the definition --------------------------

@pytest.mark.parametrize("rule_id, text", [
    ("awbz-vervallen", "Na de overgang van de AWBZ naar de Wmo kreeg de gemeente meer taken."),
    ("wwb-participatiewet", "De bijzondere bijstand (tot 2015 geregeld in de Wet werk en bijstand) blijft bestaan."),
    ("bopz-vervallen", "Sinds 2020 geldt de Wvggz, die de Wet Bopz heeft vervangen."),
    ("wij-vervallen", "De Wet investeren in jongeren is destijds al opgeheven."),
    ("awbz-vervallen", "Inwoners die eind 2013 dagbesteding kregen uit de AWBZ, hielden die nog een jaar."),
    ("awbz-vervallen", "De gemeente kreeg taken die tot dan toe onder de AWBZ vielen."),
    ("wmo-2007", "Waar de Wmo 2007 sprak van compenseren, vraagt de wet nu om maatwerk."),
    ("compensatieplicht", "Het woord compensatieplicht gebruiken wij niet meer in onze regels."),
    ("awbz-vervallen", "Tot de invoering van de Wmo 2015 werd begeleiding vanuit de AWBZ betaald."),
    ("wwb-participatiewet", "Met de komst van de Participatiewet verviel de Wet werk en bijstand."),
    ("bopz-vervallen", "De Wet verplichte ggz volgde in 2020 de Wet Bopz op."),
    ("awbz-vervallen", "De extramurale begeleiding ging in 2015 van de AWBZ over naar de gemeenten."),
])
def test_a_sentence_about_the_past_is_no_finding(rule_id, text):
    assert found(rule_id, text) == []


@pytest.mark.parametrize("rule_id, text", [
    ("awbz-vervallen", "Voor persoonlijke verzorging is de AWBZ nog steeds voorliggend."),
    ("wmo-2007", "De normtijden komen uit het protocol dat onder de Wmo 2007 werd gehanteerd."),
    ("wet-op-de-jeugdzorg", "In 2019 had het gezin contact met Bureau Jeugdzorg."),
    ("indiceren", "De consulent heeft mevrouw drie uur per week geïndiceerd."),
    ("indiceren", "Na de indicatie volgt een beschikking met de ingangsdatum."),
    ("awbz-vervallen", "Met de invoering van het nieuwe beleid blijft de AWBZ voorliggend voor verpleging."),
])
def test_a_present_use_is_still_found(rule_id, text):
    assert found(rule_id, text)


def test_a_term_under_a_transition_article_is_no_finding():
    text = ("Artikel 11 Overgangsrecht\n\n1. Een inwoner die op de dag voor de inwerkingtreding een "
            "AWBZ-indicatie voor begeleiding heeft, houdt die ondersteuning tot het einde van die indicatie.\n\n"
            "Artikel 12 Hulp bij het huishouden\n\n1. Het college beoordeelt de AWBZ-indicatie opnieuw.")
    assert found("awbz-vervallen", text) == ["AWBZ-indicatie"]
    assert len(found("indiceren", text)) == 1


def test_a_term_under_a_numbered_transition_section_of_a_handbook_is_no_finding():
    text = ("6 Werkwijze\n\nDe consulent voert het gesprek.\n\n8 Overgangsbepalingen\n\n"
            "8.2 Lopende toekenningen\n\nWie voor 2015 een indicatie voor dagbesteding had, behoudt die tot "
            "de einddatum. Een nieuwe indicatie is dan niet nodig.")
    assert found("indiceren", text) == []


def test_a_line_of_the_contents_naming_the_transition_is_no_finding():
    text = "Inhoud\n\n3.4 Overgangsregeling AWBZ-cliënten . . . . . . . 12\n3.5 Bezwaar . . . . . . . 13\n"
    assert found("awbz-vervallen", text) == []


def test_a_heading_is_a_sentence_of_its_own():
    text = "4.3 Afstemming met de AWBZ bij begeleiding\nVoor wie vóór 2009 al begeleiding kreeg, geldt een regeling."
    assert found("awbz-vervallen", text) == ["AWBZ"]


def test_a_definition_that_calls_a_term_old_is_no_finding():
    text = ("Begrippen\n\nIndicatiestelling\n\nVroegere naam voor het besluit over de zorg; nu heet dit het "
            "onderzoek.\n\nMaatwerkvoorziening\n\nDe voorziening na onderzoek.\n\n"
            "- huishoudelijke verzorging: de oude benaming van hulp bij het huishouden;\n"
            "- begeleiding: hulp bij het regelen van de dag.")
    assert found("indiceren", text) == []
    assert found("huishoudelijke-verzorging", text) == []


def test_a_definition_in_the_present_is_still_found():
    text = "Begrippen\n\n- indicatie: het besluit van het college over de omvang van de hulp;\n"
    assert found("indiceren", text) == ["indicatie"]


# -- other senses, other laws -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Het college vraagt eerst een indicatie van de verbouwingskosten op.",
    "De bedragen in deze tabel zijn indicatief.",
    "Bij een medische contra-indicatie onderzoekt de consulent een andere oplossing.",
    "Wie een Wlz-indicatie heeft, krijgt geen begeleiding van de gemeente.",
    "De wijkverpleegkundige stelt de indicatie voor persoonlijke verzorging.",
])
def test_another_sense_or_law_of_indicatie_is_no_finding(text):
    assert found("indiceren", text) == []


def test_a_ciz_indicatie_outside_the_wlz_is_found():
    assert found("indiceren", "Met een geldige CIZ-indicatie voor begeleiding krijgt de inwoner dagbesteding.",
                 law="Wmo") == ["CIZ-indicatie"]


# -- lexicon and OCR ---------------------------------------------------------------------------

@pytest.mark.parametrize("rule_id, text, excerpt", [
    ("awbz-vervallen", "Verpleging wordt betaald uit de AWB2.", "AWB2"),
    ("gebruikelijke-zorg", "Van de partner wordt gebruikeIijke zorg verwacht.", "gebruikeIijke zorg"),
    ("indiceren", "Mevrouw is gei'ndiceerd voor twee uur.", "gei'ndiceerd"),
    ("zorgzwaartepakket", "Bewoners met een zorgzwaarte pakket krijgen geen dagbesteding.", "zorgzwaarte pakket"),
    ("zorgzwaartepakket", "Een cliënt met ZZP 6 woont in de instelling.", "ZZP"),
    ("wvg-vervallen", "De aanpassing volgt het Wvg-protocol.", "Wvg-protocol"),
    ("wwnv-vervallen", "Dit is arbeidsinschakeling in de zin van de WWNV.", "WWNV"),
])
def test_repealed_notions_are_found_also_in_scans(rule_id, text, excerpt):
    assert found(rule_id, text) == [excerpt]


@pytest.mark.parametrize("rule_id, text", [
    ("awbz-vervallen", "Zie artikel 4:84 AWB en de toelichting."),
    ("zorgzwaartepakket", "Een budgethouder mag een ZZP'er inhuren."),
])
def test_look_alikes_are_no_finding(rule_id, text):
    assert found(rule_id, text) == []


# -- a user's cue, through the command line, in the worker processes ---------------------------

def test_a_history_cue_from_a_users_pack_silences_a_mention_that_fired_before(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notitie.txt").write_text(
        "Notitie dagbesteding\n\nBinnen het oude stelsel was begeleiding een taak van de AWBZ.\n", encoding="utf-8")
    (docs / "werkwijze.txt").write_text(
        "Werkwijze\n\nVoor persoonlijke verzorging is de AWBZ voorliggend.\n", encoding="utf-8")
    pack = tmp_path / "eigen"
    pack.mkdir()
    (pack / "woorden.yml").write_text('vocabulary:\n  history_cues: ["binnen het oude stelsel"]\n', encoding="utf-8")

    def awbz_documents(*extra: str) -> list[str]:
        out = tmp_path / f"rapport{len(extra)}"
        proc = subprocess.run([sys.executable, "-m", "docmine", "audit", str(docs), "-o", str(out), "--no-cache",
                               "-q", "--fail-on", "never", "--jobs", "2", *extra],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
        return sorted(f["document"] for f in findings if f["rule"] == "awbz-vervallen")

    assert awbz_documents() == ["notitie.txt", "werkwijze.txt"]
    assert awbz_documents("--rules", str(pack)) == ["werkwijze.txt"]


# -- one finding where one is meant ---------------------------------------------------------------

def test_a_term_and_its_abbreviation_in_brackets_are_one_finding():
    assert found("wwb-participatiewet", "Dit valt onder de Wet werk en bijstand (WWB) van de gemeente.") == [
        "Wet werk en bijstand"]
    assert len(found("wwb-participatiewet", "De WWB en later opnieuw de WWB.")) == 2


def test_a_word_ending_in_oude_is_no_oude_wmo():
    assert found("wmo-2007", "5.6 Hulp bij het huishouden Wmo 2015") == []
    assert found("wmo-2007", "Dit staat nog in de oude Wmo.") == ["oude Wmo"]


def _law_text(title: str, body: str, tmp_path) -> list:
    from docmine.rules.engine import compile_rules
    from docmine.rules.base import Context
    from docmine.api import extract

    f = tmp_path / "wet.txt"
    f.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    doc = extract(f, root=tmp_path)
    rules = [r for r in compile_rules(list(_SHIPPED.values())) if r.rule.type == "term"]
    return [x for r in rules for x in r.check_document(doc, Context())]


def test_legislation_of_the_state_is_one_note_when_of_before_the_change(tmp_path):
    old = _law_text("Besluit van 3 maart 2003, houdende regels over de indicatiestelling (Besluit indicaties)",
                    "Artikel 1\n\nHet indicatieorgaan geeft een indicatie af. De indicatie geldt een jaar. "
                    "Een herindicatie volgt na afloop.", tmp_path)
    assert [(x.rule, x.severity) for x in old] == [("indiceren", "info")]


def test_legislation_of_the_state_names_old_laws_in_its_own_articles(tmp_path):
    new = _law_text("Wet van 2 juni 2016, houdende regels over ondersteuning (Wet ondersteuning 2016)",
                    "Artikel 9\n\nDe aanspraken op grond van de Algemene Wet Bijzondere Ziektekosten blijven "
                    "bestaan voor wie een indicatiebesluit heeft.", tmp_path)
    assert new == []
