"""The section "Dubbele documenten en versies": one closed block per group of (nearly) equal
documents or clauses, each pair in it side by side with the differences marked."""

from __future__ import annotations

from rapidfuzz.distance import Indel

from ...model import SEVERITY_NL, AuditResult, Finding
from .diff import word_diff
from .markup import LIST_PAGE, e, filter_box, hidden_after_page, plural

MAX_DIFF_PAIRS = 300  # pairs drawn side by side in the page (their ids: dup-0 ... dup-299)
MEMBERS_SHOWN = 3  # documents of a duplicate group named in its (closed) summary
SAME_CONTEXT = 24  # tokens (words and spaces) kept on each side of a change in a side-by-side diff


def duplicates(result: AuditResult) -> str:
    """One closed block per duplicate finding (a group: a document and its copies or versions),
    with each pair in it side by side and the differences marked."""
    dups = [f for f in result.findings if f.type == "duplicate"]
    if not dups:
        return "<p>Geen dubbele documenten of versies gevonden.</p>"
    groups = [(f, [r for r in f.related or [] if isinstance(r, dict)] or [{}]) for f in dups]
    tokenized: dict[str, tuple[list[str], list[str]]] = {}
    n = 0  # the page's pair number (``dup-N``, as ``findings_data`` counts them)
    items = []
    for k, (f, rels) in enumerate(groups):
        pairs, sims, n = _pairs(f, rels, n, tokenized)
        items.append(_group(k, f, rels, pairs, sims))
    return (_intro(groups) + filter_box("dubbel-groepen", "Zoek een document", "naam van een document")
            + f'<div id="dubbel-groepen" data-page="{LIST_PAGE}">{"".join(items)}</div>')


def _intro(groups: list[tuple[Finding, list[dict]]]) -> str:
    npairs = sum(len(rels) for _, rels in groups)
    return (f"<p>{plural(len(groups), 'groep', 'groepen')} van documenten of onderdelen die (bijna) gelijk zijn, "
            f"{plural(npairs, 'paar', 'paren')} in totaal. Open een groep om de teksten naast elkaar te zien: "
            "<del>doorgestreept</del> staat alleen links, <ins>onderstreept</ins> alleen rechts. Bepaal welke "
            "versie geldt en trek de andere in.</p>")


def _pairs(f: Finding, rels: list[dict], n: int,
           tokenized: dict[str, tuple[list[str], list[str]]]) -> tuple[list[str], list[int], int]:
    """A group's pairs side by side (only while the page has fewer than ``MAX_DIFF_PAIRS``), their
    similarities in percent, and the pair number after them (every pair counts, drawn or not)."""
    pairs: list[str] = []
    sims: list[int] = []
    for rel in rels:
        if n >= MAX_DIFF_PAIRS:
            n += 1
            continue
        a, b = f.excerpt or "", str(rel.get("excerpt") or "")
        pct = _similarity(a, b, rel.get("similarity"))
        sims.append(pct)
        pairs.append(_pair(n, _where(f.document, f.clause), _where_related(rel), pct,
                           *word_diff(a, b, tokenized, same_context=SAME_CONTEXT)))
        n += 1
    return pairs, sims, n


def _similarity(a: str, b: str, given: object) -> int:
    """The pair's similarity in percent: the rule's own figure, else word-level (2*matches/total,
    as difflib's ratio) by rapidfuzz (difflib took 2 s for 300 pairs)."""
    ratio = given if isinstance(given, (int, float)) else Indel.normalized_similarity(a.split(), b.split())
    return round(ratio * 100) if ratio <= 1 else round(ratio)


def _pair(n: int, where_a: str, where_b: str, pct: int, left: str, right: str) -> str:
    return (f'<section class="dup" id="dup-{n}" aria-label="{e(where_a)} en {e(where_b)}">'
            f'<h4><span class="path">{e(where_a)}</span> ↔ <span class="path">{e(where_b)}</span> '
            f'<span class="muted">· {pct}% gelijk</span></h4><div class="side-by-side">'
            f'<section aria-label="{e(where_a)}"><h5 class="path">{e(where_a)}</h5><div class="text">{left}</div></section>'
            f'<section aria-label="{e(where_b)}"><h5 class="path">{e(where_b)}</h5><div class="text">{right}</div></section>'
            "</div></section>")


def _group(k: int, f: Finding, rels: list[dict], pairs: list[str], sims: list[int]) -> str:
    """The group's closed block: its members and similarity in the summary, then its pairs."""
    members = [_where(f.document, f.clause)] + [_where_related(r) for r in rels if r]
    span = (f"{min(sims)}%" if min(sims) == max(sims) else f"{min(sims)}–{max(sims)}%") + " gelijk" if sims else ""
    more = "" if len(pairs) == len(rels) else "<p class=muted>Niet alle paren getoond: zie de lijst met bevindingen.</p>"
    return (f'<details class="dup-group" id="dupgroep-{k}" data-filter-item{hidden_after_page(k)}><summary><span class="badge sev-{e(f.severity)}">'
            f'{e(SEVERITY_NL.get(f.severity, f.severity))}</span> <strong>{len(members)} documenten</strong>: '
            f'{", ".join(f"<span class=path>{e(m)}</span>" for m in members[:MEMBERS_SHOWN])}'
            + (f" en nog {len(members) - MEMBERS_SHOWN}" if len(members) > MEMBERS_SHOWN else "")
            + f' <span class="muted">· {" · ".join(e(x) for x in (span, f.rule) if x)}</span></summary>'
            + (f'<p class="members">Alle {len(members)}: {", ".join(f"<span class=path>{e(m)}</span>" for m in members)}</p>'
               if len(members) > MEMBERS_SHOWN else "")
            + f'<p class="msg">{e(f.message)}</p>'
            + (f'<p class="sugg"><strong>Suggestie:</strong> {e(f.suggestion)}</p>' if f.suggestion else "")
            + "".join(pairs) + more + "</details>")


def _where(document: str, clause: str | None) -> str:
    return document + (f" ({clause.split('#', 1)[-1]})" if clause and "#" in clause else "")


def _where_related(rel: dict) -> str:
    return _where(str(rel.get("document") or "?"), str(rel.get("clause") or ""))


def duplicates_title(result: AuditResult) -> tuple[str, str]:
    return "dubbel", f"Dubbele documenten en versies ({plural(sum(1 for f in result.findings if f.type == 'duplicate'), 'groep', 'groepen')})"
