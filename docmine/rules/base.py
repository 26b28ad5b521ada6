"""What every rule type shares: the ``RuleType`` interface, the run context and ``make_finding``."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, ClassVar, Iterable, Iterator, Sequence

from pydantic import BaseModel, ConfigDict

from ..model import Clause, Document, Finding, Rule

EXCERPT_MAX = 4000


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


@dataclass
class Context:
    """What a rule may need besides the document: today's date, the whole rule set, options."""

    today: date = field(default_factory=date.today)
    options: dict[str, Any] = field(default_factory=dict)


class RuleType:
    """Base class of a rule type.

    ``level = "document"`` types implement ``check_document`` and run in the worker processes,
    one document at a time. ``level = "corpus"`` types implement ``check_corpus`` and run once on
    all documents after the per-document stage.
    """

    name: ClassVar[str] = ""
    level: ClassVar[str] = "document"
    Params: ClassVar[type[BaseModel]] = NoParams

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.params = self.Params.model_validate(rule.params)

    def applies_to(self, doc: Document) -> bool:
        """The rule's ``scope`` (document ``types``, ``laws``, ``paths`` globs) admits ``doc``."""
        scope = self.rule.scope or {}
        types = scope.get("types")
        if types and doc.type not in types:
            return False
        laws = scope.get("laws")
        if laws and doc.law not in laws:
            return False
        paths = scope.get("paths")
        if paths:
            from fnmatch import fnmatch

            if not any(fnmatch(doc.path, g) for g in paths):
                return False
        return True

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        return ()

    def check_corpus(self, docs: list[Document], ctx: Context) -> Iterable[Finding]:
        return ()

    def prepare(self, doc: Document) -> None:
        """Corpus-level types: the part of ``check_corpus`` that depends on one document only,
        done in the workers (``engine.run_document_rules``) so the serial corpus stage has less
        to do. Store small, picklable results with ``store_prepared``; ``check_corpus`` must
        give the same findings when they are missing (a document from an older cache entry,
        or built by hand). Default: nothing."""

    def run_example(self, example: Any, ctx: Context, base_dir: str | None = None) -> list[Finding]:
        """Run this rule on one YAML example. A string is one document's text; a mapping may
        give ``text``/``type``/``law``/``date``/``path``, a ``file`` (relative to the rule
        file), or ``documents: [...]`` for corpus rules. See ``docmine.rules.testing``."""
        from .testing import documents_from_example

        docs = documents_from_example(example, base_dir)
        if self.level == "corpus":
            return list(self.check_corpus(docs, ctx))
        return [f for d in docs if self.applies_to(d) for f in self.check_document(d, ctx)]


PREPARED_ATTR = "_prepared"  # not a dataclass field: not in findings.json, but pickled along


def store_prepared(doc: Document, name: str, record: dict[str, Any]) -> None:
    """Keep ``record`` (small, picklable) on ``doc`` for the corpus stage, with the text length
    it was made from."""
    record["n"] = len(doc.text)
    doc.__dict__.setdefault(PREPARED_ATTR, {})[name] = record


def prepared(doc: Document, name: str) -> dict[str, Any] | None:
    """What ``store_prepared`` kept under ``name``; None when nothing was kept or the text has
    changed since."""
    record = doc.__dict__.get(PREPARED_ATTR, {}).get(name)
    if record is None or record.get("n") != len(doc.text):
        return None
    return record


_STAGE: dict[tuple, tuple[list[Document], Any]] | None = None


@contextmanager
def corpus_stage() -> Iterator[None]:
    """The corpus rules of one ``engine.run_corpus_rules`` run: ``per_stage`` values are kept
    until it ends (the documents do not change in between)."""
    global _STAGE
    outer = _STAGE
    if outer is None:
        _STAGE = {}
    try:
        yield
    finally:
        _STAGE = outer


def per_stage(name: str, docs: Sequence[Document], compute: Callable[[], Any]) -> Any:
    """``compute()`` (about exactly these documents) once per corpus stage and list of document
    objects; outside a stage every time. The documents are held until the stage ends, so their
    ids stay theirs."""
    if _STAGE is None:
        return compute()
    key = (name, tuple(map(id, docs)))
    hit = _STAGE.get(key)
    if hit is None:
        hit = _STAGE[key] = (list(docs), compute())
    return hit[1]


def make_finding(
    rule: Rule,
    doc: Document,
    start: int,
    end: int,
    *,
    clause: Clause | None = None,
    message: str | None = None,
    suggestion: str | None = None,
    severity: str | None = None,
    related: list[dict[str, Any]] | None = None,
    excerpt: str | None = None,
) -> Finding:
    """A Finding for ``doc.text[start:end]`` with page, line, clause and fingerprint filled in."""
    if clause is None:
        clause = doc.clause_at(start)
    line, column = doc.source_map.position(start)
    end_line, end_column = doc.source_map.end_position(start, end)
    f = Finding(
        rule=rule.id,
        type=rule.type,
        severity=severity or rule.severity,
        message=message or rule.message,
        suggestion=suggestion if suggestion is not None else rule.suggestion,
        document=doc.path,
        clause=clause.id if clause else None,
        page=doc.page_of(start),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        excerpt=(excerpt if excerpt is not None else doc.text[start:end])[:EXCERPT_MAX],
        related=related or [],
    )
    if "ocr" in doc.metadata:  # a scanned page: the finding says so, with the page's OCR confidence
        f.ocr_confidence = doc.ocr_confidence(f.page)
        f.ocr = f.ocr_confidence is not None
    f.fingerprint = f.compute_fingerprint()
    return f
