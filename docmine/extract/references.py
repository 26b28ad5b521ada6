"""References inside a clause: to articles of the same document, to national laws (with their
BWB id and article) and to guidelines with a year.

    "artikel 12, tweede lid, onder a"        -> Reference(kind="artikel", artikel="12", lid=2, onderdeel="a")
    "artikel 2.3.2 van de Wmo 2015"          -> Reference(kind="wet", law="Wmo 2015", bwb="BWBR0035362", artikel="2.3.2")
    "Richtlijn HH 2013"                      -> Reference(kind="richtlijn", year=2013)
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date

from ..model import Reference
from ._rx import ascii_lower, literal_first, lower_for_words, matches_at
from .laws import LAW_RE, LAWS, find_laws, lookup

ORDINALS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
    "achtste": 8, "negende": 9, "tiende": 10, "elfde": 11, "twaalfde": 12, "dertiende": 13,
    "veertiende": 14, "vijftiende": 15,
}
_ORD = "|".join(ORDINALS)
_NUM = r"\d+(?:[.:]\d+)*[a-z]?"
_LID = rf"(?:,?\s*(?:(?P<lidw>{_ORD})\s+lid|lid\s+(?P<lidn>\d+)))"
_OND = r"(?:,?\s*(?:aanhef\s+en\s+)?(?:onder|sub|onderdeel)\s+(?P<ond>[a-z]{1,2}\b|\d+°))"
_LAWTAIL = r"(?:,?\s*(?:van\s+(?:de|het)\s+|van\s+|uit\s+de\s+)?(?P<law>" + LAW_RE.pattern[len(r"(?<![\w-])"):] + r"))"
_DOC = r"(?:,?\s*van\s+de\s+(?P<doc>(?:Verordening|Besluit|Beleidsregels?|Nadere\s+regels|Regeling)\b[^;,.\n()]{0,100}?(?:19|20)\d\d))"
_WET = r"(?:,?\s*van\s+(?:de|die)\s+(?P<wet>wet)\b)"
_STOPW = r"(?!(?:en|of|van|artikel|artikelen|lid|de|het|die|dat|in|is|wordt|bedoeld|als|ook|tot|met|voor|bij)\b)"
_OTHERLAW = (r"(?:,?\s*van\s+de\s+(?P<olaw>[A-Z][a-z]{3,}wet|Wet(?:\s+(?:op\s+de\s+|op\s+het\s+)?" + _STOPW
             + r"[a-z][a-z-]+){1,5}))\b")
_SELF = r"(?:,?\s*van\s+(?:deze|dit)\s+(?:verordening|besluit|regeling|beleidsregels?|nadere\s+regels))"
ARTICLE_RE = re.compile(
    rf"(?=[Aa]rt)\b(?P<kw>[Aa]rtikel|[Aa]rt\.)\s*(?P<art>{_NUM})(?![\d]){_LID}?{_OND}?(?:{_SELF}|{_DOC}|{_WET}|{_LAWTAIL}|{_OTHERLAW})?"
)
ARTICLES_RE = re.compile(rf"(?=[Aa]rtikelen)\b[Aa]rtikelen\s+(?P<list>{_NUM}(?:\s*(?:,|en|tot\s+en\s+met|t/m)\s*{_NUM})+){_LID}?(?:{_SELF}|{_DOC}|{_WET}|{_LAWTAIL}|{_OTHERLAW})?")
# the lookahead (first letters of every alternative) lets the engine skip most positions quickly
LID_RE = re.compile(rf"(?=[hiletvdznaHILETVDZNA])\b(?:het\s+|in\s+)?(?:(?P<lidw>{_ORD}|vorige|voorgaande)\s+lid|lid\s+(?P<lidn>\d+)){_OND}?", re.IGNORECASE)
_GUIDE_TAIL = (r"(?:\s+(?!(?:19|20)\d\d\b)[A-Z0-9&][\w&.'-]*|\s+(?:van\s+(?:het|de)\s+)?[A-Z][\w&.'-]*|\s+(?:huishoudelijke|begeleiding|hulp|bij|het|huishouden|verblijf|dagbesteding|jeugdhulp|jeugd|\w*zorg)){0,4}")
_GUIDE_YEAR = r")\s*(?:\(|,)?\s*(?P<year>(?:19|20)\d\d)\b\)?"
# the plain form (tried at every position: 0.1 ms per text file that names a guideline word) ...
GUIDELINE_PLAIN = re.compile(
    r"(?=[CIiRrPpNnBb])\b(?P<name>(?:(?:CIZ[- ])?[Ii]ndicatiewijzer|[Rr]ichtlijn(?:en)?|[Pp]rotocol|[Nn]ormenkader|[Bb]eleidsregels\s+indicatiestelling)"
    + _GUIDE_TAIL + _GUIDE_YEAR
)
# ... and the same matches with a literal first letter (extract/_rx.py), which re skips to
GUIDELINE_RE = re.compile(
    r"(?P<name>" + literal_first([("C", r"IZ[- ][Ii]ndicatiewijzer", False), ("I", "ndicatiewijzer", False), ("i", "ndicatiewijzer", False),
                                  ("R", "ichtlijn(?:en)?", False), ("r", "ichtlijn(?:en)?", False), ("P", "rotocol", False),
                                  ("p", "rotocol", False), ("N", "ormenkader", False), ("n", "ormenkader", False),
                                  ("B", r"eleidsregels\s+indicatiestelling", False), ("b", r"eleidsregels\s+indicatiestelling", False)], r"\w")
    + _GUIDE_TAIL + _GUIDE_YEAR
)

# where each guideline name starts: the word at its start, "CIZ-indicatiewijzer" 4 characters in
_GUIDE_NEEDLES = [("indicatiewijzer", 0), ("indicatiewijzer", 4), ("richtlijn", 0), ("protocol", 0), ("normenkader", 0),
                  ("beleidsregels", 0)]


def _law_for(text: str, doc_date: date | None):
    law = lookup(text)
    return _wmo_2007(law, text, doc_date) if law is not None else None


def _wmo_2007(law, text: str, doc_date: date | None):
    """A bare "Wmo" in a document dated before 2015 is the Wmo 2007."""
    if law.name == "Wmo 2015" and "2015" not in text and doc_date and doc_date < date(2015, 1, 1):
        return LAWS["Wmo 2007"]
    return law


class _Taken:
    """Spans taken by references so far. They are disjoint (a span is taken only when free), so
    their starts and ends are both sorted and the overlap test bisects (it looked at every span:
    quadratic in the references of a document)."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, s: int, e: int) -> bool:
        """No taken span (a, b) with a < e and b > s."""
        j = bisect_right(self.ends, s)
        return j == len(self.ends) or self.starts[j] >= e

    def take(self, s: int, e: int) -> None:
        j = bisect_left(self.starts, s)
        self.starts.insert(j, s)
        self.ends.insert(j, e)


