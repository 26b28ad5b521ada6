"""Verordening / besluit: considerans, Hoofdstuk, Paragraaf, Artikel, leden, onderdelen,
definities, Bijlagen (with their own structure), slotbepalingen and ondertekening.

Works on the text layout every reader produces (one heading per line, ``1.`` for leden, ``a.``
or ``1°`` for onderdelen), so a PDF, a DOCX and a CVDR file of one regulation give one tree.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from ..model import Clause, Document
from ._rx import ascii_lower
from .dates import find_dates, parse_date

_SEP = r"\s*(?:[.:\-–—]\s*)?"
HOOFDSTUK_RE = re.compile(r"^\s*(?:Hoofdstuk|HOOFDSTUK)\s+(?P<nr>\d+[a-z]?|[IVXLC]+)\b\.?" + _SEP + r"(?P<title>.*)$")
PARAGRAAF_RE = re.compile(r"^\s*(?:§|Paragraaf|paragraaf|PARAGRAAF)\s*(?P<nr>\d+(?:\.\d+)*[a-z]?|[A-Z])\b\.?" + _SEP + r"(?P<title>.*)$")
# "Artikel", also with one letter mistyped ("Artilel 21b" in a published text)
ARTIKEL_RE = re.compile(r"^\s*(?:Artikel|ARTIKEL|Art\.|Art[a-z1]{3}[l1](?<!Artikel))\s+(?P<nr>\d+(?:[.:]\d+)*(?:[a-z]{1,3})?)\b\.?" + _SEP + r"(?P<title>.*)$")
BIJLAGE_RE = re.compile(r"^\s*(?:Bijlage|BIJLAGE)(?:\s+(?P<nr>\d+[a-z]?|[IVXLC]+)\b)?\.?" + _SEP + r"(?P<title>.*)$")
TOELICHTING_RE = re.compile(r"^\s*(?:(?:Algemene|ALGEMENE|Artikelsgewijze|Artikelgewijze|ARTIKELSGEWIJZE)\s+)?(?:Toelichting|TOELICHTING)\b(?P<title>.{0,80})$")
LID_RE = re.compile(r"^\s*(?P<nr>\d{1,2})[.)]\s+\S")
ONDERDEEL_RE = re.compile(r"^\s*(?:(?P<letter>[a-z]{1,2})[.)]|(?P<deg>\d{1,2}\s?°))\s*\S")
TOC_RE = re.compile(r"\.{4,}|…{2,}|(?:\t|\s{3,})\d{1,3}\s*$")
NUMBERED_HEADING_RE = re.compile(r"^\s*(?P<nr>\d+(?:\.\d+)*)\.?\s+(?P<title>[A-Z][^.;:]{1,70})$")
ONDERTEKENING_RE = re.compile(r"^\s*(?:(?:Aldus|Zo)\s+(?:vastgesteld|besloten)|Vastgesteld\s+(?:in|door|bij|op)\b|Ondertekening\b|Ondertekend\b)", re.I)
DEFINITION_RE = re.compile(r"^\s*(?:(?:[a-z]{1,2}|\d{1,2})[.)]|\d{1,2}\s?°|[-–—•·*])?\s*[‘'\"“]?(?P<term>[^:\n‘'\"“”’]{1,80}?)[’'\"”]?\s*:\s*(?P<def>\S.*)$")
CONSIDERANS_CUES = re.compile(r"\b(?:gelet\s+op|overwegende|gezien\s+het\s+voorstel|b\s*e\s*s\s*l\s*u\s*i\s*t|de\s+raad\s+van|het\s+college\s+van)\b", re.I)
CITEERTITEL_RE = re.compile(r"(?:(?:aangehaald|geciteerd)[ \t]+als|citeertitel)[ \t]*:?[ \t]*[‘'\"“]?(?P<t>[^’'\"”\n]{3,150}?)[’'\"”]?\s*(?:\.|$)", re.I | re.M)
INWERKING_RE = re.compile(r"(?:in\s+werking|werkt\s+terug)[^.;]{0,120}", re.I)

LEVEL = {"bijlage": 0, "hoofdstuk": 1, "paragraaf": 2, "artikel": 3, "lid": 4, "onderdeel": 5}
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(s: str) -> int | None:
    if not s or any(ch not in ROMAN for ch in s):
        return None
    total = 0
    for i, ch in enumerate(s):
        v = ROMAN[ch]
        total += -v if i + 1 < len(s) and ROMAN[s[i + 1]] > v else v
    return total


def _is_heading_title(title: str) -> bool:
    t = title.strip()
    if not t:
        return True
    if len(t) > 150 or t[0].islower() or t[0] in ",;":
        return False
    if t.endswith((".", ";", ",")) and len(t.split()) > 12:
        return False
    return True


class _Open:
    """A clause still open on the stack (a plain slotted class: one is made per clause)."""

    __slots__ = ("clause", "level", "key", "last_child", "kind")

    def __init__(self, clause: Clause, level: int, key: str, kind: str) -> None:
        self.clause, self.level, self.key, self.kind = clause, level, key, kind  # key: id suffix
        self.last_child: object = None  # last lid number / onderdeel letter seen under it


def _lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, text) of each line of ``text[start:end]`` (none after a final newline)."""
    end = len(text) if end is None else end
    if start >= end:
        return []
    # one split, then the offsets (was a generator with a find per line: 2x slower)
    pieces = (text if start == 0 and end == len(text) else text[start:end]).split("\n")
    if not pieces[-1]:
        pieces.pop()
    out = []
    pos = start
    for piece in pieces:
        stop = pos + len(piece)
        out.append((pos, stop, piece))
        pos = stop + 1
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _next_letter(prev: str | None) -> str:
    if prev is None:
        return "a"
    if prev == "z":
        return "aa"
    if len(prev) == 2:
        return prev[0] + chr(ord(prev[1]) + 1) if prev[1] < "z" else prev
    return chr(ord(prev) + 1)


