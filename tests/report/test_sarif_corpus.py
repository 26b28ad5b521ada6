"""findings.sarif of the real audit of corpus/: valid against the SARIF 2.1.0 schema, every
region with a start and end column, no raw {placeholder} in a rule's short description, helpUri
at the rule's explanation in the report, the law under properties."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from docmine.api import Options, audit
from docmine.report import write_reports

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SCHEMA = ROOT / ".." / "shared" / "samples" / "sarif" / "sarif-schema-2.1.0.json"


@pytest.mark.skipif(not SCHEMA.is_file(), reason="../shared/samples/sarif ontbreekt")
def test_sarif_of_corpus_has_columns_clean_descriptions_and_rule_help(tmp_path):
    result = audit([CORPUS], Options(jobs=1))
    written = write_reports(result, tmp_path / "rapport", ["sarif", "html"], audited=[CORPUS])
    log = json.loads(written["sarif"].read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(log)
    run = log["runs"][0]
    html = written["html"].read_text(encoding="utf-8")
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) == len(result.rules)
    for r in rules:
        assert "{" not in r["shortDescription"]["text"], r["id"]
        anchor = r["helpUri"].split("#", 1)[1]
        assert r["helpUri"].startswith(written["html"].absolute().as_uri()) and f'id="{anchor}"' in html
    assert any(r["properties"].get("source", "").startswith("https://wetten.overheid.nl/") for r in rules)
    regions = [loc["physicalLocation"]["region"] for res in run["results"]
               for loc in res["locations"] + res.get("relatedLocations", []) if "region" in loc["physicalLocation"]]
    assert len(run["results"]) == len(result.findings) and regions
    for reg in regions:
        assert reg["startColumn"] >= 1 and reg["endColumn"] >= 1
        assert (reg["endLine"], reg["endColumn"]) >= (reg["startLine"], reg["startColumn"])
    # a term finding in a text file: the columns cut the excerpt out of its line
    txt = next(f for f in result.findings if f.type == "term" and f.document.endswith((".txt", ".md")) and "\n" not in f.excerpt)
    line = (CORPUS / txt.document).read_text(encoding="utf-8").splitlines()[txt.line - 1]
    assert line[txt.column - 1:txt.end_column - 1] == txt.excerpt
