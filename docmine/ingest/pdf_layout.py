"""Headings of a PDF from its type: lines set larger than the body text or in bold.

PDFium's text page knows the font of every character. For each line of a page a few characters
are looked at (the middle one of every line for the body's size; the first, middle and last of a
short line that may be a heading), so a page costs some hundred calls, not one per character.
After the last page the body style is the (size, weight) most of the text is set in; a heading is
a run of at most two lines set wholly larger or bolder than that, short, not ending like a
sentence. Its level is the rank of its size among the headings' sizes (bold at body size last).
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from dataclasses import dataclass

# parts of a font's name that make it bold ("Arial-BoldMT", "Calibri,Bold", "Inter-SemiBold", "Lato-Black")
_BOLD_NAME = re.compile(rb"(?i)bold|black|heavy|demi")
_FORCE_BOLD = 1 << 18  # the font descriptor's ForceBold flag
HEADING_MAX_CHARS = 120  # a heading line is not longer than this
HEADING_MAX_LINES = 2  # a heading wraps onto two lines at most: a longer styled run is a paragraph
LARGER = 1.1  # a size this much above the body's counts as larger
FULL_LINE = 0.5  # a line this wide (characters x size) against the page's widest has run to the margin
_SENTENCE_ENDS = (".", ",", ";", ":")


@dataclass(slots=True)
class LineStyle:
    """One non-blank line of a page's text: where it stands (index of the line in the page text
    split at newlines), the size and weight it is set in, and whether it is set in one style."""

    line: int
    text: str
    size: float
    bold: bool
    uniform: bool
    top: bool | None = None  # the first and last lines of a page: in the upper half of the page or not


class _Fonts:
    """The font size (in points, scaled by the text matrix) of a character of a text page and
    whether its font is bold (by its name or its ForceBold flag: PDFium reads no weight from a
    standard font, and fonts that have one are named for it)."""

    def __init__(self, textpage) -> None:
        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.tp = textpage
        self.matrix = pdfium_c.FS_MATRIX()
        self.name = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()

    def style(self, i: int) -> tuple[float, bool]:
        c, tp = self.c, self.tp
        size = c.FPDFText_GetFontSize(tp, i)
        if c.FPDFText_GetMatrix(tp, i, self.matrix):
            m = self.matrix
            size *= math.sqrt(abs(m.a * m.d - m.b * m.c)) or 1.0
        n = c.FPDFText_GetFontInfo(tp, i, self.name, len(self.name), ctypes.byref(self.flags))
        name = self.name.value if 0 < n <= len(self.name) else b""  # a longer name is not written into the buffer
        bold = _BOLD_NAME.search(name) is not None or bool(n and self.flags.value & _FORCE_BOLD)
        return round(size * 2) / 2, bold

    def height(self, i: int) -> float:
        """How far above the page's bottom edge character ``i`` stands."""
        x, y = ctypes.c_double(), ctypes.c_double()
        self.c.FPDFText_GetCharOrigin(self.tp, i, ctypes.byref(x), ctypes.byref(y))
        return y.value


EDGE_LINES = 2  # lines at each end of a page's text whose place on the page is looked up


def page_lines(textpage, raw: str, page_height: float = 0.0) -> tuple[str, list[LineStyle]]:
    """The page text as docmine reads it and the style of each of its non-blank lines; the first
    and last lines also whether they stand in the page's upper half (a running header or footer:
    PDF writers put them in the text before or after the body, in either order).

    ``raw`` is PDFium's text of the page (one character per character index, lines ended by
    CRLF). PDFium marks a hyphen at a line end as U+FFFE and drops the break: both are restored
    here so that normalize() decides (maatwerk-|voorziening joins, Wlz-|indicatie keeps its hyphen).
    """
    out_lines: list[str] = []
    spans: list[tuple[int, int, int]] = []  # (line index, first, last character index) of the lines to style
    pos = 0
    for raw_line in raw.split("\r\n"):
        line = raw_line.replace("\r", "\n").replace("\ufffe", "-\n").replace("\x02", "-\n")
        if raw_line.strip() and "\n" not in line:
            first = pos + len(raw_line) - len(raw_line.lstrip())
            spans.append((len(out_lines), first, pos + len(raw_line.rstrip()) - 1))
        out_lines.extend(line.split("\n"))
        pos += len(raw_line) + 2
    text = "\n".join(out_lines)
    if textpage is None:
        return text, []
    try:
        return text, _styles(_Fonts(textpage), out_lines, spans, page_height)
    except Exception:  # PDFium could not tell a character's font: the page's text without headings
        return text, []


