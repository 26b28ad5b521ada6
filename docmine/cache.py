"""The on-disk cache of per-document results, so that a second audit only re-reads what changed.

One SQLite file, ``<cache dir>/docmine-cache.sqlite`` (WAL mode; every write in a transaction,
so Ctrl-C or a crash leaves either the old or the new entry, never half of one):

- ``entries``: key -> one document's (Document, findings, error) as data. The key hashes the
  document's relative path, the sha256 of its bytes (hashed on every audit: a file changed with
  its size and mtime kept is a miss) and the *namespace*: docmine's version, a hash of the
  docmine source that produces per-document results, the per-document rules' content (from
  their YAML, without file/line/examples), the type overrides and the limits. Change a document
  and only its entry misses; change a per-document rule and every entry misses; change a corpus
  rule and nothing misses (corpus rules always run). Today's date is not in the entry key (what
  is read and extracted does not depend on it): each entry records the day its rules ran, and
  on another day the pipeline re-runs only the per-document rules on the cached Document
  (rules may compare dates with today). The corpus stage's key does hold today's date.
- ``corpus`` and ``reports``: the corpus stage's findings and graph, and finished audits
  (see ``api.audit``).

Every value is stored as data, never as code: JSON (orjson, zlib-compressed) of the model's
dataclass fields by name (``model.to_dict`` / ``model.from_dict``), with the schema version in
each row. A cache folder copied from a share or a USB stick can hold anything: a row that does
not fit (another version, a wrong shape, corrupt bytes) is a miss, nothing in it is executed,
and a corrupt or unreadable cache file is moved aside with a warning and rebuilt; the audit
never fails because of its cache.

Example::

    >>> cache = Cache.open(".cache", rules, options)
    >>> key, hit = cache.lookup(Path("corpus/a.txt"), "a.txt")
    >>> if hit is None: cache.store(key, "a.txt", (doc, findings, None))
    >>> cache.close()
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Iterator

from .version import __version__
from .ingest.ocr import signature as ocr_signature
from .model import Rule
from .rows import SCHEMA_VERSION, decode_corpus, decoded, inflate, decode_entry, decode_report, encode_corpus, encode_entry, encode_report
from .rules import registry
from .vocabulary import shipped

CACHE_FILE = "docmine-cache.sqlite"
COMMIT_EVERY = 64  # entries per transaction
PRUNE_DAYS = 30  # entries of other namespaces unused this long are removed

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, namespace TEXT NOT NULL, rel TEXT NOT NULL,
                                    payload BLOB NOT NULL, used REAL NOT NULL);
CREATE INDEX IF NOT EXISTS entries_rel ON entries (namespace, rel);
CREATE TABLE IF NOT EXISTS corpus (key TEXT PRIMARY KEY, payload BLOB NOT NULL, used REAL NOT NULL);
CREATE TABLE IF NOT EXISTS reports (key TEXT PRIMARY KEY, payload BLOB NOT NULL, used REAL NOT NULL);
CREATE TABLE IF NOT EXISTS report_files (key TEXT PRIMARY KEY, files TEXT NOT NULL);
"""
CORPUS_KEEP = 3  # corpus-stage results kept (the last few corpus states)
REPORTS_KEEP = 3  # finished reports kept (see ``report_lookup``)

# The parts of docmine whose code decides a document's per-document result.
_CODE_DIRS = ("ingest", "extract", "rules")
_CODE_FILES = ("model.py", "names.py", "rows.py", "pipeline.py", "workers.py", "pool.py", "__init__.py")


def today() -> str:
    """Today's date as the cache records it (ISO); the one place the cache asks for the date."""
    return _dt.date.today().isoformat()


def warn(message: str) -> None:
    """A one-line warning on stderr (Dutch, like every user-facing text)."""
    print(f"docmine: waarschuwing: {message}", file=sys.stderr)


def rules_hash(rules: list[Rule], level: str = "document") -> str:
    """Hash of what the rules of one level do (their YAML-derived content; not file, line or
    examples). The per-document entries depend only on the document-level rules; the corpus
    stage result on the corpus-level rules."""
    parts = []
    for r in rules:
        try:
            rlevel = registry.get(r.type).level
        except Exception:
            rlevel = "document"
        if rlevel != level:
            continue
        d = dataclasses.asdict(r)
        for k in ("file", "line", "examples"):
            d.pop(k, None)
        parts.append(d)
    blob = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


