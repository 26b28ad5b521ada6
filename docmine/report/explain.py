"""``docmine rules explain ID``: one rule (a "controle") in plain Dutch (why, what instead, basis,
scope, examples). The HTML report shows the same text per rule (anchor ``rule_anchor(id)``),
where SARIF's ``helpUri`` points.

    >>> print(explain(rule))
    awbz-vervallen (term, error)
    ...
"""

from __future__ import annotations

import re

from ..model import SEVERITY_NL, Rule

_OTHER_SCHEME = re.compile(r"^(?!https?:)[a-z][a-z0-9+.-]*:", re.I)



def rule_anchor(rule_id: str) -> str:
    """The id of a rule's explanation in index.html: ``controle-awbz-vervallen``."""
    return "controle-" + rule_id


def _example_text(ex) -> str:
    if isinstance(ex, str):
        return ex
    if isinstance(ex, dict):
        if ex.get("documents"):
            return f"({len(ex['documents'])} documenten)"
        bits = [ex.get("text") or ex.get("file") or ""]
        extra = ", ".join(f"{k}: {ex[k]}" for k in ("type", "law", "date") if ex.get(k))
        return " ".join(bits[0].split()) + (f"  [{extra}]" if extra else "")
    return str(ex)


def explain(rule: Rule) -> str:
    """A readable explanation of ``rule``."""
    lines = [f"{rule.id}  ({rule.type}, {SEVERITY_NL.get(rule.severity, rule.severity)})", ""]
    if rule.title:
        lines.append(f"Kort:            {rule.title}")
    lines.append(f"Wat is er mis:   {rule.message}")
    if rule.suggestion:
        lines.append(f"Wat te doen:     {rule.suggestion}")
    if rule.source and not _OTHER_SCHEME.match(rule.source):  # a web address or plain text, never javascript: etc.
        lines.append(f"Grondslag:       {rule.source}")
    p = rule.params or {}
    if p.get("terms"):
        terms = [t if isinstance(t, str) else t.get("term", "") for t in p["terms"]]
        lines.append(f"Termen:          {', '.join(terms)} (ook vervoegingen, samenstellingen en OCR-varianten)")
    if p.get("pattern") or p.get("patterns"):
        lines.append(f"Patroon:         {p.get('pattern') or ' | '.join(p['patterns'])}")
    if p.get("elements"):
        lines.append("Verplichte onderdelen:")
        lines.extend(f"  - {e.get('label', e.get('element'))}" + (" (als de verordening het noemt)" if e.get("optional") else "")
                     for e in p["elements"])
    scope = rule.scope or {}
    where = []
    if scope.get("types"):
        where.append("documenttypen " + ", ".join(scope["types"]))
    if scope.get("laws"):
        where.append("wet " + ", ".join(scope["laws"]))
    if scope.get("paths"):
        where.append("paden " + ", ".join(scope["paths"]))
    if p.get("except_laws"):
        where.append("niet in de context van " + ", ".join(p["except_laws"]))
    lines.append(f"Geldt voor:      {'; '.join(where) if where else 'alle documenten'}")
    if rule.unless:
        lines.append(f"Niet bij:        {', '.join(rule.unless)}")
    if p.get("repealed"):
        lines.append(f"Vervallen op:    {p['repealed']} (oudere documenten krijgen een melding 'verouderd')")
    for kind, label in (("match", "Wordt gevonden"), ("no_match", "Wordt niet gevonden")):
        exs = (rule.examples or {}).get(kind) or []
        if exs:
            lines.append(f"{label}:")
            lines.extend(f"  - {_example_text(e)}" for e in exs)
    if rule.file:
        lines.append("")
        lines.append(f"Bron van de controle: {rule.file}:{rule.line}")
    return "\n".join(lines)
