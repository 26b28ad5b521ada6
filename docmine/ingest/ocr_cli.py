"""Tesseract's command (Debian's ``tesseract-ocr``) as the OCR engine when the tesserocr extra is
not installed, or when ``DOCMINE_OCR_ENGINE=tesseract`` asks for it.

One ``tesseract`` run per page (text and word confidences in one run), on a temporary grey
image; one OpenMP thread (Debian's build otherwise starts one per core and spins them: 3x the
CPU). The run is killed with the process that started it (Linux: the parent-death signal), so a
worker killed at its deadline leaves no ``tesseract`` behind. About 40% more CPU a page than
tesserocr (``benchmarks/README.md``), which is why that is the extra.

    >>> engine = CliEngine("/usr/bin/tesseract", "/usr/share/tesseract-ocr/5/tessdata")  # doctest: +SKIP
    >>> engine.recognize(pil_image)  # doctest: +SKIP
    ('Werkinstructie ...', 93.4)
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import tempfile
from typing import Any

PR_SET_PDEATHSIG = 1


class CliError(Exception):
    """The ``tesseract`` command failed; ``str()`` is the Dutch reason."""


def _libc() -> Any:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


_LIBC = _libc()


def _die_with_parent() -> None:
    """In the child, before ``tesseract`` starts: be killed when the parent dies."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _mean_confidence(tsv: str) -> float:
    """The mean confidence of the words in Tesseract's TSV output (as tesserocr's MeanTextConf)."""
    confs = []
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            try:
                conf = float(cols[10])
            except ValueError:
                continue
            if conf >= 0:
                confs.append(conf)
    return sum(confs) / len(confs) if confs else 0.0


class CliEngine:
    """Tesseract's command for one process; ``recognize`` is safe to call from one thread at a time
    (the parent-death signal follows the thread that started the run)."""

    def __init__(self, program: str, tessdata: str) -> None:
        self.program, self.tessdata = program, tessdata
        self.env = dict(os.environ, OMP_THREAD_LIMIT="1")
        try:
            out = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30,
                                 stdin=subprocess.DEVNULL, env=self.env)
        except (OSError, subprocess.SubprocessError) as exc:
            raise CliError(f"het programma tesseract ({program}) start niet ({exc})") from None
        first = (out.stdout or out.stderr).split("\n", 1)[0].split()
        self.version = first[1] if len(first) > 1 else "?"

    def recognize(self, image: Any) -> tuple[str, float]:
        """(text, mean word confidence) of one page image (a PIL image)."""
        with tempfile.TemporaryDirectory(prefix="docmine-ocr-") as d:
            src, base = os.path.join(d, "pagina.pgm"), os.path.join(d, "uit")
            image.convert("L").save(src)  # PGM: no compression to spend time on
            try:
                proc = subprocess.run([self.program, src, base, "--tessdata-dir", self.tessdata, "-l", "nld", "txt", "tsv"],
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      env=self.env, preexec_fn=_die_with_parent, check=False)
            except OSError as exc:
                raise CliError(f"het programma tesseract ({self.program}) start niet ({exc})") from None
            if proc.returncode != 0:
                detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"code {proc.returncode}"]
                raise CliError(f"tesseract stopte met een fout ({detail[0]})")
            with open(base + ".txt", encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            with open(base + ".tsv", encoding="utf-8", errors="replace") as fh:
                confidence = _mean_confidence(fh.read())
        return text, confidence


__all__ = ["CliEngine", "CliError"]
