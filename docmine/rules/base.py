"""What every rule type shares: the ``RuleType`` interface, the run context and ``make_finding``."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, ClassVar, Iterable, Iterator, Sequence, Sized

from pydantic import BaseModel, ConfigDict

from ..model import Clause, Document, Finding, Rule

EXCERPT_MAX = 4000
EXAMINE_PER_FINDING = 100  # candidate places a rule examines per finding it may show (see Context.enough)
EXAMINE_MIN = 10_000


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


@dataclass
class Context:
    """What a rule may need besides the document: today's date, options, and how the per-document
    rules are run: at most ``max_findings`` findings per rule per document (0: all; see
    ``cap_findings``), the rules switched off for the rest of the audit (``disabled``), and
    ``on_rule``, told the index of each per-document rule as it starts (-1 when they are done)."""

    today: date = field(default_factory=date.today)
    options: dict[str, Any] = field(default_factory=dict)
    max_findings: int = 0
    disabled: frozenset[str] = frozenset()
    on_rule: Callable[[int], None] | None = None
    # rule id -> places past ``max_findings`` that the rule counted without examining them one
    # by one (a rule may stop early and say so here; ``cap_findings`` adds them to its summary)
    unexamined: dict[str, int] = field(default_factory=dict)
    # what the rules compute once per document and share (``for_document``): the document and its values
    _document: Document | None = field(default=None, repr=False, compare=False)
    _values: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def for_document(self, doc: Document, name: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per document for every rule that asks ``name`` of it (the term
        pack's matches, the families of its levels), kept until the rules move on to another
        document (``forget_document``, or a call about another one)."""
        if self._document is not doc:
            self._document, self._values = doc, {}
        if name not in self._values:
            self._values[name] = compute()
        return self._values[name]

    def forget_document(self) -> None:
        """Drop what ``for_document`` kept (the engine, when a document's rules are done)."""
        self._document, self._values = None, {}

    def examine(self, rule_id: str, candidates: Sequence[Any], found: Sized) -> Iterator[Any]:
        """The ``candidates`` (places in text order) a rule examines one by one, while its
        ``found`` findings are no more than it may show and at most ``EXAMINE_PER_FINDING``
        times that many have been examined (a document with millions of candidates stays
        linear). The places left are counted for the summary ("en nog ten hoogste N", see
        ``cap_findings``)."""
        if not self.max_findings:
            yield from candidates
            return
        most = max(EXAMINE_MIN, EXAMINE_PER_FINDING * self.max_findings)
        for k, candidate in enumerate(candidates):
            if len(found) > self.max_findings or k >= most:
                self.unexamined[rule_id] = self.unexamined.get(rule_id, 0) + len(candidates) - k
                return
            yield candidate


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


def cap_findings(rule: Rule, doc: Document, findings: Iterable[Finding], limit: int, unexamined: int = 0) -> list[Finding]:
    """At most ``limit`` findings of ``rule`` in ``doc`` (the first in the text), and in place
    of the others one summary finding "en nog N" (at the first one left out). ``unexamined``:
    further places the rule counted without examining them (``Context.enough``; the summary
    then says "ten hoogste"). Rule errors (``type`` regelfout) are always kept. ``limit`` 0: all.

    >>> len(cap_findings(rule, doc, two_hundred_findings, 100))  # doctest: +SKIP
    101
    """
    found = list(findings)
    own = [f for f in found if f.type == rule.type]
    if not limit or (len(own) <= limit and not unexamined):
        return found
    others = [f for f in found if f.type != rule.type]  # rule errors
    own.sort(key=lambda f: f.start if f.start is not None else -1)
    more = len(own) - limit if len(own) > limit else 0
    at = own[limit].start or 0 if more else 0
    if unexamined:
        places = f"ten hoogste {more + unexamined} andere plaatsen (niet elk afzonderlijk beoordeeld)"
    else:
        places = f"{more} andere {'plaats' if more == 1 else 'plaatsen'}"
    summary = make_finding(
        rule, doc, at, at, clause=doc.clause_at(at) if more else None, excerpt="",
        severity=own[limit].severity if more else rule.severity,
        message=f"... en nog {places} in dit document voor controle '{rule.id}'; "
                f"alleen de eerste {min(limit, len(own))} staan in het rapport.",
        suggestion=f"Los eerst de getoonde op, of toon meer met --max-findings (nu {limit}; 0 toont alles).")
    return others + own[:limit] + [summary]


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
