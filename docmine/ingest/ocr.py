"""OCR of page images (scanned PDF pages, image files) with Tesseract's Dutch model.

Tesseract runs in this process through tesserocr (``pip install "docmine[ocr]"``: a wheel that
carries libtesseract, no compiler or libtesseract-dev needed); the Dutch model comes from Debian
(``apt-get install tesseract-ocr tesseract-ocr-nld``) or wherever ``TESSDATA_PREFIX`` points.
In-process means no subprocess to leave behind: a worker killed at its deadline takes its OCR
with it, and the model is loaded once per worker process (~0.2 s), not once per page.

    >>> ocr = engines()                     # doctest: +SKIP
    >>> page = ocr.read(pil_image)          # doctest: +SKIP
    >>> page.text[:30], page.confidence     # doctest: +SKIP
    ('Werkinstructie huishoudelijke', 91.0)

``status()`` says whether OCR can run here and, if not, what is missing; ``install_hint()`` is
the one sentence that tells a user what to install.
"""

from __future__ import annotations

import importlib.util
import os
import queue
import re
import shutil
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .ocr_cli import CliEngine, CliError

LANGUAGE = "nld"
DPI = 300  # what Tesseract reads best; a scanned page is rendered at this resolution
MAX_SIDE = 7000  # pixels: a poster-sized page is rendered smaller (Tesseract's time grows with the area)
PIP_EXTRA = 'pip install "docmine[ocr]"'
DEBIAN_PACKAGES = "tesseract-ocr tesseract-ocr-nld"

# Where Debian, other Linux distributions and Homebrew put Tesseract's models (TESSDATA_PREFIX,
# Tesseract's own setting, comes first and alone when set).
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/usr/local/share/tesseract-ocr/5/tessdata",
    "/opt/homebrew/share/tessdata",
)


ENGINE_SETTING = "DOCMINE_OCR_ENGINE"  # tesserocr | tesseract: which engine (default: tesserocr when installed)


@dataclass(frozen=True)
class Status:
    """Whether OCR can run here: ``available``, or ``reason`` (Dutch) why not; with which
    ``engine`` ("tesserocr", or "tesseract": the command ``program``) and model folder."""

    available: bool
    reason: str = ""
    tessdata: str | None = None
    engine: str = ""
    program: str | None = None


@dataclass(frozen=True)
class OcrPage:
    """The text Tesseract read on one page and its mean word confidence (0-100)."""

    text: str
    confidence: float


def install_hint() -> str:
    """What a user installs to get OCR (the DM113 hint)."""
    return (f"installeer OCR: {PIP_EXTRA} en de Debian-pakketten {DEBIAN_PACKAGES} "
            f"(apt-get install {DEBIAN_PACKAGES}); of laat het document eerst door OCR-software lezen")


def tessdata_dir() -> Path | None:
    """The folder holding ``nld.traineddata``: ``$TESSDATA_PREFIX`` (or its ``tessdata``
    subfolder) when set, else the first of the usual places that has it."""
    env = os.environ.get("TESSDATA_PREFIX")
    candidates = [Path(env), Path(env) / "tessdata"] if env else [Path(p) for p in _TESSDATA_DIRS]
    for d in candidates:
        if (d / f"{LANGUAGE}.traineddata").is_file():
            return d
    return None


def status() -> Status:
    """Can OCR run here, and with what? Cheap (nothing imported or started, no model loaded).
    tesserocr (the ``ocr`` extra) when installed, else Debian's ``tesseract`` command on PATH;
    ``DOCMINE_OCR_ENGINE=tesseract`` or ``=tesserocr`` asks for one of them."""
    choice = os.environ.get(ENGINE_SETTING, "").strip().lower()
    module = choice != "tesseract" and importlib.util.find_spec("tesserocr") is not None
    program = shutil.which("tesseract") if choice != "tesserocr" and not module else None
    if not module and not program:
        return Status(False, {"tesserocr": "de Python-module tesserocr (docmine[ocr]) is niet geïnstalleerd",
                              "tesseract": "het programma tesseract staat niet in PATH"}.get(
            choice, "de Python-module tesserocr (docmine[ocr]) is niet geïnstalleerd en het programma tesseract "
                    "staat niet in PATH"))
    d = tessdata_dir()
    if d is None:
        where = f"in TESSDATA_PREFIX ({os.environ['TESSDATA_PREFIX']})" if os.environ.get("TESSDATA_PREFIX") else \
            "in de gebruikelijke mappen"
        return Status(False, f"het Nederlandse taalmodel van Tesseract ({LANGUAGE}.traineddata) staat niet {where}")
    return Status(True, tessdata=str(d), engine="tesserocr" if module else "tesseract", program=program)


