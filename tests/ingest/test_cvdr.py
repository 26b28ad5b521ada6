"""CVDR XML reader on the three real samples (copied from lokaleregelgeving.overheid.nl)."""

from __future__ import annotations

import pytest

from docmine.errors import ReadError
from docmine.ingest import read_document

from ingest_files import DATA

CVDR = DATA / "cvdr"


def _read(name, limits):
    return read_document(CVDR / name, name, limits)


def test_cvdr_example1_metadata_preamble_and_table(limits):
    doc = _read("cvdr_example1.xml", limits)
    assert doc.format == "cvdr"
    md = doc.metadata
    assert md["identifier"] == "112779_1"
    assert md["creator"] == "Spijkenisse"
    assert md["inwerkingtredingDatum"] == "2011-09-14"
    assert md["issued"] == "2011-09-06"
    assert md["sources"][0]["bwb"] is None  # a CVDR reference, not a national law
    assert doc.title.startswith("Lijst van binnengemeentelijke afnemers")
    # the artikel with an empty kop holds a table: rows with cells
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert t.rows[0][0] == "Dienst / Afdeling"
    assert len(t.rows) == 30 and all(len(r) == 4 for r in t.rows)
    assert "Maatschappelijke Ondersteuning | WMO zorgverlening | Zie functieautorisatie MO | " in doc.text
    assert doc.text[t.start:t.end].splitlines()[0].startswith("Dienst / Afdeling | Taak: Wettelijke grondslag")
    assert "De verantwoordelijke (= het College van B&W)" in doc.text
    assert "Spijkenisse, 06 september 2011" in doc.text


def test_cvdr_example2_vervallen_chapters_and_list(limits):
    doc = _read("cvdr_example2.xml", limits)
    md = doc.metadata
    assert md["identifier"] == "CVDR100394_2"
    assert md["title"] == doc.title == "Beleidsregels verkeersveiligheid en parkeren"
    assert md["sources"][0] == {"title": "Reglement verkeersregels en verkeertekens 1990", "bwb": "BWBR0004825",
                                "resource": "http://wetten.overheid.nl/BWBR0004825/"}
    assert md["inwerkingtredingDatum"] == "2016-10-27"
    lines = doc.text.splitlines()
    assert "Hoofdstuk 1 Parkeren" in lines  # label '1.Parkeren' split into number and title
    assert "Hoofdstuk 5 Gehandicaptenparkeerplaatsen" in lines
    assert lines.count("[Vervallen]") == 4
    assert "- Zelf bestuurder te zijn" in lines
    chapters = [b for b in doc.blocks if b.kind == "hoofdstuk"]
    assert [b.attrs["nr"] for b in chapters] == ["1", "2", "3", "4", "5"]
    assert doc.text[chapters[0].start:chapters[0].end] == "Hoofdstuk 1 Parkeren\n\n[Vervallen]"
    items = [b for b in doc.blocks if b.kind == "li"]
    assert len(items) == 4


def test_cvdr_example3_structure_nested_list_and_bwb_sources(limits):
    doc = _read("cvdr_example3.xml", limits)
    md = doc.metadata
    assert md["identifier"] == "CVDR680781_1"
    assert md["creator"] == "Someren"
    assert [s["bwb"] for s in md["sources"]] == ["BWBR0013798", "BWBR0024779"]
    lines = doc.text.splitlines()
    for head in ["Hoofdstuk 1 Inleiding", "Hoofdstuk 2 Wet Bibob", "Hoofdstuk 6 Inwerkingtreding",
                 "Paragraaf A. Bibob-toets bij een aanvraag voor een vergunning"]:
        assert head in lines, head
    assert "a. uit gepleegde strafbare feiten verkregen of te verkrijgen, op geld waardeerbare voordelen te " \
           "benutten (witwassen); of" in lines
    assert "b. strafbare feiten te plegen." in lines
    # nested lijst: the inner items follow their parent item
    i = doc.text.index("Na afronding van het eigen onderzoek")
    assert i < doc.text.index("• de bedrijfsstructuur;") < doc.text.index("• de financiering van het bedrijf;")
    # the empty artikel koppen produce no heading line
    assert "Artikel" not in lines and not [b for b in doc.blocks if b.kind == "heading" and "Artikel" in doc.text[b.start:b.end]]
    nrs = [b.attrs.get("nr") for b in doc.blocks if b.kind == "hoofdstuk"]
    assert nrs == ["1", "2", "3", "4", "5", "6"]
    li = [b for b in doc.blocks if b.kind == "li" and b.attrs.get("nr") == "a"]
    assert doc.text[li[0].start:li[0].end].startswith("a. uit gepleegde")
    assert "T.M.G van Leeuwen" in doc.text


