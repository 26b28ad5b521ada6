"""Run the stages over a list of files: per-document work in parallel, corpus rules once.

    files --cache lookup--> hits (Document, findings) ----------------------------\\
          --misses--> workers: ingest, extract, document rules (one file each, with a deadline)
                      --> cache store --> corpus rules (once, on all documents) --> sort

Per-document work runs in worker processes (``Options.jobs``, default all cores; see
``workers``), one document per task so that a document that takes longer than
``Limits.timeout`` is reported as DM108 and its worker killed and replaced; the audit goes on.
With ``jobs=1`` everything runs in this process (the timeout then uses SIGALRM where available).
The result does not depend on the number of workers or the order in which they finish: outcomes
are put back in file order and the findings sorted.

Example::

    >>> result = run_audit(files, root, rules, Options(jobs=2, cache_dir=".cache"))
    >>> result.stats["cache"]["hits"], result.stats["stages"]["corpus_rules"]
"""

from __future__ import annotations

import gc
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from .version import __version__
from .cache import Cache, today
from .extract.nlp import keep_word_forms_in
from .model import AuditResult, DocumentError, Finding, Rule
from .rules.base import Context
from .rules.corpus import spill_record
from .rules.engine import run_corpus_rules, run_document_rules
from .rules.types.pattern import RULE_ERROR, split_rule_errors
from .pool import run_pool
from .store import STORE_ABOVE, ClauseStore
from .vocabulary import activate
from .workers import Outcome, RuleGuard, compile_for_workers, document_context, process_document, run_inline, timeout_error


class _Compiled:
    """The compiled rules, built on first need: a warm run whose documents and corpus stage all
    come from the cache never compiles them (~1 s with the shipped packs). Built here, before
    the workers fork: they inherit them with their shared set-up done."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self._compiled: list | None = None

    def get(self) -> list:
        if self._compiled is None:
            self._compiled = compile_for_workers(self.rules)
        return self._compiled


@contextmanager
def _collector_off(freeze: bool) -> Iterator[None]:
    """The cyclic garbage collector off while objects that make no cyclic garbage come in (the
    documents from the cache or the workers: millions of objects; 2,000 documents' lookup 1.35
    -> 0.85 s), then what was made frozen (``freeze``), so that the collector does not walk it
    all once more as soon as it is enabled again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def run_audit(files: list[tuple[Path, str]], root: Path, rules: list[Rule], options: Any,
              shas: list[str | None] | None = None) -> AuditResult:
    """Audit ``files`` ((absolute path, relative path) pairs) with ``rules``. ``shas``: the
    files' content hashes (``cache.hashes``) when the caller has made them.

    ``result.stats`` gets ``stages`` (seconds per stage: ingest, extract and document_rules
    summed over the workers, corpus_rules wall time), ``cache`` (hits, misses, path), ``jobs``
    and ``executor``.
    """
    result = AuditResult(version=__version__, root=str(root), rules=rules)
    # a large audit keeps the documents' clause trees and the findings on disk, not in this
    # process (``store``)
    above = getattr(options, "clause_store_above", STORE_ABOVE)
    store = ClauseStore.create() if above is not None and len(files) > above else None
    # the corpus rules run here (workers activate it themselves); put back afterwards, so that a
    # user's vocabulary does not outlive the audit in a library user's process
    previous_vocabulary = activate(getattr(options, "vocabulary", None))
    stage = {"ingest": 0.0, "extract": 0.0, "document_rules": 0.0}
    # the term rules' memo of word forms: in the cache folder (or the report folder's), or nowhere
    keep_word_forms_in(getattr(options, "memo_dir", None) or getattr(options, "cache_dir", None))
    t_start = time.perf_counter()
    compiled = _Compiled(rules)
    cache = Cache.open(options.cache_dir, rules, options) if getattr(options, "cache_dir", None) else None
    freeze = gc.get_freeze_count() == 0  # unfrozen at the end; only if nobody else froze
    try:
        outcomes, keys, misses = _from_cache(files, shas, cache, compiled, options, stage, result, store)
        guard = RuleGuard(rules)
        jobs, inline = _read_misses(misses, files, rules, options, cache, keys, compiled, guard, outcomes, stage, freeze,
                                    store)
        if store is not None:
            store.flush()
        result.stats["documents_wall_seconds"] = time.perf_counter() - t_start
        _collect(files, outcomes, result)
        result.errors.extend(guard.errors)
        del outcomes
        _corpus_stage(files, rules, cache, keys, compiled, result, stage, store)
    finally:  # also when a stage fails: close the cache, unfreeze what the lookup froze
        if cache is not None:
            cache.close()
        if freeze:
            gc.unfreeze()
        activate(previous_vocabulary)
    if store is not None:  # read back sorted
        result.findings = store.findings()
    else:
        result.findings.sort(key=Finding.sort_key)
    result.stats["stages"] = stage
    result.stats["jobs"] = 1 if inline else jobs
    result.stats["executor"] = getattr(options, "executor", "local") or "local"
    result.stats["cache"] = cache.stats() if cache is not None else {"enabled": False, "hits": 0, "misses": len(misses)}
    result.stats["pages"] = sum(len(d.pages) or 1 for d in result.documents)
    result.stats["bytes"] = sum(d.size or 0 for d in result.documents)
    return result


