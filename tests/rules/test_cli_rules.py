"""A user's own rule pack through the CLI: audit --rules, rules test, rules check, explain, schema."""

from __future__ import annotations

import json

from click.testing import CliRunner

from docmine.cli import main

PACK = """rules:
  - id: zorgzwaartepakket
    type: term
    severity: error
    message: Zorgzwaartepakketten horen bij de Wlz, niet bij de Wmo.
    suggestion: Beschrijf de maatwerkvoorziening.
    terms: [zorgzwaartepakket, ZZP]
    examples:
      match: ["De cliënt heeft een zorgzwaartepakket 4."]
      no_match: ["De cliënt heeft een maatwerkvoorziening."]
"""


def _setup(tmp_path):
    rules = tmp_path / "mijn-regels"
    rules.mkdir()
    (rules / "eigen.yml").write_text(PACK, encoding="utf-8")
    docs = tmp_path / "beleid"
    docs.mkdir()
    (docs / "notitie.txt").write_text("Notitie\n\nIn 2022 kregen drie cliënten een ZZP-indicatie.\n", encoding="utf-8")
    return rules, docs


def test_cli_rules_user_pack_is_used_by_audit(tmp_path):
    rules, docs = _setup(tmp_path)
    out = tmp_path / "rapport"
    res = CliRunner().invoke(main, ["audit", str(docs), "--rules", str(rules), "--no-default-rules",
                                    "-o", str(out), "-f", "json", "-q", "-j", "1", "--no-cache"])
    assert res.exit_code == 1, res.output
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert [(f["rule"], f["excerpt"]) for f in data["findings"]] == [("zorgzwaartepakket", "ZZP-indicatie")]


def test_cli_rules_test_runs_user_examples(tmp_path):
    rules, _ = _setup(tmp_path)
    res = CliRunner().invoke(main, ["rules", "test", str(rules), "--no-default-rules"])
    assert res.exit_code == 0, res.output
    assert "2 voorbeelden geslaagd, 0 mislukt" in res.output


def test_cli_rules_test_reports_failing_example_with_its_line(tmp_path):
    rules, _ = _setup(tmp_path)
    (rules / "eigen.yml").write_text(PACK.replace("maatwerkvoorziening.\"]", "ZZP.\"]"), encoding="utf-8")
    res = CliRunner().invoke(main, ["rules", "test", str(rules), "--no-default-rules"])
    assert res.exit_code == 1
    assert "eigen.yml:10: zorgzwaartepakket/no_match/0: verwachtte geen bevinding" in res.output


def test_cli_rules_broken_pack_gives_pinned_message_and_exit_2(tmp_path):
    rules, docs = _setup(tmp_path)
    (rules / "eigen.yml").write_text(PACK.replace("severity: error", "severity: eror"), encoding="utf-8")
    expected = (f"{rules / 'eigen.yml'}:4:15: error: ongeldige waarde 'eror' voor 'severity'\n"
                "    4 |     severity: eror\n"
                "      |               ^\n"
                "  hint: bedoelde u 'error'? toegestaan: error, warning, info")
    check = CliRunner().invoke(main, ["rules", "check", str(rules), "--no-default-rules"])
    assert check.exit_code == 2
    assert expected in check.output
    audit = CliRunner().invoke(main, ["audit", str(docs), "--rules", str(rules), "-o", str(tmp_path / "r"), "-q"])
    assert audit.exit_code == 2
    assert expected in audit.output
    assert "Traceback" not in audit.output


def test_cli_rules_explain_and_schema():
    res = CliRunner().invoke(main, ["rules", "explain", "awbz-vervallen"])
    assert res.exit_code == 0
    assert "Grondslag:       https://wetten.overheid.nl/BWBR0002614" in res.output
    assert "Ten tijde van de AWBZ" in res.output
    schema = json.loads(CliRunner().invoke(main, ["rules", "schema"]).output)
    rule = schema["$defs"]["Rule"]
    assert {"term", "pattern", "required"} <= set(rule["properties"]["type"]["enum"])


def test_cli_rules_schema_accepts_shipped_packs_and_rejects_bad_severity():
    import jsonschema
    import yaml

    from docmine.rules.loader import shipped_rules_dir

    schema = json.loads(CliRunner().invoke(main, ["rules", "schema"]).output)
    for f in sorted(shipped_rules_dir().glob("*.yml")):
        jsonschema.validate(json.loads(json.dumps(yaml.safe_load(f.read_text(encoding="utf-8")), default=str)), schema)
    bad = {"rules": [{"id": "x", "type": "term", "severity": "eror", "message": "m", "terms": ["a"]}]}
    try:
        jsonschema.validate(bad, schema)
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("schema accepted severity 'eror'")
