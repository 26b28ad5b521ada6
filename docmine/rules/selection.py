"""Which rules run, and at what severity: ``--select`` / ``--ignore`` and the severity overrides
of a settings file (``docmine.toml``).

    >>> rules = select_rules(load_rules(), select=["term", "verwijzing-*"], ignore=["indiceren"],
    ...                      severity={"gebruikelijke-zorg": "info"})

A selector is a rule id (``awbz-vervallen``), a rule type (``term``) or a glob over the ids
(``niveaus-*``). A selector that matches no rule is an error (a typo would otherwise silently
switch nothing off).
"""

from __future__ import annotations

import dataclasses
import difflib
import fnmatch
from typing import Iterable, Mapping

from ..errors import UsageError
from ..model import SEVERITIES, Rule

# Severity names a settings file may use, English as in the rule files or Dutch as in the report.
SEVERITY_WORDS = {"error": "error", "fout": "error", "warning": "warning", "waarschuwing": "warning", "info": "info"}


def matches(rule: Rule, selector: str) -> bool:
    """``selector`` (an id, a type or a glob over ids) names ``rule``."""
    return selector in (rule.id, rule.type) or fnmatch.fnmatchcase(rule.id, selector)


def _check(rules: list[Rule], selectors: Iterable[str], option: str) -> None:
    known = [r.id for r in rules] + sorted({r.type for r in rules})
    for sel in selectors:
        if not any(matches(r, sel) for r in rules):
            close = difflib.get_close_matches(sel, known, n=3, cutoff=0.6)
            raise UsageError.of("DM300", "no_selected_rule_close" if close else "no_selected_rule", option=option,
                                selector=sel, close=", ".join(close))


def select_rules(rules: list[Rule], select: Iterable[str] = (), ignore: Iterable[str] = (),
                 severity: Mapping[str, str] | None = None) -> list[Rule]:
    """The rules named by ``select`` (all when empty) minus those named by ``ignore``, each
    with the severity ``severity`` gives it (by id, type or glob; the most specific wins: an id
    over a glob over a type). The rules themselves are not changed (copies)."""
    select, ignore = list(select), list(ignore)
    _check(rules, select, "--select")
    _check(rules, ignore, "--ignore")
    _check(rules, (severity or {}).keys(), "severity")
    out = [r for r in rules if (not select or any(matches(r, s) for s in select))
           and not any(matches(r, s) for s in ignore)]
    if not severity:
        return out
    levels = {}
    for key, value in severity.items():
        level = SEVERITY_WORDS.get(str(value).strip().lower())
        if level not in SEVERITIES:
            raise UsageError.of("DM300", "severity", key=key, value=value)
        levels[key] = level
    return [dataclasses.replace(r, severity=_override(r, levels)) for r in out]


def _override(rule: Rule, levels: Mapping[str, str]) -> str:
    if rule.id in levels:
        return levels[rule.id]
    globs = [k for k in levels if k not in (rule.id, rule.type) and fnmatch.fnmatchcase(rule.id, k)]
    if globs:
        return levels[max(globs, key=len)]
    return levels.get(rule.type, rule.severity)
