"""The vocabulary as data: shipped YAML, extended by a user's pack, checked like a rule file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from docmine.errors import RuleFileError
from docmine.rules.loader import load_packs
from docmine.vocabulary import current, merge, shipped


def _docmine(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docmine", *args], capture_output=True, text=True, timeout=120)


def test_shipped_vocabulary_has_level_orders():
    assert ["laag", "midden", "hoog"] in shipped().get("level_orders")
    assert current().get("level_orders") == shipped().get("level_orders")


def test_a_users_pack_extends_a_list_without_repeating_entries(tmp_path):
    pack = tmp_path / "eigen.yml"
    pack.write_text("vocabulary:\n  level_orders:\n    - [brons, zilver, goud]\n    - [laag, midden, hoog]\n",
                    encoding="utf-8")
    rules, voc = load_packs([pack])
    orders = voc.get("level_orders")
    assert orders[-1] == ["brons", "zilver", "goud"]
    assert orders.count(["laag", "midden", "hoog"]) == 1
    assert str(pack) in voc.origins["level_orders"]
    assert rules  # the shipped rules are still there beside a vocabulary-only pack
    assert ["brons", "zilver", "goud"] not in shipped().get("level_orders")  # the shipped data is not changed


def test_a_pack_with_rules_and_vocabulary(tmp_path):
    pack = tmp_path / "eigen.yml"
    pack.write_text(
        "vocabulary:\n  level_orders: [[brons, zilver, goud]]\n"
        "rules:\n  - id: eigen-term\n    type: term\n    severity: warning\n    message: Oud woord.\n"
        "    terms: [zorgzwaartepakket]\n"
        "    examples:\n      match: [Het zorgzwaartepakket geldt.]\n      no_match: [De Wlz geldt.]\n",
        encoding="utf-8")
    rules, voc = load_packs([pack], default=False)
    assert [r.id for r in rules] == ["eigen-term"]
    assert ["brons", "zilver", "goud"] in voc.get("level_orders")


@pytest.mark.parametrize("body, message, line", [
    ("vocabulary:\n  level_order: [[brons, zilver]]\n", "onbekende woordenlijst 'level_order'", 2),
    ("vocabulary:\n  level_orders: brons\n", "'level_orders' moet een lijst zijn, geen waarde", 2),
    ("vocabulary: [brons]\n", "'vocabulary' moet een tabel zijn", 1),
    ("vocabulary:\n  title_cues:\n    arrangement: [zorgcatalogus]\n", "onbekend documenttype 'arrangement' onder 'title_cues'", 3),
    ("vocabulary:\n  tariff_units:\n    per nacht: per overnachting\n", "'tariff_units: per nacht' moet een lijst zijn, geen waarde", 3),
    ("vocabulary:\n  title_cues:\n    arrangementsbeschrijving: [zorgcatalogus, 'zorg(catalogus']\n",
     "ongeldige reguliere expressie 'zorg(catalogus' onder 'title_cues' (missing ), unterminated subpattern)", 3),
    ("vocabulary:\n  beschikking_cues:\n    - wij kennen\n    - 'wij [kennen toe'\n", "ongeldige reguliere expressie 'wij [kennen toe'", 4),
])
def test_a_wrong_vocabulary_is_a_rule_file_error_with_its_line(tmp_path, body, message, line):
    pack = tmp_path / "eigen.yml"
    pack.write_text(body, encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_packs([pack])
    (problem,) = err.value.problems
    assert f"{pack}:{line}:" in problem and message in problem


def test_rules_check_reports_a_wrong_vocabulary_key_with_a_suggestion(tmp_path):
    pack = tmp_path / "eigen.yml"
    pack.write_text("vocabulary:\n  level_order: [[brons, zilver]]\n", encoding="utf-8")
    proc = _docmine("rules", "check", str(pack))
    assert proc.returncode == 2
    assert "eigen.yml:2:3: error: onbekende woordenlijst 'level_order'" in proc.stderr
    assert "bedoelde u 'level_orders'?" in proc.stderr and "Traceback" not in proc.stderr


def test_vocab_lists_keys_with_their_origin_and_shows_one(tmp_path):
    pack = tmp_path / "eigen.yml"
    pack.write_text("vocabulary:\n  level_orders: [[brons, zilver, goud]]\n", encoding="utf-8")
    listing = _docmine("vocab", "--rules", str(pack))
    assert listing.returncode == 0, listing.stderr
    line = next(x for x in listing.stdout.splitlines() if x.startswith("level_orders"))
    assert "docmine:vocabulary/niveaus.yml" in line and str(pack) in line
    one = _docmine("vocab", "level_orders", "--rules", str(pack))
    assert "[brons, zilver, goud]" in one.stdout
    wrong = _docmine("vocab", "niveau_volgorde")
    assert wrong.returncode == 2 and "geen woordenlijst" in wrong.stderr


def test_merge_rules():
    assert merge({"a": {"b": [1]}}, {"a": {"b": [1, 2], "c": "x"}}) == {"a": {"b": [1, 2], "c": "x"}}
    assert merge("oud", "nieuw") == "nieuw"


def test_an_audit_with_a_users_vocabulary_leaves_the_process_as_it_found_it(tmp_path):
    """A library user audits with a pack, then extracts a document: the pack's words are gone."""
    from docmine.api import Options, audit

    pack = tmp_path / "eigen.yml"
    pack.write_text("vocabulary:\n  level_orders: [[brons, zilver, goud]]\n", encoding="utf-8")
    docs = tmp_path / "beleid"
    docs.mkdir()
    (docs / "a.txt").write_text("Begeleiding brons\nVoor wie: inwoners die het zelf redden.\n", encoding="utf-8")
    audit([docs], Options(jobs=1, rule_dirs=[pack]))
    assert ["brons", "zilver", "goud"] not in current().get("level_orders")


def test_the_shipped_pattern_keys_exist_and_compile():
    import re

    from docmine.vocabulary import PATTERN_KEYS, patterns_in

    for key in PATTERN_KEYS:
        assert key in shipped().data, key
        for _, pattern in patterns_in(key, shipped().get(key)):
            re.compile(pattern)
