"""Classify each document and build its clause tree.

    doc = extract_structure(doc, {"dossiers/*": "beschikking"})
    doc.type, doc.type_evidence, doc.title, doc.date, doc.law, doc.clauses

One extractor per type: verordening.py (also besluit), arrangement.py, werkinstructie.py,
beschikking.py (also gespreksverslag). References (references.py) and law context
(lawcontext.py) are added to every clause afterwards. Regex-based and fast: no spaCy here.
"""

from __future__ import annotations

import bisect
import dataclasses
import fnmatch
import re
from datetime import date

from ..model import DOCUMENT_TYPES, Clause, Document, Reference
from ..vocabulary import Vocabulary, current, words
from .classify import classify, guess_title, legislation_kind
from ._rx import lower_for_words, search_start
from .dates import parse_date
from .lawcontext import assign_clause_laws, document_law
from .laws import find_laws, valid_from
from .references import find_references

__all__ = ["extract_structure", "classify", "guess_title"]

_HERE = "\0"  # placeholder article for "lid 3" matches found in the whole-text pass
VORIGE_LID = re.compile(r"(?i)\b(?:vorige|voorgaande)\s+lid\b")


def _override(path: str, overrides: dict[str, str] | None) -> str | None:
    for pattern, typ in (overrides or {}).items():
        name = path.rsplit("/", 1)[-1]
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(path, "*/" + pattern.lstrip("/")):
            return typ
    return None


# Dates that PDF/DOCX generators write when they do not know the real one (reportlab's
# reproducible builds, the zip epoch, Word's "never"): not the document's date.
PLACEHOLDER_DATES = {date(2000, 1, 1), date(1980, 1, 1), date(1601, 1, 1), date(1970, 1, 1)}


def _meta_date(doc: Document) -> date | None:
    d = _raw_meta_date(doc)
    return None if d in PLACEHOLDER_DATES else d


def _title_year(doc: Document) -> date | None:
    """'Arrangementsbeschrijving Wmo 2018' -> 2018-01-01, when nothing better is known."""
    m = re.search(r"\b(19[89]\d|20[0-4]\d)\b", doc.title or "")
    return date(int(m.group(1)), 1, 1) if m else None


def _raw_meta_date(doc: Document) -> date | None:
    for key in ("issued", "created", "date", "datum", "modified"):
        v = doc.metadata.get(key)
        if isinstance(v, date):
            return v
        if isinstance(v, str) and v:
            m = re.match(r"(\d{4})-(\d\d)-(\d\d)", v)
            if m:
                try:
                    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    pass
            d = parse_date(v)
            if d:
                return d
    return None


def _build_head_date(voc: Vocabulary) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """A line "Label: date" of the vocabulary's head_date_labels, and the first word of each label."""
    labels = sorted({" ".join(str(w).lower().split()) for w in words("head_date_labels", voc)} - {""}, key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in labels) or "(?!)"
    return (re.compile(rf"(?im)^\s*(?:{alt})\s*[:|]?\s*(.{{6,40}})$"),
            tuple(dict.fromkeys(w.split()[0] for w in labels)))


def _head_date(doc: Document) -> date | None:
    """A date near the top: "Datum: 23 februari 2021", "besluit van 06-09-2011"."""
    head = doc.text[:2500]
    line, first_words = current().derived("head-date", _build_head_date)
    # searched from the first line that can hold a label (re tries ^ at every position: ~0.02 ms)
    at = search_start(head, lower_for_words(doc.text), first_words, 0, 2500)
    m = line.search(head, at) if at != -1 else None
    if m:
        d = parse_date(m.group(1))
        if d:
            return d
    return parse_date(head)  # the first date (parse_date stops there; find_dates read them all)


_HOLDER_KINDS = frozenset({"artikel", "lid", "onderdeel", "definitie", "considerans", "niveau", "sectie", "stap", "bijlage",
                           "hoofdstuk", "paragraaf"})  # the structural kinds but slotbepaling
_HEADED_KINDS = frozenset({"artikel", "hoofdstuk", "paragraaf", "bijlage"})  # the heading line is not the clause's own text
_LAW_WET = {"Wmo": "Wmo 2015", "Jeugdwet": "Jeugdwet", "Wlz": "Wlz", "Participatiewet": "Participatiewet"}


