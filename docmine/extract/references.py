"""References inside a clause: to articles of the same document, to national laws (with their
BWB id and article) and to guidelines with a year.

    "artikel 12, tweede lid, onder a"        -> Reference(kind="artikel", artikel="12", lid=2, onderdeel="a")
    "artikel 2.3.2 van de Wmo 2015"          -> Reference(kind="wet", law="Wmo 2015", bwb="BWBR0035362", artikel="2.3.2")
    "Richtlijn HH 2013"                      -> Reference(kind="richtlijn", year=2013)
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from datetime import date

from ..model import Reference
from ..vocabulary import current, words
from ._rx import ascii_lower, fewest_needles, matches_at
from .laws import find_laws, law_names, lookup

ORDINALS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
    "achtste": 8, "negende": 9, "tiende": 10, "elfde": 11, "twaalfde": 12, "dertiende": 13,
    "veertiende": 14, "vijftiende": 15, "zestiende": 16, "zeventiende": 17, "achttiende": 18,
    "negentiende": 19, "twintigste": 20,
}
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
# "12", "2.3.2", "8:1", "4a", "29ta", "90quinquies" (also written "90, quinquies")
_NUM = (r"\d+(?:[.:]\d+)*(?:(?!en\b|of\b)[a-z]{1,3}\b)?"
        r"(?:,?\s?(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)\b)?")
# how the items of a list or range are joined: "3, 5 en 7", "tweede tot en met achtste", "a t/m e"
_SEP = (r"\s*(?:,\s*(?:(?:en|of|onderscheidenlijk|respectievelijk|dan\s+wel)\s+)?"
        r"|(?:\s|(?<=\d))(?:en|of|tot\s+en\s+met|t/m|onderscheidenlijk|respectievelijk|dan\s+wel)(?:\s|(?=\d)))\s*")
_ORDS = rf"(?:{_ORD})(?:{_SEP}(?:{_ORD}))*"
_LID = (rf"(?:,?\s*(?:het\s+|de\s+)?(?P<lidw>{_ORDS}\s+(?:lid|leden)(?:{_SEP}(?:het\s+)?{_ORDS}\s+(?:lid|leden))*)\b"
        rf"|,?\s*(?:lid|leden)\s+(?P<lidn>\d+(?:{_SEP}\d+)*)\b)")
# an onderdeel: "a", "aa" (a doubled letter, not a word such as "de"), "2°"
_LETTER = r"(?:[a-z](?![a-z])|(?=(?:aa|bb|cc|dd|ee|ff|gg|hh|ii|jj|kk|ll|mm|nn|oo|pp|qq|rr|ss|tt|uu|vv|ww|xx|yy|zz)\b)[a-z]{2})"
_ONDITEM = rf"(?:{_LETTER}|\d+\s?°)"
_OND = (rf"(?:,?\s*(?:aanhef\s+en\s+)?(?:onder|sub|onderdeel|onderdelen|subonderdeel|subonderdelen)\s+"
        rf"(?P<ond>{_ONDITEM}(?:{_SEP}{_ONDITEM})*)(?:,?\s*(?:onder|sub|subonderdeel|subonderdelen)\s+\d+\s?°?)?"
        rf"(?:,?\s*juncto\s+(?:onderdeel|onder|sub|lid)?\s*[\w°]+)?)")
# "eerste volzin", "laatste zin": a sentence of a lid, after it
_VOLZIN = rf"(?:,?\s*(?:(?:{_ORD}|laatste)(?:{_SEP}(?:{_ORD}|laatste))*)\s+(?:volzin|volzinnen|zin|zinnen)\b)"
# "artikel 12, tweede lid, onder a", "de artikelen 3, 5 en 7", "artikel 2.3.2, tweede tot en met
# achtste lid": the article(s), their leden and onderdelen. What follows (which law or regulation
# the article is of) is read by _target.
# a list may give leden of its items: "de artikelen 2.1.3, derde lid, en 2.5.1"
# and onderdelen: "de artikelen 30, eerste lid, onderdeel a, en 34"
_INNER = (rf"(?:,\s*(?:het\s+)?{_ORDS}\s+(?:lid|leden))?"
          rf"(?:,\s*(?:onder|onderdeel|onderdelen|sub)\s+{_ONDITEM}(?:{_SEP}{_ONDITEM})*)?")
_ITEM = rf"{_NUM}(?!\d|[.:]\d|\s?°)"
_ITEMS = rf"{_ITEM}(?:{_INNER}{_SEP}(?:artikel\s+)?{_ITEM})*(?:\s+en\s+volgende\b)?"
_RANGE = re.compile(r"\s(?:tot\s+en\s+met|t/m)\s")
_NUM_RX = re.compile(_NUM)
_NUM_COMMA = re.compile(rf"\b({_NUM}),")
_ORD_RX = re.compile(_ORD)
_DIGITS = re.compile(r"\d+")
_ONDERDEEL_ITEM = re.compile(r"\d+\s?°|\b[a-z]{1,2}\b")
_SPACE_IN_NUMBER = re.compile(r",?\s+")  # "90, quinquies"
_ARTICLES_BEFORE = re.compile(r"(?:(?:de|het)\s+){1,2}")
_INNER_RX = re.compile(rf",\s*(?:het\s+)?{_ORDS}\s+(?:lid|leden)|,\s*(?:onder|onderdeel|onderdelen|sub)\s+{_ONDITEM}(?:{_SEP}{_ONDITEM})*")
ARTICLE_RE = re.compile(
    rf"(?=[Aa]rt)\b(?P<kw>[Aa]rtikel(?:en)?|[Aa]rt\.)\s*(?P<art>{_ITEMS})(?:\.(?=,|\s))?{_LID}?{_VOLZIN}?{_OND}?{_VOLZIN}?"
)
# "het tweede lid", "lid 3", "het eerste en tweede lid" of the article the text stands in (or of
# the article named right after it: "het tweede lid van artikel 5")
LID_RE = re.compile(rf"(?=[hiletvdznaHILETVDZNA])\b(?:het\s+|in\s+|de\s+)?(?:(?P<lidw>{_ORDS}|vorige|voorgaande)\s+(?:lid|leden)"
                    rf"|lid\s+(?P<lidn>\d+)){_OND}?", re.IGNORECASE)
_OF_ARTICLE = re.compile(rf",?\s+van\s+(?:het\s+)?(?:artikel\s+(?P<art>{_NUM})\b|(?P<that>dat|datzelfde|het\s+vorige)\s+artikel\b)")
# what may stand between an article and a lid of it in an enumeration ("artikel 41a, vierde lid,
# eerste volzin, zesde lid"; "de artikelen 38, zesde lid, 38c, vijfde lid")
_ENUM_GAP = re.compile(rf"(?:[\s,]|\b(?:en|of|tot|met|t/m|lid|leden|volzin|volzinnen|zin|laatste|aanhef|onder|onderdeel|"
                       rf"onderdelen|sub|onderscheidenlijk|{_ORD})\b|\b{_NUM}\b|\b[a-z]\b|°)*"
                       rf"(?:,\s*|\s(?:en|of)\s+|\bmet\s+uitzondering\s+van\s+|\bbehoudens\s+)", re.I)
_SHARED_TAIL = re.compile(r"\s*,?\s*(?:(?:en|of|alsmede)\s*"
                          r"|(?:en|of|dan\s+wel|onderscheidenlijk)\b[^.;:()]{0,80}?\b(?:bedoeld|genoemd)\s+(?:in|bij)\s*"
                          r"|onderscheidenlijk\b(?:[^.;:()]{0,80}?\b(?:in|bij|van))?\s*)?")
# "in 4.1.1, tweede lid": a lid right after an article number without the word artikel
_BARE_NUMBER = re.compile(r"\b(?:in|bij)\s+(\d+(?:\.\d+)+[a-z]?|\d+[a-z]{1,2}),\s*$")
# a lid right after a number of an enumeration whose law is not known here ("de artikelen 14h, vijfde
# lid, van de Toeslagenwet, 27h, vijfde lid, van de Werkloosheidswet"): not a lid of this article
_AFTER_NUMBER = re.compile(r"\b\d+[a-z]{0,3}(?:[.:]\d+)*,\s*$")
# a regulation named right after an article without "van" ("Artikel 10 Besluit zorgaanspraken",
# "artikel 3.1.5 onder c Blz"); its name up to a comma, colon or the end of the line
_REG_NAME = re.compile(r"(?:[A-Z][\w-]*(?:wet|besluit|regeling|wetboek)|Wet|Besluit|Regeling|Beleidsregels?|Wetboek|"
                       r"Uitvoeringsbesluit|Uitvoeringsregeling)\b[^,;:\n()]{0,80}")
# the words after an article that say whose article it is
_MORE_LEDEN = re.compile(rf"(?:,?\s*(?:en|of|dan\s+wel|onderscheidenlijk|respectievelijk)\s+(?:het\s+)?{_ORDS}\s+lid{_OND}?)+")
_VAN = re.compile(r"[ \t]*,?\s*(?:van|uit|der)\s+")
_LONGER_NAME = re.compile(r"[ \t]+(?!Boek\b)[A-Z][a-z]+\b(?:[ \t]+(?:19|20)\d\d\b)?")
_GAP = re.compile(r"[ \t]*,?[ \t]*")
_SELF = re.compile(r"(?:deze|dit|de\s+onderhavige|het\s+onderhavige)\s+\w+|(?:de\s+|het\s+)?bijlage\b", re.I)
_SAME = re.compile(r"(?:die|dat|diezelfde|datzelfde)\s+(?P<what>\w+)")
_PART = re.compile(r"(?:Boek|boek|[Tt]itel|[Aa]fdeling|[Hh]oofdstuk|[Pp]aragraaf|§)\s*[\w.:]+\s*,?\s*")
# "van de wet", "van het besluit", "van de uitvoeringsregeling": a regulation the definitions name
_REG_NOUN = re.compile(r"(?:de|het)\s+(?P<noun>[a-z]*(?:wet|wetboek|besluit|regeling|verordening|regels|"
                       r"beleidsregels?|richtlijn|verdrag|reglement|statuten))\b")
# "van de Vreemdelingenwet 2000", "van het Wetboek van Strafrecht", "van Verordening (EG) nr. 883/2004"
_NAMED = re.compile(r"(?:(?:de|het)\s+)?(?P<name>[A-Z][^,;:\n()]{0,80}?(?:\([^()\n]{1,40}\)[^,;:\n()]{0,40}?)?)"
                    r"(?=\s*(?:[,;:()\n]|\.(?:\s|$)|\s(?:is|zijn|wordt|worden|en|of|dan\s+wel|alsmede|bedoeld|genoemd|"
                    r"als|met|voor|in|op|te|door|ten|niet|heeft|hebben|kan|kunnen|geldt|gelden|blijft|blijven|"
                    r"bepaalde|gestelde|vastgestelde|van\s+toepassing|onverminderd)\b|$))")
_LOCAL_DOC = re.compile(r"(?:Verordening|Nadere\s+regels|Beleidsregels?|Besluit|Regeling)\b.*(?:19|20)\d\d$")
# "Richtlijn 2004/38/EG", "Verordening (EG) nr. 883/2004": acts of the EU (vocabulary eu_regelgeving)
_EU_NUMBER = r"\s+(?:\((?:EU|EG|EEG|Euratom)\)\s*(?:nr\.\s*)?)?\d+/\d+(?:/(?:EU|EG|EEG|Euratom))?"


def _eu_acts(voc) -> re.Pattern[str]:
    kinds = words("eu_regelgeving", voc)
    return re.compile(rf"(?:{_words_rx(kinds)}){_EU_NUMBER}" if kinds else r"(?!)")
def _guide_tail(voc) -> str:
    """A word that may stand between a guideline's name and its year ("Richtlijn HH Dijkwaarden
    2012"): one with a capital or digit, or a lower-case word of richtlijn_naamwoorden."""
    lower = "|".join(f"(?:{w})" for w in words("richtlijn_naamwoorden", voc)) or "(?!)"
    return (r"(?:\s+(?!(?:19|20)\d\d\b)[A-Z0-9&][\w&.'-]*|\s+(?:van\s+(?:het|de)\s+)?[A-Z][\w&.'-]*"
            rf"|\s+(?:{lower}))")
