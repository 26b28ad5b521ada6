"""Law context (Wmo, Jeugdwet, Wlz, Participatiewet) of a document and of each clause.

Rules need it: "individuele voorziening" is right under the Jeugdwet and outdated under the Wmo.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..model import Document
from ..vocabulary import Vocabulary, current
from . import nlp
from .laws import find_laws

CONTEXTS = ("Wmo", "Jeugdwet", "Wlz", "Participatiewet")
_VOCAB_MAX = 40 * 0.25  # the most _vocab_counts can add to a law's score in document_law


class _LawWords:
    """The vocabulary's ``law_vocabulary`` (law -> words): one pattern of all words, and which
    law a word found belongs to."""

    def __init__(self, voc: Vocabulary) -> None:
        table = {str(law): [str(w) for w in (ws or [])] for law, ws in (voc.get("law_vocabulary", default={}) or {}).items()}
        self.laws = list(table)
        self.all = nlp.WordPattern([w for ws in table.values() for w in ws])
        self.each = {law: nlp.WordPattern(ws) for law, ws in table.items()}
        self.known: dict[str, str | None] = {}

    def law_of(self, word: str) -> str | None:
        if word not in self.known:
            self.known[word] = next((law for law, wp in self.each.items() if wp.search(word) is not None), None)
        return self.known[word]


def _vocab_counts(text: str, end: int | None = None) -> dict[str, int]:
    """Words of each law's ``law_vocabulary`` in ``text[:end]`` (folded)."""
    words = current().derived("law_vocabulary", _LawWords)
    counts = dict.fromkeys(words.laws, 0)
    for m in words.all.finditer(nlp.fold(text[:end])):
        law = words.law_of(m.group(0))
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
        folded_title = nlp.fold(title)
        for law, rx in nlp.cue_table("law_title_cues").items():
            if rx.search(folded_title):
                score[law] = score.get(law, 0) + 10
    found = find_laws(doc.text) if laws is None else laws
    # a title that names no law: the opening paragraph says what the document is for
    opening = _opening_paragraph(doc.text) if not score else (0, 0)
    for law in {law.context for law, s, e in found if law.context and opening[0] <= s and e <= opening[1]}:
        score[law] = score.get(law, 0) + OPENING_WEIGHT
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


OPENING_WEIGHT = 6  # a law named in the opening paragraph of a document whose title names none ("... na een melding Wmo")


def _opening_paragraph(text: str, within: int = 3000) -> tuple[int, int]:
    """The span of the first paragraph in ``text[:within]`` that is a sentence (eight words or
    more, so not the title, a heading or a label line): where a document says what it is for.
    (0, 0) when there is none."""
    pos, stop = 0, min(len(text), within)
    while pos < stop:
        end = text.find("\n\n", pos)
        end = len(text) if end < 0 else end
        if len(text[pos:end].split()) >= 8:
            return pos, end
        pos = end + 2
    return 0, 0


def _governing_end(voc: Vocabulary) -> re.Pattern[str]:
    """A governing phrase of the vocabulary (governing_phrases) right before a law's name: "op
    grond van de ", "krachtens artikel 2.3.5 van de ", "in het kader van de Wmo en de "."""
    phrases = sorted({" ".join(str(p).lower().split()) for p in voc.get("governing_phrases", default=[]) or []} - {""},
                     key=len, reverse=True)
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) or "(?!)"
    return re.compile(rf"\b(?:{alt})\s+(?:de|het)\s+(?:artikel\s+[\d.:a-z]+\s+(?:van\s+de\s+)?)?"
                      r"(?:[\w\s]{0,25}\s(?:en|of)\s+(?:de|het)\s+)?$", re.I)


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
    governing_end = current().derived("governing-end", _governing_end)
    for law, s, e in found[lo:]:
        if s >= end:
            break
        if e > end or not law.context or law.repealed:
            continue
        if governing_end.search(text[max(begin, s - 80):s]):
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
