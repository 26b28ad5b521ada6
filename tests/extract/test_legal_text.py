"""Real legal text: references read as a lawyer reads them, Markdown laws, validity dates, laws
as vocabulary. The texts here are written for these tests in the language of Dutch regulations;
the 25 published laws in ../shared/real/laws/ are read in place when they are there."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

import docmine
from docmine.api import Options
from docmine.extract import extract_structure
from docmine.extract.laws import LAWS, lookup, valid_from
from docmine.extract.references import find_references
from docmine.ingest.text import read_text

LAWS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "real" / "laws"


def _refs(text: str, **kw) -> list[tuple]:
    return [(r.kind, r.artikel, r.lid, r.onderdeel, r.law) for r in find_references(text, artikel="7", **kw)]


# -- whose article: the law named after it

@pytest.mark.parametrize("text,expected", [
    # another law named after the article, in its many forms
    ("de rechtspersoon, bedoeld in artikel 302, tweede lid, van Boek 1 van het Burgerlijk Wetboek",
     [("wet", "302", 2, None, "Burgerlijk Wetboek")]),
    ("een verblijfsvergunning als bedoeld in artikel 14 van de Vreemdelingenwet 2000 heeft",
     [("wet", "14", None, None, "Vreemdelingenwet 2000")]),
    ("veroordeeld op grond van artikel 77i van het Wetboek van Strafrecht,",
     [("wet", "77i", None, None, "Wetboek van Strafrecht")]),
    ("bezwaar als bedoeld in artikel 7:1 Awb", [("wet", "7:1", None, None, "Awb")]),
    ("overeenkomstig artikel 2.3.5, derde lid, van de wet", [("wet", "2.3.5", 3, None, "Wmo 2015")]),
    ("de Jeugdwet, in het bijzonder artikel 2.9 van die wet", [("wet", None, None, None, "Jeugdwet"), ("wet", "2.9", None, None, "Jeugdwet")]),
    ("het verblijfsrecht, bedoeld in artikel 7 van Richtlijn 2004/38/EG", [("wet", "7", None, None, "Richtlijn 2004/38/EG")]),
    ("zoals geregeld in artikel 4 Besluit maatschappelijke ondersteuning Veendijk 2019:",
     [("wet", "4", None, None, "Besluit maatschappelijke ondersteuning Veendijk 2019")]),
    # this document's own article
    ("zoals omschreven in artikel 5 van deze verordening", [("artikel", "5", None, None, None)]),
    ("met inachtneming van artikel 12, vierde lid, onder c.", [("artikel", "12", 4, "c", None)]),
    ("de kosten van de Wmo-verordening als bedoeld in artikel 3", [("artikel", "3", None, None, None)]),
])
def test_the_article_belongs_to_the_law_named_after_it(text, expected):
    got = _refs(text, wet="de Wet maatschappelijke ondersteuning 2015")
    assert [r for r in got if r[1] or r[4] == "Jeugdwet"] == expected


def test_lists_and_ranges_of_leden_are_read_as_lists():
    # the highest lid is the one that must exist
    assert _refs("Artikel 9, tweede tot en met vijfde lid, is van overeenkomstige toepassing.") == \
        [("artikel", "9", 5, None, None)]
    assert _refs("bedoeld in artikel 4, eerste en derde lid") == [("artikel", "4", 3, None, None)]
    # the leden after a list item are that item's
    assert _refs("De artikelen 3.1, tweede lid, en 3.4 van de Jeugdwet gelden ook.") == \
        [("wet", "3.1", None, None, "Jeugdwet"), ("wet", "3.4", None, None, "Jeugdwet")]
    assert _refs("Artikel 6, eerste lid, tweede volzin, en vierde lid, is van toepassing.") == \
        [("artikel", "6", 1, None, None), ("artikel", "6", 4, None, None)]
    # a range is one reference, checked by its ends
    assert _refs("de artikelen 11 tot en met 14 zijn niet van toepassing") == [("artikel", "11-14", None, None, None)]
    # a lid of this article when nothing else is named
    assert _refs("In afwijking van het tweede lid kan het college besluiten.") == [("artikel", "7", 2, None, None)]
    # "het tweede lid van artikel 5": a lid of artikel 5
    assert _refs("in het tweede lid van artikel 5 van de Participatiewet") == [("wet", "5", 2, None, "Participatiewet")]


def test_parallel_constructions_share_the_law_named_at_the_end():
    text = ("de zorgaanbieder, bedoeld in artikel 1, onderscheidenlijk het zorgkantoor, bedoeld in artikel 40 van "
            "de Algemene Wet Bijzondere Ziektekosten")
    assert [r[4] for r in _refs(text)] == ["AWBZ", "AWBZ"]
    assert [r[4] for r in _refs("bedoeld in artikel 8, derde lid, en artikel 9 van de Jeugdwet")] == ["Jeugdwet", "Jeugdwet"]
    # without such words the first one stays this document's
    assert [r[0] for r in _refs("bedoeld in artikel 8. Het college kan ook artikel 9 van de Jeugdwet toepassen")] == \
        ["artikel", "wet"]


def test_a_name_two_laws_share_is_the_law_of_the_documents_day():
    assert lookup("Wet maatschappelijke ondersteuning", on=date(2011, 3, 1)).name == "Wmo 2007"
    assert lookup("Wet maatschappelijke ondersteuning", on=date(2016, 3, 1)).name == "Wmo 2015"
    assert lookup("Wmo").name == "Wmo 2015"
    assert LAWS["Wmo 2015"].url == "https://wetten.overheid.nl/BWBR0035362"


# -- validity: what the document regulates decides whether it is outdated

def test_valid_from_is_the_entry_into_force_of_the_law_it_was_written_for():
    # a Wmo 2015 verordening adopted in November 2014 speaks from 1 January 2015
    assert valid_from(date(2014, 11, 13), None, "Verordening maatschappelijke ondersteuning Veendijk 2015",
                      "de Wet maatschappelijke ondersteuning 2015;") == date(2015, 1, 1)
    # its own entry into force counts too
    assert valid_from(date(2014, 10, 2), date(2015, 1, 1), "Beleidsregels jeugdhulp", None) == date(2015, 1, 1)
    # a Wmo 2007 verordening of 2011 stays of 2011
    assert valid_from(date(2011, 6, 30), None, "Verordening voorzieningen maatschappelijke ondersteuning",
                      "de Wet maatschappelijke ondersteuning;") == date(2011, 6, 30)
    assert valid_from(None, None, "Jeugdwet", None) is None  # an undated document stays undated


VERORDENING_2014 = """Verordening maatschappelijke ondersteuning Veendijk 2015

