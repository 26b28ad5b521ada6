"""HTML: headings, paragraphs, list items and tables as lines; script/style/nav dropped."""

from __future__ import annotations

import re

from ..errors import ReadError
from ..model import Document
from .builder import RawText, build_document, decode_text

_DROP = {"script", "style", "nav", "noscript", "template", "head", "svg", "iframe", "object", "button", "form", "select"}
_BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre", "address",
          "dl", "dt", "dd", "figure", "figcaption", "center", "fieldset", "ul", "ol", "body", "html", "details", "summary"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def _decode(data: bytes, rel: str) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii", "replace").lower()
        if enc not in ("utf-8", "utf8"):
            try:
                return data.decode("cp1252" if enc in ("iso-8859-1", "latin-1", "latin1") else enc)
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(data, rel)[0]


def _inline_text(el) -> str:
    parts = []

    def walk(e):
        tag = e.tag if isinstance(e.tag, str) else ""
        if tag.lower() in _DROP:
            if e.tail:
                parts.append(e.tail)
            return
        if tag.lower() == "br":
            parts.append("\n")
        elif e.text and isinstance(e.tag, str):
            parts.append(e.text)
        for c in e:
            walk(c)
        if e.tail and e is not el:
            parts.append(e.tail)

    walk(el)
    return "".join(parts)


class _Renderer:
    def __init__(self, rt: RawText) -> None:
        self.rt = rt
        self.title: str | None = None

    def lines(self, text: str, sep: int = 2, prefix: str = "") -> None:
        chunks = [" ".join(x.split()) for x in text.split("\n")]
        chunks = [c for c in chunks if c]
        for k, c in enumerate(chunks):
            self.rt.para((prefix if k == 0 else "") + c, sep if k == 0 else 1)

    def walk(self, el, list_ctx: list | None = None) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _DROP:
            return
        if tag in _HEADINGS:
            text = " ".join(_inline_text(el).split())
            if text:
                self.rt.block("heading", text, level=_HEADINGS[tag])
            return
        if tag == "table":
            self.table(el)
            return
        if tag == "li":
            prefix = "- "
            if list_ctx is not None:
                kind, counter = list_ctx[0], list_ctx[1]
                list_ctx[1] += 1
                if kind == "ol":
                    prefix = f"{counter}. "
                elif kind == "ol-a":
                    prefix = f"{chr(ord('a') + (counter - 1) % 26)}. "
            self.mixed(el, sep=1, prefix=prefix)
            return
        if tag in ("ul", "ol"):
            typ = (el.get("type") or "").strip()
            kind = "ol-a" if tag == "ol" and typ == "a" else tag
            start = int(el.get("start")) if (el.get("start") or "").isdigit() else 1
            ctx = [kind, start]
            if el.text and el.text.strip():
                self.lines(el.text)
            for c in el:
                self.walk(c, ctx)
                if c.tail and c.tail.strip():
                    self.lines(c.tail)
            return
        self.mixed(el, sep=2)

    def mixed(self, el, sep: int, prefix: str = "") -> None:
        """Inline content becomes lines; block children are rendered on their own."""
        buf: list[str] = []
        first = [True]

        def flush():
            text = "".join(buf)
            buf.clear()
            if text.strip():
                self.lines(text, sep if first[0] else 2, prefix if first[0] else "")
                first[0] = False

        if el.text:
            buf.append(el.text)
        for c in el:
            ctag = c.tag.lower() if isinstance(c.tag, str) else ""
            if ctag in _BLOCK or ctag in _HEADINGS or ctag in ("table", "li", "ul", "ol") or ctag in _DROP:
                flush()
                if ctag not in _DROP:
                    self.walk(c)
            elif ctag == "br":
                buf.append("\n")
            elif ctag:
                buf.append(_inline_text(c))
            if c.tail:
                buf.append(c.tail)
        flush()

    def table(self, el) -> None:
        rows = []
        for tr in el.iter("tr"):
            cells = [" ".join(_inline_text(td).split()) for td in tr if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")]
            if cells:
                rows.append(cells)
        self.rt.table(rows)


def read_html(data: bytes, rel: str, limits=None) -> Document:
    """Read HTML bytes (at most ``limits.max_text`` characters of text).

    >>> doc = read_html(b"<html><title>T</title><body><h1>Kop</h1><p>Tekst</p></body></html>", "a.html")
    >>> doc.text, doc.title
    ('Kop\\n\\nTekst', 'T')
    """
    import lxml.html
    from lxml import etree

    text = _decode(data, rel)
    text = _CONTROL.sub(" ", text)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        raise ReadError.of("DM110", path=rel)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError.of("DM112", "html", path=rel, reason=exc) from None
    r = _Renderer(RawText.limited(rel, limits))
    t = root.find(".//title")
    title = " ".join((t.text_content() if t is not None else "").split()) or None
    body = root.find("body")
    r.walk(body if body is not None else root)
    metadata = {}
    if title:
        metadata["title"] = title
    for m in root.iter("meta"):
        name = (m.get("name") or "").lower()
        if name in ("author", "dcterms.creator", "dc.creator") and m.get("content"):
            metadata.setdefault("author", m.get("content").strip())
        if name in ("dcterms.modified", "dcterms.date", "date") and m.get("content"):
            metadata.setdefault("modified", m.get("content").strip())
    if not r.rt.length:
        raise ReadError.of("DM110", "html", path=rel)
    return build_document(rel, "html", r.rt, furniture=False, ocr=False, metadata=metadata, title=title)
