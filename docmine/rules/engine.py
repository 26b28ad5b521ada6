"""Run compiled rules: per document (in the workers) and over the whole corpus (once)."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterable, Iterator

from ..model import Document, Finding, Rule
from . import registry
from .base import Context, RuleType, corpus_stage


def compile_rules(rules: Iterable[Rule]) -> list[RuleType]:
    """Instantiate each rule's type (validating its params); a rule's own set-up happens once."""
    return [registry.get(r.type)(r) for r in rules]


def run_document_rules(compiled: list[RuleType], doc: Document, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    corpus_rules = []
    for rt in compiled:
        if rt.level == "document":
            if rt.applies_to(doc):
                out.extend(rt.check_document(doc, ctx))
        elif rt.applies_to(doc):
            corpus_rules.append(rt)
    for rt in corpus_rules:  # after the document rules: they may leave work to share (normalised text)
        # per-document part of a corpus rule, here in the workers instead of in the serial
        # corpus stage (1,433 text files: corpus rules 1.7 -> 0.35 s CPU)
        try:
            rt.prepare(doc)
        except Exception as exc:  # the corpus stage computes what is missing: same findings
            from ..pipeline import DocumentTimeout

            if isinstance(exc, DocumentTimeout):  # the document's deadline still applies
                raise
    return out


@contextmanager
def cyclic_gc_off() -> Iterator[None]:
    """The cyclic garbage collector off for a while (restored after). The corpus stage runs
    beside every Document of the audit: each full collection walks all their objects, and the
    stage's own garbage is acyclic (freed as usual). 1,433 text files: corpus rules 0.40 ->
    0.31 s CPU, the graph 0.18 -> 0.04 s."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def run_corpus_rules(compiled: list[RuleType], docs: list[Document], ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    with cyclic_gc_off(), corpus_stage():
        for rt in compiled:
            if rt.level == "corpus":
                out.extend(rt.check_corpus([d for d in docs if rt.applies_to(d)], ctx))
    return out