def _styles(fonts: _Fonts, lines: list[str], spans: list[tuple[int, int, int]], page_height: float) -> list[LineStyle]:
    """Each line's style from its middle character. A short line set otherwise than most of the
    page may be a heading: its first and last characters must be set alike (a bold word opening
    a sentence makes no heading)."""
    styles = []
    share: Counter[tuple[float, bool]] = Counter()
    for index, first, last in spans:
        text = lines[index].strip()
        mid = len(text) // 2
        while mid < len(text) - 1 and text[mid].isspace():  # a space between words may be one PDFium made up
            mid += 1
        size, bold = fonts.style(first + mid)
        styles.append(LineStyle(index, text, size, bold, True))
        share[size, bold] += last - first + 1
    page_style = share.most_common(1)[0][0] if share else None
    for ls, (_, first, last) in zip(styles, spans):
        if (ls.size, ls.bold) != page_style and len(ls.text) <= HEADING_MAX_CHARS:
            ls.uniform = fonts.style(first) == (ls.size, ls.bold) == fonts.style(last)
    if page_height > 0:
        for k in {*range(min(EDGE_LINES, len(spans))), *range(max(0, len(spans) - EDGE_LINES), len(spans))}:
            styles[k].top = fonts.height(spans[k][1]) > page_height / 2
    return styles


def headings(pages: list[list[LineStyle]]) -> list[list[tuple[int, int, int]]]:
    """Per page, the headings as (first line, last line, level): runs of at most two adjacent lines
    in one style larger or bolder than the body text, short and not ending like a sentence.

    >>> body = [LineStyle(k, "De cliënt ontvangt hulp bij het huishouden en begeleiding.", 10, False, True) for k in range(1, 9)]
    >>> headings([[LineStyle(0, "Hulp bij het huishouden", 14, True, True)] + body])
    [[(0, 0, 1)]]
    """
    weight: Counter[tuple[float, bool]] = Counter()
    for lines in pages:
        for ls in lines:
            weight[ls.size, ls.bold] += len(ls.text)
    if not weight:
        return [[] for _ in pages]
    body_size, body_bold = weight.most_common(1)[0][0]
    runs = [_styled_runs(lines, body_size, body_bold) for lines in pages]
    sizes = sorted({size for page in runs for run in page for size in [run[0].size] if size >= body_size * LARGER}, reverse=True)
    rank = {size: k + 1 for k, size in enumerate(sizes)}
    out = []
    for page in runs:
        found = []
        for run in page:
            level = min(rank.get(run[0].size, len(sizes) + 1), 6)
            found.append((run[0].line, run[-1].line, level))
        out.append(found)
    return out


def _styled_runs(lines: list[LineStyle], body_size: float, body_bold: bool) -> list[list[LineStyle]]:
    """Runs of adjacent lines set in one heading style, kept when they read as a heading. A line
    joins the one above only when that one is full (it wrapped) and does not end a sentence: two
    short bold lines are two headings, a bold paragraph is one run of full lines."""
    def styled(ls: LineStyle) -> bool:
        larger = ls.size >= body_size * LARGER and ls.size >= body_size + 1
        return ls.uniform and len(ls.text) <= HEADING_MAX_CHARS and (larger or (ls.bold and not body_bold and ls.size >= body_size))

    full = FULL_LINE * max((len(ls.text) * ls.size for ls in lines), default=0)
    runs: list[list[LineStyle]] = []
    for ls in lines:
        if not styled(ls):
            runs.append([])
            continue
        prev = runs[-1][-1] if runs and runs[-1] else None
        if (prev and prev.line == ls.line - 1 and (prev.size, prev.bold) == (ls.size, ls.bold)
                and len(prev.text) * prev.size >= full and not prev.text.endswith(_SENTENCE_ENDS)):
            runs[-1].append(ls)  # the line above ran to the margin mid-sentence: this one goes on with it
        else:
            runs.append([ls])
    return [r for r in runs if r and len(r) <= HEADING_MAX_LINES and _reads_as_heading(r)]


def _reads_as_heading(run: list[LineStyle]) -> bool:
    text = " ".join(ls.text for ls in run)
    return any(ch.isalpha() for ch in text) and not text.endswith(_SENTENCE_ENDS)