def _from_cache(files: list[tuple[Path, str]], shas: list[str | None] | None, cache: Cache | None,
                compiled: _Compiled, options: Any, stage: dict[str, float], result: AuditResult,
                store: ClauseStore | None = None) -> tuple[dict[str, Outcome], dict[str, str], list[tuple[Path, str]]]:
    """(outcomes of the documents found in the cache, every file's entry key, the files not
    found). Entries made on another day get their per-document rules run again. ``store``:
    where the documents' clauses go."""
    outcomes: dict[str, Outcome] = {}
    keys: dict[str, str] = {}
    misses: list[tuple[Path, str]] = []
    t = time.perf_counter()
    if cache is None:
        misses = list(files)
    else:
        day = today()
        stale: list[tuple[int, str]] = []  # cached on another day: re-run only the per-document rules
        with _collector_off(freeze=gc.get_freeze_count() == 0):
            for i, ((path, rel), (key, hit)) in enumerate(zip(files, cache.lookup_many(files, shas))):
                if key:
                    keys[rel] = key
                if hit is None:
                    misses.append((path, rel))
                    continue
                doc, findings, err, made = hit
                outcomes[rel] = Outcome(rel, doc, findings, err, {})
                if made != day and doc is not None:
                    stale.append((i, rel))
                else:
                    outcomes[rel] = _to_store(outcomes[rel], store, i)
        stage["cache_lookup"] = time.perf_counter() - t
        if stale:
            t = time.perf_counter()
            _rerun_rules([rel for _, rel in stale], outcomes, compiled.get(), cache, keys, options)
            stage["document_rules"] += time.perf_counter() - t
            for i, rel in stale:
                outcomes[rel] = _to_store(outcomes[rel], store, i)
        result.stats["rules_rerun"] = len(stale)
    if options.progress and outcomes:
        options.progress(len(outcomes), len(files), files[-1][1] if files else "")
    return outcomes, keys, misses


def _read_misses(misses: list[tuple[Path, str]], files: list[tuple[Path, str]], rules: list[Rule], options: Any,
                 cache: Cache | None, keys: dict[str, str], compiled: _Compiled, guard: RuleGuard,
                 outcomes: dict[str, Outcome], stage: dict[str, float], freeze: bool,
                 store: ClauseStore | None = None) -> tuple[int, bool]:
    """Read, extract and check the documents not in the cache (in worker processes, in this
    process with one job, or on Dask) into ``outcomes``, storing what may be kept (in the cache;
    the clauses in ``store``). Returns (jobs, whether they ran in this process)."""
    jobs = max(1, options.jobs or os.cpu_count() or 1)
    executor = getattr(options, "executor", "local") or "local"
    # biggest files first: on few cores a large PDF started last would leave the others idle
    misses.sort(key=lambda t: -_size(t[0]))
    inline = executor == "local" and jobs <= 1  # documents read in this process (no memory limit)
    if not misses:
        return jobs, inline
    if executor == "dask":
        from .executors import run_dask

        stream: Iterator[Outcome] = run_dask(misses, rules, options)
    elif inline:
        stream = run_inline(misses, compiled.get(), options, guard)
    else:
        stream = run_pool(misses, jobs, rules, options, compiled.get(), guard=guard)
    total, done = len(files), len(outcomes)
    place = {rel: i for i, (_, rel) in enumerate(files)} if store is not None else {}
    # Results from worker processes or Dask come in here: many objects and no cyclic garbage
    # (main process CPU for 1,433 text files 2.0 -> 1.05 s). Not for documents read in this
    # process (a PDF parser leaves cyclic garbage).
    with _collector_off(freeze) if not inline else _nothing():
        try:
            for out in stream:
                for k, v in out.times.items():
                    stage[k] = stage.get(k, 0.0) + v
                if cache is not None and out.cacheable and out.rel in keys:
                    cache.store(keys[out.rel], out.rel, (out.document, out.findings, out.error))
                outcomes[out.rel] = _to_store(out, store, place.get(out.rel, total))
                done += 1
                if options.progress:
                    options.progress(done, total, out.rel)
        finally:
            close = getattr(stream, "close", None)
            if close:
                close()  # stops and reaps the workers, also on Ctrl-C
    return jobs, inline


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _to_store(out: Outcome, store: ClauseStore | None, place: int) -> Outcome:
    """``out`` with its document's clauses, its findings and the larger part of the duplicate
    rules' record moved into ``store`` (when there is
    one and the document was read); ``place``: its file's place in the audit (orders the
    findings of one document as one sorted list would). A rule that failed stays in the
    outcome: ``_collect`` makes it an error."""
    if store is None or out.document is None:
        return out
    out.document.clauses = store.keep(out.document.clauses)
    spill_record(out.document, store.keep_value)  # the shingle hashes the corpus stage reads
    store.add_findings([f for f in out.findings if f.type != RULE_ERROR], place)
    return out._replace(findings=[f for f in out.findings if f.type == RULE_ERROR])


