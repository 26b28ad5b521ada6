"""Extraction on hand-made edge cases and on the corpus/ documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from docmine.api import extract
from docmine.extract import extract_structure
from docmine.extract.arrangement import parse_omvang, parse_tarief
from docmine.extract.dates import parse_date
from docmine.extract.laws import LAWS, find_laws
from docmine.extract.outline import outline
from docmine.extract.references import find_references
from docmine.model import Document

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"  # ../shared beside the checkout (CI has it there)
DATA = ROOT / "tests" / "data" / "extract"
CORPUS = ROOT / "corpus"


def _doc(text: str, path: str = "x.txt") -> Document:
    return extract_structure(Document(path=path, format="txt", text=text), {})


def _by_id(doc: Document) -> dict:
    return {c.id.split("#", 1)[1]: c for c in doc.clauses}


def _corpus(rel: str) -> Document:
    p = CORPUS / rel
    if not p.exists():
        pytest.skip(f"{rel} not in corpus/")
    doc = extract(p, root=CORPUS)
    if p.suffix.lower() in (".pdf", ".docx", ".xml", ".html") and doc.text.lstrip().startswith(("<", "%PDF", "PK")):
        pytest.skip(f"no reader for {p.suffix} yet")
    return doc


# --- hand-made edge cases -------------------------------------------------------------------

def test_verordening_edge_cases_numbers_and_nesting():
    doc = _doc((DATA / "verordening-randgevallen.txt").read_text(encoding="utf-8"), "v.txt")
    c = _by_id(doc)
    assert doc.type == "verordening"
    assert c["art4a"].title == "Aanvraag" and c["art2.3"].number == "2.3"
    assert c["art4a.lid2.a.1°"].parent == doc.path + "#art4a.lid2.a"
    assert c["art4a.lid2.b"].kind == "onderdeel"
    assert c["h2.par1"].kind == "paragraaf" and c["art2"].parent == doc.path + "#h2.par1"
    # articles in Bijlage 1 restart at 1 without clashing with the main text
    assert c["bijlage1.art1.lid1"].parent == doc.path + "#bijlage1.art1"
    assert c["art1"].title == "Begripsbepalingen"
    assert c["bijlage2.par2.1"].title == "Hulp bij het huishouden"
    # the toelichting's "Artikel 1" is not a second article 1
    assert not any(k.startswith("toelichting.art") for k in c)
    assert [k for k in c if c[k].kind == "artikel" and "." not in k.split("art")[0]] == ["art1", "art2", "art4a", "art2.3", "art12"]


def test_verordening_definitions_slot_and_signature():
    doc = _doc((DATA / "verordening-randgevallen.txt").read_text(encoding="utf-8"), "v.txt")
    c = _by_id(doc)
    assert sorted(x.attrs["term"] for x in doc.clauses if x.kind == "definitie") == ["cliënt", "maatwerkvoorziening", "wet"]
    slot = c["art12.slot"]
    assert slot.attrs["inwerkingtreding"] == "2020-01-01"
    assert slot.attrs["citeertitel"] == "Verordening maatschappelijke ondersteuning Testdorp 2020"
    assert c["ondertekening"].kind == "ondertekening"
    assert doc.date.isoformat() == "2019-12-12"
    assert c["considerans"].text.startswith("De raad van de gemeente Testdorp")


def test_references_lid_and_previous_lid_resolve_to_the_current_article():
    doc = _doc((DATA / "verordening-randgevallen.txt").read_text(encoding="utf-8"), "v.txt")
    refs = _by_id(doc)["art4a.lid3"].references
    assert [(r.artikel, r.lid, r.onderdeel) for r in refs] == [("4a", 2, None), ("12", 2, "a")]


@pytest.mark.parametrize("text,expected", [
    ("als bedoeld in artikel 12, tweede lid, onder a", [("artikel", "12", 2, "a", None, None)]),
    ("als bedoeld in artikel 4.9", [("artikel", "4.9", None, None, None, None)]),
    ("artikel 2.3.2 van de Wmo 2015", [("wet", "2.3.2", None, None, "Wmo 2015", "BWBR0035362")]),
    ("artikel 8.1.1 Jeugdwet", [("wet", "8.1.1", None, None, "Jeugdwet", "BWBR0034925")]),
    ("op grond van de AWBZ", [("wet", None, None, None, "AWBZ", "BWBR0002614")]),
    ("de Wet werk en bijstand", [("wet", None, None, None, "WWB", "BWBR0015703")]),
    ("wij doen het zelf", []),
])
def test_references_targets_and_bwb(text, expected):
    got = [(r.kind, r.artikel, r.lid, r.onderdeel, r.law, r.bwb) for r in find_references(text)]
    assert got == expected


def test_references_guidelines_with_year():
    refs = find_references("volgens de Richtlijn HH 2013 en de CIZ indicatiewijzer 2014")
    assert [(r.kind, r.year) for r in refs] == [("richtlijn", 2013), ("richtlijn", 2014)]


def test_references_bare_wmo_before_2015_means_wmo_2007():
    from datetime import date

    assert find_references("de Wmo", doc_date=date(2012, 5, 1))[0].law == "Wmo 2007"
    assert find_references("de Wmo", doc_date=date(2019, 5, 1))[0].law == "Wmo 2015"


def test_laws_table_has_repeal_dates_and_successors():
    assert LAWS["AWBZ"].repealed.isoformat() == "2015-01-01" and LAWS["AWBZ"].bwb == "BWBR0002614"
    assert LAWS["Wet Bopz"].successor == "Wvggz" and LAWS["Jeugdwet"].repealed is None
    assert [l.name for l, s, e in find_laws("WIJ en wij")] == ["WIJ"]


def test_dates_dutch_formats():
    assert parse_date("25 maart 2019").isoformat() == "2019-03-25"
    assert parse_date("25-03-2019").isoformat() == "2019-03-25"
    assert parse_date("31-02-2019") is None


def test_arrangement_levels_from_text_and_table():
    doc = _doc((DATA / "arrangementen-tekst-en-tabel.txt").read_text(encoding="utf-8"), "a.txt")
    assert doc.type == "arrangementsbeschrijving"
    lv = [c for c in doc.clauses if c.kind == "niveau"]
    assert [(c.attrs["family"], c.attrs["level"], c.attrs["rank"], c.attrs["source"]) for c in lv] == [
        ("Begeleiding Groep", "laag", 0, "text"), ("Begeleiding Groep", "midden", 1, "text"),
        ("Begeleiding Individueel", "laag", 0, "table"), ("Begeleiding Individueel", "midden", 1, "table"),
        ("Begeleiding Individueel", "hoog", 2, "table")]
    assert lv[0].attrs["omvang"][0] == {"value": 1.0, "max": 2.0, "unit": "dagdeel", "per": "week", "text": "1 tot 2 dagdelen per week"}
    assert lv[4].attrs["tarief"]["amount"] == 1061.5 and lv[4].attrs["tarief"]["unit"] == "per maand"


def test_arrangement_number_parsing():
    assert parse_tarief("€ 52,30 p/dd") == {"amount": 52.3, "unit": "per dagdeel", "text": "€ 52,30 p/dd"}
    assert [(o["value"], o["unit"], o["per"]) for o in parse_omvang("4 uur per week en 2 contactmomenten per maand")] == [
        (4.0, "uur", "week"), (2.0, "contactmoment", "maand")]


def test_werkinstructie_metadata_from_header_block_and_table():
    text = "Werkinstructie huisbezoek\nVersie: 1.2\nDatum: 3 april 2020\nRedacteur: J. de Vries\n\nStap 1 Plan het bezoek\nStap 2 Leg vast"
    doc = _doc(text, "w.txt")
    assert doc.type == "werkinstructie"
    assert doc.metadata["werkinstructie"] == {"titel": "Werkinstructie huisbezoek", "datum": "2020-04-03",
                                              "versienummer": "1.2", "redacteur": "J. de Vries"}
    assert [c.number for c in doc.clauses if c.kind == "stap"] == ["1", "2"]
    from docmine.model import Table

    d2 = Document(path="w2.docx", format="docx", text="Werkinstructie X\nEigenaar | Team Wmo\nVersienummer | 3.0",
                  tables=[Table(rows=[["Eigenaar", "Team Wmo"], ["Versienummer", "3.0"]], start=17, end=56)])
    extract_structure(d2, {})
    assert d2.metadata["werkinstructie"]["redacteur"] == "Team Wmo" and d2.metadata["werkinstructie"]["versienummer"] == "3.0"


def test_type_override_by_glob():
    doc = extract_structure(Document(path="dossiers/brief-1.txt", format="txt", text="Geachte heer,"), {"dossiers/*": "beschikking"})
    assert doc.type == "beschikking" and "opgegeven" in doc.type_evidence[0]


def test_outline_lists_type_and_clause_tree():
    doc = _doc((DATA / "verordening-randgevallen.txt").read_text(encoding="utf-8"), "v.txt")
    text = outline(doc)
    assert "type:     verordening" in text and "artikel 4a Aanvraag" in text and "onderdeel 1°" in text


def test_law_context_of_clause_inherits_unless_it_says_otherwise():
    doc = _doc("Verordening maatschappelijke ondersteuning 2020\nArtikel 1 Jeugd\n1. Dit lid geldt op grond van de Jeugdwet.\n"
               "2. Geen aanspraak bij de WWB.\n", "l.txt")
    c = _by_id(doc)
    assert doc.law == "Wmo" and c["art1.lid1"].law == "Jeugdwet" and c["art1.lid2"].law == "Wmo"


# --- real inputs ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted((SHARED / "background").glob("*.txt")) + sorted((SHARED / "samples" / "cvdr").glob("*.xml")),
                         ids=lambda p: p.name)
def test_real_documents_extract_without_error(path):
    if not path.exists():
        pytest.skip("background not available")
    doc = extract(path, root=path.parent)
    assert doc.type in ("verordening", "besluit", "other", "arrangementsbeschrijving", "werkinstructie", "beschikking", "gespreksverslag")
    outline(doc)


CORPUS_TYPES = {
    "arrangementen/arrangementsbeschrijving-wmo-2018.pdf": "arrangementsbeschrijving",
    "arrangementen/beschrijving-arrangementen-jeugd-2018.txt": "arrangementsbeschrijving",
    "arrangementen/beschrijving-arrangementen-jeugd-2019.txt": "arrangementsbeschrijving",
    "arrangementen/beschrijving-arrangementen-jeugd-2020.txt": "arrangementsbeschrijving",
    "besluiten/beleidsregels-hulp-bij-het-huishouden-2013.html": "besluit",
    "besluiten/besluit-maatschappelijke-ondersteuning-lindenwaard-2019.txt": "besluit",
    "dossiers/beschikking-2021-0412-hbh.txt": "beschikking",
    "dossiers/beschikking-2021-0587-hbh.txt": "beschikking",
    "dossiers/beschikking-2022-0133-begeleiding.txt": "beschikking",
    "dossiers/gespreksverslag-2021-0412.txt": "gespreksverslag",
    "dossiers/gespreksverslag-2022-0133.txt": "gespreksverslag",
    "overig/evaluatie-keukentafelgesprekken-2016-scan.txt": "other",
    "overig/raadsinformatiebrief-wmo-en-wlz-2024.html": "other",
    "verordeningen/verordening-jeugdhulp-lindenwaard-2019.docx": "verordening",
    "verordeningen/verordening-jeugdhulp-lindenwaard-2019.txt": "verordening",
    "verordeningen/verordening-maatschappelijke-ondersteuning-lindenwaard-2020.xml": "verordening",
    "werkinstructies/archief/instructie-beschikken-onbepaalde-duur-wmo.txt": "werkinstructie",
    "werkinstructies/werkinstructie-aanvraag-persoonsgebonden-budget.txt": "werkinstructie",
    "werkinstructies/werkinstructie-keukentafelgesprek-wmo.docx": "werkinstructie",
    "werkinstructies/werkinstructie-onbepaalde-tijd-beschikken.docx": "werkinstructie",
}


@pytest.mark.parametrize("rel", sorted(CORPUS_TYPES))
def test_corpus_document_type(rel):
    assert _corpus(rel).type == CORPUS_TYPES[rel]


def test_corpus_verordening_jeugdhulp_articles_leden_definitions():
    doc = _corpus("verordeningen/verordening-jeugdhulp-lindenwaard-2019.txt")
    kinds = [c.kind for c in doc.clauses]
    assert kinds.count("artikel") == 10 and kinds.count("lid") == 16 and kinds.count("hoofdstuk") == 4
    assert sorted(c.attrs["term"] for c in doc.clauses if c.kind == "definitie") == [
        "gecertificeerde instelling", "individuele voorziening", "jeugdige", "wet"]
    assert doc.law == "Jeugdwet" and all(c.law == "Jeugdwet" for c in doc.clauses)
    refs = [r for c in doc.clauses for r in c.references]
    assert ("wet", "8.1.1", "Jeugdwet", "BWBR0034925") in [(r.kind, r.artikel, r.law, r.bwb) for r in refs]
    assert ("artikel", "7", 1, "b") in [(r.kind, r.artikel, r.lid, r.onderdeel) for r in refs]
    slot = next(c for c in doc.clauses if c.kind == "slotbepaling")
    assert slot.attrs["inwerkingtreding"] == "2019-01-01"


def test_corpus_besluit_references_to_old_laws_and_guidelines():
    doc = _corpus("besluiten/besluit-maatschappelijke-ondersteuning-lindenwaard-2019.txt")
    refs = [r for c in doc.clauses for r in c.references]
    laws = {r.law for r in refs if r.kind == "wet"}
    assert {"AWBZ", "WWB"} <= laws
    assert 2013 in {r.year for r in refs if r.kind == "richtlijn"}
    assert any(c.kind == "bijlage" and c.title and c.title.startswith("Richtlijn Hulp bij het huishouden") for c in doc.clauses)


def test_corpus_arrangementen_jeugd_levels():
    doc = _corpus("arrangementen/beschrijving-arrangementen-jeugd-2020.txt")
    lv = [(c.attrs["family"], c.attrs["level"], c.attrs.get("code"), c.attrs["omvang"][0]["value"], c.attrs["tarief"]["amount"])
          for c in doc.clauses if c.kind == "niveau"]
    assert lv == [("Jeugdhulp Ambulant", "licht", "45A01", 1.0, 71.9), ("Jeugdhulp Ambulant", "middel", "45A02", 2.0, 74.8),
                  ("Jeugdhulp Ambulant", "zwaar", "45A03", 4.0, 89.2), ("Dagbehandeling Jeugd", "basis", "45D01", 2.0, 55.0),
                  ("Dagbehandeling Jeugd", "plus", "45D02", 6.0, 57.9)]


def _tree(doc: Document) -> list[tuple]:
    return [(c.kind, c.id.split("#", 1)[1], c.number, c.title, " ".join(c.text.split())) for c in doc.clauses]


def test_corpus_same_regulation_same_tree_in_txt_and_docx():
    a = _corpus("verordeningen/verordening-jeugdhulp-lindenwaard-2019.txt")
    b = _corpus("verordeningen/verordening-jeugdhulp-lindenwaard-2019.docx")
    assert _tree(a) == _tree(b)


def test_corpus_werkinstructie_metadata_from_docx_table():
    doc = _corpus("werkinstructies/werkinstructie-onbepaalde-tijd-beschikken.docx")
    assert doc.metadata["werkinstructie"] == {
        "titel": "Werkinstructie onbepaalde tijd beschikken en periodiek onderzoek Wmo", "datum": "2019-03-25",
        "versienummer": "1.2", "redacteur": "M. van Rooij, kwaliteitsmedewerker Wmo"}
    meta = {c.attrs["field"]: c for c in doc.clauses if c.kind == "metadata"}
    assert meta["versienummer"].text == "Versienummer | 1.2"  # points at the table row in the text
    assert doc.date.isoformat() == "2019-03-25"


def test_corpus_werkinstructie_about_a_conversation_is_no_verslag():
    doc = _corpus("werkinstructies/werkinstructie-keukentafelgesprek-wmo.docx")
    assert doc.type == "werkinstructie"
    assert doc.metadata["werkinstructie"]["datum"] == "2018-06-04"
    assert doc.metadata["werkinstructie"]["redacteur"] is None  # not in the document
    assert [c.title for c in doc.clauses if c.kind == "stap"] == ["Voorbereiden", "Het gesprek", "Uren bepalen", "Verslag"]


def test_corpus_cvdr_verordening_articles_leden_onderdelen_definitions():
    doc = _corpus("verordeningen/verordening-maatschappelijke-ondersteuning-lindenwaard-2020.xml")
    assert doc.type == "verordening" and doc.law == "Wmo" and doc.date.isoformat() == "2019-12-12"
    assert doc.title == "Verordening maatschappelijke ondersteuning gemeente Lindenwaard 2020"
    kinds = [c.kind for c in doc.clauses]
    # the XML has 7 <hoofdstuk>, 26 <artikel>, 39 <lid> and 13 <li> elements
    assert (kinds.count("hoofdstuk"), kinds.count("artikel"), kinds.count("lid"), kinds.count("onderdeel")) == (7, 26, 39, 13)
    c = _by_id(doc)
    assert [x.number for x in doc.clauses if x.kind == "artikel"] == [str(n) for n in range(1, 27)]
    assert sorted(x.attrs["term"] for x in doc.clauses if x.kind == "definitie") == [
        "aanvraag", "algemene voorziening", "cliënt", "gebruikelijke hulp", "maatwerkvoorziening", "melding", "respijtzorg", "wet"]
    assert c["def.algemene-voorziening"].attrs["definition"].startswith("aanbod van diensten of activiteiten")
    # artikel 12: what a beschikking must hold, as lid 2 with onderdelen a-e
    assert [k.number for k in doc.clauses if k.parent == doc.path + "#art12"] == ["1", "2", "3"]
    onder = [k for k in doc.clauses if k.parent == doc.path + "#art12.lid2"]
    assert [k.number for k in onder] == ["a", "b", "c", "d", "e"]
    assert onder[1].text == "b. de aard en de omvang van de maatwerkvoorziening;"
    assert c["art8"].title == "Criteria voor een maatwerkvoorziening" and [k.number for k in doc.clauses if k.parent == doc.path + "#art8"] == ["1", "2"]
    slot = c["art26.slot"]
    assert slot.attrs["citeertitel"] == "Verordening maatschappelijke ondersteuning gemeente Lindenwaard 2020"
    assert slot.attrs["inwerkingtreding"] == "2020-01-01"
    assert c["ondertekening"].attrs["datum"] == "2019-12-12"
    refs = {(r.kind, r.artikel, r.lid, r.onderdeel, r.law) for x in doc.clauses for r in x.references}
    assert ("artikel", "8", 4, None, None) in refs and ("artikel", "31", None, None, None) in refs
    assert ("wet", "2.1.3", 1, None, "Wmo 2015") in refs and ("wet", "147", None, None, "Gemeentewet") in refs


def test_cvdr_samples_titles_types_and_structure():
    base = SHARED / "samples" / "cvdr"
    if not base.exists():
        base = ROOT / "tests" / "data" / "ingest" / "cvdr"
    docs = {p.name: extract(p, root=base) for p in sorted(base.glob("cvdr_example*.xml"))}
    if len(docs) < 3:
        pytest.skip("CVDR samples not available")
    d1, d2, d3 = docs["cvdr_example1.xml"], docs["cvdr_example2.xml"], docs["cvdr_example3.xml"]
    assert d1.type == "other" and d1.title.startswith("Lijst van binnengemeentelijke afnemers")
    assert d2.type == "besluit" and d2.title == "Beleidsregels verkeersveiligheid en parkeren"
    assert [c.title for c in d2.clauses if c.kind == "hoofdstuk"] == ["Parkeren", "Hard rijden", "Bebording", "Diversen",
                                                                      "Gehandicaptenparkeerplaatsen"]
    assert d3.type == "besluit" and d3.date.isoformat() == "2019-05-28"
    assert [c.number for c in d3.clauses if c.kind == "paragraaf"] == ["A", "B", "C"]
    assert any(c.kind == "slotbepaling" for c in d3.clauses) and any(c.kind == "ondertekening" for c in d3.clauses)
    refs = [r for c in d3.clauses for r in c.references]
    assert ("wet", "1.1", "Wet algemene bepalingen omgevingsrecht") in [(r.kind, r.artikel, r.law) for r in refs]  # "van die wet"


def test_arrangement_prose_levels_merged_with_table_rows():
    doc = _doc((DATA / "productenboek-proza-en-tabel.txt").read_text(encoding="utf-8"), "p.txt")
    lv = {(c.attrs["family"], c.attrs["level"]): c for c in doc.clauses if c.kind == "niveau"}
    # one clause per level; bare "Niveau 1/2" names; a level only in the table is kept
    assert sorted(lv) == [("Begeleiding Individueel", "1"), ("Begeleiding Individueel", "2"), ("Begeleiding Individueel", "3"),
                          ("Dagbesteding", "basis"), ("Dagbesteding", "intensief")]
    assert [lv[("Begeleiding Individueel", n)].attrs["rank"] for n in "123"] == [0, 1, 2]
    # ranks follow the known order (basis < intensief), not the order of the text
    assert lv[("Dagbesteding", "basis")].attrs["rank"] == 0 and lv[("Dagbesteding", "intensief")].attrs["rank"] == 1
    basis = lv[("Dagbesteding", "basis")]
    assert basis.attrs["source"] == "text" and basis.attrs["code"] == "07D01"
    assert basis.attrs["omvang"][0]["value"] == 1.5 and basis.attrs["tarief"]["amount"] == 30.0  # tarief from the table row
    assert basis.attrs["table"]["text"] == "Dagbesteding | basis | € 30,00 per dagdeel"
    intensief = lv[("Dagbesteding", "intensief")]
    assert intensief.text.endswith("Omvang: vier dagdelen per week.")  # the span is the prose, wrapped line included
    assert intensief.attrs["doelgroep"] == "de cliënt heeft voortdurend toezicht nodig."
    twee = lv[("Begeleiding Individueel", "2")]
    assert twee.attrs["doelgroep"] == "de cliënt heeft elke dag steun nodig."  # below a bare heading and a blank line
    assert twee.attrs["conflicts"]["tarief"]["table"]["amount"] == 60.0 and twee.attrs["tarief"]["amount"] == 58.0
    een = lv[("Begeleiding Individueel", "1")]
    assert [(o["value"], o["unit"], o["per"]) for o in een.attrs["omvang"]] == [(2.0, "uur", "week")]
    assert een.attrs["duur"][0]["value"] == 3.0 and een.attrs["duur"][0]["unit"] == "maand"
    assert lv[("Begeleiding Individueel", "3")].attrs["source"] == "table"


def test_corpus_pdf_arrangement_levels_from_text_and_table():
    doc = _corpus("arrangementen/arrangementsbeschrijving-wmo-2018.pdf")
    assert doc.type == "arrangementsbeschrijving"
    lv = [c for c in doc.clauses if c.kind == "niveau"]
    got = [(c.attrs["family"], c.attrs["level"], c.attrs["rank"], c.attrs["code"], c.attrs["omvang"][0]["value"],
            c.attrs["omvang"][0]["unit"], c.attrs["tarief"]["amount"]) for c in lv]
    assert got == [
        ("Begeleiding Groep", "laag", 0, "02A11", 2.0, "dagdeel", 38.2), ("Begeleiding Groep", "midden", 1, "02A12", 4.0, "dagdeel", 44.6),
        ("Begeleiding Groep", "hoog", 2, "02A13", 6.0, "dagdeel", 52.8),
        ("Begeleiding Individueel", "laag", 0, "02B21", 1.0, "uur", 56.4), ("Begeleiding Individueel", "midden", 1, "02B22", 3.0, "uur", 61.9),
        ("Begeleiding Individueel", "hoog", 2, "02B23", 5.0, "uur", 58.7),
        ("Dagbesteding", "laag", 0, "03D31", 1.0, "dagdeel", 31.5), ("Dagbesteding", "midden", 1, "03D32", 2.0, "dagdeel", 36.8),
        ("Dagbesteding", "hoog", 2, "03D33", 9.0, "dagdeel", 49.9),
        ("Kortdurend Verblijf", "laag", 0, "04K41", 1.0, "etmaal", 128.0), ("Kortdurend Verblijf", "midden", 1, "04K42", 2.0, "etmaal", 131.5),
        ("Kortdurend Verblijf", "hoog", 2, "04K43", 4.0, "etmaal", 135.0),
        ("Huishoudelijke Ondersteuning", "basis", 0, "05H51", 2.5, "uur", 27.4),
        ("Huishoudelijke Ondersteuning", "plus", 1, "05H52", 2.5, "uur", 27.9)]
    assert all(c.attrs["source"] == "text" and c.attrs["table"]["page"] == 3 and "conflicts" not in c.attrs for c in lv)
    hoog = next(c for c in lv if c.attrs["family"] == "Begeleiding Individueel" and c.attrs["level"] == "hoog")
    assert hoog.attrs["doelgroep"] == "uitsluitend cliënten met niet-aangeboren hersenletsel (NAH)."
    assert hoog.text.startswith("Begeleiding Individueel Hoog (code 02B23)") and hoog.text.endswith("Tarief: € 58,70 per uur.")
    assert hoog.page == 1 and doc.text[hoog.attrs["table"]["start"]:hoog.attrs["table"]["end"]].startswith("Begeleiding Individueel | 02B23")


@pytest.mark.parametrize("text,title", [
    ("Gemeente Maastricht\n\n> RETOURADRES Postbus 1992\n\nAan de dames en heren,\nleden van de gemeenteraad\n\nONDERWERP\n"
     "Beantwoording technische vragen\nVerbeterplan sociaal domein\nBEHANDELD DOOR\nR. Reints\n", "Beantwoording technische vragen Verbeterplan sociaal domein"),
    (" Onderwerp\n\nSystematiek verwerving in het sociaal domein 2018 en verder.\n\nVoorstel\n", "Systematiek verwerving in het sociaal domein 2018 en verder"),
    ("Geachte raadsleden,\n\nOnderwerp: Quickscans toegang\n\nTijdens de bijeenkomst ...", "Quickscans toegang"),
    ("Geachte raadsleden,\n\nTijdens de informatiebijeenkomst over het verbeterplan is gevraagd naar de quickscans. Hierbij ontvangt u ze.\n",
     "Tijdens de informatiebijeenkomst over het verbeterplan is gevraagd naar de quickscans."),
    ("Beschikking maatwerkvoorziening begeleiding\n\nGemeente Lindenwaard\nPostbus 120\n\nOnderwerp: besluit op uw aanvraag\n", "Beschikking maatwerkvoorziening begeleiding"),
])
def test_title_of_letters_is_subject_or_first_heading_not_salutation(text, title):
    from docmine.extract import guess_title

    assert guess_title(Document(path="brief.txt", format="txt", text=text)) == title


def test_title_prefers_metadata_title():
    from docmine.extract import guess_title

    doc = Document(path="b.docx", format="docx", text="Geachte heer,\n\nOnderwerp: iets anders", metadata={"title": "Raadsvoorstel jeugdhulp"})
    assert guess_title(doc) == "Raadsvoorstel jeugdhulp"


def test_extract_placeholder_metadata_date_is_not_the_document_date():
    """reportlab writes 2000-01-01 into a PDF when built reproducibly; the title's year is better."""
    from docmine.api import extract

    doc = extract(CORPUS / "arrangementen" / "arrangementsbeschrijving-wmo-2018.pdf", root=CORPUS)
    assert doc.metadata["created"].startswith("2000-01-01")
    assert doc.date is not None and doc.date.year == 2018
