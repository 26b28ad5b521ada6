"""Document types from the vocabulary: a user's salutation or decision phrase makes a letter a
beschikking, whatever the phrase starts with; metadata labels make a werkinstructie."""

from __future__ import annotations

import pytest

from docmine.extract import extract_structure
from docmine.extract._rx import literal_starts
from docmine.model import Document
from docmine.rules.loader import load_packs
from docmine.vocabulary import activate

LETTER = ("Gemeente Veendijk\n\nBetreft: uw verzoek om hulp bij het huishouden\n\n{salutation},\n\n"
          "Op 3 maart 2025 ontvingen wij uw verzoek. {decision} Wij lichten dat hieronder toe.\n\n"
          "Met vriendelijke groet,\nhet college van burgemeester en wethouders\n")


def _type(text: str, path: str = "brief.txt") -> str:
    return extract_structure(Document(path=path, format="txt", text=text)).type


@pytest.fixture
def pack(tmp_path):
    def use(body: str) -> None:
        file = tmp_path / "eigen.yml"
        file.write_text(body, encoding="utf-8")
        activate(load_packs([file])[1])
    yield use
    activate(None)


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
