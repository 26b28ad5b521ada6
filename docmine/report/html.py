"""index.html: one self-contained, Dutch report a policy officer can read from a USB stick.

No external URL at all: CSS and JS are inlined from ``templates/``, the findings are embedded as
JSON in a ``<script type="application/json">`` (with ``<``, ``>`` and ``&`` escaped) and drawn by
the inline script with ``textContent`` only. Everything else (overview, duplicates side by side
with a word-level diff, level tables, the reference graph) is rendered here with ``html.escape``.

    render(result) -> b'<!doctype html><html lang="nl">...'
"""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from datetime import datetime
from html import escape
from importlib import resources
from typing import Any, BinaryIO

# Imported with this module, so in the process that starts the HTML writer's child, not in the
# child on the critical path (~12 ms).
from rapidfuzz.distance import Indel

from ..model import SEVERITY_NL, AuditResult, Clause, Document, Finding
from ._fork import Background
from .explain import explain, rule_anchor

SEVERITY_PLURAL = {"error": "fouten", "warning": "waarschuwingen", "info": "info"}
TYPE_NL = {
    "term": "verouderde term",
    "pattern": "tekstpatroon",
    "required": "ontbrekend onderdeel",
    "duplicate": "dubbel of versie",
    "levels": "niveaus",
    "reference": "verwijzing",
}
DOCTYPE_NL = {"other": "overig", "unknown": "onbekend"}
CONTEXT_CHARS = 400
MAX_MATCH_CHARS = 700
RELATED_CHARS = 240  # of a related place's excerpt (what the finding shows of it)
SAME_CONTEXT = 24  # tokens (words and spaces) kept on each side of a change in a side-by-side diff
MAX_DOC_ROWS = 500  # documents table rows in the page; the others are made by the script when asked
LIST_PAGE = 50  # duplicate groups and level families shown at first; the others on "Toon alle" or a search
MAX_DIFF_PAIRS = 300
MAX_GRAPH_NODES = 120
MEMBERS_SHOWN = 3  # documents of a duplicate group named in its (closed) summary
MANY_FAMILIES = 60  # more product families than this: only those with findings are shown at first


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


# Any character ``e`` would drop or escape: most cells have none, and one search is cheaper than
# the regex substitution plus five replaces (documents table and level tables ~2x faster).
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff&<>\"']")


def e(value: Any) -> str:
    """Escape anything for HTML text or a quoted attribute (control characters dropped)."""
    text = "" if value is None else value if type(value) is str else str(value)
    if not _NEEDS_ESCAPE.search(text):
        return text
    return escape(_CONTROL.sub("", text), quote=True)


def _template(name: str) -> str:
    return resources.files("docmine.report").joinpath("templates", name).read_text(encoding="utf-8")


def embed_json_bytes(data: Any) -> bytes:
    """``embed_json`` as UTF-8 bytes (the page takes them as they are: no decoding and encoding
    again of the biggest part of the page)."""
    from .sarif import _encode  # orjson when installed (same text), else the standard library

    # "&", "<" and ">" are ASCII, so never part of a multi-byte UTF-8 sequence
    return _encode(data).replace(b"&", b"\\u0026").replace(b"<", b"\\u003c").replace(b">", b"\\u003e")


