"""The documents' clause trees and the findings on disk while a large audit runs, instead of in
the main process.

A clause tree is about two thirds of what the main process holds per document (10,000 generated
documents: 388 of 581 MB; each clause carries its own text, an article's the text of its leden
again). The corpus rules and the report writers go through the documents a few times, one
document at a time, so the audit's main process keeps each document's text, metadata, prepared
records and findings, and its clauses in a temporary SQLite file, read back when a rule or a
writer asks for them:

    store = ClauseStore.create()                  # a new temporary file, removed when done
    doc.clauses = store.keep(doc.clauses)         # a StoredClauses: len, index, iterate
    [c.id for c in doc.clauses]                   # read back (the last few stay decoded)
    store.add_findings(findings, source=3)        # a document's findings, as they arrive
    result.findings = store.findings()            # a StoredFindings: len, iterate (sorted)

The findings are kept per document (a row per document and source: the worker's outcome, the
corpus stage) and read back in the order ``Finding.sort_key`` gives (by document path, then
sorted within the document), one document at a time: the report writers go through them a few
times without holding them all.

The rows are pickles: the file is made by this process (``mkstemp``: only its user may read or
write it), holds only what this audit put there, and is removed when the audit's documents are
gone or the process ends; it is never read by another audit (the cache, which may come from
elsewhere, holds JSON, see ``rows``). A forked child (a report writer) opens it read-only.
SQLite rather than DuckDB: the rows are written and read one at a time by key, which SQLite does
fast and DuckDB (a column store for scans) does not. Measured here with 10,000 rows of ~40 KB (a
document's pickled clauses), in random order: SQLite 0.23 ms a write, 0.14 ms a read; DuckDB 2.0.1
2.9 ms and 17 ms. SQLite is also in the standard library, and the cache uses it already.
"""

from __future__ import annotations

import functools
import os
import pickle
import sqlite3
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Callable, Iterable, Iterator

from .model import Clause, Finding

STORE_ABOVE = 2000  # an audit of more documents than this keeps their clauses in a ClauseStore
RECENT = 8  # clause lists kept decoded (a rule asking for one document's clauses several times)
COMMIT_EVERY = 256


def _remove(path: str, pid: int) -> None:
    """Remove the store's file, in the process that made it only (not in a forked child)."""
    if os.getpid() == pid:
        for suffix in ("", "-journal"):
            try:
                os.unlink(path + suffix)
            except OSError:
                pass