# the year of the guideline, not the number of an EU act ("Richtlijn 2004/38/EG")
_GUIDE_YEAR = r"\s*(?:\(|,)?\s*(?P<year>(?:19|20)\d\d)(?![/\d])\b\)?"


def _words_rx(names: list[str]) -> str:
    return "|".join(r"[\s-]+".join(map(re.escape, w.split())) for w in sorted(names, key=len, reverse=True))


def _guidelines(voc) -> re.Pattern[str] | None:
    """The guideline pattern of a vocabulary: a name from ``richtlijnen`` (any case) and a year,
    or a word of ``richtlijn_woorden`` with a name of one to four words and a year."""
    names = [str(n) for g in (voc.get("richtlijnen") or {}).values() if isinstance(g, dict) for n in g.get("namen") or []]
    heads = words("richtlijn_woorden", voc)
    tail = _guide_tail(voc)
    alts = []
    if names:
        alts.append(rf"(?i:{_words_rx(names)}){tail}{{0,4}}?")
    if heads:
        alts.append(rf"(?:{_words_rx(heads + [h.lower() for h in heads])}){tail}{{1,4}}")
    if not alts:
        return None
    return re.compile(r"(?<![\w-])(?P<name>" + "|".join(alts) + ")" + _GUIDE_YEAR)


