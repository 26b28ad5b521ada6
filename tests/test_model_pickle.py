"""Pickling of the model (worker -> main process, the cache): the small slotted classes travel
as tuples of their fields, Document's clauses as tuples with the texts that are slices of the
document text left out. Everything must come back equal, and pickles in the older formats
(the default slot-state dict) must still load (cache entries of an earlier version)."""

from __future__ import annotations

import pickle
import pickletools
import random
from array import array
from datetime import date

import pytest

from docmine import model
from docmine.model import Block, Clause, Document, Finding, Page, Reference, SourceMap, Table

SMALL = [
    Page(3, 10, 20),
    Table([["a", "b"], ["c", "d"]], 1, 9, 2),
    Block("heading", 0, 5, 2, {"style": "Heading 2"}),
    Reference("wet", "artikel 2.3.2 Wmo 2015", 4, 30, "2.3.2", 1, "a", "Wmo 2015", "BWBR0035362", None),
    Finding("r1", "pattern", "error", "bericht", "a.txt", "tip", "a.txt#art1", 1, 2, 3, 9, "stuk",
            [{"document": "b.txt", "clause": None, "excerpt": "x"}], "fp"),
    Finding("r2", "pattern", "info", "m", "a.txt"),
]


@pytest.mark.parametrize("obj", SMALL, ids=lambda o: type(o).__name__)
def test_small_classes_round_trip_as_field_tuples(obj):
    for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(obj, proto))
        assert back == obj and type(back) is type(obj)
    assert obj.__reduce__() == (type(obj), tuple(getattr(obj, f) for f in obj.__slots__))


@pytest.mark.parametrize("obj", SMALL, ids=lambda o: type(o).__name__)
def test_small_classes_load_pickles_in_the_old_format(obj, monkeypatch):
    cls = type(obj)
    monkeypatch.delattr(cls, "__reduce__")  # the default: NEWOBJ + BUILD with a slot-state dict
    old = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
    monkeypatch.undo()
    assert "BUILD" in _opcodes(old) and "BUILD" not in _opcodes(pickle.dumps(obj, pickle.HIGHEST_PROTOCOL))
    assert pickle.loads(old) == obj


def _opcodes(blob: bytes) -> set[str]:
    return {op.name for op, _, _ in pickletools.genops(blob)}


def _random_document(rng: random.Random) -> Document:
    text = "".join(rng.choice("ab c\nArtikel 1. é") for _ in range(rng.randrange(0, 300)))
    clauses = []
    for i in range(rng.randrange(0, 12)):
        s = rng.randrange(0, len(text) + 1)
        e = rng.randrange(s, len(text) + 1)
        kind = rng.choice(("artikel", "lid", "definitie"))
        # texts that are the slice, that differ from it, and empty ones
        ctext = rng.choice((text[s:e], text[s:e] + "!", "", "anders"))
        refs = [Reference("artikel", "artikel 1", s, e, "1")] if rng.random() < 0.3 else []
        clauses.append(Clause(f"d.txt#c{i}", kind, ctext, s, e, str(i), rng.choice((None, "Titel")), 1,
                              rng.choice((None, "d.txt#c0")), rng.choice((None, "Wmo")),
                              {"term": "x"} if kind == "definitie" else {}, refs))
    return Document("d.txt", "txt", text, [Page(1, 0, len(text))], {"k": "v"}, SourceMap.identity(text),
                    type="verordening", title="T", date=date(2020, 1, 2), clauses=clauses, size=len(text))


def test_document_round_trip_random():
    rng = random.Random(8)
    for _ in range(300):
        doc = _random_document(rng)
        back = pickle.loads(pickle.dumps(doc, pickle.HIGHEST_PROTOCOL))
        assert back == doc
        assert [type(c) for c in back.clauses] == [Clause] * len(doc.clauses)
        assert isinstance(back.source_map.line_starts, array)


def test_document_loads_clause_tuples_of_the_old_format(monkeypatch):
    """An older cache entry: the clause tuples hold References pickled with the slot-state dict."""
    rng = random.Random(3)
    docs = [_random_document(rng) for _ in range(50)]
    monkeypatch.delattr(model.Reference, "__reduce__")
    monkeypatch.delattr(model.Page, "__reduce__")
    old = pickle.dumps(docs, pickle.HIGHEST_PROTOCOL)
    monkeypatch.undo()
    assert pickle.loads(old) == docs
