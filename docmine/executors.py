"""Run the per-document work somewhere else than this machine's processes: a Dask cluster.

``docmine audit corpus/ --executor dask --scheduler tcp://scheduler:8786`` sends the files in
batches to the cluster's workers (``client.map`` + ``as_completed``); each worker ingests,
extracts and runs the per-document rules and sends back plain dataclasses; the corpus rules
and the report then run here on the collected results. The workers need docmine installed and
the files at the same path (a shared file system); the cache, if any, stays on this machine.

The per-document time limit (``--timeout``) holds on the cluster as it does here: a Dask task
cannot be stopped, so each task thread of a Dask worker reads its documents in a worker process
of docmine's own (``pool.run_pool``, forked from the Dask worker and kept for its next
tasks), which is killed when a document passes its deadline; that document is DM108 and the
batch goes on in a new one.

Install with ``pip install "docmine[dask]"``. Example::

    >>> from docmine.api import Options, audit
    >>> audit(["/shared/corpus"], Options(executor="dask", scheduler="tcp://10.0.0.5:8786"))
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import threading
from pathlib import Path
from typing import Any, Iterator

from .errors import UsageError
from .model import Rule
from .pool import run_pool
from .vocabulary import activate
from .workers import Outcome, compile_for_workers, crash_error, process_document, worker_options
from .rules.base import Context

BATCH = 16  # documents per Dask task: fewer round trips, still balanced

# Per worker process: compiled rules by rule-set hash (compiled once, reused by every task).
_COMPILED: dict[tuple[str, str], list] = {}
# Per worker process: docmine's worker process of each task thread, for one rule set and its
# options, kept between tasks (a process forked per task cost ~20 ms and cold caches per batch
# of 16 documents: 1,433 text files on a 2-worker LocalCluster took 4.3 instead of 2.5 s).
_KEPT: dict[tuple[int, str], list] = {}
_KEPT_LOCK = threading.Lock()


def _kept_workers(key: str) -> list:
    """The list of worker processes this task thread keeps for ``key``; those kept for another
    key by this thread, or by a thread that has ended, are stopped."""
    me = threading.get_ident()
    live = {t.ident for t in threading.enumerate()}
    with _KEPT_LOCK:
        for k in [k for k in _KEPT if k[0] not in live or (k[0] == me and k[1] != key)]:
            for w in _KEPT.pop(k):
                w.stop()
        return _KEPT.setdefault((me, key), [])


def _batch_on_worker(batch: list[tuple[str, str]], rules: list[Rule], rules_key: str, options: Any) -> list[Outcome]:
    """Runs on a Dask worker: the per-document stages for a batch of (path, rel), in a forked
    process with the per-document deadline when there is one (see the module docstring)."""
    vocabulary = getattr(options, "vocabulary", None)
    activate(vocabulary)  # compiling reads the vocabulary (OCR confusions, other senses)
    key = (rules_key, vocabulary.fingerprint() if vocabulary is not None else "")
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _COMPILED[key] = compile_for_workers(rules)
    timeout = float(getattr(getattr(options, "limits", None), "timeout", 0) or 0)
    if timeout > 0 and "fork" in multiprocessing.get_all_start_methods():
        tasks = [(Path(p), rel) for p, rel in batch]
        return list(run_pool(tasks, 1, rules, options, compiled, workers=_kept_workers(rules_key)))
    ctx = Context()
    out = []
    for path, rel in batch:
        try:
            out.append(process_document(Path(path), rel, compiled, options, ctx))
        except BaseException as exc:  # noqa: BLE001 - a worker must answer for every document
            out.append(Outcome(rel, None, [], crash_error(rel, f"{type(exc).__name__}: {exc}"), {}, cacheable=False))
    return out


def _client(scheduler: Any):
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise UsageError.of("DM300", "dask_missing") from exc
    if scheduler is None:
        raise UsageError.of("DM300", "dask_no_scheduler")
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        return Client(scheduler, timeout="20s"), True
    except (OSError, TimeoutError) as exc:
        raise UsageError.of("DM300", "dask_unreachable", scheduler=scheduler, reason=exc) from exc


def run_dask(tasks: list[tuple[Path, str]], rules: list[Rule], options: Any, batch: int = BATCH) -> Iterator[Outcome]:
    """Yield an Outcome per task, in the order the cluster finishes them.

    ``options.scheduler`` is an address (``tcp://host:8786``) or a ``dask.distributed.Client``.
    """
    from dask.distributed import as_completed

    client, own = _client(getattr(options, "scheduler", None))
    try:
        wopts = worker_options(options)
        # what a worker process is made for: the rules and the options it reads documents with
        rules_key = hashlib.sha256(pickle.dumps((rules, getattr(wopts, "limits", None),
                                                 getattr(wopts, "type_overrides", None)))).hexdigest()
        batches = [[(str(p), r) for p, r in tasks[i:i + batch]] for i in range(0, len(tasks), batch)]
        futures = client.map(_batch_on_worker, batches, rules=rules, rules_key=rules_key, options=wopts, pure=False)
        for fut in as_completed(futures):
            try:
                outs = fut.result()
            except Exception as exc:  # the task itself failed (worker lost ...): report its documents
                i = futures.index(fut)
                outs = [Outcome(r, None, [], crash_error(r, f"Dask-taak mislukt: {exc}"), {}, cacheable=False)
                        for _, r in batches[i]]
            fut.release()
            yield from outs
    finally:
        if own:
            client.close()


__all__ = ["run_dask"]
