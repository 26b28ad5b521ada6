"""The few objects that flow between the stages: Document, Clause, Reference, Rule, Finding.

    path --ingest--> Document(text, pages, source_map) --extract--> Document.clauses
         --rules--> [Finding] --report--> html/json/sarif/csv

All are plain dataclasses: they pickle as they are (to and from the worker processes) and turn
into plain data and back by their fields' names (``to_dict`` / ``from_dict``: the cache, findings.json),
so a new field is one edit in its class.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
import types
import typing
from array import array
from collections.abc import Sequence
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any, Callable

from . import errors


SEVERITIES = ("error", "warning", "info")
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
SEVERITY_NL = {"error": "fout", "warning": "waarschuwing", "info": "info"}  # one finding's severity, in Dutch
SEVERITY_NL_MANY = {"error": "fouten", "warning": "waarschuwingen", "info": "info"}  # in counts: "3 fouten"

DOCUMENT_TYPES = (
    "verordening",
    "besluit",
    "beschikking",
    "arrangementsbeschrijving",
    "werkinstructie",
    "gespreksverslag",
    "other",
    "unknown",
)

CLAUSE_KINDS = (
    "hoofdstuk",
    "paragraaf",
    "artikel",
    "lid",
    "onderdeel",
    "definitie",
    "bijlage",
    "considerans",
    "slotbepaling",
    "ondertekening",
    "product",
    "niveau",
    "sectie",
    "stap",
    "metadata",
    "tabel",
)


@dataclass(slots=True)
class Page:
    """One page of a document: ``[start, end)`` in the normalised ``Document.text``."""

    number: int
    start: int
    end: int


@dataclass(slots=True)
class Table:
    """A table as rows of cell strings. Its text also stands in ``Document.text`` at
    ``[start, end)`` (one row per line, cells separated by `` | ``)."""

    rows: list[list[str]]
    start: int = 0
    end: int = 0
    page: int | None = None


@dataclass(slots=True)
class Block:
    """A structural hint a reader knows and plain text would lose: a DOCX heading and its level,
    a CVDR ``artikel`` or ``lid``, an HTML ``<h2>``. ``[start, end)`` in ``Document.text``."""

    kind: str
    start: int
    end: int
    level: int | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SourceMap:
    """Maps an offset in the normalised text back to the original text, its line and page.

    The normalised text is made of segments; segment ``i`` starts at ``norm_starts[i]`` and
    comes from the original text at ``orig_starts[i]``. Inside a segment the mapping is 1:1,
    clamped to the segment's original length (a replacement such as ``rn`` -> ``m`` maps every
    character of the replacement to somewhere inside what it replaced).
    """

    norm_starts: list[int] = field(default_factory=lambda: [0])
    orig_starts: list[int] = field(default_factory=lambda: [0])
    orig_lens: list[int] = field(default_factory=lambda: [0])
    line_starts: list[int] = field(default_factory=lambda: [0])  # original offsets of line starts
    page_starts: list[int] = field(default_factory=lambda: [0])  # original offsets of page starts
    original_length: int = 0

    def __post_init__(self) -> None:
        # array('q'): 8 bytes per offset instead of ~36 for a list of ints; pickles as one blob
        # and bisect works on it as on a list.
        for name in ("norm_starts", "orig_starts", "orig_lens", "line_starts", "page_starts"):
            value = getattr(self, name)
            if not isinstance(value, array):
                setattr(self, name, array("q", value))

    @classmethod
    def identity(cls, text: str, page_starts: list[int] | None = None) -> "SourceMap":
        line_starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            line_starts.append(i + 1)
            i = find("\n", i + 1)
        return cls([0], [0], [len(text)], line_starts, page_starts or [0], len(text))

    def to_original(self, offset: int) -> int:
        i = bisect.bisect_right(self.norm_starts, offset) - 1
        if i < 0:
            return 0
        delta = offset - self.norm_starts[i]
        return min(self.orig_starts[i] + min(delta, self.orig_lens[i]), self.original_length)

    def line(self, offset: int) -> int:
        """1-based line in the original text of the normalised offset."""
        return bisect.bisect_right(self.line_starts, self.to_original(offset))

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) in the original text of the normalised offset, both 1-based."""
        orig = self.to_original(offset)
        line = bisect.bisect_right(self.line_starts, orig)
        line = max(line, 1)
        return line, orig - self.line_starts[line - 1] + 1

    def end_position(self, start: int, end: int) -> tuple[int, int]:
        """(line, column) just after the span ``[start, end)``: its last character's line and the
        column after it (SARIF's exclusive ``endColumn``)."""
        if end <= start:
            return self.position(start)
        line, col = self.position(end - 1)
        return line, col + 1

    def page(self, offset: int) -> int:
        """1-based page of the normalised offset."""
        return max(1, bisect.bisect_right(self.page_starts, self.to_original(offset)))


