"""CVDR XML (lokaleregelgeving.overheid.nl): structure rendered as text lines plus Blocks.

    <hoofdstuk><kop><label>Hoofdstuk</label><nr>1</nr><titel>Algemene bepalingen</titel></kop>
      <artikel><kop>...<nr>1</nr><titel>Begripsbepalingen</titel></kop>
        <lid><lidnr>1.</lidnr><al>...</al><lijst><li nr="a."><al>...</al></li></lijst></lid>

becomes ``Hoofdstuk 1 Algemene bepalingen`` / ``Artikel 1 Begripsbepalingen`` / ``1. ...`` /
``a. ...``. Parsing goes through defusedxml: entity declarations and external entities are refused.
"""

from __future__ import annotations

import re

from ..errors import ReadError
from ..model import Document
from .builder import RawText, build_document

_BWB = re.compile(r"BWBR\d{7}")
_KIND_LABEL = {"hoofdstuk": "Hoofdstuk", "artikel": "Artikel", "paragraaf": "Paragraaf", "afdeling": "Afdeling",
               "bijlage": "Bijlage", "titeldeel": "Titel", "divisie": ""}
_STRUCT = set(_KIND_LABEL) | {"regeling-tekst", "structuurtekst", "wijzig-artikel", "toelichting",
                              "artikelsgewijs", "algemeen", "regeling-sluiting", "aanhef", "preambule",
                              "wijzig-lid", "considerans", "afkondiging"}
_SKIP = {"meta", "kop", "lidnr", "tgroup", "colspec", "thead", "tbody"}
_LABEL_NR = re.compile(r"^\s*(?:(hoofdstuk|artikel|paragraaf|afdeling|bijlage|§)\s*)?(\d+[a-z]?(?:\.\d+[a-z]?)*|[ivxlc]+\b)\.?\s*(.*)$", re.I)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _child(el, name):
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _heading(kind: str, kop) -> tuple[str, str | None, str | None]:
    """(line, nr, titel) for a kop; line is '' when the kop is empty."""
    if kop is None:
        return "", None, None
    label = _text(_child(kop, "label")) if _child(kop, "label") is not None else ""
    nr = _text(_child(kop, "nr")) if _child(kop, "nr") is not None else ""
    titel = _text(_child(kop, "titel")) if _child(kop, "titel") is not None else ""
    nr = nr.rstrip(".").strip()
    word = _KIND_LABEL.get(kind, kind.capitalize())
    if label and not nr:
        # '1.Parkeren' or 'Artikel 3' or 'Hoofdstuk 2 Toegang' in the label alone
        m = _LABEL_NR.match(label)
        if m:
            nr = m.group(2).rstrip(".")
            rest = m.group(3).strip()
            if rest and not titel:
                titel = rest
            label = ""
        elif not titel:
            titel, label = label, ""
    if not (nr or titel):
        return (label, None, None) if label else ("", None, None)
    head = label if label and label.lower() != word.lower() else word
    if label and label.lower() != word.lower():
        head = label
    line = " ".join(x for x in (head, nr, titel) if x)
    return line, nr or None, titel or None


