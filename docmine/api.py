"""What the CLI and the tests call: ``extract()`` one document, ``audit()`` a corpus.

    discover files -> per document (ingest, extract, document rules; in worker processes)
                   -> corpus rules (once, on all documents) -> sort, baseline -> AuditResult
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple, Sequence

from .errors import ReadError, UsageError
from .formats import IMAGE_SUFFIXES, SKIP_NAMES, SUPPORTED_SUFFIXES, SUPPORTED_TEXT, special_kind, suffix, unsupported
from .model import AuditResult, Document, DocumentError, Finding, Rule, SkippedFile
from .limits import Limits
from .names import shown
from .store import StoredFindings
from .vocabulary import Vocabulary


MAX_JOBS_PER_CORE = 4
MAX_TIMEOUT = 24 * 3600.0


def check_options(options: "Options") -> None:
    """Raise UsageError (DM300) for options no audit can run with: a number of processes
    below 1 or above ``MAX_JOBS_PER_CORE`` per core, a time limit that is not a positive,
    finite number of seconds, a limit below zero."""
    import math

    cores = os.cpu_count() or 1
    jobs = options.jobs
    if jobs is not None and (not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS_PER_CORE * cores):
        raise UsageError.of("DM300", "jobs", jobs=jobs, most=MAX_JOBS_PER_CORE * cores, per_core=MAX_JOBS_PER_CORE,
                            cores=cores)
    lim = options.limits
    timeout = lim.timeout
    if not isinstance(timeout, (int, float)) or not math.isfinite(timeout) or not 0 < timeout <= MAX_TIMEOUT:
        raise UsageError.of("DM300", "timeout", timeout=timeout, most=MAX_TIMEOUT)
    for name in ("max_file_size", "max_pages", "max_decompressed", "max_text", "max_memory", "max_findings"):
        value = getattr(lim, name)
        if not isinstance(value, int) or value < 0:
            raise UsageError.of("DM300", "limit", name=name, value=value)


@dataclass
class Options:
    rule_dirs: Sequence[str | os.PathLike] = ()
    default_rules: bool = True
    jobs: int | None = None  # None: all cores
    limits: Limits = field(default_factory=Limits)
    type_overrides: dict[str, str] = field(default_factory=dict)  # glob -> document type
    cache_dir: str | os.PathLike | None = None
    executor: str = "local"  # local | dask
    scheduler: str | None = None
    progress: Callable[[int, int, str], None] | None = None
    # What the report to be written depends on besides the audit (formats, folders, baseline;
    # see ``report_inputs``). With a cache, an audit whose documents, rules, options and these
    # inputs are all unchanged since a previous run today returns that run's finished result and
    # report (``AuditResult.reports``) without loading any document.
    report_key: str | None = None
    exclude: Sequence[str] = ()  # path patterns not to read (``discover``'s ``exclude_globs``)
    # Where the term rules keep their memo of word forms (a few KB; saves ~0.4 s of each start):
    # the cache folder when None. Nothing is written elsewhere (not in the user's home).
    memo_dir: str | os.PathLike | None = None
    # The vocabulary the extractors and rules use (``docmine.vocabulary``): the shipped one
    # merged with the packs' ``vocabulary:``. None: read from ``rule_dirs`` when the audit starts.
    vocabulary: Vocabulary | None = None
    # An audit of more documents than this keeps their clause trees in a temporary file on disk
    # (``store``) instead of in memory: ``Document.clauses`` is then a read-only sequence that
    # reads them back (``StoredClauses``). None: never.
    clause_store_above: int | None = 2000


def extract(path: str | os.PathLike, *, root: str | os.PathLike | None = None,
            limits: Limits | None = None, type_overrides: dict[str, str] | None = None) -> Document:
    """Read one file and build its clause tree. Raises ReadError with a code and a hint."""
    from .extract import extract_structure
    from .ingest import read_document

    p = Path(path)
    rel = _relpath(p, Path(root) if root else p.parent)
    doc = read_document(p, rel, limits or Limits())
    return extract_structure(doc, type_overrides or {})


class Discovered(NamedTuple):
    """What ``discover`` found: the files to read as (path, path relative to ``root``), sorted;
    the paths refused (symlink loops, links out of the folder); the audited root; and what was
    not read, with the reason (``SkippedFile``)."""

    files: list[tuple[Path, str]]
    errors: list[DocumentError]
    root: Path
    skipped: list[SkippedFile]


def discover(paths: Iterable[str | os.PathLike], exclude: Iterable[Path] = (), *,
             exclude_globs: Sequence[str] = (), images: bool = False) -> Discovered:
    """The files to audit under ``paths``; ``exclude``: folders not to enter (the report folder);
    ``exclude_globs``: patterns relative to the audited root (``archief/``, ``*.concept.docx``,
    ``oud/**/*.pdf``: see ``excluded``). Docmine's own report folders (with the marker file
    ``.docmine-report``, or an index.html docmine wrote beside findings.json) are never read.
    ``images``: images of pages (.png, .jpg, .tif) are read too (``audit``: when OCR can read
    them; otherwise they are skipped, with what to install).

    >>> found = discover(["corpus/"], exclude_globs=["archief/"])
    >>> [rel for _, rel in found.files][:1], [s.path for s in found.skipped]
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise UsageError.of("DM300", "no_path")
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise UsageError.of("DM100", "argument", target=p)
    root = Path(os.path.commonpath([str(p.resolve()) if p.is_dir() else str(p.resolve().parent) for p in paths]))
    walk = _Discovery(root, {e.resolve() for e in exclude}, [g for g in (str(x).strip() for x in exclude_globs) if g],
                      SUPPORTED_SUFFIXES | IMAGE_SUFFIXES if images else SUPPORTED_SUFFIXES)
    for p in paths:
        if p.is_file() or (p.is_symlink() and not p.is_dir()) or _special_kind(p):
            walk.add(p)  # a file named on the command line is read whatever its name
        elif not walk.skip_folder(p):
            walk.folder(p)
    walk.files.sort(key=lambda t: t[1])
    walk.skipped.sort(key=lambda s: s.path)
    return Discovered(walk.files, walk.errors, root, walk.skipped)


