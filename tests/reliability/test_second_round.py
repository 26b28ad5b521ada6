"""Hostile input, second round (issue 15): one folder holding every hostile kind the attack run
found beside a good document, audited as a user would (the command, in a fresh process, with its
own home, temporary and working folders), and each finding of that attack reproduced.

The folder: a file name that is not UTF-8, one that is a spreadsheet formula, one with terminal
escape sequences, a FIFO and a socket, a DOCX of 450 MB of XML, a DOCX whose zip lies about its
size, a PDF page with 1.1 million characters, a text of 2 million matches of an outdated term,
a text padded with NUL bytes, and the good document.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hostile_files import (GOOD, docx_lying_about_size, docx_with_xml, many_matches, pdf_page_with_text)

REPO = Path(__file__).resolve().parents[2]
NOT_UTF8 = b"cli\xebnt.txt"  # Latin-1 'cliënt.txt'
FORMULA = "=cmd|' C calc'!A0.txt"
ESCAPES = "rood\x1b[31m\x1b]0;titel\x07.txt"


def run_docmine(args: list[str], env: dict | None = None, cwd: Path | None = None, timeout: float = 600,
                sample_memory: bool = False) -> tuple[subprocess.CompletedProcess, float]:
    """``python -m docmine ARGS``; (the process, the peak memory in MB of its whole process tree,
    sampled every 20 ms, when ``sample_memory``)."""
    import psutil

    proc = subprocess.Popen([sys.executable, "-m", "docmine", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=cwd)
    peak = [0.0]

    def sample() -> None:
        try:
            top = psutil.Process(proc.pid)
            while proc.poll() is None:
                total = 0
                for p in [top, *top.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], total / 2**20)
                time.sleep(0.02)
        except psutil.Error:
            pass

    sampler = threading.Thread(target=sample, daemon=True)
    if sample_memory:
        sampler.start()
    out, err = proc.communicate(timeout=timeout)
    if sample_memory:
        sampler.join()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out.decode("utf-8", "replace"),
                                       err.decode("utf-8", "replace")), peak[0]


def private_env(base: Path) -> dict:
    """The environment of a user whose home, cache and temporary folders are empty folders of ``base``."""
    env = dict(os.environ)
    for name in ("home", "xdg-cache", "tmp", "cwd"):
        (base / name).mkdir(exist_ok=True)
    env.update(HOME=str(base / "home"), XDG_CACHE_HOME=str(base / "xdg-cache"), TMPDIR=str(base / "tmp"),
               PYTHONPATH=str(REPO))
    env.pop("DOCMINE_CACHE_HOME", None)
    return env


def snapshot(base: Path) -> set[Path]:
    return {p for p in base.rglob("*")}


@pytest.fixture(scope="module")
def round2(tmp_path_factory):
    base = tmp_path_factory.mktemp("ronde2")
    d = base / "docs"
    d.mkdir()
    (d / "goed.txt").write_text(GOOD, encoding="utf-8")
    with open(os.fsencode(d) + b"/" + NOT_UTF8, "wb") as fh:
        fh.write("Voor de cliënt geldt de AWBZ.\n".encode())
    (d / FORMULA).write_text("De AWBZ is voorliggend.\n", encoding="utf-8")
    (d / ESCAPES).write_bytes(b"")  # unreadable (empty): named in the errors
    (d / "nul.txt").write_bytes("De compensatieplicht geldt hier.\n".encode() + b"\x00" * 6000)
    os.mkfifo(d / "pijp.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(d / "contact.txt"))
    docx_with_xml(d / "xml450.docx", 450)
    docx_lying_about_size(d / "liegt.docx", 600)
    pdf_page_with_text(d / "vol.pdf", 1_100_000)
    many_matches(d / "veel.txt", 2_000_000)
    env = private_env(base)
    out = base / "cwd" / "rapport"
    before = snapshot(base)
    t0 = time.monotonic()
    proc, peak = run_docmine(["audit", str(d), "--output", str(out)], env=env, cwd=base / "cwd", sample_memory=True)
    seconds = time.monotonic() - t0
    sock.close()
    report = json.loads((out / "findings.json").read_text(encoding="utf-8")) if (out / "findings.json").exists() else None
    alone = base / "alleen"
    alone.mkdir()
    (alone / "goed.txt").write_text(GOOD, encoding="utf-8")
    solo, _ = run_docmine(["audit", str(alone), "--output", str(base / "solo"), "--format", "json", "--no-cache"], env=env)
    solo_report = json.loads((base / "solo" / "findings.json").read_text(encoding="utf-8"))
    return {"base": base, "dir": d, "out": out, "proc": proc, "peak_mb": peak, "seconds": seconds, "report": report,
            "before": before, "solo": solo_report}


def _error(round2, name: str) -> dict:
    rep = round2["report"]
    assert rep is not None, round2["proc"].stderr[-3000:]
    hits = [e for e in rep["errors"] if e["document"] == name]
    assert hits, f"{name!r} not in errors: {[e['document'] for e in rep['errors']]}"
    return hits[0]


def test_round2_audit_finishes_with_every_bad_file_named(round2):
    proc = round2["proc"]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 2, proc.stderr[-2000:]  # unreadable documents: exit 2, the report complete
    print(f"hostile folder: {round2['seconds']:.1f} s, peak {round2['peak_mb']:.0f} MB")


@pytest.mark.parametrize("name, code, words", [
    ("pijp.txt", "DM115", ["FIFO", "zonder het te openen"]),  # 5: it hung the audit for ever
    ("contact.txt", "DM115", ["socket"]),
    ("xml450.docx", {"DM116", "DM117"}, []),  # 4: 450 MB of XML reached 4.4 GB
    ("liegt.docx", "DM106", ["500 MB"]),  # 4: a zip that lies about its size took 2.1 GB
    (ESCAPES, "DM110", ["leeg"]),
])
def test_round2_bad_file_has_its_own_reason(round2, name, code, words):
    err = _error(round2, name)
    assert err["code"] in ({code} if isinstance(code, str) else code), err
    for w in words:
        assert w in err["message"], err


def test_round2_good_document_findings_complete(round2):
    """Every finding an audit of the good document alone makes, the hostile folder's audit makes too."""
    def keys(rep, doc):
        return sorted((f["rule"], f["excerpt"], f["line"]) for f in rep["findings"] if f["document"] == doc)

    alone = keys(round2["solo"], "goed.txt")
    assert len(alone) >= 3  # AWBZ, compensatieplicht, geïndiceerd
    assert keys(round2["report"], "goed.txt") == alone


