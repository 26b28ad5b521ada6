"""Document types from the vocabulary: a user's salutation or decision phrase makes a letter a
beschikking, whatever the phrase starts with; metadata labels make a werkinstructie."""

from __future__ import annotations

import pytest

from docmine.extract import extract_structure
from docmine.extract.classify import guess_title
from docmine.extract._rx import literal_starts
from docmine.model import Document

LETTER = ("Gemeente Veendijk\n\nBetreft: uw verzoek om hulp bij het huishouden\n\n{salutation},\n\n"
          "Op 3 maart 2025 ontvingen wij uw verzoek. {decision} Wij lichten dat hieronder toe.\n\n"
          "Met vriendelijke groet,\nhet college van burgemeester en wethouders\n")


def _type(text: str, path: str = "brief.txt") -> str:
    return extract_structure(Document(path=path, format="txt", text=text)).type


def test_a_shipped_salutation_and_decision_make_a_letter_a_beschikking():
    assert _type(LETTER.format(salutation="Geachte mevrouw Bakker", decision="Wij hebben besloten u deze hulp te geven.")) == "beschikking"
    assert _type(LETTER.format(salutation="Hallo Anouk", decision="Wij gaan akkoord met uw verzoek.")) != "beschikking"


@pytest.mark.parametrize("salutation, decision, cues", [
    ("Hallo Anouk", "Wij gaan akkoord met uw verzoek.", "client_letter: ['hallo [a-z]+']\n  beschikking_cues: ['wij gaan akkoord']"),
    # a phrase that starts with a group or a class is searched along the whole head
    ("Lieve Anouk", "Uw verzoek is goedgekeurd.", "client_letter: ['(?:lieve|dag) [a-z]+']\n  beschikking_cues: ['[a-z]+ is goedgekeurd']"),
    ("HALLO ANOUK", "WIJ GAAN AKKOORD met uw verzoek.", "client_letter: ['hallo [a-z]+']\n  beschikking_cues: ['wij gaan akkoord']"),
])
def test_a_users_salutation_and_decision_phrase_make_a_letter_a_beschikking(pack, salutation, decision, cues):
    text = LETTER.format(salutation=salutation, decision=decision)
    assert _type(text) != "beschikking"
    pack(f"vocabulary:\n  {cues}\n")
    assert _type(text) == "beschikking"


def test_literal_starts_are_the_plain_words_a_pattern_starts_with():
    assert literal_starts(["geachte (?:heer|mevrouw)\\b", "aan:? de heer", "^Mevrouw [A-Z]", "u krijgt"]) == \
        [("geachte ", 0), ("aan", 0), ("mevrouw ", 0), ("u krijgt", 0)]
    assert literal_starts(["geachte heer", "(?:beste|lieve) heer"]) is None  # one without: all searched
    assert literal_starts(["heer|mevrouw"]) is None  # an alternation outside a group
    assert literal_starts(["cliënt krijgt"]) == [("cli", 0)]  # ASCII only: lower() keeps the offsets
    assert literal_starts(["\\bwij"]) is None


def test_metadata_labels_in_the_head_make_a_werkinstructie(pack):
    text = "Afhandeling van een melding\n\nVersie: 2.3\nBeheerder: K. Yilmaz\n\n1. Lees de melding.\n2. Bel de cliënt.\n"
    assert _type(text, "melding.txt") == "werkinstructie"
    other = "Afhandeling van een melding\n\nUitgave 2.3\nHoeder: K. Yilmaz\n\n1. Lees de melding.\n2. Bel de cliënt.\n"
    assert _type(other, "melding.txt") != "werkinstructie"
    pack("vocabulary:\n  werkinstructie_fields: {versienummer: [uitgave], redacteur: [hoeder]}\n")
    assert _type(other, "melding.txt") == "werkinstructie"


# --------------------------------------------------------------- document-type cues of titles, paths and letters

def test_a_users_title_cue_makes_a_catalogue_an_arrangementsbeschrijving(pack):
    text = "Zorgcatalogus begeleiding 2025\n\nIn deze catalogus staat wat inwoners aan begeleiding kunnen krijgen.\n"
    assert _type("Productenboek begeleiding 2025\n\nIn dit boek staat wat inwoners aan begeleiding kunnen krijgen.\n") \
        == "arrangementsbeschrijving"
    assert _type(text) == "other"
    pack("vocabulary:\n  title_cues: {arrangementsbeschrijving: [zorgcatalogus]}\n")
    assert _type(text) == "arrangementsbeschrijving"
    assert _type(text.replace("Zorgcatalogus", "Zorgcatalogusoverzicht")) == "other"  # whole words


def test_a_users_path_cue_adds_to_what_the_text_says(pack):
    text = "Aanvraag vervoerspas afhandelen\n\nVersie: 3.1\n\nControleer de aanvraag en stuur de pas op.\n"
    assert _type(text, "werkwijzers/vervoerspas.txt") == "other"  # one metadata field alone is too little
    pack("vocabulary:\n  path_cues: {werkinstructie: [werkwijzer]}\n")
    assert _type(text, "werkwijzers/vervoerspas.txt") == "werkinstructie"
    assert _type(text, "nieuws/vervoerspas.txt") == "other"


def test_a_users_title_lead_says_what_the_document_is(pack):
    text = "Stappenplan aanvraag persoonsgebonden budget\n\nDe consulent controleert eerst of de inwoner het budget zelf kan beheren.\n"
    assert _type(text, "pgb.txt") == "other"
    pack("vocabulary:\n  title_leads: {werkinstructie: [stappenplan]}\n")
    assert _type(text, "pgb.txt") == "werkinstructie"
    assert _type("Een stappenplan voor de aanvraag\n\nDe consulent controleert het budget.\n", "pgb.txt") == "other"