class _Discovery:
    """The state of one ``discover``: what was found, refused and skipped, and the real paths seen."""

    def __init__(self, root: Path, excluded: set[Path], globs: list[str], suffixes: set[str] = SUPPORTED_SUFFIXES) -> None:
        self.root, self.excluded, self.globs, self.suffixes = root, excluded, globs, suffixes
        self.files: list[tuple[Path, str]] = []
        self.errors: list[DocumentError] = []
        self.skipped: list[SkippedFile] = []
        self.seen: set[str] = set()  # real paths

    def add(self, f: Path, dir_real: str | None = None) -> None:
        rel = _relpath(f, self.root)
        try:
            # a plain file in a folder whose real path is known needs no resolve() (a system
            # call per path component: 60 -> 15 us per file)
            if dir_real is not None and not stat.S_ISLNK(os.lstat(f).st_mode):
                real = Path(dir_real, f.name)
            else:
                real = f.resolve(strict=True)
        except (OSError, RuntimeError):
            self.errors.append(DocumentError.of(rel, "DM104", "broken_link"))
            return
        if f.is_symlink() and not _inside(real, self.root):
            self.errors.append(DocumentError.of(rel, "DM104", "link_outside", target=shown(str(real))))
            return
        special = _special_kind(real)
        if special:
            self.errors.append(special_file_error(rel, special))
            return
        if str(real) in self.seen:
            return
        self.seen.add(str(real))
        self.files.append((f, rel))

    def skip_folder(self, d: Path) -> bool:
        """Leave ``d`` out: the report folder being written, any report folder of docmine (said
        why), a folder ``--exclude`` names (said why)."""
        if is_report_folder(d):
            self.skipped.append(SkippedFile(_relpath(d, self.root) + "/", REPORT_FOLDER_REASON))
            return True
        if d.resolve() in self.excluded:
            return True
        if self.globs:
            rel = _relpath(d, self.root)
            pat = excluded_by(rel, self.globs, folder=True)
            if pat:
                self.skipped.append(SkippedFile(rel + "/", f"uitgesloten met --exclude {pat}"))
                return True
        return False

    def folder(self, p: Path) -> None:
        for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
            d = Path(dirpath)
            d_real = os.path.realpath(dirpath)
            dirnames[:] = sorted(n for n in dirnames if not n.startswith(".") and not self.skip_folder(d / n))
            for link in [n for n in dirnames if (d / n).is_symlink()]:
                dirnames.remove(link)
                self.errors.append(DocumentError.of(_relpath(d / link, self.root), "DM104", "link_to_folder"))
            prefix = _rel_prefix(d, self.root)
            for name in sorted(filenames):
                if not (name.startswith(".") or name.startswith("~$")):  # hidden files, Office lock files
                    self.file(d, name, prefix, d_real)

    def file(self, d: Path, name: str, prefix: str | None, d_real: str) -> None:
        rel = shown(prefix + name) if prefix is not None else None
        if name in SKIP_NAMES or _suffix(name).lower() not in self.suffixes:
            self.skipped.append(SkippedFile(rel or _relpath(d / name, self.root), *unsupported(name)))
            return
        f = d / name
        if self.globs:
            pat = excluded_by(rel or _relpath(f, self.root), self.globs)
            if pat:
                self.skipped.append(SkippedFile(rel or _relpath(f, self.root), f"uitgesloten met --exclude {pat}"))
                return
        # the common case without pathlib per file (relative path from the folder's, one lstat,
        # the real path from the folder's): discovery 33 -> 12 ms on 1,433 files
        if rel is not None:
            try:
                plain = stat.S_ISREG(os.lstat(f).st_mode)  # not a link, FIFO, socket or device
            except OSError:
                plain = False
            if plain:
                real = os.path.join(d_real, name)
                if real not in self.seen:
                    self.seen.add(real)
                    self.files.append((f, rel))
                return
        self.add(f, d_real)


