"""The literal-first regexes (extract/_rx.py) find exactly what the plain patterns find."""

import random
import re
import sys

from docmine.extract._rx import case_variants


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




def test_date_candidates_same_matches_as_finditer():
    from docmine.extract.dates import DATE_RE, _matches

    words = ["25 maart 2019", "1e jan. 2015", "25-03-2019", "2019-03-25", "3/4/2020", "x1 mei 2020", "٣ maart 2019",
             "31-02-2019", "12", "2020", "a", "_1 mei 2019", "1 mei 20199"]
    for text in _random_texts(words):
        assert [m.span() for m in _matches(text)] == [m.span() for m in DATE_RE.finditer(text)], text


def test_ascii_lower_agrees_with_lower_on_ascii_characters():
    from docmine.extract._rx import ascii_lower

    rnd = random.Random(8)
    alphabet = [chr(i) for i in range(0x20, 0x250)] + ["\u2013", "\u20ac", "\U0001f600", "\ud800", "\udc00", "\u212a",
                                                       "\u0130", "\u03a3", "\u4141", "\u0141", "A", "Z"]
    for _ in range(30000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        low = ascii_lower(text)
        if low is None:
            assert "\u212a" in text or "\u0130" in text or len(text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")) != len(text)
            continue
        ref = text.lower()
        assert len(low) == len(ref) == len(text)
        for a, b in zip(low, ref):
            assert a.isascii() == b.isascii() and (a == b or not a.isascii()), text


CLASSIFY_WORDS = ["Werkinstructie", "werkinstructie", "Versie: 2", "auteur:", "Beschikking", "uw aanvraag", "Geachte heer", "beste",
                  "bezwaar", "tarief", "productcode", "niveau laag", "Niveau 2", "hoog\n", "Artikel 3 Begrippen\n", "ARTIKEL 4\n",
                  "Art. 5\n", "het college van burgemeester en wethouders", "besluit", "De raad van de gemeente X", "gelet op",
                  "nadere regels", "beleidsregels", "gespreksverslag", "keukentafelgesprek", "hulpvraag", "gewenste resultaat",
                  "gewenst resultaat", "eigen mogelijkheden", "sociaal netwerk", "gebruikelijke hulp", "Geachte leden van de raad",
                  "verslag van het gesprek", "\n", " ", "x", "\u017f", "\u0131", "\u212a", "\u0130", "WERKINſTRUCTIE", "tarıef"]


def test_classify_same_without_the_word_checks(monkeypatch):
    # classify skips a pattern when a word its matches need is not in the text; without the checks
    # (lower_for_words -> None) every pattern is searched: the same type and reasons
    import importlib

    from docmine.model import Document

    C = importlib.import_module("docmine.extract.classify")

    rnd = random.Random(8)
    docs = []
    for k in range(2500):
        text = "".join(rnd.choice(CLASSIFY_WORDS) for _ in range(rnd.randint(1, 40)))
        docs.append(Document(path=f"d{k}.txt", format="txt", text=text))
    fast = [C.classify(d, C.guess_title(d) or "") for d in docs]
    monkeypatch.setattr(C, "lower_for_words", lambda text: None)
    assert [C.classify(d, C.guess_title(d) or "") for d in docs] == fast


def test_artikel_lines_counts_like_the_line_pattern():
    C = __import__("importlib").import_module("docmine.extract.classify")
    rnd = random.Random(8)
    pieces = ["Artikel 3", "ARTIKEL 4a", "Art. 5", "Art 6", "Artikelen 7", "\n", " ", "\t", "\u00a0", "\u2028", "x", "12", ".3",
              ":4", "b", "Artikel\n\n9", "\n\n"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12)))
        assert C._artikel_lines(text) == len(C.ARTIKEL_LINE.findall(text)), text


def test_verordening_lines_same_as_a_find_per_line():
    from docmine.extract.verordening import _lines

    def plain(text, start=0, end=None):
        end = len(text) if end is None else end
        pos, out = start, []
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl == -1 else nl
            out.append((pos, stop, text[pos:stop]))
            pos = stop + 1
        return out

    rnd = random.Random(8)
    for _ in range(20000):
        text = "".join(rnd.choice("ab\n") for _ in range(rnd.randint(0, 10)))
        a = rnd.randint(0, len(text))
        b = rnd.randint(a, len(text))
        assert _lines(text) == plain(text) and _lines(text, a, b) == plain(text, a, b), (text, a, b)


