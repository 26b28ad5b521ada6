"""findings.sarif: SARIF 2.1.0 for code-review tools (GitHub code scanning, VS Code SARIF viewer).

    render(result) -> b'{"version": "2.1.0", "$schema": ..., "runs": [{"tool": ..., "results": [...]}]}'
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any, BinaryIO, Iterator
from urllib.parse import quote

from ..model import AuditResult, Rule
from .explain import explain, rule_anchor

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
ROOT = "ROOT"


_ESCAPED_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")  # a byte that is not UTF-8, as ``names.shown`` writes it


def _uri(path: str) -> str:
    """The document's relative URI: its bytes percent-encoded (a name that is not UTF-8 as the
    bytes it has on disk)."""
    if "\\x" in path:
        raw = _ESCAPED_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), path).encode("utf-8", "surrogateescape")
        return quote(raw.replace(b"\\", b"/"), safe="/-_.~")
    return quote(path.replace("\\", "/"), safe="/-_.~")


def _rule_descriptor(rule: Rule, help_base: str | None = None) -> dict:
    """A rule as SARIF knows it: a short description without placeholders, its full text and
    explanation as help, ``helpUri`` at the rule's explanation in the HTML report (when one is
    written beside this file) and the legal basis under ``properties.source``."""
    short = rule.short_description()
    d: dict = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": short},
        "fullDescription": {"text": " ".join(x for x in (short, rule.suggestion) if x)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "help": {"text": explain(rule)},
        "properties": {"type": rule.type, "severity": rule.severity},
    }
    if help_base:
        d["helpUri"] = f"{help_base}#{rule_anchor(rule.id)}"
    if rule.source and rule.source.startswith(("http://", "https://")):
        d["properties"]["source"] = rule.source
    return d


def _region(line: int | None, column: int | None, end_line: int | None, end_column: int | None,
            excerpt: str | None) -> dict | None:
    """startLine, startColumn, endLine, endColumn (exclusive) and the snippet; a position the
    finding does not know is worked out from the excerpt (column 1 when nothing says more)."""
    if not (line and line >= 1) and not excerpt:
        return None
    start_line = int(line) if line and line >= 1 else 1
    start_col = int(column) if column and column >= 1 else 1
    if end_line and end_column and (end_line, end_column) >= (start_line, start_col):
        stop_line, stop_col = int(end_line), int(end_column)
    else:
        text = excerpt or ""
        parts = text.split("\n")
        stop_line = start_line + len(parts) - 1
        stop_col = (start_col if len(parts) == 1 else 1) + len(parts[-1])
    region: dict = {"startLine": start_line, "startColumn": start_col, "endLine": stop_line, "endColumn": stop_col}
    if excerpt:
        region["snippet"] = {"text": excerpt}
    return region


def _location(document: str, region: dict | None, page: int | None = None,
              clause: str | None = None, uris: dict[str, str] | None = None) -> dict:
    uri = uris.get(document) if uris is not None else None
    if uri is None:
        uri = _uri(document)
        if uris is not None:
            uris[document] = uri
    phys: dict = {"artifactLocation": {"uri": uri, "uriBaseId": ROOT}}
    if region:
        phys["region"] = region
    loc: dict = {"physicalLocation": phys}
    props = {k: v for k, v in (("page", page), ("clause", clause)) if v is not None}
    if props:
        loc["properties"] = props
    if clause:
        loc["logicalLocations"] = [{"fullyQualifiedName": clause, "kind": "clause"}]
    return loc


def _rules(result: AuditResult) -> list[Rule]:
    rules = list(result.rules)
    known = {r.id for r in rules}
    for f in result.findings:  # a finding whose rule is not in the list still needs a descriptor
        if f.rule not in known:
            known.add(f.rule)
            rules.append(Rule(id=f.rule, type=f.type, severity=f.severity, message=f.message))
    return rules


def _results(result: AuditResult, index: dict[str, int]) -> Iterator[dict]:
    uris: dict[str, str] = {}  # each document's URI quoted once (urllib's quote was ~30% of SARIF)
    for f in result.findings:
        res: dict = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVELS.get(f.severity, "warning"),
            "message": {"text": f.message + (f" {f.suggestion}" if f.suggestion else "")},
            "locations": [_location(f.document, _region(f.line, f.column, f.end_line, f.end_column, f.excerpt),
                                    f.page, f.clause, uris)],
            "partialFingerprints": {"docmine/v1": f.fingerprint or f.compute_fingerprint()},
            "properties": {"type": f.type, "severity": f.severity, "page": f.page,
                           "clause": f.clause, "suggestion": f.suggestion},
        }
        if f.ocr:  # read from a scan: the reviewer checks the scan itself
            res["properties"].update(ocr=True, ocr_confidence=f.ocr_confidence)
        related = []
        for i, rel in enumerate(f.related or []):
            if not isinstance(rel, dict) or not rel.get("document"):
                continue
            excerpt = rel.get("excerpt")
            region = _region(rel.get("line"), rel.get("column"), None, None, excerpt if isinstance(excerpt, str) else None)
            loc = _location(str(rel["document"]), region, rel.get("page"), rel.get("clause"), uris)
            loc["id"] = i
            loc["message"] = {"text": "zie ook"}
            related.append(loc)
        if related:
            res["relatedLocations"] = related
        yield res


def _log(result: AuditResult, rules: list[Rule], results: Any, help_base: str | None = None) -> dict:
    from ..version import __version__

    notifications = [
        {"level": "error", "message": {"text": f"{e.message}" + (f" ({e.hint})" if e.hint else "")},
         "descriptor": {"id": e.code},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(e.document), "uriBaseId": ROOT}}}]}
        for e in result.errors
    ] + [
        {"level": "note", "message": {"text": f"niet gelezen: {s.reason}" + (f" ({s.hint})" if s.hint else "")},
         "descriptor": {"id": "overgeslagen"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(s.path), "uriBaseId": ROOT}}}]}
        for s in result.skipped
    ]
    run: dict = {
        "tool": {"driver": {
            "name": "docmine",
            "version": result.version or __version__,
            "rules": [_rule_descriptor(r, help_base) for r in rules],
        }},
        "results": results,
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "artifacts": [{"location": {"uri": _uri(d.path), "uriBaseId": ROOT},
                       **({"description": {"text": d.title}} if d.title else {})} for d in result.documents],
    }
    if result.root:
        run["originalUriBaseIds"] = {ROOT: {"uri": Path(result.root).resolve().as_uri() + "/"}}
    return {"version": "2.1.0", "$schema": SCHEMA, "runs": [run]}


def build(result: AuditResult, help_base: str | None = None) -> dict:
    """The SARIF log as a dict (see ``render``)."""
    rules = _rules(result)
    index = {r.id: i for i, r in enumerate(rules)}
    return _log(result, rules, list(_results(result, index)), help_base)


# A string that cannot occur in the encoded log otherwise (JSON escapes the NUL characters).
_HOLE = "\x00docmine-results\x00"
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str, separators=(",", ":"))


try:  # orjson: the same compact UTF-8 JSON, several times faster (see report/json.py)
    import orjson as _orjson

    _ORJSON_OPTS = _orjson.OPT_PASSTHROUGH_DATACLASS | _orjson.OPT_PASSTHROUGH_DATETIME | _orjson.OPT_NON_STR_KEYS
except ImportError:  # pragma: no cover
    _orjson = None


def _encode(data: Any) -> bytes:
    if _orjson is not None:
        try:
            return _orjson.dumps(data, default=str, option=_ORJSON_OPTS)
        except (TypeError, ValueError):
            pass
    return _ENCODER.encode(data).encode("utf-8")


def write(result: AuditResult, fh: BinaryIO, help_base: str | None = None) -> None:
    """Stream findings.sarif into ``fh``: the log around the results, then one result at a time.
    ``help_base``: the URI of the HTML report written beside it, whose section per rule
    (``#controle-ID``) each rule's ``helpUri`` points at."""
    rules = _rules(result)
    index = {r.id: i for i, r in enumerate(rules)}
    head, tail = _ENCODER.encode(_log(result, rules, _HOLE, help_base)).split(_ENCODER.encode(_HOLE), 1)
    fh.write(head.encode("utf-8") + b"[")
    first = True
    for res in _results(result, index):
        if not first:
            fh.write(b",\n")
        first = False
        fh.write(_encode(res))
    fh.write(b"]" + tail.encode("utf-8") + b"\n")


def render(result: AuditResult, help_base: str | None = None) -> bytes:
    """The bytes of findings.sarif."""
    buf = io.BytesIO()
    write(result, buf, help_base)
    return buf.getvalue()