REPORT_FOLDER_REASON = "rapportmap van docmine (uitvoer van een eerdere controle)"
MARKER = ".docmine-report"  # the file docmine leaves in every report folder it writes (report.MARKER)
_GENERATOR = b'<meta name="generator" content="docmine'


def is_report_folder(d: Path) -> bool:
    """``d`` holds a report docmine wrote: its marker file, or (a copy that lost the hidden
    marker) an index.html made by docmine beside findings.json or findings.sarif."""
    if (d / MARKER).exists():
        return True
    index = d / "index.html"
    if not index.is_file() or not ((d / "findings.json").exists() or (d / "findings.sarif").exists()):
        return False
    try:
        with open(index, "rb") as fh:
            return _GENERATOR in fh.read(1024)
    except OSError:
        return False


def excluded_by(rel: str, globs: Sequence[str], folder: bool = False) -> str | None:
    """The first of ``globs`` that excludes the path ``rel`` (relative to the audited root, with
    '/'); None if none does. A pattern without '/' (``archief``, ``*.concept.docx``) matches a
    file or folder name at any depth; a pattern ending in '/' (``archief/``) only folders; a
    pattern with '/' inside (``oud/2019``, ``**/concept/*.pdf``) the path from the root."""
    name = rel.rsplit("/", 1)[-1]
    for g in globs:
        pat = g[2:] if g.startswith("./") else g
        dir_only = pat.endswith("/")
        pat = pat.rstrip("/")
        if not pat or (dir_only and not folder):
            continue
        if "/" not in pat.lstrip("/"):
            if fnmatch.fnmatchcase(name, pat.lstrip("/")):
                return g
            continue
        pat = pat.lstrip("/")
        if fnmatch.fnmatchcase(rel, pat) or (pat.startswith("**/") and fnmatch.fnmatchcase(rel, pat[3:])):
            return g
    return None


def audit(paths: Iterable[str | os.PathLike], options: Options | None = None, *,
          rules: list[Rule] | None = None, baseline: str | os.PathLike | None = None,
          exclude: Iterable[Path] = ()) -> AuditResult:
    """Audit the documents under ``paths`` and return every finding.

    ``options``: jobs, limits, cache, path patterns to leave out (``Options.exclude``) ...;
    ``rules``: the rules to run (default: the shipped packs plus ``options.rule_dirs``, see
    ``docmine.rules.loader.load_rules`` and ``docmine.rules.selection.select_rules``);
    ``baseline``: a baseline file whose findings are left out; ``exclude``: folders not to
    enter (the report folder). Unreadable documents land in ``result.errors``, files docmine does
    not read in ``result.skipped``. Raises ``UsageError`` (DM301) when there is nothing to read.

        >>> result = audit(["corpus/"])
        >>> result.counts()
        {'error': 19, 'warning': 45, 'info': 4}
    """
    from .pipeline import run_audit

    from .ingest.ocr import status as ocr_status

    options = options or Options()
    check_options(options)
    t0 = time.perf_counter()
    files, errors, root, skipped = discover(paths, exclude, exclude_globs=options.exclude,
                                            images=options.limits.ocr and ocr_status().available)
    if not files and not errors:
        raise no_documents(paths, skipped)
    if rules is None or options.vocabulary is None:
        from .rules.loader import load_packs

        loaded, vocabulary = load_packs(options.rule_dirs, default=options.default_rules)
        rules = loaded if rules is None else rules
        options = options if options.vocabulary is not None else dataclasses.replace(options, vocabulary=vocabulary)
    reuse = shas = None
    if options.report_key and options.cache_dir:
        from .cache import Cache, hashes

        cache = Cache.open(options.cache_dir, rules, options)
        try:
            shas = hashes(files)
            reuse = _reuse_key(cache, options, rules, files, errors, baseline, skipped, shas)
            done = _finished(cache, options, rules, root, reuse) if reuse is not None else None
        finally:
            cache.close()
        if done is not None:
            done.skipped = skipped
            done.stats["total_seconds"] = time.perf_counter() - t0
            return done
    result = run_audit(files, root, rules, options, shas)
    result.errors[:0] = errors
    result.errors.sort(key=lambda e: e.document)
    result.skipped = skipped
    if baseline:
        from .baseline import apply_baseline

        apply_baseline(result, baseline)
    result.stats["total_seconds"] = time.perf_counter() - t0
    result.stats["files"] = len(files)
    if reuse is not None:
        result.stats["reuse_key"] = reuse
        result.reuse_inputs = (files, errors, baseline, skipped)  # type: ignore[attr-defined]  # see remember_report
    return result


