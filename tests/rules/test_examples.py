"""Every shipped rule's examples are tests: one test id per example (``awbz-vervallen/match/0``)."""

from __future__ import annotations

import pytest

from docmine.rules.loader import load_rules
from docmine.rules.testing import example_cases, example_lines, run_example

SHIPPED = load_rules()
CASES = example_cases(SHIPPED)
_COMPILED: dict = {}


@pytest.mark.parametrize("rule,kind,index,example", CASES, ids=[f"{r.id}/{k}/{i}" for r, k, i, _ in CASES])
def test_examples_shipped_rule_example(rule, kind, index, example):
    from docmine.rules import registry

    compiled = _COMPILED.setdefault(rule.id, registry.get(rule.type)(rule))
    result = run_example(rule, kind, index, example, compiled, line=example_lines(rule).get((kind, index)))
    assert result.passed, result.describe()


@pytest.mark.parametrize("rule", SHIPPED, ids=[r.id for r in SHIPPED])
def test_examples_every_shipped_rule_has_both_kinds(rule):
    assert rule.examples.get("match"), f"{rule.file}:{rule.line}: regel {rule.id} heeft geen examples.match"
    assert rule.examples.get("no_match"), f"{rule.file}:{rule.line}: regel {rule.id} heeft geen examples.no_match"


def test_examples_terms_pack_covers_domain_table():
    ids = {r.id for r in SHIPPED if r.file and r.file.endswith("verouderde-termen.yml")}
    assert {"awbz-vervallen", "compensatieplicht", "indiceren", "gebruikelijke-zorg", "individuele-voorziening-wmo",
            "wmo-2007", "wet-op-de-jeugdzorg", "wwb-participatiewet", "wij-vervallen", "bopz-vervallen",
            "ciz-indicatiewijzer", "huishoudelijke-verzorging"} <= ids
    for r in SHIPPED:
        if r.id in ids:
            assert r.suggestion and r.source and r.source.startswith("https://wetten.overheid.nl/BWBR")