@dataclass(slots=True)
class Reference:
    """A reference found inside a clause.

    kind: ``artikel`` (an article of the same document), ``wet`` (a national law, maybe with an
    article), ``richtlijn`` (a guideline with a year) or ``document`` (another local document).
    """

    kind: str
    text: str
    start: int
    end: int
    artikel: str | None = None
    lid: int | None = None
    onderdeel: str | None = None
    law: str | None = None  # canonical short name: "Wmo 2015", "AWBZ", "Jeugdwet" ...
    bwb: str | None = None  # BWBR0035362
    year: int | None = None  # for guidelines: "Richtlijn HH 2013" -> 2013

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass(slots=True)
class Clause:
    """One structural unit of a document.

    ``id`` is stable across runs: ``<document path>#art12.lid1.a``. ``kind`` is one of
    CLAUSE_KINDS. ``[start, end)`` is the span in ``Document.text``. ``attrs`` holds what a kind
    needs: for a ``niveau``: family, level, code, doelgroep, aanbod, omvang (list of
    {value, unit, per}), tarief ({amount, unit}), resultaat; for a ``definitie``: term;
    for ``metadata`` of a werkinstructie: field and value.
    """

    id: str
    kind: str
    text: str
    start: int
    end: int
    number: str | None = None
    title: str | None = None
    page: int | None = None
    parent: str | None = None
    law: str | None = None  # law context: Wmo, Jeugdwet, Wlz, Participatiewet
    attrs: dict[str, Any] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass(repr=False)
class Document:
    """A document after ingest (text, pages, metadata) and extraction (type, clauses)."""

    path: str  # relative to the audited folder, with forward slashes
    format: str  # txt, md, pdf, docx, html, cvdr
    text: str  # normalised text
    pages: list[Page] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    source_map: SourceMap = field(default_factory=SourceMap)
    tables: list[Table] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    type: str = "unknown"
    type_evidence: list[str] = field(default_factory=list)
    title: str | None = None
    date: date | None = None
    law: str | None = None  # main law context of the whole document
    clauses: list[Clause] = field(default_factory=list)
    sha256: str | None = None
    size: int = 0
    warnings: list[str] = field(default_factory=list)  # e.g. "page 3 has no text layer"

    def __repr__(self) -> str:
        """Short: path, type, size; not the whole text (``doc.text``, ``doc.clauses``)."""
        return (f"Document(path={self.path!r}, type={self.type!r}, format={self.format!r}, "
                f"pages={len(self.pages)}, clauses={len(self.clauses)}, chars={len(self.text)})")

    def page_of(self, offset: int) -> int:
        if not self.pages:
            return 1
        starts = [p.start for p in self.pages]
        i = bisect.bisect_right(starts, offset) - 1
        return self.pages[max(i, 0)].number

    def line_of(self, offset: int) -> int:
        return self.source_map.line(offset)

    def ocr_confidence(self, page: int | None) -> int | None:
        """The OCR confidence (0-100) of ``page`` when its text was read by OCR from a scan,
        else None (``metadata["ocr"]``, set by the readers)."""
        for p in self.metadata.get("ocr") or ():
            if p.get("page") == page:
                return p.get("confidence")
        return None

    def clause_at(self, offset: int, kinds: tuple[str, ...] | None = None) -> Clause | None:
        """The innermost clause whose span holds ``offset`` (optionally of the given kinds)."""
        best = None
        for c in self.clauses:
            if c.start <= offset < c.end and (kinds is None or c.kind in kinds):
                if best is None or (c.end - c.start) <= (best.end - best.start):
                    best = c
        return best

    def summary(self) -> dict[str, Any]:
        """The ``documents`` entry of findings.json."""
        return {
            "path": self.path,
            "type": self.type,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "pages": len(self.pages) or 1,
            "format": self.format,
            "law": self.law,
            "metadata": {k: _jsonable(v) for k, v in self.metadata.items()},
            "clauses": [c.to_dict() for c in self.clauses],
        }


