"""Third speed round of extraction: each shortcut gives what the plain way gives."""

import random
import re

from docmine.extract._rx import lower_for_words, matches_at
from docmine.extract.references import _Taken
from docmine.extract.verordening import _positions, _within


def _texts(pieces, n=3000, seed=8, size=30):
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, size)))


def test_taken_spans_bisect_like_every_span():
    rnd = random.Random(8)
    for _ in range(500):
        spans, plain = _Taken(), []
        for _ in range(40):
            s = rnd.randint(0, 200)
            e = s + rnd.randint(1, 15)
            want = all(e <= a or s >= b for a, b in plain)
            assert spans.free(s, e) == want
            if want:
                spans.take(s, e)
                plain.append((s, e))


def test_positions_within_same_as_find():
    rnd = random.Random(8)
    for text in _texts(["in werking", "in", " ", "werking", "inwerkingtreding", "aa", "a", "x"], 1000):
        for word in ("in werking", "aa", "inwerkingtreding"):
            starts = _positions(text, word)
            assert starts == [m.start() for m in re.finditer(f"(?={re.escape(word)})", text)]
            for _ in range(10):
                b = rnd.randint(0, len(text))
                e = rnd.randint(0, len(text) + 2)
                assert _within(starts, len(word), b, e) == (text.find(word, b, e) != -1), (text, word, b, e)


def test_tarief_at_needles_same_as_finditer():
    from docmine.extract.classify import _TARIEF_STARTS, TARIEF

    pieces = ["tarief", "Tarief", "TARIEVEN", "tarieven", "productcode", "Productcode", "x", " ", "\n", "-", "é", "ſ", "ı", "2",
              "tariefje", "product code"]
    for text in _texts(pieces):
        low = lower_for_words(text)
        if low is None:
            continue
        assert [m.span() for m in matches_at(TARIEF, text, low, _TARIEF_STARTS)] == [m.span() for m in TARIEF.finditer(text)], text


def _near_two_matches(rx, text, low, needle, back):
    """_near before the full match was tried first (the windowed match, then the full one)."""
    pos = 0
    i = low.find(needle)
    while i != -1:
        if back == 0:
            m = rx.match(text, i, i + len(needle) + 60) if i >= pos else None
        else:
            m = rx.search(text, max(pos, i - back), i + len(needle) + 60)
        if m is not None and m.start() <= i:
            m = rx.match(text, m.start()) or m
            yield m
            pos = m.end()
            i = low.find(needle, max(pos, i + 1))
        else:
            i = low.find(needle, i + 1)


def test_near_full_match_first_same_as_windowed_first():
    from docmine.extract.references import ARTICLE_RE, ARTICLES_RE, _near

    pieces = ["artikel", "Artikel", "artikelen", "Art.", "art", " ", "  ", "\n", "          ", ",", ", ", "12", "3", "2.1.3", "4a", ":", "en",
              "of", "tot en met", "eerste", "tweede", " lid", "lid ", "onder", "sub", " a", "b", "°", "van de", "van", "het", "die", "de",
              "Wmo 2015", "Jeugdwet", "Wet", "wet", "Gemeentewet", "Verordening", "Besluit", "Nadere regels", "2020", "deze", "verordening",
              "maatschappelijke", "ondersteuning", "bedoeld", "x", "-", "."]
    for text in _texts(pieces, 6000, size=40):
        low = text.lower()
        if len(low) != len(text):
            continue
        for rx, needle in ((ARTICLE_RE, "art"), (ARTICLES_RE, "artikelen")):
            got = [(m.span(), m.groupdict()) for m in _near(rx, text, low, needle, 0)]
            want = [(m.span(), m.groupdict()) for m in _near_two_matches(rx, text, low, needle, 0)]
            assert got == want, text
