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

# the first characters (after spaces) of every heading the loop looks for: Artikel, Bijlage,
# Hoofdstuk, Paragraaf/§, Toelichting/Algemene, ondertekening (Aldus/Zo/Vastgesteld/Ondertekend)
_HEADING_FIRSTS = "ABHOPTVZaopvz§"
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
    text = doc.text
    base = doc.path + "#"
    clauses: list[Clause] = []
    ids: set[str] = set()
    stack: list[_Open] = []
    prefix = ""  # "bijlage4." inside a bijlage
    in_toelichting = False
    seen_article = False
    first_struct = None
    ondertekening: Clause | None = None
    lines = _lines(text)
    # dot leaders anywhere? (else the TOC test looks only at a number at a line's end: two
    # substring tests per line less)
    leaders = "...." in text or "……" in text

    def close_to(level: int, at: int) -> None:
        while stack and stack[-1].level >= level:
            c = stack.pop().clause
            # trailing whitespace off by rstrip (what _trim's loop on isspace did, one slice less)
            c.text = text[c.start:at].rstrip() if at > c.start else ""
            c.end = c.start + len(c.text)

    def new_id(key: str) -> str:
        cid = base + key
        n = 2
        while cid in ids:
            cid = f"{base}{key}~{n}"
            n += 1
        ids.add(cid)
        return cid

    def open_clause(kind: str, level: int, key: str, start: int, number=None, title=None, attrs=None) -> Clause:
        # close_to and new_id inlined, the Clause from positional arguments (one of each per
        # clause: ~1.5 us less a clause)
        while stack and stack[-1].level >= level:
            c = stack.pop().clause
            c.text = text[c.start:start].rstrip() if start > c.start else ""
            c.end = c.start + len(c.text)
        cid = base + key
        if cid in ids:
            cid = new_id(key)
        else:
            ids.add(cid)
        # Clause(id, kind, text, start, end, number, title, page, parent, law, attrs)
        c = Clause(cid, kind, "", start, start, number, title or None, None, stack[-1].clause.id if stack else None,
                   None, attrs or {})
        clauses.append(c)
        stack.append(_Open(c, level, key, kind))
        return c

    def scope_key() -> str:
        """Id prefix for an artikel/paragraaf: bijlage prefix plus chapter for paragrafen."""
        return prefix

    def enclosing(kind: str) -> _Open | None:
        for o in reversed(stack):
            if o.kind == kind:
                return o
        return None

    i = 0
    while i < len(lines):
        ls, le, line = lines[i]
        s = line.strip()
        i += 1
        if not s:
            continue
        # The heading patterns start with ^\s* and a fixed word: tried only on lines whose first
        # character can start that word (s[0]: strip() drops what \s* skips); the TOC test only
        # on lines with dot leaders or a number at the end. extract_verordening -30%.
        first = s[0]
        if ((s[-1].isdecimal() or (leaders and ("...." in line or "……" in line))) and TOC_RE.search(line)
                and ((first == "A" and ARTIKEL_RE.match(line)) or (first == "H" and HOOFDSTUK_RE.match(line))
                     or (first == "B" and BIJLAGE_RE.match(line)) or NUMBERED_HEADING_RE.match(line.split("\t")[0]))):
            continue
        # A line whose first character starts none of the heading words (a lid "1.", an
        # onderdeel "b.") skips the heading tests (~0.3 us a line)
        if first not in _HEADING_FIRSTS:
            if in_toelichting:
                continue
        else:
            m = TOELICHTING_RE.match(line) if first in "AT" else None
            if m and seen_article and not in_toelichting and len(s) < 90:
                close_to(0, ls)
                in_toelichting = True
                prefix = "toelichting."
                open_clause("bijlage", 0, "toelichting", ls, title=s, attrs={"toelichting": True})
                continue
            m = BIJLAGE_RE.match(line) if first == "B" else None
            if m and _is_heading_title(m.group("title")) and (m.group("nr") or not m.group("title") or m.group("title")[:1].isupper()) \
                    and not (stack and stack[-1].level >= 3 and m.group("title").endswith(".")):
                nr = m.group("nr")
                if nr and roman_to_int(nr):
                    key_nr = nr
                else:
                    key_nr = nr or str(sum(1 for c in clauses if c.kind == "bijlage" and not c.attrs.get("toelichting")) + 1)
                close_to(0, ls)
                in_toelichting = False
                prefix = f"bijlage{key_nr}."
                open_clause("bijlage", 0, f"bijlage{key_nr}", ls, number=nr, title=m.group("title").strip(" .:-") or None)
                seen_article = True
                continue
            if in_toelichting:
                continue
            if first in "AaZzVvOo" and ONDERTEKENING_RE.match(line) and (seen_article or first_struct is not None) and not prefix and ondertekening is None:
                close_to(0, ls)
                ondertekening = open_clause("ondertekening", 0, "ondertekening", ls)
                continue
            m = HOOFDSTUK_RE.match(line) if first == "H" else None
            if m and _is_heading_title(m.group("title")):
                first_struct = ls if first_struct is None else first_struct
                title_txt = m.group("title").strip(" .:-")
                if not title_txt:
                    title_txt, i = _title_below(lines, i)
                open_clause("hoofdstuk", 1, f"{prefix}h{m.group('nr')}", ls, number=m.group("nr"), title=title_txt)
                continue
            m = PARAGRAAF_RE.match(line) if first in "§Pp" else None
            if m and _is_heading_title(m.group("title")):
                first_struct = ls if first_struct is None else first_struct
                h = enclosing("hoofdstuk")
                hk = f"h{h.clause.number}." if h else ""
                title_txt = m.group("title").strip(" .:-")
                if not title_txt:
                    title_txt, i = _title_below(lines, i)
                open_clause("paragraaf", 2, f"{prefix}{hk}par{m.group('nr')}", ls, number=m.group("nr"), title=title_txt)
                continue
            m = ARTIKEL_RE.match(line) if first == "A" else None
            if m and _is_heading_title(m.group("title")):
                first_struct = ls if first_struct is None else first_struct
                seen_article = True
                nr = m.group("nr").replace(":", ".")
                title_txt = m.group("title").strip(" .:-")
                if not title_txt:
                    title_txt, i = _title_below(lines, i)
                open_clause("artikel", 3, f"{prefix}art{nr}", ls, number=nr, title=title_txt)
                continue
        art = None
        for o in reversed(stack):  # enclosing("artikel"), inlined
            if o.kind == "artikel":
                art = o
                break
        if art is not None:
            # LID_RE needs a digit, ONDERDEEL_RE a digit or a-z where the line starts (s[0])
            m = LID_RE.match(line) if first.isdigit() else None
            if m:
                n = int(m.group("nr"))
                prev = art.last_child
                if (prev is None and n == 1) or (isinstance(prev, int) and n == prev + 1):
                    art.last_child = n
                    open_clause("lid", 4, f"{art.key}.lid{n}", ls, number=str(n))
                    continue
            m = ONDERDEEL_RE.match(line) if ("a" <= first <= "z" or first.isdigit()) else None
            if m:
                holder = stack[-1]
                if m.group("deg"):
                    nr = m.group("deg").replace(" ", "")
                    # 1° under an onderdeel a. nests one deeper; else it is the onderdeel itself
                    if holder.clause.kind == "onderdeel" and holder.clause.number and not holder.clause.number.endswith("°"):
                        level = 6
                    elif holder.clause.kind == "onderdeel" and len(stack) >= 2 and stack[-2].clause.kind == "onderdeel":
                        level, holder = 6, stack[-2]
                    else:
                        level = 5
                        holder = enclosing("lid") or art
                    if level == 5 and holder is not stack[-1] and stack[-1].clause.kind == "onderdeel":
                        pass
                    parent = holder if level == 6 else (enclosing("lid") or art)
                    open_clause("onderdeel", level, f"{parent.key}.{nr}", ls, number=nr)
                    continue
                letter = m.group("letter")
                parent = enclosing("lid") or art
                prev_letter = parent.last_child if isinstance(parent.last_child, str) else None
                # the next letter, or the one after it when a letter was left out ("c." then "e.":
                # texts where an onderdeel was struck keep the others' letters)
                if letter == _next_letter(prev_letter) or (prev_letter is not None and letter == _next_letter(_next_letter(prev_letter))):
                    parent.last_child = letter
                    open_clause("onderdeel", 5, f"{parent.key}.{letter}", ls, number=letter)
                    continue
        elif prefix and not in_toelichting:
            m = NUMBERED_HEADING_RE.match(line)
            if m and len(s) < 80:
                open_clause("paragraaf", 2, f"{prefix}par{m.group('nr')}", ls, number=m.group("nr"), title=m.group("title").strip())
                continue
    close_to(0, len(text))

    out = list(clauses)
    _add_considerans(doc, out, first_struct, title, base)
    _add_definitions(doc, out, base, ids)
    _add_slotbepalingen(doc, out, base)
    doc_date = None
    if ondertekening is not None:
        doc_date = parse_date(ondertekening.text)
    for c in out:
        if c.kind == "ondertekening":
            found = find_dates(c.text)
            c.attrs["datum"] = found[0][0].isoformat() if found else None
    # sorted by (start, -length), ties in list order: the keys built in one comprehension
    # instead of a lambda call per clause
    order = sorted([(c.start, c.start - c.end, k) for k, c in enumerate(out)])
    out = [out[k] for _, _, k in order]
    return out, doc_date


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
    text = doc.text
    low = ascii_lower(text)  # the document lowered once (was each article's head, twice)
    # the definition phrases found once in the whole text, then bisected per article (were two
    # str.find per article)
    wordt = _positions(low, "wordt verstaan onder") if low is not None else None
    worden = _positions(low, "worden verstaan onder") if low is not None else None
    for art in [c for c in out if c.kind == "artikel"]:
        if art.title and _DEF_TITLE.search(art.title):
            is_def = True
        elif low is not None:
            head_end = min(art.start + 400, art.end)
            is_def = (wordt and _within(wordt, 20, art.start, head_end)) or (worden and _within(worden, 21, art.start, head_end))
        else:
            is_def = "wordt verstaan onder" in art.text[:400].lower() or "worden verstaan onder" in art.text[:400].lower()
        if not is_def:
            continue
        items = [(ls, le, line) for ls, le, line in _lines(text, art.start, art.end)][1:]
        starts = []
        for ls, le, line in items:
            m = DEFINITION_RE.match(line)
            if not m:
                continue
            term = " ".join(m.group("term").split()).strip(" ‘'\"“”’").lower()
            if not term or len(term.split()) > 8 or not term[0].isalpha() or re.search(r"(?i)verstaan onder|^in deze|\bartikel\b", term):
                continue
            starts.append((ls, term))
        lids = [c for c in out if c.parent and c.kind == "lid" and c.id.startswith(art.id)] if starts else []
        for k, (ls, term) in enumerate(starts):
            stop = starts[k + 1][0] if k + 1 < len(starts) else art.end
            # do not run into the next lid that is not a definition (the article's lids are
            # picked once: this looked through all clauses for every definition)
            for c in lids:
                if c.start > ls and c.start < stop:
                    stop = c.start
                    break
            s, e = _trim(text, ls, stop)
            scope = art.id.split("#", 1)[1]
            scope = scope[:scope.index("art")] if "art" in scope else ""  # "bijlage4." for a bijlage
            slug = re.sub(r"[^\w°-]+", "-", term).strip("-")
            cid = f"{base}{scope}def.{slug}"
            while cid in ids:
                cid += "~2"
            ids.add(cid)
            out.append(Clause(id=cid, kind="definitie", text=text[s:e], start=s, end=e, parent=art.id,
                              title=term, attrs={"term": term, "definition": DEFINITION_RE.match(text[s:e].split("\n")[0]).group("def").strip()}))


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
