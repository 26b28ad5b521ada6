"""findings.csv: one row per finding, Dutch headers, UTF-8 with BOM so Excel opens it right.

    render(result) -> b'\\xef\\xbb\\xbfernst,regel,type,document,pagina,...'
"""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

from ..model import AuditResult

HEADERS = ["ernst", "regel", "type", "document", "pagina", "regel_nr", "fragment", "bericht",
           "suggestie", "clausule", "vingerafdruk"]
SEVERITY_NL = {"error": "fout", "warning": "waarschuwing", "info": "info"}
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A spreadsheet-safe cell: text that Excel would run as a formula gets a leading quote."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START) or (text.startswith("-") and len(text) > 1 and not text[1].isspace()
                                           and not text[1:].replace(".", "", 1).isdigit()):
        return "'" + text
    return text


def write(result: AuditResult, fh: BinaryIO) -> None:
    """Stream findings.csv into ``fh`` (UTF-8 with BOM, CRLF line ends as the csv module writes)."""
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=False)
    try:
        text.write("\ufeff")
        writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(HEADERS)
        for f in result.findings:
            writer.writerow([
                SEVERITY_NL.get(f.severity, f.severity), f.rule, f.type, f.document,
                f.page if f.page is not None else "", f.line if f.line is not None else "",
                _cell(" ".join(f.excerpt.split())), _cell(f.message), _cell(f.suggestion),
                f.clause or "", f.fingerprint,
            ])
        text.flush()
    finally:
        text.detach()  # the caller owns fh


def render(result: AuditResult) -> bytes:
    """The bytes of findings.csv (UTF-8 with BOM, CRLF line ends as the csv module writes)."""
    buf = io.BytesIO()
    write(result, buf)
    return buf.getvalue()
