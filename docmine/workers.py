"""The per-document work (ingest, extract, per-document rules), and running it in this process
one document after the other (``run_inline``; worker processes: ``pool``).

    for outcome in run_inline(files, compiled, options, guard=RuleGuard(rules)): ...

Every document gives an ``Outcome``; a document that fails gets a ``DocumentError`` with a code
and the audit of the others goes on. A rule that runs out of time on ``RuleGuard.LIMIT``
documents is switched off for the rest of the audit (DM203) instead of costing its time limit
on every document. In this process the deadline uses SIGALRM where available, and there is no
memory limit (see ``pool``).
"""

from __future__ import annotations

import dataclasses
import gc
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from .errors import DocmineError, DocumentTimeout
from .model import Document, DocumentError, Finding, Rule
from .rules.base import Context
from .rules.types.pattern import RULE_ERROR
from .vocabulary import activate

STAGES = ("ingest", "extract", "document_rules")

# Worker state: the compiled rules (inherited through fork, or built in a spawned worker) and options.
_WORKER: dict[str, Any] = {}


class Outcome(NamedTuple):
    """What one document's per-document work gives back (plain, picklable data)."""

    rel: str
    document: Document | None
    findings: list[Finding]
    error: DocumentError | None
    times: dict[str, float]
    cacheable: bool = True


def timeout_error(rel: str, seconds: float) -> DocumentError:
    """The DM108 error for a document that took longer than ``seconds``."""
    return DocumentError.of(rel, "DM108", seconds=seconds)


def crash_error(rel: str, detail: str) -> DocumentError:
    return DocumentError.of(rel, "DM120", "worker_died", detail=detail)


def read_error(rel: str, exc: BaseException) -> DocumentError:
    """Turn any failure while reading one document into a DocumentError for the report."""
    if isinstance(exc, DocmineError):
        return DocumentError.from_error(rel, exc)
    if isinstance(exc, MemoryError):
        return memory_error(rel)
    return DocumentError.of(rel, "DM120", exc_type=type(exc).__name__, exc=exc)


UNCACHED = ("DM116",)  # errors that depend on what is not in the cache key (the memory limit)


def memory_error(rel: str) -> DocumentError:
    """DM116: the document needed more memory than a worker may take on (``Limits.max_memory``)."""
    return DocumentError.of(rel, "DM116")


def killed_error(rel: str, code: int | None) -> DocumentError:
    """A worker that died twice on this document: DM118 when the system killed it (SIGKILL: the
    OOM killer, mostly), else DM120."""
    if code == -signal.SIGKILL:
        return DocumentError.of(rel, "DM118")
    return crash_error(rel, f"exitcode {code}, ook bij een tweede poging")


def rule_off_error(rule: Rule, documents: int) -> DocumentError:
    """DM203: a rule switched off for the rest of the audit after running out of time."""
    where = f"{rule.file}:{rule.line}" if rule.file else rule.id
    return DocumentError.of(rule.file or rule.id, "DM203", rule=rule.id, where=where, documents=documents)


def worker_options(options: Any) -> Any:
    """A copy of ``options`` that can travel to another process (no progress callback)."""
    if dataclasses.is_dataclass(options):
        return dataclasses.replace(options, progress=None)
    return options


def compile_for_workers(rules: list[Rule]) -> list:
    """The compiled rules with their shared set-up done (``warm_up``: the term packs' prefilter),
    so that worker processes forked afterwards inherit them ready to use, as they inherit the
    readers and extractors imported here (each worker imported them itself: ~35 ms a process)."""
    from . import extract, ingest  # noqa: F401
    from .rules.engine import compile_rules

    compiled = compile_rules(rules)
    for rt in compiled:
        warm = getattr(rt, "warm_up", None)
        if warm is not None:
            warm()
    return compiled


def document_context(options: Any, disabled: frozenset[str] = frozenset(), on_rule=None) -> Context:
    """The per-document rules' context for ``options`` (its findings cap per rule)."""
    limits = getattr(options, "limits", None)
    return Context(max_findings=getattr(limits, "max_findings", 0) or 0, disabled=disabled, on_rule=on_rule)


def _init_worker(rules: list[Rule], options: Any, compiled: list | None = None, on_rule=None,
                 disabled: frozenset[str] = frozenset()) -> None:
    from .rules.engine import compile_rules

    activate(getattr(options, "vocabulary", None))  # compiling reads the vocabulary (OCR confusions, other senses)
    _WORKER["rules"] = compiled if compiled is not None else compile_rules(rules)
    _WORKER["options"] = options
    _WORKER["ctx"] = document_context(options, disabled, on_rule)


