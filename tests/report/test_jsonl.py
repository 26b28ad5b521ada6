"""findings.jsonl (``--format jsonl``): the findings of findings.json, one JSON object per line,
read back one line at a time."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from docmine.cli import main
from docmine.model import AuditResult, Finding
from docmine.report import render

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_jsonl_of_corpus_holds_every_finding_of_findings_json_in_order(tmp_path):
    out = tmp_path / "rapport"
    run = CliRunner().invoke(main, ["audit", str(CORPUS), "-o", str(out), "-f", "json,jsonl", "--no-cache", "-q",
                                    "--fail-on", "never"])
    assert run.exit_code == 0, run.output
    contract = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    lines = []
    with open(out / "findings.jsonl", encoding="utf-8") as fh:
        for line in fh:  # as a consumer of a large audit reads it
            assert line.endswith("\n") and line.strip()
            lines.append(json.loads(line))
    assert len(lines) == len(contract) == 74
    assert lines == contract
    assert {f["severity"] for f in lines} == {"error", "warning", "info"}


def test_jsonl_keeps_a_finding_with_line_breaks_in_its_text_on_one_line():
    excerpt = "Voor persoonlijke verzorging\nis de AWBZ\u2028voorliggend."
    result = AuditResult(version="t", root="beleid", findings=[
        Finding(rule="awbz-vervallen", type="term", severity="error", message="De AWBZ bestaat sinds 2015 niet meer.",
                document="wmo/verordening.txt", line=4, excerpt=excerpt),
        Finding(rule="indiceren", type="term", severity="warning", message="Geen indicatie.\r\nMaar onderzoek.",
                document="wmo/werkinstructie.txt", line=2, excerpt="geïndiceerd")])
    data = render(result, "jsonl")
    lines = data.split(b"\n")
    assert lines[-1] == b"" and len(lines) == 3
    first, second = (json.loads(line) for line in lines[:2])
    assert first["excerpt"] == excerpt and second["message"] == "Geen indicatie.\r\nMaar onderzoek."


def test_jsonl_is_not_written_unless_asked_for(tmp_path):
    folder = tmp_path / "beleid"
    folder.mkdir()
    (folder / "nota.txt").write_text("Nota Wmo 2021\n\nDe consulent stelt de indicatie vast.\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["audit", str(folder), "-o", str(tmp_path / "r"), "--no-cache", "-q", "--fail-on", "never"])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "r" / "findings.json").is_file() and not (tmp_path / "r" / "findings.jsonl").exists()
