"""The pipeline: parallel == single process, the cache (warm, touched, changed rules, corrupt),
per-document timeouts and the Dask executor. Runs on a small generated corpus."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

import docmine.ingest
from docmine.api import Limits, Options, audit
from docmine.model import Finding, Rule
from docmine.rules.base import RuleType, make_finding
from docmine.rules import registry

ROOT = Path(__file__).resolve().parents[1]


# -- two small rule types of our own, so these tests do not depend on the shipped packs ------

class _WordParams(BaseModel):
    model_config = ConfigDict(extra="forbid")
    word: str


class _WordRule(RuleType):
    """Document level: every occurrence of ``word``."""

    Params = _WordParams

    def check_document(self, doc, ctx):
        for m in re.finditer(re.escape(self.params.word), doc.text):
            yield make_finding(self.rule, doc, m.start(), m.end())


class _SameFirstLine(RuleType):
    """Corpus level: documents whose first line is the same as an earlier document's."""

    level = "corpus"

    def check_corpus(self, docs, ctx):
        seen: dict[str, str] = {}
        for d in docs:
            first = d.text.split("\n", 1)[0].strip()
            if first in seen:
                f = make_finding(self.rule, d, 0, len(first), related=[{"document": seen[first], "clause": None, "excerpt": first}])
                yield f
            else:
                seen[first] = d.path


@pytest.fixture(autouse=True, scope="module")
def _test_rule_types():
    """Register the two test rule types for this module only (workers inherit them by fork)."""
    registry.names()  # load the shipped types first
    registry.register("pipeline-test-word")(_WordRule)
    registry.register("pipeline-test-same-first-line")(_SameFirstLine)
    yield
    registry._REGISTRY.pop("pipeline-test-word", None)
    registry._REGISTRY.pop("pipeline-test-same-first-line", None)


def _rules(word: str = "AWBZ", corpus_message: str = "Zelfde titel als een ander document.") -> list[Rule]:
    rules: list[Rule] = []
    try:  # the shipped packs too, when they load: the real per-document and corpus work
        from docmine.rules.loader import load_rules

        rules = list(load_rules((), default=True))
    except Exception:
        rules = []
    return rules + [
        Rule(id="test-woord", type="pipeline-test-word", severity="warning", message=f"{word} gevonden.",
             params={"word": word}),
        Rule(id="test-zelfde-titel", type="pipeline-test-same-first-line", severity="info", message=corpus_message),
    ]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, generate_corpus) -> Path:
    return generate_corpus(tmp_path_factory.mktemp("corpus"), 24, seed=3)


def _snapshot(result) -> tuple:
    return ([f.to_dict() for f in result.findings], [d.path for d in result.documents],
            [e.to_dict() for e in result.errors])


def test_pipeline_parallel_equals_single_process(corpus):
    rules = _rules()
    single = audit([corpus], Options(jobs=1), rules=rules)
    parallel = audit([corpus], Options(jobs=2), rules=rules)
    assert single.stats["jobs"] == 1 and parallel.stats["jobs"] == 2
    assert len(single.documents) + len(single.errors) == 24
    assert any(f.rule == "test-woord" for f in single.findings)
    assert any(f.rule == "test-zelfde-titel" for f in single.findings)
    assert _snapshot(parallel) == _snapshot(single)
    assert [f.fingerprint for f in parallel.findings] == [f.fingerprint for f in single.findings]
    assert parallel.findings == sorted(parallel.findings, key=Finding.sort_key)
    for stage in ("ingest", "extract", "document_rules", "corpus_rules"):
        assert stage in parallel.stats["stages"]


def test_pipeline_warm_run_uses_cache_and_gives_same_result(corpus, tmp_path):
    rules = _rules()
    opts = Options(jobs=2, cache_dir=tmp_path / "cache")
    cold = audit([corpus], opts, rules=rules)
    assert cold.stats["cache"]["hits"] == 0 and cold.stats["cache"]["misses"] == 24
    warm = audit([corpus], opts, rules=rules)
    assert warm.stats["cache"]["hits"] == 24 and warm.stats["cache"]["misses"] == 0
    assert warm.stats["stages"]["ingest"] == 0.0  # nothing was read again
    assert not cold.stats["cache"]["corpus_hit"] and warm.stats["cache"]["corpus_hit"]
    assert _snapshot(warm) == _snapshot(cold) and warm.graph == cold.graph


