"""A table of contents: recognised, so that its lines are neither headings nor references and no
finding points into it (the text it lists stands, and is checked, further on).

A table of contents is a run of at least three lines that each end in a page number, the page
numbers never going down, with dot leaders ("1.2 Termijnen . . . . 7") on most of them or a
heading such as "Inhoud" (vocabulary ``toc_headings``) right above.
"""

from __future__ import annotations

import re

from ..vocabulary import current

# an entry: a title, then dot leaders / a tab / spaces, then the page number at the line's end
_ENTRY = re.compile(r"^[ \t]*(?P<title>\S.{1,150}?)(?P<lead>[ \t]*(?:\.[ \t]*){3,}|[ \t]*…+[ \t]*|\t+|[ \t]{2,}|[ \t])(?P<page>\d{1,4})[ \t]*$")
MIN_ENTRIES = 3


def _entry(line: str) -> tuple[int, bool] | None:
    """(page, has dot leaders) of a table-of-contents line, else None."""
    if not line.rstrip()[-1:].isdigit():  # most lines: no page number at the end, no entry
        return None
    m = _ENTRY.match(line)
    if m is None or not re.search(r"[^\W\d_]{2}", m.group("title")):
        return None
    return int(m.group("page")), "." in m.group("lead") or "…" in m.group("lead")


def _toc_headings() -> frozenset[str]:
    return current().derived("toc_headings", lambda voc: frozenset(str(w).lower() for w in voc.get("toc_headings", default=[])))


def toc_spans(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` spans of the tables of contents in ``text``.

    >>> t = "Inhoud\\n1 Inleiding . . . . 3\\n2 Aanvraag . . . . 5\\n2.1 Termijnen . . . 6\\n\\n1 Inleiding\\nDe tekst."
    >>> [t[s:e].splitlines()[0] for s, e in toc_spans(t)]
    ['1 Inleiding . . . . 3']
    """
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int, bool]] = []  # (start, end, dots) of the entries of the current run
    last_page = 0
    heading = False  # "Inhoud" right above the run
    previous = ""  # the last non-blank line
    pos = 0
    headings = _toc_headings()

    def close() -> None:
        nonlocal run
        if not run:
            return
        dots = sum(1 for _, _, d in run if d)
        if len(run) >= MIN_ENTRIES and (dots * 2 >= len(run) or heading):
            out.append((run[0][0], run[-1][1]))
        run = []

    for line in text.split("\n"):
        ls, pos = pos, pos + len(line) + 1
        if not line or line.isspace():
            continue  # blank lines (page breaks) do not end a run
        entry = _entry(line)
        if entry is not None and (not run or entry[0] >= last_page):
            if not run:
                heading = previous.strip().rstrip(":").lower() in headings
            run.append((ls, ls + len(line), entry[1]))
            last_page = entry[0]
        else:
            close()
            if entry is not None:  # a page number lower than the last: a new run may start here
                heading, last_page = False, entry[0]
                run.append((ls, ls + len(line), entry[1]))
        previous = line
    close()
    return out
