"""What the CLI and the tests call: ``extract()`` one document, ``audit()`` a corpus.

    discover files -> per document (ingest, extract, document rules; in worker processes)
                   -> corpus rules (once, on all documents) -> sort, baseline -> AuditResult
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .errors import DocmineError, ReadError, UsageError
from .model import AuditResult, Document, DocumentError, Finding, Rule

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".pdf", ".docx", ".html", ".htm", ".xml"}
SKIP_NAMES = {"EXPECTED.yaml", "README.md"}


@dataclass
class Limits:
    """Resource limits per document; each can be changed from the CLI."""

    max_file_size: int = 200 * 1024 * 1024  # bytes
    max_pages: int = 2000
    max_decompressed: int = 500 * 1024 * 1024  # bytes, DOCX/zip content
    timeout: float = 120.0  # seconds per document


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


def extract(path: str | os.PathLike, *, root: str | os.PathLike | None = None,
            limits: Limits | None = None, type_overrides: dict[str, str] | None = None) -> Document:
    """Read one file and build its clause tree. Raises ReadError with a code and a hint."""
    from .extract import extract_structure
    from .ingest import read_document

    p = Path(path)
    rel = _relpath(p, Path(root) if root else p.parent)
    doc = read_document(p, rel, limits or Limits())
    return extract_structure(doc, type_overrides or {})


def discover(paths: Iterable[str | os.PathLike], exclude: Iterable[Path] = ()) -> tuple[list[tuple[Path, str]], list[DocumentError], Path]:
    """The files to audit as (absolute path, path relative to the audited root), sorted, and
    the paths refused on the way (symlink loops, links out of the folder)."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise UsageError("geen pad opgegeven", hint="geef een map of bestand op: docmine audit corpus/")
    for p in paths:
        if not p.exists() and not p.is_symlink():
            raise UsageError(f"{p} bestaat niet", code="DM100", hint="controleer het pad")
    root = Path(os.path.commonpath([str(p.resolve()) if p.is_dir() else str(p.resolve().parent) for p in paths]))
    excluded = {e.resolve() for e in exclude}
    files: list[tuple[Path, str]] = []
    errors: list[DocumentError] = []
    seen: set[Path] = set()

    def add(f: Path, dir_real: str | None = None) -> None:
        rel = _relpath(f, root)
        try:
            # a plain file in a folder whose real path is known needs no resolve() (a system
            # call per path component: 60 -> 15 us per file)
            if dir_real is not None and not stat.S_ISLNK(os.lstat(f).st_mode):
                real = Path(dir_real, f.name)
            else:
                real = f.resolve(strict=True)
        except (OSError, RuntimeError):
            errors.append(DocumentError(rel, "DM104", "symbolische link verwijst naar zichzelf of naar niets", "verwijder of herstel de link"))
            return
        if f.is_symlink() and not _inside(real, root):
            errors.append(DocumentError(rel, "DM104", f"symbolische link wijst buiten de gecontroleerde map ({real})", "kopieer het bestand in de map als het mee moet doen"))
            return
        if real in seen:
            return
        seen.add(real)
        files.append((f, rel))

    for p in paths:
        if p.is_file() or (p.is_symlink() and not p.is_dir()):
            add(p)
            continue
        for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
            d = Path(dirpath)
            d_real = os.path.realpath(dirpath)
            dirnames[:] = sorted(n for n in dirnames if not n.startswith(".") and (d / n).resolve() not in excluded
                                 and not (d / n / ".docmine-report").exists())
            for link in [n for n in dirnames if (d / n).is_symlink()]:
                dirnames.remove(link)
                errors.append(DocumentError(_relpath(d / link, root), "DM104", "symbolische link naar een map wordt niet gevolgd", "geef die map apart op als hij mee moet doen"))
            for name in sorted(filenames):
                if name.startswith(".") or name in SKIP_NAMES or name.startswith("~$"):
                    continue
                if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                    continue
                add(d / name, d_real)
    files.sort(key=lambda t: t[1])
    return files, errors, root


def audit(paths: Iterable[str | os.PathLike], options: Options | None = None, *,
          rules: list[Rule] | None = None, baseline: str | os.PathLike | None = None,
          exclude: Iterable[Path] = ()) -> AuditResult:
    """Audit documents and return every finding. Unreadable documents land in ``errors``."""
    from .pipeline import run_audit

    options = options or Options()
    t0 = time.perf_counter()
    files, errors, root = discover(paths, exclude)
    if rules is None:
        from .rules.loader import load_rules

        rules = load_rules(options.rule_dirs, default=options.default_rules)
    result = run_audit(files, root, rules, options)
    result.errors[:0] = errors
    result.errors.sort(key=lambda e: e.document)
    if baseline:
        from .baseline import apply_baseline

        apply_baseline(result, baseline)
    result.stats["total_seconds"] = time.perf_counter() - t0
    result.stats["files"] = len(files)
    return result


def _relpath(p: Path, root: Path) -> str:
    try:
        return p.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        try:
            return p.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return p.as_posix()


def _inside(p: Path, root: Path) -> bool:
    try:
        p.relative_to(root.resolve())
        return True
    except ValueError:
        return False


def read_error(rel: str, exc: BaseException) -> DocumentError:
    """Turn any failure while reading one document into a DocumentError for the report."""
    if isinstance(exc, DocmineError):
        return DocumentError(rel, exc.code, exc.message, exc.hint)
    return DocumentError(rel, "DM120", f"onverwachte fout bij het lezen: {type(exc).__name__}: {exc}",
                         "dit is een fout in docmine; meld het met dit bestand als voorbeeld")


__all__ = ["audit", "extract", "discover", "Options", "Limits", "ReadError", "Finding"]