def embed_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left."""
    return embed_json_bytes(data).decode("utf-8")


def _safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"^https?://", url, re.I) else None


# ---------------------------------------------------------------- findings data for the script

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
                    "source": _safe_url(r.source), "suggestion": r.suggestion} for r in result.rules}
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
            # the documents table's rows that are not in the page (see ``_documents_table``)
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


# ---------------------------------------------------------------- overview

def _bar_chart(rows: list[tuple[str, int, str]], label: str) -> str:
    """A small horizontal bar chart as inline SVG; rows are (label, value, css class)."""
    if not rows:
        return ""
    top = max(v for _, v, _ in rows) or 1
    h = 26
    label_w = 270
    bar_w = 320
    height = h * len(rows) + 6
    out = [f'<svg class="chart" role="img" aria-label="{e(label)}" viewBox="0 0 {label_w + bar_w + 60} {height}" '
           f'width="{label_w + bar_w + 60}" height="{height}" xmlns="http://www.w3.org/2000/svg">', f"<title>{e(label)}</title>"]
    for i, (name, value, cls) in enumerate(rows):
        y = i * h + 4
        w = max(2, round(bar_w * value / top)) if value else 0
        short = name if len(name) <= 32 else name[:31] + "…"
        out.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" class="chart-label">{e(short)}</text>')
        out.append(f'<rect x="{label_w}" y="{y}" width="{w}" height="{h - 8}" rx="3" class="bar {e(cls)}"/>')
        out.append(f'<text x="{label_w + w + 6}" y="{y + 15}" class="chart-value">{value}</text>')
    out.append("</svg>")
    return "".join(out)


def _cards(result: AuditResult) -> str:
    """The counts at the top of the findings: documents, findings per severity, unreadable."""
    counts = result.counts()
    total = len(result.findings)
    ndocs = len(result.documents) or result.stats.get("documents_read", 0)
    nerr = sum(1 for x in result.errors if not is_rule_error(x))
    nrule = len(result.errors) - nerr
    cards = [
        f'<div class="card"><span class="num" id="count-documents">{ndocs}</span><span>documenten gelezen</span></div>',
        f'<div class="card"><span class="num" id="count-total">{total}</span><span>bevindingen</span></div>',
    ]
    for s in ("error", "warning", "info"):
        cards.append(f'<a class="card sev-{s}" href="#filter?ernst={SEVERITY_NL[s]}"><span class="num" id="count-{s}">'
                     f'{counts.get(s, 0)}</span><span>{SEVERITY_PLURAL[s]}</span></a>')
    cards.append(f'<a class="card{" sev-error" if nerr else ""}" href="#niet-gelezen"><span class="num" id="count-unreadable">{nerr}</span>'
                 f'<span>niet leesbaar</span></a>')
    if result.skipped:
        cards.append(f'<a class="card" href="#overgeslagen"><span class="num" id="count-skipped">{len(result.skipped)}</span>'
                     f'<span>overgeslagen</span></a>')
    if nrule:
        cards.append(f'<a class="card sev-error" href="#controlefouten"><span class="num" id="count-rule-errors">{nrule}</span>'
                     f'<span>controlefouten</span></a>')
    return f'<div class="cards">{"".join(cards)}</div>'


def _overview(result: AuditResult) -> str:
    """Charts per severity, type and rule; the documents table below them (closed)."""
    counts = result.counts()
    total = len(result.findings)
    by_rule = Counter(f.rule for f in result.findings)
    sev_of = {f.rule: f.severity for f in result.findings}
    rule_rows = [(r, n, f"sev-{sev_of[r]}") for r, n in by_rule.most_common(10)]
    sev_rows = [(SEVERITY_PLURAL[s], counts.get(s, 0), f"sev-{s}") for s in ("error", "warning", "info")]
    by_type = Counter(f.type for f in result.findings)
    type_rows = [(TYPE_NL.get(t, t), n, "type") for t, n in by_type.most_common()]
    charts = ""
    if total:
        charts = ('<div class="charts">'
                  f'<figure><figcaption>Per ernst</figcaption>{_bar_chart(sev_rows, "Bevindingen per ernst")}</figure>'
                  f'<figure><figcaption>Per soort</figcaption>{_bar_chart(type_rows, "Bevindingen per soort")}</figure>'
                  f'<figure><figcaption>Meest gevonden controles</figcaption>{_bar_chart(rule_rows, "Bevindingen per controle, top 10")}</figure>'
                  "</div>")
    return charts


def _filter_box(target: str, label: str, placeholder: str, extra: str = "") -> str:
    """A text field that hides the rows (``data-filter-item``) of ``target`` that do not contain
    what is typed (report.js)."""
    return (f'<div class="section-filter" data-filter-target="{target}"><label for="{target}-q">{e(label)}</label> '
            f'<input id="{target}-q" type="search" placeholder="{e(placeholder)}" autocomplete="off">{extra}'
            f' <span class="muted" id="{target}-count" role="status" aria-live="polite"></span></div>')


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


def _documents_table(result: AuditResult) -> str:
    """The documents table (closed); the first ``MAX_DOC_ROWS`` rows in the page, the others made
    by the script from the embedded data when the reader asks for them or searches."""
    rows = document_rows(result)
    html_rows = []
    for path, title, kind, day, n, err, warn, info in rows[:MAX_DOC_ROWS]:
        link = (f'<a href="#bevindingen" data-filter-document="{e(path)}" class="doc-filter">{n}</a>' if n else "0")
        html_rows.append(
            f"<tr data-filter-item><th scope=\"row\" class=\"path\">{e(path)}</th><td>{e(title)}</td><td>{e(kind)}</td>"
            f"<td>{e(day)}</td><td class=\"n\">{link}</td>"
            f"<td class=\"n\">{err}</td><td class=\"n\">{warn}</td><td class=\"n\">{info}</td></tr>")
    rest = len(rows) - len(html_rows)
    more = (f'<p><button type="button" id="docs-more">Toon alle documenten (nog {rest})</button></p>' if rest > 0 else "")
    return (_filter_box("docs", "Zoek een document", "naam, titel of soort")
            + f'<details class="block" id="documenten"><summary><strong>Gelezen documenten ({len(rows)})</strong> '
            '<span class="muted">· met de meeste bevindingen bovenaan</span></summary>'
            + '<div class="table-wrap"><table class="docs" id="docs"><caption>Klik op een aantal om alleen de bevindingen '
            'van dat document te zien.</caption>'
            "<thead><tr><th scope=\"col\">Document</th><th scope=\"col\">Titel</th><th scope=\"col\">Soort</th>"
            "<th scope=\"col\">Datum</th><th scope=\"col\">Bevindingen</th><th scope=\"col\">fouten</th>"
            "<th scope=\"col\">waarsch.</th><th scope=\"col\">info</th></tr></thead>"
            f"<tbody>{''.join(html_rows)}</tbody></table></div>{more}</details>")


def is_rule_error(err: Any) -> bool:
    """A rule that failed (DM2xx, document = the rule file), not a document that could not be read."""
    return str(err.code).startswith("DM2")


def _error_items(errors: list) -> str:
    return "".join(
        f'<li><strong class="path">{e(err.document)}</strong>: {e(err.message)} <code>{e(err.code)}</code>'
        + (f'<br><span class="hint">Wat te doen: {e(err.hint)}</span>' if err.hint else "") + "</li>"
        for err in errors)


def _errors(result: AuditResult) -> str:
    unreadable = [x for x in result.errors if not is_rule_error(x)]
    if not unreadable:
        return "<p>Alle documenten konden worden gelezen.</p>"
    return (f"<p>Deze {len(unreadable)} document(en) zijn niet gecontroleerd. De reden staat erbij.</p>"
            f'<ul class="errors">{_error_items(unreadable)}</ul>')


def _skipped(result: AuditResult) -> str:
    if not result.skipped:
        return "<p>Geen bestanden overgeslagen.</p>"
    items = "".join(f'<li><strong class="path">{e(sk.path)}</strong>: {e(sk.reason)}'
                    + (f'<br><span class="hint">Wat te doen: {e(sk.hint)}</span>' if sk.hint else "") + "</li>"
                    for sk in result.skipped)
    return (f"<p>Deze {len(result.skipped)} bestanden en mappen zijn niet gelezen, omdat docmine hun formaat niet leest "
            f"of omdat ze zijn uitgesloten. De reden staat erbij.</p><ul class=\"errors skipped\">{items}</ul>")


def _rule_errors(result: AuditResult) -> str:
    errs = [x for x in result.errors if is_rule_error(x)]
    return ("<p>Deze controles konden (bij een deel van de documenten) niet worden uitgevoerd; hun bevindingen "
            "ontbreken daar. Het controlebestand en de controle staan erbij.</p>"
            f'<ul class="errors rule-errors">{_error_items(errs)}</ul>')


# ---------------------------------------------------------------- duplicates side by side

_SPACE_RUNS = re.compile(r"(\s+)")


def _tokens(text: str) -> list[str]:
    """Runs of whitespace and of other characters in turn (as ``re.findall(r"\\s+|\\S+")``, faster)."""
    parts = _SPACE_RUNS.split(text)
    if not parts[0]:
        del parts[0]
    if parts and not parts[-1]:
        parts.pop()
    return parts


def _keys(tokens: list[str]) -> list[str]:
    """The tokens to compare: every run of whitespace as one " " (``_tokens`` gives runs of
    whitespace and of other characters in turn, so every other token is whitespace)."""
    keys = tokens[:]
    if keys:
        first = 0 if not keys[0].strip() else 1
        keys[first::2] = [" "] * len(range(first, len(keys), 2))
    return keys


def _tokenized(text: str, cache: dict[str, tuple[list[str], list[str]]] | None) -> tuple[list[str], list[str]]:
    """(tokens, keys) of the escaped ``text``; ``cache`` keeps them for a text diffed again (a
    document in several version pairs: ~45% of the texts of the benchmark's pairs)."""
    got = cache.get(text) if cache is not None else None
    if got is None:
        tokens = _tokens(e(text))
        got = (tokens, _keys(tokens))
        if cache is not None:
            cache[text] = got
    return got


def word_diff(a: str, b: str, cache: dict[str, tuple[list[str], list[str]]] | None = None,
              same_context: int | None = None) -> tuple[str, str]:
    """Both texts as escaped HTML with the words only in ``a`` in ``<del>`` and only in ``b`` in ``<ins>``.
    ``same_context``: a longer unchanged stretch keeps that many tokens (words and spaces) at each
    end and says in between how many words are the same (near-copies are mostly unchanged text).

    Example: ``word_diff("de AWBZ geldt", "de Wlz geldt")`` -> ``("de <del>AWBZ</del> geldt", "de <ins>Wlz</ins> geldt")``.
    """
    # Escape the whole texts once and diff the escaped tokens: escaping is injective and adds no
    # whitespace, so the diff is the same (only control characters, dropped anyway, may re-split).
    ta, ka = _tokenized(a, cache)
    tb, kb = _tokenized(b, cache)
    # rapidfuzz's LCS opcodes (C, bit-parallel): difflib took ~0.27 s per document pair here
    # The tags go onto the first and last token of each deleted/inserted run and the equal runs
    # are left as they are, so each side is one join (~30% less than joining every run; most
    # runs of a version pair are single words). A run of two or more tokens always holds a word.
    # (A token is whitespace iff its key is " ": a comparison instead of a strip per run, 1-2 ms per 300 pairs.)
    # Two runs with only a space between them become one (a rewritten sentence is one <del>,
    # not one per word: the side-by-side of 300 version pairs ~2 MB smaller).
    left, right = ta[:], tb[:]
    last_del = last_ins = -3  # the token that ends the last marked run (none yet: no run can follow it)
    for op, i1, i2, j1, j2 in Indel.opcodes(ka, kb).as_list():
        if op == "delete":
            if i2 - i1 > 1 or ka[i1] != " ":
                if i1 == last_del + 2 and ka[i1 - 1] == " ":  # one whitespace token after the last run
                    left[last_del] = left[last_del][:-len("</del>")]
                else:
                    left[i1] = "<del>" + left[i1]
                left[i2 - 1] += "</del>"
                last_del = i2 - 1
        elif op == "insert":
            if j2 - j1 > 1 or kb[j1] != " ":
                if j1 == last_ins + 2 and kb[j1 - 1] == " ":
                    right[last_ins] = right[last_ins][:-len("</ins>")]
                else:
                    right[j1] = "<ins>" + right[j1]
                right[j2 - 1] += "</ins>"
                last_ins = j2 - 1
        elif same_context is not None:  # equal
            _collapse_same(left, ka, i1, i2, same_context)
            _collapse_same(right, kb, j1, j2, same_context)
    return "".join(left), "".join(right)


def _collapse_same(out: list[str], keys: list[str], lo: int, hi: int, keep: int) -> None:
    """Replace the middle of the unchanged tokens ``out[lo:hi]`` by one note of how many words
    it held, keeping ``keep`` tokens at each end (nothing when that would save little)."""
    head, tail = lo + keep, hi - keep
    if tail - head < 2 * keep:
        return
    words = sum(1 for k in keys[head:tail] if k != " ")
    out[head] = f'<span class="same"> [… {_plural(words, "woord", "woorden")} gelijk …] </span>'
    out[head + 1:tail] = [""] * (tail - head - 1)


def _duplicates(result: AuditResult) -> str:
    """One closed block per duplicate finding (a group: a document and its copies or versions),
    with each pair in it side by side and the differences marked."""
    dups = [f for f in result.findings if f.type == "duplicate"]
    if not dups:
        return "<p>Geen dubbele documenten of versies gevonden.</p>"
    groups = [(f, [r for r in f.related or [] if isinstance(r, dict)] or [{}]) for f in dups]
    npairs = sum(len(rels) for _, rels in groups)
    out = [f"<p>{_plural(len(groups), 'groep', 'groepen')} van documenten of onderdelen die (bijna) gelijk zijn, "
           f"{_plural(npairs, 'paar', 'paren')} in totaal. Open een groep om de teksten naast elkaar te zien: "
           "<del>doorgestreept</del> staat alleen links, <ins>onderstreept</ins> alleen rechts. Bepaal welke "
           "versie geldt en trek de andere in.</p>", _filter_box("dubbel-groepen", "Zoek een document", "naam van een document")]
    tokenized: dict[str, tuple[list[str], list[str]]] = {}
    n = 0
    items = []
    for k, (f, rels) in enumerate(groups):
        where_a = _where(f.document, f.clause)
        members = [where_a] + [_where(str(r.get("document") or "?"), str(r.get("clause") or "")) for r in rels if r]
        pairs = []
        sims = []
        for rel in rels:
            a, b = f.excerpt or "", str(rel.get("excerpt") or "")
            sim = rel.get("similarity") if isinstance(rel.get("similarity"), (int, float)) else None
            if n >= MAX_DIFF_PAIRS:
                n += 1
                continue
            left, right = word_diff(a, b, tokenized, same_context=SAME_CONTEXT)
            # word-level similarity (2*matches/total, as difflib's ratio) by rapidfuzz: difflib took 2 s for 300 pairs
            ratio = sim if sim is not None else Indel.normalized_similarity(a.split(), b.split())
            pct = round(ratio * 100) if ratio <= 1 else round(ratio)
            sims.append(pct)
            where_b = _where(str(rel.get("document") or "?"), str(rel.get("clause") or ""))
            pairs.append(
                f'<section class="dup" id="dup-{n}" aria-label="{e(where_a)} en {e(where_b)}">'
                f'<h4><span class="path">{e(where_a)}</span> ↔ <span class="path">{e(where_b)}</span> '
                f'<span class="muted">· {pct}% gelijk</span></h4><div class="side-by-side">'
                f'<section aria-label="{e(where_a)}"><h5 class="path">{e(where_a)}</h5><div class="text">{left}</div></section>'
                f'<section aria-label="{e(where_b)}"><h5 class="path">{e(where_b)}</h5><div class="text">{right}</div></section>'
                "</div></section>")
            n += 1
        span = (f"{min(sims)}%" if min(sims) == max(sims) else f"{min(sims)}–{max(sims)}%") + " gelijk" if sims else ""
        more = "" if len(pairs) == len(rels) else "<p class=muted>Niet alle paren getoond: zie de lijst met bevindingen.</p>"
        items.append(
            f'<details class="dup-group" id="dupgroep-{k}" data-filter-item{_hidden_after_page(k)}><summary><span class="badge sev-{e(f.severity)}">'
            f'{e(SEVERITY_NL.get(f.severity, f.severity))}</span> <strong>{len(members)} documenten</strong>: '
            f'{", ".join(f"<span class=path>{e(m)}</span>" for m in members[:MEMBERS_SHOWN])}'
            + (f" en nog {len(members) - MEMBERS_SHOWN}" if len(members) > MEMBERS_SHOWN else "")
            + f' <span class="muted">· {" · ".join(e(x) for x in (span, f.rule) if x)}</span></summary>'
            + (f'<p class="members">Alle {len(members)}: {", ".join(f"<span class=path>{e(m)}</span>" for m in members)}</p>'
               if len(members) > MEMBERS_SHOWN else "")
            + f'<p class="msg">{e(f.message)}</p>'
            + (f'<p class="sugg"><strong>Suggestie:</strong> {e(f.suggestion)}</p>' if f.suggestion else "")
            + "".join(pairs) + more + "</details>")
    out.append(f'<div id="dubbel-groepen" data-page="{LIST_PAGE}">{"".join(items)}</div>')
    return "".join(out)


def _hidden_after_page(k: int) -> str:
    """The k-th item of a long list is hidden at first when it is past the first page (report.js
    shows the others on "Toon alle" or a search): a page of thousands of closed blocks is long to
    lay out and to scroll through."""
    return " hidden" if k >= LIST_PAGE else ""


def _where(document: str, clause: str | None) -> str:
    return document + (f" ({clause.split('#', 1)[-1]})" if clause and "#" in clause else "")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# ---------------------------------------------------------------- level tables

_COLUMN_WORDS = {
    "doelgroep": ("doelgroep", "zelfredzaam", "zelfstandig", "diagnose", "omschrijving", "beschrijving", "onderscheid", "aard"),
    "omvang": ("omvang", "uur", "uren", "dagdel", "etmal", "intensiteit"),
    "tarief": ("tarief", "prijs", "kosten", "bedrag", "euro"),
}


# The levels sub-checks (rules/niveaus.yml `check:`) that are about the target group, and those
# that concern one level only (the other level is context, not at fault).
_CHECK_COLUMNS = {"inverted": {"doelgroep"}, "identical": {"doelgroep"}, "diagnosis": {"doelgroep"}}
_SINGLE_LEVEL_CHECKS = {"diagnosis", "mixed"}


def _columns_of(f: Finding) -> set[str]:
    text = f"{f.rule} {f.message}".lower()
    cols = {col for col, words in _COLUMN_WORDS.items() if any(w in text for w in words)}
    return cols or {"niveau"}


def _fmt_omvang(v: Any) -> str:
    if isinstance(v, list):
        parts = []
        for o in v:
            if isinstance(o, dict):
                parts.append(o.get("text") or " ".join(str(x) for x in (_num(o.get("value")), o.get("unit"),
                                                                         ("per " + o["per"]) if o.get("per") else None) if x))
            else:
                parts.append(str(o))
        return "; ".join(p for p in parts if p)
    if isinstance(v, dict):
        return v.get("text") or str(v.get("value", ""))
    return "" if v is None else str(v)


def _num(x: Any) -> str | None:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return None if x is None else str(x)


def _fmt_tarief(v: Any) -> str:
    if isinstance(v, dict):
        if v.get("text"):
            return str(v["text"])
        amount = v.get("amount")
        if isinstance(amount, (int, float)):
            return f"€ {amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") + (f" {v['unit']}" if v.get("unit") else "")
        return ""
    return "" if v is None else str(v)


