"""Check corpus-vennewoude/EXPECTED.yaml against the documents (the same checks and reference
extraction as tools/verify_corpus_dijkwaarden.py, on the third sample municipality).

    .venv/bin/python tools/verify_corpus_vennewoude.py        # exit status 1 on any problem
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import verify_corpus_dijkwaarden as vd  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus-vennewoude"
EXPECTED = CORPUS / "EXPECTED.yaml"


def documents() -> list[str]:
    return sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*")
                  if p.is_file() and p.name not in vd.NOT_DOCUMENTS)


def main() -> int:
    gt = vd.load(EXPECTED)
    docs = documents()
    texts = {d: vd.extract_text(CORPUS / d) for d in docs}
    problems = vd.check(gt, texts)
    print("documents:", len(docs), dict(sorted(collections.Counter(Path(d).suffix for d in docs).items())))
    print("expected:", len(gt["expected"]), dict(sorted(collections.Counter(e["type"] for e in gt["expected"]).items())))
    print("traps:", len(gt["traps"]))
    for p in problems:
        print("  -", p)
    print("OK" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
