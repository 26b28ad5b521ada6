"""dubbele-passage between national legislation: a law and its successor share articles by design;
a municipality's own document that copies such an article is still found."""

from __future__ import annotations

from docmine.api import Options, audit

ARTICLE = ("Artikel 12\n\n1. Het college draagt er zorg voor dat de jeugdige of zijn ouders die daarom "
           "verzoeken, binnen vier weken na de melding een gesprek krijgen met een deskundige over de "
           "aard en de omvang van de hulpvraag, de mogelijkheden van het eigen netwerk en de voorzieningen "
           "in de buurt die daarbij passend ondersteuning kunnen bieden.\n\n2. Het college legt de uitkomst "
           "van dat gesprek schriftelijk vast en verstrekt de jeugdige en zijn ouders daarvan een afschrift, "
           "zodat zij weten welke afspraken er gemaakt zijn en wat de volgende stap in het onderzoek is.\n\n")


OLD_LAW = ["De stichting die het bureau jeugdzorg in stand houdt, ontvangt een jaarlijkse uitkering van de provincie.",
           "Gedeputeerde staten stellen elke vier jaar een beleidskader vast voor de zorg aan jeugdigen in de provincie.",
           "De raad van toezicht van de stichting benoemt de directeur en stelt zijn bezoldiging vast.",
           "Een pleegouder ontvangt een vergoeding volgens de tabel in de bijlage bij deze wet.",
           "Onze Minister kan bij regeling nadere regels stellen over de registratie van meldingen."]
NEW_LAW = ["Het college stelt periodiek een plan vast dat richting geeft aan het beleid voor preventie en jeugdhulp.",
           "De gemeente draagt zorg voor een toegankelijke voorziening waar jeugdigen en ouders advies kunnen vragen.",
           "Jeugdhulpaanbieders werken samen met de huisarts, de jeugdarts en de medisch specialist in de regio.",
           "Het college treft een regeling voor het geven van een persoonsgebonden budget aan ouders die dat vragen.",
           "Bij algemene maatregel van bestuur worden regels gesteld over de kwaliteit van de verleende hulp."]


def _law(title: str, sentences: list[str]) -> str:
    other = "".join(f"Artikel {n}\n\n{text}\n\n" for n, text in enumerate(sentences, start=1))
    return f"# {title}\n\n{other}{ARTICLE}"


def _passages(result) -> list[tuple[str, list[str]]]:
    return [(f.document, sorted(r["document"] for r in f.related)) for f in result.findings if f.rule == "dubbele-passage"]


def test_two_laws_sharing_an_article_are_not_a_duplicate_passage(tmp_path):
    (tmp_path / "oude_wet.md").write_text(_law("Wet van 22 april 2004, houdende regels over jeugdzorg", OLD_LAW),
                                          encoding="utf-8")
    (tmp_path / "nieuwe_wet.md").write_text(_law("Wet van 1 maart 2014, inzake jeugdhulp", NEW_LAW),
                                            encoding="utf-8")
    result = audit([tmp_path], Options(jobs=1))
    assert {d.path: d.metadata.get("soort") for d in result.documents} == {"oude_wet.md": "wet", "nieuwe_wet.md": "wet"}
    assert not [f for f in result.findings if f.rule in ("dubbel-document", "versies")]  # two different laws
    assert _passages(result) == []


def test_a_municipal_text_copying_a_law_article_is_still_found(tmp_path):
    (tmp_path / "nieuwe_wet.md").write_text(_law("Wet van 1 maart 2014, inzake jeugdhulp", NEW_LAW),
                                            encoding="utf-8")
    verordening = ("Verordening jeugdhulp gemeente Zandvoorde 2023\n\nDe raad van de gemeente Zandvoorde;\n\nbesluit:\n\n"
                   "Artikel 1 Begrippen\n\nIn deze verordening wordt verstaan onder college: het college van "
                   "burgemeester en wethouders van de gemeente Zandvoorde.\n\n" + ARTICLE)
    (tmp_path / "verordening.txt").write_text(verordening, encoding="utf-8")
    result = audit([tmp_path], Options(jobs=1))
    found = _passages(result)
    assert found and {doc for doc, _ in found} | {r for _, rel in found for r in rel} == {"nieuwe_wet.md", "verordening.txt"}
