"""The section "Niveaus per product": each product family's levels in a table, the cells a
finding is about marked."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ...model import AuditResult, Clause, Finding
from .markup import LIST_PAGE, e, filter_box, hidden_after_page, plural

MANY_FAMILIES = 60  # more product families than this: only those with findings are shown at first

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
    badge = f' <span class="badge sev-warning">{plural(nfind, "bevinding", "bevindingen")}</span>' if nfind else ""
    flag = " data-flagged" if has_findings else ""
    return (f'<details class="levels" id="niveaus-{n}" data-filter-item{flag}{hidden_after_page(n)}><summary><strong>{e(family)}</strong> '
            f'<span class="muted">· {len(levels)} niveaus · <span class="path">{e(path)}</span></span>{badge}</summary>'
            f'<div class="table-wrap"><table class="level-table"><caption>Niveaus van {e(family)}</caption>'
            "<thead><tr><th scope=\"col\">Niveau</th><th scope=\"col\">Doelgroep</th><th scope=\"col\">Omvang</th>"
            f"<th scope=\"col\">Tarief</th></tr></thead><tbody>{rows}</tbody></table></div></details>")


def level_tables(result: AuditResult) -> str:
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
            + filter_box("niveau-families", "Zoek een productfamilie", "familie of document", checkbox)
            + (f'<p class="muted">{len(shown)} van de {len(ordered)} productfamilies staan hier: die met bevindingen. '
               "De niveaus van alle families staan in findings.json.</p>" if only_flagged else "")
            + f'<div id="niveau-families" data-page="{LIST_PAGE}">{blocks}</div>')
