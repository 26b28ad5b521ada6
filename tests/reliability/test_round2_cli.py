"""The smaller findings of the second hostile-input round (issue 15, case 10): a report killed while
it was put in place, two audits on one folder, options without bounds, baselines that cannot be
used, a worker killed by the system."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docmine.api import Options, audit
from hostile_files import GOOD
from test_second_round import REPO, run_docmine

FORMATS = ("index.html", "findings.json", "findings.sarif", "findings.csv")


@pytest.fixture()
def docs(tmp_path):
    d = tmp_path / "beleid"
    d.mkdir()
    (d / "goed.txt").write_text(GOOD, encoding="utf-8")
    return d


def _killed_audit(docs: Path, out: Path, where: str) -> subprocess.CompletedProcess:
    """``docmine audit`` killed with SIGKILL at ``where`` (a function of report.folder) while it
    puts its report in place."""
    code = (f"import os, signal, sys\n"
            f"from docmine.report import folder\n"
            f"setattr(folder, {where!r}, lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL))\n"
            f"sys.argv = ['docmine', 'audit', {str(docs)!r}, '--output', {str(out)!r}]\n"
            f"from docmine.cli import run\nrun()\n")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)


def _report_mentions(out: Path, name: str) -> list[bool]:
    return [name in (out / f).read_text(encoding="utf-8-sig") for f in FORMATS]


@pytest.mark.parametrize("where, new", [("_exchange", False), ("_move_over", True)])
def test_kill_while_the_report_is_put_in_place_leaves_one_whole_report(docs, tmp_path, where, new):
    """10: a kill -9 between the report renames left findings.json new and the rest old, plus .tmp files."""
    out = tmp_path / "rapport"
    first, _ = run_docmine(["audit", str(docs), "--output", str(out)])
    assert first.returncode == 1
    (docs / "nieuw.txt").write_text("Het nieuwe document noemt de WWB.\n", encoding="utf-8")
    killed = _killed_audit(docs, out, where)
    assert killed.returncode == -signal.SIGKILL
    assert _report_mentions(out, "nieuw.txt") == [new] * 4  # all old, or all new: never a mix
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    again, _ = run_docmine(["audit", str(docs), "--output", str(out)])
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert _report_mentions(out, "nieuw.txt") == [True] * 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beleid", "rapport"]  # nothing left beside it
    assert (out / ".cache" / "docmine-cache.sqlite").is_file()


def test_cache_moved_aside_by_a_kill_is_used_again(docs, tmp_path):
    out = tmp_path / "rapport"
    run_docmine(["audit", str(docs), "--output", str(out)])
    (docs / "nieuw.txt").write_text("Het nieuwe document noemt de WWB.\n", encoding="utf-8")
    _killed_audit(docs, out, "_move_over")  # the new report is in place, the cache still beside it
    assert not (out / ".cache").exists()
    from docmine.api import report_inputs

    fmts = ["html", "json", "sarif", "csv"]
    from docmine.report.folder import OutputLock

    lock = OutputLock.acquire(out)  # as the next audit does: what the kill left is put right
    lock.release()
    result = audit([docs], Options(jobs=1, cache_dir=out / ".cache", report_key=report_inputs(fmts, [docs], out, None)))
    assert result.stats["cache"]["hits"] == 2


def test_second_audit_on_the_same_folder_is_refused(tmp_path):
    """10: two audits writing one output folder were not locked out of each other."""
    from docmine.report.folder import OutputLock

    d = tmp_path / "beleid"
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "rapport"
    held = OutputLock.acquire(out)  # another audit, busy with this folder
    try:
        proc, _ = run_docmine(["audit", str(d), "--output", str(out)])
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert "[DM303]" in proc.stderr and "andere 'docmine audit'" in proc.stderr
        assert not (out / "findings.json").exists()
    finally:
        held.release()
    proc, _ = run_docmine(["audit", str(d), "--output", str(out)])
    assert proc.returncode == 1 and (out / "findings.json").exists()


@pytest.mark.parametrize("args, words", [
    (["--timeout", "nan"], ["--timeout nan", "groter dan 0"]),  # 10: nan disabled the deadline
    (["--timeout", "inf"], ["--timeout inf"]),
    (["--jobs", "1000"], ["--jobs 1000", "per kern"]),  # 10: started 1,002 processes
])
def test_unbounded_options_are_refused_before_anything_runs(docs, tmp_path, args, words):
    import psutil

    before = len(psutil.Process().children(recursive=True))
    proc, _ = run_docmine(["audit", str(docs), "--output", str(tmp_path / "r"), *args])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "[DM300]" in proc.stderr
    for w in words:
        assert w in proc.stderr
    assert not (tmp_path / "r").exists()
    assert len(psutil.Process().children(recursive=True)) == before


@pytest.mark.parametrize("content, words", [
    (None, ["bestaat niet"]),
    (b"[1, 2, 3]", ["geen baseline"]),
    (b'{"findings": 5}', ["geen baseline"]),
    (b"niet { json", ["geen geldige JSON"]),
], ids=["missing", "numbers", "wrong-type", "not-json"])
def test_baseline_that_cannot_be_used_keeps_the_audit_and_says_what_to_do(docs, tmp_path, content, words):
    """10: a missing or wrong-typed baseline was silently empty."""
    baseline = tmp_path / "geaccepteerd.json"
    if content is not None:
        baseline.write_bytes(content)
    out = tmp_path / "r"
    proc, _ = run_docmine(["audit", str(docs), "--output", str(out), "--baseline", str(baseline)])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "[DM304]" in proc.stdout and "--update-baseline" in proc.stdout
    for w in words:
        assert w in proc.stdout
    rep = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert len(rep["findings"]) >= 3  # the audit's work kept: every finding shown
    assert [e["code"] for e in rep["errors"]] == ["DM304"]


def test_baseline_saved_with_a_bom_is_read(docs, tmp_path):
    """10: a baseline saved by Notepad (BOM) was refused, throwing away the audit's work."""
    baseline = tmp_path / "geaccepteerd.json"
    out = tmp_path / "r"
    made, _ = run_docmine(["audit", str(docs), "--output", str(out), "--baseline", str(baseline), "--update-baseline"])
    assert made.returncode == 0 and baseline.is_file()
    baseline.write_bytes(b"\xef\xbb\xbf" + baseline.read_bytes().replace(b"\n", b"\r\n"))
    proc, _ = run_docmine(["audit", str(docs), "--output", str(out), "--baseline", str(baseline)])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"] == []