def test_a_users_council_letter_is_not_checked_as_the_verordening_it_discusses(pack):
    text = "Raadsbrief verordening jeugdhulp 2025\n\nHet college informeert de raad over de evaluatie van de verordening.\n"
    assert _type(text, "brief.txt") == "verordening"
    pack("vocabulary:\n  council_letters: [raadsbrief]\n")
    assert _type(text, "brief.txt") == "other"
    greeting = "Evaluatie verordening jeugdhulp 2025\n\nAan het presidium en de raadsleden,\n\nHet college informeert u.\n"
    assert _type(greeting, "brief.txt") == "verordening"
    pack("vocabulary:\n  council_salutations: ['aan het presidium']\n")
    assert _type(greeting, "brief.txt") == "other"


VERSLAG = ("Huisbezoek familie Demir\n\nDatum: 4 februari 2025\n\n{a}\nMevrouw wil weer zelf boodschappen doen.\n\n"
           "{b}\nHaar dochter komt twee keer per week langs.\n\nHulpvraag\nMevrouw vraagt hulp bij het huishouden.\n\n"
           "Gebruikelijke hulp\nDe dochter helpt al met de was.\n\nEigen mogelijkheden\nMevrouw kookt nog zelf.\n")


def test_a_users_steps_of_the_investigation_make_a_gespreksverslag(pack):
    shipped = VERSLAG.format(a="Gewenst resultaat", b="Sociaal netwerk")
    assert _type(shipped, "demir.txt") == "gespreksverslag"
    own = VERSLAG.format(a="Wat wil mevrouw bereiken", b="Wie helpen er al")
    assert _type(own, "demir.txt") != "gespreksverslag"
    pack("vocabulary:\n  verslag_step_cues: [wat wil \\w+ bereiken, wie helpen er al]\n")
    assert _type(own, "demir.txt") == "gespreksverslag"


def test_a_users_subject_label_gives_a_letters_title(pack):
    letter = "Gemeente Veendijk\nPostbus 40\n\nAangaande: vervoersvoorziening\n\nBeste mevrouw Smit,\n\nU vroeg om een scootmobiel.\n"
    doc = Document(path="brief.txt", format="txt", text=letter)
    assert guess_title(doc) != "vervoersvoorziening"
    pack("vocabulary:\n  letter_subject_labels: [aangaande]\n")
    assert guess_title(doc) == "vervoersvoorziening"
    head = "Kantooradres Markt 1\nPostbus 40\n\nBeleidsregels vervoer 2025\n"
    assert guess_title(Document(path="b.txt", format="txt", text=head)) == "Kantooradres Markt 1"
    pack("vocabulary:\n  letterhead_lines: [kantooradres]\n")
    assert guess_title(Document(path="b.txt", format="txt", text=head)) == "Beleidsregels vervoer 2025"


OVERZICHT = """Overzicht begeleiding 2025

Begeleiding individueel licht
Voor inwoners die zich grotendeels zelf redden.
Kostprijs: 52,30 per uur

Begeleiding individueel zwaar
Voor inwoners die zich niet zelf redden.
Kostprijs: 68,10 per uur
"""


def test_a_users_tariff_word_counts_beside_the_levels(pack):
    assert _type(OVERZICHT, "overzicht.txt") == "other"
    assert _type(OVERZICHT.replace("Kostprijs:", "Tarief: €"), "overzicht.txt") == "arrangementsbeschrijving"
    pack("vocabulary:\n  tariff_words: [kostprijs]\n")
    assert _type(OVERZICHT, "overzicht.txt") == "arrangementsbeschrijving"


REGELING = """Regeling vervoer regio Veendijk 2025

Het dagelijks bestuur van de regio Veendijk;
gelet op artikel 5 van de gemeenschappelijke regeling;

besluit vast te stellen:

Artikel 1 Begrippen
In deze regeling wordt verstaan onder vervoer: het vervoer van inwoners naar dagbesteding.

Artikel 2 Aanvraag
Een inwoner vraagt vervoer aan bij het loket.

Artikel 3 Beslissing
Het loket beslist binnen acht weken.
"""


def test_a_users_enacting_body_makes_a_regulation_a_besluit(pack):
    assert _type(REGELING, "regeling.txt") != "besluit"
    pack("vocabulary:\n  college_cues: [dagelijks bestuur van de regio]\n")
    assert _type(REGELING, "regeling.txt") == "besluit"


BRIEF = """Gemeente Veendijk

Hallo Anouk,

Op 3 maart 2025 ontvingen wij {vraag}. Hieronder lees je wat we hebben afgesproken.

Ben je het hier niet mee eens? Dan kun je binnen zes weken bezwaar indienen bij het college.

Groeten van het sociaal team
"""


def test_a_users_greeting_and_head_cue_make_a_letter_a_beschikking(pack):
    letter = BRIEF.format(vraag="je verzoek om hulp bij het huishouden")
    assert _type(letter, "brief.txt") != "beschikking"
    pack("vocabulary:\n  letter_greetings: ['hallo \\w+']\n")
    assert _type(letter, "brief.txt") != "beschikking"  # a greeting and a bezwaar clause alone: 3 points
    pack("vocabulary:\n  letter_greetings: ['hallo \\w+']\n  beschikking_head_cues: [je verzoek]\n")
    assert _type(letter, "brief.txt") == "beschikking"
