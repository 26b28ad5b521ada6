"""The command runs without pydantic plugins; yamlpos builds a text scalar as the safe constructor does."""

from __future__ import annotations

import random
import subprocess
import sys

import yaml

from docmine.rules.yamlpos import _Scalar, _scalar


def test_audit_start_loads_no_pydantic_plugins():
    """The command switches pydantic's plugin scan off with pydantic's own variable."""
    code = ("import sys, docmine.cli\n"
            "docmine.cli.command_setup()\n"
            "from docmine.rules import loader\n"
            "loader.load_rules([], default=True)\n"
            "from pydantic.plugin._loader import get_plugins, _plugins\n"
            "assert tuple(get_plugins()) == () and _plugins is None, 'pydantic plugins scanned'\n")
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
