"""docmine.text: the normalised form every comparison of words uses, and message filling."""

from __future__ import annotations

from docmine.model import Document
from docmine.text import _normalise_slow, document_title, fill, normalise, normalised_words


def test_normalise_folds_accents_ligatures_and_punctuation():
    assert normalise("Cliënt, café; ÉÉN coördinatie—ﬁnanciën!") == "client cafe een coordinatie financien"
    assert normalise("  ") == "" and normalise("x_y 3,5") == "x y 3 5"


def test_fast_normalise_equals_regex_form_on_random_text():
    """normalised_words (ASCII encode with folding, translate, bytes.split) gives what the
    regular-expression definition gives, words included, on random text of tricky characters."""
    import random

    alpha = list("aZ09_ -.,'\n\t\x00\x1c") + [
        "ë", "é", "ß", "ø", "€", "İ", "Σ", "ς", "½", "…", "\u0301", "ﬁ", "ℌ", "Ⅻ", "²", "\u00a0",
        "\u2028", "ǅ", "ŉ", "ı", "ǰ", "ª", "º", "Å", "\u0345", "ᾳ", "한", "①", "\udc80", "٣"]
    rnd = random.Random(8)
    samples = ["".join(rnd.choice(alpha) for _ in range(rnd.randint(0, 14))) for _ in range(20000)]
    samples += ["".join(chr(rnd.randint(0, 0x2FFFF)) for _ in range(rnd.randint(0, 8))) for _ in range(3000)]
    samples += ["Xa" + chr(cp) + "b " + chr(cp) for cp in range(0, 0x3000)]
    for text in samples:
        norm, words = normalised_words(text)
        assert norm == _normalise_slow(text), repr(text)
        if words is not None:
            assert [w.decode() for w in words] == norm.split()


def test_fill_fills_known_placeholders_and_leaves_unknown_ones():
    assert fill("{n} keer: {others}", n=3, others="a.txt") == "3 keer: a.txt"
    assert fill("{n} keer in {onbekend}", n=2) == "2 keer in {onbekend}"
    assert fill("kapot {", n=2) == "kapot {"


def test_document_title_prefers_title_then_metadata_then_file_name():
    assert document_title(Document(path="m/a_b.txt", format="txt", text="x", title="Beleidsregels")) == "Beleidsregels"
    assert document_title(Document(path="m/a_b.txt", format="txt", text="x", metadata={"title": "Nota"})) == "Nota"
    assert document_title(Document(path="m/a_b.txt", format="txt", text="x")) == "a_b"