def _attach_references(doc: Document, laws: list | None = None) -> None:
    """References go to the innermost clause that holds them (an artikel's refs to its lid ...).
    ``laws``: ``find_laws(doc.text)`` when already known."""
    by_id, first_kid, wet, holders = _clause_index(doc)
    # One pass of the reference regexes over the whole text, then each clause takes the
    # references inside its own span (per-clause scans were the slowest part of extraction).
    # A "lid 3" / "het vorige lid" match is resolved against the clause's article and lid.
    if not holders:
        return
    text = doc.text
    found = _Found(find_references(text, 0, artikel=_HERE, doc_date=doc.date, wet=wet, laws=laws))
    for c in doc.clauses:
        kind = c.kind
        if kind not in _HOLDER_KINDS:
            continue
        own_end = first_kid.get(c.id, c.end)
        begin = c.start
        if kind in _HEADED_KINDS:  # not the heading itself
            nl = text.find("\n", begin, own_end)
            begin = nl + 1 if nl != -1 else own_end
        if own_end <= begin:
            continue
        art, lid = _article_and_lid(c, by_id)
        got = found.inside(begin, own_end, art, lid) if found.refs else []
        c.references = got if got is not None else find_references(
            text[begin:own_end], begin, artikel=art.number if art else None, lid=lid, doc_date=doc.date, wet=wet)
    for c in doc.clauses:  # a definitie shares its onderdeel's span: give it the same references
        if c.kind in ("definitie", "slotbepaling") and not c.references:
            skip = c.text.find("\n") + 1 if c.kind == "slotbepaling" else 0
            art = _article_of(c, by_id)
            got = found.inside(c.start + skip, c.end, art, None)
            c.references = got if got is not None else find_references(
                c.text[skip:], c.start + skip, artikel=art.number if art else None, doc_date=doc.date, wet=wet)


def _clause_index(doc: Document) -> tuple[dict[str, Clause], dict[str, int], str | None, bool]:
    """One pass over the clauses: (clause by id, the first child's start of each parent (the
    text before a clause's first child of the same family is its own), what "de wet" means (the
    definition of "wet", else the document's law), whether any clause can hold references)."""
    by_id: dict[str, Clause] = {}
    first_kid: dict[str, int] = {}
    wet = None
    holders = False
    for c in doc.clauses:
        by_id[c.id] = c
        kind = c.kind
        if kind == "definitie" or kind == "slotbepaling":
            if kind == "definitie" and c.attrs.get("term") == "wet":
                found = find_laws(c.attrs.get("definition", ""))
                wet = found[0][0].name if found else None
            if kind == "definitie":
                holders = True
            continue
        if kind in _HOLDER_KINDS:
            holders = True
        parent = c.parent
        if parent:
            s = first_kid.get(parent)
            if s is None or c.start < s:
                first_kid[parent] = c.start
    return by_id, first_kid, wet or _LAW_WET.get(doc.law or ""), holders


class _Found:
    """The references found in the whole text, handed out per clause span."""

    def __init__(self, refs: list[Reference]) -> None:
        self.refs = refs
        self.starts = [r.start for r in refs]

    def inside(self, begin: int, end: int, art: Clause | None, lid: int | None) -> list[Reference] | None:
        """Copies of the references inside ``[begin, end)``, "dit artikel" / "het vorige lid"
        resolved against ``art`` and ``lid``; None when a match runs over the span's edge (then
        the span is scanned itself)."""
        refs, n = self.refs, len(self.refs)
        i = bisect.bisect_left(self.starts, begin)
        if i > 0 and refs[i - 1].end > begin:
            return None
        out = []
        while i < n and refs[i].start < end:
            r = refs[i]
            i += 1
            if r.end > end:
                return None
            if r.artikel == _HERE:
                lidi = r.lid
                if VORIGE_LID.search(r.text):
                    lidi = lid - 1 if lid and lid > 1 else None
                artikel = art.number if art else None
                if lidi is None and artikel is None:
                    continue
                r = dataclasses.replace(r, artikel=artikel, lid=lidi)
            else:  # a copy: each clause has references of its own
                r = dataclasses.replace(r)
            out.append(r)
        return out


def _article_of(c: Clause, by_id: dict[str, Clause]) -> Clause | None:
    p: Clause | None = c
    while p is not None and p.kind != "artikel":
        p = by_id.get(p.parent) if p.parent else None
    return p


