"""Law context (Wmo, Jeugdwet, Wlz, Participatiewet) of a document and of each clause.

Rules need it: "individuele voorziening" is right under the Jeugdwet and outdated under the Wmo.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..model import Document
from ._rx import literal_first, lower_for_words, matches_at
from .laws import find_laws

CONTEXTS = ("Wmo", "Jeugdwet", "Wlz", "Participatiewet")
TITLE_CUES = [
    (re.compile(r"(?i)\bjeugd(?:wet|hulp|zorg)?\b|\bjeugdigen?\b"), "Jeugdwet"),
    (re.compile(r"(?i)\bwmo\b|maatschappelijke\s+ondersteuning|huishoud|begeleiding|beschermd\s+wonen"), "Wmo"),
    (re.compile(r"(?i)\bwlz\b|langdurige\s+zorg"), "Wlz"),
    (re.compile(r"(?i)participatiewet|bijstand|\bwwb\b|re-?integratie|minimabeleid|tegemoetkoming"), "Participatiewet"),
]
VOCAB = {
    "Jeugdwet": re.compile(r"(?i)\b(?:jeugdige|jeugdigen|jeugdhulp|jeugdhulpaanbieder|gecertificeerde\s+instelling|opvoed\w*|opgroei\w*|ouders?)\b"),
    "Wmo": re.compile(r"(?i)\b(?:maatwerkvoorziening|zelfredzaamheid|participatie|mantelzorg\w*|algemene\s+voorziening|cliëntondersteuning|beschermd\s+wonen|hulp\s+bij\s+het\s+huishouden)\b"),
    "Wlz": re.compile(r"(?i)\b(?:wlz-indicatie|ciz|zorgkantoor|zorgzwaartepakket|langdurige\s+zorg)\b"),
    "Participatiewet": re.compile(r"(?i)\b(?:bijstand|uitkering|arbeidsinschakeling|re-integratie|loonkostensubsidie|bijzondere\s+bijstand)\b"),
}


def _alternatives(pattern: str) -> list[str]:
    """Top-level alternatives of a ``(?i)\\b(?:a|b|c)\\b`` pattern."""
    body = pattern[len("(?i)\\b(?:"):-len(")\\b")]
    out, depth, cur = [], 0, ""
    for ch in body:
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return out + [cur]


def _vocab_regex() -> re.Pattern:
    """All four vocabularies in one regex, grouped by first letter (one pass, few branches per word).
    Same matches as ``(?i)\\b(?:a(?:...)|b(?:...)|...)\\b`` but with a literal first letter, so re skips
    to candidate letters (0.29 -> 0.08 ms per text file)."""
    groups: dict[str, list[str]] = {}
    for rx in VOCAB.values():
        for alt in _alternatives(rx.pattern):
            groups.setdefault(alt[0].lower(), []).append(alt[1:])
    return re.compile(literal_first([(k, f"(?:{'|'.join(v)})", True) for k, v in sorted(groups.items())], r"\w") + r"\b")


VOCAB_ALL = _vocab_regex()


@lru_cache(maxsize=2048)
def _vocab_law(word: str) -> str | None:
    return next((law for law, rx in VOCAB.items() if rx.fullmatch(word)), None)


def _needle(alt: str) -> tuple[str, int]:
    """The longest run of ASCII letters (and '-') at a fixed place in every match of ``alt``, and
    that place: ``opvoed\\w*`` -> ('opvoed', 0), ``ouders?`` -> ('ouder', 0),
    ``cliëntondersteuning`` -> ('ntondersteuning', 4)."""
    lit = ""
    for k, ch in enumerate(alt):
        if not (ch.isalnum() or ch == "-"):
            break
        if alt[k + 1:k + 2] in ("?", "*", "{"):  # this character may be left out
            break
        lit += ch.lower()
    runs = re.findall(r"[a-z-]+", lit)  # ASCII only: ë is not lowered by ascii_lower
    best = max(runs, key=len)
    return best, lit.index(best)


_VOCAB_NEEDLES = sorted({_needle(alt) for rx in VOCAB.values() for alt in _alternatives(rx.pattern)})
# a needle that starts with another at the same place finds nothing new ("jeugdhulpaanbieder")
_VOCAB_NEEDLES = [(w, o) for w, o in _VOCAB_NEEDLES if not any(o2 == o and w != w2 and w.startswith(w2) for w2, o2 in _VOCAB_NEEDLES)]


_VOCAB_MAX = 40 * 0.25  # the most _vocab_counts can add to a law's score in document_law


def _vocab_counts(text: str, end: int | None = None) -> dict[str, int]:
    """Vocabulary words per law in ``text[:end]``: VOCAB_ALL tried only where a word's needle is
    (str.find on the lowered copy; the same matches as findall, 0.1 -> 0.03 ms per text file)."""
    counts = dict.fromkeys(VOCAB, 0)
    low = lower_for_words(text)
    if low is None:
        words = VOCAB_ALL.findall(text[:end])
    else:
        words = [m.group(0) for m in matches_at(VOCAB_ALL, text, low, _VOCAB_NEEDLES, end)]
    for w in words:
        law = _vocab_law(w)
        if law:
            counts[law] += 1
    return counts


def _count(found) -> dict[str, int]:
    counts: dict[str, int] = {}
    for law, s, e in found:
        if law.context:
            counts[law.context] = counts.get(law.context, 0) + 1
    return counts


@lru_cache(maxsize=4096)
def _explicit_cached(text: str) -> tuple[tuple[str, int], ...]:
    return tuple(_count(find_laws(text)).items())


def _explicit(text: str) -> dict[str, int]:
    return dict(_explicit_cached(text)) if len(text) < 300 else _count(find_laws(text))


def document_law(doc: Document, title: str | None, laws: list | None = None) -> str | None:
    """The main law context of the document. ``laws``: ``find_laws(doc.text)`` when already known.

    >>> document_law(Document(path="x", format="txt", text="Verordening jeugdhulp 2020"), "Verordening jeugdhulp 2020")
    'Jeugdwet'
    """
    score: dict[str, float] = {}
    if title:
        for rx, law in TITLE_CUES:
            if rx.search(title):
                score[law] = score.get(law, 0) + 10
    found = find_laws(doc.text) if laws is None else laws
    for law, s, e in found:
        if law.context and s < 3000 and e <= 3000:  # in the head
            score[law.context] = score.get(law.context, 0) + 3
    for law, n in _count(found).items():
        score[law] = score.get(law, 0) + min(n, 20) * 0.5
    from_sources = [law for src in doc.metadata.get("sources") or []
                    for law in _explicit(str(src.get("title", "")) if isinstance(src, dict) else str(src))]
    # The vocabulary adds at most _VOCAB_MAX to a law: a leader (of at least 2) ahead of every
    # other law by more than that wins whatever it counts, so it is not counted (0.1 ms per text
    # file; the scores are multiples of 0.25, their sums exact in any order).
    pre = dict(score)
    for law in from_sources:
        pre[law] = pre.get(law, 0) + 4
    ranked = sorted(pre.values(), reverse=True) + [0, 0]
    if ranked[0] >= 2 and ranked[0] > ranked[1] + _VOCAB_MAX:
        return max(pre.items(), key=lambda kv: kv[1])[0]
    for law, n in _vocab_counts(doc.text, 60000).items():
        score[law] = score.get(law, 0) + min(n, 40) * 0.25
    for law in from_sources:
        score[law] = score.get(law, 0) + 4
    if not score:
        return None
    best = max(score.items(), key=lambda kv: kv[1])
    return best[0] if best[1] >= 2 else None


GOVERNING = re.compile(r"(?i)\b(?:op\s+grond\s+van|in\s+het\s+kader\s+van|krachtens|ingevolge|onder)\s+(?:de|het)\s+(?:artikel\s+[\d.:a-z]+\s+(?:van\s+de\s+)?)?")


GOVERNING_END = re.compile(GOVERNING.pattern + r"(?:[\w\s]{0,25}\s(?:en|of)\s+(?:de|het)\s+)?$", re.I)


def _governing(text: str, found=None, begin: int = 0, end: int | None = None) -> dict[str, int]:
    """Laws the text says it is under: "op grond van de Jeugdwet", "in het kader van de Wlz".
    ``found``: the laws of the whole ``text`` (find_laws, sorted), to look at ``[begin, end)`` only."""
    end = len(text) if end is None else end
    if found is None:
        found = find_laws(text[begin:end])
        text, end, begin = text[begin:end], end - begin, 0
        lo = 0
    else:
        lo = bisect.bisect_left(found, begin, key=lambda f: f[1])
    return _governing_at(text, found, lo, begin, end)


def _governing_at(text: str, found, lo: int, begin: int, end: int) -> dict[str, int]:
    """``_governing`` with ``found[lo]`` the first law at or after ``begin``."""
    counts: dict[str, int] = {}
    for law, s, e in found[lo:]:
        if s >= end:
            break
        if e > end or not law.context or law.repealed:
            continue
        if GOVERNING_END.search(text[max(begin, s - 80):s]):
            counts[law.context] = counts.get(law.context, 0) + 1
    return counts


def assign_clause_laws(doc: Document, laws: list | None = None) -> None:
    """Every clause inherits its parent's (or the document's) law, unless the clause itself
    names another law and not the inherited one. ``laws``: ``find_laws(doc.text)`` when known."""
    by_id = {c.id: c for c in doc.clauses}
    first_child: dict[str, int] = {}
    for c in doc.clauses:
        if c.parent and c.kind not in ("definitie", "slotbepaling"):
            first_child[c.parent] = min(first_child.get(c.parent, c.start), c.start)
    found = find_laws(doc.text) if laws is None else laws
    # the laws' starts once, and _governing only for a clause with a law in its span (it
    # bisected with a key function for every clause: 0.10 -> 0.04 ms per verordening)
    starts = [f[1] for f in found]
    n = len(starts)
    text = doc.text
    for c in sorted(doc.clauses, key=lambda c: c.id.count(".")):
        inherited = by_id[c.parent].law if c.parent in by_id and by_id[c.parent].law else doc.law
        own = _explicit(c.title) if c.title else {}
        if not own and c.kind not in ("hoofdstuk", "bijlage", "paragraaf", "product"):
            lo = bisect.bisect_left(starts, c.start)
            if lo < n:
                end = first_child.get(c.id, c.end)
                if starts[lo] < end:
                    own = _governing_at(text, found, lo, c.start, end)
        if own and (inherited not in own):
            c.law = max(own.items(), key=lambda kv: kv[1])[0]
        else:
            c.law = inherited