def _level_families(result: AuditResult) -> dict[tuple[str, str], list[Clause]]:
    families: dict[tuple[str, str], list[Clause]] = defaultdict(list)
    for d in result.documents:
        for c in d.clauses:
            if c.kind == "niveau":
                families[(d.path, str(c.attrs.get("family") or c.parent or "?"))].append(c)
    return families


def _level_flags(result: AuditResult, level_ids: set[str]) -> dict[str, dict[str, list[Finding]]]:
    """{level clause id: {column: findings}}: a levels finding marks the cells it is about (both
    levels of a pair check); any other finding on a level only adds a note (column 'andere')."""
    flagged: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    checks = {r.id: (r.params or {}).get("check") for r in result.rules}
    for f in result.findings:
        check = checks.get(f.rule)
        ids = [f.clause]
        if check not in _SINGLE_LEVEL_CHECKS:  # a pair check marks both levels
            ids += [r.get("clause") for r in f.related or [] if isinstance(r, dict)]
        for cid in ids:
            if cid and cid in level_ids:  # only the level clauses' marks are ever read (~2x faster)
                cols = (_CHECK_COLUMNS.get(check) or _columns_of(f)) if f.type == "levels" else {"andere"}
                for col in cols:
                    flagged[cid][col].append(f)
    return flagged


