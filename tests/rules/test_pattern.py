"""The pattern type: regex (with a time limit) and spaCy token patterns."""

from __future__ import annotations

from rulehelp import run


def test_pattern_regex_matches_and_not(make_rule):
    rule = make_rule("""rules:
  - id: onbepaald
    type: pattern
    severity: warning
    message: Onbepaalde tijd stuurt niet op afschalen.
    pattern: '\\bvoor onbepaalde (?:tijd|duur)\\b'
""")
    assert [f.excerpt for f in run(rule, "De voorziening geldt voor Onbepaalde tijd.")] == ["voor Onbepaalde tijd"]
    assert run(rule, "De voorziening geldt voor twee jaar.") == []


def test_pattern_catastrophic_regex_is_a_rule_error_not_a_hang(make_rule):
    rule = make_rule("""rules:
  - id: traag
    type: pattern
    severity: warning
    message: x
    pattern: '(?:(a|aa)+)+b'
    timeout: 0.2
""")
    found = run(rule, "a" * 40 + "!")
    assert len(found) == 1
    assert "Regelfout" in found[0].message and "traag" in found[0].message


def test_pattern_token_pattern_on_lemmas(make_rule):
    rule = make_rule("""rules:
  - id: tokens
    type: pattern
    severity: info
    message: x
    tokens: [{LEMMA: indiceren}]
""")
    assert [f.excerpt for f in run(rule, "Zij indiceerde de cliënt.")] == ["indiceerde"]
    assert run(rule, "Zij onderzocht de hulpvraag.") == []


def test_pattern_historisch_filter(make_rule):
    rule = make_rule("""rules:
  - id: wmo2007
    type: pattern
    severity: error
    message: x
    pattern: '\\bWmo 2007\\b'
    unless: [historisch]
""")
    assert run(rule, "Deze regeling berust op de Wmo 2007.")
    assert run(rule, "De Wmo 2007 is vervangen door de Wmo 2015.") == []