@dataclass
class Rule:
    """A rule loaded from a YAML pack. Type-specific keys live in ``params``."""

    id: str
    type: str
    severity: str
    message: str
    suggestion: str | None = None
    scope: dict[str, Any] = field(default_factory=dict)
    unless: list[str] = field(default_factory=list)
    source: str | None = None  # legal basis URL
    examples: dict[str, list[Any]] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    file: str | None = None  # the YAML file it came from
    line: int | None = None  # its line there (1-based)
    title: str | None = None  # a short description without {placeholders} (SARIF, rule lists)
    replaces: str | None = None  # the id of a rule loaded earlier that this one takes the place of

    def short_description(self) -> str:
        """``title``, else ``message`` with each ``{placeholder}`` shown as '…'."""
        if self.title:
            return self.title
        return _PLACEHOLDER.sub("…", self.message)

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "severity": self.severity,
            "message": self.message,
            "source": self.source,
        }


@dataclass(slots=True)
class Finding:
    """One problem at one place. Flat, like a linter alert."""

    rule: str
    type: str
    severity: str
    message: str
    document: str
    suggestion: str | None = None
    clause: str | None = None
    page: int | None = None
    line: int | None = None
    start: int | None = None
    end: int | None = None
    excerpt: str = ""
    related: list[dict[str, Any]] = field(default_factory=list)  # {document, clause, excerpt}
    fingerprint: str = ""
    column: int | None = None  # 1-based, in the original text's line ``line``
    end_line: int | None = None  # where the span ends (its last character's line)
    end_column: int | None = None  # the column after the span's last character
    ocr: bool = False  # found in text read by OCR from a scan: check the scan itself
    ocr_confidence: int | None = None  # that page's OCR confidence (0-100)

    def compute_fingerprint(self) -> str:
        """Stable across edits that move text: rule, document, clause and normalised excerpt."""
        norm = " ".join(self.excerpt.lower().split())
        key = "\x1f".join([self.rule, self.document, self.clause or "", norm])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    def sort_key(self) -> tuple:
        return (self.document, self.start if self.start is not None else -1, self.rule, self.fingerprint)


@dataclass
class DocumentError:
    """A document that could not be read; the audit of the others goes on."""

    document: str
    code: str
    message: str
    hint: str | None = None

    @classmethod
    def of(cls, document: str, code: str, situation: str | None = None, /, **values: Any) -> "DocumentError":
        """The error ``code`` from the catalogue in ``docmine.errors`` (in ``situation``) for
        ``document``, its templates filled with ``values``."""
        filled = errors.text(code, situation, **values)
        return cls(document, code, filled.message, filled.hint)

    @classmethod
    def from_error(cls, document: str, error: errors.DocmineError) -> "DocumentError":
        """``error`` (raised while reading ``document``) as data for the report."""
        return cls(document, error.code, error.message, error.hint)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


@dataclass
class SkippedFile:
    """A file or folder under the audited paths that docmine did not read, and why (an
    unsupported format, an excluded folder, docmine's own report folder)."""

    path: str  # relative to the audited folder; a folder ends with "/"
    reason: str
    hint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason, "hint": self.hint}


@dataclass(repr=False)
class AuditResult:
    """What ``docmine.audit`` returns: the documents read, every finding (sorted), the documents
    that could not be read (``errors``), the files not read (``skipped``), the reference graph."""

    version: str
    root: str
    rules: list[Rule] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    graph: dict[str, Any] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)  # timings per stage, counts, cache hits
    skipped: list[SkippedFile] = field(default_factory=list)

    def __repr__(self) -> str:
        """One line: ``AuditResult(root='corpus', documents=20, findings=68 (error 19, warning 45, info 4), errors=0)``."""
        counts = ", ".join(f"{s} {n}" for s, n in self.counts().items())
        ndocs = self.stats.get("documents_read", len(self.documents))
        return (f"AuditResult(root={self.root!r}, documents={ndocs}, findings={len(self.findings)} ({counts}), "
                f"errors={len(self.errors)}, skipped={len(self.skipped)})")

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """findings.json, as the DESIGN contract fixes it (plus ``graph``)."""
        return {
            "docmine": self.version,
            "rules": [r.summary() for r in self.rules],
            "documents": [d.summary() for d in self.documents],
            "findings": [f.to_dict() for f in self.findings],
            "errors": [e.to_dict() for e in self.errors],
            "skipped": [s.to_dict() for s in self.skipped],
            "graph": self.graph,
        }


# --------------------------------------------------------------------------- by field name


def to_dict(obj: Any) -> dict[str, Any]:
    """``obj``'s dataclass fields by name, in field order, nested dataclasses as dicts too (as
    ``dataclasses.asdict`` gives it; arrays of offsets as lists). ``from_dict`` is the inverse.

    >>> to_dict(Page(1, 0, 10))
    {'number': 1, 'start': 0, 'end': 10}
    """
    return {name: _plain(getattr(obj, name)) for name in _schema(type(obj)).names}


