"""The counts at the top of the findings, the charts of the overview and the documents table."""

from __future__ import annotations

from collections import Counter

from ...model import SEVERITY_NL, AuditResult
from .data import MAX_DOC_ROWS, document_rows
from .markup import SEVERITY_PLURAL, TYPE_NL, e, filter_box
from .problems import is_rule_error


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


def count_cards(result: AuditResult) -> str:
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


def overview(result: AuditResult) -> str:
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


def documents_table(result: AuditResult) -> str:
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
    return (filter_box("docs", "Zoek een document", "naam, titel of soort")
            + f'<details class="block" id="documenten"><summary><strong>Gelezen documenten ({len(rows)})</strong> '
            '<span class="muted">· met de meeste bevindingen bovenaan</span></summary>'
            + '<div class="table-wrap"><table class="docs" id="docs"><caption>Klik op een aantal om alleen de bevindingen '
            'van dat document te zien.</caption>'
            "<thead><tr><th scope=\"col\">Document</th><th scope=\"col\">Titel</th><th scope=\"col\">Soort</th>"
            "<th scope=\"col\">Datum</th><th scope=\"col\">Bevindingen</th><th scope=\"col\">fouten</th>"
            "<th scope=\"col\">waarsch.</th><th scope=\"col\">info</th></tr></thead>"
            f"<tbody>{''.join(html_rows)}</tbody></table></div>{more}</details>")
