"""Duplicates on a corpus built on templates: knowledge-base pages with one letterhead, one
introduction and the standard bezwaarclausule, and letters (beschikkingen) with the same clause.
What they share is boilerplate: only the real copies are duplicates, and the shared clause or
introduction is no duplicate passage."""

from __future__ import annotations

import random
from pathlib import Path

import docx
import pytest

from docmine.api import Options, audit

HEAD = ("Kennisbank Sociaal Domein gemeente Lindewaard\n"
        "Team Toegang, afdeling Zorg en Welzijn, Postbus 120, 4800 AC Lindewaard\n")

INTRO = ("Deze pagina hoort bij de kennisbank van het team Toegang. De kennisbank beschrijft hoe "
         "consulenten een melding behandelen, een onderzoek uitvoeren en een besluit voorbereiden. "
         "Twijfel je over een situatie die hier niet beschreven staat, overleg dan met de "
         "kwaliteitsmedewerker of leg de casus voor in het casuïstiekoverleg op donderdag.")

BEZWAAR = ("Neem in elke beschikking de volgende tekst op. Bent u het niet eens met dit besluit? Dan "
           "kunt u binnen zes weken na de datum van deze brief een bezwaarschrift sturen aan het "
           "college van burgemeester en wethouders. Vermeld daarin uw naam en adres, de datum, het "
           "besluit waartegen u bezwaar maakt en waarom u het er niet mee eens bent, en onderteken "
           "het bezwaarschrift. U kunt ook eerst bellen met uw consulent.")

CLOSING = ("Vragen over deze pagina stuur je naar de redactie van de kennisbank. De redactie "
           "controleert elke pagina twee keer per jaar en past haar aan als de regels veranderen.")

WHO = ["De consulent", "De klantmanager", "Het wijkteam", "De casusregisseur", "De kwaliteitsmedewerker",
       "De jeugdconsulent", "De schuldhulpverlener", "De aanbieder", "De cliëntondersteuner"]
DOES = ["vraagt bij de huisarts na", "legt in het dossier vast", "bespreekt met de cliënt", "controleert",
        "stuurt een bevestiging van", "plant een huisbezoek voor", "beoordeelt opnieuw", "meldt bij de aanbieder"]
WHAT = ["welke hulp de mantelzorger al geeft", "of de woning aangepast kan worden",
        "hoeveel uur huishoudelijke hulp nodig is", "welke afspraken er met school zijn",
        "of een scootmobiel de beste oplossing is", "hoe de schulden zijn ontstaan",
        "of begeleiding in een groep mogelijk is", "wanneer de ondersteuning moet ingaan",
        "welke kosten de cliënt zelf draagt", "of er een indicatie van het CIZ is"]
WHEN = ["binnen vijf werkdagen", "na het keukentafelgesprek", "voordat het besluit wordt verstuurd",
        "als de situatie verandert", "elk halfjaar", "in overleg met de gedragswetenschapper"]
TOPICS = ["huishoudelijke hulp", "woningaanpassing", "begeleiding thuis", "dagbesteding", "vervoer",
          "beschermd wonen", "jeugdhulp op school", "schuldhulp", "mantelzorgondersteuning", "hulpmiddelen",
          "respijtzorg", "logeeropvang", "pgb-aanvragen", "spoedaanvragen", "herindicaties",
          "verhuizing naar een andere gemeente", "overgang naar de Wlz", "klachten van cliënten"]


def _body(rng: random.Random) -> str:
    return " ".join(f"{rng.choice(WHO)} {rng.choice(DOES)} {rng.choice(WHAT)} {rng.choice(WHEN)}."
                    for _ in range(4))


def _page(topic: str, date: str, body: str, with_clause: bool) -> str:
    parts = [HEAD + f"Laatst gewijzigd: {date}", f"Werkwijze {topic}", INTRO, body]
    if with_clause:
        parts.append(BEZWAAR)
    parts.append(CLOSING)
    return "\n\n".join(parts) + "\n"


def _letter(name: str, date: str, what: str) -> str:
    return "\n\n".join([
        "Gemeente Lindewaard\nPostbus 120, 4800 AC Lindewaard", f"Lindewaard, {date}",
        f"Onderwerp: besluit op uw aanvraag {what}", f"Beste {name},",
        f"U heeft bij ons een aanvraag gedaan voor {what}. Wij hebben uw aanvraag onderzocht en "
        "kennen u de voorziening toe met ingang van de eerste dag van de volgende maand.",
        BEZWAAR.replace("Neem in elke beschikking de volgende tekst op. ", ""),
        "Met vriendelijke groet,\nhet college van burgemeester en wethouders van Lindewaard"]) + "\n"