def test_pipeline_cache_from_another_day_reruns_only_document_rules(corpus, tmp_path, monkeypatch):
    import docmine.cache

    rules = _rules()
    opts = Options(jobs=2, cache_dir=tmp_path / "cache")
    real_today = docmine.cache.today
    monkeypatch.setattr(docmine.cache, "today", lambda: "2001-02-03")
    cold = audit([corpus], opts, rules=rules)
    monkeypatch.setattr(docmine.cache, "today", real_today)
    nextday = audit([corpus], opts, rules=rules)
    # nothing read or extracted again, but the rules ran again on every cached document
    assert nextday.stats["cache"]["hits"] == 24 and nextday.stats["cache"]["misses"] == 0
    assert nextday.stats["stages"]["ingest"] == 0.0 and nextday.stats["stages"]["extract"] == 0.0
    assert nextday.stats["rules_rerun"] == len(cold.documents) > 0
    assert not nextday.stats["cache"]["corpus_hit"]  # the corpus stage's key holds the day
    assert _snapshot(nextday) == _snapshot(cold)
    same_day = audit([corpus], opts, rules=rules)
    assert same_day.stats["rules_rerun"] == 0 and same_day.stats["cache"]["corpus_hit"]
    assert _snapshot(same_day) == _snapshot(cold)


def test_pipeline_touched_document_is_reprocessed_alone(tmp_path, generate_corpus):
    corpus = generate_corpus(tmp_path / "c", 12, seed=3)
    rules = _rules()
    opts = Options(jobs=2, cache_dir=tmp_path / "cache")
    audit([corpus], opts, rules=rules)
    txt = sorted(corpus.rglob("*.txt"))[0]
    txt.write_text(txt.read_text(encoding="utf-8") + "\nDe AWBZ is hier nog genoemd.\n", encoding="utf-8")
    other = sorted(corpus.rglob("*.txt"))[1]
    os.utime(other, ns=(time.time_ns(), time.time_ns() + 10_000_000_000))  # touched, content unchanged
    again = audit([corpus], opts, rules=rules)
    assert again.stats["cache"]["misses"] == 1 and again.stats["cache"]["hits"] == 11
    assert not again.stats["cache"]["corpus_hit"]  # corpus rules re-ran on the changed corpus
    rel = txt.relative_to(corpus).as_posix()
    assert any(f.document == rel and f.excerpt == "AWBZ" and "nog genoemd" in
               next(d for d in again.documents if d.path == rel).text[f.start:f.start + 40] for f in again.findings)
    fresh = audit([corpus], Options(jobs=1), rules=rules)
    assert _snapshot(again) == _snapshot(fresh)


def test_pipeline_changed_rule_pack_invalidates_document_rules_only(corpus, tmp_path):
    opts = Options(jobs=2, cache_dir=tmp_path / "cache")
    audit([corpus], opts, rules=_rules())
    # a corpus-level rule changed: per-document results still valid
    r = audit([corpus], opts, rules=_rules(corpus_message="Andere tekst."))
    assert r.stats["cache"]["hits"] == 24 and not r.stats["cache"]["corpus_hit"]
    assert any(f.message == "Andere tekst." for f in r.findings)
    # a per-document rule changed: everything is re-checked, with the new rule
    r2 = audit([corpus], opts, rules=_rules(word="maatwerkvoorziening"))
    assert r2.stats["cache"]["hits"] == 0 and r2.stats["cache"]["misses"] == 24
    assert any(f.rule == "test-woord" and f.excerpt == "maatwerkvoorziening" for f in r2.findings)
    assert not any(f.rule == "test-woord" and f.excerpt == "AWBZ" for f in r2.findings)


def test_pipeline_corrupt_cache_is_rebuilt_with_warning(corpus, tmp_path, capsys):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / "docmine-cache.sqlite").write_bytes(b"dit is geen database" * 100)
    rules = _rules()
    r = audit([corpus], Options(jobs=1, cache_dir=cache_dir), rules=rules)
    assert "opnieuw opgebouwd" in capsys.readouterr().err
    assert r.stats["cache"]["misses"] == 24 and len(r.documents) + len(r.errors) == 24
    r2 = audit([corpus], Options(jobs=1, cache_dir=cache_dir), rules=rules)
    assert r2.stats["cache"]["hits"] == 24
    with sqlite3.connect(cache_dir / "docmine-cache.sqlite") as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 24


def _slow_reader(real):
    def read_document(path, rel, limits):
        if "slow" in rel:
            time.sleep(60)
        return real(path, rel, limits)
    return read_document


