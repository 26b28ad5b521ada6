"""Plain text and Markdown: detect the encoding, strip NULs, form feed = page break."""

from __future__ import annotations

import re

from ..errors import ReadError
from ..model import Block, Document
from .builder import build_document, check_text_size, decode_text, looks_binary, text_too_large
from .normalize import to_normalized

# '# Titel', also without the space ('###Artikel 9': how converted wetten.overheid.nl texts write it)
_MD_HEADING = re.compile(r"(?m)^(#{1,6})[ \t]*([^#\s][^\n]*?)[ \t#]*$")
_MD_HASHES = re.compile(r"(?m)^#{1,6}(?=[ \t]*[^#\s])[ \t]*")
# markup that is not text, blanked (same length, so positions still map onto the file):
# HTML tags ('<meta http-equiv=...>' above a converted law), emphasis around a word
# ('*aanbieder:*'), and a link's brackets and address ('[artikel 16](../wet/.../README.md)')
_MD_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\S)([^*_\n]*?\S)\1(?![\w*])")
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]*)\)")


# a pipe table (Markdown, or text exported from a wiki): rows of cells between '|', and under the
# header row a rule of dashes ('|---|:--:|')
_PIPE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_PIPE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?$")


def pipe_tables(text: str) -> list[tuple[list[list[str]], int, int, None]]:
    """The pipe tables in ``text``: (rows of cells, start, end, None), the header row first and
    the rule of dashes left out.

    >>> pipe_tables("Tarieven\n| Niveau | Tarief |\n|---|---|\n| basis | € 40 |\n| plus | € 60 |\nEinde")[0][0]
    [['Niveau', 'Tarief'], ['basis', '€ 40'], ['plus', '€ 60']]
    """
    out: list[tuple[list[list[str]], int, int, None]] = []
    if "|" not in text:
        return out
    run: list[tuple[int, str]] = []  # (offset, line) of consecutive '|' lines
    pos = 0
    for line in text.split("\n") + [""]:
        if _PIPE_ROW.match(line):
            run.append((pos, line))
        else:
            if len(run) >= 3 and _PIPE_RULE.match(run[1][1]):
                rows = [[cell.strip() for cell in ln.strip().strip("|").split("|")]
                        for i, (_, ln) in enumerate(run) if i != 1]
                out.append((rows, run[0][0], run[-1][0] + len(run[-1][1]), None))
            run = []
        pos += len(line) + 1
    return out


def _blank(m: re.Match, keep: int) -> str:
    """The match with everything but group ``keep`` turned into spaces."""
    a, b = m.span(keep)
    s, e = m.span()
    return " " * (a - s) + m.group(keep) + " " * (e - b)


def markdown_as_text(text: str) -> str:
    """Markdown markup blanked: heading '#'s, HTML tags, emphasis, link brackets and addresses.

    >>> markdown_as_text("###Artikel 9\\n–  *wet:* [de Jeugdwet](../jeugdwet/README.md)")
    '   Artikel 9\\n–   wet:   de Jeugdwet                        '
    """
    text = _MD_HASHES.sub(lambda m: " " * len(m.group(0)), text)
    text = _MD_TAG.sub(lambda m: " " * len(m.group(0)), text)
    text = _MD_LINK.sub(lambda m: _blank(m, 1), text)
    return _MD_EMPHASIS.sub(lambda m: _blank(m, 2), text)


def read_text(data: bytes, rel: str, fmt: str = "txt", limits=None) -> Document:
    """Read a .txt or .md file's bytes (at most ``limits.max_text`` characters).

    >>> read_text("De cliënt\\fpagina twee".encode("cp1252"), "a.txt").pages[1].number
    2
    """
    limit = getattr(limits, "max_text", 0) or 0
    if limit and len(data) > 4 * limit:  # more characters than the limit whatever the encoding
        raise text_too_large(rel, limit)
    text, encoding = decode_text(data, rel)
    check_text_size(text, rel, limits)
    if looks_binary(text):
        raise ReadError.of("DM109", path=rel)
    if not text.replace("\x00", "").strip():
        raise ReadError.of("DM110", path=rel)
    warnings = []
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"tekst gelezen als {encoding}")
    headings: list[tuple[int, int, int]] = []
    if fmt == "md":
        # '# Artikel 1 Begrippen' -> 'Artikel 1 Begrippen' (markup blanked, same length)
        for m in _MD_HEADING.finditer(text):
            headings.append((m.start(2), m.end(2), len(m.group(1))))
        text_md = markdown_as_text(text)
        doc = build_document(rel, fmt, text_md, page_starts=None, furniture=True, ocr=True, warnings=warnings,
                             tables=pipe_tables(text))
        # map back onto the original text (blanking kept lengths equal)
        for a, b, level in headings:
            s, e = to_normalized(doc.source_map, a), to_normalized(doc.source_map, b)
            doc.blocks.append(Block("heading", s, max(s, e), level))
        # the title: the first heading (a converted law starts at '##')
        title = " ".join(text_md[headings[0][0]:headings[0][1]].split()) if headings else ""
        if title:
            doc.title = title
            doc.metadata.setdefault("title", title)
    else:
        doc = build_document(rel, fmt, text, page_starts=None, furniture=True, ocr=True, warnings=warnings,
                             tables=pipe_tables(text))
    doc.metadata.setdefault("encoding", encoding)
    return doc
