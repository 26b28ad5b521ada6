"""Two term rules at the same words give one finding: the more severe. "AWBZ-indicatie" is an
AWBZ notion (error: the AWBZ is gone), not also a separate warning about 'indicatie'."""

from __future__ import annotations

from docmine.api import Options, audit

PAGE = """Dagbesteding in Veendijk

Vastgesteld op 12 september 2024.

Dagbesteding is er voor inwoners die overdag structuur nodig hebben. {zin}
De consulent bespreekt met u welke dagbesteding past.
"""


def _terms(tmp_path, zin: str) -> list[tuple[str, str]]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "dagbesteding.txt").write_text(PAGE.format(zin=zin), encoding="utf-8")
    result = audit([tmp_path / "docs"], Options(jobs=1))
    return sorted((f.rule, f.excerpt) for f in result.findings if f.type == "term")


def test_an_awbz_indicatie_is_one_finding_that_the_awbz_is_gone(tmp_path):
    found = _terms(tmp_path, "Inwoners met een AWBZ-indicatie voor dagbesteding kunnen zich melden bij het loket.")
    assert found == [("awbz-vervallen", "AWBZ-indicatie")]


def test_an_indicatie_and_the_awbz_at_other_places_are_both_found(tmp_path):
    found = _terms(tmp_path, "De consulent stelt de indicatie voor dagbesteding vast. De AWBZ vergoedt het vervoer erheen.")
    assert [r for r, _ in found].count("indiceren") == 1
    assert "awbz-vervallen" in [r for r, _ in found]
