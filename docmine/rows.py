"""The cache's rows: what an audit keeps of a document, of the corpus stage and of a finished
report, as data that cannot run code when it is read.

    blob = encode_entry((document, findings, error, "2026-12-07"))   # zlib-compressed JSON
    document, findings, error, day = decode_entry(blob)              # ValueError: does not fit

Each row is JSON (orjson) of the model's dataclass fields by name (``model.from_dict`` rebuilds
and checks them), with ``SCHEMA_VERSION`` in it. A value whose type the model does not fix (a
corpus rule's prepared record, the graph, the stats) goes through ``_tag``: JSON, with a tuple,
bytes, a date or a mapping with other keys than text written as a one-key mapping. Reading a
row never does more than parse JSON and build the model's own classes from it: a crafted row
is at most a row that does not fit (a miss).
"""

from __future__ import annotations

import base64
import datetime as _dt
import zlib
from typing import Any

import orjson

from .model import Document, DocumentError, Finding, from_dict
from .rules.base import PREPARED_ATTR

# 2: slotted model dataclasses pickled, rules' day in the entry, no date in the key;
# 3: JSON of the dataclass fields instead of pickles, content-hash keys (no (size, mtime) table)
SCHEMA_VERSION = 3


def _tag(value: Any) -> Any:
    """``value`` as JSON data, saying what JSON cannot by a one-key mapping: a tuple, bytes, a
    date, a mapping with keys that are not text. Used for values whose type the model does not
    fix (a corpus rule's prepared record, the graph, the stats). Raises TypeError for anything
    else (such a value is not stored)."""
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is list:
        return [_tag(v) for v in value]
    if kind is dict:
        if all(type(k) is str for k in value) and not (len(value) == 1 and next(iter(value)) in _TAGS):
            return {k: _tag(v) for k, v in value.items()}
        return {"__items__": [[_tag(k), _tag(v)] for k, v in value.items()]}
    if kind is tuple:
        return {"__tuple__": [_tag(v) for v in value]}
    if kind is bytes:
        return {"__bytes__": base64.b64encode(value).decode("ascii")}
    if kind is _dt.date:
        return {"__date__": value.isoformat()}
    raise TypeError(f"cannot store a {kind.__name__} in the cache")


def _untag(value: Any) -> Any:
    """The inverse of ``_tag``; ValueError for what ``_tag`` cannot have made."""
    kind = type(value)
    if kind is list:
        return [_untag(v) for v in value]
    if kind is not dict:
        return value
    if len(value) == 1:
        (tag, inner), = value.items()
        if tag in _TAGS:
            return _TAGS[tag](inner)
    return {k: _untag(v) for k, v in value.items()}


def _items(pairs: Any) -> dict:
    if type(pairs) is not list or not all(type(p) is list and len(p) == 2 for p in pairs):
        raise ValueError("__items__: a list of pairs expected")
    out = {}
    for k, v in pairs:
        k = _untag(k)
        if type(k) in (list, dict):
            raise ValueError("__items__: a key must be hashable")
        out[k] = _untag(v)
    return out


def _text(value: Any) -> str:
    if type(value) is not str:
        raise ValueError("text expected")
    return value


_TAGS = {
    "__items__": _items,
    "__tuple__": lambda v: tuple(_untag(v)) if type(v) is list else _text(v),
    "__bytes__": lambda v: base64.b64decode(_text(v), validate=True),
    "__date__": lambda v: _dt.date.fromisoformat(_text(v)),
}


def _json_default(value: Any) -> Any:
    """What orjson is given besides JSON data and dataclasses: the offset arrays of a SourceMap."""
    tolist = getattr(value, "tolist", None)
    if tolist is not None and type(value).__module__ == "array":
        return tolist()
    raise TypeError(f"cannot store a {type(value).__name__} in the cache")


def _pack(row: dict[str, Any]) -> bytes:
    """A row as compressed JSON, with the schema version."""
    return zlib.compress(orjson.dumps({"schema": SCHEMA_VERSION, **row}, default=_json_default), 1)


def inflate(blob: Any) -> bytes | None:
    """A row's JSON (the first half of reading it, which another thread may do: zlib works
    without the GIL); None when it is no compressed row."""
    if not isinstance(blob, bytes):
        return None
    try:
        return zlib.decompress(blob)
    except zlib.error:
        return None


