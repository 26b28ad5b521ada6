"""Words extraction reads from the vocabulary, each extended by a user's pack: the units of a
tariff, the word before a step's number in a werkinstructie, the word before the redacteur's
name in a line of metadata, and the plural of a unit in a finding's message."""

from __future__ import annotations

import pytest

from docmine.api import Options, audit
from docmine.extract import extract_structure
from docmine.extract.level_text import level_of, parse_omvang
from docmine.extract.references import find_references
from docmine.extract.werkinstructie import parse_metadata_line
from docmine.model import Document
from docmine.rules.loader import load_packs

VERBLIJF = """Productbeschrijving kortdurend verblijf 2025

Kortdurend verblijf licht
Doelgroep: inwoners die zich overdag redden maar 's nachts toezicht nodig hebben.
Omvang: twee etmalen per maand.
Tarief: € 95,50 {unit}.

Kortdurend verblijf zwaar
Doelgroep: inwoners die niet in staat zijn zich zonder toezicht te redden.
Omvang: vier etmalen per maand.
Tarief: € 142,00 {unit}.
"""

INSTRUCTIE = """Werkinstructie melding huiselijk geweld

Versie: 1.4
Datum: 12 februari 2024
Eigenaar: R. Demir

{word} 1: Lees de melding en noteer de datum van binnenkomst.
{word} 2: Bel de melder binnen twee werkdagen terug.
{word} 3: Leg het gesprek vast in het dossier.
"""


def _structure(text: str, path: str):
    return extract_structure(Document(path=path, format="txt", text=text))


def _tariffs(text: str) -> list:
    return [c.attrs.get("tarief") for c in _structure(text, "verblijf.txt").clauses if c.kind == "niveau"]


@pytest.mark.parametrize("written, unit", [("per dagdeel", "per dagdeel"), ("p/u", "per uur"), ("/ etmaal", "per etmaal"),
                                           ("Per Week", "per week"), ("p/mnd", "per maand")])
def test_a_shipped_tariff_unit_is_read_in_any_of_its_spellings(written, unit):
    assert [t["unit"] for t in _tariffs(VERBLIJF.format(unit=written))] == [unit, unit]


def test_a_users_tariff_unit_is_read_behind_the_amount(pack):
    text = VERBLIJF.format(unit="per overnachting")
    assert [t["unit"] for t in _tariffs(text)] == [None, None]
    pack("vocabulary:\n  tariff_units: {per nacht: [per overnachting, p/n]}\n")
    assert [t["unit"] for t in _tariffs(text)] == ["per nacht", "per nacht"]
    assert [t["text"] for t in _tariffs(VERBLIJF.format(unit="p/n"))] == ["€ 95,50 p/n", "€ 142,00 p/n"]
    # a unit added to one the shipped vocabulary has keeps the shipped spellings
    pack("vocabulary:\n  tariff_units: {per uur: [per klokuur]}\n")
    assert [t["unit"] for t in _tariffs(VERBLIJF.format(unit="per klokuur"))] == ["per uur", "per uur"]
    assert [t["unit"] for t in _tariffs(VERBLIJF.format(unit="p/u"))] == ["per uur", "per uur"]


def _steps(text: str) -> list[tuple[str | None, str | None]]:
    return [(c.number, c.title) for c in _structure(text, "melding.txt").clauses if c.kind == "stap"]


def test_steps_are_read_under_the_shipped_step_word_in_capitals_or_not():
    assert _steps(INSTRUCTIE.format(word="Stap"))[1] == ("2", "Bel de melder binnen twee werkdagen terug.")
    assert len(_steps(INSTRUCTIE.format(word="STAP"))) == 3
    assert _steps(INSTRUCTIE.format(word="Fase")) == []


def test_a_users_step_word_gives_the_steps(pack):
    pack("vocabulary:\n  step_words: [handeling]\n")
    assert [n for n, _ in _steps(INSTRUCTIE.format(word="Handeling"))] == ["1", "2", "3"]
    assert len(_steps(INSTRUCTIE.format(word="HANDELING"))) == 3
    assert len(_steps(INSTRUCTIE.format(word="Stap"))) == 3  # the shipped word still counts


def test_a_users_word_before_the_redacteurs_name(pack):
    line = "Versie 2.0 — 4 maart 2024 — namens Z. Öztürk-Bakker"
    assert parse_metadata_line(line).get("redacteur") is None
    assert parse_metadata_line("Laatst herzien op 3 april 2023 door M. Visser").get("redacteur") == "M. Visser"
    pack("vocabulary:\n  name_prefixes: [namens]\n")
    assert parse_metadata_line(line)["redacteur"] == "Z. Öztürk-Bakker"


LOGEREN = """Productbeschrijving logeeropvang 2025

Logeeropvang licht
Doelgroep: jeugdigen die zich grotendeels zelf redden en af en toe toezicht nodig hebben.
Omvang: vier nachten per maand.
Tarief: € 95,50 per etmaal.

Logeeropvang zwaar
Doelgroep: jeugdigen die niet in staat zijn zich zonder voortdurend toezicht te redden.
Omvang: twee nachten per maand.
Tarief: € 142,00 per etmaal.
"""


