"""Normalisation of raw extracted text, with a map back to the original offsets.

Every reader hands its raw text (plus the offsets where pages start) to :func:`normalize`, which

1. drops running headers, footers and page numbers that repeat on most pages;
2. joins words hyphenated across line breaks (``maatwerk-\\nvoorziening``) but keeps real
   hyphens (``Wlz-\\nindicatie`` -> ``Wlz-indicatie``);
3. repairs a few conservative OCR confusions (``cliént`` -> ``cliënt``, ``hu1p`` -> ``hulp``,
   ligatures, soft hyphens) and turns tabs, no-break spaces and form feeds into plain spaces/newlines;
4. folds runs of spaces, strips line ends and keeps at most one blank line between paragraphs.

Each step is a regex pass that records its edits as segments; the steps' maps are composed into
one :class:`~docmine.model.SourceMap`, so ``original[smap.to_original(i)]`` is where normalised
character ``i`` came from. There are no per-character Python loops: a 50 MB text passes.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Iterable

from ..model import Page, SourceMap

# --------------------------------------------------------------------------- segment maps


class _Map:
    """Piecewise map from a new text to the text it was made from.

    Segment ``i`` covers new offsets ``[ns[i], ns[i+1])`` and comes from old offsets starting at
    ``os[i]``; ``ol[i]`` is the old length (verbatim segments: equal to the new length, flag
    ``vb[i]`` True).
    """

    __slots__ = ("ns", "os", "ol", "vb", "new_len", "old_len")

    def __init__(self, ns, os_, ol, vb, new_len, old_len):
        self.ns, self.os, self.ol, self.vb = ns, os_, ol, vb
        self.new_len, self.old_len = new_len, old_len

    @classmethod
    def identity(cls, n: int) -> "_Map":
        return cls([0], [0], [n], [True], n, n)

    def to_old(self, offset: int) -> int:
        i = bisect.bisect_right(self.ns, offset) - 1
        if i < 0:
            return 0
        d = offset - self.ns[i]
        if self.vb[i]:
            return min(self.os[i] + d, self.old_len)
        return self.os[i] + min(d, max(self.ol[i] - 1, 0))

    def compose(self, inner: "_Map") -> "_Map":
        """``self`` maps t2 -> t1, ``inner`` maps t1 -> t0; return t2 -> t0."""
        ns, os_, ol, vb = [], [], [], []
        ins, ios, iol, ivb = inner.ns, inner.os, inner.ol, inner.vb
        n_inner = len(ins)
        nseg = len(self.ns)
        for k in range(nseg):
            n = self.ns[k]
            p = self.os[k]
            if not self.vb[k]:
                o0 = inner.to_old(p)
                o1 = inner.to_old(p + self.ol[k] - 1) + 1 if self.ol[k] else o0 + 1
                ns.append(n), os_.append(o0), ol.append(max(o1 - o0, 1)), vb.append(False)
                continue
            end = p + self.ol[k]
            j = bisect.bisect_right(ins, p) - 1
            if j < 0:
                j = 0
            a = p
            while True:
                seg_end = ins[j + 1] if j + 1 < n_inner else inner.new_len
                b = min(end, seg_end)
                if ivb[j]:
                    ns.append(n + (a - p)), os_.append(ios[j] + (a - ins[j])), ol.append(b - a), vb.append(True)
                else:
                    o = ios[j] + min(a - ins[j], max(iol[j] - 1, 0))
                    ns.append(n + (a - p)), os_.append(o), ol.append(max(iol[j] - (o - ios[j]), 1)), vb.append(False)
                if b >= end or j + 1 >= n_inner:
                    break
                j += 1
                a = b
        return _Map(ns, os_, ol, vb, self.new_len, inner.old_len)


def _apply(text: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, _Map | None]:
    """Apply sorted, non-overlapping edits ``(start, end, replacement)`` to ``text``."""
    pieces: list[str] = []
    ns, os_, ol, vb = [0], [0], [0], [True]
    pos = 0
    npos = 0
    changed = False
    for s, e, r in edits:
        if s < pos:  # overlapping edit: skip it
            continue
        changed = True
        pieces.append(text[pos:s])
        npos += s - pos
        pieces.append(r)
        if len(r) == e - s:  # same length: the 1:1 mapping still holds
            npos += len(r)
            pos = e
            continue
        ol[-1] = s - os_[-1]  # close the running verbatim segment
        if ol[-1] == 0 and vb[-1]:
            ns.pop(), os_.pop(), ol.pop(), vb.pop()
        if r:
            ns.append(npos), os_.append(s), ol.append(e - s), vb.append(False)
            npos += len(r)
        ns.append(npos), os_.append(e), ol.append(0), vb.append(True)
        pos = e
    if not changed:
        return text, None
    pieces.append(text[pos:])
    npos += len(text) - pos
    ol[-1] = len(text) - os_[-1]
    return "".join(pieces), _Map(ns, os_, ol, vb, npos, len(text))


def _sub(text: str, pattern: re.Pattern, repl: Callable[[re.Match], object]) -> tuple[str, _Map | None]:
    """Like ``pattern.sub`` but records the edits. ``repl`` returns None (leave the match alone),
    a string (replaces the whole match) or ``(start, end, replacement)`` (a narrower edit)."""
    edits = []
    for m in pattern.finditer(text):
        r = repl(m)
        if r is None:
            continue
        if isinstance(r, tuple):
            edits.append(r)
        elif isinstance(r, list):
            edits.extend(r)
        elif r != m.group(0):
            edits.append((m.start(), m.end(), r))
    return _apply(text, edits)


# --------------------------------------------------------------------------- headers / footers

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_STRUCTURAL = re.compile(r"^(artikel|hoofdstuk|paragraaf|afdeling|§|bijlage|[#\d]+\.\s*\S|[a-z]\.\s)", re.I)
_PAGE_WORDS = re.compile(
    r"^(?:.{0,60}?[\s|—–-])?(?:pagina|blz\.?|page|pag\.)\s*#(?:\s*(?:van|/|of)\s*#)?$"
    r"|^[-–—\s]*#[-–—\s]*$|^#\s*/\s*#$|^(?:pagina|page)\s*#(?:\s*(?:van|/|of)\s*#)?\s*[|—–-].{0,60}$",
    re.I,
)
_LINE = re.compile(r"[^\n]*")


_PAGE_OF = re.compile(r"ag(?:ina|e)[ \t]*\d+[ \t]*(?:van|of|/)[ \t]*\d+")


def _mask(line: str) -> str:
    """The key a header/footer line is counted by: digits masked for page-number lines only."""
    exact = _SPACES.sub(" ", line.strip().lower())
    masked = _DIGITS.sub("#", exact)
    return masked if _PAGE_WORDS.match(masked) else exact


def _furniture_spans(text: str, page_starts: list[int], edge: int = 2) -> list[tuple[int, int]]:
    """Spans (whole lines, with their newline) of running headers/footers and page numbers."""
    spans = _running_lines(text, page_starts, edge) if len(page_starts) >= 2 else []
    spans.extend(_page_of_lines(text))
    out: list[tuple[int, int]] = []
    for s, e in sorted(set(spans)):
        if e < len(text) and text[e] == "\n":
            e += 1
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


# a line that says no more than the page it stands on: "Pagina 3 van 12", "- 3 -", "blz. 4"
_PAGE_ONLY = re.compile(r"^[\W\d_]*(?:(?:pagina|page|blz|pag)\.?[\W\d_]*(?:(?:van|of)[\W\d_]*)?)?$", re.I)


def running_texts(text: str, page_starts: list[int], spans: list[tuple[int, int]]) -> dict[str, str]:
    r"""What the running headers and footers among ``spans`` say, each once (its first occurrence),
    by where it stands on its page: ``{"header": ..., "footer": ...}`` (lines joined by newlines).
    Bare page numbers are left out; "Werkinstructie X | versie 2 | pagina 3" is kept.

    >>> t = "Handboek | versie 2\nDe melding.\npagina 1\n\fHandboek | versie 2\nHet gesprek.\npagina 2\n"
    >>> running_texts(t, [0, 42], _furniture_spans(t, [0, 42]))
    {'header': 'Handboek | versie 2'}
    """
    out: dict[str, list[str]] = {"header": [], "footer": []}
    seen = set()
    bounds = list(page_starts) + [len(text)]
    for s, e in spans:
        line = " ".join(text[s:e].split())
        key = _DIGITS.sub("#", line.lower())
        if _PAGE_ONLY.match(line) or key in seen:
            continue
        seen.add(key)
        k = bisect.bisect_right(page_starts, s) - 1
        out["header" if s - bounds[k] < bounds[k + 1] - e else "footer"].append(line)
    return {k: "\n".join(v) for k, v in out.items() if v}


def _running_lines(text: str, page_starts: list[int], edge: int) -> list[tuple[int, int]]:
    """The lines at the top or bottom of a page (``edge`` each) that stand on most pages: the same
    line, or the same but for a number that changes from page to page ("Werkboek 2024 | blad 7",
    "Handboek — 12"), or a short page word ("Pagina") on two pages or more."""
    n_pages = len(page_starts)
    bounds = list(page_starts) + [len(text)]
    per_page = [_edge_candidates(text, bounds[k], bounds[k + 1], edge) for k in range(n_pages)]
    counts: dict[str, int] = {}
    numbered: dict[str, int] = {}  # edge lines that are no sentence, counted with every number masked
    for lines in per_page:
        for m in {m for m, _, _ in lines}:
            counts[m] = counts.get(m, 0) + 1
        for m in {_DIGITS.sub("#", m) for m, _, _ in lines if not m.endswith(".")}:
            numbered[m] = numbered.get(m, 0) + 1
    need = max(2, (n_pages + 1) // 2)
    spans = []
    for lines in per_page:
        for m, ls, le in lines:
            c = counts[m]
            counted = numbered.get(_DIGITS.sub("#", m), 0) if "#" not in m and not m.endswith(".") else 0
            if c >= need or (c >= 2 and _PAGE_WORDS.match(m) and len(m) < 12) or (counted >= need and c < counted):
                spans.append((ls, le))
    return spans


def _edge_candidates(text: str, a: int, b: int, edge: int) -> list[tuple[str, int, int]]:
    """(masked text, start, end) of the first and last ``edge`` non-blank lines of the page
    ``text[a:b]`` that can be furniture (short, not a heading of the structure)."""
    lines = []
    seen = set()
    for ls, le in _edge_lines(text, a, b, edge, from_end=False) + _edge_lines(text, a, b, edge, from_end=True):
        if (ls, le) in seen:
            continue
        seen.add((ls, le))
        m = _mask(text[ls:le])
        if not m or len(m) > 120 or _STRUCTURAL.match(m):
            continue
        lines.append((m, ls, le))
    return lines


def _page_of_lines(text: str) -> list[tuple[int, int]]:
    """Page furniture left in text without page breaks (OCR text files): "Gemeente X — pagina 3
    van 12", repeated at least three times in the same form."""
    cand: dict[str, list[tuple[int, int]]] = {}
    for m in _PAGE_OF.finditer(text):
        if m.start() == 0 or text[m.start() - 1] not in "pP":
            continue
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        le = len(text) if le == -1 else le
        if le - ls > 120:
            continue
        cand.setdefault(_mask(text[ls:le]), []).append((ls, le))
    return [span for where in cand.values() if len(where) >= 3 for span in where]