class ClauseStore:
    """A temporary SQLite file of clause lists, one row each."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._pid = os.getpid()
        self._db = self._open(writable=True)
        self._pending = 0
        self._recent: OrderedDict[int, list[Clause]] = OrderedDict()
        self._findings = 0
        self._done = weakref.finalize(self, _remove, path, self._pid)

    @classmethod
    def create(cls, folder: str | os.PathLike | None = None) -> "ClauseStore":
        """A new, empty store in ``folder`` (default: the system's temporary folder)."""
        fd, path = tempfile.mkstemp(prefix="docmine-clauses-", suffix=".sqlite", dir=folder)
        os.close(fd)
        return cls(path)

    def _open(self, writable: bool) -> sqlite3.Connection:
        if writable:
            db = sqlite3.connect(self.path, isolation_level="DEFERRED", check_same_thread=False)
            # nothing to recover after a crash: the file is removed anyway
            db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                             "CREATE TABLE IF NOT EXISTS clauses (id INTEGER PRIMARY KEY, data BLOB NOT NULL);"
                             # doc: the document's path as UTF-8 (its byte order is the str order
                             # of the paths); source: where the row came from (its file's place)
                             "CREATE TABLE IF NOT EXISTS findings (id INTEGER PRIMARY KEY, doc BLOB NOT NULL,"
                             " source INTEGER NOT NULL, data BLOB NOT NULL);"
                             "CREATE INDEX IF NOT EXISTS findings_order ON findings (doc, source, id);"
                             "CREATE TABLE IF NOT EXISTS kept (id INTEGER PRIMARY KEY, data BLOB NOT NULL);")
            return db
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    def _connection(self) -> sqlite3.Connection:
        if os.getpid() != self._pid:  # a forked child: a connection of its own, read-only
            self._pid = os.getpid()
            self._db = self._open(writable=False)
            self._pending = 0
        return self._db

    def keep(self, clauses: Sequence[Clause]) -> "StoredClauses":
        """Write ``clauses`` to the store; the StoredClauses that reads them back."""
        if isinstance(clauses, StoredClauses):
            return clauses
        db = self._connection()
        row = db.execute("INSERT INTO clauses (data) VALUES (?)",
                         (pickle.dumps(list(clauses), protocol=pickle.HIGHEST_PROTOCOL),)).lastrowid
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.flush()
        return StoredClauses(self, row, len(clauses))

    def keep_value(self, value: Any) -> Callable[[], Any]:
        """Write ``value`` (picklable) to the store; a function that reads it back (a query each
        call: for what a corpus rule reads once or twice, such as a document's shingle hashes)."""
        row = self._connection().execute("INSERT INTO kept (data) VALUES (?)",
                                         (pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),)).lastrowid
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.flush()
        return functools.partial(self.load_value, row)

    def load_value(self, row: int) -> Any:
        """The value kept as ``row`` by ``keep_value``."""
        found = self._connection().execute("SELECT data FROM kept WHERE id = ?", (row,)).fetchone()
        if found is None:
            raise LookupError(f"store {self.path}: no value {row}")
        return pickle.loads(found[0])

    def add_findings(self, findings: Iterable[Finding], source: int) -> None:
        """Keep ``findings``, a row per document they are about. ``source`` orders the rows of
        one document (findings with equal sort keys keep the order of their sources, as in one
        list sorted at the end): the place of the file whose outcome they came from, a number
        past every file for the corpus stage's."""
        by_doc: dict[str, list[Finding]] = {}
        for f in findings:
            by_doc.setdefault(f.document, []).append(f)
        if not by_doc:
            return
        db = self._connection()
        db.executemany("INSERT INTO findings (doc, source, data) VALUES (?, ?, ?)",
                       [(doc.encode("utf-8", "surrogatepass"), source, pickle.dumps(fs, protocol=pickle.HIGHEST_PROTOCOL))
                        for doc, fs in by_doc.items()])
        self._findings += sum(len(fs) for fs in by_doc.values())
        self._pending += len(by_doc)
        if self._pending >= COMMIT_EVERY:
            self.flush()

    def findings(self) -> "StoredFindings":
        """Every finding kept so far, as a sequence read back in sorted order."""
        self.flush()
        return StoredFindings(self, self._findings)

    def iter_findings(self, folder: str | None = None) -> Iterator[Finding]:
        """The findings kept, sorted as ``sorted(all, key=Finding.sort_key)`` would: by document
        (the rows come in path order), within a document by ``sort_key`` (stable, rows in the
        order of their sources). ``folder``: only the documents under it (the first part of
        their path, ``report.byfolder.folder_of``; "" the documents outside any folder)."""
        db = self._connection()
        if not folder:
            rows = db.execute("SELECT doc, data FROM findings ORDER BY doc, source, id")
        else:  # the paths "folder/..." lie between "folder/" and "folder0" ('0' follows '/')
            low = folder.encode("utf-8", "surrogatepass")
            rows = db.execute("SELECT doc, data FROM findings WHERE doc >= ? AND doc < ? ORDER BY doc, source, id",
                              (low + b"/", low + b"0"))
        doc, batch = None, []
        for key, data in rows:
            if folder == "" and b"/" in key:
                continue
            if key != doc:
                batch.sort(key=Finding.sort_key)
                yield from batch
                doc, batch = key, []
            batch.extend(pickle.loads(data))
        batch.sort(key=Finding.sort_key)
        yield from batch

    def flush(self) -> None:
        """Commit what was kept (a forked child then sees it)."""
        if self._pending:
            self._connection().commit()
            self._pending = 0

    def load(self, row: int) -> list[Clause]:
        """The clause list kept as ``row``."""
        got = self._recent.get(row)
        if got is not None:
            self._recent.move_to_end(row)
            return got
        found = self._connection().execute("SELECT data FROM clauses WHERE id = ?", (row,)).fetchone()
        if found is None:
            raise LookupError(f"clause store {self.path}: no row {row}")
        got = pickle.loads(found[0])
        self._recent[row] = got
        if len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return got

    def close(self) -> None:
        """Close and remove the file (also done when the store is no longer referenced)."""
        try:
            self._db.close()
        finally:
            self._done()


class _StoredList(Sequence):
    """A read-only sequence of ``_n`` items kept in a ClauseStore that stands for a plain list:
    compared, hashed and pickled as that list (a document or result sent elsewhere gets the list)."""

    __slots__ = ()
    _n: int

    def __len__(self) -> int:
        return self._n

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _StoredList):
            other = list(other)
        return isinstance(other, list) and list(self) == other

    __hash__ = None  # type: ignore[assignment]  # as a list

    def __reduce__(self) -> tuple:
        return (list, (list(self),))


class StoredClauses(_StoredList):
    """A document's clauses in a ClauseStore: a read-only sequence that reads them back on use.
    Pickled (a document sent elsewhere) and compared as the plain list."""

    __slots__ = ("_store", "_row", "_n")

    def __init__(self, store: ClauseStore, row: int, n: int) -> None:
        self._store = store
        self._row = row
        self._n = n

    def __getitem__(self, index: Any) -> Any:
        return self._store.load(self._row)[index]

    def __iter__(self) -> Iterator[Clause]:
        return iter(self._store.load(self._row))

    def __repr__(self) -> str:
        return f"StoredClauses({self._n} clauses)"


class StoredFindings(_StoredList):
    """The findings of an audit in a ClauseStore, sorted: a read-only sequence read back one
    document at a time on each pass (``len`` without reading). Pickled and compared as the list."""

    __slots__ = ("_store", "_n", "_folder")

    def __init__(self, store: ClauseStore, n: int, folder: str | None = None) -> None:
        self._store = store
        self._n = n
        self._folder = folder

    def __iter__(self) -> Iterator[Finding]:
        return self._store.iter_findings(self._folder)

    def in_folder(self, folder: str, n: int) -> "StoredFindings":
        """The ``n`` findings of the documents under ``folder`` (see ``iter_findings``)."""
        return StoredFindings(self._store, n, folder)

    def __getitem__(self, index: Any) -> Any:
        # a whole pass: for the odd look-up (the writers iterate)
        return list(self)[index]

    def __repr__(self) -> str:
        return f"StoredFindings({self._n} findings)"


__all__ = ["ClauseStore", "StoredClauses", "StoredFindings", "STORE_ABOVE"]