def _level_row(c: Clause, marks: dict[str, list[Finding]]) -> str:
    a = c.attrs
    cells = {
        "niveau": " ".join(x for x in (str(a.get("level") or c.title or ""), f"({a['code']})" if a.get("code") else "") if x),
        "doelgroep": str(a.get("doelgroep") or ""),
        "omvang": _fmt_omvang(a.get("omvang")),
        "tarief": _fmt_tarief(a.get("tarief")),
    }
    tds: list[str] = []
    for col in ("niveau", "doelgroep", "omvang", "tarief"):
        fs = marks.get(col, [])
        note = f'<span class="flag-note">⚑ {e("; ".join(dict.fromkeys(x.message for x in fs)))}</span>' if fs else ""
        tag = "th scope=\"row\"" if col == "niveau" else "td"
        cls = ' class="flag"' if fs else ""
        tds.append(f"<{tag}{cls}>{e(cells[col]) or '<span class=muted>—</span>'}{note}</{tag.split()[0]}>")
    others = marks.get("andere", [])
    if others:
        msgs = "; ".join(dict.fromkeys(x.message for x in others))
        tds[0] = tds[0][:-5] + f'<span class="other-note">Ook: {e(msgs)}</span></th>'
    return "<tr>" + "".join(tds) + "</tr>"


