"""Baseline: accepted findings (by fingerprint) are dropped from later audits."""

from __future__ import annotations

import json

from docmine.baseline import apply_baseline, write_baseline
from docmine.model import AuditResult, Finding


def _finding(excerpt: str, line: int) -> Finding:
    f = Finding(rule="awbz", type="term", severity="error", message="m", document="a.txt",
                clause="a.txt#art1", line=line, excerpt=excerpt)
    f.fingerprint = f.compute_fingerprint()
    return f


def test_baseline_roundtrip_suppresses_accepted_findings_even_when_moved(tmp_path):
    path = tmp_path / "baseline.json"
    first = AuditResult(version="t", root=".", findings=[_finding("AWBZ", 3)])
    assert write_baseline(first, path) == 1
    assert json.loads(path.read_text())["findings"][0]["rule"] == "awbz"
    later = AuditResult(version="t", root=".", findings=[_finding("AWBZ", 9), _finding("AWBZ-zorg", 12)])
    apply_baseline(later, path)
    assert [f.excerpt for f in later.findings] == ["AWBZ-zorg"]
    assert later.stats["baseline_suppressed"] == 1


def test_baseline_missing_file_suppresses_nothing_and_says_so(tmp_path):
    result = AuditResult(version="t", root=".", findings=[_finding("AWBZ", 3)])
    apply_baseline(result, tmp_path / "nieuw.json")
    assert len(result.findings) == 1 and "baseline_suppressed" not in result.stats
    (err,) = result.errors
    assert err.code == "DM304" and "bestaat niet" in err.message and "--update-baseline" in err.hint
