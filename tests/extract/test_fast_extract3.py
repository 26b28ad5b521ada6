"""Third speed round of extraction: each shortcut gives what the plain way gives."""

import random
import re

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


