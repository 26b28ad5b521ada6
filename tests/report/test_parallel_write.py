"""The HTML report written in a forked child while the others are written here: same files as
one after the other, and a failing child does not lose the HTML."""

from __future__ import annotations

import re

import pytest

import docmine.report as report
from docmine.report import write_reports

FORMATS = ["html", "json", "sarif", "csv"]


def _contents(folder):
    out = {}
    for name in ("index.html", "findings.json", "findings.sarif", "findings.csv"):
        data = (folder / name).read_bytes()
        if name == "index.html":  # the report carries the minute it was made
            data = re.sub(rb"\d\d-\d\d-\d{4} \d\d:\d\d", b"", data)
        out[name] = data
    return out


@pytest.mark.skipif(not hasattr(report.os, "fork"), reason="no fork on this platform")
def test_parallel_write_same_files_as_sequential(audit_result, tmp_path, monkeypatch):
    monkeypatch.setattr(report, "FORK_MAX_RSS_MB", 0)  # never fork
    write_reports(audit_result, tmp_path / "seq", FORMATS)
    monkeypatch.setattr(report, "FORK_MAX_RSS_MB", float("inf"))  # always fork
    forked = []
    real = report._fork_writer
    monkeypatch.setattr(report, "_fork_writer", lambda *a: forked.append(real(*a)) or forked[-1])
    written = write_reports(audit_result, tmp_path / "par", FORMATS)
    assert forked and forked[0] is not None and forked[0][0] == "html"
    assert set(written) == set(FORMATS)
    assert _contents(tmp_path / "seq") == _contents(tmp_path / "par")
    assert not [p for p in (tmp_path / "par").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not hasattr(report.os, "fork"), reason="no fork on this platform")
def test_parallel_write_failing_child_html_written_here(audit_result, tmp_path, monkeypatch):
    monkeypatch.setattr(report, "FORK_MAX_RSS_MB", float("inf"))
    monkeypatch.setattr(report, "_reap", lambda pid: (report.os.waitpid(pid, 0), False)[1])  # child "failed"
    write_reports(audit_result, tmp_path / "out", FORMATS)
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "AWBZ" in html
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_json_writers_orjson_same_bytes_as_standard_library(audit_result, monkeypatch):
    from docmine.report import json as json_report, sarif

    pytest.importorskip("orjson")
    fast = json_report.render(audit_result), sarif.render(audit_result)
    monkeypatch.setattr(json_report, "_orjson", None)
    monkeypatch.setattr(sarif, "_orjson", None)
    assert (json_report.render(audit_result), sarif.render(audit_result)) == fast
    assert b'"AWBZ' in fast[0] or "AWBZ".encode() in fast[0]
