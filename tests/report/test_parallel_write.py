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
        if name == "findings.sarif":  # the rules' helpUri names the report beside it
            data = data.replace(folder.absolute().as_uri().encode(), b"REPORT")
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


@pytest.mark.skipif(not hasattr(report.os, "fork"), reason="no fork on this platform")
def test_html_split_same_page_as_one_process(audit_result):
    """The middle sections made in a forked child: the same page, byte for byte."""
    import io

    from docmine.report import html

    audit_result.stats["generated"] = "01-01-2026 00:00"
    whole, split = io.BytesIO(), io.BytesIO()
    html.write(audit_result, whole)
    html.write(audit_result, split, split=True)
    assert split.getvalue() == whole.getvalue()
    assert b'id="dubbel"' in whole.getvalue() and b'id="verwijzingen"' in whole.getvalue()


@pytest.mark.skipif(not hasattr(report.os, "fork"), reason="no fork on this platform")
def test_background_child_failing_or_unused():
    import os

    from docmine.report._fork import Background

    parent = os.getpid()
    failing = Background(lambda: b"hier" if os.getpid() == parent else b"" + 1, fork=True)  # raises in the child
    assert failing.result() == b"hier"
    assert Background(lambda: b"x" * 200_000, fork=True).result() == b"x" * 200_000  # more than a pipe holds
    unused = Background(lambda: b"x" * 200_000, fork=True)  # blocked on the full pipe
    pid = unused._pid
    unused.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # reaped
