"""The summary ``docmine audit`` prints and the progress bar."""

from __future__ import annotations

import io
import re
from pathlib import Path

from docmine.model import AuditResult
from docmine.report.terminal import Progress, summary


def test_terminal_summary_counts_rules_errors_and_report_path(audit_result):
    text = summary(audit_result, {"html": Path("docmine-report/index.html"), "json": Path("docmine-report/findings.json")})
    assert "5 documenten gelezen, 1 document niet leesbaar" in text
    assert "5 bevindingen in 4 documenten: 3 fouten, 1 waarschuwing, 1 info" in text  # "info", as the report says
    assert "melding" not in text
    assert "overig/kapot.pdf: het PDF-bestand is beschadigd of afgebroken [DM112]" in text
    assert "Rapport: docmine-report/index.html" in text and "docmine-report/findings.json" in text
    assert "\x1b[" not in text


def test_terminal_findings_like_a_linter_grouped_by_document_errors_first(audit_result):
    from docmine.report.terminal import findings_text

    text = findings_text(audit_result)
    lines = text.splitlines()
    # pad:regel:kolom  ernst  controle  bericht (the text found is in the message already)
    awbz = next(ln for ln in lines if ln.startswith("verordeningen/verordening-wmo-2020.txt:5:39 "))
    assert re.match(r"verordeningen/verordening-wmo-2020\.txt:5:39\s+fout\s+awbz-vervallen\s+De AWBZ bestaat sinds "
                    r"1 januari 2015 niet meer\.$", awbz)
    # the text found follows a message that does not name it
    dup = next(ln for ln in lines if " werkinstructie-dubbel " in ln)
    assert "“" not in dup  # a whole document is too long to show on the line
    js = next(ln for ln in lines if " link-javascript " in ln)
    assert js.endswith("Test van een onveilige link. “<script>alert(1)</script>”")
    # one block per document (a blank line between), documents with errors before the others
    blocks = [b.splitlines() for b in text.split("\n\n")]
    docs = [b[0].split(":", 1)[0] for b in blocks]
    assert len(docs) == len(set(docs)) == len({f.document for f in audit_result.findings})
    worst = [min(("fout", "waarschuwing", "info").index(ln.split()[1]) for ln in b) for b in blocks]
    assert worst == sorted(worst)
    # inside a document: the error before the info, although the info is found earlier in the text
    hostile = next(b for b in blocks if b[0].startswith("overig/brief"))
    assert [ln.split()[1] for ln in hostile] == ["fout", "info"]
    error_col, info_col = (int(ln.split()[0].split(":")[2]) for ln in hostile)
    assert info_col < error_col


def test_terminal_quiet_lists_only_errors_and_pdf_lines_carry_the_page(audit_result):
    from docmine.report.terminal import findings_text

    audit_result.findings[0].document = "besluit.pdf"
    audit_result.findings[0].page = 3
    quiet = findings_text(audit_result, min_severity="error")
    assert {re.split(r"\s{2,}", ln)[1] for ln in quiet.splitlines() if ln} == {"fout"}
    assert quiet.count("\n") + 1 - quiet.count("\n\n") == sum(f.severity == "error" for f in audit_result.findings)
    full = findings_text(audit_result)
    assert re.search(r"^besluit\.pdf:\d+:\d+ \(p\. 3\)\s", full, re.M)


def test_terminal_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    from docmine.report.terminal import use_color

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_color(Tty()) and not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Tty())


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
    assert "1 document niet leesbaar" in text and "1 controlefout" in text
    assert text.index("Niet gelezen:") < text.index("kapot.pdf") < text.index("Controlefouten") < text.index("regels/eigen.yml")


def test_terminal_says_how_many_findings_the_baseline_accepted():
    result = AuditResult(version="0", root="/x", stats={"baseline_suppressed": 68, "baseline": "geaccepteerd.json"})
    text = summary(result, {})
    assert "Geen nieuwe bevindingen." in text
    assert "68 geaccepteerde bevindingen uit geaccepteerd.json niet getoond." in text