De raad van de gemeente Veendijk;
gelet op artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015;
b e s l u i t vast te stellen de Verordening maatschappelijke ondersteuning Veendijk 2015.

Artikel 1 Begripsbepalingen
In deze verordening wordt verstaan onder:
a. wet: de Wet maatschappelijke ondersteuning 2015;
b. cliënt: persoon als bedoeld in artikel 1.1.1 van de wet.

Artikel 2 Overgangsrecht
1. Een cliënt die op 31 december 2014 zorg ontving op grond van de Algemene Wet Bijzondere Ziektekosten, behoudt die zorg tot de einddatum van zijn indicatiebesluit.
2. Het college betrekt de AWBZ-indicatie bij het onderzoek, bedoeld in artikel 2.3.2 van de wet.

Artikel 3 Inwerkingtreding
Deze verordening treedt in werking op 1 januari 2015.

Aldus vastgesteld in de openbare vergadering van 13 november 2014.
"""


def _audit(tmp_path: Path, files: dict[str, str], packs: dict[str, str] | None = None):
    for name, text in files.items():
        (tmp_path / "docs").mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    rule_dirs = []
    if packs:
        (tmp_path / "rules").mkdir()
        for name, text in packs.items():
            (tmp_path / "rules" / name).write_text(text, encoding="utf-8")
        rule_dirs = [str(tmp_path / "rules")]
    return docmine.audit([str(tmp_path / "docs")], Options(jobs=1, rule_dirs=rule_dirs))


def test_a_wmo_2015_verordening_of_november_2014_is_not_outdated(tmp_path):
    result = _audit(tmp_path, {"verordening-2015.txt": VERORDENING_2014,
                               "verordening-2011.txt": VERORDENING_2014.replace("2.1.3 van de Wet maatschappelijke ondersteuning 2015",
                                                                               "5 van de Wet maatschappelijke ondersteuning")
                               .replace("wet: de Wet maatschappelijke ondersteuning 2015", "wet: de Wet maatschappelijke ondersteuning")
                               .replace("Veendijk 2015", "Veendijk 2011").replace("13 november 2014", "30 juni 2011")
                               .replace("1 januari 2015", "1 juli 2011")})
    outdated = {f.document for f in result.findings if "verouderd" in f.message and f.severity == "info"}
    assert "verordening-2011.txt" in outdated
    assert "verordening-2015.txt" not in outdated
    doc = next(d for d in result.documents if d.path == "verordening-2015.txt")
    assert doc.metadata["geldig_vanaf"] == "2015-01-01"


STATE_DECISION = """{title}