def _level_block(n: int, path: str, family: str, levels: list[Clause], flagged: dict[str, dict[str, list[Finding]]]) -> str:
    """One family's table in a closed block, marked ``data-flagged`` when a cell is marked."""
    levels.sort(key=lambda c: (c.attrs.get("rank") if isinstance(c.attrs.get("rank"), int) else 99, c.start))
    has_findings = any(k != "andere" for c in levels for k in flagged.get(c.id, {}))
    rows = "".join(_level_row(c, flagged.get(c.id, {})) for c in levels)
    nfind = len({id(f) for c in levels for fl in flagged.get(c.id, {}).values() for f in fl})
    badge = f' <span class="badge sev-warning">{_plural(nfind, "bevinding", "bevindingen")}</span>' if nfind else ""
    flag = " data-flagged" if has_findings else ""
    return (f'<details class="levels" id="niveaus-{n}" data-filter-item{flag}{_hidden_after_page(n)}><summary><strong>{e(family)}</strong> '
            f'<span class="muted">· {len(levels)} niveaus · <span class="path">{e(path)}</span></span>{badge}</summary>'
            f'<div class="table-wrap"><table class="level-table"><caption>Niveaus van {e(family)}</caption>'
            "<thead><tr><th scope=\"col\">Niveau</th><th scope=\"col\">Doelgroep</th><th scope=\"col\">Omvang</th>"
            f"<th scope=\"col\">Tarief</th></tr></thead><tbody>{rows}</tbody></table></div></details>")


