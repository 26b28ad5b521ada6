"""Report writers: one module per format, all reading the same ``AuditResult``.

    write_reports(result, "docmine-report", ["html", "json", "sarif", "csv"], audited=["corpus/"])
    -> {"html": Path("docmine-report/index.html"), "json": ..., ...}

Writing is careful: in a folder of docmine's own every file is written into a staging folder
beside it, which then takes its place at once (``folder.publish``): a reader, or a kill at any
moment, sees the old report or the new one, never half or a mix. In a folder docmine did not
make, each file is written to a temporary file and moved into place. docmine only writes into a
folder it created itself (it leaves a marker file ``.docmine-report`` there) or into a folder where
none of its output files exist yet, and never into a folder holding the documents being audited.
"""

from __future__ import annotations

import gc
import io
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

from ..errors import UsageError
from ..model import AuditResult
from ._fork import reap as _reap
from .folder import FILENAMES, MARKER, PAGES, SPLIT_ABOVE, OutputLock, new_staging, publish
# Files and folders docmine itself may have put in the output folder before the report is written.
_OWN_ENTRIES = {MARKER, ".cache"}


def _writer(fmt: str, split: bool = False, help_base: str | None = None,
            pages: tuple[list, Path] | None = None) -> Callable[[AuditResult, BinaryIO], None]:
    """The format's streaming writer ``write(result, fh)`` (or its ``render`` wrapped); ``split``:
    the HTML writer may make part of the page in a forked child; ``help_base``: the URI of the
    HTML report beside a SARIF file (its rules' ``helpUri``); ``pages``: the HTML report as an
    index plus a page per folder (``byfolder.split``'s pieces, the folder the pages go into)."""
    if fmt == "html" and pages is not None:
        from . import byfolder

        return lambda result, fh: byfolder.write(result, fh, pages[0], pages[1], split)
    if fmt == "json":
        from . import json as mod
    elif fmt == "sarif":
        from . import sarif as mod
    elif fmt == "csv":
        from . import csv as mod
    elif fmt == "html":
        from . import html as mod
    elif fmt == "xlsx":
        from . import xlsx as mod
    elif fmt == "jsonl":
        from . import jsonl as mod
    else:
        raise UsageError.of("DM300", "report_format", fmt=fmt)
    write = getattr(mod, "write", None)
    if fmt in ("sarif", "xlsx") and help_base:
        return lambda result, fh: write(result, fh, help_base)
    if fmt == "html" and split:
        return lambda result, fh: write(result, fh, split=True)
    if write is not None:
        return write
    render = mod.render
    return lambda result, fh: fh.write(render(result))


def _audited_paths(result: AuditResult, audited: Iterable[str | os.PathLike]) -> tuple[list[Path], list[str]]:
    """(audited folders, audited files) as resolved absolute paths (the files as strings)."""
    folders: list[Path] = []
    files: list[str] = []
    for p in audited:
        rp = _real(p)
        if rp.is_dir():
            folders.append(rp)
        else:
            files.append(str(rp))
    if result.root:
        root = os.fspath(result.root)
        folder_real: dict[str, str] = {}
        for rel in [d.path for d in result.documents] + [e.document for e in result.errors]:
            files.append(_real_file(os.path.join(root, rel), folder_real))
    return folders, files


def _real(p: str | os.PathLike) -> Path:
    """Absolute path with links resolved as far as they go; never raises on a symlink loop."""
    return Path(os.path.realpath(p))


def _real_file(p: str, folder_real: dict[str, str]) -> str:
    """``str(_real(p))``, with the real path of each folder worked out once (``folder_real`` caches
    it): a file that is no link resolves to its name in its folder's real path. One ``lstat`` per
    file instead of one per path component, and no Path objects (2,000 documents: 100 -> 10 ms)."""
    head, tail = os.path.split(p)
    if not tail or tail in (".", "..") or os.path.islink(p):
        return os.path.realpath(p)
    real = folder_real.get(head)
    if real is None:
        real = folder_real[head] = os.path.realpath(head)
    return os.path.join(real, tail)


def _is_within(child: str, parent: Path) -> bool:
    """``Path(child).relative_to(parent)`` succeeds, for a resolved ``child`` (as a string)."""
    p = str(parent)
    return child == p or child.startswith(p if p.endswith(os.sep) else p + os.sep)