_CODE_HASH: str | None = None


def code_hash() -> str:
    """Hash of the docmine source that produces per-document results (so an edited reader or
    rule type in a development checkout does not serve stale entries)."""
    global _CODE_HASH
    if _CODE_HASH is None:
        base = Path(__file__).resolve().parent
        h = hashlib.sha256()
        paths = [base / f for f in _CODE_FILES]
        for d in _CODE_DIRS:
            paths.extend(sorted((base / d).rglob("*.py")))
        for p in paths:
            try:
                h.update(p.relative_to(base).as_posix().encode())
                h.update(p.read_bytes())
            except OSError:
                continue
        _CODE_HASH = h.hexdigest()
    return _CODE_HASH


_REPORT_HASH: str | None = None


def report_code_hash() -> str:
    """Hash of the code and templates that write the reports (and of ``code_hash``)."""
    global _REPORT_HASH
    if _REPORT_HASH is None:
        base = Path(__file__).resolve().parent
        h = hashlib.sha256(code_hash().encode())
        for p in sorted((base / "report").rglob("*")) + [base / "baseline.py", base / "api.py", base / "graph.py"]:
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(p.relative_to(base).as_posix().encode())
                h.update(p.read_bytes())
        _REPORT_HASH = h.hexdigest()
    return _REPORT_HASH


NOT_IN_KEY = ("timeout", "max_memory")  # limits that decide whether a result is made, not what it is


