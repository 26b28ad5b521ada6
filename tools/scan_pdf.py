"""Render text as a scanned, image-only PDF: what a paper document looks like after a scanner.

    >>> from tools.scan_pdf import write_scan_pdf
    >>> write_scan_pdf([["# Werkinstructie", "", "Datum: 12 maart 2013"]], Path("scan.pdf"), seed=1)  # doctest: +SKIP

Each page is drawn with Pillow in a real TrueType font (Debian's fonts-dejavu-core), turned by a
fraction of a degree, sprinkled with specks of dirt, made black-and-white and stored as a CCITT
image without any text layer, like a fax-quality office scan. Deterministic: the same text and
seed give the same bytes (fixed dates, a seeded random generator).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
DPI = 300
A4_INCH = (8.27, 11.69)


def _font(name: str, points: float, dpi: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_DIR / name), round(points * dpi / 72))


def _wrap(text: str, font, width: int) -> list[str]:
    out: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if cur and font.getlength(trial) > width:
            out.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        out.append(cur)
    return out


def render_page(lines: list[str], *, seed: int, angle: float = 0.4, specks: int = 400, dpi: int = DPI):
    """One page as a black-and-white PIL image. ``lines``: a line starting with ``# `` is a
    bold heading, an empty line a paragraph break, any other line a paragraph (wrapped)."""
    from PIL import Image, ImageDraw

    w, h = round(A4_INCH[0] * dpi), round(A4_INCH[1] * dpi)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    body, bold = _font("DejaVuSerif.ttf", 11, dpi), _font("DejaVuSerif-Bold.ttf", 13, dpi)
    left, top, width = round(dpi * 1.0), round(dpi * 1.0), w - round(dpi * 2.0)
    step = round(16 * dpi / 72)
    y = top
    for line in lines:
        if not line.strip():
            y += step // 2
            continue
        font = bold if line.startswith("# ") else body
        for part in _wrap(line[2:] if line.startswith("# ") else line, font, width):
            draw.text((left, y), part, font=font, fill=0)
            y += step
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    rnd = random.Random(seed)
    for _ in range(specks):  # dust and toner specks, 1-3 pixels
        x, yy, r = rnd.randrange(w), rnd.randrange(h), rnd.randrange(1, 4)
        draw = ImageDraw.Draw(img)
        draw.ellipse((x, yy, x + r, yy + r), fill=rnd.choice((0, 80)))
    return img.point(lambda v: 255 if v > 150 else 0).convert("1")


def write_scan_pdf(pages: list[list[str]], path: Path, *, seed: int = 1, angle: float = 0.4, specks: int = 400,
                   title: str = "", when: tuple[int, int, int] = (2013, 3, 12)) -> None:
    """An image-only PDF of ``pages`` (each a list of lines, see ``render_page``); page k is
    turned by ``angle`` alternating in sign, with its own seed."""
    images = [render_page(lines, seed=seed + k, angle=angle if k % 2 == 0 else -angle * 0.7, specks=specks)
              for k, lines in enumerate(pages)]
    stamp = time.struct_time((*when, 9, 0, 0, 0, 1, 0))
    images[0].save(str(path), save_all=True, append_images=images[1:], resolution=DPI, title=title,
                   creationDate=stamp, modDate=stamp, producer="scanner", creator="tools/scan_pdf.py")


def pages_from_text(text: str) -> list[list[str]]:
    """A source text's pages: split at form feeds, each page a list of lines."""
    return [page.strip("\n").split("\n") for page in text.split("\f")]
