"""A large audit keeps its documents' clause trees in a temporary SQLite file (``docmine.store``)
instead of in the main process. Forced on (``clause_store_above=0``), the audit of corpus/ gives
byte-identical reports; the file is gone afterwards; a forked report writer reads it too."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from docmine.api import Options, audit
from docmine.model import Clause
from docmine.report import render, write_reports
from docmine.store import ClauseStore, StoredClauses

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def both():
    """corpus/ audited with the clauses in memory and with them in the store (and a cache)."""
    plain = audit([CORPUS], Options(jobs=2, clause_store_above=None))
    stored = audit([CORPUS], Options(jobs=2, clause_store_above=0))
    plain.stats["generated"] = stored.stats["generated"] = "07-12-2026 15:00"
    return plain, stored


def test_stored_clauses_give_the_same_reports_as_clauses_in_memory(both):
    plain, stored = both
    assert all(isinstance(d.clauses, StoredClauses) for d in stored.documents)
    assert all(type(d.clauses) is list for d in plain.documents)
    assert len(stored.findings) == len(plain.findings) == 74
    for fmt in ("json", "jsonl", "sarif", "csv", "html"):
        assert render(stored, fmt) == render(plain, fmt), fmt


def test_a_forked_report_writer_reads_the_store(both, tmp_path):
    _, stored = both
    written = write_reports(stored, tmp_path / "rapport", ["html", "json"])  # html in a forked child (small process)
    page = written["html"].read_text(encoding="utf-8")
    # a level table needs the arrangementsbeschrijving's clauses
    assert "Niveaus van Begeleiding Groep" in page


def test_stored_clauses_behave_as_the_list_and_the_file_goes_away(tmp_path):
    store = ClauseStore.create(tmp_path)
    clauses = [Clause(id="beleid/wmo.txt#art1", kind="artikel", text="Artikel 1 Begrippen", start=0, end=19, number="1"),
               Clause(id="beleid/wmo.txt#art2", kind="artikel", text="Artikel 2 Aanvraag", start=21, end=39, number="2")]
    kept = store.keep(clauses)
    assert len(kept) == 2 and kept[1].number == "2" and [c.id for c in kept] == [c.id for c in clauses]
    assert kept == clauses and kept[-1:] == clauses[-1:]
    assert pickle.loads(pickle.dumps(kept)) == clauses  # sent elsewhere: the plain list
    assert os.path.exists(store.path) and oct(os.stat(store.path).st_mode & 0o777) == "0o600"
    path = store.path
    del kept, store
    assert not os.path.exists(path)
