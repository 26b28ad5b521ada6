"""The data the page's script draws the findings list from (embedded as JSON): each finding with
its excerpt in context and the title of its clause, the rules, the documents table's rows."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ...model import SEVERITY_NL, AuditResult, Clause, Document, Finding
from .duplicates import MAX_DIFF_PAIRS
from .markup import TYPE_NL, safe_url

DOCTYPE_NL = {"other": "overig", "unknown": "onbekend"}
CONTEXT_CHARS = 400
MAX_MATCH_CHARS = 700
RELATED_CHARS = 240  # of a related place's excerpt (what the finding shows of it)
MAX_DOC_ROWS = 500  # documents table rows in the page; the others are made by the script when asked


def _context(f: Finding, doc: Document | None, clause: Clause | None) -> list[str]:
    """[before, match, after] around the finding, inside its clause, for the highlighted excerpt."""
    if doc is None or f.start is None or f.end is None or not (0 <= f.start <= f.end <= len(doc.text)):
        return ["", f.excerpt, ""]
    lo, hi = (clause.start, clause.end) if clause and clause.start <= f.start and f.end <= clause.end else (0, len(doc.text))
    b0 = max(lo, f.start - CONTEXT_CHARS)
    a1 = min(hi, f.end + CONTEXT_CHARS)
    before = doc.text[b0:f.start]
    after = doc.text[f.end:a1]
    match = doc.text[f.start:f.end] or f.excerpt
    if len(match) > MAX_MATCH_CHARS:  # a whole document or section: its start, unmarked, is enough here
        return [match[:MAX_MATCH_CHARS], "", "…"]
    return [("…" if b0 > lo else "") + before, match, after + ("…" if a1 < hi else "")]


class _Texts:
    """Strings that many findings repeat (messages, document paths, clause ids and titles), each
    listed once in the data: a finding holds its index (12,000 findings: ~2.5 MB less to load)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str | None) -> int | None:
        if text is None:
            return None
        return self.index.setdefault(text, len(self.index))

    def listed(self) -> list[str]:
        return list(self.index)


def findings_data(result: AuditResult) -> dict[str, Any]:
    """What the inline script needs: findings with context, rules, documents.

    What every finding of a rule shares (type, severity, source, usual suggestion) is said once,
    in ``rules``, and a finding carries it only when it differs; repeated strings are listed once
    in ``texts`` (a finding's message, document, clause and clauseTitle are indexes into it);
    empty fields are left out. report.js puts the findings back together."""
    docs = {d.path: d for d in result.documents}
    rules = {r.id: {"type": r.type, "severity": r.severity, "message": r.message,
                    "source": safe_url(r.source), "suggestion": r.suggestion} for r in result.rules}
    texts = _Texts()
    pair_of: dict[int, int] = {}
    n = 0
    for i, f in enumerate(result.findings):
        if f.type == "duplicate":
            pair_of[i] = n
            n += max(1, sum(1 for r in f.related or [] if isinstance(r, dict)))
    places = _Places(docs)
    items = []
    for i, f in enumerate(result.findings):
        doc, clause, title = places.of(f)
        item: dict[str, Any] = {"i": i, "rule": f.rule, "message": texts(f.message), "document": texts(f.document),
                                "ctx": _context(f, doc, clause)}
        rule = rules.get(f.rule) or {}
        for key, value in (("type", f.type), ("severity", f.severity), ("suggestion", f.suggestion)):
            if value != rule.get(key):
                item[key] = value
        optional = {
            "clause": texts(f.clause), "clauseTitle": texts(title), "page": f.page, "line": f.line, "column": f.column,
            "ocr": f.ocr_confidence if f.ocr else None,
            "related": [{"document": r.get("document"), "clause": r.get("clause"),
                         "excerpt": (r.get("excerpt") or "")[:RELATED_CHARS]}
                        for r in (f.related or []) if isinstance(r, dict)],
            "pair": f"dup-{pair_of[i]}" if i in pair_of and pair_of[i] < MAX_DIFF_PAIRS else None,
        }
        item.update((k, v) for k, v in optional.items() if v is not None and v != [])
        items.append(item)
    return {"findings": items, "texts": texts.listed(), "rules": rules,
            "types": TYPE_NL, "severities": SEVERITY_NL,
            "documents": sorted({f.document for f in result.findings} | set(docs)),
            # the documents table's rows that are not in the page (see ``documents_table``)
            "moreDocuments": document_rows(result)[MAX_DOC_ROWS:]}


