"""The cache holds data, never code (issue 15, cases 1, 5, 7 and 10): a crafted entry runs nothing,
a row that does not fit is a miss, keys come from the content, a FIFO is never opened."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import zlib
from pathlib import Path

import pytest

from docmine.api import Options, audit
from docmine.cache import file_sha256
from docmine.model import Clause, Document, DocumentError, Finding, Page, Reference, SourceMap, from_dict, to_dict
from docmine.rows import SCHEMA_VERSION, decode_entry, encode_entry
from hostile_files import GOOD, crafted_pickle, overwrite_cache_rows
from test_second_round import run_docmine

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "beleid"
    d.mkdir()
    (d / "goed.txt").write_text(GOOD, encoding="utf-8")
    for name in ("verordeningen/verordening-jeugdhulp-lindenwaard-2019.txt",
                 "besluiten/beleidsregels-hulp-bij-het-huishouden-2013.html", "dossiers/beschikking-2021-0412-hbh.txt"):
        (d / Path(name).name).write_bytes((CORPUS / name).read_bytes())
    return d


def _findings(report_dir: Path) -> list:
    rep = json.loads((report_dir / "findings.json").read_text(encoding="utf-8"))
    return sorted((f["document"], f["rule"], f["start"], f["message"]) for f in rep["findings"])


def test_crafted_cache_entry_runs_nothing(folder, tmp_path):
    """1: a report folder's cache ran the pickle in its `reports` rows on the next unchanged audit."""
    out = tmp_path / "rapport"
    first, _ = run_docmine(["audit", str(folder), "--output", str(out)])
    assert first.returncode == 1, first.stderr
    expected = _findings(out)
    marker = tmp_path / "uitgevoerd"
    assert overwrite_cache_rows(out / ".cache" / "docmine-cache.sqlite", crafted_pickle(marker)) >= 3
    again, _ = run_docmine(["audit", str(folder), "--output", str(out)])
    assert not marker.exists(), "a cache row was executed"
    assert again.returncode == 1 and "Traceback" not in again.stderr
    assert _findings(out) == expected  # every row a miss: the audit made again


@pytest.mark.parametrize("row", [
    b"geen zlib",
    zlib.compress(b"geen json"),
    zlib.compress(json.dumps({"schema": SCHEMA_VERSION, "document": 5, "prepared": None, "findings": [],
                              "error": None, "day": "2026-01-01"}).encode()),
    zlib.compress(json.dumps({"schema": SCHEMA_VERSION - 1, "document": None, "prepared": None, "findings": [],
                              "error": None, "day": "2026-01-01"}).encode()),
    zlib.compress(json.dumps({"schema": SCHEMA_VERSION, "document": None, "prepared": None,
                              "findings": [{"rule": "x"}], "error": None, "day": "2026-01-01"}).encode()),
    zlib.compress(json.dumps([1, 2, 3]).encode()),
], ids=["not-zlib", "not-json", "wrong-shape", "old-version", "finding-missing-fields", "a-list"])
def test_cache_row_that_does_not_fit_is_a_miss_and_replaced(folder, tmp_path, row):
    """7: one cache row of the wrong shape broke every later audit until the cache was deleted."""
    cache = tmp_path / "cache"
    cold = audit([folder], Options(jobs=1, cache_dir=cache))
    with sqlite3.connect(cache / "docmine-cache.sqlite") as db:
        db.execute("UPDATE entries SET payload=?", (sqlite3.Binary(row),))
        db.execute("UPDATE corpus SET payload=?", (sqlite3.Binary(row),))
    broken = audit([folder], Options(jobs=1, cache_dir=cache))
    assert broken.stats["cache"]["hits"] == 0 and not broken.errors
    assert [f.fingerprint for f in broken.findings] == [f.fingerprint for f in cold.findings]
    healed = audit([folder], Options(jobs=1, cache_dir=cache))  # the misses were stored again
    assert healed.stats["cache"]["hits"] == len(cold.documents)


def test_changed_content_with_the_same_size_and_mtime_is_not_served_from_the_cache(tmp_path):
    """10: a document whose content changed with size and mtime kept was served from the cache."""
    d = tmp_path / "beleid"
    d.mkdir()
    doc = d / "notitie.txt"
    doc.write_text("De AWBZ is hier voorliggend.\n", encoding="utf-8")
    st = os.stat(doc)
    first = audit([d], Options(jobs=1, cache_dir=tmp_path / "cache"))
    assert [f.rule for f in first.findings] == ["awbz-vervallen"]
    doc.write_text("De Wmo  is hier voorliggend.\n", encoding="utf-8")  # same length
    os.utime(doc, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(doc).st_size == st.st_size and os.stat(doc).st_mtime_ns == st.st_mtime_ns
    second = audit([d], Options(jobs=1, cache_dir=tmp_path / "cache"))
    assert second.stats["cache"]["misses"] == 1
    assert [f.rule for f in second.findings] == []


def test_cache_hashing_never_opens_a_fifo(tmp_path):
    """5: a FIFO in the folder hung the audit for ever (the cache hashed it in the main process)."""
    fifo = tmp_path / "pijp.txt"
    os.mkfifo(fifo)
    done = []
    t = threading.Thread(target=lambda: done.append(file_sha256(fifo)), daemon=True)
    t.start()
    t.join(10)
    assert done == [None]
    regular = tmp_path / "a.txt"
    regular.write_bytes(b"AWBZ")
    assert file_sha256(regular) == hashlib.sha256(b"AWBZ").hexdigest()


def _document() -> Document:
    text = "Artikel 1\nDe cliënt ontvangt een beschikking op grond van artikel 2.3.2 Wmo 2015.\n"
    ref = Reference(kind="wet", text="artikel 2.3.2 Wmo 2015", start=44, end=66, artikel="2.3.2", law="Wmo 2015")
    clause = Clause(id="a.txt#art1", kind="artikel", text=text[:80], start=0, end=80, number="1", page=1,
                    attrs={"term": "cliënt", "omvang": [{"value": 2.5, "unit": "uur"}]}, references=[ref])
    return Document(path="a.txt", format="txt", text=text, pages=[Page(1, 0, len(text))], metadata={"k": [1, "v"]},
                    source_map=SourceMap.identity(text), type="verordening", title="T",
                    date=__import__("datetime").date(2020, 1, 2), clauses=[clause], sha256="ab", size=len(text))


def test_model_round_trips_by_field_name_through_a_cache_row():
    doc = _document()
    doc.__dict__["_prepared"] = {"duplicate": {"sigs": {(3, 128): b"\x00\x01"}, "marks": ("2020",), "n": 5}}
    finding = Finding(rule="r", type="term", severity="error", message="m", document="a.txt", start=1, end=4,
                      related=[{"document": "b.txt", "clause": None, "excerpt": "x"}])
    error = DocumentError("b.txt", "DM110", "leeg", "hint")
    back, findings, err, day = decode_entry(encode_entry((doc, [finding], error, "2026-12-07")))
    assert back == doc and findings == [finding] and err == error and day == "2026-12-07"
    assert back.__dict__["_prepared"] == doc.__dict__["_prepared"]
    assert from_dict(Document, to_dict(doc)) == doc


@pytest.mark.parametrize("change", [
    {"start": "0"}, {"start": True}, {"references": [{"kind": "wet"}]}, {"attrs": ["niet", "een", "mapping"]},
    {"onbekend": 1},
])
def test_model_from_dict_refuses_what_does_not_fit(change):
    data = to_dict(_document().clauses[0])
    data.update(change)
    with pytest.raises(ValueError):
        from_dict(Clause, data)
