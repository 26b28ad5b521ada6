"""An audit of a generated corpus (text, PDF and DOCX of ten municipalities, the shipped rules, the
corpus stage included) gives the same findings.json with the local executor and with
``--executor dask`` on a LocalCluster; the Dask run keeps the clauses in the store as well.
200 documents by default; ``DOCMINE_DASK_DOCS=2000`` runs the issue's 2,000 (about a minute on
two cores; 136 s on the busy machine, identical)."""

from __future__ import annotations

import os

import pytest

from docmine.api import Options, audit
from docmine.report import render
from docmine.store import StoredClauses

DOCS = int(os.environ.get("DOCMINE_DASK_DOCS", "200"))


def test_dask_executor_gives_the_same_findings_as_local_corpus_stage_included(tmp_path, generate_corpus):
    distributed = pytest.importorskip("dask.distributed", reason="Dask niet geïnstalleerd (pip install 'docmine[dask]')")
    corpus = generate_corpus(tmp_path / "corpus", DOCS, seed=8)
    local = audit([corpus], Options(jobs=2, clause_store_above=None))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        remote = audit([corpus], Options(executor="dask", scheduler=cluster.scheduler_address, clause_store_above=0))
    assert local.stats["executor"] == "local" and remote.stats["executor"] == "dask"
    assert all(isinstance(d.clauses, StoredClauses) for d in remote.documents)
    assert len(local.documents) + len(local.errors) == DOCS
    # the corpus rules found something to compare: duplicates, versions, definitions
    assert {f.type for f in local.findings} >= {"term", "duplicate", "levels", "reference", "required"}
    assert render(remote, "json") == render(local, "json")  # documents, findings, errors, graph
