"""Run compiled rules: per document (in the workers) and over the whole corpus (once)."""

from __future__ import annotations

from typing import Iterable

from ..model import Document, Finding, Rule
from . import registry
from .base import Context, RuleType


def compile_rules(rules: Iterable[Rule]) -> list[RuleType]:
    """Instantiate each rule's type (validating its params); a rule's own set-up happens once."""
    return [registry.get(r.type)(r) for r in rules]


def run_document_rules(compiled: list[RuleType], doc: Document, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for rt in compiled:
        if rt.level == "document":
            if rt.applies_to(doc):
                out.extend(rt.check_document(doc, ctx))
        elif rt.applies_to(doc):
            # per-document part of a corpus rule, here in the workers instead of in the serial
            # corpus stage (duplicates: 1.4 -> 0.x s of the corpus stage on 1,433 text files)
            try:
                rt.prepare(doc)
            except Exception as exc:  # the corpus stage computes what is missing: same findings
                from ..pipeline import DocumentTimeout

                if isinstance(exc, DocumentTimeout):  # the document's deadline still applies
                    raise
    return out


def run_corpus_rules(compiled: list[RuleType], docs: list[Document], ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for rt in compiled:
        if rt.level == "corpus":
            out.extend(rt.check_corpus([d for d in docs if rt.applies_to(d)], ctx))
    return out