def test_update_baseline_to_a_place_that_cannot_be_written_is_a_clear_error(docs, tmp_path):
    """10: --update-baseline to a read-only place said 'fout in docmine'."""
    if os.geteuid() == 0:  # root writes anywhere: a place that is no folder instead
        place = tmp_path / "bestand"
        place.write_text("geen map", encoding="utf-8")
    else:
        place = tmp_path / "alleen-lezen"
        place.mkdir()
        place.chmod(0o555)
    proc, _ = run_docmine(["audit", str(docs), "--output", str(tmp_path / "r"), "--baseline", str(place / "b.json"),
                           "--update-baseline"])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "[DM305]" in proc.stderr and "kan de baseline niet schrijven" in proc.stderr
    assert "fout in docmine" not in proc.stderr and "interne fout" not in proc.stderr
    assert (tmp_path / "r" / "findings.json").exists()  # the report was written all the same


def _killing(victim: str, marker: Path | None):
    """A process_document that kills its worker (SIGKILL, as the OOM killer does) on ``victim``:
    once (``marker`` remembers it), or every time (``marker`` None)."""
    from docmine import workers

    real = workers.process_document

    def process_document(path, rel, *args, **kw):
        if rel == victim and (marker is None or not marker.exists()):
            if marker is not None:
                marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, rel, *args, **kw)

    return process_document


def _three_docs(tmp_path: Path) -> Path:
    d = tmp_path / "beleid"
    d.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (d / name).write_text(f"Document {name}. De AWBZ is voorliggend.\n", encoding="utf-8")
    return d


def test_worker_killed_once_gets_its_document_again(tmp_path, monkeypatch):
    """10: a worker killed by the OOM killer blamed the document it held without retrying it."""
    from docmine import workers

    d = _three_docs(tmp_path)
    monkeypatch.setattr(workers, "process_document", _killing("b.txt", tmp_path / "gedood"))
    result = audit([d], Options(jobs=2))
    assert (tmp_path / "gedood").exists()  # it was killed
    assert result.errors == [] and len(result.documents) == 3


def test_worker_killed_twice_blames_the_document(tmp_path, monkeypatch):
    from docmine import workers

    d = _three_docs(tmp_path)
    monkeypatch.setattr(workers, "process_document", _killing("b.txt", None))
    result = audit([d], Options(jobs=2))
    (err,) = result.errors
    assert err.document == "b.txt" and err.code == "DM118" and "geheugen" in err.message
    assert sorted(doc.path for doc in result.documents) == ["a.txt", "c.txt"]


def test_worker_memory_limit_names_the_document(tmp_path):
    """4: no memory ceiling per document: a worker may take on --max-memory, then DM116.

    Run as a user runs it, in a fresh process: a worker forked from this test process would
    inherit its heap, and the memory pytest freed earlier in the run is room the limit does not
    count (CI ran into exactly that)."""
    d = tmp_path / "beleid"
    d.mkdir()
    # ~15 MB of text: some 500 MB of work, far beyond the 64 MB a worker may take on here
    (d / "groot.txt").write_text("De AWBZ is voorliggend. " * 600_000, encoding="utf-8")
    (d / "goed.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "rapport"
    proc, _ = run_docmine(["audit", str(d), "--jobs", "2", "--max-memory", "64", "--no-cache",
                           "--fail-on", "never", "-o", str(out)])
    assert proc.returncode == 2, proc.stderr  # a document that could not be read
    assert "groot.txt" in proc.stdout and "DM116" in proc.stdout
    report = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert {e["document"]: e["code"] for e in report["errors"]} == {"groot.txt": "DM116"}
    assert [doc["path"] for doc in report["documents"]] == ["goed.txt"]