def _unpack(blob: Any, keys: frozenset[str], inflated: bool = False) -> dict[str, Any]:
    """A row made by ``_pack`` with exactly ``keys`` (besides the schema); ValueError when it
    is not one (another version, a wrong shape, corrupt bytes). ``inflated``: ``blob`` is the
    row's JSON already (``inflate``)."""
    data = blob if inflated else inflate(blob)
    if not isinstance(data, bytes):
        raise ValueError("not a row")
    try:
        row = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"corrupt row: {exc}") from None
    if type(row) is not dict or row.get("schema") != SCHEMA_VERSION or row.keys() != keys | {"schema"}:
        raise ValueError("a row of another version or shape")
    return row


def _findings(value: Any) -> list[Finding]:
    if type(value) is not list:
        raise ValueError("findings: a list expected")
    return [from_dict(Finding, f) for f in value]


def _error(value: Any) -> DocumentError | None:
    return None if value is None else from_dict(DocumentError, value)


_ENTRY = frozenset({"document", "prepared", "findings", "error", "day"})
_CORPUS = frozenset({"findings", "graph"})
_REPORT = frozenset({"findings", "errors", "graph", "stats"})


def encode_entry(value: tuple) -> bytes:
    """One document's (Document, findings, error, day) as a row. Its ``prepared`` records (a
    corpus rule's per-document work, see ``rules.base.store_prepared``) go along when they are
    plain data, else they are left out (the corpus stage then does that work again)."""
    doc, findings, error, day = value
    prepared = None
    if doc is not None and PREPARED_ATTR in doc.__dict__:
        try:
            prepared = _tag(doc.__dict__[PREPARED_ATTR])
        except TypeError:
            prepared = None
    return _pack({"document": doc, "prepared": prepared, "findings": findings, "error": error, "day": day})


def decode_entry(blob: Any, inflated: bool = False) -> tuple[Document | None, list[Finding], DocumentError | None, str]:
    """The inverse of ``encode_entry``; ValueError when the row does not fit. ``inflated``:
    ``blob`` went through ``inflate`` already."""
    row = _unpack(blob, _ENTRY, inflated)
    doc = None if row["document"] is None else from_dict(Document, row["document"])
    if row["prepared"] is not None:
        prepared = _untag(row["prepared"])
        if doc is None or type(prepared) is not dict:
            raise ValueError("prepared: a mapping of a document expected")
        doc.__dict__[PREPARED_ATTR] = prepared
    return doc, _findings(row["findings"]), _error(row["error"]), _text(row["day"])


def encode_corpus(value: tuple) -> bytes:
    findings, graph = value
    return _pack({"findings": findings, "graph": _tag(graph)})


def decode_corpus(blob: Any) -> tuple[list[Finding], dict]:
    row = _unpack(blob, _CORPUS)
    graph = _untag(row["graph"])
    if type(graph) is not dict:
        raise ValueError("graph: a mapping expected")
    return _findings(row["findings"]), graph


def encode_report(value: dict[str, Any]) -> bytes:
    return _pack({"findings": value["findings"], "errors": value["errors"], "graph": _tag(value["graph"]),
                  "stats": _tag(value["stats"])})


def decode_report(blob: Any) -> dict[str, Any]:
    row = _unpack(blob, _REPORT)
    graph, stats = _untag(row["graph"]), _untag(row["stats"])
    if type(graph) is not dict or type(stats) is not dict or type(row["errors"]) is not list:
        raise ValueError("a report of another shape")
    return {"findings": _findings(row["findings"]), "errors": [from_dict(DocumentError, e) for e in row["errors"]],
            "graph": graph, "stats": stats}


def decoded(decode: Any, blob: Any) -> Any:
    """``decode(blob)``, or None when the row does not fit (a miss, never an error)."""
    if blob is None:
        return None
    try:
        return decode(blob)
    except (ValueError, TypeError, KeyError, OverflowError, RecursionError):
        return None


__all__ = ["SCHEMA_VERSION", "inflate", "encode_entry", "decode_entry", "encode_corpus", "decode_corpus", "encode_report",
           "decode_report", "decoded"]