{opening}

1 Inleiding

Dit besluit gaat over de vrijstelling voor zorg die een zorgaanbieder verleent aan cliënten met een
AWBZ-indicatie of een indicatie van de gemeente op grond van de Wmo. Het besluit van 14 mei 2011 vervalt.
"""


@pytest.mark.parametrize("opening, state", [
    ("De staatssecretaris van Financiën heeft het volgende besloten.", True),
    ("De Minister van Volksgezondheid, Welzijn en Sport besluit:", True),
    # a municipality's decision opens the same way, by its college: it is no legislation of the State
    ("Het college van burgemeester en wethouders van Veendijk heeft het volgende besloten.", False),
])
def test_a_ministers_decision_whose_title_does_not_say_so_is_legislation_of_the_state(tmp_path, opening, state):
    result = _audit(tmp_path, {"vrijstelling.txt": STATE_DECISION.format(title="Vrijstelling zorg en omzetbelasting", opening=opening)})
    doc = result.documents[0]
    assert (doc.type, doc.metadata.get("soort")) == (("besluit", "beleidsregel") if state else (doc.type, None))
    terms = [f for f in result.findings if f.type == "term"]
    if state:  # the State's text of 2011 speaks the words of its time: one note that it is of before 2015, naming them
        assert len(terms) == 1 and terms[0].severity == "info" and "'AWBZ-indicatie'" in terms[0].message
        assert {terms[0].rule} | {r["rule"] for r in terms[0].related} >= {"awbz-vervallen", "indiceren"}
    else:  # the college's text of 2011: each finding stays its own
        assert len(terms) >= 2 and any(f.severity != "info" for f in terms)


def test_a_user_adds_how_a_state_decision_opens(tmp_path):
    text = STATE_DECISION.format(title="Vrijstelling zorg", opening="De minister-president heeft besloten.")
    plain = _audit(tmp_path / "a", {"besluit.txt": text}).documents[0]
    pack = "vocabulary:\n  wetgeving_aanhef: ['^de minister-president\\s[^.\\n]{0,80}?\\bheeft\\s+besloten\\b']\nrules: []\n"
    extended = _audit(tmp_path / "b", {"besluit.txt": text}, {"rijk.yml": pack}).documents[0]
    assert plain.metadata.get("soort") is None and extended.metadata.get("soort") == "beleidsregel"


# -- Markdown as published: '###Artikel 9', an HTML head, emphasis

MD_LAW = """<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />

##Regeling van de Minister van 3 maart 2016, houdende regels over de veendijkse ondersteuning (Regeling ondersteuning Veendijk)

###Artikel 1

In deze regeling wordt verstaan onder:

–  *sociaal netwerk:* personen uit de huiselijke kring of andere personen met wie de cliënt een sociale relatie onderhoudt;

–  *wet:* [Wet maatschappelijke ondersteuning 2015](../wet/BWBR0035362/README.md).

###Artikel 2

1.  Het college betrekt het sociale netwerk van de cliënt bij het onderzoek.
2.  Artikel 1 is van overeenkomstige toepassing, met uitzondering van het derde lid van artikel 2.3.2 van de wet.

###Artikel 3