def namespace(rules: list[Rule], options: Any) -> str:
    """Everything besides the document itself that its cached result depends on."""
    limits = getattr(options, "limits", None)
    lim = {k: v for k, v in (dataclasses.asdict(limits) if dataclasses.is_dataclass(limits) else {}).items()
           if k not in NOT_IN_KEY}
    parts = {
        "docmine": __version__,
        "schema": SCHEMA_VERSION,
        "python": f"{sys.version_info[0]}.{sys.version_info[1]}",
        "code": code_hash(),
        "rules": rules_hash(rules),
        "types": sorted((getattr(options, "type_overrides", None) or {}).items()),
        "vocabulary": (getattr(options, "vocabulary", None) or shipped()).fingerprint(),
        "limits": lim,
        "ocr": ocr_signature(bool(lim.get("ocr", True))),  # installing or upgrading OCR reads scans again
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


# --------------------------------------------------------------------------- files


def file_sha256(path: str | os.PathLike) -> str | None:
    """sha256 of a regular file's bytes; None when it is not a regular file (a FIFO, a device,
    a socket: never opened for reading, and never waited for) or cannot be read. The file is
    opened without blocking and checked again once open (it may have been swapped meanwhile)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None
            h = hashlib.sha256()
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
            return h.hexdigest()
    except OSError:
        return None


def hashes(files: list[tuple[Path, str]]) -> list[str | None]:
    """``file_sha256`` of every (path, rel) of ``files`` (one thread: for documents of a few KB
    threads only contend for the GIL; 2,000 files 0.21 -> 0.09 s)."""
    return [file_sha256(p) for p, _ in files]


class Cache:
    """Per-document results on disk. Use ``Cache.open``; never raises on a broken cache."""

    def __init__(self, directory: str | os.PathLike, ns: str) -> None:
        self.directory = Path(directory)
        self.path = self.directory / CACHE_FILE
        self.namespace = ns
        self.hits = 0
        self.misses = 0
        self.stored = 0
        self.corpus_hit = False
        self.warnings: list[str] = []
        self._pending = 0
        self._shas: dict[str, str] = {}  # entry key -> the content hash it was made from
        self._db: sqlite3.Connection | None = None
        self._connect(retry=True)

    @classmethod
    def open(cls, directory: str | os.PathLike, rules: list[Rule], options: Any) -> "Cache":
        return cls(directory, namespace(rules, options))

    # -- connection -------------------------------------------------------------------

    def _connect(self, retry: bool) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA trusted_schema=OFF")  # a copied file's schema may call no functions
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if db.execute("SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchone()[0]:
                db.close()  # docmine makes neither: a file made by someone else
                raise sqlite3.DatabaseError("het bestand bevat triggers of views die docmine niet maakt")
            db.executescript(_SCHEMA)
            row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None or row[0] != str(SCHEMA_VERSION):  # rows of another format: all gone
                db.executescript("DROP TABLE IF EXISTS files; DELETE FROM entries; DELETE FROM corpus; "
                                 "DELETE FROM reports; DELETE FROM report_files;")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            self._db = db
        except (sqlite3.DatabaseError, OSError) as exc:
            self._db = None
            if retry and self.path.exists():
                self._warn(f"cache {self.path} is onleesbaar ({exc}); hij wordt opnieuw opgebouwd")
                self._discard()
                self._connect(retry=False)
            else:
                self._warn(f"cache {self.path} kan niet worden gebruikt ({exc}); alles wordt opnieuw gelezen")

    def _discard(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(self.path) + suffix)
            try:
                if p.exists():
                    p.replace(Path(str(p) + ".beschadigd")) if suffix == "" else p.unlink()
            except OSError:
                pass

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        warn(message)

    def _failed(self, exc: Exception) -> None:
        """A database error in the middle of an audit: stop using the cache, rebuild next time."""
        self._warn(f"cache {self.path} gaf een fout ({exc}); de cache wordt voor deze controle uitgeschakeld")
        try:
            if self._db is not None:
                self._db.close()
        except sqlite3.Error:
            pass
        self._db = None
        self._discard()

    # -- lookups ----------------------------------------------------------------------

    def content_hash(self, path: Path) -> str | None:
        """sha256 of the file's bytes (None: not a regular file, or unreadable)."""
        return file_sha256(path)

    def key(self, rel: str, sha: str) -> str:
        key = hashlib.sha256(f"{self.namespace}\x1f{rel}\x1f{sha}".encode("utf-8", "backslashreplace")).hexdigest()
        self._shas[key] = sha
        return key

    def lookup(self, path: Path, rel: str) -> tuple[str | None, Any]:
        """(key, (Document, findings, error, day)) for a hit, (key, None) for a miss; key is None
        when the file cannot be hashed (the pipeline then reports the read error as usual). ``day``
        is the ISO date on which the findings were made (see ``today``)."""
        return next(self.lookup_many([(path, rel)]))

    def lookup_many(self, files: list[tuple[Path, str]],
                    shas: list[str | None] | None = None) -> Iterator[tuple[str | None, Any]]:
        """``lookup`` for every (path, rel) of ``files``, in order, the entries read with one
        query per 500; they are decompressed in a helper thread (zlib and sqlite release the
        GIL) while this thread builds the objects. ``shas``: the files' ``hashes``, when the
        caller has them."""
        keys = self.keys_for(files, shas)
        blobs: dict[str, bytes] = {}
        wanted = [k for k in keys if k]
        if self._db is not None and wanted:
            try:
                for i in range(0, len(wanted), 500):
                    part = wanted[i:i + 500]
                    blobs.update(self._db.execute(
                        f"SELECT key, payload FROM entries WHERE key IN ({','.join('?' * len(part))})", part))
            except sqlite3.DatabaseError as exc:
                self._failed(exc)
                blobs = {}
        with ThreadPoolExecutor(1) as pool:
            rows = pool.map(lambda k: inflate(blobs.pop(k, None)) if k else None, keys)
            for key, row in zip(keys, rows):
                value = decoded(lambda r: decode_entry(r, inflated=True), row)
                if value is None:
                    self.misses += 1
                else:
                    self.hits += 1
                yield key, value

    def keys_for(self, files: list[tuple[Path, str]], shas: list[str | None] | None = None) -> list[str | None]:
        """The entry key of every (path, rel) of ``files`` (None: not a regular file, cannot be
        read, or no cache), from the sha256 of its bytes (``shas``, else hashed now), without
        loading any entry."""
        if self._db is None:
            return [None] * len(files)
        if shas is None:
            shas = hashes(files)
        return [self.key(rel, sha) if sha is not None else None for (_, rel), sha in zip(files, shas)]

    def report_lookup(self, key: str) -> Any:
        """A finished audit stored by ``report_store`` under ``key`` (see ``api.audit``), or None."""
        return decoded(decode_report, self._blob("reports", key))

    def report_store(self, key: str, value: dict[str, Any]) -> None:
        self._blob_store("reports", key, encode_report, value, REPORTS_KEEP)
        self._write("DELETE FROM report_files WHERE key NOT IN (SELECT key FROM reports)", ())

    def report_files(self, key: str) -> dict[str, list] | None:
        """{format: [path, size, mtime_ns]} of the report files written for ``key``."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT files FROM report_files WHERE key=?", (key,)).fetchone()
            files = json.loads(row[0]) if row else None
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return None
        except (ValueError, TypeError):
            return None
        ok = isinstance(files, dict) and all(
            isinstance(v, list) and len(v) == 3 and isinstance(v[0], str) for v in files.values())
        return files if ok else None

    def report_files_store(self, key: str, files: dict[str, list]) -> None:
        self._write("INSERT OR REPLACE INTO report_files VALUES (?, ?)", (key, json.dumps(files)))

    # -- writes -----------------------------------------------------------------------

    def _write(self, sql: str, args: tuple) -> None:
        if self._db is None:
            return
        try:
            if not self._db.in_transaction:
                self._db.execute("BEGIN")
            self._db.execute(sql, args)
            self._pending += 1
            if self._pending >= COMMIT_EVERY:
                self._db.execute("COMMIT")
                self._pending = 0
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    def store(self, key: str, rel: str, value: Any) -> None:
        """Store one document's (Document, findings, error) as made today; replaces its older
        entries. Not when the document read is not the content the key was made from (the file
        changed while it was audited)."""
        if self._db is None:
            return
        doc = value[0]
        if doc is not None and doc.sha256 and doc.sha256 != self._shas.get(key):
            return
        try:
            blob = encode_entry((*value[:3], today()))
        except (TypeError, ValueError, OverflowError):  # something that is no data: not kept
            return
        self._write("DELETE FROM entries WHERE namespace=? AND rel=? AND key<>?", (self.namespace, rel, key))
        self._write("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)",
                    (key, self.namespace, rel, sqlite3.Binary(blob), time.time()))
        self.stored += 1

    def corpus_key(self, rules: list[Rule], doc_keys: list[str]) -> str:
        """Key of the corpus stage: every document's entry key (in order) and the corpus rules."""
        h = hashlib.sha256(self.namespace.encode())
        h.update(rules_hash(rules, "corpus").encode())
        h.update(today().encode())  # corpus rules may compare dates with today
        for k in doc_keys:
            h.update(k.encode())
        return h.hexdigest()

    def corpus_lookup(self, key: str) -> Any:
        """The corpus stage's (findings, graph) for exactly this corpus state, or None."""
        return decoded(decode_corpus, self._blob("corpus", key))

    def corpus_store(self, key: str, value: Any) -> None:
        self._blob_store("corpus", key, encode_corpus, value, CORPUS_KEEP)

    def _blob(self, table: str, key: str) -> bytes | None:
        """The payload stored under ``key`` in ``table`` (corpus, reports), or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(f"SELECT payload FROM {table} WHERE key=?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return None
        return row[0] if row else None

    def _blob_store(self, table: str, key: str, encode: Any, value: Any, keep: int) -> None:
        """``encode(value)`` under ``key`` in ``table``; only the ``keep`` newest rows stay."""
        if self._db is None:
            return
        try:
            blob = encode(value)
        except (TypeError, ValueError, OverflowError):
            return
        self._write(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)", (key, sqlite3.Binary(blob), time.time()))
        self._write(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM {table} ORDER BY used DESC LIMIT ?)",
                    (keep,))

    def close(self) -> None:
        """Commit what is pending, drop long-unused entries of other rule sets, close."""
        if self._db is None:
            return
        try:
            if self.hits:
                # mark the namespace as used without touching every row
                self._write("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"used:{self.namespace}", str(time.time())))
            self._write("DELETE FROM entries WHERE namespace<>? AND used<?",
                        (self.namespace, time.time() - PRUNE_DAYS * 86400))
            if self._db is not None and self._db.in_transaction:
                self._db.execute("COMMIT")
            if self._db is not None:
                self._db.close()
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
        self._db = None

    def stats(self) -> dict[str, Any]:
        return {"enabled": True, "path": str(self.path), "hits": self.hits, "misses": self.misses,
                "stored": self.stored, "corpus_hit": self.corpus_hit, "warnings": list(self.warnings)}


__all__ = ["Cache", "namespace", "rules_hash", "CACHE_FILE", "file_sha256", "hashes"]
