"""findings.csv: one row per finding, Dutch headers, UTF-8 with BOM so Excel opens it right.

    render(result) -> b'\\xef\\xbb\\xbfernst,regel,type,document,pagina,...'
"""

from __future__ import annotations

import csv
import io
import re
from typing import BinaryIO

from ..model import AuditResult, Finding

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


# A field the csv module (QUOTE_MINIMAL, "," and '"', "\r\n" line ends) would put in quotes.
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
_QUOTE_OR_BREAK = re.compile(r'["\r\n]')
_BATCH = 2048  # rows encoded and written at a time


def _field(value: object) -> str:
    """One field as ``csv.writer(quoting=QUOTE_MINIMAL)`` writes it."""
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _row(f: Finding) -> list:
    return [SEVERITY_NL.get(f.severity, f.severity), f.rule, f.type, f.document,
            str(f.page) if f.page is not None else "", str(f.line) if f.line is not None else "",
            _cell(" ".join(f.excerpt.split())), _cell(f.message), _cell(f.suggestion),
            f.clause or "", f.fingerprint]


def write(result: AuditResult, fh: BinaryIO) -> None:
    """Stream findings.csv into ``fh`` (UTF-8 with BOM, CRLF line ends as the csv module writes).

    The rows are joined here rather than by ``csv.writer`` (same bytes, test): a row whose fields
    hold no comma, quote or line break is one ``join``, and the rows are encoded a batch at a
    time instead of through a text wrapper per row (~20% faster on 12,000 findings)."""
    lines = ["\ufeff" + ",".join(map(_field, HEADERS)) + "\r\n"]
    for f in result.findings:
        row = _row(f)
        try:
            line = ",".join(row)
        except TypeError:  # a field that is not text (e.g. a rule id from a number in YAML)
            line = None
        if line is None or line.count(",") != len(row) - 1 or _QUOTE_OR_BREAK.search(line):
            line = ",".join(map(_field, row))
        lines.append(line + "\r\n")
        if len(lines) >= _BATCH:
            fh.write("".join(lines).encode("utf-8"))
            lines.clear()
    fh.write("".join(lines).encode("utf-8"))


def write_with_csv_module(result: AuditResult, fh: BinaryIO) -> None:
    """``write`` by the standard csv module: the reference the tests compare ``write`` with."""
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=False)
    try:
        text.write("\ufeff")
        writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(HEADERS)
        for f in result.findings:
            writer.writerow(_row(f))
        text.flush()
    finally:
        text.detach()  # the caller owns fh


def render(result: AuditResult) -> bytes:
    """The bytes of findings.csv (UTF-8 with BOM, CRLF line ends as the csv module writes)."""
    buf = io.BytesIO()
    write(result, buf)
    return buf.getvalue()
