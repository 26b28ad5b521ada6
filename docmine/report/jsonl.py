"""findings.jsonl: the findings of findings.json as JSON Lines, one finding per line.

    {"rule":"awbz-vervallen","type":"term","severity":"error","document":"beleid/wmo.txt",...}
    {"rule":"indiceren",...}

Each line is one object of findings.json's ``findings`` array, the same fields and the same order
(the DESIGN contract's finding). Nothing else is in it (documents, errors, skipped files and the
graph stay in findings.json and index.html), so every line has the same shape: a reader takes it
one line at a time (``for line in open(...)``, ``jq -c``, ``pandas.read_json(lines=True)``,
DuckDB's ``read_json``) and never needs the whole file in memory. For large audits, where
findings.json holds every document's clauses as well (10,000 documents: ~270 MB).

    render(result) -> b'{"rule":"awbz-vervallen",...}\\n{"rule":...}\\n'
"""

from __future__ import annotations

import io
from typing import BinaryIO

from ..model import AuditResult
from .json import _finding_bytes


def write(result: AuditResult, fh: BinaryIO) -> None:
    """Stream findings.jsonl into the binary file ``fh``: a finding per line, as it is encoded."""
    for finding in result.findings:
        fh.write(_finding_bytes(finding) + b"\n")


def render(result: AuditResult) -> bytes:
    """The bytes of findings.jsonl."""
    buf = io.BytesIO()
    write(result, buf)
    return buf.getvalue()
