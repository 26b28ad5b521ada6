"""Property-based tests (hypothesis): arbitrary input never crashes the rule loader, the reference
parser or the text reader; it either works or raises docmine's own error."""

from __future__ import annotations

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docmine.errors import DocmineError, RuleFileError

# YAML-ish text: keys, list markers, quotes, tabs, anchors and the words the loader knows.
YAML_ALPHABET = string.ascii_letters + string.digits + " :-_[]{}\"'\n\t#&*!|>.,?%@`"
RULE_WORDS = ["rules:", "- id:", "type:", "term", "pattern", "levels", "severity:", "error", "message:",
              "terms:", "regex:", "examples:", "match:", "no_match:", "repealed:", "2015-01-01", "scope:",
              "types:", "unless:", "  ", "\n", "- ", "[", "]", "(", "*", "+", "{1,3}", "\\"]

yaml_text = st.one_of(
    st.text(alphabet=YAML_ALPHABET, max_size=300),
    st.lists(st.sampled_from(RULE_WORDS), max_size=60).map("".join),
)

json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


def _load(tmp_path_factory, text: str):
    from docmine.rules.loader import load_rules

    d = tmp_path_factory.mktemp("pack")
    (d / "regels.yml").write_text(text, encoding="utf-8")
    try:
        return load_rules([d], default=False)
    except RuleFileError as exc:
        assert exc.problems or exc.message
        for problem in exc.problems:
            assert "regels.yml" in problem
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=yaml_text)
def test_loader_arbitrary_text_never_crashes(tmp_path_factory, text):
    _load(tmp_path_factory, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=json_like)
def test_loader_arbitrary_structure_never_crashes(tmp_path_factory, data):
    _load(tmp_path_factory, yaml.safe_dump({"rules": data if isinstance(data, list) else [data]}, allow_unicode=True))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rule=st.fixed_dictionaries({
    "id": st.text(alphabet=string.ascii_lowercase + "-", min_size=1, max_size=12),
    "type": st.sampled_from(["term", "pattern", "required", "duplicate", "levels", "reference", "termm"]),
    "severity": st.sampled_from(["error", "warning", "info", "fout"]),
    "message": st.text(max_size=30),
}, optional={"terms": st.lists(st.text(max_size=10), max_size=3), "regex": st.text(max_size=15),
             "repealed": st.text(max_size=12), "unless": st.lists(st.text(max_size=10), max_size=2)}))
def test_loader_rule_shaped_input_never_crashes(tmp_path_factory, rule):
    _load(tmp_path_factory, yaml.safe_dump({"rules": [rule]}, allow_unicode=True))


REF_WORDS = ["artikel", "Artikel", "artikelen", "lid", "eerste", "tweede", "vierde", "onder", "a", "b", "1°",
             "van de", "Wmo 2015", "Jeugdwet", "AWBZ", "Wet op de jeugdzorg", "Richtlijn HH", "2013",
             "CIZ indicatiewijzer", "als bedoeld in", ",", ".", "12", "4a", "2.3", "8.1.1", "het vorige lid", " ", "\n"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(REF_WORDS), max_size=40), noise=st.text(max_size=40), offset=st.integers(0, 10_000))
def test_references_parser_spans_stay_inside(words, noise, offset):
    from docmine.extract.references import find_references

    text = " ".join(words) + noise
    for ref in find_references(text, offset):
        assert offset <= ref.start <= ref.end <= offset + len(text)
        assert ref.kind in {"artikel", "wet", "richtlijn", "document"}
        if ref.bwb is not None:
            assert ref.bwb.startswith("BWBR")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000) | st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_text_reader_arbitrary_bytes_never_crash(tmp_path_factory, data):
    from docmine.api import Limits
    from docmine.extract import extract_structure
    from docmine.ingest import read_document

    p = tmp_path_factory.mktemp("doc") / "bestand.txt"
    p.write_bytes(data)
    try:
        doc = extract_structure(read_document(p, "bestand.txt", Limits()), {})
    except DocmineError:
        return
    for c in doc.clauses:
        assert 0 <= c.start <= c.end <= len(doc.text)