def process_document(path: Path, rel: str, compiled: list, options: Any, ctx: Context) -> Outcome:
    """Ingest, extract and run the per-document rules on one file. Never raises (except a
    DocumentTimeout from an in-process deadline)."""
    from .extract import extract_structure
    from .ingest import read_document
    from .rules.engine import run_document_rules

    activate(getattr(options, "vocabulary", None))
    times: dict[str, float] = {}
    t = time.perf_counter()
    try:
        doc = read_document(path, rel, options.limits)
        times["ingest"] = time.perf_counter() - t
        t = time.perf_counter()
        doc = extract_structure(doc, options.type_overrides)
        times["extract"] = time.perf_counter() - t
    except DocumentTimeout:
        raise
    except Exception as exc:  # one bad document must not stop the audit
        error = read_error(rel, exc)
        return Outcome(rel, None, [], error, times, cacheable=error.code not in UNCACHED)
    t = time.perf_counter()
    try:
        findings = run_document_rules(compiled, doc, ctx)
    except DocumentTimeout:
        raise
    except MemoryError:
        return Outcome(rel, None, [], memory_error(rel), times, cacheable=False)
    except Exception as exc:  # a rule crashing on one document: report it, go on
        return Outcome(rel, None, [], DocumentError.of(rel, "DM120", "checking", exc_type=type(exc).__name__, exc=exc),
                       times)
    times["document_rules"] = time.perf_counter() - t
    if not doc.size:
        try:
            doc.size = os.path.getsize(path)
        except OSError:
            pass
    # with a rule switched off not every rule ran: not kept, the next audit runs them all again
    return Outcome(rel, doc, findings, None, times, cacheable=not ctx.disabled)


def process_one(path: Path, rel: str) -> Outcome:
    """``process_document`` with this process's compiled rules (see ``_init_worker``)."""
    return process_document(path, rel, _WORKER["rules"], _WORKER["options"], _WORKER["ctx"])


# --------------------------------------------------------------------------- rules that run out of time


class RuleGuard:
    """Counts, per rule, the documents on which it ran out of time: its own regex time limit
    (a pattern rule's rule error) or the document's deadline passing while it ran. At ``LIMIT``
    documents the rule is switched off for the rest of the audit (``disabled``) with one DM203
    error (``errors``), so that a rule timing out on every document does not cost its time limit
    on every document (210 documents: 4.3 s became 240 s)."""

    LIMIT = 3

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.counts: dict[str, int] = {}
        self.disabled: frozenset[str] = frozenset()
        self.errors: list[DocumentError] = []

    def saw(self, out: Outcome, rule_index: int = -1) -> bool:
        """Take note of one document's outcome (``rule_index``: the rule that was running when
        its deadline passed, -1: none); True when a rule was switched off just now."""
        timed_out = {f.rule for f in out.findings if f.type == RULE_ERROR}
        if 0 <= rule_index < len(self.rules):
            timed_out.add(self.rules[rule_index].id)
        switched = False
        for rule_id in sorted(timed_out - self.disabled):
            self.counts[rule_id] = n = self.counts.get(rule_id, 0) + 1
            if n >= self.LIMIT:
                self.disabled = self.disabled | {rule_id}
                rule = next(r for r in self.rules if r.id == rule_id)
                self.errors.append(rule_off_error(rule, n))
                switched = True
        return switched


# --------------------------------------------------------------------------- in-process


def _alarm(signum, frame):  # pragma: no cover - timing dependent
    raise DocumentTimeout()


def run_inline(tasks: list[tuple[Path, str]], compiled: list, options: Any,
                guard: RuleGuard | None = None) -> Iterator[Outcome]:
    """One process, one document after the other; SIGALRM enforces the timeout when we are on
    the main thread of a Unix process."""
    running = [-1]  # the per-document rule running now (its index)
    ctx = document_context(options, on_rule=lambda i: running.__setitem__(0, i))
    timeout = float(getattr(options.limits, "timeout", 0) or 0)
    use_alarm = timeout > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGALRM, _alarm) if use_alarm else None
    gc.freeze()  # what exists now (the compiled rules, the lemma table) is not walked by every collection
    try:
        for path, rel in tasks:
            running[0] = -1
            try:
                if use_alarm:
                    signal.setitimer(signal.ITIMER_REAL, timeout)
                out = process_document(path, rel, compiled, options, ctx)
            except DocumentTimeout:
                out = Outcome(rel, None, [], timeout_error(rel, timeout), {}, cacheable=False)
            finally:
                if use_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            timed_out = out.error is not None and out.error.code == "DM108"
            if guard is not None and guard.saw(out, running[0] if timed_out else -1):
                ctx.disabled = guard.disabled
            yield out
    finally:
        gc.unfreeze()
        if use_alarm:
            signal.signal(signal.SIGALRM, old)
