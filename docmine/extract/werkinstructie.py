"""Werkinstructie: titel, datum, versienummer, redacteur (also auteur/eigenaar), and the steps.

Metadata may stand in a header block ("Versie: 1.2"), in a DOCX table ("Versie | 1.2") or in the
document properties.
"""

from __future__ import annotations

import re

from ..model import Clause, Document
from .dates import parse_date

META_RE = re.compile(r"^\s*(?P<key>titel|onderwerp|datum|versie(?:nummer)?|versie\s*nr\.?|redacteur|auteur|opgesteld\s+door|eigenaar|proceseigenaar)"
                     r"\s*(?::|\|)\s*(?P<val>[^|\n]*?)\s*\|?\s*$", re.I | re.M)
FIELD = {"titel": "titel", "onderwerp": "titel", "datum": "datum", "versie": "versienummer", "versienummer": "versienummer",
         "versie nr": "versienummer", "versie nr.": "versienummer", "redacteur": "redacteur", "auteur": "redacteur",
         "opgesteld door": "redacteur", "eigenaar": "redacteur", "proceseigenaar": "redacteur"}
STEP_RE = re.compile(r"^\s*(?:(?:Stap|STAP)\s+(?P<n1>\d+)\b\s*[.:)-]?\s*|(?P<n2>\d{1,2})[.)]\s+)(?P<title>\S.*)$")


def extract_werkinstructie(doc: Document, title: str | None) -> list[Clause]:
    """Metadata clauses and stap clauses; fills ``doc.metadata["werkinstructie"]``.

    >>> d = Document(path="w.txt", format="txt", text="Werkinstructie X\\nVersie: 1.2\\n\\nStap 1 Bel de cliënt")
    >>> [c.kind for c in extract_werkinstructie(d, "Werkinstructie X")]
    ['metadata', 'stap']
    """
    text = doc.text
    base = doc.path + "#"
    found: dict[str, tuple[str, int, int]] = {}
    head_end = min(len(text), 3000)
    for m in META_RE.finditer(text, 0, head_end):
        field = FIELD.get(" ".join(m.group("key").lower().split()))
        val = m.group("val").strip()
        if field and val and field not in found:
            found[field] = (val, m.start(), m.end())
    # a key/value table (DOCX) whose text is not in the head
    for t in doc.tables:
        for row in t.rows:
            if len(row) >= 2:
                field = FIELD.get(" ".join((row[0] or "").strip(" :").lower().split()))
                if field and row[1].strip() and field not in found:
                    found[field] = (row[1].strip(), t.start, t.end)
    if "titel" not in found and title:
        found["titel"] = (title, 0, 0)
    meta = {"titel": None, "datum": None, "versienummer": None, "redacteur": None}
    clauses: list[Clause] = []
    for field, (val, s, e) in found.items():
        if field == "datum":
            d = parse_date(val)
            meta["datum"] = d.isoformat() if d else val
        elif field == "versienummer":
            mv = re.search(r"\d+(?:[.,]\d+)*", val)
            meta["versienummer"] = mv.group(0).replace(",", ".") if mv else val
        else:
            meta[field] = val
        if e > s:
            clauses.append(Clause(id=f"{base}meta.{field}", kind="metadata", text=text[s:e].strip(), start=s, end=e,
                                  title=field, attrs={"field": field, "value": meta[field]}))
    for key, field in (("author", "redacteur"), ("created", "datum"), ("modified", "datum")):
        if not meta.get(field) and doc.metadata.get(key):
            v = doc.metadata[key]
            meta[field] = v.isoformat() if hasattr(v, "isoformat") else str(v)
    doc.metadata["werkinstructie"] = meta

    pos = 0
    steps: list[Clause] = []
    expect = 1
    for line in text.split("\n"):
        ls = pos
        pos += len(line) + 1
        m = STEP_RE.match(line)
        if not m or " | " in line:
            continue
        n = int(m.group("n1") or m.group("n2"))
        if m.group("n2") and n != expect and n != 1:
            continue
        expect = n + 1
        if steps:
            _close(steps[-1], text, ls)
        steps.append(Clause(id=f"{base}stap{n}" + (f"~{len(steps)}" if any(c.number == str(n) for c in steps) else ""),
                            kind="stap", text="", start=ls, end=ls, number=str(n), title=m.group("title").strip()[:120]))
    if steps:
        _close(steps[-1], text, len(text))
    clauses.sort(key=lambda c: c.start)
    return clauses + steps


def _close(c: Clause, text: str, at: int) -> None:
    while at > c.start and text[at - 1].isspace():
        at -= 1
    c.end = at
    c.text = text[c.start:at]