def _article_and_lid(c: Clause, by_id: dict[str, Clause]) -> tuple[Clause | None, int | None]:
    """The first artikel and the first lid with a number on the way up from ``c``."""
    art = lid = None
    p: Clause | None = c
    while p is not None:
        k = p.kind
        if k == "artikel":
            if art is None:
                art = p
                if lid is not None:
                    break
        elif k == "lid" and lid is None and p.number and p.number.isdigit():
            lid = int(p.number)
            if art is not None:
                break
        p = by_id.get(p.parent) if p.parent else None
    return art, lid


def _set_valid_from(doc: Document) -> None:
    """``metadata["geldig_vanaf"]``: the day the document speaks from (laws.valid_from), when
    later than its date: its entry into force, or that of the law it is or regulates."""
    own = basis = None
    for c in doc.clauses:
        if c.kind == "slotbepaling" and c.attrs.get("inwerkingtreding"):
            own = date.fromisoformat(c.attrs["inwerkingtreding"])
        elif c.kind == "definitie" and c.attrs.get("term") == "wet" and basis is None:
            basis = c.attrs.get("definition")
    day = valid_from(doc.date, own, doc.title or "", basis)
    if day is not None and day != doc.date:
        doc.metadata["geldig_vanaf"] = day.isoformat()


def extract_structure(doc: Document, type_overrides: dict[str, str] | None = None) -> Document:
    """Fill type, type_evidence, title, date, law and clauses of ``doc`` (in place; returned).

    >>> d = extract_structure(Document(path="v.txt", format="txt", text="Verordening jeugdhulp\\nArtikel 1 Begrippen\\n1. Tekst."))
    >>> d.type, d.law, [c.kind for c in d.clauses]
    ('verordening', 'Jeugdwet', ['artikel', 'lid'])
    """
    title = guess_title(doc)
    forced = _override(doc.path, type_overrides)
    if forced:
        if forced not in DOCUMENT_TYPES:
            doc.warnings.append(f"onbekend documenttype '{forced}' in --type; gebruik een van {', '.join(DOCUMENT_TYPES)}")
            forced = None
        else:
            doc.type, doc.type_evidence = forced, [f"type opgegeven door de gebruiker (--type) voor '{doc.path}'"]
    if not forced:
        doc.type, doc.type_evidence = classify(doc, title or "")  # title passed: guessed once
    kind = legislation_kind(title or "", doc.text) if doc.type == "besluit" else None
    if kind:
        doc.metadata["soort"] = kind  # wet, amvb, ministeriele-regeling, beleidsregel (of the State)
    doc.title = title
    doc.date = None
    clauses: list[Clause] = []
    own_date = None
    if doc.type in ("verordening", "besluit"):
        from .verordening import extract_verordening

        clauses, own_date = extract_verordening(doc, title)
    elif doc.type == "arrangementsbeschrijving":
        from .arrangement import extract_arrangement

        clauses = extract_arrangement(doc)
    elif doc.type == "werkinstructie":
        from .werkinstructie import extract_werkinstructie

        clauses = extract_werkinstructie(doc, title)
        d = doc.metadata.get("werkinstructie", {}).get("datum")
        own_date = parse_date(d) if isinstance(d, str) else None
        if own_date is None and isinstance(d, str) and re.match(r"\d{4}-\d\d-\d\d$", d):
            own_date = date.fromisoformat(d)
    elif doc.type in ("beschikking", "gespreksverslag"):
        from .beschikking import extract_sections

        clauses = extract_sections(doc, doc.type)
    if doc.type in ("verordening", "besluit") and own_date is None:
        doc.date = _meta_date(doc) or _head_date(doc)  # (the other order was computed first, then replaced)
    else:
        doc.date = own_date or _head_date(doc) or _meta_date(doc)
    doc.date = doc.date or _title_year(doc)
    # doc.page_of without building the list of page starts for every clause
    starts = [p.start for p in doc.pages]
    one = (doc.pages[0].number if doc.pages else 1) if len(doc.pages) <= 1 else None  # one page: no search
    for c in clauses:
        if c.page is None:
            c.page = one if one is not None else doc.pages[max(bisect.bisect_right(starts, c.start) - 1, 0)].number
    doc.clauses = clauses
    laws = find_laws(doc.text)  # once for all three (each scanned the whole text: 0.2 ms per text file)
    doc.law = document_law(doc, title, laws)
    _set_valid_from(doc)
    _attach_references(doc, laws)
    assign_clause_laws(doc, laws)
    return doc
