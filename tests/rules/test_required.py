"""The required type: elements by extraction or by cue, one finding per missing element."""

from __future__ import annotations

from docmine.rules import registry
from docmine.rules.base import Context
from docmine.rules.loader import load_rules
from docmine.rules.testing import document_from_text

from rulehelp import run

WI = """rules:
  - id: wi
    type: required
    severity: warning
    message: "Deze werkinstructie mist {element}."
    scope: {types: [werkinstructie]}
    elements:
      - {element: datum, label: een datum, cues: ['^datum:']}
      - {element: versienummer, label: een versienummer, cues: ['^versie(?:nummer)?:']}
      - {element: redacteur, label: een redacteur, cues: ['^(?:redacteur|auteur):']}
"""


def test_required_one_finding_per_missing_element_at_title(make_rule):
    text = "Werkinstructie huisbezoek\n\nDatum: 01-02-2020\n\nStap 1 Bel de cliënt.\n"
    found = run(make_rule(WI), text, type="werkinstructie")
    assert sorted(f.message for f in found) == ["Deze werkinstructie mist een redacteur.",
                                                "Deze werkinstructie mist een versienummer."]
    assert {f.line for f in found} == {1}
    assert len({f.fingerprint for f in found}) == 2


def test_required_complete_document_and_other_type_pass(make_rule):
    rule = make_rule(WI)
    text = "Werkinstructie huisbezoek\n\nDatum: 01-02-2020\nVersie: 1.0\nAuteur: J. Jansen\n\nStap 1 Bel.\n"
    assert run(rule, text, type="werkinstructie") == []
    assert run(rule, "Notitie zonder gegevens.", type="other") == []


def test_required_beschikking_follows_verordening_article():
    rules = [r for r in load_rules() if r.id == "beschikking-verplichte-onderdelen"]
    rt = registry.get("required")(rules[0])
    verordening = document_from_text(
        "Verordening maatschappelijke ondersteuning\n\nArtikel 12 Beschikking\n1. Het college besluit snel.\n"
        "2. In de beschikking wordt in ieder geval vermeld:\na. welke maatwerkvoorziening wordt verstrekt;\n"
        "b. of de voorziening in natura of als persoonsgebonden budget wordt verstrekt.\n",
        path="verordening.txt", type="verordening")
    beschikking = document_from_text(
        "Beschikking maatwerkvoorziening\n\nU krijgt een maatwerkvoorziening hulp bij het huishouden.\n",
        path="beschikking.txt", type="beschikking")
    found = list(rt.check_corpus([d for d in (verordening, beschikking) if rt.applies_to(d)], Context()))
    assert [f.document for f in found] == ["beschikking.txt"]
    assert "vorm van verstrekking" in found[0].message and "artikel 12, lid 2" in found[0].message
    # without the verordening the rule's own list holds: resultaat, omvang, datum, duur, bezwaar missing
    alone = list(rt.check_corpus([beschikking], Context()))
    assert len(alone) == 5


def test_required_follow_article_found_in_the_workers_gives_the_same_findings():
    """``prepare`` (in the workers) finds the verordening's article; the corpus stage uses it, and
    finds it itself when the document was not prepared or its clauses changed since."""
    import pickle

    from docmine.rules.engine import run_document_rules

    rules = [r for r in load_rules() if r.id == "beschikking-verplichte-onderdelen"]
    rt = registry.get("required")(rules[0])

    def corpus():
        other = document_from_text("Verordening jeugdhulp\n\nArtikel 1 Begrippen\nIn deze verordening: jeugdhulp.\n",
                                   path="a-verordening-jeugd.txt", type="verordening")
        verordening = document_from_text(
            "Verordening maatschappelijke ondersteuning\n\nArtikel 12 Beschikking\n1. Het college besluit snel.\n"
            "2. In de beschikking wordt in ieder geval vermeld:\na. welke maatwerkvoorziening wordt verstrekt;\n"
            "b. of de voorziening in natura of als persoonsgebonden budget wordt verstrekt.\n",
            path="verordening.txt", type="verordening")
        beschikking = document_from_text(
            "Beschikking maatwerkvoorziening\n\nU krijgt een maatwerkvoorziening hulp bij het huishouden.\n",
            path="beschikking.txt", type="beschikking")
        return [other, verordening, beschikking]

    def findings(docs):
        return [f.to_dict() for f in rt.check_corpus([d for d in docs if rt.applies_to(d)], Context())]

    expected = findings(corpus())
    assert "artikel 12, lid 2" in expected[0]["message"]
    docs = corpus()
    for d in docs:
        assert run_document_rules([rt], d, Context()) == []
    assert [vars(d).get("_prepared") is not None for d in docs] == [True, True, False]
    assert findings(docs) == expected
    assert findings(pickle.loads(pickle.dumps(docs))) == expected
    docs[1].clauses = docs[1].clauses[:1]  # changed after prepare: found again here
    fresh = corpus()
    fresh[1].clauses = fresh[1].clauses[:1]
    assert findings(docs) == findings(fresh)
