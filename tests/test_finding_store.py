"""A large audit keeps its findings in the store (``docmine.store``) as they arrive and the report
writers read them back one document at a time. Forced on (``clause_store_above=0``), an audit of a
generated corpus of ten municipalities gives the same findings in the same order and
byte-identical reports, the HTML index with a page per folder included."""

from __future__ import annotations

import pickle

import pytest

from docmine.api import Options, audit
from docmine.model import Finding
from docmine.report import render, write_reports
from docmine.store import ClauseStore, StoredFindings



@pytest.fixture(scope="module")
def both(tmp_path_factory, generate_corpus):
    """One generated corpus audited with the findings in memory and with them in the store."""
    corpus = generate_corpus(tmp_path_factory.mktemp("gen") / "corpus", 120, seed=8)
    plain = audit([corpus], Options(jobs=2, clause_store_above=None))
    stored = audit([corpus], Options(jobs=2, clause_store_above=0))
    plain.stats["generated"] = stored.stats["generated"] = "07-12-2026 18:00"
    return plain, stored


def test_findings_on_disk_come_back_as_the_sorted_list(both):
    plain, stored = both
    assert isinstance(stored.findings, StoredFindings) and type(plain.findings) is list
    # per-document findings and the corpus stage's (duplicates, versions, definitions)
    assert {f.type for f in plain.findings} >= {"term", "duplicate", "levels", "required"}
    assert len(stored.findings) == len(plain.findings) > 300
    assert list(stored.findings) == plain.findings  # the same order, equal sort keys included
    assert list(stored.findings) == list(stored.findings)  # every pass reads them again


def test_findings_on_disk_give_byte_identical_reports(both, tmp_path):
    plain, stored = both
    for fmt in ("json", "jsonl", "sarif", "csv"):
        assert render(stored, fmt) == render(plain, fmt), fmt
    pages = {}
    for name, result in (("plain", plain), ("stored", stored)):
        out = tmp_path / name
        write_reports(result, out, ["html"], split_above=0)  # an index plus a page per municipality
        pages[name] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}
    assert len(pages["plain"]) > 5 and "index.html" in pages["plain"]  # the index and the folders' pages
    assert pages["stored"] == pages["plain"]


def _finding(doc: str, start: int, rule: str, message: str) -> Finding:
    return Finding(rule=rule, type="term", severity="warning", message=message, document=doc, start=start,
                   end=start + 4, excerpt=message, fingerprint="f")


def test_stored_findings_keep_the_order_of_one_sorted_list_and_split_per_folder(tmp_path):
    store = ClauseStore.create(tmp_path)
    # files in path order: nota.txt (0), oostdorp/a.txt (1), oostdorp-oud/c.txt (2), westdorp/b.txt (3)
    root = [_finding("nota.txt", 0, "verouderde-term", "AWBZ in de nota")]
    a = [_finding("oostdorp/a.txt", 10, "verouderde-term", "eerste"),
         _finding("oostdorp/a.txt", 10, "verouderde-term", "tweede")]  # equal sort keys: their own order
    old = [_finding("oostdorp-oud/c.txt", 3, "verouderde-term", "WWB in het archief")]
    b = [_finding("westdorp/b.txt", 40, "verouderde-term", "Wet werk en bijstand"),
         _finding("westdorp/b.txt", 5, "verouderde-term", "AWBZ")]
    corpus = [_finding("westdorp/b.txt", 0, "dubbel-document", "staat ook in"),
              _finding("oostdorp/a.txt", 10, "verouderde-term", "derde")]
    for findings, place in ((b, 3), (a, 1), (old, 2), (root, 0)):  # as the workers finish
        store.add_findings(findings, place)
    store.add_findings(corpus, 4)  # the corpus stage, after every file
    kept = store.findings()
    expected = sorted(root + a + old + b + corpus, key=Finding.sort_key)
    assert len(kept) == 8 and list(kept) == expected
    assert [f.message for f in kept if f.document == "oostdorp/a.txt"] == ["eerste", "tweede", "derde"]
    assert [f.message for f in kept.in_folder("oostdorp", 3)] == ["eerste", "tweede", "derde"]  # not oostdorp-oud
    assert [f.message for f in kept.in_folder("", 1)] == ["AWBZ in de nota"]  # directly in the audited folder
    assert [f.start for f in kept.in_folder("westdorp", 3)] == [0, 5, 40]
    assert pickle.loads(pickle.dumps(kept)) == expected and kept == expected