def _guideline_words(voc) -> list[tuple[str, int]]:
    """The first word (lower-case) of every guideline name and head word: a guideline reference
    starts with one, so the pattern is tried only where one is (``matches_at``)."""
    names = [str(n) for g in (voc.get("richtlijnen") or {}).values() if isinstance(g, dict) for n in g.get("namen") or []]
    return fewest_needles([(w, 0) for w in sorted({n.split()[0].lower() for n in names + words("richtlijn_woorden", voc) if n.split()})])


def _law_for(text: str, doc_date: date | None):
    return lookup(text, doc_date)


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
    f = _Finder(text, offset, doc_date, wet)
    f.articles()
    f.leden(artikel, lid)
    f.guidelines()
    f.eu_acts()
    f.laws(laws)
    f.refs.sort(key=lambda r: r.start)
    _resolve_same_law(f.refs)
    _share_tail_law(f.refs, text, offset)
    return f.refs


class _Finder:
    """The references of one text, found kind by kind; a span taken by one kind is not read again
    by the next (an article's law is not also a law reference)."""

    def __init__(self, text: str, offset: int, doc_date: date | None, wet: str | None) -> None:
        self.text, self.offset, self.doc_date, self.wet = text, offset, doc_date, wet
        low = ascii_lower(text)  # the ASCII words looked for below, at the same offsets
        self.low = low if low is not None else text.lower()
        self.refs: list[Reference] = []
        self.spans = _Taken()
        self.by_start: dict[int, Reference] = {}  # the single-article references by where they start

    def articles(self) -> None:
        """"artikel 12, tweede lid, onder a", "de artikelen 3, 5 en 7" and whose they are."""
        text, offset = self.text, self.offset
        for m in _at_words(ARTICLE_RE, self.low, text, "art") if "art" in self.low else ():
            target = _target(text, m.end(), self.doc_date, self.wet)
            if target is None and (before := _law_before(text, m.start(), self.doc_date)) is not None:
                target = ("wet", before.name, before.bwb, m.end())
            kind, law, bwb, end = target if target is not None else ("artikel", None, None, m.end())
            numbers = _article_numbers(m.group("art"))
            if len(numbers) == 1:
                ref = Reference(kind=kind, text=text[m.start():end].strip(), start=offset + m.start(), end=offset + end,
                                artikel=_art(numbers[0].group(0)), lid=_highest_lid(m), onderdeel=_last_onderdeel(m), law=law, bwb=bwb)
                self.refs.append(ref)
                self.by_start[m.start()] = ref
            else:
                self.refs.extend(_listed_articles(m, numbers, offset, kind, law, bwb))
            self.spans.take(m.start(), end)

    def leden(self, artikel: str | None, lid: int | None) -> None:
        """"het tweede lid", "lid 3", "het vorige lid": of the article named next to it, of an
        enumeration's article, else of the article the text stands in (``artikel``, ``lid``). A
        list of leden can be long ("eerste, tweede, vierde, vijfde, zevende en achtste lid")."""
        text, offset, low = self.text, self.offset, self.low
        free, take = self.spans.free, self.spans.take
        for m in _near(LID_RE, text, low, "lid", 120) if "lid" in low else ():
            if not free(m.start(), m.end()):
                continue
            if self._lid_of_named_article(m) or self._lid_of_enumeration(m):
                take(m.start(), m.end())
                continue
            if _AFTER_NUMBER.search(text, max(0, m.start() - 20), m.start()):
                take(m.start(), m.end())  # of a numbered item of a list whose law is not known here
                continue
            w = (m.group("lidw") or "").lower()
            lidi = (lid - 1 if lid and lid > 1 else None) if w in ("vorige", "voorgaande") else _highest_lid(m)
            if lidi is None and artikel is None:
                continue
            self.refs.append(Reference(kind="artikel", text=m.group(0).strip(), start=offset + m.start(), end=offset + m.end(),
                                       artikel=artikel, lid=lidi, onderdeel=_last_onderdeel(m)))
            take(m.start(), m.end())

    def _lid_of_named_article(self, m: re.Match) -> bool:
        """"het tweede lid van artikel 5": a lid of that article (given to its reference);
        "van dat artikel": of the one named before, not checked here."""
        of = _OF_ARTICLE.match(self.text, m.end())
        if of is None:
            return False
        if of.group("art"):
            ref = self.by_start.get(self.low.find("artikel", of.start(), of.start("art")))
            if ref is not None and ref.lid is None:
                ref.lid, ref.onderdeel = _highest_lid(m), ref.onderdeel or _last_onderdeel(m)
        return True

    def _lid_of_enumeration(self, m: re.Match) -> bool:
        """"artikel 41a, vierde lid, eerste volzin, zesde lid", "in 4.1.1, tweede lid": a lid of
        that article (of the law that article is of)."""
        text, offset = self.text, self.offset
        prev = _enumerated_in(text, m.start(), self.refs, offset)
        bare = _BARE_NUMBER.search(text, max(0, m.start() - 20), m.start()) if prev is None else None
        if prev is None and bare is None:
            return False
        if prev is not None:
            number = _NUM_COMMA.findall(text[prev.end - offset:m.start()])
            art_nr = number[-1] if number else prev.artikel
            kind, law, bwb = prev.kind, prev.law, prev.bwb
        else:
            art_nr, kind, law, bwb = bare.group(1), "artikel", None, None
        insort(self.refs, Reference(kind=kind, text=m.group(0).strip(), start=offset + m.start(), end=offset + m.end(),
                                    artikel=art_nr, lid=_highest_lid(m), onderdeel=_last_onderdeel(m), law=law, bwb=bwb),
               key=lambda r: r.start)
        return True

    def guidelines(self) -> None:
        """Guidelines with a year, by the names in the vocabulary; a law's name (the Beleidsregels
        indicatiestelling Wlz 2015) is a law, not a guideline."""
        text, low = self.text, self.low
        voc = current()
        guide_rx = voc.derived("references.guidelines", _guidelines)
        guides = () if guide_rx is None else guide_rx.finditer(text) if len(low) != len(text) else \
            matches_at(guide_rx, text, low, voc.derived("references.guideline_words", _guideline_words))
        for m in guides:
            if not self.spans.free(m.start(), m.end()) or _law_at(text, m.start(), self.doc_date) is not None:
                continue
            self._add(Reference(kind="richtlijn", text=m.group(0).strip(" ()"), start=self.offset + m.start(),
                                end=self.offset + m.end(), year=int(m.group("year"))), m.start(), m.end())

    def eu_acts(self) -> None:
        """An act of the EU is a law ("Richtlijn 2004/38/EG"), not a guideline."""
        if "/" not in self.text:
            return
        for m in current().derived("references.eu", _eu_acts).finditer(self.text):
            if self.spans.free(m.start(), m.end()):
                self._add(Reference(kind="wet", text=m.group(0), start=self.offset + m.start(), end=self.offset + m.end(),
                                    law=" ".join(m.group(0).split())), m.start(), m.end())

    def laws(self, laws: list | None) -> None:
        """Laws named on their own (``laws``: ``find_laws(text)`` when known)."""
        text = self.text
        for law, s, e in find_laws(text, self.doc_date) if laws is None else laws:
            if not self.spans.free(s, e):
                continue
            law = lookup(text[s:e], self.doc_date) or law  # a name two laws share: the one of the document's day
            self.refs.append(Reference(kind="wet", text=text[s:e], start=self.offset + s, end=self.offset + e,
                                       law=law.name, bwb=law.bwb))

    def _add(self, ref: Reference, s: int, e: int) -> None:
        self.refs.append(ref)
        self.spans.take(s, e)


