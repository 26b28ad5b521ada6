"""An unchanged audit (same documents, rules, options, report inputs, same day) returns the
previous run's finished result and report from the cache, without loading any document; any
change in what the report depends on makes a full audit again. Real CLI runs on a copy of corpus/."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import docmine.cache
from docmine.api import Limits, Options, audit, discover, remember_report, report_inputs
from docmine.ingest.ocr import status as ocr_status
from docmine.report import write_reports

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.expected import entries  # noqa: E402

SCANS = sorted({e["document"] for e in entries() if e.get("ocr")})  # image-only: read by OCR
FORMATS = ["html", "json", "sarif", "csv"]
STAMP = re.compile(rb" op \d\d-\d\d-\d{4} \d\d:\d\d en vond ")
HELP_URI = re.compile(rb'"helpUri":"file://[^"#]*#')  # names the report folder beside the SARIF file


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    dst = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", dst, ignore=shutil.ignore_patterns("EXPECTED.yaml", "README.md"))
    if not ocr_status().available:  # the scans would be DM113 here; these tests are about the report
        for rel in SCANS:
            (dst / rel).unlink()
    return dst


def _count(corpus: Path) -> int:
    """The documents the audit reads."""
    return len(discover([corpus])[0])


def _run(corpus: Path, out: Path, baseline: Path | None = None, formats: list[str] = FORMATS, **kw):
    """What ``docmine audit`` does: audit with the report's inputs, write, remember."""
    options = Options(jobs=1, cache_dir=out / ".cache", report_key=report_inputs(formats, [corpus], out, baseline), **kw)
    result = audit([corpus], options, baseline=baseline, exclude=[out])
    written = write_reports(result, out, formats, audited=[corpus])
    remember_report(options, result, written)
    return result, {fmt: p.read_bytes() for fmt, p in written.items()}


def _same_report(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert a.keys() == b.keys()
    for fmt in a:
        if fmt == "html":  # only the time it was made may differ
            assert STAMP.sub(b"", a[fmt]) == STAMP.sub(b"", b[fmt])
        elif fmt == "sarif":
            assert HELP_URI.sub(b"", a[fmt]) == HELP_URI.sub(b"", b[fmt])
        else:
            assert a[fmt] == b[fmt], fmt


def test_reuse_unchanged_audit_returns_the_same_report_without_documents(corpus, tmp_path):
    out = tmp_path / "rapport"
    first, files1 = _run(corpus, out)
    assert not first.stats.get("report_reused") and len(first.documents) == _count(corpus)
    again, files2 = _run(corpus, out)
    assert again.stats["report_reused"] and again.documents == []
    assert again.stats["documents_read"] == _count(corpus)
    assert [f.fingerprint for f in again.findings] == [f.fingerprint for f in first.findings]
    _same_report(files1, files2)
    # and the same as an audit without any cache
    fresh = audit([corpus], Options(jobs=1), exclude=[out])
    plain = write_reports(fresh, tmp_path / "zonder-cache", FORMATS, audited=[corpus])
    _same_report(files2, {fmt: p.read_bytes() for fmt, p in plain.items()})


def test_reuse_a_changed_or_removed_report_file_is_written_again(corpus, tmp_path):
    out = tmp_path / "rapport"
    _, files1 = _run(corpus, out)
    (out / "findings.csv").write_text("bewerkt\n", encoding="utf-8")
    again, files2 = _run(corpus, out)
    assert not again.stats.get("report_reused")
    _same_report(files1, files2)
    (out / "index.html").unlink()
    assert not _run(corpus, out)[0].stats.get("report_reused")
    assert _run(corpus, out)[0].stats.get("report_reused")  # the HTML's new time is remembered too
    assert _run(corpus, out)[0].stats.get("report_reused")


def test_reuse_not_after_a_document_timed_out(corpus, tmp_path, monkeypatch):
    import time

    import docmine.ingest

    real = docmine.ingest.read_document

    def slow(path, rel, limits):
        if rel.endswith("raadsinformatiebrief-wmo-en-wlz-2024.html"):
            time.sleep(30)
        return real(path, rel, limits)

    for rel in SCANS:  # OCR of a scan alone takes longer than this test's 1 s time-out
        (corpus / rel).unlink(missing_ok=True)
    out = tmp_path / "rapport"
    monkeypatch.setattr(docmine.ingest, "read_document", slow)
    first, _ = _run(corpus, out, limits=Limits(timeout=1.0))
    assert [e.code for e in first.errors] == ["DM108"]
    monkeypatch.undo()
    again, _ = _run(corpus, out)  # the document is tried again, not the stored time-out
    assert not again.stats.get("report_reused") and not again.errors and len(again.documents) == _count(corpus)


def test_reuse_a_changed_document_audits_again(corpus, tmp_path):
    out = tmp_path / "rapport"
    _run(corpus, out)
    target = next(p for p in sorted(corpus.rglob("*.txt")))
    target.write_text(target.read_text(encoding="utf-8") + "\nDe AWBZ-indicatie volgt later.\n", encoding="utf-8")
    again, files = _run(corpus, out)
    assert not again.stats.get("report_reused") and len(again.documents) == _count(corpus)
    rel = target.relative_to(corpus).as_posix()
    assert any(f.document == rel and "AWBZ" in f.excerpt for f in again.findings)
    assert b"AWBZ-indicatie volgt later" in files["json"]


def test_reuse_other_report_inputs_or_another_day_audit_again(corpus, tmp_path, monkeypatch):
    out = tmp_path / "rapport"
    _run(corpus, out)
    only_json, files = _run(corpus, out, formats=["json"])  # other formats: another report
    assert not only_json.stats.get("report_reused") and list(files) == ["json"]
    # that run rewrote findings.json in the same folder: the full report is written again, once
    assert not _run(corpus, out)[0].stats.get("report_reused")
    assert _run(corpus, out)[0].stats.get("report_reused")
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"docmine_baseline": 1, "findings": []}\n', encoding="utf-8")
    _run(corpus, out, baseline=baseline)
    assert _run(corpus, out, baseline=baseline)[0].stats.get("report_reused")
    baseline.write_text('{"docmine_baseline": 1, "findings": ["0000"]}\n', encoding="utf-8")
    assert not _run(corpus, out, baseline=baseline)[0].stats.get("report_reused")  # the baseline changed
    assert _run(corpus, out, baseline=baseline)[0].stats.get("report_reused")
    monkeypatch.setattr(docmine.cache, "today", lambda: "2099-01-01")  # rules may compare with today
    assert not _run(corpus, out, baseline=baseline)[0].stats.get("report_reused")


def test_reuse_cli_twice_same_output_and_exit_code_with_an_unreadable_file(corpus, tmp_path):
    (corpus / "kapot.pdf").write_bytes(b"%PDF-1.7\nniet af")
    out = tmp_path / "rapport"
    cmd = [sys.executable, "-m", "docmine", "audit", str(corpus), "-o", str(out), "--fail-on", "never"]
    runs = [subprocess.run(cmd, capture_output=True, text=True, timeout=600) for _ in range(2)]
    assert [r.returncode for r in runs] == [2, 2]  # an unreadable document: exit 2, also from the cache
    assert runs[0].stdout == runs[1].stdout and "kapot.pdf" in runs[1].stdout
    assert "Traceback" not in runs[0].stderr + runs[1].stderr
    subprocess.run([sys.executable, "-m", "docmine", "audit", str(corpus), "-o", str(tmp_path / "b"), "--no-cache"],
                   capture_output=True, text=True, timeout=600)
    assert (out / "findings.json").read_bytes() == (tmp_path / "b" / "findings.json").read_bytes()
