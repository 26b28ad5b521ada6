"""Snapshot tests: each broken rule file gives exactly the pinned, positioned messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from docmine.errors import RuleFileError
from docmine.rules.loader import load_rules

BROKEN = Path(__file__).parent / "data" / "broken"
CASES = sorted(p.stem for p in BROKEN.glob("*.yml"))


def test_loader_errors_has_at_least_ten_cases():
    assert len(CASES) >= 10
    assert all((BROKEN / f"{c}.expected").exists() for c in CASES)


@pytest.mark.parametrize("case", CASES)
def test_loader_errors_snapshot(case, monkeypatch):
    monkeypatch.chdir(BROKEN)
    with pytest.raises(RuleFileError) as info:
        load_rules([f"{case}.yml"], default=False)
    expected = (BROKEN / f"{case}.expected").read_text(encoding="utf-8")
    assert str(info.value) + "\n" == expected


def test_loader_errors_all_files_reported_at_once(monkeypatch):
    monkeypatch.chdir(BROKEN)
    with pytest.raises(RuleFileError) as info:
        load_rules(["bad_severity.yml", "unknown_type.yml", "several_errors.yml"], default=False)
    text = str(info.value)
    assert "bad_severity.yml:4:15" in text and "unknown_type.yml:3:11" in text
    assert text.count("several_errors.yml:") == 8


def test_loader_errors_duplicate_id_across_packs_names_both(tmp_path):
    rule = "rules:\n  - id: zelfde\n    type: term\n    severity: info\n    message: x\n    terms: [x]\n"
    (tmp_path / "a.yml").write_text(rule, encoding="utf-8")
    (tmp_path / "b.yml").write_text("# tweede pakket\n" + rule, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rules([tmp_path], default=False)
    text = str(info.value)
    assert f"{tmp_path / 'b.yml'}:3:5: error: dubbele controle-id 'zelfde'" in text
    assert f"{tmp_path / 'a.yml'}:2" in text


def test_loader_valid_pack_sets_file_line_and_params(tmp_path):
    f = tmp_path / "eigen.yml"
    f.write_text("rules:\n  # eerst een commentaar\n  - id: mijn-term\n    type: term\n    severity: warning\n"
                 "    message: Oude term.\n    terms: [zorgzwaartepakket]\n    repealed: 2015-01-01\n", encoding="utf-8")
    [rule] = load_rules([f], default=False)
    assert (rule.file, rule.line) == (str(f), 3)
    assert rule.params["terms"] == ["zorgzwaartepakket"]
    assert str(rule.params["repealed"]) == "2015-01-01"


def test_loader_shipped_packs_load_without_errors():
    rules = load_rules()
    ids = {r.id for r in rules}
    assert {"awbz-vervallen", "indiceren", "werkinstructie-documentgegevens",
            "beschikking-verplichte-onderdelen", "verslag-wmo-stappen", "verslag-jeugdwet-stappen"} <= ids