class _Renderer:
    def __init__(self, rt: RawText) -> None:
        self.rt = rt

    def element(self, el, depth: int = 0) -> None:
        kind = _local(el.tag)
        if not kind or kind in _SKIP:
            return
        if kind in _KIND_LABEL:
            self.unit(el, kind, depth)
        elif kind == "lid":
            self.lid(el)
        elif kind == "lijst":
            for c in el:
                if _local(c.tag) == "li":
                    self.li(c)
                else:
                    self.element(c, depth)
        elif kind == "li":
            self.li(el)
        elif kind == "al":
            self.rt.para(_text(el))
        elif kind == "table":
            self.table(el)
        elif kind == "intitule":
            self.rt.block("title", _text(el), level=0)
        elif kind in ("ondertekening", "slotformulering", "functie"):
            if any(_local(c.tag) in ("functie", "al", "ondertekening") for c in el):
                for c in el:
                    self.element(c, depth)
            else:
                self.rt.para(_text(el), sep=1)
        elif len(el):
            for c in el:
                self.element(c, depth)
        else:
            t = _text(el)
            if t:
                self.rt.para(t)

    def unit(self, el, kind: str, depth: int) -> None:
        line, nr, titel = _heading(kind, _child(el, "kop"))
        start = self.rt.length
        if line:
            self.rt.newline(2)
            attrs = {"nr": nr} if nr else {}
            if titel:
                attrs["titel"] = titel
            self.rt.block("heading", line, level=min(depth + 1, 6), **attrs)
        body_start = self.rt.length
        for c in el:
            self.element(c, depth + 1)
        # block spans from the heading (or body) to the end of the unit
        attrs = {"nr": nr} if nr else {}
        if titel:
            attrs["titel"] = titel
        if self.rt.length > body_start or line:
            self.rt.span(kind, start if line else body_start, level=depth + 1, **attrs)

    def lid(self, el) -> None:
        nr_el = _child(el, "lidnr")
        nr = _text(nr_el) if nr_el is not None else ""
        self.rt.newline(1)
        start = self.rt.length
        prefix = (nr if nr.endswith((".", ")")) or not nr else nr + ".") + " " if nr else ""
        first = True
        for c in el:
            k = _local(c.tag)
            if k == "lidnr":
                continue
            if k == "al" and first:
                t = _text(c)
                if t:
                    self.rt.para(prefix + t, sep=1)
                    first = False
                continue
            if first and prefix:
                self.rt.para(prefix.strip(), sep=1)
                first = False
            if k == "al":
                self.rt.para(_text(c), sep=1)
            else:
                self.element(c)
        if first and prefix:
            self.rt.para(prefix.strip(), sep=1)
        self.rt.span("lid", start, None, **({"nr": nr.rstrip(".").strip()} if nr else {}))

    def li(self, el) -> None:
        nr = (el.get("nr") or "").strip()
        self.rt.newline(1)
        start = self.rt.length
        prefix = (nr + " ") if nr else "- "
        first = True
        for c in el:
            k = _local(c.tag)
            if k == "al":
                t = _text(c)
                if not t:
                    continue
                self.rt.para((prefix + t) if first else t, sep=1)
                first = False
            elif k == "lijst":
                if first:
                    self.rt.para(prefix.strip(), sep=1)
                    first = False
                for cc in c:
                    if _local(cc.tag) == "li":
                        self.li(cc)
                    else:
                        self.element(cc)
            else:
                self.element(c)
        if first and el.text and el.text.strip():
            self.rt.para(prefix + el.text.strip(), sep=1)
        self.rt.span("li", start, None, **({"nr": nr.rstrip(".")} if nr else {}))

    def table(self, el) -> None:
        rows = []
        for row in el.iter():
            if _local(row.tag) != "row":
                continue
            cells = []
            for entry in row:
                if _local(entry.tag) == "entry":
                    als = [_text(a) for a in entry if _local(a.tag) == "al"]
                    cells.append(" ".join(a for a in als if a) if als else _text(entry))
            rows.append(cells)
        self.rt.table(rows)


def read_cvdr(data: bytes, rel: str, limits=None) -> Document:
    """Read CVDR XML bytes into a Document (text per the readers' contract, Blocks, metadata);
    at most ``limits.max_decompressed`` bytes of XML and ``limits.max_text`` characters of text.

    >>> doc = read_cvdr(open("tests/data/ingest/cvdr/cvdr_example2.xml", "rb").read(), "x.xml")  # doctest: +SKIP
    >>> doc.metadata["identifier"]
    'CVDR100394_2'
    """
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException
    from xml.etree.ElementTree import ParseError

    limit = getattr(limits, "max_decompressed", 0) or 0
    if limit and len(data) > limit:
        raise ReadError.of("DM106", "xml", path=rel, size_mb=len(data) / 1048576, limit_mb=limit / 1048576)
    try:
        root = DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ReadError.of("DM107", path=rel, kind=type(exc).__name__) from None
    except (ParseError, LookupError, ValueError, UnicodeError) as exc:
        raise ReadError.of("DM112", "xml", path=rel, reason=exc) from None
    if _local(root.tag) != "cvdr":
        raise ReadError.of("DM101", "not_cvdr", path=rel, root=_local(root.tag))
    metadata = _metadata(root)
    r = _Renderer(RawText.limited(rel, limits))
    body = None
    for c in root:
        if _local(c.tag) == "body":
            body = c
    if body is not None:
        for c in body:
            r.element(c)
    if not r.rt.length:
        raise ReadError.of("DM110", "cvdr", path=rel)
    title = metadata.get("title")
    return build_document(rel, "cvdr", r.rt, furniture=False, ocr=False, metadata=metadata, title=title)


# CVDR metadata element -> the Document.metadata keys it fills (the first occurrence wins).
_META_KEYS = {
    "identifier": ("identifier",),
    "title": ("title",),
    "creator": ("creator", "author"),
    "modified": ("modified",),
    "issued": ("issued", "created"),
    "inwerkingtredingDatum": ("inwerkingtredingDatum",),
    "uitwerkingtredingDatum": ("uitwerkingtredingDatum",),
    "isRatifiedBy": ("vastgesteld_door",),
    "betreft": ("betreft",),
}


def _metadata(root) -> dict:
    md: dict = {}
    meta = next((c for c in root if _local(c.tag) == "meta"), None)
    if meta is None:
        return md
    sources = []
    for el in meta.iter():
        k = _local(el.tag)
        t = _text(el)
        if k == "source":
            ref = el.get("resourceIdentifier") or ""
            m = _BWB.search(ref)
            sources.append({"title": t, "bwb": m.group(0) if m else None, "resource": ref or None})
        elif t:
            for key in _META_KEYS.get(k, ()):
                md.setdefault(key, t)
    md["sources"] = sources
    return md