def _levels(result: AuditResult) -> str:
    """Each product family's levels in a table (closed; the families with findings first)."""
    families = _level_families(result)
    if not families:
        return "<p>Geen productniveaus gevonden (die staan in arrangementsbeschrijvingen / productenboeken).</p>"
    flagged = _level_flags(result, {c.id for levels in families.values() for c in levels})
    ordered = sorted(families.items(), key=lambda kv: (-sum(1 for c in kv[1] for k in flagged.get(c.id, {}) if k != "andere"), kv[0]))
    # Hundreds of families: only those with findings are in the page (the level tables of a few
    # thousand documents were ~1 MB of the page, and nobody reads them all here)
    def has_findings(levels: list[Clause]) -> bool:
        return any(k != "andere" for c in levels for k in flagged.get(c.id, {}))

    only_flagged = len(ordered) > MANY_FAMILIES and any(has_findings(levels) for _, levels in ordered)
    shown = [kv for kv in ordered if has_findings(kv[1])] if only_flagged else ordered
    blocks = "".join(_level_block(n, path, family, levels, flagged) for n, ((path, family), levels) in enumerate(shown))
    checkbox = ("" if only_flagged else
                ' <label class="inline"><input type="checkbox" id="niveau-families-flagged"> alleen met bevindingen</label>')
    return ("<p>Per productfamilie de niveaus onder elkaar, van laag naar hoog. Een hoger niveau hoort bij cliënten die "
            "<em>minder</em> zelfredzaam zijn, met <em>meer</em> omvang en een <em>hoger</em> tarief. "
            'Cellen met een <mark class="flag">markering</mark> horen bij een bevinding. De families met bevindingen '
            "staan bovenaan; open een familie om haar niveaus te zien.</p>"
            + _filter_box("niveau-families", "Zoek een productfamilie", "familie of document", checkbox)
            + (f'<p class="muted">{len(shown)} van de {len(ordered)} productfamilies staan hier: die met bevindingen. '
               "De niveaus van alle families staan in findings.json.</p>" if only_flagged else "")
            + f'<div id="niveau-families" data-page="{LIST_PAGE}">{blocks}</div>')


# ---------------------------------------------------------------- reference graph

_LAW_KINDS = ("wet", "law", "richtlijn", "guideline")
_GRAPH_WIDTH, _GRAPH_ROW = 900, 24
MAX_EDGE_ROWS = 400


def _node_kind(n: dict) -> str:
    return str(n.get("kind") or n.get("type") or n.get("group") or "document")


def _node_label(n: dict) -> str:
    return str(n.get("label") or n.get("name") or n.get("title") or n["id"])


def _graph_layout(shown: list[dict]) -> tuple[dict[str, tuple[float, float]], float, set[str]]:
    """Two columns: documents on the left, laws and guidelines on the right. Returns each node's
    position, the height and the ids in the right column."""
    docs = [n for n in shown if _node_kind(n) not in _LAW_KINDS]
    others = [n for n in shown if _node_kind(n) in _LAW_KINDS]
    height = max(len(docs), len(others), 1) * _GRAPH_ROW + 30
    pos: dict[str, tuple[float, float]] = {}
    for col, xs in ((docs, 300), (others, _GRAPH_WIDTH - 300)):
        off = (height - len(col) * _GRAPH_ROW) / 2
        for i, n in enumerate(sorted(col, key=lambda n: _node_label(n).lower())):
            pos[str(n["id"])] = (xs, off + i * _GRAPH_ROW + _GRAPH_ROW / 2)
    return pos, height, {str(n["id"]) for n in others}


def _edge_is_bad(x: dict, target: dict) -> bool:
    return bool(x.get("broken") or x.get("repealed") or x.get("severity") in ("error", "warning")
                or (x.get("relation", "verwijst") == "verwijst" and (target.get("repealed") or target.get("broken"))))


def _edge_path(p1: tuple[float, float], p2: tuple[float, float]) -> str:
    """Arrows go left to right; a reference between documents bends out to the right of their column."""
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2:
        bend = min(180, 30 + abs(y2 - y1) / 3)
        return f"M {x1 + 8:.1f} {y1:.1f} C {x1 + bend:.1f} {y1:.1f}, {x2 + bend:.1f} {y2:.1f}, {x2 + 9:.1f} {y2:.1f}"
    cx = _GRAPH_WIDTH / 2
    return f"M {x1 + 8:.1f} {y1:.1f} C {cx:.1f} {y1:.1f}, {cx:.1f} {y2:.1f}, {x2 - 9:.1f} {y2:.1f}"