def find_references(text: str, offset: int = 0, *, artikel: str | None = None, lid: int | None = None,
                    doc_date: date | None = None, wet: str | None = None, laws: list | None = None) -> list[Reference]:
    """All references in ``text``; spans are ``offset`` + position. ``artikel``/``lid`` are where
    the text stands, to resolve "lid 3" and "het vorige lid"; ``wet`` the law that "de wet" means
    (from the document's definitions); ``laws`` is ``find_laws(text)`` when already known. A
    reference to another local regulation ("artikel 10 van
    de Verordening ... 2020") has kind ``document`` and that title in ``law``.

    >>> [(r.kind, r.artikel, r.lid, r.onderdeel) for r in find_references("als bedoeld in artikel 12, tweede lid, onder a")]
    [('artikel', '12', 2, 'a')]
    """
    refs: list[Reference] = []
    spans = _Taken()
    free, take = spans.free, spans.take
    low = ascii_lower(text)  # shared with classify (same positions for the ASCII words looked for below)
    if low is None:
        low = text.lower()
    has_art = "art" in low

    for m in _near(ARTICLE_RE, text, low, "art", 0) if has_art else ():
        lidv = m.group("lidw") or m.group("lidn")
        lidi = ORDINALS.get(lidv, None) if lidv and not lidv.isdigit() else (int(lidv) if lidv else None)
        art = m.group("art").replace(":", ".") if ":" not in m.group("art") else m.group("art")
        kind, law, bwb = _tail(m, doc_date, wet)
        refs.append(Reference(kind=kind, text=m.group(0).strip(), start=offset + m.start(),
                              end=offset + m.end(), artikel=art, lid=lidi, onderdeel=m.group("ond"), law=law, bwb=bwb))
        take(m.start(), m.end())
    for m in _near(ARTICLES_RE, text, low, "artikelen", 0) if "artikelen" in low else ():
        if not free(m.start(), m.end()):
            continue
        kind, law, bwb = _tail(m, doc_date, wet)
        for n in re.finditer(_NUM, m.group("list")):
            refs.append(Reference(kind=kind, text=n.group(0), start=offset + m.start("list") + n.start(),
                                  end=offset + m.start("list") + n.end(), artikel=n.group(0), law=law, bwb=bwb))
        take(m.start(), m.end())
    for m in _near(LID_RE, text, low, "lid", 40) if "lid" in low else ():
        if not free(m.start(), m.end()):
            continue
        w = (m.group("lidw") or "").lower()
        if w in ("vorige", "voorgaande"):
            lidi = lid - 1 if lid and lid > 1 else None
        elif w:
            lidi = ORDINALS[w]
        else:
            lidi = int(m.group("lidn"))
        if lidi is None and artikel is None:
            continue
        refs.append(Reference(kind="artikel", text=m.group(0).strip(), start=offset + m.start(), end=offset + m.end(),
                              artikel=artikel, lid=lidi, onderdeel=m.group("ond")))
        take(m.start(), m.end())
    # tried where a guideline word is (its first letters are common ones: i, r, n, p, b)
    guides = () if not any(k in low for k in ("richtlijn", "wijzer", "protocol", "normenkader", "beleidsregels")) else \
        GUIDELINE_RE.finditer(text) if lower_for_words(text) is None else matches_at(GUIDELINE_RE, text, low, _GUIDE_NEEDLES)
    for m in guides:
        if not free(m.start(), m.end()):
            continue
        refs.append(Reference(kind="richtlijn", text=m.group(0).strip(" ()"), start=offset + m.start(),
                              end=offset + m.end(), year=int(m.group("year"))))
        take(m.start(), m.end())
    # find_laws keeps the LAW_RE matches that lookup() knows, as _law_for does
    for law, s, e in find_laws(text) if laws is None else laws:
        if not free(s, e):
            continue
        law = _wmo_2007(law, text[s:e], doc_date)
        refs.append(Reference(kind="wet", text=text[s:e], start=offset + s, end=offset + e,
                              law=law.name, bwb=law.bwb))
    refs.sort(key=lambda r: r.start)
    # "artikel 1.1 van die wet": the law of the reference before it
    for a, b in zip(refs, refs[1:]):
        if b.kind == "artikel" and a.kind == "wet" and a.law and re.search(r"\bvan\s+die\s+wet$", b.text):
            b.kind, b.law, b.bwb = "wet", a.law, a.bwb
    # "artikel 10, tweede lid, en artikel 11, tweede lid, van de Verordening ...": the tail counts for both
    for a, b in reversed(list(zip(refs, refs[1:]))):
        if a.kind == "artikel" and a.artikel and b.kind in ("wet", "document") and b.artikel and \
                re.fullmatch(r"\s*,?\s*(?:en|of|alsmede)\s*", text[a.end - offset:b.start - offset]):
            a.kind, a.law, a.bwb = b.kind, b.law, b.bwb
    return refs


