"""The summary ``docmine audit`` prints and the progress bar."""

from __future__ import annotations

import io
from pathlib import Path

from docmine.model import AuditResult
from docmine.report.terminal import Progress, summary


def test_terminal_summary_counts_rules_errors_and_report_path(audit_result):
    text = summary(audit_result, {"html": Path("docmine-report/index.html"), "json": Path("docmine-report/findings.json")})
    assert "5 documenten gelezen, 1 document niet leesbaar" in text
    assert "5 bevindingen: 3 fouten, 1 waarschuwing, 1 melding" in text
    assert "awbz-vervallen" in text and "  2  fout" in text
    assert "overig/kapot.pdf: het PDF-bestand is beschadigd of afgebroken [DM112]" in text
    assert "Rapport: docmine-report/index.html" in text and "docmine-report/findings.json" in text
    assert "\x1b[" not in text


def test_terminal_summary_color_and_no_findings(tmp_path):
    text = summary(AuditResult(version="0", root=str(tmp_path)), {}, color=True)
    assert "0 documenten gelezen" in text and "Geen bevindingen." in text and "\x1b[" in text


def test_terminal_progress_is_none_without_tty(monkeypatch):
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert Progress.maybe() is None


def test_terminal_progress_draws_and_clears():
    buf = io.StringIO()
    p = Progress(stream=buf, min_interval=0)
    p(3, 12, "verordening.pdf")
    assert "3/12 verordening.pdf" in buf.getvalue() and "[######" in buf.getvalue()
    p.close()
    assert buf.getvalue().endswith("\r\x1b[2K")


def test_terminal_rule_errors_are_not_called_unreadable_documents():
    from docmine.model import AuditResult, DocumentError

    result = AuditResult(version="0", root="/x", errors=[
        DocumentError("kapot.pdf", "DM112", "PDF is beschadigd"),
        DocumentError("regels/eigen.yml", "DM201", "regel 'traag' liep uit de tijd op a.txt"),
    ])
    text = summary(result, {})
    assert "1 document niet leesbaar" in text and "1 regelfout" in text
    assert text.index("Niet gelezen:") < text.index("kapot.pdf") < text.index("Regelfouten") < text.index("regels/eigen.yml")


def test_terminal_says_how_many_findings_the_baseline_accepted():
    result = AuditResult(version="0", root="/x", stats={"baseline_suppressed": 68, "baseline": "geaccepteerd.json"})
    text = summary(result, {})
    assert "Geen nieuwe bevindingen." in text
    assert "68 geaccepteerde bevindingen uit geaccepteerd.json niet getoond." in text