def signature(enabled: bool) -> str:
    """What OCR results depend on besides the document, for the cache key: off, unavailable
    (and why), or the tesserocr install and the model file (changed by an upgrade)."""
    if not enabled:
        return "off"
    st = status()
    if not st.available:
        return f"unavailable: {st.reason}"
    parts = [st.engine, st.tessdata or ""]
    spec = importlib.util.find_spec("tesserocr") if st.engine == "tesserocr" else None
    code = spec.origin if spec else st.program
    for p in (code, str(Path(st.tessdata or "") / f"{LANGUAGE}.traineddata")):
        try:
            s = os.stat(p) if p else None
        except OSError:
            s = None
        parts.append(f"{p}:{s.st_size}:{s.st_mtime_ns}" if s else f"{p}:-")
    return "|".join(parts)


# Tesseract starts a paragraph (a blank line) where a line merely ends short: in the middle of a
# sentence, or after a word hyphenated at the line end. A blank line after a line that does not
# end a sentence, before a line that starts in lower case, is such a break.
_FALSE_BREAK = re.compile(r"(?<=[^\s.:;!?])[ \t]*\n[ \t]*\n(?=[ \t]*[a-zà-ÿ])")
_IJ = str.maketrans({"\u0132": "IJ", "\u0133": "ij"})  # the Dutch model writes IJ as one letter


def tidy(text: str) -> str:
    r"""Tesseract's text as the readers expect it: no paragraph break inside a sentence or a
    hyphenated word, and IJ as two letters.

    >>> tidy("HULP B\u0132 HET HUISHOUDEN\nuren te indice-\n\nren zonder")
    'HULP BIJ HET HUISHOUDEN\nuren te indice-\nren zonder'
    """
    return _FALSE_BREAK.sub("\n", text).translate(_IJ)


class OcrUnavailable(Exception):
    """OCR cannot run here; ``str()`` is the Dutch reason."""


class Engine:
    """One Tesseract instance through tesserocr (the Dutch model loaded once); not shared
    between threads."""

    def __init__(self, tessdata: str) -> None:
        import tesserocr  # the optional extra: imported only where a page needs OCR

        try:
            self._api = tesserocr.PyTessBaseAPI(path=tessdata.rstrip("/") + "/", lang=LANGUAGE)
        except RuntimeError as exc:
            raise OcrUnavailable(f"Tesseract kon het Nederlandse taalmodel in {tessdata} niet laden ({exc})") from None
        self.version = tesserocr.tesseract_version().split()[1]

    def recognize(self, image: Any) -> tuple[str, float]:
        """(text, mean word confidence) of one page image (a PIL image)."""
        api = self._api
        api.SetImage(image)
        text = api.GetUTF8Text() or ""
        confidence = float(api.MeanTextConf())
        api.Clear()
        return text, confidence


def read_page(engine: Any, image: Any) -> OcrPage:
    """OCR one page image (a PIL image) with ``engine`` (``Engine`` or ``CliEngine``); a page
    whose lines run at an angle (a sheet laid askew on the scanner) is straightened first, and
    the text is tidied (``tidy``)."""
    angle = skew_angle(image)
    if abs(angle) >= STRAIGHTEN_FROM:
        image = image.rotate(angle, resample=_bicubic(), expand=True, fillcolor=255)
    try:
        text, confidence = engine.recognize(image)
    except CliError as exc:
        raise OcrUnavailable(str(exc)) from None
    text = tidy(text)
    return OcrPage(text, confidence if text.strip() else 0.0)


STRAIGHTEN_FROM = 2.0  # degrees of skew from which a page is straightened (Tesseract misreads words from ~3-4)
MAX_SKEW = 8  # degrees looked for (~0.02 s a page)


def _bicubic() -> Any:
    from PIL import Image

    return Image.Resampling.BICUBIC


