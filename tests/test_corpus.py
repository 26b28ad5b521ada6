"""corpus/EXPECTED.yaml is well-formed and every excerpt stands in the text docmine extracts."""

from __future__ import annotations

import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.expected import CORPUS, RULE_TYPES, SEVERITIES, entries, find_excerpt, load_expected  # noqa: E402

from docmine.ingest.ocr import status as ocr_status  # noqa: E402

DATA = load_expected()
ENTRIES = entries(DATA)


@lru_cache(maxsize=None)
def extracted_text(rel: str) -> str:
    from docmine.api import extract

    return extract(CORPUS / rel, root=CORPUS).text


def _reader_missing(rel: str, text: str) -> bool:
    """The placeholder reader returns the raw bytes of binary formats as text."""
    return text.startswith("%PDF") or text.startswith("PK\x03\x04")


def test_corpus_expected_is_well_formed() -> None:
    assert DATA["municipality"].startswith("Gemeente ")
    ids = [e["id"] for e in ENTRIES]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"dubbele ids: {dupes}"
    assert len(DATA["problems"]) >= 50
    assert len(DATA["traps"]) >= 15
    for e in ENTRIES:
        assert set(e) >= {"id", "document", "type", "excerpt", "why"}, e["id"]
        assert e["type"] in RULE_TYPES, e["id"]
        assert e["id"][0] == ("P" if e["kind"] == "problem" else "T"), e["id"]
        assert e.get("severity", "error") in SEVERITIES, e["id"]
        assert isinstance(e["excerpt"], str) and e["excerpt"].strip(), e["id"]
        assert int(e.get("occurrence", 1)) >= 1, e["id"]


def test_corpus_every_document_exists() -> None:
    missing = sorted({e["document"] for e in ENTRIES if not (CORPUS / e["document"]).is_file()})
    assert not missing


def test_corpus_has_enough_documents_in_five_formats() -> None:
    docs = [p for p in CORPUS.rglob("*") if p.is_file() and p.name not in {"EXPECTED.yaml", "README.md"}]
    assert len(docs) >= 15
    assert {p.suffix for p in docs} >= {".txt", ".html", ".xml", ".docx", ".pdf"}
    for folder in ("verordeningen", "besluiten", "arrangementen", "werkinstructies", "werkinstructies/archief", "dossiers"):
        assert any(p.parent == CORPUS / folder for p in docs), folder


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_corpus_excerpt_occurs_in_extracted_text(entry: dict) -> None:
    if entry.get("ocr") and not ocr_status().available:
        pytest.skip(f"{entry['document']} is een scan en OCR is hier niet beschikbaar: {ocr_status().reason}")
    text = extracted_text(entry["document"])
    if _reader_missing(entry["document"], text):
        pytest.xfail(f"issue 2: reader for {Path(entry['document']).suffix} not there yet")
    span = find_excerpt(text, entry["excerpt"], int(entry.get("occurrence", 1)))
    assert span is not None, (f"{entry['id']}: '{entry['excerpt']}' (occurrence {entry.get('occurrence', 1)}) "
                              f"niet gevonden in de geëxtraheerde tekst van {entry['document']}")


def test_corpus_build_is_reproducible(tmp_path: Path) -> None:
    """tools/build_corpus.py writes exactly the committed binary and generated files."""
    from tools import build_corpus

    written = build_corpus.main(tmp_path)
    assert written
    for p in written:
        rel = p.relative_to(tmp_path)
        assert p.read_bytes() == (CORPUS / rel).read_bytes(), f"{rel} wijkt af: draai tools/build_corpus.py"