Deze regeling wordt aangehaald als: Regeling ondersteuning Veendijk.
"""


def test_markdown_law_headings_without_a_space_and_title_from_the_first_heading():
    doc = extract_structure(read_text(MD_LAW.encode("utf-8"), "regeling.md", "md"))
    assert doc.title.startswith("Regeling van de Minister van 3 maart 2016")
    assert [c.number for c in doc.clauses if c.kind == "artikel"] == ["1", "2", "3"]
    terms = [c.attrs["term"] for c in doc.clauses if c.kind == "definitie"]
    assert terms == ["sociaal netwerk", "wet"]
    refs = [(r.kind, r.artikel, r.lid, r.law) for c in doc.clauses for r in c.references if r.artikel]
    assert ("wet", "2.3.2", 3, "Wmo 2015") in refs


# -- laws as vocabulary: a user adds a law

def test_a_user_adds_a_law_and_its_articles_become_external(tmp_path):
    text = ("Nadere regels inburgering Veendijk\n\nArtikel 1 Begrippen\nIn deze nadere regels wordt verstaan onder:\n"
            "a. wet: de Wet inburgering 2021.\n\nArtikel 2 Ontzorgen\nHet college ontzorgt de inburgeraar als bedoeld in "
            "artikel 2.8 Wi2021.\n")
    without = _audit(tmp_path / "a", {"nadere-regels.txt": text})
    assert [f.rule for f in without.findings if f.rule == "verwijzing-artikel-bestaat-niet"] == []  # a name: not ours
    text2 = text.replace("artikel 2.8 Wi2021", "artikel 28 Wi")
    with_pack = _audit(tmp_path / "b", {"nadere-regels.txt": text2},
                       {"wetten.yml": "vocabulary:\n  wetten:\n    Wet inburgering 2021:\n      namen: [Wet inburgering 2021]\n"
                                      "      afkortingen: [Wi]\n      bwb: BWBR0044770\n      geldig_vanaf: 2022-01-01\n"})
    assert [f for f in with_pack.findings if f.rule == "verwijzing-artikel-bestaat-niet"] == []
    plain = _audit(tmp_path / "c", {"nadere-regels.txt": text2})
    assert [f.message.split(":")[0] for f in plain.findings if f.rule == "verwijzing-artikel-bestaat-niet"] == \
        ["'artikel 28' verwijst naar iets dat niet in dit document staat"]


# -- the 25 published laws, read in place

@pytest.fixture(scope="module")
def laws_result(tmp_path_factory):
    if not LAWS_DIR.is_dir():
        pytest.skip(f"{LAWS_DIR} is er niet (de gedeelde map naast de repository)")
    files = sorted(p for p in LAWS_DIR.glob("*.md") if p.name != "SOURCES.md")
    return docmine.audit([str(p) for p in files], Options(jobs=1))  # read in place, not copied


def test_real_laws_few_broken_references(laws_result):
    found = [f for f in laws_result.findings if f.rule == "verwijzing-artikel-bestaat-niet"]
    assert len(found) <= 15, [(f.document, f.excerpt) for f in found]
    # each of the ones left was checked by hand (notes/legal.md): a reference in the published
    # text to an article, lid or onderdeel that this text does not hold
    assert any(f.document.startswith("05_") and "artikel 17 bestaat niet" in f.message for f in found)


def test_real_laws_titles_versions_and_validity(laws_result):
    titles = {d.path: d.title for d in laws_result.documents}
    assert not any(t.startswith("<meta") for t in titles.values())
    groups = [f for f in laws_result.findings if f.rule == "versies"]
    assert len(groups) == 1
    members = {groups[0].document} | {r["document"] for r in groups[0].related}
    assert members == {"01_wmo2015_BWBR0035362.md", "02_wmo2015_BWBR0035362_versie2014-10.md"}
    outdated = Counter(f.document[:2] for f in laws_result.findings if f.severity == "info" and "verouderd" in f.message)
    for current_law in ("01", "02", "04", "16"):  # Wmo 2015 (twice), Jeugdwet, Wlz
        assert outdated[current_law] == 0, current_law
    assert outdated["05"] > 0  # the Wet op de jeugdzorg is outdated


# -- definitions used inflected, joined, by their abbreviation

DEFINITIES = """Verordening jeugdhulp Veendijk 2020