def _article_numbers(art: str) -> list[re.Match]:
    """The article numbers of an article match's numbers part, its leden and onderdelen of list
    items ("2.1.3, derde lid, en 2.5.1": each starts with a comma) blanked."""
    if "," in art:
        art = _INNER_RX.sub(lambda x: " " * len(x.group(0)), art)
    return list(_NUM_RX.finditer(art))


def _listed_articles(m: re.Match, numbers: list[re.Match], offset: int, kind: str, law, bwb) -> list[Reference]:
    """A list of articles, each checked; a range ("9 tot en met 10a") as one reference "9-10a"."""
    base, art_text = m.start("art"), m.group("art")
    out = []
    k = 0
    while k < len(numbers):
        a = b = numbers[k]
        if k + 1 < len(numbers) and _RANGE.search(art_text, a.end(), numbers[k + 1].start()):
            b = numbers[k + 1]
            k += 1
        k += 1
        number = _art(a.group(0)) if a is b else f"{_art(a.group(0))}-{_art(b.group(0))}"
        out.append(Reference(kind=kind, text=art_text[a.start():b.end()], start=offset + base + a.start(),
                             end=offset + base + b.end(), artikel=number, law=law, bwb=bwb))
    return out


def _resolve_same_law(refs: list[Reference]) -> None:
    """"artikel 1.1 van die wet": the law of the reference before it."""
    last = None
    for r in refs:
        if r.kind == "wet" and r.law == _SAME_LAW:
            r.law, r.bwb = (last.law, last.bwb) if last is not None else (None, None)
        elif r.kind in ("wet", "document") and r.law:
            last = r


