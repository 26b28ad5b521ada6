"""Fourth speed round of extraction: each shortcut gives what the plain way gives."""

import random

from docmine.extract import HEAD_DATE_LINE, _HEAD_DATE_WORDS
from docmine.extract._rx import lower_for_words, lower_line, search_start
from docmine.extract.classify import COLLEGE, RAAD_BESLUIT


def _texts(pieces, n=4000, seed=4, size=30):
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, size)))


def _same_first_match(rx, words, back, pieces):
    for text in _texts(pieces):
        at = search_start(text, lower_for_words(text), words, back)
        got = rx.search(text, at) if at != -1 else None
        want = rx.search(text)
        assert (got and got.span()) == (want and want.span()), text


def test_classify_head_patterns_searched_from_their_word():
    pieces = ["de", "De", "DE", "het", "Het", "raad", "Raad", "RAAD", "college", "College", "van", "der", "de gemeente", "gemeente",
              "burgemeester", "en", "wethouders", " ", "  ", "\n", "\t", "\u00a0", "x", "b e s l u i t", "besluit", "ı", "ſ", ",", "."]
    _same_first_match(COLLEGE, ("college",), 3, pieces)
    _same_first_match(RAAD_BESLUIT, ("raad",), 2, pieces)


def test_head_date_line_searched_from_its_word():
    pieces = ["Datum", "datum", "DATUM", "d.d.", "D.D.", "vastgesteld", "Vastgesteld op", "versiedatum", "Versiedatum", ":", "|", " ",
              "\n", "  \n", "\t", "1 januari 2020", "12-03-2019", "x", "abc", "ſ", "ı"]
    _same_first_match(HEAD_DATE_LINE, _HEAD_DATE_WORDS, 0, pieces)


def test_date_digits_found_in_latin1_bytes_like_the_candidate_regex():
    from docmine.extract.dates import DATE_RE, _matches

    pieces = ["25 maart 2019", "1e jan. 2015", "25-03-2019", "2019-03-25", "3/4/2020", "x1 mei 2020", "é1 mei 2020", "_1 mei 2019",
              "²1 mei 2019", "¹", "½", "0", "9", " ", "\n", "-", ".", "/", "mei", "2020", "12", "a", "ë", "\u00a0", "٣ maart 2019"]
    for text in _texts(pieces, 6000):
        assert [m.span() for m in _matches(text)] == [m.span() for m in DATE_RE.finditer(text)], text
    # every character of Latin-1 before a date (a word character there: no date)
    for code in range(256):
        text = chr(code) + "1 mei 2020"
        assert [m.span() for m in _matches(text)] == [m.span() for m in DATE_RE.finditer(text)], code


def test_classify_head_patterns_at_their_first_words_same_as_search():
    from docmine.extract._rx import first_at
    from docmine.extract.classify import (_BESCHIKKING_STARTS, _NADERE_STARTS, _SALUTATION_STARTS, BESCHIKKING, CLIENT_SALUTATION,
                                          NADERE)

    pieces = ["beschikking", "Beschikking", "besluit", "Besluit op uw aanvraag", "uw aanvraag", "UW", "nieuw", "wij hebben besloten",
              "Wij", "bezwaar maken", "bezwaarschrift", "geachte", "Geachte heer", "beste", "Beste mevrouw", "bestemd", "nadere regels",
              "Nadere", "beleidsregel", "beleidsregels", "uitvoeringsbesluit", "besluit jeugdhulp", "besluit maatschappelijke ondersteuning",
              " ", "  ", "\n", "x", "ſ", "ı", "é", ",", "-", "a"]
    for rx, needles in ((BESCHIKKING, _BESCHIKKING_STARTS), (CLIENT_SALUTATION, _SALUTATION_STARTS), (NADERE, _NADERE_STARTS)):
        for text in _texts(pieces, 3000):
            for end in (len(text), 40):
                got = first_at(rx, text, lower_for_words(text), needles, end)
                want = rx.search(text[:end])
                assert (got and got.span()) == (want and want.span()), (rx.pattern[:30], text, end)


def test_path_and_title_hints_searched_only_when_their_words_are_there():
    from docmine.extract.classify import PATH_HINTS, TITLE_HINTS, _may_hold

    pieces = ["Verordening", "verordening", "VERORDENING", "nadere", "Nadere regels", "nadere-regels", "regels", "beleidsregel",
              "Beleidsregels", "besluit", "/besluit", "_besluit", "Arrangement", "productenboek", "productcatalogus", "productbeschrijving",
              "werkinstructie", "beschikking", "besluit op uw aanvraag", "gespreksverslag", "verslag van het gesprek", "keukentafel",
              "keukentafelgesprek", "onderzoeksverslag", "ſ", "ı", "\u212a", "\u0130", "é", " ", "/", "-", "x", "2020"]
    hints = [(rx, words) for rx, _, words in PATH_HINTS] + [(rx, words) for rx, _, _, words in TITLE_HINTS]
    for text in _texts(pieces, 4000, size=8):
        low = lower_line(text)
        for rx, words in hints:
            if rx.search(text):
                assert _may_hold(low, words), (rx.pattern, text)


