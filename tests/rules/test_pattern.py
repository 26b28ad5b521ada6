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
    assert "Controlefout" in found[0].message and "traag" in found[0].message


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


def test_pattern_catastrophic_regex_in_user_pack_is_a_dm201_rule_error_in_audit(tmp_path):
    """`docmine audit --rules DIR` with a backtracking regex: the audit finishes, the rule is
    reported under `errors` (DM201, document = the rule file, naming rule, line and document),
    it is not a finding, the good rule still finds its match, and the exit code is 2."""
    import json

    from click.testing import CliRunner

    from docmine.cli import main

    rules = tmp_path / "regels"
    rules.mkdir()
    (rules / "eigen.yml").write_text("""rules:
  - id: goed
    type: pattern
    severity: warning
    message: Onbepaalde tijd.
    pattern: '\\bvoor onbepaalde tijd\\b'
  - id: traag
    type: pattern
    severity: warning
    message: x
    pattern: '(?:(a|aa)+)+b'
    timeout: 0.2
""", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Besluit\n\nDe voorziening geldt voor onbepaalde tijd.\n\n" + "a" * 60 + "!\n", encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["audit", str(docs), "--rules", str(rules), "--no-default-rules",
                                    "-o", str(out), "--no-cache", "-j", "1"])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert [f["rule"] for f in data["findings"]] == ["goed"]
    [err] = data["errors"]
    assert err["code"] == "DM201"
    assert err["document"].endswith("eigen.yml")
    assert "'traag'" in err["message"] and "eigen.yml:7" in err["message"] and "'a.txt'" in err["message"]
    assert "timeout" in err["hint"] and "(a+)+" in err["hint"]
    assert "traag" in res.output and "DM201" in res.output


def test_pattern_split_rule_errors_keeps_ordinary_findings(make_rule):
    from docmine.rules.types.pattern import split_rule_errors

    rule = make_rule("""rules:
  - id: traag
    type: pattern
    severity: warning
    message: x
    patterns: ['\\bbesluit\\b', '(?:(a|aa)+)+b']
    timeout: 0.2
""")
    found = run(rule, "Dit besluit.\n" + "a" * 40 + "!")
    kept, errors = split_rule_errors(found)
    assert [f.excerpt for f in kept] == ["besluit"]  # what the rule found before it was stopped stays
    assert len(errors) == 1 and errors[0].code == "DM201" and errors[0].document.endswith(".yml")


def test_pattern_vermelding_filter(make_rule):
    rule = make_rule("""rules:
  - id: awbz
    type: pattern
    severity: error
    message: x
    pattern: '\\bAWBZ\\b'
    case_sensitive: true
    unless: [vermelding]
""")
    assert run(rule, "Voor begeleiding is de AWBZ voorliggend.")
    assert run(rule, "In de nota wordt nog gesproken over de AWBZ.") == []