@pytest.mark.parametrize("jobs,slow_first", [(1, False), (2, False), (2, True)])
def test_pipeline_slow_document_times_out_and_others_finish(tmp_path, monkeypatch, jobs, slow_first):
    """slow_first: the slow document is the biggest, so it is sent first and another document
    waits in the same worker behind it; that one must go to a new worker and be audited."""
    for i in range(4):
        (tmp_path / f"doc{i}.txt").write_text(f"Document {i}. De AWBZ is voorliggend.\n", encoding="utf-8")
    padding = "Nog meer tekst zonder betekenis.\n" * 50 if slow_first else ""
    (tmp_path / "slow.txt").write_text("Een traag document over de AWBZ.\n" + padding, encoding="utf-8")
    monkeypatch.setattr(docmine.ingest, "read_document", _slow_reader(docmine.ingest.read_document))
    t = time.monotonic()
    r = audit([tmp_path], Options(jobs=jobs, limits=Limits(timeout=5.0), cache_dir=tmp_path / ".cache"), rules=_rules())
    assert time.monotonic() - t < 30
    assert [(e.document, e.code) for e in r.errors] == [("slow.txt", "DM108")]
    assert "--timeout" in r.errors[0].hint
    assert sorted(d.path for d in r.documents) == [f"doc{i}.txt" for i in range(4)]
    assert sum(f.rule == "test-woord" for f in r.findings) == 4
    # a timeout is not cached: the next run tries the document again
    monkeypatch.undo()
    r2 = audit([tmp_path], Options(jobs=jobs, limits=Limits(timeout=5.0), cache_dir=tmp_path / ".cache"), rules=_rules())
    assert not r2.errors and r2.stats["cache"]["hits"] == 4


def _odd_reader(real, slow: str = "", crash: str = "", unpicklable: str = ""):
    """read_document that hangs, kills its process or gives an unpicklable Document for the
    file named ``slow``/``crash``/``unpicklable`` (forked workers inherit the patch)."""
    def read_document(path, rel, limits):
        if rel == slow:
            time.sleep(60)
        if rel == crash:
            os._exit(3)
        doc = real(path, rel, limits)
        if rel == unpicklable:
            doc.metadata["x"] = lambda: None
        return doc
    return read_document


def _many_docs(tmp_path: Path, n: int = 12) -> list[str]:
    """``n`` documents, biggest first in the name order (so also in the order they are sent)."""
    names = []
    for i in range(n):
        name = f"doc{i:02d}.txt"
        (tmp_path / name).write_text(f"Document {i}. De AWBZ is voorliggend.\n" + "Opvulling.\n" * (n - i), encoding="utf-8")
        names.append(name)
    return names


@pytest.mark.parametrize("odd", ["doc11.txt", "doc05.txt", "doc00.txt"])
def test_pipeline_timeout_after_finished_unsent_documents(tmp_path, monkeypatch, odd):
    """Workers answer in batches: documents a worker finished before the one that hangs, not yet
    sent, are done again elsewhere; only the slow one is DM108."""
    names = _many_docs(tmp_path)
    monkeypatch.setattr(docmine.ingest, "read_document", _odd_reader(docmine.ingest.read_document, slow=odd))
    r = audit([tmp_path], Options(jobs=2, limits=Limits(timeout=5.0), cache_dir=None), rules=_rules())
    assert [(e.document, e.code) for e in r.errors] == [(odd, "DM108")]
    assert sorted(d.path for d in r.documents) == [n for n in names if n != odd]
    assert sum(f.rule == "test-woord" for f in r.findings) == len(names) - 1


@pytest.mark.parametrize("odd", ["doc11.txt", "doc05.txt", "doc00.txt"])
def test_pipeline_worker_crash_reports_its_document(tmp_path, monkeypatch, odd):
    names = _many_docs(tmp_path)
    monkeypatch.setattr(docmine.ingest, "read_document", _odd_reader(docmine.ingest.read_document, crash=odd))
    r = audit([tmp_path], Options(jobs=2, cache_dir=None), rules=_rules())
    assert [(e.document, e.code) for e in r.errors] == [(odd, "DM120")]
    assert "exitcode 3" in r.errors[0].message
    assert sorted(d.path for d in r.documents) == [n for n in names if n != odd]


def test_pipeline_unpicklable_result_is_dm120_others_arrive(tmp_path, monkeypatch):
    names = _many_docs(tmp_path)
    monkeypatch.setattr(docmine.ingest, "read_document",
                        _odd_reader(docmine.ingest.read_document, unpicklable="doc03.txt"))
    r = audit([tmp_path], Options(jobs=2, cache_dir=None), rules=_rules())
    assert [(e.document, e.code) for e in r.errors] == [("doc03.txt", "DM120")]
    assert "niet over te dragen" in r.errors[0].message
    assert sorted(d.path for d in r.documents) == [n for n in names if n != "doc03.txt"]