def _node_svg(n: dict, xy: tuple[float, float], law: bool) -> str:
    x, y = xy
    lab = _node_label(n)
    short = lab if len(lab) <= 40 else lab[:39] + "…"
    right = x >= _GRAPH_WIDTH / 2
    cls = ("law" if law else "doc") + (" bad" if n.get("repealed") or n.get("broken") else "")
    node = (f'<g class="node {cls}"><title>{e(lab)} ({e(_node_kind(n))})</title><circle cx="{x:.1f}" cy="{y:.1f}" r="7"/>'
            f'<text x="{x + (12 if right else -12):.1f}" y="{y + 4:.1f}" text-anchor="{"start" if right else "end"}">{e(short)}</text></g>')
    url = _safe_url(n.get("url"))  # a law: its text on wetten.overheid.nl
    return f'<a href="{e(url)}" rel="noopener noreferrer">{node}</a>' if url else node


def _edge_list(rows: list[str], nedges: int) -> str:
    if not rows:
        return ""
    shown_rows = "" if len(rows) == nedges else f" (de eerste {len(rows)})"
    return (_filter_box("verwijzingen-lijst", "Zoek een verwijzing", "document of wet, bijv. AWBZ")
            + '<details class="block edge-list" id="verwijzingen-lijst-blok"><summary><strong>Alle verwijzingen als lijst'
            f' ({nedges}){shown_rows}</strong></summary>'
            + '<div class="table-wrap"><table id="verwijzingen-lijst"><thead><tr><th scope="col">Van</th><th scope="col">Soort</th>'
            f'<th scope="col">Naar</th><th scope="col"></th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></details>')


def _graph(result: AuditResult) -> str:
    """The references between documents and laws as a drawing (closed) and as a list (closed,
    with a search field)."""
    g = result.graph or {}
    nodes = [n for n in g.get("nodes", []) if isinstance(n, dict) and "id" in n]
    edges = [x for x in (g.get("links") or g.get("edges") or []) if isinstance(x, dict)]
    if not nodes:
        return "<p>Geen verwijzingen tussen documenten gevonden.</p>"
    degree = Counter()
    for x in edges:
        degree[str(x.get("source"))] += 1
        degree[str(x.get("target"))] += 1
    shown = sorted(nodes, key=lambda n: (-degree[str(n["id"])], str(n["id"])))[:MAX_GRAPH_NODES]
    pos, height, laws = _graph_layout(shown)
    svg = [f'<svg class="graph" role="img" aria-labelledby="graph-title" viewBox="0 0 {_GRAPH_WIDTH} {height:.0f}" width="{_GRAPH_WIDTH}" '
           f'height="{height:.0f}" xmlns="http://www.w3.org/2000/svg"><title id="graph-title">Verwijzingen tussen documenten en wetten</title>'
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
           '<path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker></defs>']
    by_id = {str(n["id"]): n for n in nodes}
    rows = []
    nbad = 0
    for x in edges:
        s, t = str(x.get("source")), str(x.get("target"))
        bad = _edge_is_bad(x, by_id.get(t, {}))
        nbad += bad
        what = str(x.get("relation") or x.get("kind") or x.get("type") or x.get("label") or "")
        if len(rows) < MAX_EDGE_ROWS:
            url = _safe_url(by_id.get(t, {}).get("url"))  # a law: its text on wetten.overheid.nl
            to = f'<a href="{e(url)}" rel="noopener noreferrer">{e(t)}</a>' if url else e(t)
            rows.append(f'<tr data-filter-item{" class=bad" if bad else ""}><td class="path">{e(s)}</td><td>{e(what)}</td><td class="path">{to}</td>'
                        f'<td>{"let op" if bad else ""}</td></tr>')
        if s in pos and t in pos and s != t:
            svg.append(f'<path d="{_edge_path(pos[s], pos[t])}" class="edge{" bad" if bad else ""}" marker-end="url(#arrow)">'
                       f'<title>{e(s)} → {e(t)}</title></path>')
    svg.extend(_node_svg(n, pos[str(n["id"])], str(n["id"]) in laws) for n in shown)
    svg.append("</svg>")
    note = (f"<p class=muted>Alleen de {MAX_GRAPH_NODES} meest verbonden van {len(nodes)} knopen getekend.</p>"
            if len(nodes) > MAX_GRAPH_NODES else "")
    legend = ('<p class="legend"><span class="dot doc"></span> document <span class="dot law"></span> wet of richtlijn '
              '<span class="line bad"></span> verwijzing met een probleem (vervallen wet, artikel bestaat niet)</p>')
    return (f'<details class="block" id="graaf"><summary><strong>Graaf van {len(nodes)} documenten, wetten en richtlijnen, '
            f'{len(edges)} verwijzingen</strong>' + (f' <span class="badge sev-warning">{nbad} met een probleem</span>' if nbad else "")
            + f'</summary>{legend}<div class="graph-wrap">{"".join(svg)}</div>{note}</details>{_edge_list(rows, len(edges))}')


# ---------------------------------------------------------------- rules explained