def _edge_lines(text: str, a: int, b: int, edge: int, from_end: bool) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not from_end:
        pos = a
        while pos < b and len(out) < edge:
            nl = text.find("\n", pos, b)
            le = b if nl == -1 else nl
            if text[pos:le].strip(" \t\f\r\x0c"):
                out.append((pos + _lead(text, pos, le), le))
            if nl == -1:
                break
            pos = nl + 1
    else:
        pos = b
        while pos > a and len(out) < edge:
            nl = text.rfind("\n", a, pos - 1) if pos - 1 > a else -1
            ls = a if nl == -1 else nl + 1
            le = pos - 1 if pos - 1 >= ls and text[pos - 1] == "\n" else pos
            if text[ls:le].strip(" \t\f\r\x0c"):
                out.append((ls + _lead(text, ls, le), le))
            if nl == -1:
                break
            pos = nl + 1
    return out


def _lead(text: str, a: int, b: int) -> int:
    """Offset of the first character after leading form feeds (a page break prefix)."""
    k = a
    while k < b and text[k] in "\f":
        k += 1
    return k - a


# --------------------------------------------------------------------------- the passes

# a hyphen at a line end, maybe across a (removed) page footer and a form feed
_HYPHEN = re.compile(r"-[ \t]*\n[ \t]*(?:\n?[ \t]*\f[ \t\n]*)?(?=\w)")
_WORD_BEFORE = re.compile(r"\w+$")
_WORD_AFTER = re.compile(r"\w+")
_KEEP_AFTER = {"en", "of", "tot", "noch", "als"}