def test_round2_name_that_is_not_utf8_is_audited_and_shown_escaped_everywhere(round2):
    """2: a Latin-1 name ended the whole audit (DM120, no report)."""
    shown = "cli\\xebnt.txt"
    rep = round2["report"]
    assert any(f["document"] == shown and f["rule"] == "awbz-vervallen" for f in rep["findings"])
    out = round2["out"]
    assert shown in (out / "findings.csv").read_text(encoding="utf-8-sig")
    assert shown in (out / "index.html").read_text(encoding="utf-8")
    sarif = json.loads((out / "findings.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert "cli%EBnt.txt" in uris  # the name's own bytes, percent-encoded


def test_round2_csv_escapes_formulas_in_file_names(round2):
    """6: file names and clause ids reached findings.csv unescaped."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO((round2["out"] / "findings.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    header, rows = rows[0], rows[1:]
    col = {h: i for i, h in enumerate(header)}
    documents = {r[col["document"]] for r in rows}
    assert "'" + FORMULA in documents
    for r in rows:
        for value in r:
            assert not value.startswith(("=", "+", "@")), r
    from openpyxl import load_workbook

    book = load_workbook(round2["out"] / "findings.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert any(c.value == FORMULA for c in cells)  # the name as text ...
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # ... and no formula anywhere


def test_round2_two_million_matches_keep_their_document(round2):
    """8: every finding of a 10 MB file of 2 million matches was lost at the time limit."""
    found = [f for f in round2["report"]["findings"] if f["document"] == "veel.txt" and f["rule"] == "awbz-vervallen"]
    assert len(found) == 101  # --max-findings 100 and one "en nog N"
    (summary,) = [f for f in found if "en nog" in f["message"]]
    assert "1999900" in summary["message"]


def test_round2_crowded_pdf_page_is_read_without_its_table_analysis(round2):
    """4: a PDF page with 1.1 MB of text took 6.6 GB (the table analysis)."""
    docs = {d["path"]: d for d in round2["report"]["documents"]}
    assert "vol.pdf" in docs
    assert any(f["document"] == "vol.pdf" for f in round2["report"]["findings"])


def test_round2_nul_padding_is_not_read_as_utf16(round2):
    """10: text with NUL padding was decoded as UTF-16."""
    assert any(f["document"] == "nul.txt" and f["rule"] == "compensatieplicht" for f in round2["report"]["findings"])


def test_round2_terminal_prints_escape_sequences_escaped(round2):
    """10: file names with terminal escape sequences were printed raw."""
    stdout = round2["proc"].stdout
    assert "\x1b" not in stdout and "\x07" not in stdout
    assert "rood\\x1b[31m\\x1b]0;titel\\x07.txt" in stdout


def test_round2_peak_memory_of_the_process_tree_under_2_gb(round2):
    assert 0 < round2["peak_mb"] < 2048, round2["peak_mb"]


def test_round2_writes_nothing_outside_the_report_folder(round2):
    """10: a word-form memo was written to ~/.cache/docmine. Nothing may appear outside the report
    folder (which holds the cache): not in the home, cache or temporary folder, not beside it."""
    new = snapshot(round2["base"]) - round2["before"]
    out = round2["out"]
    solo = {p for p in new if round2["base"] / "solo" in (p, *p.parents) or round2["base"] / "alleen" in (p, *p.parents)}
    outside = [p for p in new - solo if out not in (p, *p.parents)]
    assert outside == []
    assert (out / ".cache" / "docmine-cache.sqlite").is_file()
    assert [list((round2["base"] / name).iterdir()) for name in ("home", "xdg-cache", "tmp")] == [[], [], []]
