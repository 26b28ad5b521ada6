"""The literal-first regexes (extract/_rx.py) find exactly what the plain patterns find."""

import random
import re
import sys

from docmine.extract._rx import case_variants
from docmine.extract.lawcontext import VOCAB, VOCAB_ALL, _alternatives
from docmine.extract.laws import _LAW_SCAN, LAW_RE, LAWS


def test_case_variants_cover_all_of_unicode():
    letters = "abcdefghijklmnopqrstuvwxyzëé"
    partners = {ch: [] for ch in letters}
    rx = {ch: re.compile(re.escape(ch), re.I) for ch in letters}
    any_letter = re.compile("[" + letters + "]", re.I)
    for i in range(sys.maxunicode + 1):
        c = chr(i)
        if any_letter.fullmatch(c):
            for ch in letters:
                if rx[ch].fullmatch(c):
                    partners[ch].append(c)
    for ch in letters:
        assert sorted(case_variants(ch)) == sorted(partners[ch]), ch


def _random_texts(words, n=3000, seed=8):
    rnd = random.Random(seed)
    pieces = words + [" ", "  ", "\n", "-", "_", "x", "2015", "20", "\u212a", "\u0131", "\u0130", "\u017f", "é", "ë", ".", ",", "(", "WET", "Wet "]
    for _ in range(n):
        yield "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30)))


def test_law_scan_same_matches_as_law_re():
    words = [w for law in LAWS.values() for w in law.aliases + law.abbreviations]
    words += [w.upper() for w in words] + [w.lower() for w in words] + [w[:-1] for w in words] + [w.replace(" ", "\n") for w in words]
    for text in _random_texts(words):
        assert [m.span() for m in _LAW_SCAN.finditer(text)] == [m.span() for m in LAW_RE.finditer(text)], text


def test_vocab_regex_same_matches_as_plain_pattern():
    groups: dict[str, list[str]] = {}
    for rx in VOCAB.values():
        for alt in _alternatives(rx.pattern):
            groups.setdefault(alt[0].lower(), []).append(alt[1:])
    plain = re.compile(r"\b(?:" + "|".join(f"{k}(?:{'|'.join(v)})" for k, v in sorted(groups.items())) + r")\b", re.I)
    words = ["jeugdige", "Jeugdhulp", "OUDERS", "opvoeders", "mantelzorger", "Algemene voorziening", "cliëntondersteuning",
             "CLIËNTONDERSTEUNING", "wlz-indicatie", "CIZ", "zorgkantoor", "Re-integratie", "bijzondere bijstand", "uitkering"]
    for text in _random_texts(words):
        assert [m.span() for m in VOCAB_ALL.finditer(text)] == [m.span() for m in plain.finditer(text)], text
