"""Run the stages over a list of files: per-document work in parallel, corpus rules once."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from . import __version__
from .model import AuditResult, Document, DocumentError, Finding, Rule
from .rules.base import Context

# Worker-process state: the compiled rules, built once per process.
_WORKER: dict[str, Any] = {}


def _init_worker(rules: list[Rule], options: Any) -> None:
    from .rules.engine import compile_rules

    _WORKER["rules"] = compile_rules(rules)
    _WORKER["options"] = options
    _WORKER["ctx"] = Context()


def process_one(path: Path, rel: str) -> tuple[Document | None, list[Finding], DocumentError | None, dict[str, float]]:
    """Ingest, extract and run the per-document rules on one file. Never raises."""
    from .api import read_error
    from .extract import extract_structure
    from .ingest import read_document
    from .rules.engine import run_document_rules

    options = _WORKER["options"]
    times: dict[str, float] = {}
    t = time.perf_counter()
    try:
        doc = read_document(path, rel, options.limits)
        times["ingest"] = time.perf_counter() - t
        t = time.perf_counter()
        doc = extract_structure(doc, options.type_overrides)
        times["extract"] = time.perf_counter() - t
    except Exception as exc:  # one bad document must not stop the audit
        return None, [], read_error(rel, exc), times
    t = time.perf_counter()
    findings = run_document_rules(_WORKER["rules"], doc, _WORKER["ctx"])
    times["document_rules"] = time.perf_counter() - t
    return doc, findings, None, times


def _process_many(batch: list[tuple[Path, str]]) -> list[tuple]:
    return [process_one(p, r) for p, r in batch]


def run_audit(files: list[tuple[Path, str]], root: Path, rules: list[Rule], options: Any) -> AuditResult:
    from .rules.engine import compile_rules, run_corpus_rules

    result = AuditResult(version=__version__, root=str(root), rules=rules)
    stage = {"ingest": 0.0, "extract": 0.0, "document_rules": 0.0}
    jobs = options.jobs or os.cpu_count() or 1
    outcomes: list[tuple] = []
    t_docs = time.perf_counter()
    done = 0
    if jobs <= 1 or len(files) < 4:
        _init_worker(rules, options)
        for p, r in files:
            outcomes.append(process_one(p, r))
            done += 1
            if options.progress:
                options.progress(done, len(files), r)
    else:
        batches = [files[i:i + 8] for i in range(0, len(files), 8)]
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rules, options)) as pool:
            for out in pool.map(_process_many, batches):
                outcomes.extend(out)
                done += len(out)
                if options.progress:
                    options.progress(done, len(files), out[-1][2].document if out[-1][2] else out[-1][0].path)
    for doc, findings, err, times in outcomes:
        for k, v in times.items():
            stage[k] = stage.get(k, 0.0) + v
        if err is not None:
            result.errors.append(err)
            continue
        result.documents.append(doc)
        result.findings.extend(findings)
    result.stats["documents_wall_seconds"] = time.perf_counter() - t_docs
    t = time.perf_counter()
    compiled = compile_rules(rules)
    result.findings.extend(run_corpus_rules(compiled, result.documents, Context()))
    stage["corpus_rules"] = time.perf_counter() - t
    try:
        from .graph import build_graph

        result.graph = build_graph(result.documents, result.findings)
    except ImportError:
        result.graph = {}
    result.findings.sort(key=Finding.sort_key)
    result.stats["stages"] = stage
    return result