def no_documents(paths: Iterable[str | os.PathLike], skipped: list[SkippedFile]) -> UsageError:
    """The error for an audit with nothing to read: an empty folder, or only files docmine does
    not read (named, with the reason)."""
    where = ", ".join(str(p) for p in paths)
    if not skipped:
        return UsageError.of("DM301", "empty", where=where, supported=SUPPORTED_TEXT)
    shown = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5])
    more = f" (en nog {len(skipped) - 5})" if len(skipped) > 5 else ""
    return UsageError.of("DM301", "one_skipped" if len(skipped) == 1 else None, where=where, count=len(skipped),
                         skipped=shown + more, supported=SUPPORTED_TEXT)


# a document past its time limit or the memory limit, a worker that died, a rule switched off:
# not cached, tried again
NOT_KEPT = ("DM108", "DM116", "DM118", "DM120", "DM203")


def report_inputs(formats: Iterable[str], audited: Iterable[str | os.PathLike], output: str | os.PathLike,
                  baseline: str | os.PathLike | None, split_above: int | None = None) -> str:
    """``Options.report_key`` for a report in ``formats`` written to ``output`` for the audited
    paths, filtered by ``baseline`` (whose content ``audit`` adds to the key itself), split into
    a page per folder above ``split_above`` documents."""
    import json

    return json.dumps({"formats": list(formats), "audited": [str(p) for p in audited],
                       "output": os.path.abspath(output), "baseline": str(baseline) if baseline else None,
                       "split_above": split_above})


def _reuse_key(cache: Any, options: Options, rules: list[Rule], files: list[tuple[Path, str]],
               errors: list[DocumentError], baseline: str | os.PathLike | None,
               skipped: Sequence[SkippedFile] = (), shas: list[str | None] | None = None) -> str | None:
    """The key of a finished audit: every document's cache key (its content, path, docmine's
    code, the rules, options and today's date where rules need it: ``Cache.corpus_key``), what
    discovery refused, the report's inputs, the baseline's content and the report writers'
    code. None: a file that cannot be read."""
    import hashlib

    from .cache import report_code_hash

    keys = cache.keys_for(files, shas)
    if not keys or any(k is None for k in keys):
        return None
    h = hashlib.sha256(cache.corpus_key(rules, keys).encode())
    for e in errors:
        h.update(f"\x1f{e.document}\x1f{e.code}\x1f{e.message}".encode())
    for sk in skipped:  # the report lists them
        h.update(f"\x1e{sk.path}\x1f{sk.reason}".encode())
    h.update(str(options.report_key).encode())
    h.update(report_code_hash().encode())
    if baseline:  # it decides which findings are shown
        try:
            h.update(hashlib.sha256(Path(baseline).read_bytes()).digest())
        except OSError:
            h.update(b"\x1fmissing baseline")
    return h.hexdigest()


def _file_stats(written: dict[str, Path]) -> dict[str, list] | None:
    try:
        return {fmt: [str(Path(p).absolute()), st.st_size, st.st_mtime_ns]
                for fmt, p in written.items() for st in [os.stat(p)]}
    except OSError:
        return None


