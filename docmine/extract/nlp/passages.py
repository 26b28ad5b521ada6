"""Where a position stands: its sentence, paragraph, list lead-in, the headings above it,
its own line as a heading, brackets around it, a definition it heads."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import deque
from typing import Iterator, Sequence


# -- sentences and context --------------------------------------------------------------------

_SENT_STOP = r"(?=\s+[A-Z0-9\"“‘(\u00C0-\u00DD]|\s*\n)"
# [.!?] written as three literal branches: every branch starting with a literal lets ``re`` skip
# to the next . ! ? : or newline in C (a character class first entered the matcher at every place)
_SENT_END = re.compile(rf"\.{_SENT_STOP}|!{_SENT_STOP}|\?{_SENT_STOP}|:(?=\s)|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)]|[a-z][.)])\s)")


def sentence_bounds(text: str, start: int, end: int, limit: int = 400) -> tuple[int, int]:
    """The sentence (or list item, or line block) around ``[start, end)``, at most ``limit``
    characters either side."""
    lo = max(0, start - limit)
    # an abbreviation like 'art.' or 'o.a.' is no sentence end; keep it simple: need space+capital/digit/newline.
    # The last sentence end before ``start``: the deque runs the iterator in C (was a Python loop, ~25% of the call)
    last = deque(_SENT_END.finditer(text, lo, start), maxlen=1)
    s = last[0].end() if last else lo
    e_m = _SENT_END.search(text, end, min(len(text), end + limit))
    e = e_m.end() if e_m else min(len(text), end + limit)
    while s < start and text[s].isspace():
        s += 1
    return s, e


# -- passages: paragraph, list lead-in, section heading ----------------------------------------

_BULLET = re.compile(r"^\s*(?:[-–•*=>»·◦▪]|\d+[.)]|[a-z][.)]|\d+°)\s")


def paragraph_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """The block between blank lines around ``[start, end)``, at most ``limit`` characters
    either side."""
    lo = max(0, start - limit)
    ps = text.rfind("\n\n", lo, start)
    ps = lo if ps < 0 else ps + 2
    pe = text.find("\n\n", end, min(len(text), end + limit))
    pe = min(len(text), end + limit) if pe < 0 else pe
    return ps, pe


def lead_in(text: str, pos: int, max_lines: int = 40, lines: TextLines | None = None) -> str | None:
    """For a position in a list item (a line starting with -, •, =, 1., a. ...): the lead-in
    that introduces the list (the paragraph whose last line ends with ':'), or None.
    ``lines``: the text's ``TextLines``, when the caller has them (it remembers the answer per line).

    >>> lead_in("Voor de Jeugdwet geldt:\\n\\n- hulpvraag\\n- individuele voorziening", 40)
    'Voor de Jeugdwet geldt:'
    """
    ls = text.rfind("\n", 0, pos) + 1
    if lines is None:
        return _lead_in_line(text, ls, max_lines)
    return lines.lead_in(ls, max_lines)


def _lead_in_line(text: str, ls: int, max_lines: int) -> str | None:
    le = text.find("\n", ls)
    line = text[ls: le if le >= 0 else len(text)]
    if not _BULLET.match(line):
        return None
    end = ls - 1
    for _ in range(max_lines):
        if end <= 0:
            return None
        s = text.rfind("\n", 0, end) + 1
        cur = text[s:end]
        stripped = cur.strip()
        if stripped.endswith(":") and not _BULLET.match(cur):
            lines = [stripped]
            k = s - 1
            while k > 0 and len(lines) < 4:
                p = text.rfind("\n", 0, k) + 1
                prev = text[p:k].strip()
                if not prev or _BULLET.match(text[p:k]):
                    break
                lines.insert(0, prev)
                k = p - 1
            return "\n".join(lines)
        if stripped and not _BULLET.match(cur) and len(stripped.split()) > 3:
            return None  # a prose line: the list (if any) has no lead-in
        end = s - 1
    return None


_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+\S")


def _heading_at(lines: Sequence[str], i: int) -> str | None:
    """``lines[i]`` as a heading (with a wrapped second line for a numbered heading), or None."""
    line = lines[i].strip()
    if not (3 <= len(line) <= 95) or _BULLET.match(lines[i]) and not _NUMBERED.match(lines[i]):
        return None
    if not (line[0].isupper() or line[0].isdigit()) or line[-1] in ".,;":
        return None
    if len(line.split()) > 14:
        return None
    prev = lines[i - 1].strip() if i > 0 else ""
    if prev and prev[-1] not in ".!?:)":
        return None
    if _NUMBERED.match(lines[i]) and i + 1 < len(lines):
        nxt = lines[i + 1].strip()
        if nxt and len(nxt) <= 60 and nxt[-1] in "?:" and line[-1] not in "?:":
            return line + " " + nxt
    if i + 1 < len(lines) and lines[i + 1][:1].islower():
        return None  # the first line of a wrapped sentence ("Bewoners die al een Wlz-indicatie hebben, ..." / "zorgkantoor.")
    return line


_HEADING_NUMBER = re.compile(r"^\s*(?:(?:hoofdstuk|paragraaf|afdeling|artikel|§)\s+)?(\d+(?:\.\d+)*)\.?(?:\s|$)", re.I)
_LEADER = re.compile(r"(?:\s*\.){3,}\s*\d*\s*$|\s+\d+\s*$")  # dot leaders and page number of a contents line


class TextLines:
    """The lines of one text, for the questions asked about many positions in it (the headings
    above a position, the lead-in of its list): where each line starts, found once, and what a
    line is as a heading or as a list item, worked out when first asked. Made once per document
    by the caller that asks about many positions (the term rules' ``Scan``) and passed along."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]  # starts[k]: where line k starts
        self._headings: dict[int, str | None] = {}  # line -> the line as a heading (None: none)
        self._leads: dict[tuple[int, int], str | None] = {}  # (line start, max_lines) -> lead-in

    def index(self, pos: int) -> int:
        """The line holding ``pos`` (a newline belongs to the line it ends)."""
        return bisect_right(self.starts, pos) - 1

    def line(self, k: int) -> str:
        end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[k]:end]

    def heading(self, k: int, first: bool = False) -> str | None:
        """Line ``k`` (not the last) as a heading (``_heading_at``); ``first``: as the first line
        of a stretch, with no line before it."""
        if first or k == 0:
            return _heading_at([self.line(k), self.line(k + 1)], 0)
        if k not in self._headings:
            self._headings[k] = _heading_at([self.line(k - 1), self.line(k), self.line(k + 1)], 1)
        return self._headings[k]

    def headings_up(self, start: int, reach: int) -> Iterator[tuple[int, str]]:
        """(line, heading) of the headings above the line holding ``start``, nearest first, from
        the first whole line within ``reach`` characters back (that line read as having no
        line before it)."""
        top, own = self._stretch(start, reach)
        for k in range(own - 1, top - 1, -1):
            h = self.heading(k, first=k == top)
            if h:
                yield k, h

    def _stretch(self, start: int, reach: int) -> tuple[int, int]:
        """The first whole line within ``reach`` characters before ``start`` and the line of ``start``."""
        lo = max(0, start - reach)
        lo = self.text.find("\n", lo) + 1 if lo > 0 else 0
        return bisect_left(self.starts, lo), self.index(start)

    def title_after(self, k: int, last: int) -> list[str]:
        """The title on the line after a bare number heading ("Hoofdstuk 8" / "Invoeringsbepalingen"),
        looked for up to line ``last``."""
        line = self.line(k).strip()
        m = _HEADING_NUMBER.match(line + " ")
        if not m or line[m.end():].strip():
            return []
        for j in range(k + 1, min(k + 4, last + 1)):
            title = self.line(j).strip().lstrip("#").strip()
            if title:
                return [title] if len(title) <= 95 and title[-1] not in ".,;" else []
        return []

    def lead_in(self, ls: int, max_lines: int) -> str | None:
        """``_lead_in_line``, once per line."""
        key = (ls, max_lines)
        if key not in self._leads:
            self._leads[key] = _lead_in_line(self.text, ls, max_lines)
        return self._leads[key]