class _Places:
    """A finding's document, clause and clause title. Clause ids are "<document path>#...", so a
    finding's clause and its parents are looked up in its own document: an index per document,
    built only for documents with findings, and each clause's title worked out once (findings
    data of 2,000 documents ~2x faster than one index of every clause and a title per finding)."""

    def __init__(self, docs: dict[str, Document]) -> None:
        self.docs = docs
        self.doc_clauses: dict[int, dict[str, Clause]] = {}
        self.titles: dict[int, str | None] = {}

    def of(self, f: Finding) -> tuple[Document | None, Clause | None, str | None]:
        doc = self.docs.get(f.document)
        if doc is None:
            return None, None, None
        clauses = self.doc_clauses.get(id(doc))
        if clauses is None:
            clauses = self.doc_clauses[id(doc)] = {c.id: c for c in doc.clauses}
        clause = clauses.get(f.clause) if f.clause else None
        if clause is None and f.start is not None:
            clause = doc.clause_at(f.start)
        if clause is None:
            return doc, None, None
        if id(clause) not in self.titles:
            label = _clause_path(clause, clauses)
            self.titles[id(clause)] = " ".join(label.split()) if label else None
        return doc, clause, self.titles[id(clause)]


def _clause_path(c: Clause, clauses: dict[str, Clause]) -> str:
    """'Artikel 4 lid 2 onderdeel a' for an onderdeel; the plain label for anything else."""
    parts = [_clause_label(c)]
    seen = {c.id}
    while c.kind in ("lid", "onderdeel") and c.parent in clauses and c.parent not in seen:
        c = clauses[c.parent]
        seen.add(c.id)
        parts.append(_clause_label(c) if c.kind in ("lid", "onderdeel") else f"{_clause_label(c).split(' ')[0]} {c.number or ''}".strip())
    return " ".join(reversed(parts))


_KIND_LABEL = {"artikel": "Artikel", "lid": "lid", "onderdeel": "onderdeel", "hoofdstuk": "Hoofdstuk",
               "paragraaf": "Paragraaf", "bijlage": "Bijlage", "definitie": "Begrip", "niveau": "Niveau",
               "product": "Product", "sectie": "Onderdeel", "stap": "Stap"}


def _clause_label(c: Clause) -> str:
    kind = _KIND_LABEL.get(c.kind, c.kind)
    parts = [kind]
    if c.number:
        parts.append(str(c.number))
    if c.title:
        parts.append(str(c.title))
    elif c.kind == "niveau" and c.attrs.get("family"):
        parts = ["Niveau", f"{c.attrs.get('family')} {c.attrs.get('level', '')}".strip()]
    elif c.kind == "definitie" and c.attrs.get("term"):
        parts.append(str(c.attrs["term"]))
    return " ".join(parts)


def document_rows(result: AuditResult) -> list[tuple[str, str, str, str, int, int, int, int]]:
    """The documents table's rows, the documents with the most findings first: (path, title,
    type, date, findings, errors, warnings, info)."""
    per_doc: dict[str, Counter] = defaultdict(Counter)
    for f in result.findings:
        per_doc[f.document][f.severity] += 1
    rows = []
    for d in result.documents:
        c = per_doc[d.path]
        rows.append((d.path, d.title or "", DOCTYPE_NL.get(d.type, d.type), d.date.isoformat() if d.date else "",
                     sum(c.values()), c.get("error", 0), c.get("warning", 0), c.get("info", 0)))
    rows.sort(key=lambda r: (-r[4], r[0]))
    return rows