def skew_angle(image: Any) -> float:
    """The angle (degrees, in 0.5 steps up to MAX_SKEW) that turns the page's text lines level:
    the one at which the rows of a small copy differ most from their neighbours (a level line of
    text is a dark band with light rows above and below it). Whole degrees first, then the half
    degrees beside the best.

    >>> skew_angle(level_page.rotate(-3, expand=True, fillcolor=255))  # doctest: +SKIP
    3.0
    """
    import numpy as np
    from PIL import Image

    small = image.convert("L")
    factor = max(1, min(small.size) // 400)
    if factor > 1:
        small = small.reduce(factor)
    ink = small.point(lambda v: 255 if v < 128 else 0)  # ink white on black: rotation fills with no ink

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(range(-int(MAX_SKEW), int(MAX_SKEW) + 1), key=sharpness)
    return max((coarse - 0.5, float(coarse), coarse + 0.5), key=sharpness)


class Engines:
    """This process's engines, one per thread that reads pages at the same time (Tesseract
    releases the GIL while it reads, so a scan's pages are read on the cores the other documents
    leave free); each is lent to one thread at a time."""

    def __init__(self, st: Status) -> None:
        self.status = st
        self._free: queue.SimpleQueue = queue.SimpleQueue()
        first = self._make()
        self.name = f"Tesseract {first.version} ({LANGUAGE})"  # what read the pages, for the metadata
        self._free.put(first)
        self._made = 1
        self._lock = threading.Lock()

    def _make(self) -> Any:
        if self.status.engine == "tesseract":
            try:
                return CliEngine(self.status.program or "tesseract", self.status.tessdata or "")
            except CliError as exc:
                raise OcrUnavailable(str(exc)) from None
        return Engine(self.status.tessdata or "")

    @property
    def parallel(self) -> bool:
        """Pages on several threads: tesserocr only (a tesseract run is killed with the thread
        that started it, which must then be the worker's own)."""
        return self.status.engine == "tesserocr"

    def grow(self, n: int) -> None:
        """At least ``n`` engines (each loads the model: ~0.1 s CPU, ~80 MB)."""
        with self._lock:
            while self._made < n:
                self._free.put(self._make())
                self._made += 1

    def read(self, image: Any) -> OcrPage:
        """OCR one page on a free engine (waits for one when all are busy)."""
        e = self._free.get()
        try:
            return read_page(e, image)
        finally:
            self._free.put(e)

    def read_pages(self, pages: Iterable[tuple[int, Any]], threads: int) -> Iterator[tuple[int, OcrPage]]:
        """OCR ``(number, image)`` pairs on up to ``threads`` threads, in order. At most
        ``threads`` images wait at a time (the pages are rendered as they are needed)."""
        threads = max(1, threads) if self.parallel else 1
        if threads == 1:
            for n, image in pages:
                yield n, self.read(image)
            return
        self.grow(threads)
        pool = ThreadPoolExecutor(threads, thread_name_prefix="docmine-ocr")
        waiting: deque = deque()
        try:
            for n, image in pages:
                waiting.append((n, pool.submit(self.read, image)))
                if len(waiting) >= threads:
                    k, fut = waiting.popleft()
                    yield k, fut.result()
            while waiting:
                k, fut = waiting.popleft()
                yield k, fut.result()
        finally:  # a time-out or an error: pages not started are dropped, none is waited for
            pool.shutdown(wait=False, cancel_futures=True)


_ENGINES: list[Engines] = []  # this process's engines, made on first need


def engines() -> Engines:
    """This process's OCR engines. Raises OcrUnavailable with the reason when OCR cannot run."""
    if not _ENGINES:
        st = status()
        if not st.available:
            raise OcrUnavailable(st.reason)
        _ENGINES.append(Engines(st))
    return _ENGINES[0]


def free_cores() -> int:
    """The cores this process may run on (its CPU affinity)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def render_scale(width_pt: float, height_pt: float) -> float:
    """The PDFium render scale for a page of this size in points: DPI, smaller for a page so
    large that a side would pass MAX_SIDE pixels.

    >>> render_scale(595, 842)  # A4
    4.166666666666667
    """
    scale = DPI / 72
    longest = max(width_pt, height_pt, 1.0)
    return min(scale, MAX_SIDE / longest)


__all__ = ["Engine", "Engines", "OcrPage", "OcrUnavailable", "Status", "engines", "free_cores", "install_hint",
           "render_scale", "signature", "status", "tessdata_dir"]