_NEWLINE = re.compile("\n")


def headings_above(text: str, start: int, reach: int = 8000, lines: TextLines | None = None) -> list[str]:
    """The headings a position in ``text`` falls under: the nearest heading above it and, when
    that one is numbered ("7.1 ..."), the headings of the sections holding it ("7 ..."), within
    ``reach`` characters. ``lines``: the text's ``TextLines``, when the caller has them.

    >>> headings_above("7 Overgang\\n\\n7.1 Cliënten\\n\\nTekst hier.", 30)
    ['7.1 Cliënten', '7 Overgang']
    """
    lines = lines or TextLines(text)
    own = lines.index(start)
    out: list[str] = []
    number: str | None = None
    for k, h in lines.headings_up(start, reach):
        m = _HEADING_NUMBER.match(h)
        got = m.group(1) if m else None
        if not out:
            out.append(h)
            out.extend(lines.title_after(k, own))
            number = got
            if number is None or "." not in number:
                break
        elif got and number and number.startswith(got + "."):
            out.append(h)
            out.extend(lines.title_after(k, own))
            number = got
            if "." not in number:
                break
    return out


HEADING_LINE = 200  # a line longer than this (before or after the position) is no heading


def _short_line(text: str, start: int, limit: int = HEADING_LINE) -> tuple[int, int] | None:
    """The bounds of the line holding ``start``, or None when it is longer than ``limit`` on
    either side (the searches stay bounded on a text of one long line)."""
    lo = max(0, start - limit)
    ls = text.rfind("\n", lo, start) + 1
    if ls == 0 and lo > 0:
        return None
    hi = min(len(text), start + limit)
    le = text.find("\n", start, hi)
    if le < 0:
        if hi < len(text):
            return None
        le = len(text)
    return ls, le


