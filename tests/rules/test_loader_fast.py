"""The loader's start-up shortcuts: ``_plainly_valid`` never accepts what ``RuleCommon`` refuses
(random rules, valid and broken), the shipped packs pass it (their models are never built), and
the command runs without pydantic plugins; yamlpos builds a text scalar as the safe constructor does."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import date, datetime

import pytest
from pydantic import ValidationError

from docmine.model import DOCUMENT_TYPES
from docmine.rules.loader import COMMON_KEYS, RuleCommon, _plainly_valid, rule_files
import yaml

from docmine.rules.yamlpos import _Scalar, _scalar, load_with_marks

TEXTS = ["x", "", "awbz-vervallen", "Awbz", "a\n", "a.b_c-1", "-a", "historisch", "histories", "citaat",
         "Wlz-indicatie", "error", "warning", "info", "fout", "Wmo", "Jeugdwet", "wmo", "beschikking",
         "verordening", "memo", "indicatiewijzer", "citat", "*.txt"]
ODD = [None, 1, 0, -1, True, 2.5, date(2015, 1, 1), datetime(2015, 1, 1, 12, 0), b"x", ("a",), {"a": 1}]


def _value(rng: random.Random, depth: int = 0):
    r = rng.random()
    if r < 0.45:
        return rng.choice(TEXTS)
    if r < 0.6:
        return rng.choice(ODD)
    if r < 0.8 or depth > 2:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(3))]
    return _mapping(rng, depth + 1)


KEYS = list(COMMON_KEYS) + ["types", "laws", "paths", "match", "no_match", "text", "file", "type", "law", "date",
                             "metadata", "documents", "count", "title", "path", 7]


def _mapping(rng: random.Random, depth: int) -> dict:
    return {rng.choice(KEYS): _value(rng, depth) for _ in range(rng.randrange(4))}


def _pick(rng: random.Random, good: list, bad: list):
    """Mostly a valid value, so that whole rules come out valid often enough."""
    return rng.choice(good) if good and (rng.random() < 0.85 or not bad) else rng.choice(bad)


def _doc(rng: random.Random, depth: int = 0):
    if rng.random() < 0.3:
        return _pick(rng, TEXTS, [None, 3, ["x"]])
    d = {}
    for key, good, bad in (("text", TEXTS, [5, None]), ("file", ["a.txt"], [1]), ("type", list(DOCUMENT_TYPES) + [None], ["memo", 1]),
                           ("law", ["Wmo", "Wlz", None], ["wmo"]), ("date", [date(2020, 1, 1), None], [datetime(2020, 1, 1, 9, 0), "2020-01-01", 1]),
                           ("count", [0, 2, None], [-1, True, "1", 1.5]), ("metadata", [{"a": 1}, {}, None], [{1: "a"}, []]),
                           ("title", TEXTS, [5]), ("path", ["x/y.txt"], [[]]), ("bogus", [], [1])):
        if rng.random() < 0.3:
            d[key] = _pick(rng, good, bad)
    if depth < 2 and rng.random() < 0.2:
        d["documents"] = _pick(rng, [[_doc(rng, depth + 1) for _ in range(rng.randrange(3))]], ["x", None])
    return d


def _rule(rng: random.Random) -> dict:
    rule = {"id": _pick(rng, ["a-b", "x.y_z", "9a"], ["A", "a\n", 3, "", "-a", "a b"]),
            "type": _pick(rng, ["term", "x"], [1, None]),
            "severity": _pick(rng, ["error", "info", "warning"], ["fout", None, "Error"]),
            "message": _pick(rng, ["M", " m "], ["", None, ["M"], 1])}
    if rng.random() < 0.05:
        del rule[rng.choice(list(rule))]
    optional = {
        "suggestion": lambda: _pick(rng, ["s", None], [1, []]),
        "source": lambda: _pick(rng, ["https://x", None], [[], 2]),
        "repealed": lambda: _pick(rng, [date(2015, 1, 1), None], [datetime(2015, 1, 1, 12, 30), "2015-01-01", 2015]),
        "unless": lambda: _pick(rng, [[], [rng.choice(TEXTS)], [rng.choice(TEXTS), "historisch"]], [None, "historisch", [1]]),
        "scope": lambda: _pick(rng, [None, {}, {"types": [rng.choice(DOCUMENT_TYPES)]}, {"laws": ["Wmo", "Wlz"], "paths": ["*.txt"]},
                                     {"types": None}], [[], {"types": ["memo"]}, {"laws": ["wmo"]}, {"paths": [1]}, {"typo": ["x"]},
                                                        {"types": "beschikking"}, {1: []}]),
        "examples": lambda: _pick(rng, [None, {}, {"match": [_doc(rng) for _ in range(2)]}, {"no_match": [_doc(rng)], "match": []}],
                                  [[], {"match": None}, {"match": "x"}, {"matsh": []}]),
    }
    for key, make in optional.items():
        if rng.random() < 0.5:
            rule[key] = make()
    return rule


def _pydantic_accepts(common: dict) -> bool:
    try:
        RuleCommon.model_validate(common)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("seed", range(4))
def test_plainly_valid_never_accepts_what_the_model_refuses(seed):
    rng = random.Random(seed)
    accepted = refused = 0
    for i in range(1500):
        common = _rule(rng) if i % 3 else {k: v for k, v in _mapping(rng, 0).items() if k in COMMON_KEYS}
        if _plainly_valid(common):
            accepted += 1
            assert _pydantic_accepts(common), common
        else:
            refused += 1
    assert accepted > 50 and refused > 50  # both ways exercised


def test_shipped_rules_are_plainly_valid():
    n = 0
    for path in rule_files((), default=True):
        data, _, problems = load_with_marks(path.read_text(encoding="utf-8"), str(path))
        assert not problems
        for item in data["rules"]:
            common = {k: v for k, v in item.items() if k in COMMON_KEYS}
            assert _plainly_valid(common), item["id"]
            n += 1
    assert n > 20


def test_audit_start_builds_no_loader_model_and_loads_no_plugins():
    code = ("import sys, docmine.cli\n"
            "docmine.cli.command_setup()\n"
            "from docmine.rules import loader\n"
            "loader.load_rules([], default=True)\n"
            "from pydantic.plugin._loader import get_plugins\n"
            "assert tuple(get_plugins()) == ()\n"
            "assert 'importlib.metadata' not in sys.modules, 'pydantic plugins scanned'\n"
            "assert not loader.RuleCommon.__pydantic_complete__, 'RuleCommon built'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


SCALARS = ["tekst", "'0012'", '"a: b"', "12", "-3", "0x1F", "1.5", ".inf", "true", "no", "yes", "null", "~", "2015-01-01",
           "2015-13-01", "2001-12-14t21:59:43.10-05:00", "!!str 12", "!!int '7'", "'é ü'", '"\\t"', "Wmo 2015", "a #b", "''",
           "|\n    regel\n    twee", ">-\n    gevouwen\n    tekst", "[a, 1, null]", "{x: 1}", "!!binary aGFsbG8=", "!!float 1"]


def _scalar_nodes(node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for n in node.value:
            yield from _scalar_nodes(n)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from _scalar_nodes(k)
            yield from _scalar_nodes(v)


def test_scalar_is_what_the_safe_constructor_makes():
    rng = random.Random(5)
    for _ in range(300):
        lines = [f"{rng.choice(['a', '1', 'true', 'd-e', '2015-01-01'])}{i}: {rng.choice(SCALARS)}" for i in range(4)]
        text = "\n".join(lines) + "\n"
        for loader_cls in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            for node in _scalar_nodes(yaml.compose(text, Loader=loader_cls)):
                try:
                    old = _Scalar().construct_object(node, deep=True)
                except Exception:
                    old = node.value
                assert _scalar(node) == old and type(_scalar(node)) is type(old), (text, node)