_LOOK = 16  # > the farthest ARTICLE(S)_RE looks past a position (_STOPW: "artikelen" and a word boundary: 10)


def _near(rx: re.Pattern, text: str, low: str, needle: str, back: int):
    """Same matches as ``rx.finditer(text)`` for a pattern whose every match holds ``needle``
    (lower-case) at most ``back`` characters after its start, but only the stretches around
    the needle are searched."""
    if len(low) != len(text):  # lower() changed the length (rare letters): no offsets to share
        yield from rx.finditer(text)
        return
    pos = 0
    i = low.find(needle)
    while i != -1:
        if back == 0:  # a match at i or none: search would try every position of the window
            # The full match first: when it ends _LOOK characters before the window's end, every
            # step of it (and every lookahead: the longest, _STOPW's, reads 10 characters) stays
            # inside the window, so the windowed match exists too and the full one is what was
            # kept; else both as before (one re.match per reference less: most are headings)
            m = None
            if i >= pos:
                lim = i + len(needle) + 60
                u = rx.match(text, i)
                if u is not None and u.end() + _LOOK <= lim:
                    m = u
                elif (w := rx.match(text, i, lim)) is not None:
                    m = u or w  # the full extent, not cut at the window's end
            if m is not None:
                yield m
                pos = m.end()
                i = low.find(needle, max(pos, i + 1))
            else:
                i = low.find(needle, i + 1)
            continue
        m = rx.search(text, max(pos, i - back), i + len(needle) + 60)
        if m is not None and m.start() <= i:
            m = rx.match(text, m.start()) or m  # the full extent, not cut at the window's end
            yield m
            pos = m.end()
            i = low.find(needle, max(pos, i + 1))
        else:
            i = low.find(needle, i + 1)


def _tail(m: re.Match, doc_date: date | None, wet: str | None) -> tuple[str, str | None, str | None]:
    if m.group("doc"):
        return "document", " ".join(m.group("doc").split()), None
    if m.group("olaw"):  # a national law outside the table ("artikel 147 van de Gemeentewet"): no BWB id
        return "wet", " ".join(m.group("olaw").split()), None
    name = m.group("law") or (wet if m.group("wet") else None)
    law = _law_for(name, doc_date) if name else None
    if law is None:
        return "artikel", None, None
    return "wet", law.name, law.bwb
