"""findings.csv: one row per finding, Dutch headers, UTF-8 with BOM so Excel opens it right.

    render(result) -> b'\\xef\\xbb\\xbfernst;controle;soort;document;pagina;regel;kolom;...'

Fields are separated by ';', the list separator of Excel with Dutch settings (which does not
split a ',' file into columns). There is no 'sep=;' first line: Excel reads that line only as
the file's very first bytes, so it cannot follow the BOM, and without the BOM Excel takes the
file for Windows-1252 and garbles ë and ï. Excel with English settings: open findings.xlsx.
"""

from __future__ import annotations

import csv
import io
import re
from typing import BinaryIO

from ..model import SEVERITY_NL, AuditResult, Finding

HEADERS = ["ernst", "controle", "soort", "document", "pagina", "regel", "kolom", "fragment", "bericht",
           "suggestie", "clausule", "vingerafdruk"]
DELIMITER = ";"
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


# A field the csv module (QUOTE_MINIMAL, ";" and '"', "\r\n" line ends) would put in quotes.
_NEEDS_QUOTES = re.compile(r'[;"\r\n]')
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
    return [SEVERITY_NL.get(f.severity, f.severity), _cell(f.rule), _cell(f.type), _cell(f.document),
            str(f.page) if f.page is not None else "", str(f.line) if f.line is not None else "",
            str(f.column) if f.column is not None else "", _cell(" ".join(f.excerpt.split())), _cell(f.message),
            _cell(f.suggestion), _cell(f.clause), _cell(f.fingerprint)]


class _Fields(dict):
    """value -> its CSV field, made once per distinct value: rules, types, documents, messages and
    suggestions repeat across thousands of findings (findings.csv of 8,790 findings 45 -> 17 ms)."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, value):
        made = self[value] = self.make(value)
        return made


def write(result: AuditResult, fh: BinaryIO) -> None:
    """Stream findings.csv into ``fh`` (UTF-8 with BOM, CRLF line ends as the csv module writes).

    The rows are joined here rather than by ``csv.writer`` (same bytes, test), from fields quoted
    (and made spreadsheet-safe) once per distinct value, and encoded a batch at a time instead of
    through a text wrapper per row."""
    severity = _Fields(lambda v: _field(SEVERITY_NL.get(v, v)))
    number = _Fields(lambda v: "" if v is None else _field(str(v)))
    text = _Fields(lambda v: _field(_cell(v)))
    excerpt = _Fields(lambda v: _field(_cell(" ".join(v.split()))))
    lines = ["\ufeff" + DELIMITER.join(map(_field, HEADERS)) + "\r\n"]
    for f in result.findings:
        try:
            # clause and fingerprint are nearly unique per finding: checked together, not cached
            tail = (f.clause or "") + DELIMITER + f.fingerprint
            if tail.count(DELIMITER) != 1 or _QUOTE_OR_BREAK.search(tail) or tail.startswith(_FORMULA_START + ("-",)):
                tail = text[f.clause] + DELIMITER + text[f.fingerprint]
            line = DELIMITER.join((severity[f.severity], text[f.rule], text[f.type], text[f.document],
                                   number[f.page], number[f.line], number[f.column], excerpt[f.excerpt],
                                   text[f.message], text[f.suggestion], tail))
        except TypeError:  # a value that is no text or cannot be a dict key
            line = DELIMITER.join(map(_field, _row(f)))
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
        writer = csv.writer(text, delimiter=DELIMITER, quoting=csv.QUOTE_MINIMAL)
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