def check_output_folder(outdir: str | os.PathLike, result: AuditResult, formats: Iterable[str],
                        audited: Iterable[str | os.PathLike] = ()) -> bool:
    """Raise UsageError (DM300) if docmine may not write its report into ``outdir``.

    Returns True if the folder is docmine's own (it does not exist yet, carries the marker, or
    holds nothing but docmine's cache), so the marker may be written there.
    """
    out = Path(outdir)
    target = out.resolve()
    folders, files = _audited_paths(result, audited)
    for folder in folders:
        if target == folder:
            raise UsageError.of("DM300", "output_audited", out=out)
    for f in files:
        if _is_within(f, target):
            raise UsageError.of("DM300", "output_holds_documents", out=out, name=Path(f).name)
    if out.exists() and not out.is_dir():
        raise UsageError.of("DM300", "output_not_folder", out=out)
    if not out.exists() or (out / MARKER).is_file():
        return True
    for fmt in formats:
        name = FILENAMES.get(fmt)
        if name and (out / name).exists():
            raise UsageError.of("DM300", "output_not_ours", target=out / name)
    try:
        entries = {e.name for e in out.iterdir()}
    except OSError as exc:
        raise UsageError.of("DM300", "output_unreadable", out=out, reason=exc.strerror)
    return entries <= _OWN_ENTRIES


def _write_temp(path: Path, write: Callable[[BinaryIO], object]) -> str:
    """Let ``write`` fill a new temporary file next to ``path``; return its name (not yet moved)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and ``os.replace``."""
    tmp = _write_temp(path, lambda fh: fh.write(data))
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


# The HTML report (the slowest format) is written in a forked child process while this one
# writes the others, when the process is small enough that a copy-on-write child costs little
# memory (a large audit writes them one after the other, as before, so its peak does not grow).
FORK_FIRST = "html"
FORK_MAX_RSS_MB = 600


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1 << 20)
    except (OSError, ValueError, IndexError, AttributeError):
        return float("inf")


