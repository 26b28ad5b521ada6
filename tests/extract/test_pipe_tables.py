"""Pipe tables (Markdown, or text exported from a wiki) are tables: levels and tariffs are read
from them, also when no header names the level column."""

from __future__ import annotations

from docmine.api import Options, audit, extract

HEAD = "# Productcatalogus Wmo 2024 gemeente Zandvoorde\n\n## Dagbesteding\n\n"
TABLE = ("| Productcode | Product | Intensiteit | Voor wie | Inzet | Tarief |\n"
         "|---|:---|---|---|---|---:|\n"
         "| DB01 | Dagbesteding | licht | Inwoners die grotendeels zelfstandig hun dag invullen | 2 dagdelen per week | € 35,00 per dagdeel |\n"
         "| DB02 | Dagbesteding | middel | Inwoners die beperkt in staat zijn hun dag te structureren | 3 dagdelen per week | € 52,00 per dagdeel |\n"
         "| DB03 | Dagbesteding | zwaar | Inwoners die niet in staat zijn zelf hun dag in te vullen | 4 dagdelen per week | {tarief} per dagdeel |\n")


def _write(tmp_path, tarief: str, suffix: str = ".md"):
    folder = tmp_path / "beleid"
    folder.mkdir(parents=True)
    (folder / f"productcatalogus-2024{suffix}").write_text(HEAD + TABLE.format(tarief=tarief), encoding="utf-8")
    return folder


def test_a_pipe_table_is_read_as_a_table(tmp_path):
    doc = extract(_write(tmp_path, "€ 48,00") / "productcatalogus-2024.md")
    (table,) = doc.tables
    assert table.rows[0] == ["Productcode", "Product", "Intensiteit", "Voor wie", "Inzet", "Tarief"]
    assert [r[2] for r in table.rows[1:]] == ["licht", "middel", "zwaar"]
    levels = {c.attrs.get("level"): c.attrs for c in doc.clauses if c.kind == "niveau"}
    assert set(levels) == {"licht", "middel", "zwaar"}


def test_a_higher_level_with_a_lower_tariff_in_a_pipe_table_is_found(tmp_path):
    for suffix in (".md", ".txt"):
        result = audit([_write(tmp_path / suffix.strip("."), "€ 48,00", suffix)], Options(jobs=1))
        falling = [f for f in result.findings if f.rule == "niveaus-dalend"]
        assert falling and "zwaar" in falling[0].message and "middel" in falling[0].message, suffix


def test_a_consistent_pipe_table_gives_no_level_finding(tmp_path):
    result = audit([_write(tmp_path, "€ 70,00")], Options(jobs=1))
    assert not [f for f in result.findings if f.type == "levels"]