Artikel 1 Begripsbepalingen
In deze verordening wordt verstaan onder:
a. ten laste komend kind: kind jonger dan achttien jaar dat tot het huishouden van de ouder behoort;
b. sociaal netwerk: personen uit de huiselijke kring of andere personen met wie de jeugdige een sociale relatie onderhoudt;
c. persoonsgebonden budget (pgb): budget waarmee de jeugdige of zijn ouders jeugdhulp inkopen;
d. zorgzwaarte pakket: omschrijving van de zorg die een jeugdige met verblijf krijgt;
e. verwerken van gegevens: elke handeling met betrekking tot gegevens over een jeugdige;
f. respijtzorg: tijdelijke overname van de zorg om de ouders te ontlasten.

Artikel 2 Onderzoek
1. Het college onderzoekt wat het sociale netwerk van de jeugdige kan bijdragen.
2. Voor ten laste komende kinderen geldt een eigen bijdrage van nihil.
3. Het college verstrekt een pgb als de ouders dat vragen; een zorgzwaartepakket wordt niet in een pgb omgezet.
4. Gegevens over de jeugdige worden alleen verwerkt voor zover dat nodig is voor het onderzoek.
"""


def test_definitions_are_found_inflected_joined_and_by_abbreviation(tmp_path):
    result = _audit(tmp_path, {"verordening.txt": DEFINITIES})
    unused = [f.message.split("'")[1] for f in result.findings if f.rule == "begrip-niet-gebruikt"]
    assert unused == ["respijtzorg"]


# -- guidelines by their names in the vocabulary; EU directives are laws

def test_guidelines_by_name_and_year_eu_directives_are_laws():
    got = [(r.kind, r.year) for r in find_references(
        "Het college hanteert de Richtlijn HH Veendijk 2012 en het Normenkader huishoudelijke hulp 2019. Het verblijfsrecht "
        "volgt uit Richtlijn 2004/38/EG. De Beleidsregels indicatiestelling AWBZ 2014 vervallen.")]
    assert got == [("richtlijn", 2012), ("richtlijn", 2019), ("wet", None), ("wet", None)]
    assert find_references("zie de richtlijn uit 2013") == []  # a year alone names no guideline


def test_a_cited_national_law_links_to_wetten_overheid_nl_in_the_report(tmp_path):
    import subprocess
    import sys

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "verordening.txt").write_text(
        "Verordening jeugdhulp Veendijk 2019\n\nArtikel 1 Grondslag\nDeze verordening berust op artikel 2.9 van de Wet op de "
        "jeugdzorg en op artikel 2.9 van de Jeugdwet.\n\nAldus vastgesteld op 12 maart 2019.\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "docmine", "audit", str(tmp_path / "docs"), "-o", str(tmp_path / "out"), "--no-cache",
                    "-q", "--fail-on", "never"], check=True, capture_output=True, timeout=300)
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://wetten.overheid.nl/BWBR0016637"' in html  # Wet op de jeugdzorg
    assert 'href="https://wetten.overheid.nl/BWBR0034925"' in html  # Jeugdwet
    import json

    found = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))["findings"]
    repealed = [f["message"] for f in found if f["rule"] == "verwijzing-ingetrokken-wet"]
    assert len(repealed) == 1 and "gebruik de Jeugdwet (https://wetten.overheid.nl/BWBR0034925)" in repealed[0]


def test_a_missing_article_beside_a_law_in_a_municipal_article_is_still_reported(tmp_path):
    text = ("Verordening maatschappelijke ondersteuning Veendijk 2020\n\nArtikel 1 Begrippen\nIn deze verordening wordt verstaan "
            "onder wet: de Wet maatschappelijke ondersteuning 2015.\n\nArtikel 2 Onderzoek\nHet college voert het onderzoek "
            "uit als bedoeld in artikel 14, met inachtneming van artikel 2.3.2 van de wet.\n")
    result = _audit(tmp_path, {"verordening.txt": text})
    assert [f.excerpt for f in result.findings if f.rule == "verwijzing-artikel-bestaat-niet"] == ["artikel 14"]