def heading_line(text: str, start: int, clause_start: int | None = None) -> tuple[int, int] | None:
    """The bounds of the line holding ``start`` when it is a heading: the first line of the
    clause starting at ``clause_start``, or a short numbered line ("2.2 Samenloop met ..."). A
    heading is a sentence of its own, not the start of the one below it."""
    bounds = _short_line(text, start)
    if bounds is None:
        return None
    ls, le = bounds
    line = text[ls:le].strip()
    if not line or len(line) > 95 or line[-1] in ".,;:!?":
        return None
    if text[le + 1:le + 2].islower():  # a wrapped sentence goes on below ("2.3 Hulpmiddelen die ... in een" / "instelling, ...")
        return None
    if clause_start is not None and ls <= clause_start <= start:
        return ls, le
    return (ls, le) if _NUMBERED.match(text[ls:le]) and len(line.split()) <= 14 else None


def own_heading_line(text: str, start: int) -> str | None:
    """The line holding ``start`` when it reads as a heading or a line of a table of contents
    ("7.1 Overgangsrecht AWBZ-indicaties . . . 27"), else None."""
    bounds = _short_line(text, start)
    if bounds is None:
        return None
    line = text[bounds[0]:bounds[1]].rstrip()
    if line[-1:].isdigit() or "".join(line.split()).endswith("..."):  # a page number, dot leaders
        line = _LEADER.sub("", line)
    line = line.strip()
    if not line or len(line) > 95 or line[-1] in ".,;:" or len(line.split()) > 14:
        return None
    return line if (line[0].isupper() or line[0].isdigit()) else None


def _bracket(text: str, start: int, end: int, limit: int = 200) -> tuple[int, int] | None:
    """The round brackets around ``[start, end)`` on its line, when there are."""
    ls = max(text.rfind("\n", 0, start) + 1, start - limit)
    i = text.rfind("(", ls, start)
    if i < 0 or text.find(")", i, start) >= 0:
        return None
    le = text.find("\n", end)
    j = text.find(")", end, min(len(text), end + limit) if le < 0 else min(le, end + limit))
    return (i + 1, j) if j >= 0 else None


def definition_of(text: str, start: int, end: int, limit: int = 600) -> str | None:
    """When the term at ``[start, end)`` is the headword of a definition (alone on its line, or
    in front of ':' or a dash: "Indicatie", "b. indicatie: ..."), the text that defines it."""
    ls = text.rfind("\n", max(0, start - 40), start) + 1
    if ls == 0 and start > 40:
        return None  # a headword has at most a list mark before it
    le = text.find("\n", end, end + limit)
    le = min(len(text), end + limit) if le < 0 else le
    head = text[ls:start].strip()
    if head and not _BULLET.match(text[ls:start] + " x") and head not in ("*", "**"):
        return None
    rest = text[end:le].strip().strip("*").strip()
    if not rest:  # a headword on its own line: the paragraph after it
        m = re.match(r"\s*\n(?:[ \t]*\n)*", text[le:le + 50])
        if not m:
            return None
        b = le + m.end()
        e = text.find("\n\n", b, b + limit)
        return text[b: e if e >= 0 else min(len(text), b + limit)]
    if rest[0] in ":–—-=":
        return rest[1:][:limit]
    return None


def is_caps_line(text: str, start: int) -> bool:
    """Is the line holding ``start`` written in capitals (a heading such as 'WIJ HELPEN U')?"""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", start)
    line = text[ls: le if le >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.85