def test_cvdr_artikel_lid_and_onderdelen_rendered_per_contract(tmp_path, limits):
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<cvdr xmlns="http://standaarden.overheid.nl/cvdr/terms/" xmlns:dcterms="http://purl.org/dc/terms/">
<meta><owmskern><dcterms:identifier>CVDR1_1</dcterms:identifier><dcterms:title>Verordening Wmo Testdorp 2020</dcterms:title></owmskern>
<owmsmantel><dcterms:source resourceIdentifier="https://wetten.overheid.nl/BWBR0035362/2020-01-01">Wet maatschappelijke ondersteuning 2015</dcterms:source></owmsmantel></meta>
<body><regeling><regeling-tekst>
<hoofdstuk><kop><label>Hoofdstuk</label><nr>1</nr><titel>Algemene bepalingen</titel></kop>
<artikel><kop><label>Artikel</label><nr>1</nr><titel>Begripsbepalingen</titel></kop>
<lid><lidnr>1.</lidnr><al>In deze verordening wordt verstaan onder:</al>
<lijst><li nr="a."><al>cliënt: de ingezetene;</al></li><li nr="b."><al>college: het college.</al></li></lijst></lid>
<lid><lidnr>2</lidnr><al>Begrippen uit de wet hebben dezelfde betekenis.</al></lid>
</artikel></hoofdstuk></regeling-tekst></regeling></body></cvdr>"""
    p = tmp_path / "verordening.xml"
    p.write_text(xml, encoding="utf-8")
    doc = read_document(p, "verordening.xml", limits)
    assert doc.text.splitlines() == [
        "Hoofdstuk 1 Algemene bepalingen", "", "Artikel 1 Begripsbepalingen",
        "1. In deze verordening wordt verstaan onder:", "a. cliënt: de ingezetene;", "b. college: het college.",
        "2. Begrippen uit de wet hebben dezelfde betekenis."]
    kinds = [(b.kind, b.attrs.get("nr")) for b in doc.blocks if b.kind != "heading"]
    assert ("hoofdstuk", "1") in kinds and ("artikel", "1") in kinds
    assert ("lid", "1") in kinds and ("lid", "2") in kinds and ("li", "a") in kinds
    assert doc.metadata["sources"] == [{"title": "Wet maatschappelijke ondersteuning 2015", "bwb": "BWBR0035362",
                                        "resource": "https://wetten.overheid.nl/BWBR0035362/2020-01-01"}]


BOMB = """<?xml version="1.0"?>
<!DOCTYPE cvdr [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<cvdr><body><regeling><al>&b;</al></regeling></body></cvdr>"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE cvdr [ <!ENTITY geheim SYSTEM "file:///etc/passwd"> ]>
<cvdr><body><al>&geheim;</al></body></cvdr>"""


@pytest.mark.parametrize("name, xml", [("bom.xml", BOMB), ("xxe.xml", XXE)])
def test_cvdr_entities_refused_with_dm107(tmp_path, limits, name, xml):
    p = tmp_path / name
    p.write_text(xml)
    with pytest.raises(ReadError) as e:
        read_document(p, name, limits)
    assert e.value.code == "DM107"


def test_cvdr_truncated_xml_gives_dm112(tmp_path, limits):
    p = tmp_path / "afgekapt.xml"
    p.write_bytes((CVDR / "cvdr_example2.xml").read_bytes()[:1500])
    with pytest.raises(ReadError) as e:
        read_document(p, "afgekapt.xml", limits)
    assert e.value.code == "DM112"