def _falling(folder, pack_body: str | None) -> list:
    voc = None
    if pack_body is not None:
        pack = folder.parent / "eigen.yml"
        pack.write_text(pack_body, encoding="utf-8")
        voc = load_packs([pack])[1]
    return [f for f in audit([folder], Options(jobs=1, vocabulary=voc)).findings if f.rule == "niveaus-dalend"]


def test_a_users_unit_and_its_plural_name_the_falling_omvang(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "logeren.txt").write_text(LOGEREN, encoding="utf-8")
    assert not _falling(tmp_path / "docs", None)  # 'nachten' is no unit of the shipped vocabulary
    (found,) = _falling(tmp_path / "docs", "vocabulary:\n  omvang_units: {nacht: nacht, nachten: nacht}\n")
    assert "omvang 2 nacht per maand bij zwaar" in found.message
    (found,) = _falling(tmp_path / "docs", "vocabulary:\n  omvang_units: {nacht: nacht, nachten: nacht}\n"
                                           "  unit_plurals: {nacht: nachten}\n")
    assert "omvang 2 nachten per maand bij zwaar tegen 4 nachten per maand bij licht" in found.message


def test_a_users_date_label_gives_the_documents_date(pack):
    text = ("Beleidsregels vervoersvoorziening\n\nDeze regels vervangen die van 4 april 2018.\nIngangsdatum: 1 januari 2021\n\n"
            "Artikel 1\nDe inwoner vraagt vervoer aan bij het loket.\n")
    assert str(_structure(text, "vervoer.txt").date) == "2018-04-04"  # without a label: the first date at the top
    pack("vocabulary:\n  head_date_labels: [ingangsdatum]\n")
    assert str(_structure(text, "vervoer.txt").date) == "2021-01-01"


VERORDENING = ("Verordening maatschappelijke ondersteuning Veendijk 2025\n\nDe raad van de gemeente Veendijk besluit vast te stellen:\n\n"
               "Artikel 1 Begrippen\nIn deze verordening gelden de begrippen van de Wmo 2015.\n\n"
               "Artikel 2 Maatwerkvoorziening\nHet college verstrekt een maatwerkvoorziening op grond van de Wmo 2015.\n\n"
               "Artikel 3 Jeugdigen\n{lead} de Jeugdwet zorgt het college voor jeugdhulp aan jeugdigen die dat nodig hebben.\n")


def _article_laws(lead: str) -> list:
    return [c.law for c in _structure(VERORDENING.format(lead=lead), "verordening.txt").clauses if c.kind == "artikel"]


def test_an_article_under_another_law_by_a_users_governing_phrase(pack):
    assert _article_laws("Op grond van") == ["Wmo", "Wmo", "Jeugdwet"]
    assert _article_laws("Ter uitvoering van") == ["Wmo", "Wmo", "Wmo"]
    pack("vocabulary:\n  governing_phrases: [ter uitvoering van]\n")
    assert _article_laws("Ter uitvoering van") == ["Wmo", "Wmo", "Jeugdwet"]
    assert _article_laws("Gezien") == ["Wmo", "Wmo", "Wmo"]


def test_a_users_period_and_duration_of_an_omvang(pack):
    assert [(o["value"], o["unit"], o["per"]) for o in parse_omvang("10 uur per schooljaar")] == [(10.0, "uur", None)]
    assert parse_omvang("2 dagdelen in de week, gedurende drie maanden")[1].get("duur") is True
    pack("vocabulary:\n  omvang_periods: [schooljaar]\n  duration_units: [dag]\n")
    assert [(o["value"], o["unit"], o["per"]) for o in parse_omvang("10 uur per schooljaar")] == [(10.0, "uur", "schooljaar")]
    assert parse_omvang("gedurende vijf dagen")[0].get("duur") is True
    assert parse_omvang("twee dagen per week")[0].get("duur") is None  # with a period: an omvang


def test_a_users_code_label_gives_the_levels_code(pack):
    assert level_of("Begeleiding groep licht (productcode: 47B02)") == ("Begeleiding groep", "licht", "47B02")
    assert level_of("Begeleiding groep licht — artikelnummer 47B02") is None
    pack("vocabulary:\n  level_fields: {code: [artikelnummer]}\n")
    assert level_of("Begeleiding groep licht — artikelnummer 47B02") == ("Begeleiding groep", "licht", "47B02")
    assert level_of("Begeleiding groep licht (artikelnummer 47B02)") == ("Begeleiding groep", "licht", "47B02")


def test_a_users_word_in_a_guidelines_name(pack):
    assert [(r.kind, r.text) for r in find_references("De consulent werkt volgens het Protocol ouderenzorg 2012.")] \
        == [("richtlijn", "Protocol ouderenzorg 2012")]
    assert find_references("De consulent werkt volgens het Protocol wonen 2012.") == []
    pack("vocabulary:\n  richtlijn_naamwoorden: [wonen]\n")
    assert [(r.kind, r.text) for r in find_references("De consulent werkt volgens het Protocol wonen 2012.")] \
        == [("richtlijn", "Protocol wonen 2012")]
