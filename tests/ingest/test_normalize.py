"""normalize(): hyphenation, headers/footers, OCR repairs, whitespace, and the map back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docmine.ingest.normalize import normalize, to_normalized

# characters normalize() may legitimately substitute (normalised char -> original chars)
ALLOWED = {"ë": "é", "l": "1i\ufb02\ufb04", " ": "\t\u00a0\u2007\u202f\u2009", "\n": "\f\r\x0b", "f": "\ufb00\ufb01\ufb02\ufb03\ufb04",
           "i": "\ufb01\ufb03", "u": "u", "t": "t", "a": "u"}


def assert_maps_back(raw: str, text: str, smap) -> None:
    for i, ch in enumerate(text):
        o = smap.to_original(i)
        assert 0 <= o < len(raw), (i, ch)
        assert raw[o] == ch or raw[o] in ALLOWED.get(ch, ""), (i, repr(ch), repr(raw[o]), repr(raw[max(0, o - 20):o + 20]))


def test_normalize_joins_hyphenated_line_breaks():
    text, smap, _ = normalize("De maatwerk-\nvoorziening wordt ver-\n   strekt.")
    assert text == "De maatwerkvoorziening wordt verstrekt."


def test_normalize_keeps_real_hyphens():
    text, _, _ = normalize("Een Wlz-\nindicatie en AWBZ-\nzorg en de Jeugd-\nWet, 2015-\n2016, boven-\nen onderwereld.")
    assert "Wlz-indicatie" in text
    assert "AWBZ-zorg" in text
    assert "Jeugd-Wet" in text
    assert "2015-\n2016" in text
    assert "boven-\nen onderwereld" in text


def test_normalize_repairs_ocr_confusions_conservatively():
    raw = "De cliént en cliénten, financiéle hu1p, geévalueerd. José zegt één keer: 12 1e 2015 Q1en. Jeugdhuip, resuitaat"
    text, smap, _ = normalize(raw)
    assert "De cliënt en cliënten, financiële hulp, geëvalueerd." in text
    assert "José" in text and "één" in text and "12 1e 2015 Q1en" in text
    assert "Jeugdhulp, resultaat" in text
    assert_maps_back(raw, text, smap)


def test_normalize_fixes_ligatures_soft_hyphens_and_nul():
    raw = "ﬁnanciële be\u00adschikking\x00 met\ttab"
    text, smap, _ = normalize(raw)
    assert text == "financiële beschikking met tab"
    assert raw[smap.to_original(text.index("met"))] == "m"


def test_normalize_folds_whitespace_and_blank_lines():
    text, _, _ = normalize("  Artikel 1   Begrippen  \n\n\n\n\n1. Lid   een.  \n   2. Lid twee.\n\n")
    assert text == "Artikel 1 Begrippen\n\n1. Lid een.\n2. Lid twee."


def _pages(n: int) -> str:
    pages = []
    for k in range(1, n + 1):
        pages.append(f"Gemeente Testdorp — Verordening jeugdhulp\nArtikel {k} Onderwerp {k * 7}\n"
                     f"Tekst van artikel {k} over de {['toegang', 'jeugdhulp', 'pgb', 'bezwaar', 'evaluatie'][k % 5]}.\n"
                     f"Gemeente Testdorp — pagina {k} van {n}\n- {k} -\n")
    return "\f".join(pages)


def test_normalize_drops_running_headers_footers_and_page_numbers():
    raw = _pages(5)
    text, smap, pages = normalize(raw)
    assert "Gemeente Testdorp" not in text
    assert "pagina" not in text
    assert "- 3 -" not in text
    assert "Artikel 3 Onderwerp 21" in text
    assert len(pages) == 5
    i = text.index("Artikel 4 Onderwerp")
    assert smap.page(i) == 4
    assert text[pages[3].start:].startswith("Artikel 4")
    assert_maps_back(raw, text, smap)


def test_normalize_joins_hyphenation_across_a_page_break():
    raw = ("Kop van het document\nDe maatwerk-\nPagina 1\f"
           "Kop van het document\nvoorziening geldt.\nPagina 2\f"
           "Kop van het document\nEinde.\nPagina 3")
    text, smap, pages = normalize(raw)
    assert "maatwerkvoorziening geldt." in text
    assert smap.page(text.index("voorziening")) == 2


def test_normalize_keeps_repeated_structural_lines():
    raw = "\f".join(f"Artikel {k}\nTekst {k}.\n1. Het college beslist." for k in range(1, 5))
    text, _, _ = normalize(raw)
    assert text.count("1. Het college beslist.") == 4
    assert "Artikel 3" in text


def test_normalize_lines_and_pages_map_back():
    raw = "regel een\n  regel  twee\n\n\n\nregel drie\fpagina twee begint hier"
    text, smap, pages = normalize(raw)
    assert smap.line(text.index("regel twee")) == 2
    assert smap.line(text.index("regel drie")) == 6
    assert smap.page(text.index("twee begint")) == 2
    assert [p.number for p in pages] == [1, 2]
    assert to_normalized(smap, raw.index("regel drie")) == text.index("regel drie")


def test_normalize_page_furniture_in_text_without_page_breaks():
    raw = "\n".join(f"Alinea {k} met inhoud.\nRapport Toegang — pagina {k} van 9" for k in range(1, 10))
    text, _, _ = normalize(raw)
    assert "pagina" not in text and "Alinea 9 met inhoud." in text


TOKENS = st.sampled_from(["maatwerk-\nvoorziening", "AWBZ-\nzorg", "cliént", "hu1p", "  ", "\n\n\n", "\t", "\f",
                          "Artikel 2", "1.", " tekst", "é", "ﬁ", "\u00ad", "\x00", "-", "\n", "€ 12,50", "Wlz-\n  indicatie"])


@settings(max_examples=150, deadline=None)
@given(st.lists(TOKENS, max_size=40))
def test_normalize_every_offset_maps_back_inside_the_original(tokens):
    raw = "".join(tokens)
    text, smap, pages = normalize(raw)
    if raw.strip():
        assert_maps_back(raw, text, smap)
    assert pages and pages[0].start == 0 and pages[-1].end == len(text)
    assert all(p.start <= p.end for p in pages)


BACKGROUND = Path(__file__).resolve().parents[2].parent / "shared" / "background"  # ../shared beside the checkout


@pytest.mark.skipif(not BACKGROUND.exists(), reason="background texts not available")
def test_normalize_background_ocr_texts_map_back():
    for p in sorted(BACKGROUND.glob("*.txt"))[:5]:
        raw = p.read_text(encoding="utf-8")
        text, smap, _ = normalize(raw)
        assert "cliént" not in text
        assert len(text) > 0.8 * len(raw.strip()) - raw.count("  ")
        assert_maps_back(raw, text, smap)


def test_space_edits_same_as_the_space_pattern():
    # _space_edits finds the runs with str.find; the reference is _SPACE tried at every position
    import random

    from docmine.ingest import normalize as N

    rnd = random.Random(8)
    for _ in range(20000):
        t = "".join(rnd.choice(" \n\na.b") for _ in range(rnd.randint(0, 16)))
        ref = [e for m in N._SPACE.finditer(t) for e in N._space(m)]
        assert N._space_edits(t) == ref, repr(t)


def test_looks_binary_counts_like_the_regex():
    # looks_binary counts control characters in the UTF-8 bytes; the reference is the regex
    import random

    from docmine.ingest.builder import _BINARY_CHARS, looks_binary

    rnd = random.Random(8)
    alphabet = [chr(i) for i in range(0x120)] + ["\u20ac", "\ud800", "\U0001f600", "ë", "§"]
    for k in range(20000):
        pool = alphabet if k % 2 else alphabet[:40] + ["a"] * 40
        t = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 30)))
        ref = bool(t) and len(_BINARY_CHARS.findall(t[:8192])) > len(t[:8192]) * 0.1
        assert looks_binary(t) == ref, repr(t)