def _collect(files: list[tuple[Path, str]], outcomes: dict[str, Outcome], result: AuditResult) -> None:
    """The documents, findings and errors of ``outcomes`` into ``result``, in file order
    (whatever order the workers finished in); a rule that failed is an error (DM201), not a finding."""
    for _, rel in files:
        out = outcomes.get(rel)
        if out is None:
            continue
        if out.error is not None:
            result.errors.append(out.error)
        if out.document is not None:
            result.documents.append(out.document)
            findings, rule_errors = split_rule_errors(out.findings)
            result.findings.extend(findings)
            result.errors.extend(rule_errors)


def _corpus_stage(files: list[tuple[Path, str]], rules: list[Rule], cache: Cache | None, keys: dict[str, str],
                  compiled: _Compiled, result: AuditResult, stage: dict[str, float],
                  store: ClauseStore | None = None) -> None:
    """The corpus rules and the graph, from the cache when exactly this corpus state was
    audited before. Their findings go into ``store`` when there is one (after every file's)."""
    from .graph import build_graph

    t, cpu = time.perf_counter(), time.process_time()
    corpus_key = None
    if cache is not None and all(rel in keys for _, rel in files):
        corpus_key = cache.corpus_key(rules, [keys[rel] for _, rel in files])
    cached = cache.corpus_lookup(corpus_key) if corpus_key else None
    if cached is not None:
        corpus_findings, result.graph = cached
    else:
        corpus_findings = list(run_corpus_rules(compiled.get(), result.documents, Context()))
        # the duplicate and version groups of the graph come from the corpus rules' findings
        result.graph = build_graph(result.documents, corpus_findings)
        if corpus_key:
            cache.corpus_store(corpus_key, (corpus_findings, result.graph))
    if store is not None:
        store.add_findings(corpus_findings, len(files))
    else:
        result.findings.extend(corpus_findings)
    if cache is not None:
        cache.corpus_hit = cached is not None
    stage["corpus_rules"] = time.perf_counter() - t
    stage["corpus_rules_cpu"] = time.process_time() - cpu  # this process's CPU (steadier than wall on a busy machine)


def _rerun_rules(rels: list[str], outcomes: dict[str, Outcome], compiled: list, cache: Cache,
                 keys: dict[str, str], options: Any) -> None:
    """Re-run the per-document rules on cached Documents (made on another day: a rule may
    compare dates with today); ingest and extract are not repeated. Stores the new findings."""
    ctx = document_context(options)
    for rel in rels:
        out = outcomes[rel]
        try:
            findings = run_document_rules(compiled, out.document, ctx)
        except Exception as exc:  # as in process_document: report it, go on
            outcomes[rel] = Outcome(rel, None, [], DocumentError.of(
                rel, "DM120", "checking", exc_type=type(exc).__name__, exc=exc), {})
            continue
        outcomes[rel] = out._replace(findings=findings)
        cache.store(keys[rel], rel, (out.document, findings, out.error))


def _size(path: Path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


__all__ = ["run_audit", "process_document", "Outcome", "timeout_error"]
