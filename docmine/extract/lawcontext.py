"""Law context (Wmo, Jeugdwet, Wlz, Participatiewet) of a document and of each clause.

Rules need it: "individuele voorziening" is right under the Jeugdwet and outdated under the Wmo.
"""

from __future__ import annotations

import re

from ..model import Clause, Document
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


def _explicit(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for law, s, e in find_laws(text):
        if law.context:
            counts[law.context] = counts.get(law.context, 0) + 1
    return counts


def document_law(doc: Document, title: str | None) -> str | None:
    """The main law context of the document.

    >>> document_law(Document(path="x", format="txt", text="Verordening jeugdhulp 2020"), "Verordening jeugdhulp 2020")
    'Jeugdwet'
    """
    score: dict[str, float] = {}
    if title:
        for rx, law in TITLE_CUES:
            if rx.search(title):
                score[law] = score.get(law, 0) + 10
    head = doc.text[:3000]
    for law, n in _explicit(head).items():
        score[law] = score.get(law, 0) + 3 * n
    for law, n in _explicit(doc.text).items():
        score[law] = score.get(law, 0) + min(n, 20) * 0.5
    sample = doc.text[:60000]
    for law, rx in VOCAB.items():
        score[law] = score.get(law, 0) + min(len(rx.findall(sample)), 40) * 0.25
    for src in doc.metadata.get("sources") or []:
        for law, n in _explicit(str(src.get("title", "")) if isinstance(src, dict) else str(src)).items():
            score[law] = score.get(law, 0) + 4
    if not score:
        return None
    best = max(score.items(), key=lambda kv: kv[1])
    return best[0] if best[1] >= 2 else None


GOVERNING = re.compile(r"(?i)\b(?:op\s+grond\s+van|in\s+het\s+kader\s+van|krachtens|ingevolge|onder)\s+(?:de|het)\s+(?:artikel\s+[\d.:a-z]+\s+(?:van\s+de\s+)?)?")


GOVERNING_END = re.compile(GOVERNING.pattern + r"(?:[\w\s]{0,25}\s(?:en|of)\s+(?:de|het)\s+)?$", re.I)


def _governing(text: str) -> dict[str, int]:
    """Laws the text says it is under: "op grond van de Jeugdwet", "in het kader van de Wlz"."""
    counts: dict[str, int] = {}
    for law, s, e in find_laws(text):
        if not law.context or law.repealed:
            continue
        if GOVERNING_END.search(text[max(0, s - 80):s]):
            counts[law.context] = counts.get(law.context, 0) + 1
    return counts


def assign_clause_laws(doc: Document) -> None:
    """Every clause inherits its parent's (or the document's) law, unless the clause itself
    names another law and not the inherited one."""
    by_id = {c.id: c for c in doc.clauses}
    first_child: dict[str, int] = {}
    for c in doc.clauses:
        if c.parent and c.kind not in ("definitie", "slotbepaling"):
            first_child[c.parent] = min(first_child.get(c.parent, c.start), c.start)
    for c in sorted(doc.clauses, key=lambda c: c.id.count(".")):
        inherited = by_id[c.parent].law if c.parent in by_id and by_id[c.parent].law else doc.law
        own = _explicit(c.title or "") if c.title else {}
        if not own and c.kind not in ("hoofdstuk", "bijlage", "paragraaf", "product"):
            own = _governing(doc.text[c.start:first_child.get(c.id, c.end)])
        if own and (inherited not in own):
            c.law = max(own.items(), key=lambda kv: kv[1])[0]
        else:
            c.law = inherited