def _hyphen(m: re.Match) -> tuple[int, int, str] | None:
    text = m.string
    s = m.start()
    wb = _WORD_BEFORE.search(text, max(0, s - 80), s)
    if wb is None:
        return None
    before = wb.group(0)
    after = _WORD_AFTER.match(text, m.end()).group(0)
    if before.isdigit() or after[0].isdigit() or "_" in before:
        return None
    if after.lower() in _KEEP_AFTER:
        return None  # "boven-\nen onderwereld"
    if not before.islower() or any(c.isdigit() for c in before) or after[0].isupper():
        return (s + 1, m.end(), "")  # a real hyphen: AWBZ-zorg, Wlz-indicatie
    return (s, m.end(), "")  # maatwerk-\nvoorziening


_SAME_LENGTH = str.maketrans({"\t": " ", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " "})
_BREAKS = str.maketrans({"\f": "\n", "\x0b": "\n", "\r": "\n"})
_DROP = re.compile(r"[\r\u00ad\x00\ufeff\u200b]")


def _drop(m: re.Match) -> str | None:
    if m.group(0) == "\r" and m.string[m.end():m.end() + 1] != "\n":
        return None  # a lone CR is a line break (made \n later)
    return ""
_LIGATURE = re.compile(r"[\ufb00-\ufb04]")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
_OCR_WORDS = {"huip": "hulp", "resuitaat": "resultaat", "resuitaten": "resultaten"}
_OCR_WORD = re.compile(r"ui(?:p|taat|taten)\b")  # the shared tail of the words above: a fast scan
_E_ACUTE = re.compile(r"é(?=[a-zà-ÿ])")
_ONE = re.compile(r"1(?=[a-z])")
_LOWER = set("abcdefghijklmnopqrstuvwxyzàáâäèéêëìíîïòóôöùúûü")