def test_document_law_same_without_the_vocabulary_shortcut(monkeypatch):
    # document_law skips counting the vocabulary when it cannot change the leader
    from docmine.extract import lawcontext as LC
    from docmine.extract.laws import find_laws
    from docmine.model import Document

    words = ["Jeugdwet", "Wmo 2015", "Wet maatschappelijke ondersteuning", "Wlz", "Participatiewet", "AWBZ", "WWB",
             "op grond van de Jeugdwet", "jeugdhulp", "ouders", "jeugdige", "maatwerkvoorziening", "mantelzorger", "CIZ",
             "zorgkantoor", "bijstand", "uitkering", "re-integratie", "\n", " ", "x " * 200]
    rnd = random.Random(8)
    cases = []
    for k in range(1500):
        text = "".join(rnd.choice(words) for _ in range(rnd.randint(1, 60)))
        title = rnd.choice([None, "Verordening jeugdhulp", "Beleidsregels Wmo", "Bijstand", "Notitie"])
        sources = rnd.choice([None, [], ["Jeugdwet"], [{"title": "Wet langdurige zorg"}, "Wmo 2015"]])
        doc = Document(path=f"d{k}.txt", format="txt", text=text, metadata={"sources": sources} if sources is not None else {})
        cases.append((doc, title))
    fast = [LC.document_law(d, t, find_laws(d.text)) for d, t in cases]
    monkeypatch.setattr(LC, "_VOCAB_MAX", float("inf"))
    assert [LC.document_law(d, t, find_laws(d.text)) for d, t in cases] == fast


def test_guess_title_same_with_all_lines_cleaned_first(monkeypatch):
    import importlib

    from docmine.model import Document

    C = importlib.import_module("docmine.extract.classify")
    words = ["Geachte heer,", "Onderwerp:", " Verbeterplan sociaal domein", "Datum: 1 mei 2020", "Gemeente X", "\n", "\n\n",
             "  # Verordening jeugdhulp 2020", "De raad", "besluit.", "Beste,", "wij schrijven u over de aanvraag.", "BEHANDELD DOOR",
             "Kenmerk", " ", "ab", "x" * 40]
    rnd = random.Random(8)
    docs = [Document(path="d.txt", format="txt", text="".join(rnd.choice(words) for _ in range(rnd.randint(1, 30))))
            for _ in range(3000)]
    lazy = [C.guess_title(d) for d in docs]
    monkeypatch.setattr(C, "_CleanLines", lambda raw: [C._clean(x) for x in raw])
    assert [C.guess_title(d) for d in docs] == lazy


def test_find_laws_same_as_the_name_pattern_along_the_text():
    # find_laws tries the name pattern only at a full name's first word and an abbreviation's
    # first letter: the same mentions as trying it everywhere, in any case and next to odd letters
    from docmine.extract._rx import lower_for_words
    from docmine.extract.laws import find_laws, law_names

    words = ["Jeugdwet", "JEUGDWET", "jeugdwet", "Wmo", "WMO 2015", "wmo", "Wet maatschappelijke ondersteuning",
             "wet  op de\njeugdzorg", "Awb", "AWBZ", "Awbz", "Algemene wet bestuursrecht", "Financiële-verhoudingswet",
             "FINANCIËLE-VERHOUDINGSWET", "Zvw", "BW", "Burgerlijk Wetboek", "Sv", "Participatiewet", "wethouder",
             "Uitvoeringsbesluit Wmo 2015", "Besluit langdurige zorg", "de", "ter", "regeling", "Regeling jeugdwet"]
    short = list(_random_texts(words, n=4000))
    plain = [t for t in short if lower_for_words(t) is not None]  # (a text with ſ or ı is scanned)
    long = ["".join(plain[k:k + 40]) for k in range(0, len(plain) - 40, 40)]  # a document, not a title
    assert min(map(len, long)) > 2000
    for text in short + long:
        assert [(s, e) for _, s, e in find_laws(text)] == [m.span() for m in law_names().finditer(text)], text


def test_cues_same_as_a_search():
    # a cue is tried where a needle is, in order up to the first match; one whose patterns start
    # with two words or more ("de raad van de gemeente ... besluit") not at all when a word of its
    # start is missing: the same first match as searching the text
    from docmine.extract._rx import lower_for_words
    from docmine.extract.classify import _cues

    words = ["De raad van de gemeente Eikendal", "de  raad\nder gemeente", "De", "RAAD", "raadsleden", "van", "de gemeente",
             "College van burgemeester en wethouders", "college van\nburgemeester en WETHOUDERS", "college", "burgemeester",
             "wethouders", "besluit", "B E S L U I T", "\n", " "]
    cues = _cues()
    words += ["Beschikking", "uw aanvraag", "UW", "wij hebben besloten", "wij", "besluit op uw aanvraag", "bezwaarschrift",
              "bezwaar maken", "Geachte heer", "beste", "Beste mevrouw"]
    assert cues.council.holds and cues.college.holds and len(cues.beschikking.needles) > 1
    for text in _random_texts(words, n=4000):
        low = lower_for_words(text)
        for cue in (cues.council, cues.college, cues.beschikking, cues.greeting):
            for end in (None, 40):
                got = cue.first(text, low, end)
                want = cue.rx.search(text[:end])
                assert (got and got.span()) == (want and want.span()), (cue.rx.pattern[:30], text, end)