def extract_verordening(doc: Document, title: str | None = None) -> tuple[list[Clause], date | None]:
    """Build the clause tree of a verordening or besluit; returns (clauses, document date).

    >>> d = Document(path="v.txt", format="txt", text="Artikel 1 Begrippen\\n1. Eerste lid.\\n2. Tweede lid.")
    >>> [c.id for c in extract_verordening(d)[0]]
    ['v.txt#art1', 'v.txt#art1.lid1', 'v.txt#art1.lid2']
    """
    tree = _Tree(doc)
    tree.read()
    out = list(tree.clauses)
    _add_considerans(doc, out, tree.first_struct, title, tree.base)
    _add_definitions(doc, out, tree.base, tree.ids)
    _add_slotbepalingen(doc, out, tree.base)
    doc_date = parse_date(tree.ondertekening.text) if tree.ondertekening is not None else None
    for c in out:
        if c.kind == "ondertekening":
            found = find_dates(c.text)
            c.attrs["datum"] = found[0][0].isoformat() if found else None
    # sorted by (start, -length), ties in list order: the keys built in one comprehension
    # instead of a lambda call per clause
    order = sorted([(c.start, c.start - c.end, k) for k, c in enumerate(out)])
    return [out[k] for _, _, k in order], doc_date


class _Tree:
    """The clause tree of one document, built line by line: a stack of the clauses still open
    (bijlage, hoofdstuk, paragraaf, artikel, lid, onderdeel), each closed when a heading of its
    level or above opens."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.base = doc.path + "#"
        self.clauses: list[Clause] = []
        self.ids: set[str] = set()
        self.stack: list[_Open] = []
        self.prefix = ""  # "bijlage4." inside a bijlage
        self.in_toelichting = False
        self.seen_article = False
        self.first_struct: int | None = None  # where the first heading stands (the considerans ends there)
        self.ondertekening: Clause | None = None
        self.lines = _lines(self.text)
        self.i = 0  # the next line
        # dot leaders anywhere? (else the TOC test looks only at a number at a line's end)
        self.leaders = "...." in self.text or "……" in self.text

    def read(self) -> None:
        lines = self.lines
        while self.i < len(lines):
            ls, _, line = lines[self.i]
            self.i += 1
            s = line.strip()
            if s:
                self._line(ls, line, s)
        self.close_to(0, len(self.text))

    def _line(self, ls: int, line: str, s: str) -> None:
        # The heading patterns start with ^\s* and a fixed word: each is tried only on lines whose
        # first character can start its word (s[0]: strip() drops what \s* skips), the TOC test
        # only on lines with dot leaders or a number at the end.
        first = s[0]
        if (s[-1].isdecimal() or (self.leaders and ("...." in line or "……" in line))) and self._toc_entry(line, first):
            return
        if (first in "AT" and self._toelichting(ls, line, s)) or (first == "B" and self._bijlage(ls, line)):
            return
        if self.in_toelichting:
            return
        if (first in "AaZzVvOo" and self._ondertekening(ls, line)) or (first in "HA§Pp" and self._division(ls, line, first)):
            return
        art = self.enclosing("artikel")
        if art is not None:
            self._part_of_article(art, ls, line, first)
        elif self.prefix:
            self._annex_paragraph(ls, line, s)

    def _part_of_article(self, art: _Open, ls: int, line: str, first: str) -> None:
        """A lid or an onderdeel (a lid starts with a digit, an onderdeel with a digit or a-z)."""
        if first.isdigit() and self._lid(art, ls, line):
            return
        if "a" <= first <= "z" or first.isdigit():
            self._onderdeel(art, ls, line)

    @staticmethod
    def _toc_entry(line: str, first: str) -> bool:
        """A line of a table of contents naming a heading."""
        return bool(TOC_RE.search(line) and ((first == "A" and ARTIKEL_RE.match(line)) or (first == "H" and HOOFDSTUK_RE.match(line))
                                             or (first == "B" and BIJLAGE_RE.match(line))
                                             or NUMBERED_HEADING_RE.match(line.split("\t")[0])))

    def _toelichting(self, ls: int, line: str, s: str) -> bool:
        """The explanation after the articles: a bijlage of its own; nothing in it is a clause."""
        m = TOELICHTING_RE.match(line)
        if not (m and self.seen_article and not self.in_toelichting and len(s) < 90):
            return False
        self.close_to(0, ls)
        self.in_toelichting = True
        self.prefix = "toelichting."
        self.open_clause("bijlage", 0, "toelichting", ls, title=s, attrs={"toelichting": True})
        return True

    def _bijlage(self, ls: int, line: str) -> bool:
        m = BIJLAGE_RE.match(line)
        if not (m and _is_heading_title(m.group("title")) and (m.group("nr") or not m.group("title") or m.group("title")[:1].isupper())
                and not (self.stack and self.stack[-1].level >= 3 and m.group("title").endswith("."))):
            return False
        nr = m.group("nr")
        if nr and roman_to_int(nr):
            key_nr = nr
        else:
            key_nr = nr or str(sum(1 for c in self.clauses if c.kind == "bijlage" and not c.attrs.get("toelichting")) + 1)
        self.close_to(0, ls)
        self.in_toelichting = False
        self.prefix = f"bijlage{key_nr}."
        self.open_clause("bijlage", 0, f"bijlage{key_nr}", ls, number=nr, title=m.group("title").strip(" .:-") or None)
        self.seen_article = True
        return True

    def _ondertekening(self, ls: int, line: str) -> bool:
        if not (ONDERTEKENING_RE.match(line) and (self.seen_article or self.first_struct is not None)
                and not self.prefix and self.ondertekening is None):
            return False
        self.close_to(0, ls)
        self.ondertekening = self.open_clause("ondertekening", 0, "ondertekening", ls)
        return True

    def _division(self, ls: int, line: str, first: str) -> bool:
        """A hoofdstuk, paragraaf or artikel heading (its title on the line or on the next one)."""
        if first == "H":
            kind, level, m = "hoofdstuk", 1, HOOFDSTUK_RE.match(line)
        elif first in "§Pp":
            kind, level, m = "paragraaf", 2, PARAGRAAF_RE.match(line)
        elif first == "A":
            kind, level, m = "artikel", 3, ARTIKEL_RE.match(line)
        else:
            return False
        if not (m and _is_heading_title(m.group("title"))):
            return False
        self.first_struct = ls if self.first_struct is None else self.first_struct
        nr = m.group("nr")
        if kind == "hoofdstuk":
            key = f"{self.prefix}h{nr}"
        elif kind == "paragraaf":
            h = self.enclosing("hoofdstuk")
            key = f"{self.prefix}{f'h{h.clause.number}.' if h else ''}par{nr}"
        else:
            self.seen_article = True
            nr = nr.replace(":", ".")
            key = f"{self.prefix}art{nr}"
        title_txt = m.group("title").strip(" .:-")
        if not title_txt:
            title_txt, self.i = _title_below(self.lines, self.i)
        self.open_clause(kind, level, key, ls, number=nr, title=title_txt)
        return True

    def _lid(self, art: _Open, ls: int, line: str) -> bool:
        """A lid "2." of the article, when it is the next number."""
        m = LID_RE.match(line)
        if not m:
            return False
        n = int(m.group("nr"))
        prev = art.last_child
        if not ((prev is None and n == 1) or (isinstance(prev, int) and n == prev + 1)):
            return False
        art.last_child = n
        self.open_clause("lid", 4, f"{art.key}.lid{n}", ls, number=str(n))
        return True

    def _onderdeel(self, art: _Open, ls: int, line: str) -> bool:
        """An onderdeel "b." of the lid or article (the next letter, or the one after it when a
        struck onderdeel left a gap), or "2°" (under an onderdeel a.: one level deeper)."""
        m = ONDERDEEL_RE.match(line)
        if not m:
            return False
        if m.group("deg"):
            nr = m.group("deg").replace(" ", "")
            parent, level = self._degree_parent(art)
            self.open_clause("onderdeel", level, f"{parent.key}.{nr}", ls, number=nr)
            return True
        letter = m.group("letter")
        parent = self.enclosing("lid") or art
        prev_letter = parent.last_child if isinstance(parent.last_child, str) else None
        if letter == _next_letter(prev_letter) or (prev_letter is not None and letter == _next_letter(_next_letter(prev_letter))):
            parent.last_child = letter
            self.open_clause("onderdeel", 5, f"{parent.key}.{letter}", ls, number=letter)
            return True
        return False

    def _degree_parent(self, art: _Open) -> tuple[_Open, int]:
        """Where a "1°" goes: under the open onderdeel a. (level 6), under the onderdeel a. above
        an open "1°" (level 6), else it is an onderdeel of the lid or article (level 5)."""
        holder = self.stack[-1].clause
        if holder.kind == "onderdeel" and holder.number and not holder.number.endswith("°"):
            return self.stack[-1], 6
        if holder.kind == "onderdeel" and len(self.stack) >= 2 and self.stack[-2].clause.kind == "onderdeel":
            return self.stack[-2], 6
        return self.enclosing("lid") or art, 5

    def _annex_paragraph(self, ls: int, line: str, s: str) -> None:
        """A numbered heading in a bijlage without articles ("2.1 Aanvraag")."""
        m = NUMBERED_HEADING_RE.match(line)
        if m and len(s) < 80:
            self.open_clause("paragraaf", 2, f"{self.prefix}par{m.group('nr')}", ls, number=m.group("nr"), title=m.group("title").strip())

    def enclosing(self, kind: str) -> _Open | None:
        for o in reversed(self.stack):
            if o.kind == kind:
                return o
        return None

    def close_to(self, level: int, at: int) -> None:
        """Close the open clauses of ``level`` and deeper at ``at`` (trailing whitespace off)."""
        stack, text = self.stack, self.text
        while stack and stack[-1].level >= level:
            c = stack.pop().clause
            c.text = text[c.start:at].rstrip() if at > c.start else ""
            c.end = c.start + len(c.text)

    def _new_id(self, key: str) -> str:
        cid = self.base + key
        n = 2
        while cid in self.ids:
            cid = f"{self.base}{key}~{n}"
            n += 1
        self.ids.add(cid)
        return cid

    def open_clause(self, kind: str, level: int, key: str, start: int, number=None, title=None, attrs=None) -> Clause:
        self.close_to(level, start)
        stack = self.stack
        c = Clause(id=self._new_id(key), kind=kind, text="", start=start, end=start, number=number, title=title or None,
                   parent=stack[-1].clause.id if stack else None, attrs=attrs or {})
        self.clauses.append(c)
        stack.append(_Open(c, level, key, kind))
        return c


def _title_below(lines, i: int) -> tuple[str | None, int]:
    """A heading whose title stands on the next line ("Artikel 3" / "Aanvraag")."""
    j = i
    while j < len(lines) and not lines[j][2].strip():
        j += 1
    if j - i > 1 or j >= len(lines):
        return None, i
    cand = lines[j][2].strip()
    if (len(cand) <= 80 and cand[:1].isupper() and not cand.endswith((".", ";", ":", ","))
            and not ARTIKEL_RE.match(cand) and not LID_RE.match(cand) and not HOOFDSTUK_RE.match(cand)):
        return cand, j + 1
    return None, i


def _add_considerans(doc: Document, out: list[Clause], first_struct: int | None, title: str | None, base: str) -> None:
    text = doc.text
    end = first_struct if first_struct is not None else min(len(text), 3000)
    region = text[:end]
    m = CONSIDERANS_CUES.search(region)
    if not m:
        return
    start = 0
    if title:
        t = region.find(title.split("\n")[0][:60])
        if 0 <= t < m.start():
            nl = region.find("\n", t)
            start = nl + 1 if nl != -1 else t
    # start at the line of "De raad ..." / "Het college ..." if it comes before the cue
    line_start = region.rfind("\n", 0, m.start()) + 1
    par_start = region.rfind("\n\n", start, line_start)
    start = max(start, par_start + 2 if par_start != -1 else start)
    s, e = _trim(text, min(start, line_start), end)
    if e <= s:
        return
    out.append(Clause(id=base + "considerans", kind="considerans", text=text[s:e], start=s, end=e))


def _positions(low: str, word: str) -> list[int]:
    """Where ``word`` starts in ``low``, every occurrence, in order."""
    out = []
    i = low.find(word)
    while i != -1:
        out.append(i)
        i = low.find(word, i + 1)
    return out


def _within(starts: list[int], size: int, begin: int, end: int) -> bool:
    """``low.find(word, begin, end) != -1`` for ``starts = _positions(low, word)``, ``size = len(word)``."""
    j = bisect_left(starts, begin)
    return j < len(starts) and starts[j] + size <= end


_DEF_TITLE = re.compile(r"(?i)begrip|definitie")


def _add_definitions(doc: Document, out: list[Clause], base: str, ids: set[str]) -> None:
    """A definitie clause for each "term: meaning" item of an article on definitions (titled
    "Begrippen" / "Definities", or saying "wordt verstaan onder" near its start)."""
    text = doc.text
    is_definitions = _DefinitionArticles(text)
    for art in [c for c in out if c.kind == "artikel"]:
        if not is_definitions(art):
            continue
        starts = _definition_starts(text, art)
        lids = [c for c in out if c.parent and c.kind == "lid" and c.id.startswith(art.id)] if starts else []
        for k, (ls, term) in enumerate(starts):
            stop = starts[k + 1][0] if k + 1 < len(starts) else art.end
            # do not run into the next lid that is not a definition
            stop = next((c.start for c in lids if ls < c.start < stop), stop)
            out.append(_definition(text, art, term, ls, stop, base, ids))


class _DefinitionArticles:
    """Whether an article defines terms: its title says so, or "wordt/worden verstaan onder"
    stands in its first 400 characters (the phrases found once in the whole text, then bisected
    per article)."""

    def __init__(self, text: str) -> None:
        self.low = ascii_lower(text)
        self.wordt = _positions(self.low, "wordt verstaan onder") if self.low is not None else []
        self.worden = _positions(self.low, "worden verstaan onder") if self.low is not None else []

    def __call__(self, art: Clause) -> bool:
        if art.title and _DEF_TITLE.search(art.title):
            return True
        if self.low is None:
            head = art.text[:400].lower()
            return "wordt verstaan onder" in head or "worden verstaan onder" in head
        head_end = min(art.start + 400, art.end)
        return _within(self.wordt, 20, art.start, head_end) or _within(self.worden, 21, art.start, head_end)


def _definition_starts(text: str, art: Clause) -> list[tuple[int, str]]:
    """(line start, term) of each line of the article (not its heading) that defines a term."""
    starts = []
    for ls, _, line in _lines(text, art.start, art.end)[1:]:
        m = DEFINITION_RE.match(line)
        if not m:
            continue
        term = " ".join(m.group("term").split()).strip(" ‘'\"“”’").lower()
        if not term or len(term.split()) > 8 or not term[0].isalpha() or re.search(r"(?i)verstaan onder|^in deze|\bartikel\b", term):
            continue
        starts.append((ls, term))
    return starts


def _definition(text: str, art: Clause, term: str, start: int, stop: int, base: str, ids: set[str]) -> Clause:
    s, e = _trim(text, start, stop)
    scope = art.id.split("#", 1)[1]
    scope = scope[:scope.index("art")] if "art" in scope else ""  # "bijlage4." for a bijlage
    slug = re.sub(r"[^\w°-]+", "-", term).strip("-")
    cid = f"{base}{scope}def.{slug}"
    while cid in ids:
        cid += "~2"
    ids.add(cid)
    return Clause(id=cid, kind="definitie", text=text[s:e], start=s, end=e, parent=art.id, title=term,
                  attrs={"term": term, "definition": DEFINITION_RE.match(text[s:e].split("\n")[0]).group("def").strip()})


def _add_slotbepalingen(doc: Document, out: list[Clause], base: str) -> None:
    with_articles = {c.parent for c in out if c.kind == "artikel"}
    doc_low = ascii_lower(doc.text)  # the document lowered once (was each article's text)

    # each word's places in the whole text once, bisected per article (were up to five str.find
    # per article: ~5% of extract_verordening)
    occ = {w: _positions(doc_low, w) for w in ("aangehaald", "geciteerd", "citeertitel", "inwerkingtreding", "in werking")} \
        if doc_low is not None else {}

    def has(c: Clause, low: str | None, word: str) -> bool:
        if low is doc_low:
            starts = occ[word]
            return bool(starts) and _within(starts, len(word), c.start, c.end)
        return word in low

    for art in [c for c in out if (c.kind == "artikel" or (c.kind == "hoofdstuk" and c.id not in with_articles))
                and "#bijlage" not in c.id and "#toelichting" not in c.id]:
        title = (art.title or "").lower()
        low = doc_low if doc_low is not None else art.text.lower()
        cite = CITEERTITEL_RE.search(art.text) if (has(art, low, "aangehaald") or has(art, low, "geciteerd")
                                                   or has(art, low, "citeertitel")) else None
        inw = INWERKING_RE.search(art.text) if ("inwerkingtreding" in title or "in werking" in title or has(art, low, "inwerkingtreding")
                                                or has(art, low, "in werking")) else None
        if not (cite or (inw and re.search(r"(?i)inwerkingtreding|slot|citeertitel|werking", title))):
            continue
        attrs: dict = {}
        if cite and "citeertitel" not in cite.group("t").lower():
            attrs["citeertitel"] = cite.group("t").strip(" ‘'\"“”’.")
        if inw:
            d = parse_date(inw.group(0))
            attrs["inwerkingtreding"] = d.isoformat() if d else None
            attrs["inwerkingtreding_text"] = " ".join(inw.group(0).split())
        out.append(Clause(id=art.id + ".slot", kind="slotbepaling", text=art.text, start=art.start, end=art.end,
                          number=art.number, title=art.title, parent=art.id, attrs=attrs))
