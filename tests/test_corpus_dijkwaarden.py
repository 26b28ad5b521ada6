"""corpus-dijkwaarden/ (the second sample municipality) is sound as ground truth.

Only the corpus's own integrity is checked here, not docmine's score on it: every document named
in EXPECTED.yaml exists, every excerpt stands verbatim and once in the reference extraction of its
document, the outdated-term ground truth is exhaustive, and tools/build_corpus_dijkwaarden.py writes
exactly the committed files.
"""

from __future__ import annotations

import copy
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import build_corpus_dijkwaarden  # noqa: E402
from tools.verify_corpus_dijkwaarden import CORPUS, check, documents, extract_text, load  # noqa: E402

DATA = load()
ENTRIES = [dict(e, kind="expected") for e in DATA["expected"]] + [dict(t, kind="trap") for t in DATA["traps"]]


def _entry_id(e: dict) -> str:
    return e.get("id") or f"trap:{e['document'].rsplit('/', 1)[-1]}:{e['excerpt'][:30]}"


@lru_cache(maxsize=1)
def texts() -> dict[str, str]:
    return {d: extract_text(CORPUS / d) for d in documents()}


def test_corpus_dijkwaarden_has_documents_in_all_five_formats() -> None:
    docs = documents()
    assert 25 <= len(docs) <= 40
    suffixes = Counter(Path(d).suffix for d in docs)
    assert set(suffixes) >= {".pdf", ".docx", ".txt", ".md", ".html", ".xml"}


def test_corpus_dijkwaarden_expected_is_well_formed() -> None:
    ids = [e["id"] for e in DATA["expected"]]
    assert len(ids) == len(set(ids))
    scored = Counter(e["type"] for e in DATA["expected"] if not e.get("optional"))
    assert sum(scored.values()) >= 70 and len(DATA["traps"]) >= 40
    assert set(scored) == {"term", "reference", "levels", "required", "metadata", "duplicate", "version"}


def test_corpus_dijkwaarden_every_named_document_exists() -> None:
    named = {e["document"] for e in ENTRIES} | {e["related_document"] for e in ENTRIES if e.get("related_document")}
    assert sorted(d for d in named if not (CORPUS / d).is_file()) == []


@pytest.mark.parametrize("entry", ENTRIES, ids=[_entry_id(e) for e in ENTRIES])
def test_corpus_dijkwaarden_excerpt_is_verbatim_and_unique(entry: dict) -> None:
    text = texts()[entry["document"]]
    assert text.count(entry["excerpt"]) == 1, (
        f"{_entry_id(entry)}: {entry['excerpt']!r} staat {text.count(entry['excerpt'])} keer in {entry['document']}")


def test_corpus_dijkwaarden_ground_truth_holds() -> None:
    """The whole check of the verifier: fields, excerpts and an exhaustive term ground truth."""
    assert check(DATA, texts()) == []


def test_corpus_dijkwaarden_verifier_reports_an_unlabelled_outdated_term() -> None:
    """Dropping one term entry leaves its AWBZ mention unlabelled, and the verifier says so."""
    data = copy.deepcopy(DATA)
    data["expected"] = [e for e in data["expected"] if e["id"] != "DW-TERM-07"]
    problems = check(data, texts())
    assert any("unlabelled lexicon hit" in p and "AWBZ-gefinancierd" in p for p in problems), problems


def test_corpus_dijkwaarden_verifier_reports_a_missing_excerpt() -> None:
    data = copy.deepcopy(DATA)
    data["expected"][0] = dict(data["expected"][0], excerpt="artikel 99 van niets")
    assert any("excerpt not in" in p for p in check(data, texts()))


def test_corpus_dijkwaarden_build_is_reproducible(tmp_path: Path) -> None:
    """tools/build_corpus_dijkwaarden.py writes exactly the committed documents."""
    written = build_corpus_dijkwaarden.main(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == documents()
    for p in written:
        rel = p.relative_to(tmp_path).as_posix()
        assert p.read_bytes() == (CORPUS / rel).read_bytes(), f"{rel} wijkt af: draai tools/build_corpus_dijkwaarden.py"