def _may_fork() -> bool:
    """Forking a writer (or part of one) is possible and worth it: two cores, a small process."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and _rss_mb() <= FORK_MAX_RSS_MB


def _fork_writer(out: Path, writers: dict, result: AuditResult) -> tuple[str, int, str] | None:
    """Start a child that writes the ``FORK_FIRST`` format to a temporary file; return
    (format, pid, temporary file) or None when forking is not possible or not worth it."""
    fmt = FORK_FIRST
    if fmt not in writers or not _may_fork():
        return None
    path = out / FILENAMES[fmt]
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        pid = os.fork()
    except OSError:
        _unlink(tmp)
        return None
    if pid == 0:  # child: write, then leave without running the parent's cleanup
        code = 1
        try:
            with open(tmp, "wb", buffering=1 << 20) as fh:
                writers[fmt](result, fh)
                fh.flush()
                os.fsync(fh.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            code = 0
        except BaseException:  # noqa: BLE001 - the parent writes it again and reports any error
            code = 1
        finally:
            os._exit(code)
    return fmt, pid, tmp


def write_reports(result: AuditResult, outdir: str | os.PathLike = "docmine-report",
                  formats: Iterable[str] = ("html", "json", "sarif", "csv", "xlsx"), *,
                  audited: Iterable[str | os.PathLike] = (), lock: OutputLock | None = None,
                  split_above: int | None = None) -> dict[str, Path]:
    """Write the asked report formats into ``outdir`` and return {format: path written}.
    ``lock``: the folder as held by this audit (``OutputLock.acquire``), kept held when the new
    report takes its place. ``split_above``: with more documents than this (in two or more
    folders) the HTML report is an index.html plus a page per folder in ``mappen/`` (``byfolder``;
    None: ``SPLIT_ABOVE``).

    Example: ``write_reports(result, "rapport", ["json"])`` -> ``{"json": Path("rapport/findings.json")}``.
    Raises UsageError (DM300) when the folder is not docmine's to write into.
    """
    formats = _known_formats(formats)
    out = Path(outdir)
    own = check_output_folder(out, result, formats, audited)
    now = datetime.now().strftime("%d-%m-%Y %H:%M")
    reused = getattr(result, "reports", None)
    if reused and all(reused.get(fmt) == (out / FILENAMES[fmt]).absolute() for fmt in formats):
        return _write_reused(out, own, formats, reused, result, now)
    if result.stats.get("report_reused"):  # an API caller asking for another folder or format
        raise UsageError.of("DM300", "report_from_cache")
    result.stats["generated"] = now  # the time the HTML report shows
    # The HTML page's duplicates section is made in a child of its own (see html.write): with the
    # HTML in one child and JSON, SARIF and CSV here, the two cores share the work more evenly.
    split = _may_fork()
    help_base = (out / FILENAMES["html"]).absolute().as_uri() if "html" in formats else None
    pieces = _folder_pieces(result, SPLIT_ABOVE if split_above is None else split_above) if "html" in formats else None
    result.stats["folder_pages"] = len(pieces) if pieces else 0  # the terminal's summary names them
    # Every format is streamed into a temporary file first (never the whole report as one string
    # in memory); only when all are complete are they moved into place, so a failing writer
    # leaves no half-written or mixed report behind.
    temps: dict[str, str] = {}
    # The writers make many short-lived dicts and strings and no reference cycles: the cyclic
    # collector would only walk the whole audit result over and over (~10% of the HTML's time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    staging = None
    try:
        # docmine's own folder: the whole report in a folder beside it, put in its place at once
        target = staging = new_staging(out) if own else None
        if target is None:
            target = _plain_target(out, pieces)
        pages = (pieces, target / PAGES) if pieces else None
        writers = {fmt: _writer(fmt, split, help_base, pages) for fmt in formats}
        _write_temps(target, writers, result, temps)
        _mark_own(target, own)
        written = _move_into_place(temps, target, out)
        if staging is not None:
            publish(staging, out, lock)
            staging = None
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    finally:
        if gc_was_enabled:
            gc.enable()
        for tmp in temps.values():
            _unlink(tmp)
        if staging is not None:  # a writer failed: the old report stays as it was
            shutil.rmtree(staging, ignore_errors=True)
    return written


def _known_formats(formats: Iterable[str]) -> list[str]:
    """The asked formats, each once, in their order; UsageError (DM300) for an unknown one."""
    formats = [f for f in dict.fromkeys(formats)]
    for fmt in formats:
        if fmt not in FILENAMES:
            raise UsageError.of("DM300", "report_format", fmt=fmt)
    return formats


def _plain_target(out: Path, pieces: list | None) -> Path:
    """A folder docmine did not make: the files are written into it directly (its ``mappen/``
    only when docmine's, i.e. when it is not there yet)."""
    out.mkdir(parents=True, exist_ok=True)
    if pieces and (out / PAGES).exists():
        raise UsageError.of("DM300", "pages_not_ours", target=out / PAGES)
    return out


def _write_temps(target: Path, writers: dict, result: AuditResult, temps: dict[str, str]) -> None:
    """Each format into a temporary file in ``target``, recorded in ``temps`` as it is made (the
    caller removes whatever is left there on failure): ``FORK_FIRST`` in a forked child while
    this process writes the others, or here when the child could not be started or failed."""
    child = _fork_writer(target, writers, result) if len(writers) > 1 else None
    try:
        for fmt, write in writers.items():
            if child is None or fmt != child[0]:
                temps[fmt] = _write_temp(target / FILENAMES[fmt], lambda fh, w=write: w(result, fh))
    finally:
        if child is not None:
            fmt, pid, tmp = child
            ok = _reap(pid)
            if ok and os.path.exists(tmp):
                temps[fmt] = tmp
            else:
                _unlink(tmp)
    if child is not None and child[0] not in temps:  # the child failed: write it here
        fmt = child[0]
        temps[fmt] = _write_temp(target / FILENAMES[fmt], lambda fh, w=writers[fmt]: w(result, fh))


def _move_into_place(temps: dict[str, str], target: Path, out: Path) -> dict[str, Path]:
    """Rename each complete temporary file to its format's file name (taking it out of ``temps``)."""
    written: dict[str, Path] = {}
    for fmt in list(temps):
        os.replace(temps.pop(fmt), target / FILENAMES[fmt])
        written[fmt] = out / FILENAMES[fmt]
    return written


def _folder_pieces(result: AuditResult, split_above: int) -> list | None:
    """``byfolder.split`` (imported only for an audit large enough to need it)."""
    if len(result.documents) <= split_above:
        return None
    from . import byfolder

    return byfolder.split(result, split_above)


def render(result: AuditResult, fmt: str) -> bytes:
    """One format's report as bytes (``docmine audit -o -``, ``--output-format``)."""
    buf = io.BytesIO()
    _writer(fmt)(result, buf)
    return buf.getvalue()


def _mark_own(out: Path, own: bool) -> None:
    """Leave the marker that lets the next audit overwrite this folder (see ``check_output_folder``)."""
    if own and not (out / MARKER).exists():
        atomic_write(out / MARKER, b"Deze map is gemaakt door docmine; docmine mag de bestanden hier overschrijven.\n")


def _cannot_write(out: Path, exc: OSError) -> UsageError:
    return UsageError.of("DM300", "report_not_written", out=out, reason=exc.strerror or exc)


def _write_reused(out: Path, own: bool, formats: list[str], reused: dict[str, Path], result: AuditResult,
                  now: str) -> dict[str, Path]:
    """The report of an identical earlier audit is still in ``out`` (``api.audit`` checked its
    files): leave it, only the HTML page gets this run's time."""
    old = result.stats.get("generated")
    written: dict[str, Path] = {fmt: out / FILENAMES[fmt] for fmt in formats}
    try:
        if "html" in formats and old and old != now:  # the sentence in the header that says when
            pages = sorted((out / PAGES).glob("*.html")) if result.stats.get("folder_pages") else []
            for path in [written["html"], *pages]:
                atomic_write(path, path.read_bytes().replace(f" op {old} en vond ".encode("utf-8"),
                                                             f" op {now} en vond ".encode("utf-8"), 1))
        _mark_own(out, own)
    except OSError as exc:
        raise _cannot_write(out, exc) from None
    result.stats["generated"] = now
    return written


__all__ = ["write_reports", "render", "check_output_folder", "atomic_write", "FILENAMES", "MARKER"]