def from_dict(cls: type, data: Any) -> Any:
    """An instance of the dataclass ``cls`` from ``to_dict``'s dict, nested classes rebuilt from
    the fields' types. Raises ValueError when ``data`` does not fit: not a dict, a field
    missing or unknown, a value of the wrong type (a date may be given as ISO text).

    >>> from_dict(Page, {"number": 1, "start": 0, "end": 10})
    Page(number=1, start=0, end=10)
    >>> from_dict(Page, {"number": "1", "start": 0, "end": 10})
    Traceback (most recent call last):
    ValueError: Page.number: int expected, not str
    """
    if type(data) is not dict:
        raise ValueError(f"{cls.__name__}: a mapping expected, not {type(data).__name__}")
    spec = _schema(cls)
    if not spec.required <= data.keys() <= spec.known:
        missing, unknown = spec.required - data.keys(), data.keys() - spec.known
        raise ValueError(f"{cls.__name__}: fields missing {sorted(missing)} or unknown {sorted(map(str, unknown))}")
    values = dict(data)
    for name, kinds in spec.plain.items():  # text, numbers, None: the type is the whole check
        if name in values and type(values[name]) not in kinds:
            _wrong(f"{cls.__name__}.{name}", kinds[0], values[name])
    for name, decode in spec.decoders.items():  # the others: checked and rebuilt
        if name in values:
            values[name] = decode(values[name])
    return cls(**values)


def _plain(value: Any) -> Any:
    """A copy of nested dicts/lists (dataclasses inside turned into dicts), like ``asdict`` does."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, array):
        return value.tolist()
    if is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if type(value) not in _PLAIN and isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return [_plain(v) for v in value]  # clauses kept on disk (``store.StoredClauses``)
    return value


@dataclass(frozen=True)
class _Schema:
    names: tuple[str, ...]  # the fields in order
    known: frozenset[str]
    required: frozenset[str]  # those without a default
    plain: dict[str, tuple[type, ...]]  # field -> the exact types its value may have (text, numbers, None)
    decoders: dict[str, Callable[[Any], Any]]  # the other fields -> check (and rebuild) its value


_PLAIN = (str, int, float, bool, type(None))


@functools.cache  # per class: its fields and their types do not change
def _schema(cls: type) -> _Schema:
    hints = typing.get_type_hints(cls)
    names = tuple(f.name for f in fields(cls))
    required = frozenset(f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING)
    plain: dict[str, tuple[type, ...]] = {}
    decoders: dict[str, Callable[[Any], Any]] = {}
    for f in fields(cls):
        hint = hints[f.name]
        kinds = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
        if all(k in _PLAIN for k in kinds):
            plain[f.name] = tuple(kinds) + ((int,) if float in kinds else ())  # an int is a float too
        else:
            decoders[f.name] = _decoder(hint, f"{cls.__name__}.{f.name}")
    return _Schema(names, frozenset(names), required, plain, decoders)


def _decoder(hint: Any, where: str) -> Callable[[Any], Any]:
    """A function checking (and where needed rebuilding) a value of the type ``hint``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return lambda v: v
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        one = _decoder(inner[0] if len(inner) == 1 else Any, where)
        return lambda v: None if v is None else one(v)
    if origin is list:
        (item,) = args or (Any,)
        if item is int:  # offsets: checked in C (an array takes nothing but integers)
            return lambda v: _int_array(v, where)
        each = _decoder(item, where)
        return lambda v: [each(x) for x in v] if type(v) is list else _wrong(where, list, v)
    if origin is dict:  # (a JSON object's keys are text)
        return lambda v: v if type(v) is dict else _wrong(where, dict, v)
    if hint is date:
        return lambda v: date.fromisoformat(v) if type(v) is str else v if isinstance(v, date) else _wrong(where, date, v)
    if isinstance(hint, type) and is_dataclass(hint):
        return lambda v: from_dict(hint, v)
    if hint in _PLAIN:
        kinds = (float, int) if hint is float else (hint,)
        return lambda v: v if type(v) in kinds else _wrong(where, hint, v)
    raise TypeError(f"{where}: no decoder for {hint!r}")


def _int_array(value: Any, where: str) -> array:
    """``value`` (a list of integers) as an array of offsets; ValueError for anything else."""
    if isinstance(value, array) and value.typecode == "q":
        return value
    if type(value) is not list:
        _wrong(where, list, value)
    try:
        return array("q", value)
    except (TypeError, OverflowError):
        raise ValueError(f"{where}: a list of integers expected") from None


def _wrong(where: str, kind: type, value: Any) -> Any:
    raise ValueError(f"{where}: {kind.__name__} expected, not {type(value).__name__}")


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value