def _share_tail_law(refs: list[Reference], text: str, offset: int) -> None:
    """"artikel 10, tweede lid, en artikel 11, tweede lid, van de Verordening ...", "de
    zorgverzekeraar, bedoeld in artikel 1, onderscheidenlijk de rechtspersoon, bedoeld in
    artikel 40 van die wet": the law named at the end counts for both."""
    for a, b in reversed(list(zip(refs, refs[1:]))):
        if a.kind == "artikel" and a.artikel and b.kind in ("wet", "document") and b.artikel and \
                _SHARED_TAIL.fullmatch(text, a.end - offset, b.start - offset):
            a.kind, a.law, a.bwb = b.kind, b.law, b.bwb


def _at_words(rx: re.Pattern, low: str, text: str, needle: str):
    """The matches of ``rx`` (which starts with ``needle``, lower-case) at each place the needle is,
    left to right, none overlapping: ``rx.finditer(text)`` without trying every position."""
    if len(low) != len(text):  # lower() changed the length (rare letters): no offsets to share
        yield from rx.finditer(text)
        return
    i = low.find(needle)
    while i != -1:
        m = rx.match(text, i)
        if m is not None:
            yield m
            i = low.find(needle, max(m.end(), i + 1))
        else:
            i = low.find(needle, i + 1)


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
        m = rx.search(text, max(pos, i - back), i + len(needle) + 60)
        if m is not None and m.start() <= i:
            m = rx.match(text, m.start()) or m  # the full extent, not cut at the window's end
            yield m
            pos = m.end()
            i = low.find(needle, max(pos, i + 1))
        else:
            i = low.find(needle, i + 1)