def _write_docx(path: Path, text: str) -> None:
    d = docx.Document()
    for para in text.split("\n\n"):
        d.add_paragraph(para.replace("\n", " "))
    d.save(str(path))


@pytest.fixture(scope="module")
def template_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kennisbank")
    (root / "kennisbank").mkdir()
    (root / "brieven").mkdir()
    rng = random.Random(21)
    pages = {}
    for i, topic in enumerate(TOPICS):
        date = f"{rng.randint(1, 28)} {rng.choice(['maart', 'mei', 'september'])} 2023"
        pages[i] = (topic, date, _body(rng))
        text = _page(topic, date, pages[i][2], with_clause=i % 2 == 0)
        if i % 3 == 0:
            _write_docx(root / "kennisbank" / f"pagina-{i:02d}.docx", text)
        else:
            (root / "kennisbank" / f"pagina-{i:02d}.txt").write_text(text, encoding="utf-8")
    # the real duplicates: page 4 filed again with another date (DOCX), page 7 re-wrapped
    topic, _, body = pages[4]
    _write_docx(root / "kennisbank" / "oud-archief-pagina-04.docx", _page(topic, "2 februari 2021", body, True))
    topic, date, body = pages[7]
    (root / "kennisbank" / "kopie-pagina-07.txt").write_text(
        _page(topic, date, body, False).replace(". ", ".\n"), encoding="utf-8")
    for i, (name, what) in enumerate([("mevrouw Jansen", "huishoudelijke hulp"), ("meneer De Vries", "een traplift"),
                                      ("mevrouw Bakker", "begeleiding"), ("meneer Smit", "vervoer"),
                                      ("mevrouw Visser", "dagbesteding"), ("meneer Mulder", "een rolstoel")]):
        (root / "brieven" / f"brief-{i}.txt").write_text(_letter(name, f"{i + 3} april 2024", what), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def template_findings(template_corpus):
    return audit([str(template_corpus)], Options(jobs=1)).findings


def _duplicate_pairs(findings) -> set[frozenset[str]]:
    return {frozenset([f.document] + [r["document"] for r in f.related])
            for f in findings if f.rule == "dubbel-document"}


def test_only_the_real_copies_are_duplicate_documents(template_findings):
    assert _duplicate_pairs(template_findings) == {
        frozenset({"kennisbank/pagina-04.txt", "kennisbank/oud-archief-pagina-04.docx"}),
        frozenset({"kennisbank/pagina-07.txt", "kennisbank/kopie-pagina-07.txt"}),
    }


def test_shared_bezwaarclausule_and_introduction_are_no_duplicate_passages(template_findings):
    passages = [f for f in template_findings if f.rule == "dubbele-passage"]
    assert passages == [], [(f.document, f.excerpt[:60]) for f in passages]


def test_a_passage_copied_into_one_other_page_is_still_a_duplicate_passage(template_corpus, tmp_path):
    """Boilerplate is what many documents share; a paragraph two pages share is a real copy."""
    import shutil

    root = tmp_path / "kopie"
    shutil.copytree(template_corpus, root)
    own = ("Bij een spoedaanvraag voor beschermd wonen belt de consulent dezelfde dag met de "
           "crisisdienst en de zorgaanbieder, legt de afspraken vast in het dossier en stuurt de cliënt "
           "binnen twee werkdagen een brief met de tijdelijke oplossing, de naam van de contactpersoon "
           "en de datum van het volgende gesprek.")
    for name in ("pagina-05.txt", "pagina-08.txt"):
        p = root / "kennisbank" / name
        p.write_text(p.read_text(encoding="utf-8").replace(CLOSING, own + "\n\n" + CLOSING), encoding="utf-8")
    passages = [f for f in audit([str(root)], Options(jobs=1)).findings if f.rule == "dubbele-passage"]
    assert [(f.document, [r["document"] for r in f.related]) for f in passages] == [
        ("kennisbank/pagina-05.txt", ["kennisbank/pagina-08.txt"])]
    assert "spoedaanvraag" in passages[0].excerpt
