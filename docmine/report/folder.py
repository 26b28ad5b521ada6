"""The report folder as a whole: one audit at a time, and a new report put in place at once.

    lock = OutputLock.acquire("docmine-report")      # a second audit on the folder: DM303
    staging = new_staging("docmine-report")          # .docmine-report.docmine-XXXX beside it
    ... write every report file into staging ...
    publish(staging, "docmine-report", lock)         # swapped in with one rename
    lock.release()

A report is several files (index.html, findings.json, .sarif, .csv) that belong together. They
are written into a folder of their own beside the report folder, which then takes the report
folder's place in one atomic exchange of the two names (Linux ``renameat2(RENAME_EXCHANGE)``;
elsewhere two renames); what else the old folder held (the cache, a user's own files) is moved
over, and the old folder removed. A kill at any moment leaves the old report or the new one,
never a mix; a staging folder left by a kill is cleaned up (and what it held moved back) by
the next audit of that folder (``recover``).

The lock is the report folder itself (``flock`` on the folder, so nothing is written for it):
held from before the audit opens the cache in it until the report, the cache and the baseline
are written.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import UsageError

STAGING = ".docmine-"  # staging folders are named .<report folder><STAGING><random>
MARKER = ".docmine-report"
FILENAMES = {"html": "index.html", "json": "findings.json", "sarif": "findings.sarif", "csv": "findings.csv",
             "xlsx": "findings.xlsx", "jsonl": "findings.jsonl"}
# A large audit's HTML report is an index.html plus a page per folder in this folder (``byfolder``):
# from more than SPLIT_ABOVE documents (in two or more folders) on.
PAGES = "mappen"
SPLIT_ABOVE = 2000


class OutputLock:
    """The report folder held by this audit (and, after ``publish``, the folder that took its
    place). Released by ``release`` or when the process ends."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.made = False  # the folder was made for this audit (removed again if it stays empty)
        self._fds: list[int] = []

    @classmethod
    def acquire(cls, out: str | os.PathLike) -> "OutputLock":
        """Make the folder if needed and hold it; UsageError DM303 when another audit holds it.
        What a killed audit left beside it is put right (``recover``) before anything opens
        the cache in it. On a file system without locks (some network shares) the folder is
        not locked."""
        lock = cls(Path(out))
        if not lock.out.exists() and _old_name(lock.out).is_dir():  # killed between two renames
            try:
                os.rename(_old_name(lock.out), lock.out)
            except OSError:
                pass
        try:
            lock.made = not lock.out.exists()
            lock.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError.of("DM300", "output_not_made", out=out, reason=exc.strerror or exc) from None
        if not lock.hold(lock.out):
            raise UsageError.of("DM303", out=out)
        recover(lock.out)
        return lock

    def hold(self, folder: Path) -> bool:
        """Lock ``folder`` too; False when another process holds it."""
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError:  # no locks on this file system: go on without
            os.close(fd)
            return True
        self._fds.append(fd)
        return True

    def release(self) -> None:
        """Let go of the folder; one made for this audit that stayed empty (nothing to audit,
        an error before anything was written) is removed."""
        if self.made:
            try:
                self.out.rmdir()
            except OSError:  # not empty: the report is in it
                pass
        for fd in self._fds:
            try:
                os.close(fd)
            except OSError:
                pass
        self._fds.clear()


def new_staging(out: Path) -> Path:
    """An empty folder beside ``out`` to write the new report into, with the permissions
    ``out`` has (or a new folder would get)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}{STAGING}"))
    try:
        mode = out.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o777 & ~umask
    os.chmod(staging, mode)
    return staging


def publish(staging: Path, out: Path, lock: OutputLock | None = None) -> None:
    """Put the report in ``staging`` in the place of ``out`` at once; what ``out`` held besides
    the report files now in ``staging`` (the cache, a user's files) is moved over, then the old
    folder is removed."""
    out = Path(out)
    if lock is not None:
        lock.hold(staging)  # the folder that becomes the report folder is held before it does
    if not out.exists():
        os.rename(staging, out)
        return
    if not _exchange(staging, out):  # two renames: a kill in between leaves the old one beside
        os.rename(out, _old_name(out))
        os.rename(staging, out)
        staging = _old_name(out)
    # ``staging`` is the old folder now; its folder pages belong to its index.html, not to a new one
    _move_over(staging, out, frozenset({PAGES}) if (out / FILENAMES["html"]).exists() else frozenset())
    shutil.rmtree(staging, ignore_errors=True)


def recover(out: Path) -> None:
    """After a kill: move what a staging folder of ``out`` still holds back into ``out`` (the
    cache and a user's files, when ``out`` lacks them; not report files nor temporary files;
    the old report when ``out`` is gone) and remove it. Call only while holding ``out`` (another
    audit may be writing its own)."""
    out = Path(out)
    try:
        leftovers = [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}{STAGING}") and p.is_dir()]
    except OSError:
        return
    for old in sorted(leftovers, key=lambda p: p.name.endswith("-oud"), reverse=True):
        if not out.exists() and old.name.endswith("-oud"):
            os.rename(old, out)  # killed between the two renames: the old report is the report
            continue
        if out.is_dir():
            _move_over(old, out, _REPORT_FILES)
        shutil.rmtree(old, ignore_errors=True)


_REPORT_FILES = frozenset(FILENAMES.values()) | {MARKER, PAGES}


def _old_name(out: Path) -> Path:
    return out.parent / f".{out.name}{STAGING}-oud"


def _move_over(old: Path, new: Path, skip: frozenset[str] = frozenset()) -> None:
    """Move every entry of ``old`` that ``new`` does not have into ``new`` (not ``skip`` nor
    temporary files)."""
    try:
        entries = list(old.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name in skip or entry.name.endswith(".tmp"):
            continue
        target = new / entry.name
        if not target.exists() and not target.is_symlink():
            try:
                os.rename(entry, target)
            except OSError:
                pass


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names ``a`` and ``b`` in one step (Linux 3.15+, glibc 2.28+); False when this
    system or file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


__all__ = ["OutputLock", "new_staging", "publish", "recover", "FILENAMES", "MARKER", "PAGES", "SPLIT_ABOVE"]