def test_pipeline_dask_executor_matches_local(corpus):
    distributed = pytest.importorskip("dask.distributed", reason="Dask niet geïnstalleerd (pip install 'docmine[dask]')")
    rules = _rules()
    local = audit([corpus], Options(jobs=1), rules=rules)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        remote = audit([corpus], Options(executor="dask", scheduler=cluster.scheduler_address), rules=rules)
    assert remote.stats["executor"] == "dask"
    assert _snapshot(remote) == _snapshot(local)


def test_pipeline_dask_slow_document_times_out_and_others_finish(tmp_path, monkeypatch):
    """On a Dask cluster too, a document past ``--timeout`` is DM108 and the audit goes on: each
    task reads its documents in a process of docmine's own, killed at the deadline (a Dask task
    itself cannot be stopped). Worker threads in this process: the patched reader is inherited."""
    distributed = pytest.importorskip("dask.distributed", reason="Dask niet geïnstalleerd (pip install 'docmine[dask]')")
    names = _many_docs(tmp_path)
    monkeypatch.setattr(docmine.ingest, "read_document", _odd_reader(docmine.ingest.read_document, slow="doc04.txt"))
    t = time.monotonic()
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        r = audit([tmp_path], Options(executor="dask", scheduler=cluster.scheduler_address, limits=Limits(timeout=5.0)),
                  rules=_rules())
    assert time.monotonic() - t < 30  # the document sleeps for 60 s
    assert [(e.document, e.code) for e in r.errors] == [("doc04.txt", "DM108")]
    assert sorted(d.path for d in r.documents) == [n for n in names if n != "doc04.txt"]
    assert sum(f.rule == "test-woord" for f in r.findings) == len(names) - 1


def test_pipeline_dask_worker_processes_enforce_the_timeout(tmp_path):
    """Dask runs its worker processes as daemons, which multiprocessing allows no children: the
    deadline must hold there as well. A user's regular expression that backtracks without end on
    one document (its own time limit set to the maximum, 60 s) stands for a document that hangs."""
    distributed = pytest.importorskip("dask.distributed", reason="Dask niet geïnstalleerd (pip install 'docmine[dask]')")
    names = _many_docs(tmp_path, 6)
    (tmp_path / "hangt.txt").write_text("a" * 40 + "!\n", encoding="utf-8")
    rules = [Rule(id="traag-patroon", type="pattern", severity="warning", message="Herhaalde a's.",
                  params={"pattern": "(a|aa)+$", "timeout": 60})]
    t = time.monotonic()
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        r = audit([tmp_path], Options(executor="dask", scheduler=cluster.scheduler_address, limits=Limits(timeout=5.0)),
                  rules=rules)
    assert time.monotonic() - t < 45
    assert [(e.document, e.code) for e in r.errors] == [("hangt.txt", "DM108")]
    assert sorted(d.path for d in r.documents) == names


_ORPHAN_SCRIPT = """
import sys, time
from pathlib import Path
from docmine.api import Options
from docmine.pool import run_pool as _run_pool
from docmine.workers import compile_for_workers
from docmine.rules.loader import load_rules
rules = load_rules([], default=True)
files = [(p, p.name) for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
stream = _run_pool(files, 2, rules, Options(), compile_for_workers(rules))
next(stream)
print("bezig", flush=True)
time.sleep(300)
"""


@pytest.mark.skipif(os.name != "posix", reason="kill -9 and forked workers: POSIX only")
def test_pipeline_workers_end_when_the_audit_is_killed(tmp_path):
    """An audit killed outright (kill -9, the out-of-memory killer, a CI time limit) leaves no
    worker processes behind: each sees its pipe close and ends. (They used to wait for work
    forever: every worker held its own and its siblings' pipe ends to the parent.)"""
    psutil = pytest.importorskip("psutil")
    import signal
    import subprocess
    import sys

    _many_docs(tmp_path, 40)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", _ORPHAN_SCRIPT, str(tmp_path)], stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert proc.stdout.readline().strip() == "bezig"
        workers = psutil.Process(proc.pid).children()
        assert len(workers) == 2
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    for p in alive:
        p.kill()
    assert not alive, f"{len(alive)} werkprocessen bleven achter"