_SAME_LAW = "\0same"  # "van die wet": the law of the reference before it, resolved afterwards


def _art(number: str) -> str:
    """The article number as headings write it: "90, quinquies" -> "90quinquies"."""
    return _SPACE_IN_NUMBER.sub("", number)


def _highest_lid(m: re.Match) -> int | None:
    """The highest lid a match names ("tweede tot en met achtste lid": 8): when it exists, so do
    the ones before it."""
    words = m.group("lidw")
    if words:
        found = [ORDINALS[w] for w in _ORD_RX.findall(words.lower()) if w in ORDINALS]
        return max(found) if found else None
    nums = m.group("lidn")
    return max(int(x) for x in _DIGITS.findall(nums)) if nums else None


def _last_onderdeel(m: re.Match) -> str | None:
    """The last onderdeel a match names ("onderdelen a tot en met e": e)."""
    ond = m.group("ond")
    if not ond:
        return None
    items = _ONDERDEEL_ITEM.findall(ond)
    items = [i.replace(" ", "") for i in items if i not in ("en", "of", "t", "m")]
    return items[-1] if items else None


def _enumerated_in(text: str, at: int, refs: list[Reference], offset: int) -> Reference | None:
    """The article reference whose enumeration of leden goes on up to ``at``, if any: the last
    reference ending before ``at`` (``refs`` sorted by start), with only list words between."""
    i = bisect_left([r.start for r in refs], offset + at)
    while i > 0:
        i -= 1
        r = refs[i]
        end = r.end - offset
        if end <= at:
            gap = _ENUM_GAP.fullmatch(text, end, at)
            # "artikel 5 en het tweede lid": a lid of the article the text stands in
            if gap is None or (text.startswith("het", at) and "," not in text[end:at]):
                return None
            return r if r.artikel and at - end <= 200 else None
    return None


