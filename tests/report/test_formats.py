"""findings.json, findings.csv and findings.sarif as other tools read them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema

from docmine.report import write_reports

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "report" / "sarif-schema-2.1.0.json"


def test_json_contract_keys(audit_result, tmp_path):
    written = write_reports(audit_result, tmp_path / "out", ["json"])
    data = json.loads(written["json"].read_text(encoding="utf-8"))
    assert set(data) == {"docmine", "rules", "documents", "findings", "errors", "skipped", "graph"}
    assert set(data["rules"][0]) == {"id", "type", "severity", "message", "source"}
    assert {"path", "type", "title", "date", "pages", "clauses"} <= set(data["documents"][0])
    f = next(x for x in data["findings"] if x["rule"] == "awbz-vervallen" and x["document"].startswith("verordeningen"))
    assert set(f) == {"rule", "type", "severity", "message", "suggestion", "document", "clause", "page", "line",
                      "start", "end", "excerpt", "related", "fingerprint", "column", "end_line", "end_column",
                      "ocr", "ocr_confidence"}
    assert f["ocr"] is False and f["ocr_confidence"] is None  # a text layer, not a scan read by OCR
    assert f["excerpt"] == "AWBZ" and f["line"] == 5 and f["clause"].endswith("#art4.lid2")
    assert data["errors"] == [{"document": "overig/kapot.pdf", "code": "DM112",
                               "message": "het PDF-bestand is beschadigd of afgebroken",
                               "hint": "open het in een PDF-lezer en sla het opnieuw op"}]
    dup = next(x for x in data["findings"] if x["type"] == "duplicate")
    assert set(dup["related"][0]) >= {"document", "clause", "excerpt"}
    assert len(data["findings"]) == len(audit_result.findings)


def test_csv_bom_headers_and_rows(audit_result, tmp_path):
    written = write_reports(audit_result, tmp_path / "out", ["csv"])
    raw = written["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfernst;controle;soort;")  # ';' for Excel with Dutch settings, no sep= line
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["ernst", "controle", "soort", "document", "pagina", "regel", "kolom", "fragment", "bericht",
                       "suggestie", "clausule", "vingerafdruk"]
    assert len(rows) == 1 + len(audit_result.findings)
    row = next(r for r in rows[1:] if r[1] == "awbz-vervallen" and r[3].startswith("verordeningen"))
    assert row[0] == "fout" and row[4] == "1" and row[5] == "5" and row[6] == "39" and row[7] == "AWBZ"
    assert row[8] == "De AWBZ bestaat sinds 1 januari 2015 niet meer."
    # a multi-line excerpt stays one cell, quoted by the csv module
    dup = next(r for r in rows[1:] if r[2] == "duplicate")
    assert dup[7].startswith("Werkinstructie onbepaalde tijd beschikken Datum: 1 maart 2019")


def test_csv_formula_text_is_not_a_formula(audit_result, tmp_path):
    audit_result.findings[0].message = "=HYPERLINK(\"http://x\")"
    written = write_reports(audit_result, tmp_path / "out", ["csv"])
    rows = list(csv.reader(io.StringIO(written["csv"].read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[1][8] == "'=HYPERLINK(\"http://x\")"


def test_csv_a_semicolon_in_a_message_stays_in_its_cell(audit_result, tmp_path):
    audit_result.findings[0].message = "Eerst dit; dan dat, en verder"
    written = write_reports(audit_result, tmp_path / "out", ["csv"])
    rows = list(csv.reader(io.StringIO(written["csv"].read_text(encoding="utf-8-sig")), delimiter=";"))
    assert {len(r) for r in rows} == {12} and rows[1][8] == "Eerst dit; dan dat, en verder"


def test_sarif_validates_against_schema(audit_result, tmp_path):
    written = write_reports(audit_result, tmp_path / "out", ["sarif", "html"])
    log = json.loads(written["sarif"].read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(log)
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "awbz-vervallen" in ids
    awbz = run["tool"]["driver"]["rules"][ids.index("awbz-vervallen")]
    # helpUri: the rule's explanation in the report beside it; the law is a property
    assert awbz["helpUri"] == written["html"].absolute().as_uri() + "#controle-awbz-vervallen"
    assert 'id="controle-awbz-vervallen"' in written["html"].read_text(encoding="utf-8")
    assert awbz["properties"]["source"] == "https://wetten.overheid.nl/BWBR0002614"
    assert "Verwijs naar de Wlz" in awbz["help"]["text"]
    assert awbz["defaultConfiguration"]["level"] == "error"
    js = run["tool"]["driver"]["rules"][ids.index("link-javascript")]
    assert "source" not in js["properties"] and js["defaultConfiguration"]["level"] == "note"
    res = next(r for r in run["results"] if r["ruleId"] == "awbz-vervallen"
               and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("verordeningen"))
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uriBaseId"] == "ROOT"
    assert loc["region"]["startLine"] == 5 and loc["region"]["snippet"]["text"] == "AWBZ"
    # "2. Voor persoonlijke verzorging is de AWBZ voorliggend.": AWBZ from column 39 to 43 (exclusive)
    assert (loc["region"]["startColumn"], loc["region"]["endLine"], loc["region"]["endColumn"]) == (39, 5, 43)
    assert res["locations"][0]["properties"]["page"] == 1
    assert res["level"] == "error" and len(res["partialFingerprints"]["docmine/v1"]) == 20
    dup = next(r for r in run["results"] if r["ruleId"] == "werkinstructie-dubbel")
    assert dup["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "werkinstructies/onbepaalde-tijd-2020.txt"
    hostile = next(r for r in run["results"] if r["ruleId"] == "link-javascript")
    assert hostile["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "overig/brief-%3Cscript%3E.txt"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["descriptor"]["id"] == "DM112"
    assert run["originalUriBaseIds"]["ROOT"]["uri"].startswith("file:///") and run["originalUriBaseIds"]["ROOT"]["uri"].endswith("/")


def test_sarif_empty_audit_validates(tmp_path):
    from docmine.model import AuditResult

    written = write_reports(AuditResult(version="0.1.0", root=str(tmp_path)), tmp_path / "out", ["sarif"])
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(written["sarif"].read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    assert log["runs"][0]["results"] == []


def test_csv_rows_as_the_csv_module_writes_them(audit_result):
    """findings.csv joins its rows itself (faster): the same bytes as csv.writer, also for fields
    with commas, quotes, line breaks, numbers and nothing at all."""
    from docmine.model import Finding
    from docmine.report import csv as csv_report

    hostile = ['a,b', 'a;b', ';', 'zei "ja"', "regel\r\nregel", "\r", "\n", '"', ",", "", " ", "=1+1", "-5", "-x", "\t", "é €"]
    for i, text in enumerate(hostile):
        audit_result.findings.append(Finding(
            rule=text or "r", type="term", severity="info", message=text, document=f"d{i},{text}.txt",
            suggestion=text or None, clause=text or None, page=i if i % 2 else None, line=None if i % 3 else i,
            excerpt=f"{text} x {text}", fingerprint=text))
    # values that are no text (a rule id and fingerprint read as numbers) and repeated values (cached fields)
    audit_result.findings.append(Finding(rule=7, type="term", severity="error", message="m", document="d.txt",
                                         clause=None, page=3, line=4, excerpt="x", fingerprint=123))
    audit_result.findings += audit_result.findings[-4:]
    buf = io.BytesIO()
    csv_report.write_with_csv_module(audit_result, buf)
    assert csv_report.render(audit_result) == buf.getvalue()
