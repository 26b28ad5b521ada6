"""Fourth speed round of extraction: each shortcut gives what the plain way gives."""

import random

from docmine.extract._rx import lower_for_words, search_start


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


def test_the_head_date_line_searched_from_its_labels_first_words():
    from docmine.extract import _build_head_date
    from docmine.vocabulary import current

    line, first_words = current().derived("head-date", _build_head_date)
    pieces = ["Datum", "datum", "DATUM", "d.d.", "D.D.", "vastgesteld", "Vastgesteld op", "versiedatum", "Versiedatum", ":", "|", " ",
              "\n", "  \n", "\t", "1 januari 2020", "12-03-2019", "x", "abc", "ſ", "ı"]
    _same_first_match(line, first_words, 0, pieces)


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


