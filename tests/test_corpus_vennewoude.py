"""corpus-vennewoude/ (the third sample municipality) is sound as ground truth.

Only the corpus's own integrity is checked here, not docmine's score on it: every excerpt stands
verbatim and once in the reference extraction of its document, the outdated-term ground truth is
exhaustive, and tools/build_corpus_vennewoude.py writes exactly the committed files.
"""

from __future__ import annotations

import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import build_corpus_vennewoude  # noqa: E402
from tools.verify_corpus_dijkwaarden import check, extract_text, load  # noqa: E402
from tools.verify_corpus_vennewoude import CORPUS, EXPECTED, documents  # noqa: E402

DATA = load(EXPECTED)


@lru_cache(maxsize=1)
def texts() -> dict[str, str]:
    return {d: extract_text(CORPUS / d) for d in documents()}


def test_corpus_vennewoude_has_documents_in_all_formats() -> None:
    suffixes = Counter(Path(d).suffix for d in documents())
    assert set(suffixes) >= {".pdf", ".docx", ".txt", ".md", ".html", ".xml"}


def test_corpus_vennewoude_ground_truth_holds() -> None:
    assert check(DATA, texts()) == []
    scored = Counter(e["type"] for e in DATA["expected"])
    assert set(scored) == {"term", "levels", "required", "metadata"} and len(DATA["traps"]) >= 40


def test_corpus_vennewoude_build_is_reproducible(tmp_path: Path) -> None:
    written = build_corpus_vennewoude.main(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == documents()
    for p in written:
        rel = p.relative_to(tmp_path).as_posix()
        assert p.read_bytes() == (CORPUS / rel).read_bytes(), f"{rel} wijkt af: draai tools/build_corpus_vennewoude.py"
