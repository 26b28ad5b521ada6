"""The small pieces every part of the HTML page uses: escaping, the embedded JSON, the templates,
a section, a search field over a list, a counted noun, a long list's first page."""

from __future__ import annotations

import re
from html import escape
from importlib import resources
from typing import Any

from ..sarif import _encode  # orjson when installed (same text), else the standard library

SEVERITY_PLURAL = {"error": "fouten", "warning": "waarschuwingen", "info": "info"}
TYPE_NL = {
    "term": "verouderde term",
    "pattern": "tekstpatroon",
    "required": "ontbrekend onderdeel",
    "duplicate": "dubbel of versie",
    "levels": "niveaus",
    "reference": "verwijzing",
}
LIST_PAGE = 50  # duplicate groups and level families shown at first; the others on "Toon alle" or a search

# A template's placeholders, ``<!--@name-->``
PLACEHOLDER = re.compile(r"(<!--@[a-z]+-->)")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


# Any character ``e`` would drop or escape: most cells have none, and one search is cheaper than
# the regex substitution plus five replaces (documents table and level tables ~2x faster).
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff&<>\"']")


def e(value: Any) -> str:
    """Escape anything for HTML text or a quoted attribute (control characters dropped)."""
    text = "" if value is None else value if type(value) is str else str(value)
    if not _NEEDS_ESCAPE.search(text):
        return text
    return escape(_CONTROL.sub("", text), quote=True)


def template(name: str) -> str:
    return resources.files("docmine.report").joinpath("templates", name).read_text(encoding="utf-8")


def embed_json_bytes(data: Any) -> bytes:
    """``embed_json`` as UTF-8 bytes (the page takes them as they are: no decoding and encoding
    again of the biggest part of the page)."""
    # "&", "<" and ">" are ASCII, so never part of a multi-byte UTF-8 sequence
    return _encode(data).replace(b"&", b"\\u0026").replace(b"<", b"\\u003c").replace(b">", b"\\u003e")


def embed_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left."""
    return embed_json_bytes(data).decode("utf-8")


def safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"^https?://", url, re.I) else None


def filter_box(target: str, label: str, placeholder: str, extra: str = "") -> str:
    """A text field that hides the rows (``data-filter-item``) of ``target`` that do not contain
    what is typed (report.js)."""
    return (f'<div class="section-filter" data-filter-target="{target}"><label for="{target}-q">{e(label)}</label> '
            f'<input id="{target}-q" type="search" placeholder="{e(placeholder)}" autocomplete="off">{extra}'
            f' <span class="muted" id="{target}-count" role="status" aria-live="polite"></span></div>')


def section(sid: str, title: str, content: str) -> str:
    return f'<section id="{sid}" aria-labelledby="{sid}-h"><h2 id="{sid}-h">{e(title)}</h2>{content}</section>'


def hidden_after_page(k: int) -> str:
    """The k-th item of a long list is hidden at first when it is past the first page (report.js
    shows the others on "Toon alle" or a search): a page of thousands of closed blocks is long to
    lay out and to scroll through."""
    return " hidden" if k >= LIST_PAGE else ""


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
