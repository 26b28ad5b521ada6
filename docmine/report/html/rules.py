"""The section "Controles": every rule of the audit explained."""

from __future__ import annotations

from collections import Counter

from ...model import SEVERITY_NL, AuditResult
from ..explain import explain, rule_anchor
from .markup import e


def rules_section(result: AuditResult) -> str:
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
