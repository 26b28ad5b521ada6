"""Helpers for rule tests: build a rule from YAML text and run it on a text."""

from __future__ import annotations

import pytest

from docmine.rules import registry
from docmine.rules.loader import load_rules


@pytest.fixture
def make_rule(tmp_path):
    """``make_rule(yaml_text)`` -> the compiled rule of a one-rule pack."""
    counter = {"n": 0}

    def make(text: str):
        counter["n"] += 1
        f = tmp_path / f"regel{counter['n']}.yml"
        f.write_text(text, encoding="utf-8")
        [rule] = load_rules([f], default=False)
        return registry.get(rule.type)(rule)

    return make