def _finished(cache: Any, options: Options, rules: list[Rule], root: Path, key: str) -> AuditResult | None:
    """The finished audit stored under ``key`` by ``remember_report``, without its documents,
    when the report files it wrote are still there unchanged (size and mtime)."""
    files = cache.report_files(key)
    if not files or _file_stats({fmt: Path(v[0]) for fmt, v in files.items()}) != files:
        return None  # no such audit, or its report was changed or removed: write it again
    done = cache.report_lookup(key)
    if done is None:
        return None
    from .version import __version__

    result = AuditResult(version=__version__, root=str(root), rules=rules, findings=done["findings"],
                         errors=done["errors"], graph=done["graph"], stats=dict(done["stats"]))
    result.reports = {fmt: Path(v[0]) for fmt, v in files.items()}  # type: ignore[attr-defined]
    result.stats["report_reused"] = True
    result.stats["reuse_key"] = key
    result.stats["cache"] = {"enabled": True, "hits": done["stats"].get("files", 0), "misses": 0,
                             "report": True, "path": str(Path(options.cache_dir) / "docmine-cache.sqlite")}  # type: ignore[arg-type]
    return result


def remember_report(options: Options, result: AuditResult, written: dict[str, Path]) -> bool:
    """Keep ``result`` (without its documents) and where its report files are (with their size
    and mtime), so that the next unchanged audit (``Options.report_key``) returns at once and
    leaves those files as they are. Only when nothing changed while this audit ran (the key is
    taken again). After a reused audit only the files' new stats are kept (the HTML got this
    run's time). True when stored."""
    key = result.stats.get("reuse_key")
    if not key or not options.cache_dir:
        return False
    if any(e.code in NOT_KEPT for e in result.errors):  # a document timed out or crashed: try again next time
        return False
    if isinstance(result.findings, StoredFindings):
        # a large audit's findings stay on disk (``store``): kept here as one row they would all be
        # in memory at once; its next unchanged run takes the documents and the corpus stage from
        # the cache and writes the report again
        return False
    stats_now = _file_stats(written)
    inputs = getattr(result, "reuse_inputs", None)
    reused = bool(result.stats.get("report_reused"))
    if stats_now is None or (inputs is None and not reused):
        return False
    from .cache import Cache

    cache = Cache.open(options.cache_dir, result.rules, options)  # type: ignore[arg-type]
    try:
        if not reused:
            files, errors, baseline, skipped = inputs
            if _reuse_key(cache, options, result.rules, files, errors, baseline, skipped) != key:
                return False
            keep = ("files", "pages", "bytes", "baseline", "baseline_suppressed", "generated", "folder_pages")
            stats = {k: v for k, v in result.stats.items() if k in keep}
            stats["documents_read"] = result.stats.get("documents_read", len(result.documents))
            cache.report_store(key, {"findings": result.findings, "errors": result.errors,
                                     "graph": result.graph, "stats": stats})
        cache.report_files_store(key, stats_now)  # after a reused audit: the HTML's new time
    finally:
        cache.close()
    return True


def _relpath(p: Path, root: Path) -> str:
    """``p`` relative to ``root``, lexically or else through their real folders. A link is named
    where it is, never by its target (a link in a loop has none: resolving it raised). Bytes
    that are not UTF-8 are shown as ``\\xNN`` (``names.shown``): every writer can hold the name."""
    try:
        return shown(p.absolute().relative_to(root.absolute()).as_posix())
    except ValueError:
        try:
            return shown((p.parent.resolve() / p.name).relative_to(root.resolve()).as_posix())
        except (ValueError, OSError, RuntimeError):
            return shown(p.as_posix())


def _rel_prefix(d: Path, root: Path) -> str | None:
    """What ``_relpath`` puts before the name of a file in folder ``d`` ("" in the root), when
    its first (lexical) way applies; None: ask ``_relpath`` per file."""
    try:
        rel = d.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return None
    return "" if rel == "." else rel + "/"


_suffix = suffix  # the name the tests and older callers use


def _inside(p: Path, root: Path) -> bool:
    try:
        p.relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _special_kind(p: Path | str) -> str | None:
    """What ``p`` (links followed) is when it is a FIFO, a socket or a device, else None. Only
    ``stat``: such a file is never opened (opening a FIFO waits for a writer for ever)."""
    try:
        mode = os.stat(p).st_mode
    except (OSError, ValueError):
        return None
    return special_kind(mode)


def special_file_error(rel: str, kind: str) -> DocumentError:
    """DM115: a FIFO, socket or device among the documents, skipped before anything opens it."""
    return DocumentError.of(rel, "DM115", kind=kind)


__all__ = ["audit", "extract", "discover", "Options", "Limits", "ReadError", "Finding"]