def _defined_law(wet: str, doc_date: date | None):
    """The law "de wet" means: a law's name, or the definition that names it."""
    law = _law_for(wet, doc_date)
    if law is None:
        found = find_laws(wet, doc_date)
        law = found[0][0] if found else None
    return law


def _law_before(text: str, at: int, doc_date: date | None):
    """A known law written right before an article: "bij of krachtens de Wlz artikel 3.1.1"."""
    before = text[max(0, at - 60):at]
    for m in law_names().finditer(before):
        if not before[m.end():].strip():
            return _law_for(m.group(0), doc_date)
    return None


def _law_at(text: str, p: int, doc_date: date | None):
    """A known law written at ``p`` ("de Vreemdelingenwet 2000", "Awb"), and where its name ends."""
    q = p
    art = _ARTICLES_BEFORE.match(text[p:p + 9])  # "van de het Besluit": a slip of the pen
    if art:
        q += art.end()
    m = law_names().match(text, q)
    if m is None or text[m.end():m.end() + 1] == "-":  # "de Wmo-verordening" is no law
        return None
    if _LONGER_NAME.match(text, m.end()):  # "het Besluit Jeugdwet Veendijk 2019": another one's name
        return None
    law = _law_for(m.group(0), doc_date)
    return (law, m.end()) if law is not None else None


def _target(text: str, pos: int, doc_date: date | None, wet: str | None) -> tuple[str, str | None, str | None, int] | None:
    """Whose article the words after ``pos`` say it is, as a lawyer reads them: (kind, law,
    BWB id, end of those words), or None for an article of this document.

    "van deze verordening", "van bijlage 2" and no such words: this document; "van Boek 2 van het
    Burgerlijk Wetboek", "van de Vreemdelingenwet 2000", "van de wet" (the law the definitions
    name), "van die wet", "van Richtlijn 2004/38/EG": another one."""
    more = _MORE_LEDEN.match(text, pos)  # "eerste lid, onder b, dan wel vierde lid, van de AWBZ"
    pos = more.end() if more else pos
    m = _VAN.match(text, pos)
    if m is None:  # "artikel 8:1 Awb", "artikel 2.3.5 Wmo 2015", "artikel 255 Boek 1 van het BW"
        at = _GAP.match(text, pos).end()
        found = _law_at(text, at, doc_date)
        if found:
            return "wet", found[0].name, found[0].bwb, found[1]
        named = _REG_NAME.match(text, at)
        if named:
            return "wet", " ".join(named.group(0).split()), None, named.end()
        if (part := _PART.match(text, at)) is None or not text.startswith("Boek", at):
            return None
        m = _VAN.match(text, part.end())
        if m is None:
            return None
        pos = at
    p = m.end()
    while (part := _PART.match(text, p)) is not None:  # "Boek 2 van ...", "titel 4.1 van de Awb"
        nxt = _VAN.match(text, part.end())
        if nxt is None:
            return None  # "artikel 3 van hoofdstuk 2": here
        p = nxt.end()
    if _SELF.match(text, p):
        return None
    same = _SAME.match(text, p)
    if same:
        return "wet", _SAME_LAW, None, same.end()
    found = _law_at(text, p, doc_date)
    if found:
        return "wet", found[0].name, found[0].bwb, found[1]
    noun = _REG_NOUN.match(text, p)
    if noun:
        law = _defined_law(wet, doc_date) if wet and noun.group("noun") == "wet" else None
        return ("wet", law.name, law.bwb, noun.end()) if law else ("wet", noun.group("noun"), None, noun.end())
    eu = current().derived("references.eu", _eu_acts).match(text, p)
    if eu:
        return "wet", eu.group(0), None, eu.end()
    named = _NAMED.match(text, p)
    if named:
        name = " ".join(named.group("name").split())
        return ("document" if _LOCAL_DOC.match(name) else "wet"), name, None, named.end()
    return None
