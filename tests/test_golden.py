"""Golden end-to-end test: `docmine audit corpus/` finds every planted problem and no trap.

One test id per EXPECTED.yaml entry (``pytest tests/test_golden.py -k P032``). Problems whose
rule type is not built yet are strict xfails (NOT_YET_BUILT below, the one place to edit when a
rule type lands): the test then fails as soon as the finding appears, so the marker gets removed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.expected import CORPUS, entries, find_excerpt  # noqa: E402

from docmine.ingest.ocr import status as ocr_status  # noqa: E402

OCR = ocr_status()
SCANS = {e["document"] for e in entries() if e.get("ocr")}  # image-only documents: need OCR

# rule type -> the issue that builds it. Empty this as the rule types land.
NOT_YET_BUILT: dict[str, str] = {}

ENTRIES = entries()


def _params():
    for e in ENTRIES:
        marks = []
        if e["kind"] == "problem" and e["type"] in NOT_YET_BUILT:
            marks.append(pytest.mark.xfail(strict=True, reason=NOT_YET_BUILT[e["type"]]))
        yield pytest.param(e, id=e["id"], marks=marks)


@pytest.fixture(scope="module")
def audit_result():
    import docmine

    return docmine.audit([str(CORPUS)])


def _span(result, entry) -> tuple[int, int]:
    if entry.get("ocr") and not OCR.available:
        pytest.skip(f"{entry['document']} is een scan en OCR is hier niet beschikbaar: {OCR.reason}")
    doc = next((d for d in result.documents if d.path == entry["document"]), None)
    assert doc is not None, f"{entry['document']} ontbreekt in de audit (fouten: {result.errors})"
    span = find_excerpt(doc.text, entry["excerpt"], int(entry.get("occurrence", 1)))
    if span is None:
        pytest.skip(f"excerpt niet in de tekst van {entry['document']}; zie tests/test_corpus.py")
    return span


def _fold(s: str) -> str:
    return " ".join(s.split()).lower()


def _named_in_related(f, entry) -> bool:
    """A corpus finding (duplicate group, conflicting definition) names one document and lists
    the others in ``related``; a duplicate counts for every document of its group."""
    for r in f.related or []:
        if r.get("document") != entry["document"]:
            continue
        if entry["type"] == "duplicate":
            return True
        a, b = _fold(r.get("excerpt") or ""), _fold(entry["excerpt"])
        if a and (a in b or b in a):
            return True
    return False


def _overlapping(result, entry, span):
    start, end = span
    out = []
    for f in result.findings:
        if f.type != entry["type"]:
            continue
        if f.document != entry["document"]:
            if _named_in_related(f, entry):
                out.append(f)
            continue
        if f.start is None or (f.start < end and start < (f.end if f.end is not None else f.start + 1)):
            out.append(f)
    return out


@pytest.mark.parametrize("entry", list(_params()))
def test_golden_entry(audit_result, entry: dict) -> None:
    span = _span(audit_result, entry)
    hits = _overlapping(audit_result, entry, span)
    if entry["kind"] == "problem":
        assert hits, (f"{entry['id']}: geen {entry['type']}-bevinding op '{entry['excerpt']}' in "
                      f"{entry['document']} ({entry['why']})")
        if "page" in entry:
            assert any(f.page == entry["page"] for f in hits), (entry["id"], [f.page for f in hits])
        if entry.get("ocr"):  # found in a scan: the finding says so, with the page's OCR confidence
            assert all(f.ocr and f.ocr_confidence is not None for f in hits), entry["id"]
    else:
        assert not hits, (f"{entry['id']}: valse {entry['type']}-bevinding op '{entry['excerpt']}' in "
                          f"{entry['document']} ({entry['why']}): {[(f.rule, f.excerpt) for f in hits]}")


def test_golden_no_read_errors(audit_result) -> None:
    errors = audit_result.errors
    if not OCR.available:  # the scans are DM113 (what to install) there; everything else must read
        errors = [e for e in errors if not (e.document in SCANS and e.code == "DM113")]
    assert not errors, [e.to_dict() for e in errors]