def _rules_section(result: AuditResult) -> str:
    """Every rule of the audit explained (as ``docmine rules explain ID``), one closed block per
    rule with the anchor SARIF's ``helpUri`` points at; the rules with findings first."""
    if not result.rules:
        return "<p>Geen controles.</p>"
    per_rule = Counter(f.rule for f in result.findings)
    rules = sorted(result.rules, key=lambda r: (-per_rule[r.id], r.id))
    items = []
    for r in rules:
        n = per_rule[r.id]
        badge = f'<span class="badge sev-{e(r.severity)}">{e(SEVERITY_NL.get(r.severity, r.severity))}</span>'
        count = f'<span class="muted">· {n} bevinding{"en" if n != 1 else ""}</span>'
        items.append(f'<details class="rule-doc" id="{e(rule_anchor(r.id))}"><summary>{badge} <code>{e(r.id)}</code> '
                     f'{e(r.short_description())} {count}</summary><pre class="explain">{e(explain(r))}</pre></details>')
    return ("<p>Wat elke controle zoekt, waarom, en wat u kunt doen. Dezelfde tekst geeft "
            "<code>docmine rules explain ID</code>.</p>" + "".join(items))


# ---------------------------------------------------------------- page

_PLACEHOLDER = re.compile(r"(<!--@[a-z]+-->)")


def write(result: AuditResult, fh: BinaryIO, split: bool = False, index: str | None = None) -> None:
    """Write index.html into the binary file ``fh``; ``split``: the duplicates section (the word
    diffs, ~40% of the page's time) is made in a forked child meanwhile. (The levels and
    references sections went there too at first: that child then took ~30% longer than the rest.)
    ``index``: the page is one folder's part of a larger report, whose index is at this relative
    address (``byfolder``); the intro links back to it."""
    dups = Background(lambda: _section(*_duplicates_title(result), _duplicates(result)).encode("utf-8"), fork=split)
    try:
        _write_page(result, fh, dups, index)
    finally:
        dups.close()


def _section(sid: str, title: str, content: str) -> str:
    return f'<section id="{sid}" aria-labelledby="{sid}-h"><h2 id="{sid}-h">{e(title)}</h2>{content}</section>'


def _duplicates_title(result: AuditResult) -> tuple[str, str]:
    return "dubbel", f"Dubbele documenten en versies ({_plural(sum(1 for f in result.findings if f.type == 'duplicate'), 'groep', 'groepen')})"


def _write_page(result: AuditResult, fh: BinaryIO, dups: Background, index: str | None = None) -> None:
    from pathlib import PurePath

    root_name = PurePath(result.root).name if result.root else ""
    now = result.stats.get("generated") or datetime.now().strftime("%d-%m-%Y %H:%M")
    data = embed_json_bytes(findings_data(result))
    first = [
        ("bevindingen", "Bevindingen", _cards(result) + _template("findings.html")),
    ]
    n_rule_errors = sum(1 for x in result.errors if is_rule_error(x))
    last = [
        ("overzicht", "Overzicht", _overview(result) + _documents_table(result)),
        ("niveaus", "Niveaus per product", _levels(result)),
        ("verwijzingen", "Verwijzingen tussen documenten", _graph(result)),
        ("niet-gelezen", f"Niet gelezen ({sum(1 for x in result.errors if not is_rule_error(x))})", _errors(result)),
        ("overgeslagen", f"Overgeslagen ({len(result.skipped)})", _skipped(result)),
        ("controles", f"Controles ({len(result.rules)})", _rules_section(result)),
    ]
    if n_rule_errors:
        last.append(("controlefouten", f"Controlefouten ({n_rule_errors})", _rule_errors(result)))
    titles = [(sid, title) for sid, title, _ in first] + [_duplicates_title(result)] + [(sid, title) for sid, title, _ in last]
    nav = "".join(f'<li><a href="#{sid}">{e(title)}</a></li>' for sid, title in titles)
    # the duplicates section (bytes, from the child) is asked for last, when all else is made
    body = ("".join(_section(*s) for s in first).encode("utf-8") + dups.result()
            + "".join(_section(*s) for s in last).encode("utf-8"))
    back = (f'<a href="{e(index)}" class="back">← Alle mappen</a> · Dit rapport is één map van een grotere audit. '
            if index else "")
    intro = (back + f"docmine las {len(result.documents) or result.stats.get('documents_read', 0)} documenten"
             + (f" uit de map <strong>{e(root_name)}</strong>" if root_name else "")
             + f" op {e(now)} en vond {len(result.findings)} bevindingen. "
             "<strong>Fouten</strong> zijn onjuist en moeten worden aangepast; <strong>waarschuwingen</strong> zijn "
             "waarschijnlijk een probleem, beoordeel ze; <strong>info</strong> is ter kennisname (bijvoorbeeld een term "
             "die klopte toen het document werd geschreven). Begin bij de fouten.")
    replacements: dict[str, str | bytes] = {
        "<!--@css-->": _template("report.css"),
        "<!--@js-->": _template("report.js"),
        "<!--@title-->": e(f"docmine-rapport{' – ' + root_name if root_name else ''}"),
        "<!--@intro-->": intro,
        "<!--@nav-->": nav,
        "<!--@body-->": body,
        "<!--@data-->": data,
        "<!--@version-->": e(result.version),
    }
    # The template's pieces and the filled-in parts are written one by one (as one re.sub over the
    # template would give them: inserted text is not searched again), the data as the bytes orjson made.
    for n, part in enumerate(_PLACEHOLDER.split(_template("report.html"))):
        value = replacements.get(part, part) if n % 2 else part
        fh.write(value if isinstance(value, bytes) else value.encode("utf-8"))


def render(result: AuditResult) -> bytes:
    """The bytes of index.html."""
    buf = io.BytesIO()
    write(result, buf)
    return buf.getvalue()
