"""Benchmark of the corpus-rule stage alone (documents from the cache), with the LSH candidate pairs.

    python benchmarks/gen_corpus.py /tmp/c2k --docs 2000
    python benchmarks/corpus_stage.py /tmp/c2k --cache /tmp/c2k-cache          # fills the cache once
    python benchmarks/corpus_stage.py /tmp/c2k --cache /tmp/c2k-cache --repeat 3 --json out.json

Runs with whichever docmine the interpreter imports (so the same script measures another tree:
``/other/venv/bin/python benchmarks/corpus_stage.py ...`` with its own ``--cache`` folder, since
the cache is keyed by docmine's source). The documents come from a full audit with the cache (the
first time that reads every file); then the corpus rules run ``--repeat`` times on them, each
time with the shared duplicate results forgotten. Prints the stage's CPU seconds (best of the
repeats, ``time.process_time``), each corpus rule's CPU, the candidate pairs of the document LSH
(pairs left after the MinHash estimate, i.e. the ones that rapidfuzz may confirm) and the number
of findings per corpus rule, and the CPU of the reference graph made after them.
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

from docmine.api import Options, audit
from docmine.graph import build_graph
from docmine.rules.base import Context
from docmine.rules.engine import compile_rules, run_corpus_rules
from docmine.rules.loader import load_packs
from docmine.rules import corpus as corpus_data, shingles
from docmine.vocabulary import activate


def _counting_candidates(counts: list[int]):
    """Wrap ``Matcher._candidates`` so each call's number of pairs is recorded."""
    original = shingles.Matcher._candidates

    def counted(self, *args, **kwargs):
        pairs = original(self, *args, **kwargs)
        counts.append(len(pairs))
        return pairs

    return original, counted


def measure(corpus: Path, cache: Path, repeat: int) -> dict:
    t0 = time.perf_counter()
    result = audit([str(corpus)], Options(cache_dir=cache))
    load = time.perf_counter() - t0
    docs = result.documents
    rules, vocabulary = load_packs()
    activate(vocabulary)
    compiled = [rt for rt in compile_rules(rules) if rt.level == "corpus"]
    best: dict | None = None
    for _ in range(repeat):
        every: list = []  # this run's corpus findings (each run finds the same), for the graph
        corpus_data.clear_memo()
        counts: list[int] = []
        original, counted = _counting_candidates(counts)
        shingles.Matcher._candidates = counted
        per_rule: dict[str, float] = {}
        findings: collections.Counter = collections.Counter()
        try:
            c0 = time.process_time()
            for rt in compiled:
                r0 = time.process_time()
                found = run_corpus_rules([rt], docs, Context())
                per_rule[rt.rule.id] = time.process_time() - r0
                findings[rt.rule.id] += len(found)
                every.extend(found)
            cpu = time.process_time() - c0
        finally:
            shingles.Matcher._candidates = original
        run = {"cpu_seconds": cpu, "per_rule": per_rule, "candidate_pairs": counts, "findings": dict(findings)}
        if best is None or cpu < best["cpu_seconds"]:
            best = run
    assert best is not None
    g0 = time.process_time()  # the reference graph, made from the documents and the corpus findings
    build_graph(docs, every)
    return {"documents": len(docs), "load_seconds": load, "graph_cpu_seconds": time.process_time() - g0, **best}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--cache", type=Path, required=True, help="cache folder (one per docmine tree)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    res = measure(args.corpus, args.cache, args.repeat)
    print(f"{res['documents']} documents (loaded in {res['load_seconds']:.1f} s)")
    print(f"corpus rules CPU (best of {args.repeat}): {res['cpu_seconds']:.2f} s")
    for rid, s in sorted(res["per_rule"].items(), key=lambda kv: -kv[1]):
        print(f"  {rid:40s} {s:7.2f} s  {res['findings'].get(rid, 0):6d} findings")
    print(f"graph CPU: {res['graph_cpu_seconds']:.2f} s")
    print(f"LSH candidate pairs per matcher call: {res['candidate_pairs']}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