def _e_acute(m: re.Match) -> str | None:
    """cliént -> cliënt, financiéle -> financiële, geévalueerd -> geëvalueerd (OCR reads ë as é)."""
    s = m.start()
    t = m.string
    if s >= 2 and t[s - 1] in "ie" and t[s - 2] in _LOWER:
        return "ë"
    return None


def _one(m: re.Match) -> str | None:
    """hu1p -> hulp: a 1 between lower-case letters, with at least two letters on one side."""
    s = m.start()
    t = m.string
    if s >= 1 and t[s - 1] in _LOWER and t[s - 1].isalpha():
        before2 = s >= 2 and t[s - 2].isalpha() and t[s - 2].islower()
        after2 = s + 2 < len(t) and t[s + 2].isalpha() and t[s + 2].islower()
        if before2 or after2:
            return "l"
    return None


def _ocr_word(m: re.Match) -> tuple[int, int, str] | None:
    t = m.string
    for word, fixed in _OCR_WORDS.items():
        s = m.end() - len(word)
        if s >= 0 and t[s:m.end()] == word:  # also at the end of a compound: Jeugdhuip
            return (s, m.end(), fixed)
    return None


def _merge_edits(*lists: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out = sorted((e for lst in lists for e in lst), key=lambda e: (e[0], e[1]))
    return out


def _edits(text: str, pattern: re.Pattern, repl) -> list[tuple[int, int, str]]:
    out = []
    for m in pattern.finditer(text):
        r = repl(m)
        if isinstance(r, tuple):
            out.append(r)
        elif r is not None:
            out.append((m.start(), m.end(), r))
    return out


_SPACE = re.compile(r"[ \n][ \n]+")


def _space(m: re.Match) -> list[tuple[int, int, str]]:
    """Fold a run of spaces/newlines by deleting characters, so what stays maps to itself:
    spaces -> one space, one newline -> that newline, more -> the first and last newline."""
    return _space_cuts(m.string, *m.span())


def _space_edits(text: str) -> list[tuple[int, int, str]]:
    """The edits of ``_sub(text, _SPACE, _space)``, found without trying ``_SPACE`` at every space.

    ``_SPACE`` starts a match at every single space between words (~700 per page, each a failed
    match); nearly all its real matches are plain blank lines (``\n\n`` between other
    characters), which ``_space`` leaves alone. A run ``_space`` changes holds two spaces, a space
    next to a newline or three newlines, or touches an end of the text: ``str.find`` looks for
    those (0.05 -> 0.005 ms per text file; same edits: tests/ingest/test_normalize.py).
    """
    n = len(text)
    runs: dict[int, int] = {}
    find = text.find
    for needle in ("  ", " \n", "\n ", "\n\n\n"):
        i = find(needle)
        while i != -1:
            s = i
            while s and text[s - 1] in " \n":
                s -= 1
            e = i + len(needle)
            while e < n and text[e] in " \n":
                e += 1
            runs[s] = e
            i = find(needle, e)
    if n >= 2 and text[0] in " \n" and text[1] in " \n":
        e = 2
        while e < n and text[e] in " \n":
            e += 1
        runs[0] = e
    if n >= 2 and text[-1] in " \n" and text[-2] in " \n":
        s = n - 2
        while s and text[s - 1] in " \n":
            s -= 1
        runs[s] = n
    edits: list[tuple[int, int, str]] = []
    for s in sorted(runs):
        edits.extend(_space_cuts(text, s, runs[s]))
    return edits


def _space_cuts(text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """``_space`` for the run ``text[s:e]``."""
    if s == 0 or e == len(text):
        return [(s, e, "")]
    g = text[s:e]
    first = g.find("\n")
    if first == -1:
        return [(s + 1, e, "")]
    last = g.rfind("\n")
    if first == last:
        cuts = [(s, s + first), (s + first + 1, e)]
    else:
        cuts = [(s, s + first), (s + first + 1, s + last), (s + last + 1, e)]
    return [(a, b, "") for a, b in cuts if b > a]


# --------------------------------------------------------------------------- public


def normalize(raw: str, page_starts: list[int] | None = None, *, furniture: bool = True,
              ocr: bool = True, running: dict[str, str] | None = None) -> tuple[str, SourceMap, list[Page]]:
    """Clean ``raw`` and return ``(text, source_map, pages)``.

    ``page_starts`` are the offsets in ``raw`` where pages begin (default: form feeds split pages).
    ``running``: filled with what the dropped running headers and footers said (``running_texts``).

    >>> raw = "De maatwerk-\nvoorziening  voor de cliént."
    >>> text, smap, pages = normalize(raw)
    >>> text
    'De maatwerkvoorziening voor de cliënt.'
    >>> raw[smap.to_original(text.index("voorziening"))]
    'v'
    """
    if page_starts is None:
        page_starts = [0] + [m.end() for m in _FF.finditer(raw) if m.end() < len(raw)] if "\f" in raw else [0]
    page_starts = sorted(set([0] + [p for p in page_starts if 0 <= p <= len(raw)]))
    text = _translate(raw, _SAME_LENGTH)  # same length: no map change
    total = _Map.identity(len(raw))

    def step(result: tuple[str, _Map | None]) -> None:
        nonlocal text, total
        new, mp = result
        if mp is not None:
            total = mp if _is_identity(total) else mp.compose(total)
            text = new

    # 1. drop \r before \n, soft hyphens, NULs, zero-width characters
    if any(c in text for c in "\r\u00ad\x00\ufeff\u200b"):
        step(_sub(text, _DROP, _drop))
    # 2. running headers, footers, page numbers
    if furniture:
        starts = _starts_now(total, page_starts)
        spans = _furniture_spans(text, starts)
        if running is not None and spans:
            running.update(running_texts(text, starts, spans))
        step(_apply(text, [(s, e, "") for s, e in spans]))
    # 3. hyphenated line breaks
    step(_sub(text, _HYPHEN, _hyphen))
    text = _translate(text, _BREAKS)
    # 4. OCR confusions and ligatures
    if ocr:
        edits = _merge_edits(_edits(text, _E_ACUTE, _e_acute), _edits(text, _ONE, _one),
                             _edits(text, _OCR_WORD, _ocr_word),
                             _edits(text, _LIGATURE, lambda m: _LIGATURES[m.group(0)])
                             if any(c in text for c in _LIGATURES) else [])
        step(_apply(text, edits))
    else:
        step(_sub(text, _LIGATURE, lambda m: _LIGATURES[m.group(0)]))
    # 5. whitespace: fold runs, strip line ends, at most one blank line
    step(_apply(text, _space_edits(text)))
    lead = len(text) - len(text.lstrip(" \n"))
    trail = len(text) - len(text.rstrip(" \n"))
    if lead or trail:
        step(_apply(text, [e for e in ((0, lead, ""), (len(text) - trail, len(text), "")) if e[1] > e[0]]))
    smap = _to_source_map(total, raw, page_starts)
    pages = _pages(total, page_starts, len(text))
    return text, smap, pages


def _translate(text: str, table: dict[int, str]) -> str:
    """``str.translate`` for a few characters; ``str.replace`` is much faster on big texts."""
    for k, v in table.items():
        c = chr(k)
        if c in text:
            text = text.replace(c, v)
    return text


def _is_identity(mp: _Map) -> bool:
    return len(mp.ns) == 1 and mp.vb[0] and mp.os[0] == 0 and mp.new_len == mp.old_len


def _starts_now(mp: _Map, page_starts: list[int]) -> list[int]:
    if _is_identity(mp) or page_starts == [0]:  # [0] maps to [0]
        return page_starts
    sm = SourceMap(mp.ns, mp.os, list(mp.ol), [0], page_starts, mp.old_len)
    return sorted(set(to_normalized(sm, p) for p in page_starts))


_FF = re.compile("\f")
_NL = re.compile("\n")


def _to_source_map(mp: _Map, raw: str, page_starts: list[int]) -> SourceMap:
    ol = [mp.ol[i] if mp.vb[i] else max(mp.ol[i] - 1, 0) for i in range(len(mp.ns))]
    line_starts = [0] + [m.end() for m in _NL.finditer(raw)]
    return SourceMap(list(mp.ns), list(mp.os), ol, line_starts, list(page_starts), len(raw))


def to_normalized(smap: SourceMap, orig: int) -> int:
    """The normalised offset of original offset ``orig`` (the first one at or after it)."""
    i = bisect.bisect_right(smap.orig_starts, orig) - 1
    if i < 0:
        return 0
    n = smap.norm_starts[i]
    nxt = smap.norm_starts[i + 1] if i + 1 < len(smap.norm_starts) else None
    d = orig - smap.orig_starts[i]
    if nxt is not None:
        # inside a verbatim segment the mapping is 1:1; beyond it (a deletion) go to the next segment
        if d <= nxt - n and d <= smap.orig_lens[i]:
            return n + d
        return nxt
    return n + min(d, smap.orig_lens[i])


def _pages(mp: _Map, page_starts: list[int], text_len: int) -> list[Page]:
    if len(page_starts) == 1:  # one page (most text files): no map to build
        return [Page(1, 0, text_len)]
    smap = SourceMap(mp.ns, mp.os, [mp.ol[i] for i in range(len(mp.ns))], [0], page_starts, mp.old_len)
    starts = [0] + [min(to_normalized(smap, p), text_len) for p in page_starts[1:]]
    for i in range(1, len(starts)):
        starts[i] = max(starts[i], starts[i - 1])
    pages = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else text_len
        pages.append(Page(k + 1, s, e))
    return pages


def original_to_normalized(smap: SourceMap, orig: int) -> int:
    """Alias of :func:`to_normalized` (kept for readability at call sites)."""
    return to_normalized(smap, orig)


__all__ = ["normalize", "to_normalized"]
